from celery import shared_task

from .audit import log_action


@shared_task
def ping_worker(token: str) -> str:
    """Writes one audit row: proves a worker reaches the broker and the database."""
    log_action("system.worker_ping", None, data={"token": token})
    return token
