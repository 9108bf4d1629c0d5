"""A real Celery worker on Redis and PostgreSQL runs a task that writes a row."""

import time
import uuid

import pytest

from units.models import AuditEvent
from units.tasks import ping_worker

from .support import NEEDS_REDIS, ON_POSTGRESQL, celery_worker

pytestmark = [*ON_POSTGRESQL, NEEDS_REDIS]


@pytest.fixture
def worker():
    """A worker process pointed at the test database that pytest-django created."""
    with celery_worker("test") as process:
        yield process


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
