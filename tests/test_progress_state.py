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


# --- Figures kept between requests ----------------------------------------------------------


def achieved_on_dashboard(client, work, indicator):
    from django.urls import reverse

    response = client.get(reverse("dashboard_office", args=[work.campaign.pk]), {"year": 2024})
    items = response.context["tables"]["indicator"].source
    (item,) = [i for i in items if i.indicator.pk == indicator.pk]
    return item.achieved, item.target


def test_kept_figures_change_as_soon_as_a_report_is_accepted(client_for, orgs, people, work):
    client = client_for(people.secretariat)
    assert achieved_on_dashboard(client, work, work.area)[0] is None
    report = make_report(work, orgs.division, 0, {work.area: Decimal("4")})
    assert achieved_on_dashboard(client, work, work.area)[0] is None  # submitted only
    reporting.accept_report(people.secretariat, report)
    assert achieved_on_dashboard(client, work, work.area)[0] == Decimal("4")


def test_kept_figures_change_when_a_target_is_edited(client_for, orgs, people, work):
    from campaign import setup
    from campaign.forms_setup import TaskForm, indicator_formset

    client = client_for(people.secretariat)
    assert achieved_on_dashboard(client, work, work.area)[1] == Decimal("10")
    task = work.task
    data = {
        "title": task.title,
        "unit": task.unit_id,
        "content_item": task.content_item_id or "",
        "project": "",
        "start_date": "01/01/2024",
        "deadline": "31/12/2024",
        "description": "",
    }
    rows = list(task.indicators.order_by("order"))
    prefix = "indicators"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": len(rows),
            f"{prefix}-INITIAL_FORMS": len(rows),
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    )
    for n, row in enumerate(rows):
        data.update(
            {
                f"{prefix}-{n}-id": row.pk,
                f"{prefix}-{n}-name": row.name,
                f"{prefix}-{n}-unit_of_measure": row.unit_of_measure,
                f"{prefix}-{n}-target": "25" if row.pk == work.area.pk else str(row.target),
                f"{prefix}-{n}-kind": row.kind,
            }
        )
    form = TaskForm(data, instance=task, campaign=work.campaign)
    formset = indicator_formset(task, data)
    assert form.is_valid(), form.errors
    assert formset.is_valid(), formset.errors
    setup.save_task(people.secretariat, work.campaign, form, formset)
    assert achieved_on_dashboard(client, work, work.area)[1] == Decimal("25")


def test_an_unreachable_shared_cache_is_a_miss_not_an_error(
    client_for, orgs, people, work, settings
):
    # Django resets its caches when the setting changes (and back after the test).
    settings.CACHES = {
        "default": {
            "BACKEND": "units.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    report = make_report(work, orgs.division, 0, {work.area: Decimal("3")})
    reporting.accept_report(people.secretariat, report)
    client = client_for(people.secretariat)
    assert achieved_on_dashboard(client, work, work.area)[0] == Decimal("3")
