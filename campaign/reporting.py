"""Progress reports: what a unit must report, validation of values, and the state transitions.

Every transition (save, import, submit, accept, return) checks the actor's role, validates,
writes in one transaction and records an audit event with the values before and after.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from units.access import UNIT_ROLES, get_access
from units.audit import log_action
from units.models import Organization, Role
from units.text import nfc, vn_number

from . import progress_state
from .models import (
    Indicator,
    IndicatorValue,
    Obstacle,
    ProgressReport,
    ReportingPeriod,
    ReportVersion,
    Task,
    TaskReport,
)

SECRETARIAT_ROLES = (Role.SECRETARIAT,)


# --- Status as a unit sees it -------------------------------------------------------------------


class UnitStatus:
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    LATE = "late"


def unit_status(period: ReportingPeriod, report: ProgressReport | None, today=None) -> str:
    """Not started, draft, submitted, returned, accepted — or late once the due date has
    passed with nothing submitted (a report submitted late keeps its own status)."""
    today = today or timezone.localdate()
    if report is None or report.status == ProgressReport.Status.DRAFT:
        if today > period.due_date:
            return UnitStatus.LATE
        return UnitStatus.NOT_STARTED if report is None else UnitStatus.DRAFT
    return report.status


def status_label(status: str) -> str:
    return {
        UnitStatus.NOT_STARTED: _("Not started"),
        UnitStatus.DRAFT: _("Draft"),
        UnitStatus.SUBMITTED: _("Submitted"),
        UnitStatus.RETURNED: _("Returned"),
        UnitStatus.ACCEPTED: _("Accepted"),
        UnitStatus.LATE: _("Late"),
    }[status]


# --- What a report contains ---------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    previous: Decimal | None
    value: Decimal | None = None
    reason: str = ""

    @property
    def percent(self) -> Decimal | None:
        shown = self.value if self.value is not None else self.previous
        if shown is None or not self.indicator.target:
            return None
        return (shown * 100 / self.indicator.target).quantize(Decimal("0.1"))


@dataclass
class TaskRow:
    task: Task
    indicators: list[IndicatorRow]
    task_report: TaskReport | None = None


def unit_tasks(campaign_id: int, unit: Organization):
    return (
        Task.objects.filter(campaign_id=campaign_id, unit=unit)
        .select_related("content_item", "project")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk"))
        )
        .order_by("content_item__number", "pk")
    )


def previous_accepted_values(
    unit: Organization, period: ReportingPeriod, indicator_ids
) -> dict[int, Decimal]:
    """For each indicator, its value in the latest accepted report of an earlier period."""
    rows = (
        IndicatorValue.objects.filter(
            indicator_id__in=list(indicator_ids),
            report__unit=unit,
            report__status=ProgressReport.Status.ACCEPTED,
            report__period__campaign_id=period.campaign_id,
            report__period__end_date__lt=period.start_date,
            value__isnull=False,
        )
        .order_by("indicator_id", "-report__period__end_date")
        .values_list("indicator_id", "value")
    )
    previous: dict[int, Decimal] = {}
    for indicator_id, value in rows:
        previous.setdefault(indicator_id, value)
    return previous


def report_rows(period: ReportingPeriod, unit: Organization, report: ProgressReport | None):
    """The report's tasks and indicators with previous and current values (4-5 queries)."""
    tasks = list(unit_tasks(period.campaign_id, unit))
    indicator_ids = [i.pk for t in tasks for i in t.indicators.all()]
    previous = previous_accepted_values(unit, period, indicator_ids)
    values, task_reports = {}, {}
    if report is not None and report.pk:
        values = {v.indicator_id: v for v in report.values.all()}
        task_reports = {tr.task_id: tr for tr in report.task_reports.all()}
    rows = []
    for task in tasks:
        indicator_rows = []
        for indicator in task.indicators.all():
            current = values.get(indicator.pk)
            indicator_rows.append(
                IndicatorRow(
                    indicator=indicator,
                    previous=previous.get(indicator.pk),
                    value=current.value if current else None,
                    reason=current.below_previous_reason if current else "",
                )
            )
        rows.append(
            TaskRow(task=task, indicators=indicator_rows, task_report=task_reports.get(task.pk))
        )
    return rows


# --- Inputs and validation ----------------------------------------------------------------------


@dataclass
class ValueInput:
    indicator_id: int
    value: Decimal | None
    reason: str = ""


@dataclass
class TaskInput:
    task_id: int
    done_text: str = ""
    proposals: str = ""
    completed_on: datetime.date | None = None


@dataclass
class ObstacleInput:
    description: str
    beyond_authority: bool = False
    task_id: int | None = None


@dataclass
class Checked:
    """Errors block the save; warnings are shown and the values are kept."""

    errors: dict = field(default_factory=dict)  # key -> message
    warnings: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


MAX_VALUE = Decimal("9999999999999")


