"""`tsunagu serve`: the production server (gunicorn) answers, and its access log keeps the path
but never the query string (a name typed into a lookup, a search word)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tsunagu.core.management.commands.serve import read_bind

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_bind_that_is_no_address_is_refused() -> None:
    assert read_bind("8001") == "127.0.0.1:8001"
    assert read_bind("0.0.0.0:8000") == "0.0.0.0:8000"
    for wrong in ("localhost", "127.0.0.1:http", "127.0.0.1:70000"):
        with pytest.raises(CommandError, match="HOST:PORT"):
            call_command("serve", bind=wrong)


def test_the_production_server_serves_and_logs_no_query(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TSUNAGU_DATA_DIR": str(tmp_path),
        "TSUNAGU_DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3",
        "TSUNAGU_SECRET_KEY": "serve-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "TSUNAGU_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "tsunagu.config.settings",
    }
    env.pop("TSUNAGU_DEBUG", None)
    subprocess.run([str(BIN / "tsunagu"), "migrate", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
    port = _free_port()
    log = tmp_path / "access.log"
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603
            [str(BIN / "tsunagu"), "serve", f"--bind=127.0.0.1:{port}", "--workers=1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as page:  # noqa: S310
                        assert page.status == 200
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.2)
            else:
                pytest.fail("the server did not answer")
            query = urllib.parse.quote("山田太郎")
            with contextlib.suppress(urllib.error.HTTPError):  # to sign in first: 302 → 200
                urllib.request.urlopen(f"http://127.0.0.1:{port}/people/candidates/?name={query}")  # noqa: S310
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=20)
    written = log.read_text()
    assert "/accounts/login/" in written and "/people/candidates/" in written
    assert query not in written and "山田" not in written and "name=" not in written
