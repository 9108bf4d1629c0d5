"""The tables of the secretariat's dashboard (bảng điều khiển của Văn phòng Sở) for one campaign.

Progress against target per content item, unit, key project, task and indicator with the
schedule status of `campaign.metrics` (the rule lives there, not here), reporting discipline per
period and open obstacles by age. Every table is built by one function (`build_tables`) that
serves the page (campaign/views/dashboard_office.py), its direct Excel / CSV export and the
worker that writes a big table (`campaign.table_exports`), so that all carry the same figures.
The figures come from a fixed set of aggregate queries (`load`), whatever the number of units,
tasks or reports; `benchmark_sql` runs exactly those queries for the benchmark.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import Organization
from units.tables import (
    Column,
    clean_sort,
    columns_by_key,
    sort_rows,
)

from . import metrics
from .metrics import Status
from .models import Campaign, Indicator, Obstacle, ProgressReport, ReportingPeriod, Task

ROWS_PER_PAGE = 50
# The paginated tables and the parameters of their page number and sort (units.tables).
PAGE_PARAMS = {
    "unit": "unit_page",
    "project": "project_page",
    "task": "task_page",
    "indicator": "page",
}
SORT_PARAMS = {
    "unit": "unit_sort",
    "project": "project_sort",
    "task": "task_sort",
    "indicator": "sort",
}
DISCIPLINE_PERIODS = 12
TOP_LAGGING_UNITS = 15
# The section of the page that holds each table.
ANCHORS = {
    "content_item": "content-items",
    "unit": "units",
    "project": "projects",
    "task": "tasks",
    "indicator": "indicators",
    "discipline": "discipline",
    "obstacles": "obstacles",
}
TABLES = ("content_item", "unit", "project", "task", "indicator", "discipline", "obstacles")
STATUS_RANK = {status: rank for rank, status in enumerate(Status.ORDER)}


def group_columns(*, task: bool = False) -> dict[str, Column]:
    """Sortable columns of the unit, project and task tables, read from metrics.Group (the
    sort comes before the page is cut; the natural order breaks ties). Status sorts worst
    first, percent lowest first."""
    columns = [
        Column("label", _("Name"), value=lambda g: g.label),
        *([Column("unit", _("Unit"), value=lambda g: g.items[0].task.unit.name)] if task else []),
        Column("indicators", _("Indicators"), value=lambda g: len(g.items), css="text-end"),
        Column("percent", _("Achieved (%)"), value=lambda g: g.percent, css="text-end"),
        Column(
            "expected",
            _("Expected by elapsed time (%)"),
            value=lambda g: g.expected_percent,
            css="text-end",
        ),
        Column(
            "status", _("Schedule status"), value=lambda g: STATUS_RANK[g.status], css="text-end"
        ),
        Column("projected", _("Projected completion"), value=lambda g: g.projected, css="text-end"),
        Column("deadline", _("Deadline"), value=lambda g: g.deadline, css="text-end"),
    ]
    return columns_by_key(columns)


def indicator_columns() -> dict[str, Column]:
    """Sortable columns of the indicator table, read from metrics.IndicatorProgress."""
    return columns_by_key(
        [
            Column("name", _("Indicator"), value=lambda i: i.indicator.name),
            Column("task", _("Task"), value=lambda i: i.task.title),
            Column("unit", _("Unit"), value=lambda i: i.task.unit.name),
            Column("target", _("Target"), value=lambda i: i.target, css="text-end"),
            Column("achieved", _("Achieved"), value=lambda i: i.achieved, css="text-end"),
            Column("percent", _("Achieved (%)"), value=lambda i: i.percent, css="text-end"),
            Column(
                "expected",
                _("Expected by elapsed time (%)"),
                value=lambda i: i.elapsed,
                css="text-end",
            ),
            Column(
                "status",
                _("Schedule status"),
                value=lambda i: STATUS_RANK[i.status],
                css="text-end",
            ),
            Column(
                "projected",
                _("Projected completion"),
                value=lambda i: i.projected if i.status != Status.DONE else None,
                css="text-end",
            ),
            Column("deadline", _("Deadline"), value=lambda i: i.task.deadline, css="text-end"),
        ]
    )


# The keys of the sortable columns, in the order of each table's headers (None: not sortable).
GROUP_HEADER_KEYS = (
    "label",
    "indicators",
    "percent",
    "expected",
    "status",
    "projected",
    "deadline",
)
TASK_HEADER_KEYS = ("label", "unit", *GROUP_HEADER_KEYS[1:])
INDICATOR_HEADER_KEYS = (
    "name",
    None,
    "task",
    "unit",
    "target",
    "achieved",
    "percent",
    "expected",
    "status",
    "projected",
    "deadline",
)
MAX_ID = 2**63 - 1
_NO_PAGE = object()


# --- Filters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters, cleaned from the query string: a value that does not belong to
    the campaign is dropped (the page then shows everything rather than an error)."""

    cutoff: datetime.date
    year: int | None = None
    period: ReportingPeriod | None = None
    unit_id: int | None = None
    status: str = ""  # the indicator table only
    sort: str = ""  # the indicator table only
    unit_sort: str = ""
    project_sort: str = ""
    task_sort: str = ""


