"""The secretariat's dashboard (Văn phòng Sở): who may open it, what the filters do, that every
export carries the page's figures, the query budget, the urge button and the panel slot.

Dates follow the `work` fixture: periods January to March 2024, due on the 5th of the next
month; the clock stops on 20/04/2024 unless a test moves it.
"""

import csv
import datetime
import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from openpyxl import load_workbook

from campaign import metrics, panels, progress_state
from campaign.metrics import Status
from campaign.models import (
    Indicator,
    IndicatorValue,
    Obstacle,
    ProgressReport,
    Reminder,
    ReportingPeriod,
    Task,
)
from campaign.views import dashboard_office
from config import urls as root_urls
from units.models import OrganizationKind

from .factories import OrganizationFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# The lead mounts campaign.urls_dashboard_office from campaign/urls.py; until then the tests
# mount it themselves.
urlpatterns = list(root_urls.urlpatterns)
try:
    reverse("dashboard_office", args=[1])
except NoReverseMatch:
    urlpatterns.append(path("", include("campaign.urls_dashboard_office")))

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def day(month, dd, year=2024):
    return datetime.date(year, month, dd)


def at(date, hour=9):
    return datetime.datetime(date.year, date.month, date.day, hour, tzinfo=TZ)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(at(day(4, 20), 8))
    return day(4, 20)


def url(campaign, **params):
    base = reverse("dashboard_office", args=[campaign.pk])
    if not params:
        return base
    from urllib.parse import urlencode

    return f"{base}?{urlencode(params)}"


def accept(period, unit, values, submitted=None, status=ProgressReport.Status.ACCEPTED):
    """A report of `unit` for `period` with {indicator: value}, first submitted on `submitted`
    (default: on the due date)."""
    report = ProgressReport.objects.create(
        period=period,
        unit=unit,
        status=status,
        first_submitted_at=at(submitted or period.due_date),
        submitted_at=at(submitted or period.due_date),
        version=1,
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=ind, value=Decimal(value))
        for ind, value in values.items()
    )
    progress_state.refresh(ind.pk for ind in values)
    return report


@pytest.fixture
def history(orgs, work):
    """January and February accepted for the division (area 2 then 5 ha, households 10 then
    20); the other division's January accepted late (files 3), February never submitted,
    March submitted and waiting; two open obstacles and a resolved one."""
    jan, feb, mar = work.periods
    reports = SimpleNamespace(
        div_jan=accept(jan, orgs.division, {work.area: 2, work.households: 10}),
        div_feb=accept(feb, orgs.division, {work.area: 5, work.households: 20}),
        other_jan=accept(jan, orgs.other_division, {work.files: 3}, submitted=day(2, 9)),
        other_mar=accept(
            mar, orgs.other_division, {work.files: 4}, status=ProgressReport.Status.SUBMITTED
        ),
    )
    for raised, beyond, status in (
        (day(4, 10), False, Obstacle.Status.OPEN),  # 10 days old
        (day(1, 5), True, Obstacle.Status.HANDLING),  # 106 days old
        (day(1, 5), True, Obstacle.Status.RESOLVED),
    ):
        Obstacle.objects.create(
            campaign=work.campaign,
            unit=orgs.division,
            task=work.task,
            description="Người dân chưa đồng thuận phương án bồi thường",
            beyond_authority=beyond,
            status=status,
            raised_at=at(raised),
        )
    return reports


def indicator_rows(response):
    return {row.name: row for row in response.context["tables"]["indicator"].rows}


# --- Who may open it ----------------------------------------------------------------------------


def test_secretariat_opens_the_dashboard(client_for, people, work, history):
    response = client_for(people.secretariat).get(url(work.campaign))
    assert response.status_code == 200
    assert set(response.context["tables"]) == set(dashboard_office.TABLES)
    html = response.content.decode()
    assert 'data-chart="chart-content-items"' in html
    assert 'id="chart-discipline" type="application/json"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html


@pytest.mark.parametrize("who", ["staff", "head", "other_staff", "council_member"])
def test_unit_people_and_council_members_are_refused(client_for, people, work, who):
    client = client_for(getattr(people, who))
    assert client.get(url(work.campaign)).status_code == 403
    # Nor can they read another unit's figures through an export.
    assert client.get(url(work.campaign, export="csv", table="unit")).status_code == 403


