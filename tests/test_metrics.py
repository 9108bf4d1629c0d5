"""The schedule-status and projection rule of campaign.metrics on hand-made cases.

A task runs from 01/01/2024 to 31/12/2024 (366 days, a leap year); the status is, in order:
target met → "done"; no accepted value → "no data"; projected completion after the deadline,
deadline passed or no progress lately → "at risk"; progress share more than 10 points below
the elapsed share → "behind"; otherwise "on track".
"""

import datetime
from decimal import Decimal

import pytest

from campaign import progress_state
from campaign.metrics import (
    Status,
    classify,
    elapsed_share,
    indicator_progress,
    rollups,
    status_totals,
)
from campaign.models import Indicator, IndicatorValue, ProgressReport, ReportingPeriod, Task

START = datetime.date(2024, 1, 1)
DEADLINE = datetime.date(2024, 12, 31)


def d(month, day, year=2024):
    return datetime.date(year, month, day)


def rule(**kwargs):
    args = {
        "target": Decimal("100"),
        "achieved": Decimal("50"),
        "start": START,
        "deadline": DEADLINE,
        "cutoff": d(7, 1),
        "rate_per_day": Decimal("1"),
        "last_date": d(6, 30),
    }
    args.update(kwargs)
    return classify(**args)


# --- The rule alone -----------------------------------------------------------------------------


def test_elapsed_share_runs_from_zero_at_the_start_to_one_at_the_deadline():
    assert elapsed_share(START, DEADLINE, d(12, 31, 2023)) == 0
    assert elapsed_share(START, DEADLINE, START) == 0
    assert elapsed_share(START, DEADLINE, d(7, 1)) == Decimal(182) / Decimal(365)
    assert elapsed_share(START, DEADLINE, DEADLINE) == 1
    assert elapsed_share(START, DEADLINE, d(3, 1, 2025)) == 1


def test_no_accepted_value_is_no_data_yet_whatever_the_dates():
    assert rule(achieved=None) == (Status.NO_DATA, None)
    assert rule(achieved=None, cutoff=d(3, 1, 2025)) == (Status.NO_DATA, None)


def test_target_met_is_done_even_after_the_deadline():
    status, _projected = rule(achieved=Decimal("100"), cutoff=d(3, 1, 2025))
    assert status == Status.DONE
    assert rule(achieved=Decimal("120"))[0] == Status.DONE


def test_a_zero_target_counts_as_met():
    assert rule(target=Decimal("0"), achieved=Decimal("0"))[0] == Status.DONE


def test_on_track_when_the_trend_finishes_in_time_and_progress_follows_the_elapsed_time():
    # Half done on 01/07 (elapsed 49.9 %); 1 a day from 30/06 finishes on 19/08.
    status, projected = rule()
    assert status == Status.ON_TRACK
    assert projected == d(8, 19)


def test_on_track_within_ten_points_of_the_elapsed_time():
    # Elapsed 49.9 %, done 40 %: 9.9 points behind, inside the tolerance.
    assert rule(achieved=Decimal("40"))[0] == Status.ON_TRACK


def test_behind_when_more_than_ten_points_below_the_elapsed_time_but_projected_in_time():
    # 39 % done at 49.9 % of the time, yet the recent pace finishes on 30/08.
    status, projected = rule(achieved=Decimal("39"))
    assert status == Status.BEHIND
    assert projected == d(8, 30)


def test_at_risk_when_the_trend_finishes_after_the_deadline():
    # 0.1 a day from 30/06 needs 500 more days.
    status, projected = rule(rate_per_day=Decimal("0.1"))
    assert status == Status.AT_RISK
    assert projected == d(6, 30) + datetime.timedelta(days=500)


def test_at_risk_without_progress_lately():
    assert rule(rate_per_day=None) == (Status.AT_RISK, None)
    assert rule(rate_per_day=Decimal("0")) == (Status.AT_RISK, None)


def test_at_risk_once_the_deadline_has_passed_unfinished_even_with_a_good_pace():
    status, _projected = rule(achieved=Decimal("99"), cutoff=d(1, 2, 2025))
    assert status == Status.AT_RISK


def test_at_risk_beats_behind():
    # Both far behind the elapsed time and projected late: at risk.
    assert rule(achieved=Decimal("10"), rate_per_day=Decimal("0.1"))[0] == Status.AT_RISK


def test_a_projection_a_century_away_is_no_projection():
    status, projected = rule(rate_per_day=Decimal("0.0001"))
    assert (status, projected) == (Status.AT_RISK, None)


# --- From accepted reports ----------------------------------------------------------------------


