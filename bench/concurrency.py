"""Concurrent readers: does one reader's audit row make the others wait?

Each reader is a process of its own (a server worker: no GIL shared with the others) with its
own database connection and the same signed-in session. All start together at a barrier and
read the same page `runs` times; every request's server time is kept.
"""

import multiprocessing
import random
import time
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Barrier
from typing import Any

WARM_UP = 3


def _read(
    cookie: str,
    path: str,
    runs: int,
    interval: float,
    barrier: Barrier,
    results: Connection,
    failures: Connection,
) -> None:
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    samples: list[float] = []
    try:
        # Its own connection, its statements prepared, its templates loaded: what a server
        # worker that has served a few requests already has.
        for _ in range(WARM_UP):
            assert client.get(path).status_code == 200  # noqa: S101 - a bench, not a check
        barrier.wait()
        # Paced readers start at random phases, so that they meet by chance, not in step.
        next_start = time.perf_counter() + random.random() * interval  # noqa: S311
        for _ in range(runs):
            time.sleep(max(0.0, next_start - time.perf_counter()))
            next_start += interval
            started = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)  # noqa: S101
    except BaseException as error:  # the parent reports it; a reader must not hang the barrier
        barrier.abort()
        failures.send(repr(error))
    finally:
        results.send(samples)
        connections.close_all()


def concurrent_reads(
    cookie: str, path: str, readers: int, runs: int, interval: float = 0.0
) -> list[float]:
    """Server times (ms) of `readers` processes reading `path` `runs` times each, all at once:
    each as fast as it can, or, with `interval` (s), one read every `interval` (a worker who
    reads, then works on what they read)."""
    from django.db import connections

    # A forked child must not share the parent's socket to the database.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(readers)
    pipes = [context.Pipe(duplex=False) for _ in range(readers)]
    errors = [context.Pipe(duplex=False) for _ in range(readers)]
    processes = [
        context.Process(
            target=_read,
            args=(cookie, path, runs, interval, barrier, pipe[1], error[1]),
            daemon=True,
        )
        for pipe, error in zip(pipes, errors, strict=True)
    ]
    for process in processes:
        process.start()
    samples: list[float] = []
    problems: list[str] = []
    for (receive, _), (failed, _) in zip(pipes, errors, strict=True):
        samples.extend(receive.recv())
        if failed.poll():
            problems.append(failed.recv())
    for process in processes:
        process.join()
    if problems:
        raise RuntimeError(f"{len(problems)} reader(s) failed: {problems[0]}")
    return samples


def partner_worker(case: Any) -> Any:
    """A worker of an agency on the case's team whose consent is in force (furnish gives two):
    not the lead, so every read of theirs is a 情報提供記録. Made once if the agency has none."""
    from tsunagu.accounts.models import User
    from tsunagu.accounts.services import create_user, grant_role
    from tsunagu.sharing.access import case_access

    for member in case.team.filter(left_at__isnull=True).select_related("organization"):
        organization = member.organization
        email = f"bench-partner-{organization.pk}@bench.example"
        worker = User.objects.filter(email=email).first()
        if worker is None:
            worker = create_user(actor=None, email=email, display_name="ベンチ 連携先職員")
            grant_role(actor=None, user=worker, organization=organization, role="consultant")
        access = case_access(worker, case)
        if not access.is_lead and access.categories:
            return worker
    raise LookupError(f"case #{case.pk} has no partner with a consent in force")
