"""`seed_demo`'s progress history on an empty database: the same on every fresh run, and stopping at
the last period due (the other seed tests share one seeded database: test_seed_demo.py)."""

import datetime

import pytest
from django.db import transaction

from awards.management.commands.seed_demo import Seeder, load_all
from campaign.models import IndicatorValue, ProgressReport, Reminder

pytestmark = pytest.mark.django_db

LS_CODE = "ls-stnmt-gpmb-2022-2025"


def seed_on(day):
    """The loaders as the command runs them, on a chosen day (the history stops at the last
    period due before it)."""
    with transaction.atomic():
        load_all(Seeder(), today=day)


def lang_son_reports():
    return ProgressReport.objects.filter(period__campaign__code=LS_CODE)


def test_history_is_the_same_on_every_fresh_run():
    def history():
        return sorted(
            (r.period.year, r.period.number, r.unit.code, r.status, r.version)
            for r in ProgressReport.objects.select_related("period", "unit")
        ), sorted(
            (v.report.unit.code, v.report.period.start_date, v.indicator.name, v.value)
            for v in IndicatorValue.objects.select_related(
                "report__unit", "report__period"
            ).select_related("indicator")
        )

    seed_on(datetime.date(2025, 3, 20))
    first = history()
    ProgressReport.objects.all().delete()
    Reminder.objects.all().delete()
    seed_on(datetime.date(2025, 3, 20))
    assert history() == first


def test_history_stops_at_the_last_period_due_and_a_later_run_only_adds():
    seed_on(datetime.date(2024, 3, 10))  # February 2024 was due on 05/3/2024
    last = lang_son_reports().order_by("-period__start_date").first().period
    assert (last.year, last.number) == (2024, 2)
    kept = dict(lang_son_reports().values_list("pk", "status"))
    assert ProgressReport.objects.filter(status=ProgressReport.Status.DRAFT).exists()

    seed_on(datetime.date(2024, 3, 10))  # the same day again: nothing
    assert dict(lang_son_reports().values_list("pk", "status")) == kept

    seed_on(datetime.date(2024, 6, 10))  # months later: only the new periods
    assert dict(lang_son_reports().filter(pk__in=kept).values_list("pk", "status")) == kept
    last = lang_son_reports().order_by("-period__start_date").first().period
    assert (last.year, last.number) == (2024, 5)