@pytest.fixture
def months(campaign):
    """Monthly periods of 2024 (January to December), due on the 5th of the next month."""
    periods = {}
    for month in range(1, 13):
        start = d(month, 1)
        end = (d(month + 1, 1) if month < 12 else d(1, 1, 2025)) - datetime.timedelta(days=1)
        periods[month] = ReportingPeriod.objects.create(
            campaign=campaign,
            frequency=ReportingPeriod.Frequency.MONTHLY,
            year=2024,
            number=month,
            start_date=start,
            end_date=end,
            due_date=end + datetime.timedelta(days=5),
        )
    return periods


@pytest.fixture
def task(orgs, campaign):
    return Task.objects.create(
        campaign=campaign,
        content_item=campaign.content_items.get(number=1),
        unit=orgs.division,
        title="Bàn giao mặt bằng dự án đường vành đai",
        start_date=START,
        deadline=DEADLINE,
    )


def indicator(task, target, kind=Indicator.Kind.CUMULATIVE, name="Diện tích đã bàn giao"):
    return Indicator.objects.create(
        task=task, name=name, unit_of_measure="ha", target=Decimal(target), kind=kind
    )


def report(period, unit, values, status=ProgressReport.Status.ACCEPTED):
    """A report of `unit` for `period` holding {indicator: value}."""
    rep, _created = ProgressReport.objects.get_or_create(
        period=period, unit=unit, defaults={"status": status}
    )
    for ind, value in values.items():
        IndicatorValue.objects.create(report=rep, indicator=ind, value=Decimal(value))
    progress_state.refresh(ind.pk for ind in values)
    return rep


def progress_of(ind, cutoff):
    (item,) = indicator_progress(Indicator.objects.filter(pk=ind.pk), cutoff)
    return item


@pytest.mark.django_db
def test_no_report_yet_is_no_data(task):
    area = indicator(task, 120)
    item = progress_of(area, d(3, 31))
    assert (item.status, item.achieved, item.percent, item.projected) == (
        Status.NO_DATA,
        None,
        None,
        None,
    )


@pytest.mark.django_db
def test_only_accepted_reports_count(orgs, months, task):
    area = indicator(task, 120)
    report(months[1], orgs.division, {area: 10})
    report(months[2], orgs.division, {area: 20}, status=ProgressReport.Status.SUBMITTED)
    report(months[3], orgs.division, {area: 30}, status=ProgressReport.Status.RETURNED)
    item = progress_of(area, d(3, 31))
    assert item.achieved == 10
    assert item.last_date == d(1, 31)


@pytest.mark.django_db
def test_cumulative_indicator_on_track_with_its_projected_completion(orgs, months, task):
    # 10, 20, 30 of 120 ha at the end of January, February, March: 30 in the 90 days since the
    # start is 1/3 ha a day; the 90 left take 270 days from 31/03: 26/12, before the deadline.
    area = indicator(task, 120)
    for month, value in ((1, 10), (2, 20), (3, 30)):
        report(months[month], orgs.division, {area: value})
    item = progress_of(area, d(3, 31))
    assert item.achieved == 30
    assert item.percent == Decimal("25.0")
    assert item.status == Status.ON_TRACK
    assert item.projected == d(12, 26)


@pytest.mark.django_db
def test_a_cut_off_before_a_report_ignores_it(orgs, months, task):
    area = indicator(task, 120)
    report(months[1], orgs.division, {area: 10})
    report(months[2], orgs.division, {area: 20})
    assert progress_of(area, d(2, 28)).achieved == 10
    assert progress_of(area, d(2, 29)).achieved == 20


@pytest.mark.django_db
def test_cumulative_indicator_behind_schedule(orgs, months, task):
    # 0 ha at the end of March, 35 of 100 at the end of June: 35 in 91 days, the 65 left take
    # 169 days: 16/12, in time; but 35 % done at 49.6 % of the time is behind.
    area = indicator(task, 100)
    report(months[3], orgs.division, {area: 0})
    report(months[6], orgs.division, {area: 35})
    item = progress_of(area, d(6, 30))
    assert item.status == Status.BEHIND
    assert item.projected == d(12, 16)


@pytest.mark.django_db
def test_cumulative_indicator_at_risk_when_the_pace_is_too_slow(orgs, months, task):
    # 5 then 10 of 100: 5 in 91 days; the 90 left take more than four years.
    area = indicator(task, 100)
    report(months[3], orgs.division, {area: 5})
    report(months[6], orgs.division, {area: 10})
    item = progress_of(area, d(6, 30))
    assert item.status == Status.AT_RISK
    assert item.projected > DEADLINE


