"""The unit dashboard: a unit's tasks against target, its next due reports, the reports returned
to it and its open obstacles. Read-only: figures come from campaign.metrics (the schedule rule)
and campaign.reporting (a period's status as the unit sees it); access from campaign.access."""

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import metrics, reporting
from .. import obstacles as obstacle_services
from ..access import campaigns_for_manager, can_manage_campaigns, unit_for_dashboard
from ..exports import FORMATS, table_response
from ..models import Campaign, Indicator, Obstacle, ProgressReport, ReportingPeriod, Task
from .reporting import STATUS_BADGES

NEXT_DUE_COUNT = 3
RETURNED_LIMIT = 10
OBSTACLE_LIMIT = 10
# Reports the unit has handed in: the period is no longer "to do" (a returned report is listed
# apart, with the office's comment).
HANDED_IN = (
    ProgressReport.Status.SUBMITTED,
    ProgressReport.Status.ACCEPTED,
    ProgressReport.Status.RETURNED,
)


# --- What the page shows ------------------------------------------------------------------------


@dataclass
class TaskProgress:
    """One task of the unit with its indicators' progress (a metrics.Group of one task)."""

    group: metrics.Group
    campaign: Campaign

    @property
    def task(self) -> Task:
        return self.group.items[0].task

    @property
    def items(self) -> list[metrics.IndicatorProgress]:
        return self.group.items


def task_progress(unit, cutoff: datetime.date) -> list[TaskProgress]:
    """The unit's tasks with indicators, campaign by campaign (newest first), at the cut-off.

    Three queries whatever the number of tasks and reports: the indicators with their accepted
    progress (metrics.indicator_progress: two) and the campaigns' names.
    """
    items = metrics.indicator_progress(Indicator.objects.filter(task__unit=unit), cutoff)
    groups = metrics.rollups(items)["task"]
    campaign_ids = {group.items[0].task.campaign_id for group in groups}
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(pk__in=campaign_ids).only(
            "pk", "code", "name", "start_date", "status"
        )
    }
    order = {pk: index for index, pk in enumerate(sorted(campaigns, key=_newest_first(campaigns)))}
    rows = [TaskProgress(group=g, campaign=campaigns[g.items[0].task.campaign_id]) for g in groups]
    # A stable sort keeps metrics' order (content item, task) inside each campaign.
    rows.sort(key=lambda row: order[row.campaign.pk])
    return rows


def _newest_first(campaigns):
    return lambda pk: (-campaigns[pk].start_date.toordinal(), campaigns[pk].name)


def _status(period, report, today) -> dict:
    code = reporting.unit_status(period, report, today)
    return {"code": code, "label": reporting.status_label(code), "badge": STATUS_BADGES[code]}


def next_due(unit, today: datetime.date) -> list[dict]:
    """The next periods the unit has not handed in, earliest due date first (overdue ones
    included: they are the most urgent). Two queries."""
    handed_in = ProgressReport.objects.filter(
        period=OuterRef("pk"), unit=unit, status__in=HANDED_IN
    )
    periods = list(
        ReportingPeriod.objects.filter(
            campaign_id__in=Task.objects.filter(unit=unit).values("campaign_id")
        )
        .exclude(Exists(handed_in))
        .select_related("campaign")
        .order_by("due_date", "start_date", "pk")[:NEXT_DUE_COUNT]
    )
    drafts = {
        r.period_id: r
        for r in ProgressReport.objects.filter(period__in=periods, unit=unit).only(
            "pk", "period_id", "unit_id", "status"
        )
    }
    return [
        {
            "period": period,
            "report": drafts.get(period.pk),
            "status": _status(period, drafts.get(period.pk), today),
            "days_left": (period.due_date - today).days,
            "days_late": max((today - period.due_date).days, 0),
            "started": period.start_date <= today,
        }
        for period in periods
    ]


def returned_reports(unit) -> list[ProgressReport]:
    """Reports the office returned for correction, the oldest due first (one query; one more
    row than shown tells whether there are more)."""
    return list(
        ProgressReport.objects.filter(unit=unit, status=ProgressReport.Status.RETURNED)
        .select_related("period__campaign", "reviewed_by__person")
        .order_by("period__due_date", "pk")[: RETURNED_LIMIT + 1]
    )


