from celery import shared_task
from django.utils import timezone

from .reminders import send_reminders


@shared_task
def send_due_reminders() -> int:
    """Daily (Celery beat): today's automatic reminders. A retry or an overlapping run sends
    nothing twice — the reminder rows' unique constraint decides."""
    return len(send_reminders(timezone.localdate()))
