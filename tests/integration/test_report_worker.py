"""A real Celery worker (prefork) on Redis and PostgreSQL is killed with SIGKILL in the middle
of a report: the job is built again by another worker, or failed with a reason after the last
attempt — never left running, never two files.

The worker imports this module through REPORT_BUILDER_MODULES; with REPORT_FAKE_SECONDS set
(only in the worker's environment) it registers a slow fake builder for annual reports.
"""

import os
import signal
import subprocess
import time

import pytest

from .support import NEEDS_REDIS, ON_POSTGRESQL, start_celery_worker, wait_for

FAKE_SECONDS = 6
HEARTBEAT_INTERVAL = 1
HEARTBEAT_STALE = 3

if os.environ.get("REPORT_FAKE_SECONDS"):  # inside the worker only
    from reports.builders import BuiltDocument, register
    from reports.models import Kind

    @register(Kind.ANNUAL)
    def slow_build(job, progress):
        seconds = float(os.environ["REPORT_FAKE_SECONDS"])
        steps = max(1, int(seconds / 0.25))
        for step in range(steps):
            progress(int(90 * step / steps) + 1, f"Bước {step + 1}/{steps}")
            time.sleep(0.25)
        return BuiltDocument(
            pdf=b"%PDF-1.4\n% slow fake\n" + str(job.pk).encode(),
            filename=f"Báo cáo sơ kết năm {job.year}.pdf",
        )


pytestmark = [*ON_POSTGRESQL, NEEDS_REDIS]


@pytest.fixture
def start_worker(tmp_path, settings):
    """Starts prefork workers pointed at the test database (each in its own process group,
    so SIGKILL takes the main process and its child together)."""
    settings.REPORT_HEARTBEAT_STALE = HEARTBEAT_STALE
    settings.REPORT_HEARTBEAT_INTERVAL = HEARTBEAT_INTERVAL
    env = {
        "MEDIA_ROOT": str(tmp_path / "media"),
        "REPORT_BUILDER_MODULES": __name__,
        "REPORT_FAKE_SECONDS": str(FAKE_SECONDS),
        "REPORT_HEARTBEAT_INTERVAL": str(HEARTBEAT_INTERVAL),
        "REPORT_HEARTBEAT_STALE": str(HEARTBEAT_STALE),
    }
    processes = []

    def start():
        process = start_celery_worker(
            "report-test",
            pool="prefork",
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _kill_mid_job(start_worker, campaign):
    from reports import jobs
    from reports.models import Kind, ReportJob

    job, _created = jobs.create_job(campaign, Kind.ANNUAL, None, send=False, year=2024)
    worker = start_worker()
    jobs.enqueue(job.pk)
    wait_for(
        lambda: ReportJob.objects.filter(
            pk=job.pk, status=ReportJob.Status.RUNNING, progress__gte=10
        ).exists(),
        60,
        "the worker starting the job",
    )
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.RUNNING and job.attempts == 1
    # Nobody writes the heartbeat any more: it goes stale.
    time.sleep(HEARTBEAT_STALE + 1)
    return job


def test_killed_worker_job_is_built_again_by_another_worker(start_worker, campaign, settings):
    from reports import jobs
    from reports.models import ReportFile, ReportJob

    settings.REPORT_MAX_ATTEMPTS = 3
    job = _kill_mid_job(start_worker, campaign)
    assert jobs.reap_stale_jobs()["requeued"] == [job.pk]
    start_worker()
    wait_for(
        lambda: ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.SUCCEEDED).exists(),
        60,
        "the second worker finishing the job",
    )
    job.refresh_from_db()
    assert job.attempts == 2 and job.progress == 100
    assert ReportFile.objects.filter(job=job).count() == 1
    assert ReportFile.objects.count() == 1
    # A late duplicate message changes nothing.
    jobs.enqueue(job.pk)
    time.sleep(2)
    assert ReportFile.objects.count() == 1


def test_killed_worker_job_fails_with_a_reason_after_the_last_attempt(
    start_worker, campaign, settings
):
    from reports import jobs
    from reports.models import ReportFile, ReportJob

    settings.REPORT_MAX_ATTEMPTS = 1
    job = _kill_mid_job(start_worker, campaign)
    assert jobs.reap_stale_jobs()["failed"] == [job.pk]
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.error and job.finished_at is not None
    assert not ReportFile.objects.exists()
