"""Dashboard tables too big to write during a request, written by a Celery worker.

A table of the office dashboard with more than `settings.EXPORT_INLINE_MAX_ROWS` rows (the
indicator table of a province has 10,000) is not written while the person waits: asking for it
records a `TableExport` (the row is the outbox: it waits in the database if the broker is
down), a worker writes the file with the filters the page had, and the person is notified and
downloads it from the export's page. Smaller tables keep their direct download.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from units.audit import log_action
from units.notifications import notify

from .access import check_can_manage
from .dashboard_tables import TABLES, table_for_export, table_title
from .exports import FORMATS, table_content
from .models import Campaign, TableExport

logger = logging.getLogger(__name__)

# A job still waiting after this long was not received by a worker (the broker was down, or
# there is no worker in-process mode): the export page sends it again.
RESEND_AFTER = datetime.timedelta(seconds=30)
# A job "being written" for longer than this died with its worker.
STALE_AFTER = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 3
KEEP_FOR = datetime.timedelta(days=7)


def inline_limit() -> int:
    return settings.EXPORT_INLINE_MAX_ROWS


def request_export(user, campaign: Campaign, table: str, fmt: str, params: QueryDict):
    """Records the request and sends it to a worker once committed."""
    check_can_manage(user, campaign)
    if fmt not in FORMATS or table not in TABLES:
        raise ValidationError(
            _("This table cannot be exported. Choose Excel or CSV beside the title of a table.")
        )
    kept = params.copy()
    for name in ("export", "table", "page", "task_page", "unit_page", "project_page"):
        kept.pop(name, None)
    with transaction.atomic():
        export = TableExport.objects.create(
            campaign=campaign,
            requested_by=user,
            table=table,
            format=fmt,
            params=kept.urlencode(),
            title=table_title(table),
        )
        log_action(
            "campaign.export.requested",
            user,
            export,
            {"table": table, "format": fmt, "filters": export.params},
            organization=campaign.issuing_organization,
        )
        transaction.on_commit(lambda: enqueue(export.pk))
    return export


def enqueue(export_id: int) -> None:
    """Hands the job to a worker. A broker that is down leaves the job waiting in the database:
    the export page sends it again (`resend_if_waiting`)."""
    from .tasks import build_table_export

    try:
        build_table_export.delay(export_id)
    except Exception:  # noqa: BLE001 — any broker failure: the row stays queued
        logger.warning("Could not send table export %s to a worker; it waits.", export_id)


def resend_if_waiting(export: TableExport, now=None) -> bool:
    """Sends again a job that waited too long, or whose worker died while writing."""
    now = now or timezone.now()
    waiting = export.status == TableExport.Status.QUEUED and now - export.created_at > RESEND_AFTER
    stale = (
        export.status == TableExport.Status.RUNNING
        and export.started_at is not None
        and now - export.started_at > STALE_AFTER
    )
    if not (waiting or stale):
        return False
    if stale:
        TableExport.objects.filter(pk=export.pk, status=TableExport.Status.RUNNING).update(
            status=TableExport.Status.QUEUED, started_at=None
        )
    # Pushed forward so that a page polling every few seconds does not flood the broker.
    TableExport.objects.filter(pk=export.pk, status=TableExport.Status.QUEUED).update(
        created_at=now
    )
    enqueue(export.pk)
    return True


def _claim(export_id: int) -> TableExport | None:
    with transaction.atomic():
        export = (
            TableExport.objects.select_for_update(skip_locked=True)
            .select_related("campaign__issuing_organization", "requested_by")
            .filter(pk=export_id, status=TableExport.Status.QUEUED)
            .first()
        )
        if export is None:
            return None  # built already, being built, or gone
        export.status = TableExport.Status.RUNNING
        export.started_at = timezone.now()
        export.attempts += 1
        export.save(update_fields=["status", "started_at", "attempts"])
    return export


def build(export_id: int) -> TableExport | None:
    """What the worker runs: the table with the filters of the request, into a file."""
    export = _claim(export_id)
    if export is None:
        return None
    try:
        # The file is for the office's records and for the province: always in Vietnamese.
        with translation.override("vi"):
            filename, title, headers, rows = table_for_export(
                export.campaign, QueryDict(export.params), export.table
            )
            content, _content_type = table_content(export.format, title, headers, rows)
    except Exception as exc:
        logger.exception("Table export %s failed.", export.pk)
        failed = export.attempts >= MAX_ATTEMPTS
        TableExport.objects.filter(pk=export.pk).update(
            status=TableExport.Status.FAILED if failed else TableExport.Status.QUEUED,
            error=str(exc)[:2000],
            finished_at=timezone.now() if failed else None,
        )
        if not failed:
            transaction.on_commit(lambda: enqueue(export.pk))
        return export
    export.filename = f"{filename}.{export.format}"
    export.rows = len(rows)
    export.file.save(export.filename, ContentFile(content), save=False)
    export.status = TableExport.Status.SUCCEEDED
    export.finished_at = timezone.now()
    export.error = ""
    with transaction.atomic():
        export.save()
        url = reverse("table_export", args=[export.pk])
        with translation.override(settings.LANGUAGE_CODE):
            notify(
                [export.requested_by],
                _("Your file is ready: %(title)s") % {"title": export.title},
                _("%(rows)s rows, written at %(time)s.")
                % {
                    "rows": export.rows,
                    "time": timezone.localtime(export.finished_at).strftime("%H:%M %d/%m/%Y"),
                },
                url,
            )
        log_action(
            "campaign.export.written",
            None,
            export,
            {"rows": export.rows, "file": export.filename},
            organization=export.campaign.issuing_organization,
        )
    return export


def recent_exports(user, campaign: Campaign, limit: int = 5) -> list[TableExport]:
    return list(
        TableExport.objects.filter(requested_by=user, campaign=campaign).order_by("-created_at")[
            :limit
        ]
    )


def purge_old(now=None) -> int:
    """Daily: the files of exports older than KEEP_FOR are deleted with their rows."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    old = list(TableExport.objects.filter(created_at__lt=cutoff))
    for export in old:
        if export.file:
            export.file.delete(save=False)
    TableExport.objects.filter(pk__in=[e.pk for e in old]).delete()
    return len(old)
