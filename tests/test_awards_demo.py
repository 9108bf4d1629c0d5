"""The awards demo of `manage.py seed_demo` (awards/demo.py): every stage of a nomination, a
closed session whose tallies are its anonymous ballots plus written opinions, a decision and a
proposal with the right numbers and prize money, a posting page that is never empty, an open
session waiting for the demo council member, and screens that open for every demo login."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from awards import demo, prizes, screening, sessions
from awards.models import (
    AwardRecord,
    Ballot,
    Council,
    CouncilMember,
    Decision,
    Nomination,
    Participation,
    PostingComment,
    Proposal,
    ProposalItem,
    Session,
    SessionItem,
    Vote,
    WrittenOpinion,
)
from campaign import seed_data
from campaign.models import Campaign, SubjectType
from units.models import AuditEvent

pytestmark = pytest.mark.django_db

LS_CODE = "ls-stnmt-gpmb-2022-2025"
HN_CODE = "hn-ubnd-gpmb-2023-2025"
S = Nomination.Status


def seed():
    call_command("seed_demo", quiet=True, stderr=io.StringIO())


def user(username):
    return get_user_model().objects.get(username=username)


def statuses(code):
    return set(Nomination.objects.filter(campaign__code=code).values_list("status", flat=True))


@pytest.fixture
def ha_nam_with_award_forms(monkeypatch):
    """Hà Nam's plan as if its award forms were on record (the announcement names none)."""
    monkeypatch.setitem(
        seed_data.HA_NAM_CAMPAIGN,
        "award_forms",
        [{"award_form": demo.BANG_KHEN_TINH, "label": "Bằng khen của Chủ tịch UBND tỉnh"}],
    )


# --- Stages and councils ------------------------------------------------------------------------


def test_lang_son_has_a_nomination_at_every_stage():
    seed()
    assert statuses(LS_CODE) == {
        S.DRAFT,
        S.SUBMITTED,
        S.RETURNED,
        S.ACCEPTED,
        S.ON_AGENDA,
        S.NOT_PASSED,
        S.AWARDED,
        S.REJECTED,
    }
    rows = Nomination.objects.filter(campaign__code=LS_CODE)
    assert {SubjectType.COLLECTIVE, SubjectType.INDIVIDUAL} == set(
        rows.values_list("subject_type", flat=True)
    )
    returned = rows.filter(status=S.RETURNED)
    assert all(n.return_reason for n in returned)
    # The demo logins of Phòng Quản lý đất đai find a draft and a returned nomination.
    assert {S.DRAFT, S.RETURNED} <= set(
        rows.filter(unit__code="qldd-stnmt-lang-son").values_list("status", flat=True)
    )
    for nomination in rows.exclude(status=S.DRAFT):
        assert nomination.summary and nomination.achievements, nomination
        assert nomination.submitted_by.memberships.filter(role="unit_head").exists()
    # Section II starts with the accepted figures of the campaign (the service's prefill).
    assert rows.filter(achievements__contains="\u00a0\u00a0+ ").exists()
    # Accepted and ready for a session: no posting needed, not on any agenda.
    ready = rows.filter(status=S.ACCEPTED, posted_from__isnull=True)
    assert ready.exists() and not SessionItem.objects.filter(nomination__in=ready).exists()


def test_councils_seat_the_demo_logins():
    seed()
    for prefix, size in (("ls", 9), ("hn", 7)):
        council = Council.objects.get(members__person__user__username=f"{prefix}.chutich")
        seats = {
            m.person.user.username if m.person.user else None: m.role
            for m in council.members.select_related("person__user")
        }
        assert council.size == size == council.members.count()
        assert council.name.startswith("Hội đồng Thi đua – Khen thưởng")
        assert seats[f"{prefix}.chutich"] == CouncilMember.Role.CHAIR
        assert seats[f"{prefix}.hoidong"] == CouncilMember.Role.MEMBER
        assert seats[f"{prefix}.vanphong"] == CouncilMember.Role.SECRETARY
        invented = council.members.filter(person__user__isnull=True)
        assert invented.exists()
        assert all(m.person.position for m in invented.select_related("person"))


