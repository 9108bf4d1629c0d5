"""Redis stopped (issue 8, faults): every page still works, a report request waits in the
database and says so, and the job is sent again when Redis is back.

The Celery app is pointed at a real Redis address where nothing answers (connection refused),
or where a socket accepts and never answers (a hung Redis): the publishing code and the broker
timeouts of the settings are the ones production runs. When `redis-server` is installed, one
is started on that port to play "Redis is back".
"""

import datetime
import json
import shutil
import socket
import subprocess
import time

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from reports import jobs
from reports.models import Kind, ReportJob

from .test_permission_matrix import MATRIX, ROLES, _codes, build_world

pytestmark = pytest.mark.django_db

Status = ReportJob.Status
# A request that sends a job to a dead or hung Redis must answer within this (the settings give
# the broker one second to connect and one to answer, without retries).
PAGE_BUDGET = 2.0
WAITING = "Waiting for the document service, which is not available at the moment."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _reset_pools(app):
    # What Celery does after a fork: the next publish connects to the configured broker.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(settings):
    """broker(port): the Celery app publishes to redis://127.0.0.1:port/0 for real."""
    from config.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager

    def point(port: int) -> str:
        url = f"redis://127.0.0.1:{port}/0"
        app.conf.broker_url = url
        app.conf.task_always_eager = False
        settings.CELERY_TASK_ALWAYS_EAGER = False
        _reset_pools(app)
        return url

    yield point
    app.conf.broker_url, app.conf.task_always_eager = saved
    _reset_pools(app)


@pytest.fixture
def hung_redis():
    """A port where the kernel accepts connections and nobody ever answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def redis_server():
    """start(port): a throwaway redis-server (never the shared one), stopped after the test."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    started = []

    def start(port: int):
        process = subprocess.Popen(
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        import redis

        client = redis.Redis(port=port, socket_connect_timeout=0.5)
        for _ in range(50):
            try:
                client.ping()
                return client
            except redis.RedisError:
                time.sleep(0.1)
        pytest.fail("redis-server did not start")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def _waiting_text() -> str:
    with translation.override("vi"):
        return gettext(
            "Waiting for the document service, which is not available at the moment. "
            "Your request is kept: the document will be built as soon as the service is back."
        )


def _request_annual(client, campaign, django_capture_on_commit_callbacks):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("report_documents", args=[campaign.pk]),
            {"kind": "annual", "annual-year": "2024"},
        )
    return response, time.monotonic() - started


def _age(job, seconds):
    """The job was last touched `seconds` ago."""
    past = timezone.now() - datetime.timedelta(seconds=seconds)
    ReportJob.objects.filter(pk=job.pk).update(created_at=past, heartbeat_at=past)


# --- Requests while Redis is down ---------------------------------------------------------------


