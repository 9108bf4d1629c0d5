"""Progress against target and schedule status, computed from accepted reports only.

Rules (one place, used by the dashboards, their exports and later the summary reports):

- achieved: for a cumulative indicator, its value in the latest accepted report of a period
  ending on or before the cut-off; for a per-period indicator, the sum of accepted values of
  those periods.
- elapsed share: how much of the task's time (start → deadline) has passed at the cut-off.
- trend: the achieved amount gained over the last TREND_DAYS before the latest accepted value,
  per day; the projected completion date extends that trend to the target.
- status, in this order: target already met → "done"; no accepted value → "no_data";
  projected completion after the deadline (or deadline passed, or no progress lately while
  unfinished) → "at_risk"; progress share below the elapsed share by more than TOLERANCE →
  "behind"; otherwise "on_track".
"""

import datetime
import threading
import time
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import FilteredRelation, Q
from django.utils.translation import gettext_lazy as _

from .models import ContentItem, Indicator, ProgressReport

TREND_DAYS = 90
TOLERANCE = Decimal("0.10")
ZERO = Decimal("0")
ONE = Decimal("1")


class Status:
    DONE = "done"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    NO_DATA = "no_data"

    ORDER = [AT_RISK, BEHIND, NO_DATA, ON_TRACK, DONE]  # worst first
    LABELS = {
        DONE: _("Target met"),
        ON_TRACK: _("On track"),
        BEHIND: _("Behind schedule"),
        AT_RISK: _("At risk"),
        NO_DATA: _("No data yet"),
    }
    BADGES = {
        DONE: "success",
        ON_TRACK: "primary",
        BEHIND: "warning",
        AT_RISK: "danger",
        NO_DATA: "secondary",
    }


def elapsed_share(start: datetime.date, deadline: datetime.date, day: datetime.date) -> Decimal:
    if day <= start:
        return ZERO
    if day >= deadline or deadline <= start:
        return ONE
    return Decimal((day - start).days) / Decimal((deadline - start).days)


def classify(
    *,
    target: Decimal,
    achieved: Decimal | None,
    start: datetime.date,
    deadline: datetime.date,
    cutoff: datetime.date,
    rate_per_day: Decimal | None,
    last_date: datetime.date | None,
) -> tuple[str, datetime.date | None]:
    """(status, projected completion date) for one indicator — the rule of this module."""
    if achieved is None:
        return Status.NO_DATA, None
    if target <= 0 or achieved >= target:
        # The date the target was reached is not known (only the latest report's): none.
        return Status.DONE, None
    projected = None
    if rate_per_day and rate_per_day > 0 and last_date:
        # Rounded first: 12 / (12/90) is 90.000…02 in 28-digit arithmetic, not 91 days.
        days = ((target - achieved) / rate_per_day).quantize(Decimal("0.000001"))
        # Far projections are as good as "never" for a campaign of a few years.
        projected = (
            last_date
            + datetime.timedelta(days=int(days.to_integral_value(rounding="ROUND_CEILING")))
            if days < 36500
            else None
        )
    if cutoff > deadline or projected is None or projected > deadline:
        return Status.AT_RISK, projected
    share = achieved / target
    if share + TOLERANCE < elapsed_share(start, deadline, cutoff):
        return Status.BEHIND, projected
    return Status.ON_TRACK, projected


# --- Plain records of what the dashboards show of an indicator and its task -----------------


@dataclass(slots=True)
class Ref:
    pk: int
    name: str

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self):
        return self.name


@dataclass(slots=True)
class ContentItemRef:
    pk: int
    number: int
    text: str

    def __str__(self):
        return f"{self.number}. {self.text}"


