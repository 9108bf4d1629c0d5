"""Units fill and submit their period reports; the secretariat reviews them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from units.access import UNIT_ROLES, get_access
from units.audit import action_label, log_action
from units.models import AuditEvent
from units.tables import Column, sort_and_paginate
from units.text import display_name

from .. import evidence as evidence_files
from .. import reporting
from ..access import campaigns_for_manager, report_for_user, unit_for_reporting
from ..forms_reporting import ProgressReportForm, ReviewForm
from ..models import Evidence, Indicator, Obstacle, ProgressReport, ReportingPeriod, Task

STATUS_BADGES = {
    reporting.UnitStatus.NOT_STARTED: "secondary",
    reporting.UnitStatus.DRAFT: "info",
    reporting.UnitStatus.SUBMITTED: "primary",
    reporting.UnitStatus.RETURNED: "warning",
    reporting.UnitStatus.ACCEPTED: "success",
    reporting.UnitStatus.LATE: "danger",
}


# What needs the unit's attention first: late, returned, not started, draft, then the rest.
STATUS_RANK = {
    status: rank
    for rank, status in enumerate(
        (
            reporting.UnitStatus.LATE,
            reporting.UnitStatus.RETURNED,
            reporting.UnitStatus.NOT_STARTED,
            reporting.UnitStatus.DRAFT,
            reporting.UnitStatus.SUBMITTED,
            reporting.UnitStatus.ACCEPTED,
        )
    )
}
MY_REPORTS_COLUMNS = (
    Column("period", gettext_lazy("Period"), value=lambda row: row["period"].start_date),
    Column("unit", gettext_lazy("Unit"), value=lambda row: row["unit"].name),
    Column(
        "campaign",
        gettext_lazy("Campaign"),
        value=lambda row: row["period"].campaign.name,
        css="d-none d-md-table-cell",
    ),
    Column(
        "due",
        gettext_lazy("Due date"),
        value=lambda row: row["period"].due_date,
        descending_first=True,
    ),
    Column("status", gettext_lazy("Status"), value=lambda row: STATUS_RANK[row["status"]["code"]]),
)
REVIEW_COLUMNS = (
    Column("unit", gettext_lazy("Unit"), "unit__name"),
    Column("period", gettext_lazy("Period"), "period__start_date"),
    Column("submitted", gettext_lazy("Submitted"), "submitted_at"),
    Column("version", gettext_lazy("Version"), "version", descending_first=True),
)


def _status(period, report):
    status = reporting.unit_status(period, report)
    return {"code": status, "label": reporting.status_label(status), "badge": STATUS_BADGES[status]}


# --- The unit's periods ------------------------------------------------------------------------


@login_required
def my_reports(request):
    """Every period of every campaign in which the user's units have tasks, newest first."""
    access = get_access(request.user)
    units = {org.pk: org for org in access.organizations(UNIT_ROLES)}
    if not units:
        raise PermissionDenied
    pairs = (
        Task.objects.filter(unit_id__in=units)
        .values_list("campaign_id", "unit_id")
        .distinct()
        .order_by()
    )
    units_by_campaign: dict[int, list[int]] = {}
    for campaign_id, unit_id in pairs:
        units_by_campaign.setdefault(campaign_id, []).append(unit_id)
    today = timezone.localdate()
    periods = list(
        ReportingPeriod.objects.filter(
            campaign_id__in=units_by_campaign, start_date__lte=today
        ).select_related("campaign")
    )
    reports = {
        (r.period_id, r.unit_id): r
        for r in ProgressReport.objects.filter(
            period__in=[p.pk for p in periods], unit_id__in=units
        ).only("pk", "period_id", "unit_id", "status", "first_submitted_at", "version")
    }
    rows = []
    for period in periods:
        for unit_id in units_by_campaign[period.campaign_id]:
            report = reports.get((period.pk, unit_id))
            rows.append(
                {
                    "period": period,
                    "unit": units[unit_id],
                    "report": report,
                    "status": _status(period, report),
                }
            )
    status_filter = request.GET.get("status", "")
    if status_filter:
        rows = [row for row in rows if row["status"]["code"] == status_filter]
    # The natural order (newest due date, then the units' tree) breaks ties of any sort.
    rows.sort(key=lambda row: (row["period"].due_date, row["unit"].path), reverse=True)
    table = sort_and_paginate(request, rows, MY_REPORTS_COLUMNS, default="-due")
    return render(
        request,
        "campaign/reporting/my_reports.html",
        {
            "table": table,
            "page": table.page,
            # A person of one unit reads its name in the heading, not on every row (the table
            # then fits a phone's width).
            "several_units": len(units) > 1,
            "unit_name": next(iter(units.values())).name,
            "status": status_filter,
            "statuses": [(code, reporting.status_label(code)) for code in STATUS_BADGES],
            "returned_count": sum(
                1 for row in rows if row["status"]["code"] == reporting.UnitStatus.RETURNED
            ),
        },
    )


