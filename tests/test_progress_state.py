"""The pre-aggregated progress (IndicatorState) follows accepted reports exactly."""

import datetime
from decimal import Decimal

import pytest

from campaign import progress_state, reporting
from campaign.models import IndicatorState, IndicatorValue, ProgressReport, ReportingPeriod


def make_report(work, unit, index, values, status=ProgressReport.Status.SUBMITTED):
    report = ProgressReport.objects.create(
        period=work.periods[index], unit=unit, status=status, version=1
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(report=report, indicator=ind, value=value) for ind, value in values.items()
    )
    return report


def states(indicator):
    return [
        (s.period.number, s.latest_value, s.latest_date, s.total)
        for s in IndicatorState.objects.filter(indicator=indicator)
        .select_related("period")
        .order_by("period__end_date")
    ]


def test_accepting_a_report_writes_its_indicators_state_for_later_periods(orgs, people, work):
    report = make_report(work, orgs.division, 0, {work.area: Decimal("2"), work.households: None})
    assert states(work.area) == []
    reporting.accept_report(people.secretariat, report)
    jan_end = work.periods[0].end_date
    # Carried forward to February and March, which have no accepted value yet.
    assert states(work.area) == [
        (1, Decimal("2"), jan_end, Decimal("2")),
        (2, Decimal("2"), jan_end, Decimal("2")),
        (3, Decimal("2"), jan_end, Decimal("2")),
    ]
    # An empty value is not a value.
    assert states(work.households) == []


def test_returned_and_submitted_reports_do_not_count(orgs, people, work):
    accepted = make_report(work, orgs.other_division, 0, {work.files: Decimal("3")})
    reporting.accept_report(people.secretariat, accepted)
    returned = make_report(work, orgs.other_division, 1, {work.files: Decimal("4")})
    reporting.return_report(people.secretariat, returned, "Thiếu số liệu")
    make_report(work, orgs.other_division, 2, {work.files: Decimal("5")})  # waiting
    progress_state.refresh([work.files.pk])
    assert [row[3] for row in states(work.files)] == [Decimal("3")] * 3


def test_per_period_values_are_summed_and_cumulative_ones_take_the_latest(orgs, people, work):
    for index, (area, files) in enumerate([(2, 3), (5, 4), (9, 1)]):
        make_report(
            work, orgs.division, index, {work.area: Decimal(area)}, ProgressReport.Status.ACCEPTED
        )
        make_report(
            work,
            orgs.other_division,
            index,
            {work.files: Decimal(files)},
            ProgressReport.Status.ACCEPTED,
        )
    progress_state.refresh_campaign(work.campaign.pk)
    assert [(s[1], s[3]) for s in states(work.area)] == [
        (Decimal("2"), Decimal("2")),
        (Decimal("5"), Decimal("7")),
        (Decimal("9"), Decimal("16")),
    ]
    assert [s[3] for s in states(work.files)] == [Decimal("3"), Decimal("7"), Decimal("8")]


def test_periods_added_later_carry_the_progress_forward(orgs, people, work):
    report = make_report(work, orgs.division, 2, {work.area: Decimal("6")})
    reporting.accept_report(people.secretariat, report)
    april = ReportingPeriod.objects.create(
        campaign=work.campaign,
        frequency=ReportingPeriod.Frequency.MONTHLY,
        year=2024,
        number=4,
        start_date=datetime.date(2024, 4, 1),
        end_date=datetime.date(2024, 4, 30),
        due_date=datetime.date(2024, 5, 5),
    )
    progress_state.refresh_campaign(work.campaign.pk)
    assert IndicatorState.objects.get(indicator=work.area, period=april).latest_value == 6


def test_refresh_is_idempotent(orgs, people, work):
    report = make_report(work, orgs.division, 0, {work.area: Decimal("2")})
    reporting.accept_report(people.secretariat, report)
    before = states(work.area)
    progress_state.rebuild_all()
    progress_state.rebuild_all()
    assert states(work.area) == before


@pytest.mark.django_db
def test_refresh_of_nothing_writes_nothing():
    assert progress_state.refresh([]) == 0