@dataclass(slots=True)
class TaskInfo:
    pk: int
    title: str
    start_date: datetime.date
    deadline: datetime.date
    campaign_id: int
    unit: Ref
    project: Ref | None
    content_item: ContentItemRef | None

    @property
    def id(self) -> int:
        return self.pk

    @property
    def unit_id(self) -> int:
        return self.unit.pk

    @property
    def project_id(self) -> int | None:
        return self.project.pk if self.project else None

    @property
    def content_item_id(self) -> int | None:
        return self.content_item.pk if self.content_item else None

    def __str__(self):
        return self.title


@dataclass(slots=True)
class IndicatorInfo:
    pk: int
    name: str
    unit_of_measure: str
    target: Decimal
    kind: str
    order: int
    task: TaskInfo

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})"


_ROW_FIELDS = (
    "pk",
    "name",
    "unit_of_measure",
    "target",
    "kind",
    "order",
    "task_id",
    "task__title",
    "task__start_date",
    "task__deadline",
    "task__campaign_id",
    "task__unit_id",
    "task__unit__name",
    "task__project_id",
    "task__project__name",
    "task__content_item_id",
    "task__content_item__number",
    "task__unit__path",
    "now__latest_value",
    "now__latest_date",
    "now__total",
    "was__latest_value",
    "was__latest_date",
    "was__total",
)


_ITEM = _ROW_FIELDS.index("task__content_item_id")
_NUMBER = _ROW_FIELDS.index("task__content_item__number")
_PATH = _ROW_FIELDS.index("task__unit__path")
_TASK = _ROW_FIELDS.index("task_id")
_ORDER = _ROW_FIELDS.index("order")


def _reading_order(row):
    number = row[_NUMBER]
    # No content item sorts last, as NULLs do in PostgreSQL's ascending order.
    return (number is None, number or 0, row[_PATH], row[_TASK], row[_ORDER], row[0])


def _task_info(task_id, fields, units, projects, content_items, texts) -> TaskInfo:
    (title, start, deadline, campaign_id, unit_id, unit_name, project_id, project_name) = fields[:8]
    (item_id, item_number, _path) = fields[8:]
    unit = units.get(unit_id) or units.setdefault(unit_id, Ref(unit_id, unit_name))
    project = None
    if project_id is not None:
        project = projects.get(project_id) or projects.setdefault(
            project_id, Ref(project_id, project_name)
        )
    item = None
    if item_id is not None:
        item = content_items.get(item_id) or content_items.setdefault(
            item_id, ContentItemRef(item_id, item_number, texts.get(item_id, ""))
        )
    return TaskInfo(task_id, title, start, deadline, campaign_id, unit, project, item)


@dataclass
class IndicatorProgress:
    indicator: IndicatorInfo
    achieved: Decimal | None
    last_date: datetime.date | None
    rate_per_day: Decimal | None
    status: str
    projected: datetime.date | None
    elapsed: Decimal

    @property
    def task(self):
        return self.indicator.task

    @property
    def target(self) -> Decimal:
        return self.indicator.target

    @property
    def percent(self) -> Decimal | None:
        if self.achieved is None or not self.target:
            return None
        return (self.achieved * 100 / self.target).quantize(Decimal("0.1"))

    @cached_property
    def share(self) -> Decimal:
        """Progress share capped at 1, for averaging across indicators."""
        if self.achieved is None or not self.target:
            return ZERO
        return min(self.achieved / self.target, ONE)

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def badge(self) -> str:
        return Status.BADGES[self.status]


def _cut_periods(indicators, days: list[datetime.date], periods=None) -> list[list[int]]:
    """For each day, the ids of the last period ending on or before it, one per campaign of
    the indicators (one query, none when the caller has the periods already)."""
    from .models import ReportingPeriod

    latest: list[dict[int, tuple]] = [{} for _day in days]
    if periods is not None:
        rows = [(p.campaign_id, p.end_date, p.pk) for p in periods]
    else:
        rows = ReportingPeriod.objects.filter(
            campaign_id__in=indicators.values("task__campaign_id"), end_date__lte=max(days)
        ).values_list("campaign_id", "end_date", "pk")
    for campaign_id, end, pk in rows:
        for index, day in enumerate(days):
            if end <= day and (end, pk) > latest[index].get(campaign_id, (datetime.date.min, 0)):
                latest[index][campaign_id] = (end, pk)
    # An empty IN () would void the join condition: 0 matches no period.
    return [[pk for _end, pk in found.values()] or [0] for found in latest]