def test_ha_nam_without_award_forms_gets_its_council_and_prior_awards_only():
    seed()
    assert not Nomination.objects.filter(campaign__code=HN_CODE).exists()
    hn = Campaign.objects.get(code=HN_CODE).issuing_organization
    assert Council.objects.filter(organization=hn).exists()
    households = AwardRecord.objects.filter(owner=hn, subject_type=SubjectType.HOUSEHOLD)
    assert households.filter(source=AwardRecord.Source.MANUAL, household_address__contains="Phủ Lý")


def test_ha_nam_with_award_forms_gets_households_and_a_pending_proposal(
    ha_nam_with_award_forms,
):
    seed()
    assert statuses(HN_CODE) == {
        S.DRAFT,
        S.SUBMITTED,
        S.RETURNED,
        S.ACCEPTED,
        S.ON_AGENDA,
        S.NOT_PASSED,
        S.PROPOSED,
    }
    households = Nomination.objects.filter(
        campaign__code=HN_CODE, subject_type=SubjectType.HOUSEHOLD
    )
    assert households.count() >= 3
    for nomination in households:
        assert nomination.household_commune and "m²" in nomination.household_contribution
        assert nomination.nominee_name.startswith("Hộ gia đình")
    proposal = Proposal.objects.get(campaign__code=HN_CODE)
    assert proposal.status == Proposal.Status.SENT and proposal.date < timezone.localdate()
    assert set(proposal.items.values_list("outcome", flat=True)) == {ProposalItem.Outcome.PENDING}
    assert proposal.items.filter(nomination__subject_type=SubjectType.HOUSEHOLD).exists()


# --- The closed session ----------------------------------------------------------------------


def test_closed_session_tallies_are_its_ballots_and_written_opinions():
    seed()
    session = Session.objects.get(campaign__code=LS_CODE, status=Session.Status.CLOSED)
    assert timezone.localtime(session.closed_at).date() == datetime.date(2024, 12, 10)
    absent = session.attendance.filter(present=False)
    assert absent.count() == 1 and absent.get().absence_reason
    present = session.attendance.filter(present=True).count()
    items = list(session.items.all())
    assert any(item.passed for item in items) and any(not item.passed for item in items)
    for item in items:
        ballots = Ballot.objects.filter(item=item)
        opinions = WrittenOpinion.objects.filter(item=item)
        assert item.approvals == ballots.filter(choice=Vote.APPROVE).count()
        assert item.rejections == ballots.filter(choice=Vote.REJECT).count()
        assert item.written_approvals == opinions.filter(choice=Vote.APPROVE).count()
        assert item.written_rejections == opinions.filter(choice=Vote.REJECT).count()
        assert item.approvals + item.rejections == present
        assert Participation.objects.filter(item=item).count() == present
        assert opinions.get().member_id == absent.get().member_id
        assert item.required == 5  # more than half of all 9 members
        assert item.passed == (item.approvals + item.written_approvals >= item.required)
    minutes = sessions.minutes(session)
    assert minutes["absent"] and minutes["passed_count"] == 5


def test_no_ballot_references_a_voter():
    seed()
    fields = {f.name for f in Ballot._meta.get_fields()}
    assert fields == {"id", "item", "choice", "receipt_hash"}
    # The audit log of a cast ballot names the seat, never the choice.
    for event in AuditEvent.objects.filter(action="awards.ballot.cast"):
        assert set(event.data) == {"session", "member"}


# --- Decision, proposal, registry ------------------------------------------------------------


