"""Secret ballots on PostgreSQL: members voting at the same instant, a vote racing the close,
and the database triggers that guard a closed session."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from awards import sessions
from awards.models import Ballot, Participation, Session, SessionItem, Vote, WrittenOpinion

from ..factories import AwardFormFactory
from ..test_awards_sessions import make_board, opened
from .support import ON_POSTGRESQL

pytestmark = ON_POSTGRESQL


@pytest.fixture
def board(orgs, people, campaign):
    return make_board(orgs, people, campaign, AwardFormFactory())


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


def test_members_voting_at_the_same_instant_are_all_counted(people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.order_by("order").first()
    voters = board.seats[:6]
    results = _at_once(
        *[
            (lambda seat=seat: sessions.cast_ballot(session, item, seat, Vote.APPROVE))
            for seat in voters
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(set(results)) == 6  # six distinct receipt codes
    assert Ballot.objects.filter(item=item).count() == 6
    assert Participation.objects.filter(item=item).count() == 6
    session = sessions.close_session(people.council_chair, session)
    assert SessionItem.objects.get(pk=item.pk).approvals == 6


def test_one_member_voting_twice_at_the_same_instant_gets_one_ballot(people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.order_by("order").first()
    results = _at_once(
        lambda: sessions.cast_ballot(session, item, board.member, Vote.APPROVE),
        lambda: sessions.cast_ballot(session, item, board.member, Vote.REJECT),
    )
    errors = [r for r in results if isinstance(r, ValidationError)]
    assert len(errors) == 1, results
    assert Ballot.objects.filter(item=item).count() == 1


def test_a_vote_racing_the_close_is_either_counted_or_refused(people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.order_by("order").first()
    results = _at_once(
        lambda: sessions.cast_ballot(session, item, board.member, Vote.APPROVE),
        lambda: sessions.close_session(people.council_chair, session),
    )
    assert isinstance(results[1], Session), results
    item = SessionItem.objects.get(pk=item.pk)
    ballots = Ballot.objects.filter(item=item).count()
    # Never a ballot outside the published tally.
    assert ballots == item.approvals + item.rejections
    if isinstance(results[0], Exception):
        assert isinstance(results[0], ValidationError) and ballots == 0


def test_postgresql_triggers_guard_the_closed_session_and_every_ballot(people, board, campaign):
    session = opened(people, board, campaign, absent=board.others[:1])
    item = session.items.order_by("order").first()
    sessions.cast_ballot(session, item, board.member, Vote.REJECT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.filter(item=item).update(choice=Vote.APPROVE)
    session = sessions.close_session(people.council_chair, session)
    for attempt in (
        lambda: Ballot.objects.create(item=item, choice=Vote.APPROVE, receipt_hash="f" * 64),
        lambda: Participation.objects.create(item=item, member=board.chair, kind="voted"),
        lambda: WrittenOpinion.objects.create(
            item=item, member=board.others[0], choice=Vote.APPROVE
        ),
        lambda: SessionItem.objects.filter(pk=item.pk).update(passed=True),
        lambda: Ballot.objects.filter(item=item).delete(),
        lambda: Session.objects.filter(pk=session.pk).update(status="open"),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            attempt()
    assert Ballot.objects.get(item=item).choice == Vote.REJECT
