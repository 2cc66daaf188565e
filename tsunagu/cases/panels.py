def register_all() -> None:
    """Filled in below, once the selectors exist."""
