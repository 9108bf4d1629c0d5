"""The unit dashboard (tasks against target, next due dates, returned reports, obstacles) and
the council member's page (councils sat on, panels registered by the higher apps)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import load_workbook

from campaign import metrics, progress_state, reporting
from campaign.models import (
    Indicator,
    IndicatorValue,
    Obstacle,
    ProgressReport,
    ReportingPeriod,
    Task,
)
from units import council
from units.models import Membership, Role

# --- URLs: the lead mounts campaign.urls_dashboard_unit from campaign/urls.py; until then (and
# for the office dashboard, built at the same time) this module mounts what it needs itself.


def _mounted(name, args=()) -> bool:
    try:
        reverse(name, urlconf="config.urls", args=args)
    except NoReverseMatch:
        return False
    return True


urlpatterns = []
if not _mounted("dashboard_unit"):
    urlpatterns.append(path("", include("campaign.urls_dashboard_unit")))
if not _mounted("dashboard_office", args=[1]):
    urlpatterns.append(
        path(
            "test-only/van-phong/<int:pk>/",
            lambda request, pk: HttpResponse("office"),
            name="dashboard_office",
        )
    )
urlpatterns.append(path("", include("config.urls")))

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

# Inside the work fixture's Q1 2024: January due on 05/02, February on 05/03, March on 05/04.
TODAY = datetime.datetime(2024, 3, 20, 10, 0, tzinfo=datetime.UTC)


def vi(message: str) -> str:
    """The text a Vietnamese reader sees for a message of these pages."""
    with translation.override("vi"):
        return escape(gettext(message))


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def dashboard(unit=None):
    url = reverse("dashboard_unit")
    return f"{url}?unit={unit.pk}" if unit is not None else url


def export(fmt, unit=None):
    url = reverse("dashboard_unit_export", args=[fmt])
    return f"{url}?unit={unit.pk}" if unit is not None else url


def accepted(work, unit, index, values: dict, status=ProgressReport.Status.ACCEPTED, **fields):
    report = ProgressReport.objects.create(
        period=work.periods[index], unit=unit, status=status, **fields
    )
    for indicator, value in values.items():
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(value))
    progress_state.refresh(ind.pk for ind in values)
    return report


# --- Who may open what -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff", "head"])
def test_unit_staff_and_head_see_their_units_overview(client_for, people, orgs, work, who):
    response = client_for(getattr(people, who)).get(dashboard())
    assert response.status_code == 200
    html = response.content.decode()
    assert orgs.division.name in html
    assert work.task.title in html
    assert work.other_task.title not in html  # another unit's task
    # Same page when the unit is named.
    assert client_for(getattr(people, who)).get(dashboard(orgs.division)).status_code == 200


@pytest.mark.parametrize("unit_param", ["other", "missing", "abc", "huge"])
def test_another_units_figures_are_a_404(client_for, people, orgs, work, unit_param):
    client = client_for(people.staff)
    value = {
        "other": orgs.other_division.pk,
        "missing": 999999,
        "abc": "abc",
        "huge": "9" * 30,
    }[unit_param]
    url = f"{reverse('dashboard_unit')}?unit={value}"
    assert client.get(url).status_code == 404
    assert (
        client.get(f"{reverse('dashboard_unit_export', args=['xlsx'])}?unit={value}").status_code
        == 404
    )


def test_outsider_asking_for_a_unit_is_a_404(client_for, people, orgs, work):
    assert client_for(people.outsider).get(dashboard(orgs.division)).status_code == 404


def test_secretariat_gets_a_403_with_a_link_to_its_own_dashboard(client_for, people, orgs, work):
    client = client_for(people.secretariat)
    response = client.get(dashboard())
    assert response.status_code == 403
    html = response.content.decode()
    assert reverse("dashboard_office", args=[work.campaign.pk]) in html
    assert work.campaign.name in html
    # A unit it covers: still the office's dashboard, not the unit's (403, not 404).
    assert client.get(dashboard(orgs.division)).status_code == 403
    assert client.get(export("csv")).status_code == 403


def test_council_member_without_unit_role_cannot_open_the_unit_dashboard(client_for, people, work):
    response = client_for(people.council_member).get(dashboard())
    assert response.status_code == 403
    assert "dashboard_office" not in response.content.decode()


@pytest.mark.parametrize("who", ["council_member", "council_chair"])
def test_council_page_lists_the_council_and_says_no_session_is_scheduled(
    client_for, people, orgs, who
):
    response = client_for(getattr(people, who)).get(reverse("dashboard_council"))
    assert response.status_code == 200
    html = response.content.decode()
    assert orgs.department.name in html
    assert vi("No council session has been scheduled yet.") in html


@pytest.mark.parametrize("who", ["staff", "head", "secretariat", "outsider"])
def test_council_page_is_a_403_without_a_council_role(client_for, people, who):
    assert client_for(getattr(people, who)).get(reverse("dashboard_council")).status_code == 403


def test_council_page_shows_the_panels_higher_apps_register(
    client_for, people, orgs, settings, tmp_path
):
    (tmp_path / "sessions_panel.html").write_text(
        "<p class='sessions'>{{ count }} phiên họp sắp tới</p>", encoding="utf-8"
    )
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates
    seen = []

    def sessions(request, organizations):
        seen.append([org.pk for org in organizations])
        return [{"template": "sessions_panel.html", "context": {"count": 3}}]

    council.register(sessions)
    try:
        html = client_for(people.council_member).get(reverse("dashboard_council")).content
    finally:
        council._providers.remove(sessions)
    html = html.decode()
    assert "3 phiên họp sắp tới" in html
    assert vi("No council session has been scheduled yet.") not in html
    assert seen == [[orgs.department.pk]]


def test_anonymous_visitors_are_sent_to_the_login_page(client, work):
    for url in (dashboard(), export("xlsx"), reverse("dashboard_council")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_unknown_export_format_is_a_404(client_for, people, work):
    assert client_for(people.staff).get(export("pdf")).status_code == 404


def test_user_with_roles_in_two_units_chooses_the_unit(client_for, people, orgs, work):
    Membership.objects.create(
        user=people.staff, organization=orgs.other_division, role=Role.UNIT_STAFF
    )
    client = client_for(people.staff)
    html = client.get(dashboard()).content.decode()
    assert 'name="unit"' in html
    assert orgs.other_division.name in html
    html = client.get(dashboard(orgs.other_division)).content.decode()
    assert work.other_task.title in html
    assert work.task.title not in html


def test_head_of_a_parent_body_may_open_a_unit_under_it(client_for, orgs, work):
    from .factories import make_member

    head = make_member(Role.UNIT_HEAD, orgs.department, username="giamdoc-khoi")
    assert client_for(head).get(dashboard(orgs.division)).status_code == 200


# --- What the page shows ---------------------------------------------------------------------


def test_tasks_show_achieved_target_percent_status_and_projection(
    client_for, people, orgs, work, frozen
):
    accepted(work, orgs.division, 0, {work.area: "1", work.households: "5"})
    accepted(work, orgs.division, 1, {work.area: "2.5", work.households: "10"})
    response = client_for(people.staff).get(dashboard())
    html = response.content.decode()
    # 2,5 of 10 ha = 25 %, 10 of 50 households = 20 %
    assert "2,5" in html and "25%" in html and "20%" in html
    assert "31/12/2024" in html  # the deadline
    items = metrics.indicator_progress(Indicator.objects.filter(task=work.task), TODAY.date())
    group = metrics.rollups(items)["task"][0]
    assert str(group.status_label) in html
    assert group.status == metrics.Status.ON_TRACK
    assert group.projected.strftime("%d/%m/%Y") in html


def test_empty_states_say_what_comes_next(client_for, orgs):
    from .factories import make_member

    lonely = make_member(Role.UNIT_STAFF, orgs.other_division, username="moi")
    html = client_for(lonely).get(dashboard()).content.decode()
    assert (
        vi(
            "Your unit has no task with indicators yet. When the department office assigns one, it "
            "will appear here with its progress against target."
        )
        in html
    )
    assert (
        vi(
            "Nothing to report yet: your unit has no task. The department office assigns tasks and "
            "reporting periods."
        )
        in html
    )


def test_returned_report_appears_with_its_comment(client_for, people, orgs, work, frozen):
    report = accepted(
        work,
        orgs.division,
        0,
        {work.area: "1", work.households: "5"},
        status=ProgressReport.Status.SUBMITTED,
        version=1,
    )
    reporting.return_report(people.secretariat, report, "Bổ sung số hộ đã nhận tiền tháng 1.")
    html = client_for(people.staff).get(dashboard()).content.decode()
    assert "Bổ sung số hộ đã nhận tiền tháng 1." in html
    assert reverse("report_edit", args=[work.periods[0].pk, orgs.division.pk]) in html
    assert reverse("report_detail", args=[report.pk]) in html
    # The other unit does not see it.
    html = client_for(people.other_staff).get(dashboard()).content.decode()
    assert "Bổ sung số hộ" not in html


def test_next_due_dates_skip_submitted_periods(client_for, people, orgs, work, frozen):
    for month in (4, 5, 6):
        start = datetime.date(2024, month, 1)
        end = datetime.date(2024, month + 1, 1) - datetime.timedelta(days=1)
        work.periods.append(
            ReportingPeriod.objects.create(
                campaign=work.campaign,
                frequency="monthly",
                year=2024,
                number=month,
                start_date=start,
                end_date=end,
                due_date=end + datetime.timedelta(days=5),
            )
        )
    accepted(work, orgs.division, 0, {work.area: "1"})  # January: accepted
    draft = accepted(work, orgs.division, 1, {}, status=ProgressReport.Status.DRAFT)  # February
    accepted(work, orgs.division, 2, {}, status=ProgressReport.Status.SUBMITTED)  # March
    response = client_for(people.staff).get(dashboard())
    rows = response.context["next_due"]
    assert [row["period"].number for row in rows] == [2, 4, 5]
    assert rows[0]["report"] == draft
    assert rows[0]["status"]["code"] == reporting.UnitStatus.LATE  # due 05/03, still a draft
    assert rows[1]["status"]["code"] == reporting.UnitStatus.NOT_STARTED
    html = response.content.decode()
    for index in (1, 3, 4):
        assert reverse("report_edit", args=[work.periods[index].pk, orgs.division.pk]) in html
    for index in (0, 2, 5):
        assert reverse("report_edit", args=[work.periods[index].pk, orgs.division.pk]) not in html


def test_open_obstacles_of_the_unit_link_to_the_register(client_for, people, orgs, work):
    Obstacle.objects.create(
        campaign=work.campaign, unit=orgs.division, description="Người dân chưa đồng ý giá đất"
    )
    Obstacle.objects.create(
        campaign=work.campaign,
        unit=orgs.division,
        description="Đã xử lý xong",
        status=Obstacle.Status.RESOLVED,
    )
    Obstacle.objects.create(
        campaign=work.campaign, unit=orgs.other_division, description="Vướng mắc của đơn vị khác"
    )
    html = client_for(people.staff).get(dashboard()).content.decode()
    assert "Người dân chưa đồng ý giá đất" in html
    assert "Đã xử lý xong" not in html
    assert "Vướng mắc của đơn vị khác" not in html
    assert reverse("unit_obstacles") + "?status=unresolved" in html


def test_only_the_latest_ten_obstacles_are_listed_with_the_total(client_for, people, orgs, work):
    Obstacle.objects.bulk_create(
        Obstacle(campaign=work.campaign, unit=orgs.division, description=f"Vướng mắc số {n:02d}")
        for n in range(12)
    )
    response = client_for(people.staff).get(dashboard())
    assert len(response.context["obstacles"]) == 10
    assert response.context["obstacle_total"] == 12


# --- Exports ---------------------------------------------------------------------------------


def _page_rows(response):
    """The tasks table as the page computed it: one row per indicator."""
    rows = []
    for row in response.context["tasks"]:
        for item in row.items:
            rows.append(
                (
                    row.task.title,
                    row.group.percent,
                    str(row.group.status_label),
                    item.indicator.name,
                    item.achieved,
                    item.target,
                    item.percent,
                    str(item.status_label),
                    item.projected.strftime("%d/%m/%Y") if item.projected else "",
                )
            )
    return rows


def _as_decimal(value):
    if value in (None, ""):
        return None
    return Decimal(str(value))


def _export_rows(table):
    header, *rows = table
    assert header[0] == "Phong trào"
    return [
        (
            row[2],
            _as_decimal(row[3]),
            row[4],
            row[7],
            _as_decimal(row[9]),
            _as_decimal(row[10]),
            _as_decimal(row[11]),
            row[12],
            row[13] or "",
        )
        for row in rows
    ]


def test_exports_give_the_same_figures_as_the_page(client_for, people, orgs, work, frozen):
    accepted(work, orgs.division, 0, {work.area: "1.25", work.households: "5"})
    accepted(work, orgs.division, 1, {work.area: "2.5", work.households: "12"})
    second = Task.objects.create(
        campaign=work.campaign,
        unit=orgs.division,
        title="Rà soát hồ sơ tái định cư",
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 6, 30),
    )
    Indicator.objects.create(
        task=second, name="Hồ sơ đã rà soát", unit_of_measure="hồ sơ", target=40
    )
    client = client_for(people.staff)
    page = _page_rows(client.get(dashboard()))
    assert len(page) == 3

    response = client.get(export("xlsx"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert _export_rows(table) == page

    response = client.get(export("csv"))
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert _export_rows(table) == page
    assert "1.25" not in response.content.decode()  # the latest value is 2,5, not a sum
    assert "4.000" not in response.content.decode()  # no trailing zeros read as thousands


# --- Home page cards -------------------------------------------------------------------------


def test_home_page_offers_the_overview_to_unit_users_and_the_council_page_to_members(
    client_for, people
):
    html = client_for(people.staff).get(reverse("home")).content.decode()
    assert reverse("dashboard_unit") in html
    assert reverse("dashboard_council") not in html
    html = client_for(people.council_member).get(reverse("home")).content.decode()
    assert reverse("dashboard_council") in html
    assert reverse("dashboard_unit") not in html


# --- Query budget ----------------------------------------------------------------------------


def _history(orgs, campaign, tasks: int, periods: int):
    """`tasks` tasks of two indicators for the division, `periods` monthly periods each with an
    accepted report, then three returned reports, a draft and a period not started; each report
    raised an open obstacle."""
    made = Task.objects.bulk_create(
        Task(
            campaign=campaign,
            unit=orgs.division,
            title=f"Nhiệm vụ {n}",
            start_date=datetime.date(2020, 1, 1),
            deadline=datetime.date(2030, 12, 31),
        )
        for n in range(tasks)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(task=task, order=k, name=f"Chỉ tiêu {k}", unit_of_measure="ha", target=100)
        for task in made
        for k in (1, 2)
    )
    made_periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            campaign=campaign,
            frequency="monthly",
            year=2020 + n // 12,
            number=n % 12 + 1,
            start_date=datetime.date(2020 + n // 12, n % 12 + 1, 1),
            end_date=datetime.date(2020 + n // 12, n % 12 + 1, 28),
            due_date=datetime.date(2020 + n // 12, n % 12 + 1, 28),
        )
        for n in range(periods + 5)
    )
    reports = ProgressReport.objects.bulk_create(
        ProgressReport(
            period=period,
            unit=orgs.division,
            status=ProgressReport.Status.ACCEPTED
            if n < periods
            else ProgressReport.Status.RETURNED
            if n < periods + 3
            else ProgressReport.Status.DRAFT,
            review_comment="Bổ sung số liệu" if n >= periods else "",
        )
        for n, period in enumerate(made_periods[:-1])
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=indicator, value=Decimal(n + 1))
        for n, report in enumerate(reports[:periods])
        for indicator in indicators
    )
    progress_state.refresh_campaign(campaign.pk)
    Obstacle.objects.bulk_create(
        Obstacle(campaign=campaign, unit=orgs.division, description=f"Vướng mắc {n}", report=r)
        for n, r in enumerate(reports)
    )


@pytest.mark.parametrize(("tasks", "periods"), [(2, 2), (30, 24)])
def test_dashboard_and_exports_use_a_bounded_number_of_queries(
    client_for, people, orgs, campaign, tasks, periods, django_assert_max_num_queries
):
    _history(orgs, campaign, tasks, periods)
    client = client_for(people.staff)
    # session, user, memberships, the cut-off periods, indicators with their accepted progress,
    # campaigns, next due periods, their draft reports, returned reports, latest obstacles,
    # obstacle count, unread notifications (navigation)
    with django_assert_max_num_queries(12):
        response = client.get(dashboard())
    assert response.status_code == 200
    assert len(response.context["tasks"]) == tasks
    assert len(response.context["returned"]) == 3
    assert [bool(row["report"]) for row in response.context["next_due"]] == [True, False]
    # session, user, memberships, cut-off periods, indicators with their progress, campaigns
    for fmt in ("xlsx", "csv"):
        with django_assert_max_num_queries(6):
            assert client.get(export(fmt)).status_code == 200