def _period_for_unit(period_pk, unit) -> ReportingPeriod:
    period = get_object_or_404(ReportingPeriod.objects.select_related("campaign"), pk=period_pk)
    if not Task.objects.filter(campaign_id=period.campaign_id, unit=unit).exists():
        raise Http404
    return period


@login_required
def report_edit(request, period_pk, unit_pk):
    unit = unit_for_reporting(request, unit_pk)
    period = _period_for_unit(period_pk, unit)
    report = ProgressReport.objects.filter(period=period, unit=unit).first()
    if not reporting.can_edit_for_unit(request.user, unit) or (report and not report.is_editable):
        if report:
            return redirect("report_detail", pk=report.pk)
        raise PermissionDenied
    rows = reporting.report_rows(period, unit, report)
    open_obstacles = (
        list(report.obstacles.filter(status=Obstacle.Status.OPEN).order_by("pk")) if report else []
    )
    form = ProgressReportForm(
        request.POST or None,
        request.FILES or None,
        rows=rows,
        report=report,
        obstacles=open_obstacles,
    )
    warnings = {}
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data.get("evidence") or []
        try:
            mimes = [evidence_files.check_upload(upload) for upload in uploads]
        except ValidationError as exc:
            form.add_error("evidence", exc)
        else:
            try:
                with transaction.atomic():
                    saved, checked = reporting.save_draft(
                        request.user,
                        period,
                        unit,
                        form.value_inputs(),
                        form.task_inputs(),
                        form.obstacle_inputs(),
                        form.cleaned_data.get("general_notes", ""),
                    )
                    if saved is not None:
                        for upload, mime in zip(uploads, mimes, strict=True):
                            evidence_files.store(saved, upload, mime, request.user)
                        if uploads:
                            log_action(
                                "campaign.report.evidence_uploaded",
                                request.user,
                                saved,
                                {"files": [upload.name for upload in uploads]},
                                organization=unit,
                            )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("report_edit", period_pk=period.pk, unit_pk=unit.pk)
            if saved is None:
                form.attach_service_errors(checked)
            else:
                warnings = checked.warnings
                if "submit" in request.POST:
                    try:
                        reporting.submit_report(request.user, saved)
                    except PermissionDenied:
                        messages.error(request, _("Only the head of the unit can submit."))
                    except ValidationError as exc:
                        messages.error(request, " ".join(exc.messages))
                    else:
                        messages.success(
                            request, _("The report was submitted to the department office.")
                        )
                        return redirect("report_detail", pk=saved.pk)
                if warnings:
                    for message in warnings.values():
                        messages.warning(request, message)
                messages.success(request, _("The draft was saved."))
                return redirect("report_edit", period_pk=period.pk, unit_pk=unit.pk)
    evidence = list(report.evidence.all()) if report else []
    return render(
        request,
        "campaign/reporting/report_form.html",
        {
            "form": form,
            "period": period,
            "unit": unit,
            "report": report,
            "rows": _bound_rows(form, rows),
            "evidence": evidence,
            "status": _status(period, report),
            "can_submit": reporting.can_submit_for_unit(request.user, unit),
        },
    )


def _bound_rows(form, rows):
    """Pairs each task and indicator with its bound fields for the template."""
    result = []
    for row in rows:
        result.append(
            {
                "task": row.task,
                "indicators": [
                    {
                        "row": ind,
                        "value": form[f"value_{ind.indicator.pk}"],
                        "reason": form[f"reason_{ind.indicator.pk}"],
                    }
                    for ind in row.indicators
                ],
                "done": form[f"done_{row.task.pk}"],
                "proposals": form[f"proposals_{row.task.pk}"],
                "completed": form[f"completed_{row.task.pk}"],
            }
        )
    return result


# --- One report, read-only, with its history ---------------------------------------------------


@login_required
def report_detail(request, pk):
    report, perms = report_for_user(request, pk)
    period = report.period
    rows = reporting.report_rows(period, report.unit, report)
    versions = list(report.versions.select_related("submitted_by"))
    events = AuditEvent.objects.filter(
        content_type__app_label="campaign",
        content_type__model="progressreport",
        object_id=str(report.pk),
    ).select_related("actor")[:50]
    return render(
        request,
        "campaign/reporting/report_detail.html",
        {
            "report": report,
            "period": period,
            "perms": perms,
            "rows": rows,
            "obstacles": list(report.obstacles.select_related("task")),
            "evidence": list(report.evidence.all()),
            "versions": versions,
            "status": _status(period, report),
            "review_form": ReviewForm() if perms["review"] else None,
            "events": [
                (
                    event,
                    action_label(event.action),
                    display_name(event.actor) if event.actor else _("system"),
                )
                for event in events
            ],
        },
    )


