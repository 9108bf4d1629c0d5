from celery import shared_task

from . import outbox
from .audit import log_action


@shared_task
def ping_worker(token: str) -> str:
    """Writes one audit row: proves a worker reaches the broker and the database."""
    log_action("system.worker_ping", None, data={"token": token})
    return token


@shared_task
def deliver_email(email_id: int) -> bool:
    """Right after the commit that wrote the e-mail: sends it (once, whoever else tries)."""
    return outbox.deliver(email_id)


@shared_task
def deliver_pending_email() -> dict:
    """Every OUTBOX_SWEEP_EVERY seconds (Celery beat): e-mails whose delivery was lost or
    failed and is due again."""
    return outbox.sweep()
