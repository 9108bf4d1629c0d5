"""What the integration tests share: their marks, a real Celery worker on the test database,
and waiting for something a worker does."""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

NEEDS_POSTGRESQL = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (DATABASE_URL)",
)
NEEDS_REDIS = pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set: no broker")
# Real commits (a worker or a second connection sees only committed rows) on PostgreSQL.
ON_POSTGRESQL = [pytest.mark.integration, pytest.mark.django_db(transaction=True), NEEDS_POSTGRESQL]


def tests_database_url() -> str:
    """The URL of the database pytest-django created, for a process of its own."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def start_celery_worker(name: str, pool: str = "solo", env: dict | None = None, **popen):
    """A `celery worker` process on the test database; `name` prefixes its hostname."""
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            "--concurrency=1",
            f"--pool={pool}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            f"--hostname={name}-{uuid.uuid4().hex[:8]}@%h",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": tests_database_url(), "DEBUG": "1", **(env or {})},
        **popen,
    )


@contextmanager
def celery_worker(name: str):
    """A solo worker for the length of the block, stopped warmly (TERM) at the end."""
    process = start_celery_worker(name, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"{what} did not happen within {seconds} s")