def _positive_int(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def campaign_years(campaign: Campaign) -> list[int]:
    return list(range(campaign.start_date.year, campaign.end_date.year + 1))


def parse_filters(params, campaign: Campaign, periods, today: datetime.date) -> Filters:
    """Cut-off: the end of the chosen period; else 31/12 of the chosen year when that day has
    passed; else today."""
    year = _positive_int(params.get("year"))
    if year not in campaign_years(campaign):
        year = None
    period = {p.pk: p for p in periods}.get(_positive_int(params.get("period")))
    if period is not None:
        cutoff = period.end_date
        year = period.year
    elif year is not None and datetime.date(year, 12, 31) < today:
        cutoff = datetime.date(year, 12, 31)
    else:
        cutoff = today
    status = params.get("status", "")
    groups, task_columns = group_columns(), group_columns(task=True)
    return Filters(
        cutoff=cutoff,
        year=year,
        period=period,
        unit_id=_positive_int(params.get("unit")),
        status=status if status in Status.ORDER else "",
        sort=clean_sort(params.get("sort"), indicator_columns()),
        unit_sort=clean_sort(params.get("unit_sort"), groups),
        project_sort=clean_sort(params.get("project_sort"), groups),
        task_sort=clean_sort(params.get("task_sort"), task_columns),
    )


# --- The queries --------------------------------------------------------------------------------


@dataclass
class Figures:
    """What the dashboard reads from the database, before any table is laid out."""

    periods: list[ReportingPeriod]  # all the campaign's periods, for the filter
    units: list[Organization]  # units with tasks, each with `latest_report_id`
    unit: Organization | None  # the unit filter, when it names one of them
    items: list[metrics.IndicatorProgress]
    discipline: list[metrics.Discipline]
    obstacle_ages: list[dict]
    waiting: int  # reports submitted, waiting for review


def campaign_periods(campaign: Campaign) -> list[ReportingPeriod]:
    periods = list(ReportingPeriod.objects.filter(campaign=campaign).order_by("start_date", "pk"))
    for period in periods:
        period.campaign = campaign  # labels and urging read it without another query
    return periods


def discipline_periods(periods, cutoff: datetime.date) -> list[ReportingPeriod]:
    """The last DISCIPLINE_PERIODS periods ending on or before the cut-off, oldest first."""
    ended = [p for p in periods if p.end_date <= cutoff]
    return ended[-DISCIPLINE_PERIODS:]


def load(
    campaign: Campaign,
    periods: list[ReportingPeriod],
    cutoff: datetime.date,
    unit_id: int | None,
    today: datetime.date,
    *,
    fresh: bool = False,
) -> Figures:
    """Six queries whatever the data size, four once the indicators' progress is kept:

    1. units with tasks in the campaign, each with its latest accepted report up to the cut-off
       (the link behind a unit's figures);
    2. progress of every indicator and the content items' texts (metrics.indicator_progress),
       read from what metrics.campaign_progress keeps unless `fresh` or the figures changed;
    3. reporting discipline of the last periods (metrics.discipline);
    4. open obstacles by age (metrics.obstacle_ages);
    5. reports waiting for review.
    """
    latest_report = (
        ProgressReport.objects.filter(
            unit=OuterRef("pk"),
            period__campaign=campaign,
            status=ProgressReport.Status.ACCEPTED,
            period__end_date__lte=cutoff,
        )
        .order_by("-period__end_date", "-pk")
        .values("pk")[:1]
    )
    first_start = (
        Task.objects.filter(campaign=campaign, unit=OuterRef("pk"))
        .order_by("start_date")
        .values("start_date")[:1]
    )
    units = list(
        Organization.objects.filter(pk__in=Task.objects.filter(campaign=campaign).values("unit_id"))
        .annotate(latest_report_id=Subquery(latest_report), first_start=Subquery(first_start))
        .only("pk", "name", "path")
        .order_by("path")
    )
    unit = next((u for u in units if u.pk == unit_id), None) if unit_id else None

    if fresh:
        items = metrics.indicator_progress(
            Indicator.objects.filter(task__campaign=campaign), cutoff, periods
        )
    else:
        items = metrics.campaign_progress(campaign, cutoff, periods)
    obstacles = Obstacle.objects.filter(campaign=campaign)
    waiting = ProgressReport.objects.filter(
        period__campaign=campaign, status=ProgressReport.Status.SUBMITTED
    )
    if unit is not None:
        items = [item for item in items if item.task.unit_id == unit.pk]
        obstacles = obstacles.filter(unit=unit)
        waiting = waiting.filter(unit=unit)
    return Figures(
        periods=periods,
        units=units,
        unit=unit,
        items=items,
        discipline=metrics.discipline(
            discipline_periods(periods, cutoff),
            {campaign.pk: {u.pk: u.first_start for u in units}},
            unit_id=unit.pk if unit else None,
        ),
        obstacle_ages=metrics.obstacle_ages(obstacles, today),
        waiting=waiting.count(),
    )


def benchmark_sql(campaign: Campaign, cutoff: datetime.date):
    """A zero-argument callable running exactly the aggregate queries of the dashboard without
    a filter (the campaign's periods, then `load`), results evaluated; for bench/."""
    today = timezone.localdate()

    def run() -> Figures:
        # Computed afresh: the figures kept between requests would hide the SQL's cost.
        return load(campaign, campaign_periods(campaign), cutoff, None, today, fresh=True)

    return run


# --- Rows and tables ----------------------------------------------------------------------------


@dataclass
class ProgressRow:
    """A content item, unit, key project or task: its indicators taken together."""

    label: str
    url: str
    indicators: int
    percent: Decimal
    expected: Decimal
    status: str
    projected: datetime.date | None
    deadline: datetime.date | None
    key: object = None
    unit_name: str = ""  # task rows
    unit_url: str = ""
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (url, icon, label)

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def badge(self) -> str:
        return Status.BADGES[self.status]

    @property
    def lag(self) -> Decimal:
        """Points behind the elapsed time (negative: ahead)."""
        return self.expected - self.percent

    @property
    def projected_late(self) -> bool:
        return bool(self.projected and self.deadline and self.projected > self.deadline)


@dataclass
class IndicatorRow:
    name: str
    unit_of_measure: str
    task: str
    task_url: str
    unit_name: str
    unit_url: str
    target: Decimal
    achieved: Decimal | None
    percent: Decimal | None
    expected: Decimal
    status: str
    projected: datetime.date | None
    deadline: datetime.date
    report_url: str

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def badge(self) -> str:
        return Status.BADGES[self.status]

    @property
    def projected_late(self) -> bool:
        return bool(self.projected and self.projected > self.deadline)


class Table:
    """One table of the dashboard. `source` holds what the rows are made of (groups, indicator
    progress, …); `make_row` lays one out for the page, `cells` turns a row into the values of
    the export. The page shows `rows` (only the rows of the asked page when paginated, laid
    out on demand); the export writes `export_rows()`: every row, under the same `headers`."""

    def __init__(self, key, title, headers, source, make_row, cells, page_number=_NO_PAGE):
        self.key = key
        self.title = title
        self.headers = headers
        self.source = source
        self.make_row = make_row
        self.cells = cells
        self.page = None
        if page_number is not _NO_PAGE:
            self.page = Paginator(source, ROWS_PER_PAGE).get_page(page_number)
            self.page.object_list = [make_row(item) for item in self.page.object_list]

    @property
    def count(self) -> int:
        return len(self.source)

    @property
    def in_background(self) -> bool:
        """Too many rows to write while the person waits: a worker writes the file."""
        return self.count > settings.EXPORT_INLINE_MAX_ROWS

    @cached_property
    def all_rows(self) -> list:
        return [self.make_row(item) for item in self.source]

    @property
    def rows(self) -> list:
        return self.page.object_list if self.page is not None else self.all_rows

    def export_rows(self) -> list[list]:
        return [self.cells(row) for row in self.all_rows]


# A URL with this number in place of a primary key is a pattern for str.format (one reverse()
# per kind of link instead of one per row: thousands of rows at the scale of a province).
_PK = 987654321987


def _pattern(name: str, *args) -> str:
    return reverse(name, args=[*args, _PK]).replace(str(_PK), "{}")


class Links:
    """The URLs behind the figures, built without a query per row."""

    def __init__(self, campaign: Campaign, filters: Filters, figures: Figures):
        self.campaign = campaign
        self.filters = filters
        self.closed = campaign.status == Campaign.Status.CLOSED
        self.dashboard = reverse("dashboard_office", args=[campaign.pk])
        self.task_list = reverse("setup_task_list", args=[campaign.pk])
        self.review_queue = f"{reverse('review_queue')}?{urlencode({'campaign': campaign.pk})}"
        self._task_edit = _pattern("setup_task_edit", campaign.pk)
        self._report = _pattern("report_detail")
        self.latest_report = {u.pk: u.latest_report_id for u in figures.units}
        self.unit_id = figures.unit.pk if figures.unit else None
        # The period or year of the page rides along when the unit changes.
        if filters.period is not None:
            self._keep = {"period": filters.period.pk}
        else:
            self._keep = {"year": filters.year}

    def _query(self, base: str, params: dict) -> str:
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return f"{base}?{urlencode(params)}" if params else base

    def unit_filter(self, unit_id) -> str:
        """This dashboard for one unit, keeping the year and period."""
        return self._query(self.dashboard, {**self._keep, "unit": unit_id})

    def tasks(self, **params) -> str:
        return self._query(self.task_list, params)

    def task(self, task) -> str:
        if self.closed:  # a closed campaign's tasks can no longer be edited
            return self.tasks(unit=task.unit_id)
        return self._task_edit.format(task.pk)

    def report(self, unit_id) -> str:
        """The unit's latest accepted report up to the cut-off, else the review queue."""
        report_id = self.latest_report.get(unit_id)
        return self._report.format(report_id) if report_id else self.review_queue

    def report_link(self, unit_id) -> tuple[str, str, str]:
        """(url, icon, label) of the extra link of a unit's or a task's row."""
        if self.latest_report.get(unit_id):
            return (self.report(unit_id), "file-earmark-text", _("Latest accepted report"))
        return (self.review_queue, "inbox", _("Reports to review"))

    def submission_status(self, period) -> str:
        return self._query(
            reverse("campaign_submission_status", args=[self.campaign.pk]), {"period": period.pk}
        )

    def obstacles(self, **params) -> str:
        params = {"status": "unresolved", "unit": self.unit_id, **params}
        return self._query(reverse("obstacle_register", args=[self.campaign.pk]), params)


def _group_row(group: metrics.Group, label: str, url: str, **kwargs) -> ProgressRow:
    return ProgressRow(
        label=label,
        url=url,
        indicators=len(group.items),
        percent=group.percent,
        expected=group.expected_percent,
        status=group.status,
        projected=group.projected,
        deadline=group.deadline,
        key=group.key,
        **kwargs,
    )


def _figures(row: ProgressRow) -> list:
    return [
        row.indicators,
        row.percent,
        row.expected,
        str(row.status_label),
        row.projected,
        row.deadline,
    ]


def _group_cells(row: ProgressRow) -> list:
    return [row.label, *_figures(row)]


def _progress_headers(first: str, *more: str) -> list[str]:
    return [
        first,
        *more,
        _("Indicators"),
        _("Achieved (%)"),
        _("Expected by elapsed time (%)"),
        _("Schedule status"),
        _("Projected completion"),
        _("Deadline"),
    ]


def content_item_row(group: metrics.Group, links: Links) -> ProgressRow:
    url = links.tasks(item=group.key) if group.key else links.tasks()
    return _group_row(group, group.label, url)


def unit_row(group: metrics.Group, links: Links) -> ProgressRow:
    return _group_row(
        group,
        group.label,
        links.unit_filter(group.key),
        links=[
            (links.tasks(unit=group.key), "list-check", _("Tasks of this unit")),
            links.report_link(group.key),
        ],
    )


def project_row(group: metrics.Group, links: Links) -> ProgressRow:
    url = links.tasks(project=group.key) if group.key else links.tasks()
    return _group_row(group, group.label, url)


def task_row(group: metrics.Group, links: Links) -> ProgressRow:
    task = group.items[0].task
    return _group_row(
        group,
        group.label,
        links.task(task),
        unit_name=task.unit.name,
        unit_url=links.unit_filter(task.unit_id),
        links=[links.report_link(task.unit_id)],
    )


def _task_cells(row: ProgressRow) -> list:
    return [row.label, row.unit_name, *_figures(row)]


def indicator_row(item: metrics.IndicatorProgress, links: Links) -> IndicatorRow:
    indicator, task = item.indicator, item.task
    return IndicatorRow(
        name=indicator.name,
        unit_of_measure=indicator.unit_of_measure,
        task=task.title,
        task_url=links.task(task),
        unit_name=task.unit.name,
        unit_url=links.unit_filter(task.unit_id),
        target=indicator.target,
        achieved=item.achieved,
        percent=item.percent,
        expected=(item.elapsed * 100).quantize(Decimal("0.1")),
        status=item.status,
        # For a met target metrics gives the date of the latest value, not a projection.
        projected=item.projected if item.status != Status.DONE else None,
        deadline=task.deadline,
        report_url=links.report(task.unit_id),
    )


def _indicator_cells(row: IndicatorRow) -> list:
    return [
        row.name,
        row.unit_of_measure,
        row.task,
        row.unit_name,
        row.target,
        row.achieved,
        row.percent,
        row.expected,
        str(row.status_label),
        row.projected,
        row.deadline,
    ]


def sorted_indicators(items, filters: Filters) -> list[metrics.IndicatorProgress]:
    """The indicator table's rows: the status filter, then the chosen order (stable, so the
    natural order of content item, unit and task breaks ties)."""
    if filters.status:
        items = [i for i in items if i.status == filters.status]
    return sort_rows(items, indicator_columns(), filters.sort)


@dataclass
class DisciplineRow:
    period: ReportingPeriod
    expected: int
    on_time: int
    late: int
    missing: int
    returned: int
    due_passed: bool
    url: str

    @property
    def to_urge(self) -> int:
        """Units that have not submitted: never submitted, or returned and not resubmitted."""
        return self.missing + self.returned


def discipline_row(d: metrics.Discipline, links: Links, today) -> DisciplineRow:
    return DisciplineRow(
        period=d.period,
        expected=d.expected,
        on_time=d.on_time,
        late=d.late,
        missing=d.missing,
        returned=d.returned,
        due_passed=d.period.due_date < today,
        url=links.submission_status(d.period),
    )


def _discipline_cells(row: DisciplineRow) -> list:
    return [
        str(row.period.label),
        row.period.due_date,
        row.expected,
        row.on_time,
        row.late,
        row.missing,
        row.returned,
    ]


@dataclass
class ObstacleRow:
    label: str
    within: int
    beyond: int
    total: int
    within_url: str
    beyond_url: str
    total_url: str


def _age_label(low: int, high: int | None) -> str:
    if low == 0:
        return _("Under %(days)d days") % {"days": high}
    if high is None:
        return _("%(days)d days or more") % {"days": low}
    return _("%(low)d to under %(high)d days") % {"low": low, "high": high}


def obstacle_row(bucket: dict, links: Links) -> ObstacleRow:
    """An age band links to the register filtered on the same band ("raised more than
    `low` and less than `high` days ago"), so the list holds exactly the counted obstacles."""
    band = {"age": bucket["low"] or None, "younger": bucket["high"]}
    return ObstacleRow(
        label=_age_label(bucket["low"], bucket["high"]),
        within=bucket["within"],
        beyond=bucket["beyond"],
        total=bucket["total"],
        within_url=links.obstacles(beyond="no", **band),
        beyond_url=links.obstacles(beyond="yes", **band),
        total_url=links.obstacles(**band),
    )


def _obstacle_cells(row: ObstacleRow) -> list:
    return [row.label, row.within, row.beyond, row.total]


def table_title(key: str) -> str:
    return {
        "content_item": _("Progress by content item"),
        "unit": _("Progress by unit"),
        "project": _("Progress by key project"),
        "task": _("Progress by task"),
        "indicator": _("Progress by indicator"),
        "discipline": _("Reporting discipline"),
        "obstacles": _("Open obstacles by age"),
    }[key]


def build_tables(figures: Figures, filters: Filters, links: Links, today, pages=None) -> dict:
    """Every table of the dashboard, for the page and for the exports alike. `pages` maps the
    paginated tables (unit, project, task, indicator) to the page number asked for; without it
    (an export) every table holds all its rows."""
    # Kept figures come with their roll-ups; a unit's share of them is grouped here.
    groups = getattr(figures.items, "groups", None) or metrics.rollups(figures.items)
    pages = pages or {}
    tables = [
        Table(
            "content_item",
            table_title("content_item"),
            _progress_headers(_("Content item")),
            groups["content_item"],
            lambda g: content_item_row(g, links),
            _group_cells,
        ),
        Table(
            "unit",
            table_title("unit"),
            _progress_headers(_("Unit")),
            sort_rows(groups["unit"], group_columns(), filters.unit_sort),
            lambda g: unit_row(g, links),
            _group_cells,
            page_number=pages.get("unit", _NO_PAGE),
        ),
        Table(
            "project",
            table_title("project"),
            _progress_headers(_("Key project")),
            sort_rows(groups["project"], group_columns(), filters.project_sort),
            lambda g: project_row(g, links),
            _group_cells,
            page_number=pages.get("project", _NO_PAGE),
        ),
        Table(
            "task",
            table_title("task"),
            _progress_headers(_("Task"), _("Unit")),
            sort_rows(groups["task"], group_columns(task=True), filters.task_sort),
            lambda g: task_row(g, links),
            _task_cells,
            page_number=pages.get("task", _NO_PAGE),
        ),
        Table(
            "indicator",
            table_title("indicator"),
            [
                _("Indicator"),
                _("Unit of measure"),
                _("Task"),
                _("Unit"),
                _("Target"),
                _("Achieved"),
                _("Achieved (%)"),
                _("Expected by elapsed time (%)"),
                _("Schedule status"),
                _("Projected completion"),
                _("Deadline"),
            ],
            sorted_indicators(figures.items, filters),
            lambda i: indicator_row(i, links),
            _indicator_cells,
            page_number=pages.get("indicator", _NO_PAGE),
        ),
        Table(
            "discipline",
            table_title("discipline"),
            [
                _("Reporting period"),
                _("Due date"),
                _("Reports expected"),
                _("On time"),
                _("Late"),
                _("Missing"),
                _("Returned"),
            ],
            figures.discipline,
            lambda d: discipline_row(d, links, today),
            _discipline_cells,
        ),
        Table(
            "obstacles",
            table_title("obstacles"),
            [
                _("Open for"),
                _("Within the unit's authority"),
                _("Beyond the unit's authority"),
                _("Total"),
            ],
            figures.obstacle_ages,
            lambda b: obstacle_row(b, links),
            _obstacle_cells,
        ),
    ]
    return {table.key: table for table in tables}


# --- Charts -------------------------------------------------------------------------------------


def export_name(campaign, filters, figures, table) -> str:
    stamp = filters.cutoff.strftime("%d-%m-%Y")
    if figures.unit is not None:
        return f"{table.title} - {figures.unit.name} - {stamp}"
    return f"{table.title} - {campaign.code} - {stamp}"


def table_for_export(campaign, params, key) -> tuple[str, str, list, list]:
    """(file name, title, headers, rows) of one table with the filters of `params`: what a
    worker writes for a table too big to write during the request."""
    today = timezone.localdate()
    periods = campaign_periods(campaign)
    filters = parse_filters(params, campaign, periods, today)
    figures = load(campaign, periods, filters.cutoff, filters.unit_id, today)
    table = build_tables(figures, filters, Links(campaign, filters, figures), today)[key]
    name = export_name(campaign, filters, figures, table)
    return name, table.title, table.headers, table.export_rows()