def open_obstacles(unit, today: datetime.date) -> tuple[list[Obstacle], int]:
    """The unit's latest unresolved obstacles and how many there are (two queries)."""
    queryset = Obstacle.objects.filter(
        unit=unit, status__in=obstacle_services.UNRESOLVED_STATUSES
    ).order_by("-raised_at", "-pk")
    latest = obstacle_services.with_age(
        queryset.select_related("campaign", "task", "report__period")[:OBSTACLE_LIMIT], today
    )
    total = len(latest) if len(latest) < OBSTACLE_LIMIT else queryset.count()
    return latest, total


def task_totals(tasks: list[TaskProgress]) -> list[dict]:
    """How many tasks are in each schedule status, worst first (statuses with none left out)."""
    counts = Counter(row.group.status for row in tasks)
    return [
        {
            "code": code,
            "label": metrics.Status.LABELS[code],
            "badge": metrics.Status.BADGES[code],
            "count": counts[code],
        }
        for code in metrics.Status.ORDER
        if counts[code]
    ]


# --- The export: the same rows as the tasks table ------------------------------------------------


def _number(value: Decimal | None):
    """A figure without trailing zeros (4.000 → 4, 2.500 → 2.5): read as "four thousand" and
    "two thousand five hundred" by a Vietnamese eye otherwise."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def export_headers() -> list[str]:
    return [
        _("Campaign"),
        _("Content item"),
        _("Task"),
        _("Task progress (%)"),
        _("Task status"),
        _("Deadline"),
        _("Projected completion of the task"),
        _("Indicator"),
        _("Unit of measure"),
        _("Achieved"),
        _("Target"),
        _("Achieved (percent of target)"),
        _("Indicator status"),
        _("Projected completion of the indicator"),
    ]


def export_rows(tasks: list[TaskProgress]) -> list[list]:
    rows = []
    for row in tasks:
        task = row.task
        for item in row.items:
            rows.append(
                [
                    row.campaign.name,
                    task.content_item.number if task.content_item else "",
                    task.title,
                    _number(row.group.percent),
                    str(row.group.status_label),
                    _date(task.deadline),
                    _date(row.group.projected),
                    item.indicator.name,
                    item.indicator.unit_of_measure,
                    _number(item.achieved),
                    _number(item.target),
                    _number(item.percent),
                    str(item.status_label),
                    _date(item.projected),
                ]
            )
    return rows


# --- Views --------------------------------------------------------------------------------------


def _forbidden(request):
    """A 403 that sends the department office to its own dashboard."""
    campaigns = []
    if can_manage_campaigns(request.user):
        campaigns = list(
            campaigns_for_manager(request.user)
            .exclude(status=Campaign.Status.DRAFT)
            .only("pk", "name", "start_date")
            .order_by("-start_date", "name")[:10]
        )
    return render(
        request, "campaign/dashboard/unit_forbidden.html", {"campaigns": campaigns}, status=403
    )


def _unit_or_forbidden(request):
    try:
        unit, units = unit_for_dashboard(request, request.GET.get("unit"))
    except PermissionDenied:
        return None, None
    if unit not in units:
        # A unit under the one where the user is head: selectable while it is shown.
        units = [*units, unit]
    return unit, units


@login_required
def dashboard_unit(request):
    unit, units = _unit_or_forbidden(request)
    if unit is None:
        return _forbidden(request)
    today = timezone.localdate()
    tasks = task_progress(unit, today)
    returned = returned_reports(unit)
    obstacles, obstacle_total = open_obstacles(unit, today)
    return render(
        request,
        "campaign/dashboard/unit.html",
        {
            "unit": unit,
            "units": units,
            "today": today,
            "tasks": tasks,
            "several_campaigns": len({row.campaign.pk for row in tasks}) > 1,
            "totals": task_totals(tasks),
            "next_due": next_due(unit, today),
            "returned": returned[:RETURNED_LIMIT],
            "more_returned": len(returned) > RETURNED_LIMIT,
            "obstacles": obstacles,
            "obstacle_total": obstacle_total,
            "unresolved": obstacle_services.UNRESOLVED,
        },
    )


@login_required
def dashboard_unit_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    unit, _units = _unit_or_forbidden(request)
    if unit is None:
        return _forbidden(request)
    today = timezone.localdate()
    tasks = task_progress(unit, today)
    filename = _("Task progress %(unit)s %(day)s") % {
        "unit": unit.name,
        "day": today.strftime("%d-%m-%Y"),
    }
    return table_response(fmt, filename, _("Task progress"), export_headers(), export_rows(tasks))
