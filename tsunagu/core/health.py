"""健康状態 (health) for the load balancer and monitoring: does the database answer, how long has
the oldest task waited for the worker, how much disk is left for the data. The database alone
decides whether this node serves (503 takes it out of the balancer); a worker behind or a disk
filling up makes the answer "degraded", for monitoring to raise, while the node still serves."""

import logging
import shutil
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

#: A task ready this long ago and not yet taken: the worker is down or cannot keep up.
QUEUE_LAG_LIMIT_SECONDS = 15 * 60
#: Less free than this under the data directory (uploads, the SQLite file, backups): alert.
DISK_FREE_MIN_BYTES = 1024**3
DISK_FREE_MIN_SHARE = 0.05


@dataclass(frozen=True)
class Health:
    database: bool
    queue_lag_seconds: int | None  # None: nothing is waiting
    disk_free_bytes: int
    disk_free_share: float

    @property
    def queue_behind(self) -> bool:
        return (
            self.queue_lag_seconds is not None and self.queue_lag_seconds > QUEUE_LAG_LIMIT_SECONDS
        )

    @property
    def disk_low(self) -> bool:
        return (
            self.disk_free_bytes < DISK_FREE_MIN_BYTES or self.disk_free_share < DISK_FREE_MIN_SHARE
        )

    @property
    def status(self) -> str:
        if not self.database:
            return "unavailable"
        return "degraded" if self.queue_behind or self.disk_low else "ok"

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "database": "ok" if self.database else "unavailable",
            "queue": "unknown" if not self.database else "behind" if self.queue_behind else "ok",
            "queue_lag_seconds": self.queue_lag_seconds,
            "disk": "low" if self.disk_low else "ok",
            "disk_free_share": round(self.disk_free_share, 3),
        }


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unavailable")
        return False
    return True


def _queue_lag() -> int | None:
    """Seconds since the oldest task became ready to run (django-tasks' database queue)."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", "run_after")
        .first()
    )
    if oldest is None:
        return None
    enqueued, run_after = oldest
    ready_since = min(max(enqueued, run_after), now) if run_after.year < 9999 else enqueued
    return max(0, int((now - ready_since).total_seconds()))


def health() -> Health:
    database = _database()
    usage = shutil.disk_usage(
        settings.DATA_DIR if settings.DATA_DIR.exists() else settings.BASE_DIR
    )
    return Health(
        database=database,
        queue_lag_seconds=_queue_lag() if database else None,
        disk_free_bytes=usage.free,
        disk_free_share=usage.free / usage.total if usage.total else 0.0,
    )
