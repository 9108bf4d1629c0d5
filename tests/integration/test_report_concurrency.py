"""Two people act on the same report at the same instant, on PostgreSQL."""

import threading
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection

from campaign import reporting
from campaign.models import ProgressReport, ReportVersion

from .support import ON_POSTGRESQL

pytestmark = ON_POSTGRESQL


def _at_once(*calls):
    """Runs the calls in threads released together; returns their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # collected for the assertions
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def _values(work, area):
    return [
        reporting.ValueInput(work.area.pk, Decimal(area)),
        reporting.ValueInput(work.households.pk, Decimal("5")),
    ]


def test_two_first_saves_make_one_report(people, orgs, work):
    period = work.periods[0]
    results = _at_once(
        lambda: reporting.save_draft(people.staff, period, orgs.division, _values(work, "1")),
        lambda: reporting.save_draft(people.head, period, orgs.division, _values(work, "2")),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert ProgressReport.objects.filter(period=period, unit=orgs.division).count() == 1
    assert results[0][0].pk == results[1][0].pk


def test_two_simultaneous_submits_make_one_version(people, orgs, work):
    period = work.periods[0]
    report, _checked = reporting.save_draft(people.staff, period, orgs.division, _values(work, "1"))
    results = _at_once(
        lambda: reporting.submit_report(people.head, report),
        lambda: reporting.submit_report(people.head, report),
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), results
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED and report.version == 1
    assert ReportVersion.objects.filter(report=report).count() == 1