def test_secretariat_of_another_province_gets_not_found(client_for, people, work):
    response = client_for(people.outsider).get(url(work.campaign))
    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, work):
    response = client.get(url(work.campaign, export="xlsx", table="unit"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_unknown_campaign_is_not_found(client_for, people, work):
    response = client_for(people.secretariat).get(reverse("dashboard_office", args=[999999]))
    assert response.status_code == 404


# --- Figures and filters ------------------------------------------------------------------------


def test_headline_counts_statuses_reviews_obstacles_and_late_units(
    client_for, people, work, history
):
    response = client_for(people.secretariat).get(url(work.campaign))
    context = response.context
    totals = {status: count for status, _label, _badge, count in context["status_totals"]}
    assert sum(totals.values()) == 3
    assert context["waiting"] == 1  # the other division's March report
    assert (context["open_obstacles"], context["open_beyond"]) == (2, 1)
    # March is due on 05/04: the latest period past due; the division has not submitted it.
    current = context["current"]
    assert current.period == work.periods[2]
    assert (current.missing, current.on_time + current.late) == (1, 1)


def test_progress_uses_accepted_reports_up_to_today(client_for, people, work, history):
    rows = indicator_rows(client_for(people.secretariat).get(url(work.campaign)))
    assert rows[work.area.name].achieved == 5
    assert rows[work.area.name].percent == Decimal("50.0")
    # The per-period files: January's 3 accepted; March's 4 still waiting for review.
    assert rows[work.files.name].achieved == 3


def test_choosing_a_period_cuts_off_the_later_reports(client_for, people, work, history):
    jan = work.periods[0]
    response = client_for(people.secretariat).get(url(work.campaign, period=jan.pk))
    assert response.context["filters"].cutoff == jan.end_date
    rows = indicator_rows(response)
    assert rows[work.area.name].achieved == 2
    assert rows[work.households.name].achieved == 10
    # Discipline stops at January too.
    assert [r.period for r in response.context["tables"]["discipline"].rows] == [jan]


def test_choosing_a_past_year_cuts_off_at_its_last_day(client_for, people, work, time_machine):
    time_machine.move_to(at(day(2, 1, 2025)))
    client = client_for(people.secretariat)
    assert client.get(url(work.campaign, year=2024)).context["filters"].cutoff == day(12, 31)
    # The current year: today.
    assert client.get(url(work.campaign, year=2025)).context["filters"].cutoff == day(2, 1, 2025)
    # A year outside the campaign is ignored.
    response = client.get(url(work.campaign, year=1999))
    assert response.context["filters"].year is None


def test_unit_filter_shows_that_units_figures_only(client_for, people, orgs, work, history):
    response = client_for(people.secretariat).get(url(work.campaign, unit=orgs.division.pk))
    assert response.context["unit"] == orgs.division
    assert set(indicator_rows(response)) == {work.area.name, work.households.name}
    assert [row.label for row in response.context["tables"]["unit"].rows] == [orgs.division.name]
    discipline = response.context["tables"]["discipline"].rows
    assert [(r.expected, r.on_time, r.missing) for r in discipline] == [
        (1, 1, 0),
        (1, 1, 0),
        (1, 0, 1),
    ]
    assert response.context["waiting"] == 0
    assert response.context["open_obstacles"] == 2


def test_unit_filter_naming_a_unit_without_task_is_ignored(client_for, people, orgs, work):
    response = client_for(people.secretariat).get(
        url(work.campaign, unit=orgs.outsider_province.pk)
    )
    assert response.status_code == 200
    assert response.context["unit"] is None
    assert len(indicator_rows(response)) == 3


@pytest.mark.parametrize("bad", ["abc", "-1", "99999999999999999999999", "1e3", ""])
def test_malformed_filters_are_ignored(client_for, people, work, bad):
    response = client_for(people.secretariat).get(
        url(work.campaign, year=bad, period=bad, unit=bad, status=bad, sort=bad, page=bad)
    )
    assert response.status_code == 200
    assert response.context["filters"].cutoff == day(4, 20)


def test_status_figures_open_the_indicator_table_filtered(client_for, people, work, history):
    client = client_for(people.secretariat)
    response = client.get(url(work.campaign))
    statuses = {row.name: row.status for row in indicator_rows(response).values()}
    status = statuses[work.area.name]
    html = response.content.decode()
    assert f"?status={status}#indicators" in html
    filtered = client.get(url(work.campaign, status=status))
    assert {row.status for row in indicator_rows(filtered).values()} == {status}
    assert len(indicator_rows(filtered)) == list(statuses.values()).count(status)


def test_indicator_table_sorts_by_percent_and_status(client_for, people, work, history):
    client = client_for(people.secretariat)
    rows = client.get(url(work.campaign, sort="-percent")).context["tables"]["indicator"].rows
    percents = [row.percent for row in rows]
    assert percents == sorted(percents, reverse=True)
    rows = client.get(url(work.campaign, sort="status")).context["tables"]["indicator"].rows
    ranks = [Status.ORDER.index(row.status) for row in rows]
    assert ranks == sorted(ranks)


def test_figures_link_to_what_is_behind_them(client_for, people, orgs, work, history):
    response = client_for(people.secretariat).get(url(work.campaign))
    tables = response.context["tables"]
    unit = next(r for r in tables["unit"].rows if r.label == orgs.division.name)
    assert unit.url == url(work.campaign, unit=orgs.division.pk)
    assert (
        f"{reverse('setup_task_list', args=[work.campaign.pk])}?unit={orgs.division.pk}",
        "list-check",
    ) == unit.links[0][:2]
    # The division's latest accepted report up to the cut-off: February.
    assert unit.links[1][0] == reverse("report_detail", args=[history.div_feb.pk])
    task = next(r for r in tables["task"].rows if r.label == work.task.title)
    assert task.url == reverse("setup_task_edit", args=[work.campaign.pk, work.task.pk])
    discipline = tables["discipline"].rows[0]
    assert discipline.url.endswith(f"?period={work.periods[0].pk}")
    html = response.content.decode()
    assert reverse("obstacle_register", args=[work.campaign.pk]) + "?status=unresolved" in html
    assert f"{reverse('review_queue')}?campaign={work.campaign.pk}" in html


def test_a_unit_without_accepted_report_links_to_the_review_queue(client_for, people, orgs, work):
    response = client_for(people.secretariat).get(url(work.campaign))
    unit = next(r for r in response.context["tables"]["unit"].rows)
    assert unit.links[1][0] == f"{reverse('review_queue')}?campaign={work.campaign.pk}"


def test_campaign_without_tasks_shows_an_empty_dashboard(client_for, people, campaign):
    response = client_for(people.secretariat).get(url(campaign))
    assert response.status_code == 200
    assert response.context["indicator_count"] == 0


def test_charts_carry_the_figures_of_their_tables(client_for, people, orgs, work, history):
    response = client_for(people.secretariat).get(url(work.campaign))
    charts, tables = response.context["charts"], response.context["tables"]
    items = tables["content_item"].rows
    assert charts["content_items"]["labels"] == [row.label for row in items]
    assert charts["content_items"]["series"][0]["data"] == [float(r.percent) for r in items]
    assert charts["content_items"]["series"][1]["data"] == [float(r.expected) for r in items]
    discipline = tables["discipline"].rows
    assert [s["data"] for s in charts["discipline"]["series"]] == [
        [r.on_time for r in discipline],
        [r.late for r in discipline],
        [r.missing for r in discipline],
    ]
    # On 20/04 30 % of the year has passed: the division is at 45 %, the other division at
    # 25 % (3 of 12 files): only the latter is behind the elapsed time.
    lagging = response.context["lagging_units"]
    assert [row.label for row in lagging] == [orgs.other_division.name]
    assert charts["units"]["labels"] == [orgs.other_division.name]
    html = response.content.decode()
    assert 'id="chart-units" type="application/json"' in html


def test_no_chart_of_units_behind_when_none_is(client_for, people, orgs, work):
    accept(work.periods[2], orgs.division, {work.area: 10, work.households: 50})
    accept(work.periods[2], orgs.other_division, {work.files: 12})
    response = client_for(people.secretariat).get(url(work.campaign))
    assert response.context["lagging_units"] == []
    assert 'data-chart="chart-units"' not in response.content.decode()


# --- Exports carry the page's figures -----------------------------------------------------------


class TableParser(HTMLParser):
    """The header texts and the body cells (th and td) of every <table id="table-…">, leaving
    out the cells of the extra links column (class "dash-links") and the text only screen
    readers get (class "visually-hidden": how a sortable header sorts)."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, dict] = {}
        self.current = None
        self.section = None
        self.row = None
        self.cell = None
        self.skip = False
        self.hidden = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "visually-hidden" in (attrs.get("class") or "").split():
            self.hidden = True
        if tag == "table" and (attrs.get("id") or "").startswith("table-"):
            self.current = {"headers": [], "rows": []}
            self.tables[attrs["id"][len("table-") :]] = self.current
        elif self.current is None:
            return
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td"):
            self.skip = "dash-links" in (attrs.get("class") or "")
            self.cell = []
        elif tag == "caption":
            self.skip = True
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "span":
            self.hidden = False
        if self.current is None:
            return
        if tag == "table":
            self.current = None
        elif tag in ("th", "td") and self.cell is not None:
            if not self.skip:
                self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "caption":
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.section == "thead":
                self.current["headers"] = self.row
            else:
                self.current["rows"].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None and not self.hidden:
            self.cell.append(data)


def page_tables(response) -> dict:
    parser = TableParser()
    parser.feed(response.content.decode())
    return parser.tables


VN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$")
VN_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def from_page(text: str):
    """A cell of the page as a value: "1.234,5" → Decimal, "31/12/2024" → date, "—" → None."""
    if text in ("", "—"):
        return None
    if match := VN_DATE.match(text):
        dd, mm, yyyy = (int(x) for x in match.groups())
        return datetime.date(yyyy, mm, dd)
    if VN_NUMBER.match(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    return text


def from_export(value):
    """A cell of the xlsx or csv file as a value of the same kind."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, int | float):
        return Decimal(str(value)).normalize()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return datetime.date.fromisoformat(value)
    try:
        return Decimal(value).normalize()
    except ArithmeticError:
        return value


def normalised(rows):
    return [[v.normalize() if isinstance(v, Decimal) else v for v in row] for row in rows]


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return [str(h) for h in rows[0]], [[from_export(v) for v in r] for r in rows[1:]]


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], [[from_export(v) for v in r] for r in rows[1:]]


@pytest.mark.parametrize("table", dashboard_office.TABLES)
def test_every_table_exports_the_figures_of_the_page(
    client_for, people, orgs, work, history, table
):
    client = client_for(people.secretariat)
    feb = work.periods[1]
    for params in ({}, {"period": feb.pk}, {"unit": orgs.division.pk}):
        page = page_tables(client.get(url(work.campaign, **params)))[table]
        figures = normalised([[from_page(cell) for cell in row] for row in page["rows"]])
        assert figures, f"{table} {params}: the page shows no row"
        for fmt, read in (("xlsx", read_xlsx), ("csv", read_csv)):
            response = client.get(url(work.campaign, export=fmt, table=table, **params))
            assert response.status_code == 200
            assert f".{fmt}" in response["Content-Disposition"]
            headers, rows = read(response)
            assert headers == page["headers"], f"{table} {fmt} {params}"
            assert normalised(rows) == figures, f"{table} {fmt} {params}"


def test_exports_have_vietnamese_headers_and_labels(client_for, people, work, history):
    response = client_for(people.secretariat).get(
        url(work.campaign, export="xlsx", table="indicator"), HTTP_ACCEPT_LANGUAGE="en"
    )
    headers, rows = read_xlsx(response)
    from django.utils import translation

    with translation.override("vi"):
        assert headers[0] == translation.gettext("Indicator")
        labels = {str(label) for label in Status.LABELS.values()}
    assert {row[8] for row in rows} <= labels


def test_exports_honour_the_status_filter_and_sort(client_for, people, work, history):
    client = client_for(people.secretariat)
    page = client.get(url(work.campaign, sort="-percent"))
    _headers, rows = read_csv(
        client.get(url(work.campaign, sort="-percent", export="csv", table="indicator"))
    )
    assert [row[0] for row in rows] == [r.name for r in page.context["tables"]["indicator"].rows]


@pytest.mark.parametrize(("fmt", "table"), [("pdf", "unit"), ("xlsx", "nothing"), ("", "")])
def test_an_export_that_does_not_exist_shows_the_page_with_an_error(
    client_for, people, work, fmt, table
):
    response = client_for(people.secretariat).get(url(work.campaign, export=fmt, table=table))
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


# --- Query budget -------------------------------------------------------------------------------

# session, user, the user's memberships (access), the campaign, its periods, units with tasks
# and their latest accepted report, indicator progress, the content items' texts, discipline,
# obstacle ages, reports waiting for review, the awards panel (nominations by stage), unread
# notifications (the menu's badge) — and nothing per row.
QUERY_BUDGET = 13


def build(orgs, campaign, units: int, tasks: int, periods: int):
    """`units` units under the department, each with `tasks` tasks of two indicators and an
    accepted report with values in each of `periods` monthly periods, and an obstacle."""
    parents = [
        OrganizationFactory(parent=orgs.department, kind=OrganizationKind.DIVISION)
        for _ in range(units)
    ]
    task_objs = Task.objects.bulk_create(
        Task(
            campaign=campaign,
            content_item=campaign.content_items.get(number=1),
            unit=unit,
            title=f"Nhiệm vụ {n} của {unit.name}",
            start_date=day(1, 1),
            deadline=day(12, 31),
        )
        for unit in parents
        for n in range(tasks)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            task=task,
            order=order,
            name=f"Chỉ tiêu {order}",
            unit_of_measure="ha",
            target=Decimal(100),
            kind=kind,
        )
        for task in task_objs
        for order, kind in ((1, Indicator.Kind.CUMULATIVE), (2, Indicator.Kind.PER_PERIOD))
    )
    by_unit = {}
    for ind, task in zip(indicators, [t for t in task_objs for _ in (1, 2)], strict=True):
        by_unit.setdefault(task.unit_id, []).append(ind)
    period_objs = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            campaign=campaign,
            frequency=ReportingPeriod.Frequency.MONTHLY,
            year=2023,
            number=month,
            start_date=day(month, 1, 2023),
            end_date=day(month, 28, 2023),
            due_date=day(month + 1, 5, 2023),
        )
        for month in range(1, periods + 1)
    )
    reports = ProgressReport.objects.bulk_create(
        ProgressReport(
            period=period,
            unit=unit,
            status=ProgressReport.Status.ACCEPTED,
            first_submitted_at=at(period.due_date),
            version=1,
        )
        for period in period_objs
        for unit in parents
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=ind, value=Decimal(5 * (n + 1)))
        for n, report in enumerate(reports)
        for ind in by_unit[report.unit_id]
    )
    progress_state.refresh_campaign(campaign.pk)
    Obstacle.objects.bulk_create(
        Obstacle(campaign=campaign, unit=unit, description="Vướng mắc", raised_at=at(day(1, 2)))
        for unit in parents
    )


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def small(orgs):
    from .factories import CampaignFactory

    campaign = CampaignFactory(issuing_organization=orgs.department)
    build(orgs, campaign, units=2, tasks=2, periods=1)
    return campaign


