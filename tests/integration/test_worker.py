"""A real Celery worker on Redis and PostgreSQL runs a task that writes a row."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from units.models import AuditEvent
from units.tasks import ping_worker

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set: no broker"),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL (DATABASE_URL)",
    ),
]


@pytest.fixture
def worker():
    """A worker process pointed at the test database that pytest-django created."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "DEBUG": "1",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            "--concurrency=1",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def test_real_worker_writes_a_row(worker):
    token = uuid.uuid4().hex
    ping_worker.delay(token)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if AuditEvent.objects.filter(action="system.worker_ping", data__token=token).exists():
            break
        assert worker.poll() is None, worker.stderr.read().decode()
        time.sleep(0.2)
    else:
        pytest.fail("the worker did not run the task within 30 s")
    assert AuditEvent.objects.filter(action="system.worker_ping", data__token=token).count() == 1
