"""The API fuzzed from its own OpenAPI document (schemathesis): every operation, with a lead
consultant's token and a partner's, gets generated input — valid and not — and must answer
without a server error and with a body that fits the schema it declares. Bounded (a few examples
per operation, derandomized) so that it fits the suite's time; what it found is fixed in the
code, not silenced here."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tests.fixtures import token_for

# The document is read from the app itself (no network), once, when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
# Valid input and invalid alike: bad input must be answered as such, never with a 500.
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], with_security_parameters=False
)
# The generated examples and the fuzzing phase; the coverage phase (every boundary of every
# parameter, every unsupported method) is left to a run of its own: it would triple the time.
schema.config.phases.update(phases=["examples", "fuzzing"])
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():  # type: ignore[no-untyped-def]
    """As Django's test client does: a request's end must not close the connection that holds
    the test's transaction (PostgreSQL would lose it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


FUZZ = settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _call_as(token: str, case) -> None:  # type: ignore[no-untyped-def]
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])


@pytest.fixture
def lead_token(cast) -> str:  # type: ignore[no-untyped-def]
    return token_for(cast.lead_consultant)


@pytest.fixture
def partner_token(cast) -> str:  # type: ignore[no-untyped-def]
    return token_for(cast.partner_with_consent)


@schema.parametrize()
@FUZZ
def test_as_the_lead_consultant(case, lead_token) -> None:  # type: ignore[no-untyped-def]
    _call_as(lead_token, case)


@schema.parametrize()
@FUZZ
def test_as_a_partner_with_consent(case, partner_token) -> None:  # type: ignore[no-untyped-def]
    _call_as(partner_token, case)