@pytest.fixture
def large(orgs):
    from .factories import CampaignFactory

    campaign = CampaignFactory(issuing_organization=orgs.department)
    build(orgs, campaign, units=20, tasks=10, periods=6)
    return campaign


@pytest.mark.parametrize(
    "params",
    [{}, {"page": 2, "task_page": 2, "sort": "status"}, {"status": "at_risk", "year": 2023}],
)
def test_query_count_does_not_grow_with_the_data(
    client_for, people, small, large, params, django_assert_max_num_queries
):
    client = client_for(people.secretariat)
    client.get(url(small))  # the session is warm for both measures
    assert Indicator.objects.filter(task__campaign=large).count() == 400
    counts = {}
    for state in ("computed", "kept"):
        if state == "computed":
            metrics.forget_computed()
        for size, campaign in (("small", small), ("large", large)):
            with django_assert_max_num_queries(QUERY_BUDGET):
                counts[state, size] = count_queries(client, url(campaign, **params))
    assert counts["computed", "small"] == counts["computed", "large"]
    assert counts["kept", "small"] == counts["kept", "large"]
    # Kept figures spare the indicator and content item queries.
    assert counts["kept", "large"] == counts["computed", "large"] - 2


def test_unit_filter_and_exports_keep_the_budget(
    client_for, people, small, large, django_assert_max_num_queries
):
    client = client_for(people.secretariat)
    unit = Task.objects.filter(campaign=large).first().unit_id
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(url(large, unit=unit))
    for table in dashboard_office.TABLES:
        with django_assert_max_num_queries(QUERY_BUDGET):
            client.get(url(large, export="xlsx", table=table))


