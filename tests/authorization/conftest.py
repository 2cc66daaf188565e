"""One world per test module: built inside a transaction of its own, which every test's own
transaction (pytest-django's `db`) nests in, and rolled back when the module ends, so the rest
of the suite never sees it."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.authorization.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)