@login_required
@require_POST
def report_submit(request, pk):
    report, perms = report_for_user(request, pk)
    try:
        reporting.submit_report(request.user, report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report was submitted to the department office."))
    return redirect("report_detail", pk=report.pk)


@login_required
@require_POST
def report_review(request, pk):
    report, perms = report_for_user(request, pk)
    if not perms["is_reviewer"]:
        raise PermissionDenied
    form = ReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        if request.POST.get("decision") == "accept":
            reporting.accept_report(request.user, report, comment)
            messages.success(request, _("The report was accepted."))
        elif request.POST.get("decision") == "return":
            reporting.return_report(request.user, report, comment)
            messages.success(request, _("The report was returned to the unit."))
        else:
            messages.error(request, _("Choose to accept or to return the report."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("report_detail", pk=report.pk)


@login_required
def report_version(request, pk, number):
    report, perms = report_for_user(request, pk)
    versions = {v.number: v for v in report.versions.filter(number__in=[number, number - 1])}
    if number not in versions:
        raise Http404
    current, previous = versions[number], versions.get(number - 1)
    changes = reporting.compare_versions(previous.data if previous else None, current.data)
    indicator_ids = {int(key) for key in current.data.get("values", {})} | {
        int(key) for key in (previous.data.get("values", {}) if previous else {})
    }
    indicators = {
        i.pk: i for i in Indicator.objects.filter(pk__in=indicator_ids).select_related("task")
    }
    task_ids = {int(key) for key in current.data.get("tasks", {})}
    tasks = {t.pk: t for t in Task.objects.filter(pk__in=task_ids)}
    value_rows = []
    for key, item in sorted(current.data.get("values", {}).items(), key=lambda kv: int(kv[0])):
        indicator = indicators.get(int(key))
        before = changes.get("values", {}).get(key, (None, None))[0]
        value_rows.append(
            {
                "indicator": indicator,
                "value": item.get("value"),
                "before": before,
                "changed": key in changes.get("values", {}),
            }
        )
    text_rows = [
        {"task": tasks.get(int(task_key)), "part": part, "before": before, "after": after}
        for (task_key, part), (before, after) in changes.get("tasks", {}).items()
    ]
    return render(
        request,
        "campaign/reporting/report_version.html",
        {
            "report": report,
            "version": current,
            "previous": previous,
            "value_rows": value_rows,
            "text_rows": text_rows,
            "obstacles_changed": "obstacles" in changes,
            "notes_change": changes.get("general_notes"),
            "perms": perms,
        },
    )


# --- Evidence files ----------------------------------------------------------------------------


@login_required
def evidence_download(request, pk):
    item = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    report_for_user(request, item.report_id)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


@login_required
@require_POST
def evidence_delete(request, pk):
    item = get_object_or_404(Evidence.objects.select_related("report__unit"), pk=pk)
    report, perms = report_for_user(request, item.report_id)
    if not perms["edit"]:
        raise PermissionDenied
    with transaction.atomic():
        log_action(
            "campaign.report.evidence_deleted",
            request.user,
            report,
            {"file": item.original_name, "sha256": item.sha256},
            organization=report.unit,
        )
        item.delete()
    item.file.delete(save=False)
    messages.success(request, _("The file was removed."))
    return redirect("report_edit", period_pk=report.period_id, unit_pk=report.unit_id)


# --- The secretariat's review queue ------------------------------------------------------------


@login_required
def review_queue(request):
    campaigns = campaigns_for_manager(request.user)
    reports = (
        ProgressReport.objects.filter(
            period__campaign__in=campaigns, status=ProgressReport.Status.SUBMITTED
        )
        .select_related("unit", "period__campaign", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    campaign_id = request.GET.get("campaign")
    if campaign_id and campaign_id.isdigit():
        reports = reports.filter(period__campaign_id=int(campaign_id))
    table = sort_and_paginate(request, reports, REVIEW_COLUMNS, default="submitted")
    return render(
        request,
        "campaign/reporting/review_queue.html",
        {
            "table": table,
            "page": table.page,
            "campaigns": list(campaigns.only("pk", "name")),
            "campaign_id": campaign_id,
        },
    )
