"""`make bench`: timings on generated data, never asserted in tests.

Platform figures: the cost of one audit row (every read of personal data writes one) and of
checking the whole hash chain. Runs on a throw-away SQLite file, or on the database in
TSUNAGU_BENCH_DATABASE_URL (it must be empty: the bench migrates it and fills it).
"""

import os
import statistics
import sys
import tempfile
import time

EVENTS = int(os.environ.get("TSUNAGU_BENCH_EVENTS", "20000"))


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="tsunagu-bench-")
    os.environ.setdefault("TSUNAGU_SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnop")
    os.environ["TSUNAGU_DATA_DIR"] = workdir
    os.environ["TSUNAGU_DATABASE_URL"] = os.environ.get(
        "TSUNAGU_BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tsunagu.audit.services import record_event, verify_chain
    from tsunagu.demo.town import build_town

    call_command("migrate", verbosity=0)
    build_town()
    print(f"database: {connection.vendor}; events: {EVENTS}")

    timings = []
    for n in range(EVENTS):
        started = time.perf_counter()
        record_event(
            actor=None,
            action="view",
            object_type="cases.case",
            object_id=n,
            actor_label="bench@example.jp",
            detail={"n": n},
        )
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(f"record_event: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms")

    started = time.perf_counter()
    checked, problems = verify_chain()
    elapsed = time.perf_counter() - started
    print(
        f"verify_chain: {checked} events in {elapsed:.2f} s "
        f"({checked / elapsed:,.0f} events/s), {len(problems)} problems"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