def indicator_progress(indicators, cutoff: datetime.date, periods=None) -> list[IndicatorProgress]:
    """Progress of every indicator of the queryset at the cut-off date.

    Reads the pre-aggregated IndicatorState rows (campaign/progress_state.py) of the last
    period ending by the cut-off and of the last one ending TREND_DAYS earlier. Two queries;
    one when `periods` (every period of the indicators' campaigns) is given.
    """
    earlier = cutoff - datetime.timedelta(days=TREND_DAYS)
    now_ids, was_ids = _cut_periods(indicators, [cutoff, earlier], periods)
    rows = (
        indicators.annotate(
            now=FilteredRelation("states", condition=Q(states__period_id__in=now_ids)),
            was=FilteredRelation("states", condition=Q(states__period_id__in=was_ids)),
        )
        .order_by()
        .values_list(*_ROW_FIELDS)
    )
    # Sorted here rather than by the database: at 10,000 rows PostgreSQL's sort spilled to
    # disk. Content item number, unit path, task, order, pk — the plan's reading order.
    rows = sorted(rows, key=_reading_order)
    # The content items' texts once each, not once per indicator row.
    texts = dict(
        ContentItem.objects.filter(pk__in={row[_ITEM] for row in rows} - {None}).values_list(
            "pk", "text"
        )
    )
    # Plain records rather than model instances: 10,000 indicators with their task, unit,
    # project and content item made 48,000 model objects, most of the page's time.
    tasks: dict[int, TaskInfo] = {}
    units: dict[int, Ref] = {}
    projects: dict[int, Ref] = {}
    content_items: dict[int, ContentItemRef] = {}
    elapsed_of: dict[int, Decimal] = {}  # per task: 2,000 divisions instead of 10,000
    per_period = Indicator.Kind.PER_PERIOD
    result = []
    for row in rows:
        (pk, name, uom, target, kind, order, task_id, *task_fields) = row[:-6]
        task = tasks.get(task_id)
        if task is None:
            task = tasks[task_id] = _task_info(
                task_id, task_fields, units, projects, content_items, texts
            )
        ind = IndicatorInfo(pk, name, uom, target, kind, order, task)
        (m_latest, m_latest_date, m_total, m_before, m_before_date, m_total_before) = row[-6:]
        if kind == per_period:
            achieved = m_total
            gained = (m_total or ZERO) - (m_total_before or ZERO)
            # A task younger than the trend window has worked only since it started.
            span = min(TREND_DAYS, max((cutoff - task.start_date).days, 0))
        else:
            achieved = m_latest
            gained = (m_latest or ZERO) - (m_before or ZERO)
            start_of_trend = m_before_date or task.start_date
            span = (m_latest_date - start_of_trend).days if m_latest_date else 0
        rate = (gained / Decimal(span)) if span and span > 0 and gained > 0 else None
        status, projected = classify(
            target=target,
            achieved=achieved,
            start=task.start_date,
            deadline=task.deadline,
            cutoff=cutoff,
            rate_per_day=rate,
            last_date=m_latest_date,
        )
        elapsed = elapsed_of.get(task_id)
        if elapsed is None:
            elapsed = elapsed_of[task_id] = elapsed_share(task.start_date, task.deadline, cutoff)
        result.append(
            IndicatorProgress(
                indicator=ind,
                achieved=achieved,
                last_date=m_latest_date,
                rate_per_day=rate,
                status=status,
                projected=projected,
                elapsed=elapsed,
            )
        )
    return result


# --- Computed once per figures version -----------------------------------------------------

