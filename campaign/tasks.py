from celery import shared_task
from django.utils import timezone

from .reminders import send_reminders


@shared_task
def send_due_reminders() -> int:
    """Daily (Celery beat): today's automatic reminders. A retry or an overlapping run sends
    nothing twice — the reminder rows' unique constraint decides."""
    return len(send_reminders(timezone.localdate()))


@shared_task
def build_table_export(export_id: int) -> int | None:
    """A dashboard table too big to write during a request (`campaign.table_exports`)."""
    from .table_exports import build

    export = build(export_id)
    return export.pk if export is not None else None


@shared_task
def purge_table_exports() -> int:
    """Daily (Celery beat): exports older than a week are deleted with their files."""
    from .table_exports import purge_old

    return purge_old()
