"""The API as a script or another municipal system would use it."""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from tests.fixtures import enrol_totp, token_for
from tsunagu.accounts.models import ApiToken
from tsunagu.accounts.services import issue_api_token, revoke_api_token
from tsunagu.audit.models import AuditEvent


def _bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_me_with_a_personaltoken_for(cast) -> None:  # type: ignore[no-untyped-def]
    raw = token_for(cast.coordinator, name="集計スクリプト")
    response = Client().get("/api/v1/me", **_bearer(raw))
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == cast.coordinator.email
    assert body["organization"]["name"] == "社会福祉法人 つなぐ町社会福祉協議会"
    assert body["roles"] == ["coordinator"]
    assert body["two_factor_required"] is True


def test_tokens_are_stored_hashed(cast) -> None:  # type: ignore[no-untyped-def]
    enrol_totp(cast.manager)
    token, raw = issue_api_token(actor=None, user=cast.manager)
    assert raw not in {token.token_hash, token.prefix} and len(token.token_hash) == 64
    assert not ApiToken.objects.filter(token_hash=raw).exists()


def test_an_unknown_token_is_refused_in_japanese_and_audited(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/me", **_bearer("tsu_not-a-real-token"))
    assert response.status_code == 401
    assert "APIトークンが無効" in response.json()["detail"]
    event = AuditEvent.objects.get(action="api_auth_failed")
    assert event.detail == {"prefix": "tsu_not-a-re", "reason": "unknown"}


def test_a_revoked_token_is_refused(cast) -> None:  # type: ignore[no-untyped-def]
    enrol_totp(cast.manager)
    token, raw = issue_api_token(actor=None, user=cast.manager)
    revoke_api_token(actor=cast.admin, token=token)
    response = Client().get("/api/v1/me", **_bearer(raw))
    assert response.status_code == 401
    event = AuditEvent.objects.filter(action="api_auth_failed").latest("id")
    assert event.actor_label == cast.manager.email and event.detail["reason"] == "revoked"


def test_a_token_of_a_deactivated_user_is_refused(cast) -> None:  # type: ignore[no-untyped-def]
    raw = token_for(cast.manager)
    cast.manager.is_active = False
    cast.manager.save()
    assert Client().get("/api/v1/me", **_bearer(raw)).status_code == 401


def test_the_browser_session_works_once_the_second_factor_is_passed(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(cast.lead_consultant, verified=False).get("/api/v1/me").status_code == 401
    response = client_for(cast.lead_consultant).get("/api/v1/me")
    assert response.status_code == 200 and response.json()["roles"] == ["consultant"]


def test_anonymous_gets_401(db) -> None:  # type: ignore[no-untyped-def]
    assert Client().get("/api/v1/me").status_code == 401


def test_openapi_document(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert "/api/v1/me" in document["paths"]
    assert {"ApiTokenAuth", "SessionAuth"} <= set(document["components"]["securitySchemes"])


def test_issue_token_prints_the_token_once(cast) -> None:  # type: ignore[no-untyped-def]
    enrol_totp(cast.auditor)
    out, err = StringIO(), StringIO()
    call_command(
        "issue_token", cast.auditor.email, "--name", "監査スクリプト", stdout=out, stderr=err
    )
    raw = out.getvalue().strip()
    assert raw.startswith("tsu_") and "shown only now" in err.getvalue()
    assert Client().get("/api/v1/me", **_bearer(raw)).json()["email"] == cast.auditor.email
    assert AuditEvent.objects.filter(action="token_issued").exists()