_MEMO: OrderedDict = OrderedDict()
_MEMO_SIZE = 8  # campaigns × cut-offs kept per process
_MEMO_SECONDS = 600  # names of units, projects, content items edited elsewhere show within this
_memo_lock = threading.Lock()


class ProgressList(list):
    """Kept progress of a campaign's indicators, with its roll-ups worked out once."""

    @cached_property
    def groups(self) -> dict[str, list["Group"]]:
        return rollups(self)


def campaign_progress(campaign, cutoff: datetime.date, periods=None) -> list[IndicatorProgress]:
    """indicator_progress of every indicator of the campaign, computed once per figures version
    (campaign/progress_state.py bumps it on every change of the figures) and cut-off, and kept
    in this process. The result is shared between requests: read it, never change it."""
    from django.db import connection

    from . import progress_state

    indicators = Indicator.objects.filter(task__campaign=campaign)
    version = progress_state.figures_version(campaign.pk)
    if version is None:
        return indicator_progress(indicators, cutoff, periods)
    key = (connection.settings_dict["NAME"], campaign.pk, version, cutoff)
    now = time.monotonic()
    with _memo_lock:
        found = _MEMO.get(key)
        if found is not None and now - found[0] < _MEMO_SECONDS:
            _MEMO.move_to_end(key)
            return found[1]
    items = ProgressList(indicator_progress(indicators, cutoff, periods))
    with _memo_lock:
        _MEMO[key] = (now, items)
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return items


def forget_computed() -> None:
    """Empties this process's store of computed figures (tests)."""
    with _memo_lock:
        _MEMO.clear()


@dataclass
class Group:
    """Progress of a set of indicators (a task, a unit, a project, a content item)."""

    key: object
    label: str
    items: list[IndicatorProgress] = field(default_factory=list)

    @cached_property
    def percent(self) -> Decimal:
        if not self.items:
            return ZERO
        return (sum(i.share for i in self.items) * 100 / len(self.items)).quantize(Decimal("0.1"))

    @cached_property
    def expected_percent(self) -> Decimal:
        if not self.items:
            return ZERO
        return (sum(i.elapsed for i in self.items) * 100 / len(self.items)).quantize(Decimal("0.1"))

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Status.ORDER, 0)
        for item in self.items:
            counts[item.status] += 1
        return counts

    @cached_property
    def status(self) -> str:
        """The group's status is that of its worst indicator, a finished group is done."""
        statuses = {item.status for item in self.items}
        for status in Status.ORDER:
            if status in statuses:
                return status
        return Status.NO_DATA

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def badge(self) -> str:
        return Status.BADGES[self.status]

    @cached_property
    def projected(self) -> datetime.date | None:
        """When the slowest unfinished indicator gets there; unknown if any has no trend."""
        unfinished = [i for i in self.items if i.status != Status.DONE]
        if any(i.projected is None for i in unfinished):
            return None
        return max((i.projected for i in unfinished), default=None)

    @cached_property
    def deadline(self) -> datetime.date | None:
        dates = [i.task.deadline for i in self.items]
        return max(dates) if dates else None


def group_by(items: list[IndicatorProgress], key_func, label_func) -> list[Group]:
    groups: dict = {}
    for item in items:
        key = key_func(item)
        if key not in groups:
            groups[key] = Group(key=key, label=label_func(item))
        groups[key].items.append(item)
    return list(groups.values())


def rollups(items: list[IndicatorProgress]) -> dict[str, list[Group]]:
    """The same indicators grouped by task, unit, project and content item."""
    no_project = _("(no key project)")
    no_item = _("(not tied to a content item)")
    return {
        "task": group_by(items, lambda i: i.task.pk, lambda i: i.task.title),
        "unit": group_by(items, lambda i: i.task.unit_id, lambda i: i.task.unit.name),
        "project": group_by(
            items,
            lambda i: i.task.project_id,
            lambda i: i.task.project.name if i.task.project else str(no_project),
        ),
        "content_item": group_by(
            items,
            lambda i: i.task.content_item_id,
            lambda i: (
                f"{i.task.content_item.number}. {i.task.content_item.text}"
                if i.task.content_item
                else str(no_item)
            ),
        ),
    }


