"""Configuration from the environment only (12-factor); secrets may come from `NAME_FILE`."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def get(name: str, default: str = "") -> str:
    """The value of `name`, or the contents of the file named by `name_FILE` (Docker/systemd
    secrets), or `default`."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={path} cannot be read: {error}") from error
    return default


def get_bool(name: str, default: bool = False) -> bool:
    value = get(name, "1" if default else "0").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


def get_int(name: str, default: int) -> int:
    value = get(name, str(default))
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def get_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in get(name, default).split(",") if item.strip()]
