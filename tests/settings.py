"""Settings for the test suite: the project's own settings, read with a test environment.

Set here rather than in conftest.py because pytest-django reads the settings before any
conftest is imported."""

import os

os.environ.setdefault("TSUNAGU_SECRET_KEY", "tests-only-secret-key-not-for-production-0123456789")
os.environ["TSUNAGU_TASKS_IMMEDIATE"] = "1"
os.environ.setdefault("TSUNAGU_REQUIRE_2FA", "1")
os.environ.setdefault("TSUNAGU_HTTPS", "0")
os.environ.pop("TSUNAGU_DEMO", None)
# Playwright's sync API runs an event loop in the test thread; the ORM calls made from that
# thread are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tsunagu.config.settings import *  # noqa: E402, F403

# Hashing with Argon2 at full cost would dominate the suite's time; the hasher itself is
# exercised by a test that asks for it explicitly.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405

# Uploaded files (consent scans) go to a directory of their own, not the developer's var/.
import tempfile  # noqa: E402

STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        **STORAGES["default"],  # noqa: F405
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="tsunagu-media-")},
    },
}  # noqa: F405