def test_page_links_of_a_table_keep_the_filters_and_the_other_pages(client_for, people, large):
    client = client_for(people.secretariat)
    response = client.get(url(large, page=2, task_page=3, sort="-percent", unit_page=1))
    tables = response.context["tables"]
    indicator = tables["indicator"]
    assert indicator.page.number == 2
    assert "page=3" in indicator.next_url and "page=1" in indicator.previous_url
    assert "task_page=3" in indicator.next_url and "sort=-percent" in indicator.next_url
    assert indicator.next_url.endswith("#indicators")
    assert tables["task"].page.number == 3
    assert "task_page=4" in tables["task"].next_url and "page=2" in tables["task"].next_url
    assert len(tables["task"].rows) == dashboard_office.ROWS_PER_PAGE
    # The export ignores the pages: all 400 indicators.
    _headers, rows = read_csv(
        client.get(url(large, page=2, sort="-percent", export="csv", table="indicator"))
    )
    assert len(rows) == len(indicator.source) == 400


def test_benchmark_sql_runs_the_same_queries_at_any_size(small, large):
    counts = []
    for campaign in (small, large):
        run = dashboard_office.benchmark_sql(campaign, day(4, 20))
        with CaptureQueriesContext(connection) as queries:
            figures = run()
        counts.append(len(queries))
        assert figures.items and figures.discipline
    # Periods, units, indicator progress, content item texts, discipline, obstacle ages,
    # waiting reports.
    assert counts == [7, 7]


