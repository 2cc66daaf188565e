"""The daily work: each app registers its daily task in `AppConfig.ready()` (referral escalations,
the search index after ended grants, quiet outreach), and `tsunagu daily` queues them all for
`tsunagu worker`. Thus core names none of the apps it runs."""

from typing import Any

from django.tasks import Task

from tsunagu.core.registry import Registry

daily_tasks: Registry[Task[..., Any]] = Registry()


def register_daily(task: Task[..., Any]) -> None:
    daily_tasks.register(task.name, task)
