"""Two clerks issue award decisions (and proposals) at the same instant, on PostgreSQL: the
organization's yearly series never gives one number twice, and a nomination is never decided
twice."""

import datetime
import threading

from django.core.exceptions import ValidationError
from django.db import connection

from awards import decisions
from awards.models import AwardRecord, Decision, Proposal
from campaign.models import SubjectType

from .. import test_awards_decisions as base
from .support import ON_POSTGRESQL

# Shared fixtures and builders of the decisions tests.
award_forms, salaries, setup = base.award_forms, base.salaries, base.setup
make_nomination = base.make_nomination

pytestmark = ON_POSTGRESQL

DAY = datetime.date(2025, 12, 15)


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


def _decide(people, setup, nomination):
    return lambda: decisions.create_decision(
        people.secretariat,
        setup.campaign,
        setup.forms.gk,
        [nomination.pk],
        date=DAY,
        signer_name="Hoàng Văn Nam",
        signer_title="GIÁM ĐỐC",
        authority="Giám đốc Sở Tài nguyên và Môi trường",
    )


def test_concurrent_decisions_take_consecutive_numbers(people, orgs, setup):
    nominations = [
        make_nomination(
            setup.campaign, setup.forms.gk, orgs.division, SubjectType.COLLECTIVE, f"Tổ {i}"
        )
        for i in range(4)
    ]
    results = _at_once(*(_decide(people, setup, n) for n in nominations))
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Decision.objects.filter(year=2025).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]
    assert AwardRecord.objects.count() == 4


def test_the_same_nomination_decided_at_once_is_decided_once(people, orgs, setup):
    nomination = make_nomination(
        setup.campaign, setup.forms.gk, orgs.division, SubjectType.INDIVIDUAL, "Nguyễn Văn An"
    )
    results = _at_once(_decide(people, setup, nomination), _decide(people, setup, nomination))
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), results
    assert Decision.objects.count() == 1 and AwardRecord.objects.count() == 1


def test_concurrent_proposals_and_decisions_keep_their_own_series(people, orgs, setup):
    form = setup.forms.bk_ubnd
    upward = [
        make_nomination(setup.campaign, form, orgs.division, SubjectType.INDIVIDUAL, f"Người {i}")
        for i in range(2)
    ]
    local = make_nomination(
        setup.campaign, setup.forms.gk, orgs.division, SubjectType.COLLECTIVE, "Tổ"
    )

    def propose(nomination):
        return lambda: decisions.create_proposal(
            people.secretariat,
            setup.campaign,
            form,
            [nomination.pk],
            date=DAY,
            recipient="Sở Nội vụ",
            signer_name="Hoàng Văn Nam",
            signer_title="GIÁM ĐỐC",
        )

    results = _at_once(propose(upward[0]), propose(upward[1]), _decide(people, setup, local))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(Proposal.objects.values_list("number", flat=True)) == [1, 2]
    assert list(Decision.objects.values_list("number", flat=True)) == [1]
