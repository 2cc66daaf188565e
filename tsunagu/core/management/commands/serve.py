"""`tsunagu serve`: the production server. Gunicorn (pinned in requirements.lock) runs the WSGI
application in worker processes; static files come from WhiteNoise inside the application, and
uploaded documents only through their views (each read checked and audited), never from a
directory the web server lists.

The access log holds no personal data: it records the path without its query string (a search
word or a name typed into a lookup is never written), the status and the time taken."""

import multiprocessing
import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

#: Gunicorn's access-log format with the path alone (%(U)s), never the query (%(q)s).
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


def default_workers() -> int:
    """Two per CPU and one, as gunicorn advises, at most eight (each holds a database
    connection and Sudachi's dictionary)."""
    return min(2 * multiprocessing.cpu_count() + 1, 8)


def read_bind(value: str) -> str:
    """HOST:PORT (a port alone listens on 127.0.0.1), or unix:/path."""
    if value.startswith("unix:"):
        return value
    host, _sep, port = value.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"--bind {value!r}: give HOST:PORT, e.g. 127.0.0.1:8000")
    return f"{host or '127.0.0.1'}:{port}"


class Command(BaseCommand):
    help = "Serve Tsunagu with the production server (gunicorn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("TSUNAGU_BIND", "127.0.0.1:8000"),
            help="HOST:PORT or unix:/path to listen on (TSUNAGU_BIND; default 127.0.0.1:8000: "
            "behind the reverse proxy).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("TSUNAGU_WORKERS", "0")) or default_workers(),
            help="Worker processes (TSUNAGU_WORKERS; default two per CPU and one, at most 8).",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=60,
            help="Seconds a request may take before its worker is restarted (a year's PDF is "
            "well under this).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings
        from gunicorn.app.base import BaseApplication

        if settings.DEBUG:
            raise ImproperlyConfigured("tsunagu serve is the production server: set DEBUG off.")
        bind = read_bind(options["bind"])
        if options["workers"] < 1:
            raise CommandError("--workers: at least 1.")
        config = {
            "bind": bind,
            "workers": options["workers"],
            "timeout": options["timeout"],
            "graceful_timeout": 30,
            "accesslog": "-",
            "access_log_format": ACCESS_LOG_FORMAT,
            "errorlog": "-",
            "forwarded_allow_ips": os.environ.get("TSUNAGU_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "max_requests": 2000,  # a worker is renewed now and then (memory stays flat)
            "max_requests_jitter": 200,
        }

        class Application(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                # settings.WSGI_APPLICATION (tsunagu.config.wsgi), as runserver finds it.
                from django.core.servers.basehttp import get_internal_wsgi_application

                return get_internal_wsgi_application()

        self.stdout.write(f"Tsunagu on {bind} with {config['workers']} workers (Ctrl-C stops)")
        Application().run()