# --- Urging from the dashboard ------------------------------------------------------------------


def test_urge_button_reminds_the_late_units(client_for, people, orgs, work, history):
    client = client_for(people.secretariat)
    response = client.get(url(work.campaign))
    march = work.periods[2]
    action = reverse("campaign_urge_late_units", args=[work.campaign.pk, march.pk])
    assert f'action="{action}"' in response.content.decode()
    # The division has not submitted March; the other division's report is waiting.
    assert response.context["current"].to_urge == 1

    response = client.post(action)
    assert response.status_code == 302
    reminders = Reminder.objects.filter(period=march, kind=Reminder.Kind.MANUAL)
    assert [r.unit for r in reminders] == [orgs.division]


def test_urge_button_for_one_unit_when_the_dashboard_shows_it(
    client_for, people, orgs, work, history
):
    client = client_for(people.secretariat)
    response = client.get(url(work.campaign, unit=orgs.division.pk))
    march = work.periods[2]
    action = reverse("campaign_urge_unit", args=[work.campaign.pk, march.pk, orgs.division.pk])
    assert f'action="{action}"' in response.content.decode()
    client.post(action)
    assert Reminder.objects.filter(period=march, unit=orgs.division).count() == 1


def test_no_urge_button_when_everyone_has_submitted(client_for, people, orgs, work):
    jan = work.periods[0]
    accept(jan, orgs.division, {work.area: 1})
    accept(jan, orgs.other_division, {work.files: 1})
    response = client_for(people.secretariat).get(url(work.campaign, period=jan.pk))
    assert response.context["current"].to_urge == 0
    assert "/don-doc" not in response.content.decode()


# --- The panel slot -----------------------------------------------------------------------------


def test_without_panels_the_slot_renders_nothing(client_for, people, work):
    response = client_for(people.secretariat).get(url(work.campaign))
    assert response.context["panels"] == []


def test_a_registered_panel_shows_on_the_dashboard(client_for, people, work):
    seen = []

    def nominations(request, campaign):
        seen.append(campaign)
        return {
            "template": "campaign/dashboard/_manage_link.html",
            "context": {"campaign": campaign},
        }

    def nothing(request, campaign):
        return None

    panels.register(nominations)
    panels.register(nominations)  # registering twice shows it once
    panels.register(nothing)
    try:
        response = client_for(people.secretariat).get(url(work.campaign))
    finally:
        panels.unregister(nominations)
        panels.unregister(nothing)
    assert seen == [work.campaign]
    assert len(response.context["panels"]) == 1
    assert 'id="dashboard-card-title"' in response.content.decode()