def status_totals(items: list[IndicatorProgress]) -> dict[str, int]:
    totals = defaultdict(int)
    for item in items:
        totals[item.status] += 1
    return {status: totals[status] for status in Status.ORDER}


# --- Reporting discipline -------------------------------------------------------------------


@dataclass
class Discipline:
    period: object
    expected: int
    on_time: int
    late: int
    returned: int
    waiting: int  # submitted, not yet reviewed (counted on time or late as well)

    @property
    def missing(self) -> int:
        return max(self.expected - self.on_time - self.late, 0)


def discipline(
    periods, unit_starts_by_campaign: dict[int, dict[int, datetime.date]], unit_id=None
) -> list[Discipline]:
    """Per period: expected reports (units whose first task of the campaign had started by
    the period's end), submitted on time, late, returned, and missing (never submitted). One
    aggregate query whatever the number of reports.

    `unit_starts_by_campaign`: {campaign id: {unit id: start date of its first task}}."""
    from django.db.models import Count, F

    periods = list(periods)
    reports = ProgressReport.objects.filter(period__in=periods, first_submitted_at__isnull=False)
    if unit_id:
        reports = reports.filter(unit_id=unit_id)
    else:
        # Only units that still have tasks count (a report of a unit without task is noise).
        allowed = (
            set().union(*unit_starts_by_campaign.values()) if unit_starts_by_campaign else set()
        )
        reports = reports.filter(unit_id__in=allowed)
    rows = reports.values("period_id").annotate(
        on_time=Count("pk", filter=Q(first_submitted_at__date__lte=F("period__due_date"))),
        late=Count("pk", filter=Q(first_submitted_at__date__gt=F("period__due_date"))),
        returned=Count("pk", filter=Q(status=ProgressReport.Status.RETURNED)),
        waiting=Count("pk", filter=Q(status=ProgressReport.Status.SUBMITTED)),
    )
    by_period = {row["period_id"]: row for row in rows}
    result = []
    for period in periods:
        starts = unit_starts_by_campaign.get(period.campaign_id, {})
        due = {pk for pk, start in starts.items() if start is None or start <= period.end_date}
        expected = (1 if unit_id in due else 0) if unit_id else len(due)
        row = by_period.get(period.pk, {})
        result.append(
            Discipline(
                period=period,
                expected=expected,
                on_time=row.get("on_time", 0),
                late=row.get("late", 0),
                returned=row.get("returned", 0),
                waiting=row.get("waiting", 0),
            )
        )
    return result


# --- Open obstacles by age ------------------------------------------------------------------

AGE_BUCKETS = [(0, 30), (30, 90), (90, None)]


def obstacle_ages(obstacles, today: datetime.date) -> list[dict]:
    """Open obstacles (not resolved) by age bucket and by whether they need the province."""
    from django.db.models import Count

    from .models import Obstacle

    open_ = obstacles.exclude(status=Obstacle.Status.RESOLVED)
    aggregates = {}
    for low, high in AGE_BUCKETS:
        newest = today - datetime.timedelta(days=low)
        condition = Q(raised_at__date__lte=newest)
        if high is not None:
            condition &= Q(raised_at__date__gt=today - datetime.timedelta(days=high))
        aggregates[f"b{low}_beyond"] = Count("pk", filter=condition & Q(beyond_authority=True))
        aggregates[f"b{low}_within"] = Count("pk", filter=condition & Q(beyond_authority=False))
    counts = open_.aggregate(**aggregates)
    return [
        {
            "low": low,
            "high": high,
            "beyond": counts[f"b{low}_beyond"],
            "within": counts[f"b{low}_within"],
            "total": counts[f"b{low}_beyond"] + counts[f"b{low}_within"],
        }
        for low, high in AGE_BUCKETS
    ]