def test_giay_khen_decision_and_proposal_outcome_have_the_right_numbers_and_prizes():
    seed()
    decision = Decision.objects.get(campaign__code=LS_CODE)
    assert decision.number_symbol == "01/QĐ-STNMT"
    assert decision.date == datetime.date(2024, 12, 15)
    assert decision.base_salary == prizes.base_salary_on(decision.date).amount == 2_340_000
    amounts = {r.subject_type: r.prize_amount for r in decision.awards.all()}
    assert amounts == {SubjectType.INDIVIDUAL: 702_000, SubjectType.COLLECTIVE: 1_404_000}
    assert decision.awards.count() == 3
    assert decision.session.status == Session.Status.CLOSED

    proposal = Proposal.objects.get(campaign__code=LS_CODE)
    assert proposal.number_symbol == "01/TTr-STNMT"
    assert proposal.status == Proposal.Status.ANSWERED and proposal.outcome_number
    outcomes = dict(proposal.items.values_list("nomination__status", "outcome"))
    assert outcomes == {
        S.AWARDED: ProposalItem.Outcome.APPROVED,
        S.REJECTED: ProposalItem.Outcome.NOT_APPROVED,
    }
    record = proposal.awards.get()
    assert record.prize_amount == 3 * 2_340_000  # collective, Bằng khen tỉnh
    manual = AwardRecord.objects.filter(source=AwardRecord.Source.MANUAL)
    assert manual.filter(owner=decision.organization).count() >= 3
    assert all(r.decision_date.year < 2023 for r in manual)


def test_history_is_dated_in_the_past_and_nothing_in_the_future():
    seed()
    now = timezone.now()
    history = Nomination.objects.filter(campaign__code=LS_CODE, year=2024)
    assert history.count() == 6
    assert all(n.created_at.year == 2024 for n in history)
    events = AuditEvent.objects.filter(action__startswith="awards.")
    assert events.filter(created_at__year=2024).exists()
    assert not events.filter(created_at__gt=now).exists()
    assert not Nomination.objects.filter(created_at__gt=now).exists()
    assert not PostingComment.objects.filter(created_at__gt=now).exists()


# --- Today's screens ---------------------------------------------------------------------------


def test_public_posting_page_shows_a_nomination_with_comments(client):
    seed()
    posted = list(screening.posted_nominations())
    assert posted
    nomination = posted[0]
    assert nomination.comments.count() == 2
    assert all(c.created_at.date() <= timezone.localdate() for c in nomination.comments.all())
    page = client.get(reverse("posting_index"))
    assert page.status_code == 200
    detail = client.get(reverse("posting_detail", args=[nomination.pk]))
    assert detail.status_code == 200 and nomination.nominee_name in detail.content.decode()


def test_open_session_today_waits_for_the_demo_council_member(client):
    seed()
    session = Session.objects.get(campaign__code=LS_CODE, status=Session.Status.OPEN)
    assert timezone.localtime(session.scheduled_at).date() == timezone.localdate()
    seat = CouncilMember.objects.get(council=session.council, person__user__username="ls.hoidong")
    assert not Participation.objects.filter(item__session=session, member=seat).exists()
    assert Participation.objects.filter(item__session=session).exists()  # others have voted
    client.force_login(user("ls.hoidong"))
    assert client.get(reverse("session_vote", args=[session.pk])).status_code == 200
    item = session.items.first()
    code = sessions.cast_ballot(session, item, seat, Vote.APPROVE, actor=user("ls.hoidong"))
    assert code
    scheduled = Session.objects.get(campaign__code=LS_CODE, status=Session.Status.SCHEDULED)
    assert scheduled.scheduled_at > timezone.now() and scheduled.items.exists()


@pytest.mark.parametrize(
    ("username", "names"),
    [
        ("ls.canbo", ["nomination_list"]),
        ("ls.lanhdao", ["nomination_list"]),
        (
            "ls.vanphong",
            ["screening_queue", "session_list", "award_decisions", "registry_list", "council_list"],
        ),
        ("ls.chutich", ["session_list"]),
        ("hn.vanphong", ["registry_list", "council_list", "session_list"]),
    ],
)
def test_demo_logins_open_their_awards_screens(client, username, names):
    seed()
    client.force_login(user(username))
    for name in names:
        assert client.get(reverse(name)).status_code == 200, name
    for nomination in Nomination.objects.filter(campaign__code=LS_CODE)[:20]:
        response = client.get(reverse("nomination_detail", args=[nomination.pk]))
        assert response.status_code in (200, 403, 404)
    if username in ("ls.vanphong", "ls.chutich"):
        for session in Session.objects.filter(campaign__code=LS_CODE):
            assert client.get(reverse("session_detail", args=[session.pk])).status_code == 200
