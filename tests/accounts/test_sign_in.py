"""Signing in as a consultant would: wrong passwords, lockout, the second factor, idle expiry."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.fixtures import enrol_totp
from tests.personas import PASSWORD
from tsunagu.accounts.choices import Role
from tsunagu.audit.models import AuditEvent


def _login(client: Client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"email": email, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _a_few_seconds_later(device: TOTPDevice) -> None:
    """django-otp throttles a device for a moment after a wrong code; let that moment pass."""
    device.refresh_from_db()
    device.throttle_reset()


def test_wrong_password_says_so_in_japanese_and_is_audited(cast) -> None:  # type: ignore[no-untyped-def]
    response = _login(Client(), cast.lead_consultant.email, "wrong")
    assert response.status_code == 200
    assert "メールアドレスまたはパスワードが違います" in response.content.decode()
    event = AuditEvent.objects.filter(action="login_failed").latest("id")
    assert event.actor_label == cast.lead_consultant.email
    assert event.object_id == str(cast.lead_consultant.pk)


def test_unknown_email_gets_the_same_message(db) -> None:  # type: ignore[no-untyped-def]
    response = _login(Client(), "nobody@example.jp", "whatever")
    assert "メールアドレスまたはパスワードが違います" in response.content.decode()
    assert AuditEvent.objects.filter(
        action="login_failed", actor_label="nobody@example.jp"
    ).exists()


def test_repeated_failures_lock_the_account(cast, settings) -> None:  # type: ignore[no-untyped-def]
    email = cast.colleague.email
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(Client(), email, "wrong")
    response = _login(Client(), email, "wrong")
    assert response.status_code == 429
    assert "一時的にロックされています" in response.content.decode()
    # Even the right password is refused while locked.
    response = _login(Client(), email)
    assert response.status_code == 429
    assert AuditEvent.objects.filter(action="locked_out", actor_label=email).exists()
    # Someone else in the same office is not locked.
    assert _login(Client(), cast.lead_consultant.email).status_code == 302


def test_a_case_role_without_a_second_factor_must_enrol_before_anything(cast) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    response = _login(client, cast.lead_consultant.email)
    assert response.status_code == 302
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    page = client.get("/accounts/two-factor/").content.decode()
    assert "<svg" in page and "二段階認証の設定" in page
    device = TOTPDevice.objects.get(user=cast.lead_consultant, confirmed=False)
    wrong = client.post("/accounts/two-factor/", {"code": "000000"})
    assert "確認コードが一致しません" in wrong.content.decode()
    _a_few_seconds_later(device)
    response = client.post("/accounts/two-factor/", {"code": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="otp_enrolled", actor=cast.lead_consultant).exists()


def test_an_enrolled_user_gives_the_code_after_the_password(cast) -> None:  # type: ignore[no-untyped-def]
    device = enrol_totp(cast.auditor)
    client = Client()
    response = _login(client, cast.auditor.email)
    assert response["Location"].startswith("/accounts/verify/")
    assert client.get("/").status_code == 302  # not signed in yet
    wrong = client.post("/accounts/verify/", {"code": "123456"})
    assert "確認コードが違うか" in wrong.content.decode()
    assert AuditEvent.objects.filter(action="otp_failed", actor_label=cast.auditor.email).exists()
    _a_few_seconds_later(device)
    response = client.post("/accounts/verify/", {"code": " ".join(_code(device))})  # spaces ok
    assert response.status_code == 302
    assert client.get("/audit/").status_code == 200
    login = AuditEvent.objects.filter(action="login", actor=cast.auditor).latest("id")
    assert login.detail == {"second_factor": True}


def test_a_reporter_needs_no_second_factor(cast) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    _login(client, cast.reporter.email)
    assert client.get("/").status_code == 200


def test_the_demo_setting_relaxes_the_second_factor(cast, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REQUIRE_TWO_FACTOR = False
    client = Client()
    _login(client, cast.lead_consultant.email)
    assert client.get("/").status_code == 200


def test_idle_session_expiry_is_explained_and_audited(cast, settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    settings.REQUIRE_TWO_FACTOR = False
    client = Client()
    _login(client, cast.lead_consultant.email)
    client.session.flush()  # what the idle timeout does on the server side
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()
    response = client.get("/", follow=True)
    body = response.content.decode()
    assert "30分間操作がなかったため、ログアウトしました" in body
    assert AuditEvent.objects.filter(
        action="session_expired", actor_label=cast.lead_consultant.email
    ).exists()


def test_a_forged_csrf_token_is_refused_with_a_message_and_audited(cast) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    response = client.post(
        "/accounts/login/",
        {
            "email": cast.lead_consultant.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": "forged" * 8,
        },
    )
    assert response.status_code == 403
    assert "送信を受け付けられませんでした" in response.content.decode()
    assert AuditEvent.objects.filter(action="csrf_failure").exists()


def test_sign_out_is_audited(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.manager)
    response = client.post("/accounts/logout/", follow=True)
    assert "ログアウトしました" in response.content.decode()
    assert AuditEvent.objects.filter(action="logout", actor=cast.manager).exists()


def test_passwords_are_hashed_with_argon2(db, settings) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.config import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    from tsunagu.accounts.services import create_user

    user = create_user(
        actor=None,
        email="new@example.jp",
        display_name="新人 職員",
        password="a long enough password",
    )
    assert user.password.startswith("argon2")


def test_the_account_administrator_manages_accounts_but_reads_no_audit(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    admin = cast.admin
    admin.refresh_from_db()
    assert admin.is_staff and not admin.is_superuser
    client = client_for(admin)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/audit/auditevent/").status_code == 403
    assert client.get("/audit/").status_code == 404
    assert not admin.has_role(*Role.values[:5])


@pytest.mark.parametrize("path", ["/admin/", "/admin/accounts/organization/"])
def test_case_workers_cannot_open_the_administration_site(cast, client_for, path) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.lead_consultant).get(path)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_use_keeps_the_session_alive(cast, client_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    from django.contrib.sessions.models import Session

    client = client_for(cast.lead_consultant)
    client.get("/")
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date == first  # not rewritten each page
    later = time.time() + 120
    monkeypatch.setattr(time, "time", lambda: later)
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date > first


def test_a_role_taken_away_ends_on_the_next_page(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    """The signed-in user and their roles are read once per request (AccountBackend): a
    membership the administrator ends closes the case pages at once, and a user left with no
    role still reaches their own pages."""
    client = client_for(cast.lead_consultant)
    assert client.get("/cases/").status_code == 200
    cast.lead_consultant.memberships.update(is_active=False)
    assert client.get("/cases/").status_code == 404
    assert client.get("/accounts/preferences/").status_code == 200


def test_each_page_reads_the_user_roles_and_unread_count_in_one_query(
    cast, client_for, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from tsunagu.notifications.models import Kind
    from tsunagu.notifications.services import notify

    notify(users=[cast.lead_consultant], kind=Kind.ASSIGNMENT, message="チームに追加されました")
    client = client_for(cast.lead_consultant)
    client.get("/accounts/preferences/")
    # The session, the user with their roles and the header's count, the second factor's device.
    with django_assert_num_queries(3):
        page = client.get("/accounts/preferences/").content.decode()
    assert "未読1件" in page
