"""Dashboard tables written in the background: ask, watch, download (`campaign.table_exports`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from units.text import attachment_disposition

from .. import table_exports
from ..access import campaign_for_user, export_for_user
from ..exports import XLSX_TYPE
from ..models import TableExport


@login_required
@require_POST
def export_request(request, pk):
    """The Excel / CSV button of a big table; the dashboard's filters are in the query string."""
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    try:
        export = table_exports.request_export(
            request.user,
            campaign,
            request.POST.get("table", ""),
            request.POST.get("format", ""),
            request.GET,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("dashboard_office", campaign.pk)
    return redirect("table_export", export.pk)


def _state(export: TableExport) -> dict:
    done = export.status == TableExport.Status.SUCCEEDED
    return {
        "id": export.pk,
        "status": export.status,
        "status_label": str(export.get_status_display()),
        "progress": 100 if export.is_finished else (50 if export.started_at else 0),
        "step": "",
        "error": export.error if export.status == TableExport.Status.FAILED else "",
        "finished": export.is_finished,
        "download_url": reverse("table_export_download", args=[export.pk]) if done else "",
        "filename": export.filename,
    }


@login_required
@require_GET
def export_detail(request, pk):
    export = export_for_user(request, pk)
    return render(
        request,
        "campaign/dashboard/table_export.html",
        {
            "export": export,
            "campaign": export.campaign,
            "state": _state(export),
            "recent": table_exports.recent_exports(request.user, export.campaign),
            "kept_until": export.created_at + table_exports.KEEP_FOR,
            "dashboard_url": reverse("dashboard_office", args=[export.campaign_id])
            + (f"?{export.params}" if export.params else ""),
        },
    )


@login_required
@require_GET
def export_status(request, pk):
    """What the export page polls; a job that waited too long is sent again."""
    export = export_for_user(request, pk)
    if table_exports.resend_if_waiting(export):
        export.refresh_from_db()
    response = JsonResponse(_state(export))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def export_download(request, pk):
    export = export_for_user(request, pk)
    if export.status != TableExport.Status.SUCCEEDED or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    csv = export.format == TableExport.Format.CSV
    content_type = "text/csv; charset=utf-8" if csv else XLSX_TYPE
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = attachment_disposition(
        export.filename, f"bang.{export.format}"
    )
    response["Cache-Control"] = "private, no-store"
    return response
