"""PostgreSQL restarted (issue 8, faults): the next request and the next task succeed without
restarting the portal.

A restart ends every server process of the database, so the portal's persistent connections
(CONN_MAX_AGE) are dead; `pg_terminate_backend` on the test database does the same to the app
without touching anybody else's database. Requests go through Django's WSGI handler the way
gunicorn calls it (the test client skips the connection checks a real server runs between
requests, so it could not see the problem); the Celery worker is a real one.
"""

import io
import time
import uuid

import psycopg2
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse

from units.models import AuditEvent
from units.tasks import ping_worker

from .support import ON_POSTGRESQL, celery_worker, wait_for
from .test_report_worker import start_worker as start_worker  # a fixture

pytestmark = ON_POSTGRESQL


def _connect():
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )


def backends() -> set[int]:
    """Server processes of the test database, except the one asking."""
    with _connect() as admin, admin.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        pids = {row[0] for row in cursor.fetchall()}
    admin.close()
    return pids


def restart_database() -> int:
    """What a PostgreSQL restart does to the app: every connection to its database ends."""
    admin = _connect()
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        killed = cursor.fetchone()[0]
    admin.close()
    return killed


class Server:
    """Calls Django's WSGI application like a sync gunicorn worker: one thread, requests one
    after another, the response closed after it is sent (which ends the request)."""

    def __init__(self, cookies: str = ""):
        self.app = WSGIHandler()
        self.cookies = cookies

    def get(self, path: str) -> int:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "HTTP_COOKIE": self.cookies,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status = []
        response = self.app(environ, lambda s, headers, exc_info=None: status.append(s))
        try:
            b"".join(response)
        finally:
            response.close()
        return int(status[0].split()[0])


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.fixture
def office_server(client, people, campaign):
    client.force_login(people.secretariat)
    server = Server(
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    )
    yield server
    connection.close()  # whatever the test left, the teardown starts from a fresh connection


def test_next_request_after_a_database_restart_succeeds(office_server, campaign, settings):
    settings.DEBUG = False
    pages = [reverse("home"), reverse("campaign_manage_detail", args=[campaign.pk])]
    for page in pages:
        assert office_server.get(page) == 200
    # The connection outlived the requests (CONN_MAX_AGE): it is the one a restart kills.
    assert connection.connection is not None
    before = _backend_pid()
    assert restart_database() >= 1
    for page in pages:
        assert office_server.get(page) == 200
    assert _backend_pid() != before  # a new connection replaced the dead one


def test_without_health_checks_the_first_request_after_a_restart_fails(office_server, settings):
    """Why CONN_HEALTH_CHECKS is on: without it the first request meets the dead connection."""
    settings.DEBUG = False
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    connection.close()  # the setting is read when connecting
    try:
        assert office_server.get(reverse("home")) == 200
        restart_database()
        assert office_server.get(reverse("home")) == 500
        # The failed request closed it: the one after works again.
        assert office_server.get(reverse("home")) == 200
    finally:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True


@pytest.fixture
def worker():
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: no broker")
    with celery_worker("pg-restart") as process:
        yield process
    connection.close()


def _ping(worker, seconds=30) -> None:
    token = uuid.uuid4().hex
    ping_worker.delay(token)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if AuditEvent.objects.filter(action="system.worker_ping", data__token=token).exists():
            return
        assert worker.poll() is None, worker.stderr.read().decode()
        time.sleep(0.2)
    pytest.fail(f"the worker did not run the task within {seconds} s")


def test_worker_runs_the_next_task_after_a_database_restart(worker):
    _ping(worker)
    assert restart_database() >= 1
    connection.close()
    _ping(worker)
    assert worker.poll() is None  # the same worker process, not a restarted one


def test_database_restart_in_the_middle_of_a_report_leaves_no_job_stuck(
    start_worker,  # noqa: F811 (the fixture imported above)
    campaign,
    settings,
):
    """The build loses its connection (and so does its heartbeat): the job keeps a heartbeat
    that goes stale, the reaper hands it back, and the same worker builds it again."""
    from reports import jobs
    from reports.models import Kind, ReportFile, ReportJob

    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: no broker")
    settings.REPORT_MAX_ATTEMPTS = 3
    job, _created = jobs.create_job(campaign, Kind.ANNUAL, None, send=False, year=2024)
    process = start_worker()
    jobs.enqueue(job.pk)
    wait_for(
        lambda: ReportJob.objects.filter(
            pk=job.pk, status=ReportJob.Status.RUNNING, progress__gte=10
        ).exists(),
        60,
        "the worker starting the job",
    )
    # The build's connection (its heartbeat thread's too once it has beaten), and ours.
    assert restart_database() >= 2
    connection.close()
    wait_for(lambda: jobs.reap_stale_jobs()["requeued"] == [job.pk], 30, "the job going stale")
    wait_for(
        lambda: ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.SUCCEEDED).exists(),
        60,
        "the worker building the job again",
    )
    job.refresh_from_db()
    assert job.attempts == 2
    assert ReportFile.objects.filter(job=job).count() == 1
    assert process.poll() is None