def test_report_request_with_redis_down_waits_and_the_page_says_so(
    broker, campaign, people, client_for, django_capture_on_commit_callbacks
):
    broker(free_port())
    client = client_for(people.secretariat)
    response, took = _request_annual(client, campaign, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("report_job", args=[job.pk])
    assert took < PAGE_BUDGET
    # The row is the outbox: waiting, not sent, not failed.
    assert job.status == Status.QUEUED and job.sent_at is None and job.error == ""

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert _waiting_text() in page.content.decode()
    assert 'role="alert"' not in page.content.decode().split('data-job-block="failed"')[0]
    state = client.get(reverse("report_job_status", args=[job.pk])).json()
    assert state["status"] == Status.QUEUED
    assert state["waiting_for_service"] is True
    assert state["message"] == _waiting_text()
    assert state["error"] == ""


def test_a_hung_redis_costs_the_request_about_a_second(
    broker, hung_redis, campaign, people, client_for, django_capture_on_commit_callbacks
):
    broker(hung_redis)
    response, took = _request_annual(
        client_for(people.secretariat), campaign, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert took < PAGE_BUDGET
    job = ReportJob.objects.get()
    assert job.status == Status.QUEUED and job.sent_at is None


def test_polling_a_waiting_job_while_redis_is_down_tries_rarely_and_stays_fast(
    broker, campaign, people, client_for
):
    broker(free_port())
    job, _created = jobs.create_job(campaign, Kind.ANNUAL, people.secretariat, year=2024)
    _age(job, 60)
    client = client_for(people.secretariat)
    url = reverse("report_job_status", args=[job.pk])
    started = time.monotonic()
    for _poll in range(5):
        assert client.get(url).json()["waiting_for_service"] is True
    assert time.monotonic() - started < PAGE_BUDGET
    job.refresh_from_db()
    # One poll tried the broker and touched the job; the others waited their turn.
    assert job.heartbeat_at > timezone.now() - datetime.timedelta(seconds=10)
    assert job.sent_at is None


def test_every_page_works_with_redis_down(
    broker, orgs, people, work, settings, tmp_path, client, django_capture_on_commit_callbacks
):
    """Every GET row of the permission matrix, as the first role that may open it, with the
    shared cache and the broker both unreachable."""
    settings.MEDIA_ROOT = tmp_path
    world = build_world(orgs, people, work)
    port = free_port()
    broker(port)
    dead_cache = {
        "default": {
            "BACKEND": "units.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    checked, wrong = 0, []
    with override_settings(CACHES=dead_cache):
        for name, spec in sorted(MATRIX.items()):
            if spec["get"] is None:
                continue
            codes = _codes(spec["get"])
            role = next((r for r in ROLES if codes[r] == "200"), None)
            if role is None:
                continue
            client.logout()
            if role != "anonymous":
                client.force_login(getattr(world.people, role))
            url = reverse(name, args=spec["args"](world))
            started = time.monotonic()
            with django_capture_on_commit_callbacks(execute=True):
                status = client.get(url).status_code
            took = time.monotonic() - started
            checked += 1
            if status != 200 or took > PAGE_BUDGET:
                wrong.append(f"{name} as {role}: {status} in {took:.2f} s")
    assert checked > 60  # the walk found the portal's pages
    assert not wrong, "\n".join(wrong)


def test_healthz_says_degraded_quickly_when_redis_hangs(client, settings, hung_redis):
    settings.REDIS_URL = f"redis://127.0.0.1:{hung_redis}/0"
    started = time.monotonic()
    response = client.get(reverse("healthz"))
    assert time.monotonic() - started < PAGE_BUDGET
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "database": "ok",
        "broker": "error",
    }


# --- Redis is back ------------------------------------------------------------------------------


def _messages(client) -> list[dict]:
    return [json.loads(raw) for raw in client.lrange("celery", 0, -1)]


def test_redis_back_the_polling_page_sends_the_waiting_job(
    broker, redis_server, campaign, people, client_for, django_capture_on_commit_callbacks
):
    port = free_port()
    broker(port)
    client = client_for(people.secretariat)
    _request_annual(client, campaign, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    assert job.sent_at is None

    redis = redis_server(port)
    url = reverse("report_job_status", args=[job.pk])
    # Just tried: the page waits RESEND_EVERY seconds before trying again.
    assert client.get(url).json()["waiting_for_service"] is True
    assert _messages(redis) == []
    _age(job, jobs.RESEND_EVERY + 1)
    state = client.get(url).json()
    assert state["waiting_for_service"] is False
    assert state["message"] != _waiting_text()
    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.sent_at is not None
    sent = _messages(redis)
    assert [(m["headers"]["task"], m["headers"]["argsrepr"]) for m in sent] == [
        ("reports.tasks.build_report", f"({job.pk},)")
    ]
    # Sent once: later polls leave it to the workers.
    _age(job, 60)
    client.get(url)
    assert len(_messages(redis)) == 1


def test_redis_back_the_reaper_sends_every_waiting_job_once(broker, redis_server, campaign, people):
    port = free_port()
    broker(port)
    with transaction.atomic():
        first, _c = jobs.create_job(campaign, Kind.ANNUAL, people.secretariat, year=2023)
        second, _c = jobs.create_job(campaign, Kind.ANNUAL, people.secretariat, year=2024)
    for job in (first, second):
        assert jobs.enqueue(job.pk) is False
        _age(job, jobs.RESEND_EVERY + 1)
    # Still down: the first failure stops the run, nobody is marked sent.
    assert jobs.reap_stale_jobs()["resent"] == []

    redis = redis_server(port)
    for job in (first, second):
        _age(job, jobs.RESEND_EVERY + 1)
    assert sorted(jobs.reap_stale_jobs()["resent"]) == sorted([first.pk, second.pk])
    assert len(_messages(redis)) == 2
    assert not ReportJob.objects.filter(sent_at__isnull=True).exists()
    # Sent: the next runs leave them to the workers until REPORT_REQUEUE_AFTER.
    assert jobs.reap_stale_jobs()["resent"] == []


def test_reaper_leaves_a_just_created_unsent_job_to_its_own_send(campaign, people, monkeypatch):
    sent = []
    monkeypatch.setattr(jobs, "enqueue", lambda pk: sent.append(pk) or True)
    job, _created = jobs.create_job(campaign, Kind.ANNUAL, people.secretariat, year=2024)
    assert jobs.reap_stale_jobs()["resent"] == []
    _age(job, jobs.RESEND_EVERY + 1)
    assert jobs.reap_stale_jobs()["resent"] == [job.pk]
    assert sent == [job.pk]


def test_job_of_a_dead_worker_goes_back_unsent(campaign, people, settings, monkeypatch):
    monkeypatch.setattr(jobs, "enqueue", lambda pk: False)
    job, _created = jobs.create_job(campaign, Kind.ANNUAL, people.secretariat, year=2024)
    stale = timezone.now() - datetime.timedelta(seconds=settings.REPORT_HEARTBEAT_STALE + 5)
    ReportJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, attempts=1, heartbeat_at=stale, sent_at=stale, worker="w1"
    )
    assert jobs.reap_stale_jobs()["requeued"] == [job.pk]
    job.refresh_from_db()
    # Its new message is not out yet (Redis down here): the page says it waits for the service.
    assert job.status == Status.QUEUED and job.sent_at is None
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert jobs.waits_for_service(job)


def test_a_hung_redis_cache_costs_one_timeout_per_pause_not_one_per_call(hung_redis, monkeypatch):
    from units import cache as tolerant

    monkeypatch.setattr(tolerant, "_paused_until", {})
    cache = tolerant.TolerantRedisCache(
        f"redis://127.0.0.1:{hung_redis}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3}},
    )
    started = time.monotonic()
    assert cache.get("a", "miss") == "miss"
    first = time.monotonic() - started
    assert first >= 0.25  # it did wait for the hung server once
    started = time.monotonic()
    for n in range(20):
        assert cache.get(f"k{n}") is None
        cache.set(f"k{n}", n)
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert time.monotonic() - started < 0.2  # skipped while paused
    # After the pause it tries Redis again.
    monkeypatch.setattr(tolerant, "_paused_until", {})
    started = time.monotonic()
    assert cache.get("a") is None
    assert time.monotonic() - started >= 0.25
