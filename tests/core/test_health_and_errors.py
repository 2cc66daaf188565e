import subprocess
import sys
import tempfile
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.mark.django_db
def test_healthz_reports_the_database_the_queue_and_the_disk() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["queue"], body["queue_lag_seconds"]) == (
        "ok",
        "ok",
        "ok",
        None,
    )
    assert body["disk"] == "ok" and 0 < body["disk_free_share"] <= 1


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down() -> None:
    with mock.patch("tsunagu.core.health.connection.cursor", side_effect=OperationalError("down")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_a_worker_behind_or_a_full_disk_is_degraded_but_still_serves() -> None:
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    # A task queued an hour ago that no worker has taken.
    waiting = DBTaskResult.objects.create(
        status="READY",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="tsunagu.notifications.tasks.send_notification_emails",
        queue_name="default",
        backend_name="default",
        run_after=timezone.now() - dt.timedelta(hours=1),
    )
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(hours=1)
    )
    body = Client().get("/healthz").json()
    assert body["status"] == "degraded" and body["queue"] == "behind"
    assert body["queue_lag_seconds"] >= 3600
    DBTaskResult.objects.all().delete()
    full = mock.Mock(total=100 * 1024**3, free=100 * 1024**2)
    with mock.patch("tsunagu.core.health.shutil.disk_usage", return_value=full):
        response = Client().get("/healthz")
    assert response.status_code == 200 and response.json()["disk"] == "low"


def test_a_page_gives_the_503_page_when_the_database_is_down(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.lead_consultant)
    client.raise_request_exception = False
    with mock.patch("tsunagu.core.views.panels.panels_for", side_effect=OperationalError("gone")):
        response = client.get("/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "一時的に利用できません" in body
    assert "Traceback" not in body and "OperationalError" not in body


def _settings_import(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": "/usr/bin:/bin", "TSUNAGU_DATA_DIR": tempfile.gettempdir(), **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import tsunagu.config.settings"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_server_refuses_the_demo_secret_outside_demo_mode() -> None:
    from tsunagu.config.settings import DEMO_SECRET_KEY

    refused = _settings_import({"TSUNAGU_SECRET_KEY": DEMO_SECRET_KEY})
    assert refused.returncode != 0
    assert "only accepted with TSUNAGU_DEMO=1" in refused.stderr
    assert (
        _settings_import({"TSUNAGU_SECRET_KEY": DEMO_SECRET_KEY, "TSUNAGU_DEMO": "1"}).returncode
        == 0
    )


def test_a_missing_secret_is_refused_with_instructions() -> None:
    refused = _settings_import({})
    assert refused.returncode != 0
    assert "TSUNAGU_SECRET_KEY" in refused.stderr


def test_secrets_can_come_from_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret"
    secret.write_text("a-secret-from-a-file-0123456789-abcdefghijklmnopqrstuvwxyz\n")
    ok = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "from django.conf import settings; import django; print(settings.SECRET_KEY[:13])",
        ],
        env={
            "PATH": "/usr/bin:/bin",
            "TSUNAGU_SECRET_KEY_FILE": str(secret),
            "DJANGO_SETTINGS_MODULE": "tsunagu.config.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.stdout.strip() == "a-secret-from", ok.stderr


def test_debug_is_off_unless_asked(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.DEBUG is False


def test_security_headers_on_every_page(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(response["X-Request-ID"]) >= 8


def test_hsts_over_https(db, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = Client().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