@pytest.mark.django_db
def test_cumulative_indicator_at_risk_without_progress_in_the_last_three_months(orgs, months, task):
    area = indicator(task, 100)
    report(months[3], orgs.division, {area: 40})
    report(months[6], orgs.division, {area: 40})
    item = progress_of(area, d(6, 30))
    assert (item.status, item.projected) == (Status.AT_RISK, None)


@pytest.mark.django_db
def test_target_already_met(orgs, months, task):
    area = indicator(task, 50)
    report(months[1], orgs.division, {area: 30})
    report(months[2], orgs.division, {area: 55})
    item = progress_of(area, d(3, 31))
    assert item.status == Status.DONE
    assert item.percent == Decimal("110.0")
    assert item.share == 1  # capped when indicators are averaged


@pytest.mark.django_db
def test_per_period_indicator_adds_up_its_periods(orgs, months, task):
    # 3 + 4 + 5 files of 24 over January to March: 12 in the last 90 days, at the pace of
    # 12 / 90 a day the 12 left finish in the summer, before the deadline.
    files = indicator(task, 24, kind=Indicator.Kind.PER_PERIOD, name="Hồ sơ đã thẩm định")
    for month, value in ((1, 3), (2, 4), (3, 5)):
        report(months[month], orgs.division, {files: value})
    item = progress_of(files, d(3, 31))
    assert item.achieved == 12
    assert item.status == Status.ON_TRACK
    assert item.projected == d(6, 29)
    assert progress_of(files, d(2, 29)).achieved == 7


@pytest.mark.django_db
def test_per_period_projection_is_exact_to_the_day(orgs, months, task):
    # 12 left at 12 / 90 a day: 90 days from 31/03 is 29/06.
    files = indicator(task, 24, kind=Indicator.Kind.PER_PERIOD, name="Hồ sơ đã thẩm định")
    for month, value in ((1, 3), (2, 4), (3, 5)):
        report(months[month], orgs.division, {files: value})
    assert progress_of(files, d(3, 31)).projected == d(6, 29)


@pytest.mark.django_db
def test_per_period_indicator_met_by_its_sum(orgs, months, task):
    files = indicator(task, 12, kind=Indicator.Kind.PER_PERIOD, name="Hồ sơ đã thẩm định")
    for month, value in ((1, 3), (2, 4), (3, 5)):
        report(months[month], orgs.division, {files: value})
    assert progress_of(files, d(3, 31)).status == Status.DONE


@pytest.mark.django_db
def test_groups_take_their_worst_indicator_and_average_capped_shares(orgs, months, task):
    done = indicator(task, 10, name="Diện tích")
    slow = indicator(task, 100, name="Số hộ")
    report(months[3], orgs.division, {done: 20, slow: 5})
    report(months[6], orgs.division, {done: 20, slow: 10})
    items = indicator_progress(Indicator.objects.filter(task=task), d(6, 30))
    (group,) = rollups(items)["task"]
    assert group.status == Status.AT_RISK
    assert group.percent == Decimal("55.0")  # (100 % capped + 10 %) / 2
    assert status_totals(items)[Status.DONE] == 1
    assert status_totals(items)[Status.AT_RISK] == 1


@pytest.mark.django_db
def test_per_period_pace_of_a_task_started_last_month(orgs, campaign, months):
    # Started 01/03, 10 of 40 files in March: at that pace the rest takes three months, long
    # before the deadline of 30/09.
    young = Task.objects.create(
        campaign=campaign,
        unit=orgs.division,
        title="Thẩm định hồ sơ dự án khu tái định cư",
        start_date=d(3, 1),
        deadline=d(9, 30),
    )
    files = indicator(young, 40, kind=Indicator.Kind.PER_PERIOD, name="Hồ sơ đã thẩm định")
    report(months[3], orgs.division, {files: 10})
    assert progress_of(files, d(3, 31)).status == Status.ON_TRACK


def test_a_unit_is_not_expected_to_report_before_its_first_task_starts(orgs, work):
    from campaign.metrics import discipline

    jan, feb, mar = work.periods
    starts = {orgs.division.pk: jan.start_date, orgs.other_division.pk: mar.start_date}
    rows = discipline(work.periods, {work.campaign.pk: starts})
    assert [row.expected for row in rows] == [1, 1, 2]
    assert [row.missing for row in rows] == [1, 1, 2]
    assert [r.expected for r in discipline(work.periods, {}, unit_id=orgs.division.pk)] == [0] * 3
