"""`make load`: 100 anonymous visitors at once on the public pages and the feeds, served by the
production server (gunicorn) over the demo town; the error count and the p95 are checked
against the goal (0 errors, p95 ≤ 200 ms) and the run fails when they miss it.

Environment: TSUNAGU_LOAD_USERS (100), TSUNAGU_LOAD_SECONDS (60), TSUNAGU_LOAD_WORKERS
(gunicorn workers: one per CPU, at least 2), TSUNAGU_DATABASE_URL to load PostgreSQL instead
of a fresh SQLite demo."""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

USERS = int(os.environ.get("TSUNAGU_LOAD_USERS", "100"))
SECONDS = int(os.environ.get("TSUNAGU_LOAD_SECONDS", "60"))
WORKERS = int(os.environ.get("TSUNAGU_LOAD_WORKERS", str(max(2, os.cpu_count() or 2))))
P95_GOAL_MS = 200
PORT = 8031
BIN = Path(sys.executable).parent


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url}")


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="tsunagu-load-"))
    env = {**os.environ, "TSUNAGU_DATA_DIR": str(data), "TSUNAGU_DEMO": "1"}
    env.pop("TSUNAGU_DEBUG", None)
    tsunagu = str(BIN / "tsunagu")
    subprocess.run([tsunagu, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([tsunagu, "seed_demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "tsunagu.config.wsgi:application",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={WORKERS}",
            "--access-logfile=-"
            if os.environ.get("TSUNAGU_LOAD_ACCESS_LOG")
            else "--log-level=warning",
        ],
        env=env,
    )
    try:
        _wait_for(f"http://127.0.0.1:{PORT}/public/")
        stats = data / "load"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                f"--users={USERS}",
                f"--spawn-rate={max(1, USERS // 5)}",
                f"--run-time={SECONDS}s",
                f"--host=http://127.0.0.1:{PORT}",
                f"--csv={stats}",
                "--only-summary",
            ],
            env=env,
            check=False,
        )
        with open(f"{stats}_stats.csv", newline="") as file:
            rows = {row["Name"]: row for row in csv.DictReader(file)}
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = rows["Aggregated"]
    failures, requests = int(total["Failure Count"]), int(total["Request Count"])
    p95 = float(total["95%"])
    print(
        f"\n{USERS} visitors for {SECONDS} s, {WORKERS} gunicorn workers: {requests:,} requests "
        f"({float(total['Requests/s']):.0f}/s), {failures} errors, "
        f"p50 {float(total['50%']):.0f} ms, p95 {p95:.0f} ms (goal: 0 errors, p95 ≤ {P95_GOAL_MS} ms)"
    )
    shutil.rmtree(data, ignore_errors=True)
    sys.exit(0 if failures == 0 and p95 <= P95_GOAL_MS else 1)


if __name__ == "__main__":
    main()