def check_inputs(
    period: ReportingPeriod,
    unit: Organization,
    values: list[ValueInput],
    tasks: list[TaskInput] = (),
) -> Checked:
    """Validates values against the unit's indicators. Keys: ("value", indicator_id),
    ("reason", indicator_id), ("completed_on", task_id), ("task", id)."""
    checked = Checked()
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(task__campaign_id=period.campaign_id, task__unit=unit)
    }
    previous = previous_accepted_values(unit, period, indicators.keys())
    for item in values:
        indicator = indicators.get(item.indicator_id)
        if indicator is None:
            checked.errors[("value", item.indicator_id)] = _(
                "This indicator is not assigned to your unit."
            )
            continue
        if item.value is None:
            continue
        if item.value < 0:
            checked.errors[("value", item.indicator_id)] = _("Must be a number ≥ 0.")
            continue
        if item.value > MAX_VALUE:
            checked.errors[("value", item.indicator_id)] = _("This number is too large.")
            continue
        last = previous.get(indicator.pk)
        if (
            indicator.kind == Indicator.Kind.CUMULATIVE
            and last is not None
            and item.value < last
            and not item.reason.strip()
        ):
            checked.errors[("reason", item.indicator_id)] = _(
                "The value is below the last accepted one (%(last)s): give the reason."
            ) % {"last": vn_number(last)}
        if indicator.target and item.value > indicator.target:
            checked.warnings[("value", item.indicator_id)] = _(
                "Above the target (%(target)s): check the figure."
            ) % {"target": vn_number(indicator.target)}
    task_ids = set(
        Task.objects.filter(campaign_id=period.campaign_id, unit=unit).values_list("pk", flat=True)
    )
    for item in tasks:
        if item.task_id not in task_ids:
            checked.errors[("task", item.task_id)] = _("This task is not assigned to your unit.")
        elif item.completed_on and not period.contains(item.completed_on):
            checked.errors[("completed_on", item.task_id)] = _(
                "The date must fall within the period (%(start)s – %(end)s)."
            ) % {
                "start": period.start_date.strftime("%d/%m/%Y"),
                "end": period.end_date.strftime("%d/%m/%Y"),
            }
    return checked


# --- Access -------------------------------------------------------------------------------------


def can_edit_for_unit(actor, unit: Organization) -> bool:
    return get_access(actor).has_role(unit, UNIT_ROLES)


def can_submit_for_unit(actor, unit: Organization) -> bool:
    return get_access(actor).has_role(unit, (Role.UNIT_HEAD,))


def can_review(actor, report: ProgressReport) -> bool:
    return get_access(actor).has_role(
        report.period.campaign.issuing_organization, SECRETARIAT_ROLES
    )


# --- Snapshots ----------------------------------------------------------------------------------


def snapshot(report: ProgressReport) -> dict:
    """Everything the unit states in the report, as plain data (for versions and the audit)."""
    values = {
        str(v.indicator_id): {
            "value": None if v.value is None else str(v.value),
            "reason": v.below_previous_reason,
        }
        for v in report.values.all()
    }
    tasks = {
        str(t.task_id): {
            "done": t.done_text,
            "proposals": t.proposals,
            "completed_on": t.completed_on.isoformat() if t.completed_on else None,
        }
        for t in report.task_reports.all()
    }
    obstacles = [
        {"task": o.task_id, "description": o.description, "beyond_authority": o.beyond_authority}
        for o in report.obstacles.order_by("pk")
    ]
    evidence = [e.original_name for e in report.evidence.order_by("pk")]
    return {
        "general_notes": report.general_notes,
        "values": values,
        "tasks": tasks,
        "obstacles": obstacles,
        "evidence": evidence,
    }


# --- Transitions --------------------------------------------------------------------------------


def get_or_create_report(actor, period: ReportingPeriod, unit: Organization) -> ProgressReport:
    """The unit's report for the period, created as a draft at the first save.

    Two people can open a new report at once: the unique (period, unit) constraint decides,
    and the loser reads the winner's row.
    """
    try:
        with transaction.atomic():
            report, _created = ProgressReport.objects.get_or_create(
                period=period, unit=unit, defaults={"created_by": actor}
            )
    except IntegrityError:
        report = ProgressReport.objects.get(period=period, unit=unit)
    return report


def save_draft(
    actor,
    period: ReportingPeriod,
    unit: Organization,
    values: list[ValueInput],
    tasks: list[TaskInput] = (),
    obstacles: list[ObstacleInput] | None = None,
    general_notes: str | None = None,
    *,
    source: str = "form",
) -> tuple[ProgressReport, Checked]:
    """Validates and stores the draft; nothing is written when any value is refused."""
    if not can_edit_for_unit(actor, unit):
        raise PermissionDenied
    checked = check_inputs(period, unit, values, tasks)
    if not checked.ok:
        return None, checked
    with transaction.atomic():
        report = get_or_create_report(actor, period, unit)
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if not report.is_editable:
            raise ValidationError(_("A submitted report can no longer be changed."))
        before = snapshot(report)
        for item in values:
            IndicatorValue.objects.update_or_create(
                report=report,
                indicator_id=item.indicator_id,
                defaults={"value": item.value, "below_previous_reason": nfc(item.reason.strip())},
            )
        for item in tasks:
            TaskReport.objects.update_or_create(
                report=report,
                task_id=item.task_id,
                defaults={
                    "done_text": nfc(item.done_text.strip()),
                    "proposals": nfc(item.proposals.strip()),
                    "completed_on": item.completed_on,
                },
            )
        if obstacles is not None:
            _replace_draft_obstacles(report, unit, obstacles)
        if general_notes is not None:
            report.general_notes = nfc(general_notes.strip())
        report.save()
        after = snapshot(report)
        action = "campaign.report.imported" if source == "excel" else "campaign.report.saved"
        log_action(
            action,
            actor,
            report,
            {"before": before, "after": after},
            organization=unit,
        )
    return report, checked


