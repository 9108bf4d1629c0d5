"""Celery tasks of the reports app. They take primary keys and leave every rule to
reports.jobs (the same code runs in-process when there is no REDIS_URL)."""

from celery import shared_task

from . import jobs


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def build_report(self, job_id: int) -> str:
    """Builds one report job. A message delivered twice (a worker died, the reaper resent it)
    finds the job claimed or finished and does nothing."""
    hostname = getattr(self.request, "hostname", None) or jobs.worker_name()
    # In-process (eager) runs finish inside the request: no heartbeat thread needed there.
    job = jobs.execute(job_id, worker=hostname, heartbeat=not self.request.is_eager)
    return job.status if job is not None else "skipped"


@shared_task
def reap_stale_jobs() -> dict:
    """Every minute (Celery beat): jobs of dead workers are re-queued or failed, lost messages
    are sent again."""
    return jobs.reap_stale_jobs()


@shared_task
def create_annual_drafts() -> list[int]:
    """Daily in December (Celery beat): this year's draft sơ kết of every published campaign."""
    return jobs.create_annual_drafts()


@shared_task
def create_final_drafts() -> list[int]:
    """Daily (Celery beat): the draft tổng kết of campaigns in their final review quarter."""
    return jobs.create_final_drafts()
