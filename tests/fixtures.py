"""Fixtures: the town, the cast, and signed-in clients."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import personas as P
from tsunagu.accounts import services
from tsunagu.accounts.models import Organization, User
from tsunagu.demo.town import build_town


@pytest.fixture
def town(db: None) -> dict[str, Organization]:
    """The demo town's districts and organizations (and its demo users)."""
    build_town()
    return {o.name: o for o in Organization.objects.all()}


def make_user(persona: P.Persona, organizations: dict[str, Organization]) -> User:
    user = services.create_user(
        actor=None, email=persona.email, display_name=persona.name, password=P.PASSWORD
    )
    services.grant_role(
        actor=None, user=user, organization=organizations[persona.organization], role=persona.role
    )
    return user


@pytest.fixture
def cast(town: dict[str, Organization]) -> SimpleNamespace:
    """Every persona of tests/personas.py as a saved user, by key."""
    return SimpleNamespace(**{p.key: make_user(p, town) for p in P.ALL})


def enrol_totp(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)


def token_for(user: User, **options: Any) -> str:
    """A personal API token for `user`, who first sets up the second factor (as every role that
    reads case data must before a token is issued)."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        enrol_totp(user)
    _, raw = services.issue_api_token(actor=None, user=user, **options)
    return raw


def sign_in(client: Client, user: User, *, verified: bool = True) -> Client:
    """Open a session for `user`; `verified` also marks the second factor as passed."""
    client.force_login(user, backend="tsunagu.accounts.backends.AccountBackend")
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrol_totp(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(db: None) -> Callable[..., Client]:
    """client_for(user) → a Client signed in as that user, second factor passed."""

    def make(user: User | None, *, verified: bool = True) -> Client:
        client = Client()
        return sign_in(client, user, verified=verified) if user is not None else client

    return make