def _replace_draft_obstacles(report, unit, obstacles: list[ObstacleInput]) -> None:
    """The report's own obstacles are edited with the draft; register entries already being
    handled by the office are kept."""
    report.obstacles.filter(status=Obstacle.Status.OPEN).delete()
    for item in obstacles:
        if not item.description.strip():
            continue
        Obstacle.objects.create(
            campaign_id=report.period.campaign_id,
            unit=unit,
            report=report,
            task_id=item.task_id,
            description=nfc(item.description.strip()),
            beyond_authority=item.beyond_authority,
        )


def submit_report(actor, report: ProgressReport) -> ProgressReport:
    if not can_submit_for_unit(actor, report.unit):
        raise PermissionDenied
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
        )
        if not report.is_editable:
            raise ValidationError(_("This report has already been submitted."))
        missing = _missing_values(report)
        if missing:
            raise ValidationError(
                _("Enter every indicator before submitting (%(count)d missing).")
                % {"count": missing}
            )
        now = timezone.now()
        resubmission = report.status == ProgressReport.Status.RETURNED
        before_status = report.status
        report.status = ProgressReport.Status.SUBMITTED
        report.version += 1
        report.submitted_at = now
        report.submitted_by = actor
        report.first_submitted_at = report.first_submitted_at or now
        report.save()
        data = snapshot(report)
        ReportVersion.objects.create(
            report=report, number=report.version, submitted_at=now, submitted_by=actor, data=data
        )
        log_action(
            "campaign.report.resubmitted" if resubmission else "campaign.report.submitted",
            actor,
            report,
            {"status": [before_status, report.status], "version": report.version},
            organization=report.unit,
        )
    return report


def _missing_values(report: ProgressReport) -> int:
    indicator_ids = set(
        Indicator.objects.filter(
            task__campaign_id=report.period.campaign_id, task__unit_id=report.unit_id
        ).values_list("pk", flat=True)
    )
    filled = set(report.values.filter(value__isnull=False).values_list("indicator_id", flat=True))
    return len(indicator_ids - filled)


def _review(actor, report: ProgressReport, to: str, action: str, comment: str = ""):
    report = ProgressReport.objects.select_related("period__campaign__issuing_organization").get(
        pk=report.pk
    )
    if not can_review(actor, report):
        raise PermissionDenied
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ProgressReport.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be reviewed."))
        before = report.status
        report.status = to
        report.reviewed_at = timezone.now()
        report.reviewed_by = actor
        report.review_comment = nfc(comment.strip())
        report.save()
        if to == ProgressReport.Status.ACCEPTED:
            progress_state.refresh(report.values.values_list("indicator_id", flat=True))
        log_action(
            action,
            actor,
            report,
            {"status": [before, to], "comment": report.review_comment, "version": report.version},
            organization=report.unit,
        )
    return report


def accept_report(actor, report: ProgressReport, comment: str = "") -> ProgressReport:
    return _review(
        actor, report, ProgressReport.Status.ACCEPTED, "campaign.report.accepted", comment
    )


def return_report(actor, report: ProgressReport, comment: str) -> ProgressReport:
    if not comment or not comment.strip():
        raise ValidationError(_("Say what the unit must correct."))
    return _review(
        actor, report, ProgressReport.Status.RETURNED, "campaign.report.returned", comment
    )


# --- Comparing versions -------------------------------------------------------------------------


def compare_versions(old: dict | None, new: dict) -> dict:
    """Which values and texts changed between two snapshots: {"values": {id: (old, new)}, …}."""
    old = old or {}
    changes: dict = defaultdict(dict)
    for key in set(old.get("values", {})) | set(new.get("values", {})):
        before = (old.get("values", {}).get(key) or {}).get("value")
        after = (new.get("values", {}).get(key) or {}).get("value")
        if before != after:
            changes["values"][key] = (before, after)
    for key in set(old.get("tasks", {})) | set(new.get("tasks", {})):
        before = old.get("tasks", {}).get(key) or {}
        after = new.get("tasks", {}).get(key) or {}
        for part in ("done", "proposals", "completed_on"):
            if before.get(part) != after.get(part):
                changes["tasks"][(key, part)] = (before.get(part), after.get(part))
    if old.get("obstacles", []) != new.get("obstacles", []):
        changes["obstacles"] = (old.get("obstacles", []), new.get("obstacles", []))
    if old.get("general_notes", "") != new.get("general_notes", ""):
        changes["general_notes"] = (old.get("general_notes", ""), new.get("general_notes", ""))
    return dict(changes)
