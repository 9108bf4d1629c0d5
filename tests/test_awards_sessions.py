"""Councils, sessions and secret ballots: set-up, agenda, attendance, quorum, voting, recusal,
written opinions, closing, thresholds, receipts, minutes, database guards and who sees what."""

import hashlib
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from awards import councils, sessions
from awards.models import (
    Attendance,
    Ballot,
    Council,
    CouncilMember,
    Nomination,
    Participation,
    Session,
    SessionItem,
    Vote,
    WrittenOpinion,
)
from campaign.models import AwardForm, SubjectType
from units.models import AuditEvent, Person, Role

from .factories import AwardFormFactory, OrganizationFactory, make_member

pytestmark = pytest.mark.django_db

APPROVE, REJECT = Vote.APPROVE, Vote.REJECT
STATUS = Nomination.Status


# --- Fixtures and helpers ------------------------------------------------------------------------


def person_of(user) -> Person:
    return Person.objects.get(user=user)


@pytest.fixture
def majority_form(db):
    """Giấy khen: more than half of all members; quorum 80 %."""
    return AwardFormFactory()


@pytest.fixture
def two_thirds_form(db):
    """A form decided by at least two thirds of all members (entered as 66.66 %)."""
    return AwardForm.objects.create(
        code="bang-khen-ubnd-tinh",
        name="Bằng khen của Chủ tịch UBND tỉnh",
        rank=3,
        authority=AwardForm.Authority.PROVINCE_CHAIR,
        individual_coefficient=Decimal("1.5"),
        collective_coefficient=Decimal("3.0"),
        vote_threshold_percent=Decimal("66.66"),
        threshold_strictly_above=False,
        quorum_percent=Decimal("80"),
    )


def nominate(campaign, unit, award_form, name, status=STATUS.ACCEPTED, **extra):
    return Nomination.objects.create(
        campaign=campaign,
        award_form=award_form,
        unit=unit,
        year=2024,
        subject_type=SubjectType.COLLECTIVE,
        nominee_organization=unit,
        nominee_name=name,
        status=status,
        **extra,
    )


@pytest.fixture
def board(orgs, people, campaign, majority_form):
    return make_board(orgs, people, campaign, majority_form)


def make_board(orgs, people, campaign, majority_form):
    """A council of 9 for the department: the chair (chutich), a member (hoidong), a secretary
    and six more members with logins; a council-role user without a seat (bystander); and two
    accepted nominations of the campaign."""
    council = Council.objects.create(organization=orgs.department, name="Hội đồng TĐKT Sở", size=9)
    chair = CouncilMember.objects.create(
        council=council, person=person_of(people.council_chair), role="chair", order=1
    )
    member = CouncilMember.objects.create(
        council=council, person=person_of(people.council_member), role="member", order=2
    )
    secretary_user = make_member(Role.COUNCIL_MEMBER, orgs.department, username="thuky")
    secretary = CouncilMember.objects.create(
        council=council, person=person_of(secretary_user), role="secretary", order=3
    )
    others = []
    for n in range(6):
        user = make_member(
            Role.COUNCIL_MEMBER, orgs.department, username=f"uyvien{n}", first_name=f"Uỷ viên {n}"
        )
        others.append(
            CouncilMember.objects.create(
                council=council, person=person_of(user), role="member", order=10 + n
            )
        )
    bystander = make_member(Role.COUNCIL_MEMBER, orgs.department, username="khongghe")
    first = nominate(campaign, orgs.division, majority_form, "Phòng Quản lý đất đai")
    second = nominate(campaign, orgs.other_division, majority_form, "Trung tâm Phát triển quỹ đất")
    return SimpleNamespace(
        council=council,
        chair=chair,
        member=member,
        secretary=secretary,
        others=others,
        seats=[chair, member, secretary, *others],
        bystander=bystander,
        nominations=[first, second],
    )


def schedule(people, board, campaign, nominations=None):
    session = sessions.schedule_session(
        people.secretariat,
        board.council,
        campaign=campaign,
        title="Phiên họp xét khen thưởng năm 2024",
        scheduled_at=timezone.now() + timezone.timedelta(days=1),
        place="Phòng họp tầng 3",
    )
    sessions.add_items(
        people.secretariat, session, [n.pk for n in (nominations or board.nominations)]
    )
    return session


def attend(people, session, seats, absent=(), reason="Đi công tác"):
    absent_pks = {m.pk for m in absent}
    sessions.record_attendance(
        people.secretariat,
        session,
        {m.pk: (m.pk not in absent_pks, reason if m.pk in absent_pks else "") for m in seats},
    )


def opened(people, board, campaign, absent=(), nominations=None):
    session = schedule(people, board, campaign, nominations)
    attend(people, session, board.seats, absent)
    return sessions.open_session(people.council_chair, session)


def vote_all(session, item, seats, choices):
    """Each seat votes the matching choice; returns the receipt codes."""
    return [
        sessions.cast_ballot(session, item, seat, choice)
        for seat, choice in zip(seats, choices, strict=True)
    ]


def refresh(obj):
    obj.refresh_from_db()
    return obj


# --- Rules: quorum and thresholds ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "percent", "expected"),
    [
        (9, "80", 8),  # 7.2 rounds up
        (10, "80", 8),  # exactly 8
        (9, "66.66", 6),
        (9, "66.67", 6),  # two thirds, however it is rounded when typed
        (30, "80", 24),
        (5, "100", 5),
        (9, "0", 0),
    ],
)
def test_quorum_is_a_percent_of_all_members_rounded_up(size, percent, expected):
    assert sessions.quorum_required(size, Decimal(percent)) == expected


def test_award_form_thresholds_at_their_boundaries(majority_form, two_thirds_form):
    assert two_thirds_form.required_approvals(9) == 6
    assert two_thirds_form.required_approvals(30) == 20
    assert majority_form.required_approvals(9) == 5
    assert majority_form.required_approvals(10) == 6


# --- Council set-up ------------------------------------------------------------------------------


def test_office_sets_up_a_council_with_one_chair_and_no_more_members_than_its_size(orgs, people):
    council = councils.save_council(
        people.secretariat, orgs.department, name="Hội đồng TĐKT", size=2
    )
    chair = councils.add_member(
        people.secretariat, council, person=person_of(people.council_chair), role="chair"
    )
    with pytest.raises(ValidationError) as error:
        councils.add_member(
            people.secretariat, council, person=person_of(people.council_member), role="chair"
        )
    assert "role" in error.value.error_dict
    councils.add_member(
        people.secretariat, council, person=person_of(people.council_member), role="member"
    )
    with pytest.raises(ValidationError):  # full
        councils.add_member(
            people.secretariat, council, person=person_of(people.head), role="member"
        )
    with pytest.raises(ValidationError) as error:  # below the seats filled
        councils.save_council(people.secretariat, orgs.department, name="Hội đồng", size=1)
    assert "size" in error.value.error_dict
    councils.save_council(people.secretariat, orgs.department, name="Hội đồng", size=3)
    with pytest.raises(ValidationError) as error:  # already seated
        councils.add_member(
            people.secretariat, council, person=person_of(people.council_chair), role="member"
        )
    assert "person" in error.value.error_dict
    councils.update_member(people.secretariat, chair, role="vice_chair", order=4)
    assert refresh(chair).role == "vice_chair"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"awards.council.created", "awards.council.member_added"} <= actions


def test_council_members_come_from_the_organizations_subtree(orgs, people):
    council = councils.save_council(people.secretariat, orgs.department, name="HĐ", size=5)
    stranger = Person.objects.create(full_name="Người ngoài", organization=orgs.outsider_province)
    with pytest.raises(ValidationError) as error:
        councils.add_member(people.secretariat, council, person=stranger, role="member")
    assert "person" in error.value.error_dict
    # A person of a division under the department may sit.
    councils.add_member(people.secretariat, council, person=person_of(people.staff), role="member")


def test_only_the_office_manages_the_council(orgs, people):
    for user in (people.council_chair, people.staff, people.outsider):
        with pytest.raises(PermissionDenied):
            councils.save_council(user, orgs.department, name="HĐ", size=5)


def test_a_member_who_took_part_in_a_session_cannot_be_removed(people, board, campaign):
    opened(people, board, campaign)
    with pytest.raises(ValidationError):  # a session is open
        councils.remove_member(people.secretariat, board.others[0])
    assert CouncilMember.objects.filter(pk=board.others[0].pk).exists()


# --- Agenda --------------------------------------------------------------------------------------


def test_agenda_takes_accepted_nominations_whose_posting_is_over(
    orgs, people, board, campaign, majority_form
):
    today = timezone.localdate()
    posted = AwardForm.objects.create(
        code="huan-chuong",
        name="Huân chương Lao động hạng Ba",
        rank=1,
        authority=AwardForm.Authority.PRESIDENT,
        individual_coefficient=Decimal("4.5"),
        collective_coefficient=Decimal("9"),
        requires_public_posting=True,
        posting_working_days=10,
    )
    draft = nominate(campaign, orgs.division, majority_form, "Bản nháp", status=STATUS.DRAFT)
    still_posted = nominate(
        campaign,
        orgs.division,
        posted,
        "Đang niêm yết",
        posted_from=today - timezone.timedelta(days=3),
        posted_until=today,
    )
    never_posted = nominate(campaign, orgs.division, posted, "Chưa niêm yết")
    posting_over = nominate(
        campaign,
        orgs.division,
        posted,
        "Đã niêm yết xong",
        posted_from=today - timezone.timedelta(days=20),
        posted_until=today - timezone.timedelta(days=1),
    )
    session = schedule(people, board, campaign)
    eligible = set(sessions.eligible_nominations(session))
    assert posting_over in eligible
    assert not eligible & {draft, still_posted, never_posted, *board.nominations}
    for nomination in (draft, still_posted, never_posted):
        with pytest.raises(ValidationError):
            sessions.add_items(people.secretariat, session, [nomination.pk])
    assert {refresh(n).status for n in board.nominations} == {STATUS.ON_AGENDA}

    item = session.items.get(nomination=board.nominations[0])
    sessions.remove_item(people.secretariat, item)
    assert refresh(board.nominations[0]).status == STATUS.ACCEPTED
    assert list(session.items.values_list("order", flat=True)) == [1]


def test_items_stay_on_the_agenda_once_the_session_is_open(people, board, campaign):
    session = opened(people, board, campaign)
    with pytest.raises(ValidationError):
        sessions.remove_item(people.secretariat, session.items.first())
    with pytest.raises(ValidationError):
        sessions.add_items(people.secretariat, session, [board.nominations[0].pk])
    assert session.items.count() == 2


# --- Opening and quorum --------------------------------------------------------------------------


def test_opening_is_refused_one_member_below_quorum_and_allowed_at_it(people, board, campaign):
    session = schedule(people, board, campaign)
    # 80 % of 9 is 8: with two absent, 7 are present.
    attend(people, session, board.seats, absent=board.others[:2])
    with pytest.raises(ValidationError):
        sessions.open_session(people.council_chair, session)
    assert refresh(session).status == Session.Status.SCHEDULED
    attend(people, session, board.seats, absent=board.others[:1])
    sessions.open_session(people.council_chair, session)
    session = refresh(session)
    assert session.status == Session.Status.OPEN
    assert session.members_total == 9 and session.opened_at is not None


def test_the_quorum_holds_for_every_award_form_on_the_agenda(
    orgs, people, board, campaign, majority_form
):
    strict = AwardForm.objects.create(
        code="chien-si-thi-dua",
        name="Chiến sĩ thi đua",
        rank=2,
        authority=AwardForm.Authority.PROVINCE_CHAIR,
        individual_coefficient=Decimal("1"),
        collective_coefficient=Decimal("1"),
        quorum_percent=Decimal("100"),
    )
    strict_nomination = nominate(campaign, orgs.division, strict, "Cá nhân xuất sắc")
    session = schedule(people, board, campaign, [*board.nominations, strict_nomination])
    attend(people, session, board.seats, absent=board.others[:1])  # 8 of 9: enough for 80 %
    with pytest.raises(ValidationError):
        sessions.open_session(people.council_chair, session)


def test_only_the_chair_opens_and_closes(people, board, campaign):
    session = schedule(people, board, campaign)
    attend(people, session, board.seats)
    for user in (people.secretariat, people.council_member, people.admin, board.bystander):
        with pytest.raises(PermissionDenied):
            sessions.open_session(user, session)
    sessions.open_session(people.council_chair, session)
    for user in (people.secretariat, people.council_member, people.admin):
        with pytest.raises(PermissionDenied):
            sessions.close_session(user, session)


def test_opening_needs_attendance_for_every_member_and_an_agenda(people, board, campaign):
    session = sessions.schedule_session(
        people.secretariat,
        board.council,
        campaign=campaign,
        title="Phiên trống",
        scheduled_at=timezone.now(),
        place="Hội trường",
    )
    attend(people, session, board.seats)
    with pytest.raises(ValidationError):  # empty agenda
        sessions.open_session(people.council_chair, session)
    other = schedule(people, board, campaign)
    with pytest.raises(ValidationError):  # no attendance
        sessions.open_session(people.council_chair, other)


# --- Voting, thresholds and closing --------------------------------------------------------------


@pytest.mark.parametrize(("approvals", "passed"), [(6, True), (5, False)])
def test_two_thirds_of_nine_passes_at_six_and_fails_at_five(
    orgs, people, board, campaign, two_thirds_form, approvals, passed
):
    nomination = nominate(campaign, orgs.division, two_thirds_form, "Tập thể tiêu biểu")
    session = opened(people, board, campaign, nominations=[nomination])
    item = session.items.get()
    vote_all(session, item, board.seats, [APPROVE] * approvals + [REJECT] * (9 - approvals))
    sessions.close_session(people.council_chair, session)
    item = refresh(item)
    assert (item.approvals, item.rejections, item.required, item.passed) == (
        approvals,
        9 - approvals,
        6,
        passed,
    )
    assert refresh(nomination).status == (STATUS.PASSED if passed else STATUS.NOT_PASSED)


@pytest.mark.parametrize(("approvals", "passed"), [(5, True), (4, False)])
def test_more_than_half_of_nine_passes_at_five_and_fails_at_four(
    people, board, campaign, approvals, passed
):
    session = opened(people, board, campaign, nominations=board.nominations[:1])
    item = session.items.get()
    # Those who do not approve simply disagree or do not vote: thresholds count all members.
    vote_all(session, item, board.seats[:approvals], [APPROVE] * approvals)
    sessions.close_session(people.council_chair, session)
    item = refresh(item)
    assert item.required == 5 and item.passed is passed
    assert refresh(board.nominations[0]).status == (STATUS.PASSED if passed else STATUS.NOT_PASSED)


def test_written_opinions_of_absent_members_are_counted(people, board, campaign):
    absent = board.others[:1]
    session = schedule(people, board, campaign, board.nominations[:1])
    attend(people, session, board.seats, absent=absent)
    item = session.items.get()
    sessions.record_opinions(
        people.secretariat, session, absent[0], {item.pk: (APPROVE, "Nhất trí đề nghị")}
    )
    sessions.open_session(people.council_chair, session)
    # Four ballots + one written opinion = 5 of 9: passes "more than half".
    present = [s for s in board.seats if s not in absent]
    vote_all(session, item, present[:4], [APPROVE] * 4)
    sessions.close_session(people.council_chair, session)
    item = refresh(item)
    assert (item.approvals, item.written_approvals, item.passed) == (4, 1, True)


def test_written_opinions_are_only_for_absent_members(people, board, campaign):
    session = schedule(people, board, campaign, board.nominations[:1])
    attend(people, session, board.seats, absent=board.others[:1])
    item = session.items.get()
    with pytest.raises(ValidationError):
        sessions.record_opinions(
            people.secretariat, session, board.member, {item.pk: (APPROVE, "")}
        )
    sessions.record_opinions(people.secretariat, session, board.others[0], {item.pk: (REJECT, "")})
    with pytest.raises(ValidationError):  # marking them present while an opinion stands
        attend(people, session, board.seats)


def test_a_recusal_makes_no_ballot_and_is_counted_against_all_members(people, board, campaign):
    session = opened(people, board, campaign, nominations=board.nominations[:1])
    item = session.items.get()
    sessions.recuse(session, item, board.others[0], "Là thủ trưởng đơn vị được đề nghị")
    with pytest.raises(ValidationError):  # a recusal needs its reason
        sessions.recuse(session, item, board.others[1], "  ")
    vote_all(session, item, [*board.seats[:3], board.others[2]], [APPROVE] * 4)
    assert Ballot.objects.filter(item=item).count() == 4
    participation = Participation.objects.get(item=item, member=board.others[0])
    assert participation.kind == Participation.Kind.RECUSED
    sessions.close_session(people.council_chair, session)
    item = refresh(item)
    # 4 approvals of 9 members: a recusal does not lower the 5 required.
    assert (item.recusals, item.required, item.passed) == (1, 5, False)


def test_a_member_votes_once_per_item(people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.first()
    sessions.cast_ballot(session, item, board.member, APPROVE)
    with pytest.raises(ValidationError) as error:
        sessions.cast_ballot(session, item, board.member, REJECT)
    assert str(item.order) in error.value.messages[0]
    with pytest.raises(ValidationError):
        sessions.recuse(session, item, board.member, "Đổi ý")
    assert Ballot.objects.filter(item=item).count() == 1


def test_a_racing_second_vote_meets_the_unique_constraint_as_a_clear_message(
    people, board, campaign, monkeypatch
):
    session = opened(people, board, campaign)
    item = session.items.first()
    Participation.objects.create(item=item, member=board.member, kind="voted")
    # As if the other request had not committed when this one checked.
    monkeypatch.setattr(sessions, "_took_part", lambda item, member: False)
    with pytest.raises(ValidationError):
        sessions.cast_ballot(session, item, board.member, APPROVE)
    monkeypatch.undo()
    assert Ballot.objects.filter(item=item).count() == 0


def test_all_items_in_one_submission_are_all_or_nothing(people, board, campaign):
    session = opened(people, board, campaign)
    first, second = session.items.order_by("order")
    sessions.cast_ballot(session, second, board.member, APPROVE)
    with pytest.raises(ValidationError):
        sessions.cast_votes(session, board.member, [(first, APPROVE, ""), (second, REJECT, "")])
    assert not Participation.objects.filter(item=first, member=board.member).exists()
    results = sessions.cast_votes(
        session, board.secretary, [(first, APPROVE, ""), (second, "recuse", "Người nhà")]
    )
    assert results[0].receipt_code and results[1].receipt_code is None


def test_absent_members_and_strangers_cannot_vote(people, board, campaign, orgs):
    absent = board.others[0]
    session = opened(people, board, campaign, absent=[absent])
    item = session.items.first()
    with pytest.raises(ValidationError):
        sessions.cast_ballot(session, item, absent, APPROVE)
    other_council = Council.objects.create(organization=orgs.outsider_province, name="HĐ B", size=3)
    stranger = CouncilMember.objects.create(
        council=other_council, person=person_of(people.outsider), role="chair"
    )
    with pytest.raises(PermissionDenied):
        sessions.cast_ballot(session, item, stranger, APPROVE)


def test_votes_before_opening_and_after_closing_are_refused(people, board, campaign):
    session = schedule(people, board, campaign)
    attend(people, session, board.seats)
    item = session.items.first()
    with pytest.raises(ValidationError):
        sessions.cast_ballot(session, item, board.member, APPROVE)
    sessions.open_session(people.council_chair, session)
    sessions.close_session(people.council_chair, session)
    with pytest.raises(ValidationError):
        sessions.cast_ballot(session, item, board.member, APPROVE)
    with pytest.raises(ValidationError):
        sessions.close_session(people.council_chair, session)


def test_database_refuses_any_change_to_a_closed_session(people, board, campaign):
    session = opened(people, board, campaign, absent=board.others[:1])
    item = session.items.first()
    sessions.cast_ballot(session, item, board.member, APPROVE)
    sessions.close_session(people.council_chair, session)
    ballot = Ballot.objects.get(item=item)
    attempts = [
        lambda: Ballot.objects.create(item=item, choice=APPROVE, receipt_hash="0" * 64),
        lambda: Participation.objects.create(item=item, member=board.chair, kind="voted"),
        lambda: WrittenOpinion.objects.create(item=item, member=board.others[0], choice=APPROVE),
        lambda: Attendance.objects.filter(session=session).update(present=True),
        lambda: Attendance.objects.filter(session=session).delete(),
        lambda: SessionItem.objects.filter(pk=item.pk).update(passed=True, approvals=9),
        lambda: SessionItem.objects.create(session=session, nomination=board.nominations[0]),
        lambda: Participation.objects.filter(item=item).delete(),
        lambda: Ballot.objects.filter(pk=ballot.pk).delete(),
        lambda: Session.objects.filter(pk=session.pk).update(status="open"),
    ]
    for attempt in attempts:
        with pytest.raises(IntegrityError), transaction.atomic():
            attempt()
    assert Ballot.objects.filter(item=item).count() == 1
    assert refresh(session).status == Session.Status.CLOSED


def test_a_ballot_can_never_be_updated_even_while_open(people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.first()
    sessions.cast_ballot(session, item, board.member, REJECT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.filter(item=item).update(choice=APPROVE)
    assert Ballot.objects.get(item=item).choice == REJECT


# --- Secrecy -------------------------------------------------------------------------------------


def test_ballot_schema_leads_back_to_no_voter_and_holds_no_time():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    assert set(fields) == {"id", "item", "choice", "receipt_hash"}
    assert isinstance(fields["id"], models.UUIDField)
    for f in fields.values():
        assert not isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
        if f.is_relation:
            assert f.related_model is SessionItem
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "awards_ballot")
        }
        relations = connection.introspection.get_relations(cursor, "awards_ballot")
    assert columns == {"id", "item_id", "choice", "receipt_hash"}
    assert {table for _column, table in relations.values()} == {"awards_sessionitem"}
    # And nothing points at a ballot (no table could tie one to a member).
    assert not [rel for rel in Ballot._meta.related_objects if rel.related_model is not Ballot]


def test_receipt_code_is_never_stored_and_the_audit_log_holds_no_choice(people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.first()
    code = sessions.cast_ballot(session, item, board.member, APPROVE)
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    ballot = Ballot.objects.get(item=item)
    assert ballot.receipt_hash == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    event = AuditEvent.objects.get(action="awards.ballot.cast")
    assert event.actor == people.council_member
    text = f"{event.data} {event.object_id} {event.object_repr}"
    for secret in (code, code.replace("-", ""), APPROVE, str(ballot.pk), ballot.receipt_hash):
        assert secret not in text
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM units_auditevent")
        assert not [row for row in cursor.fetchall() if code.replace("-", "") in str(row)]


def test_tallies_stay_hidden_while_the_session_is_open(people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.first()
    sessions.cast_ballot(session, item, board.member, APPROVE)
    for read in (sessions.fingerprints, sessions.minutes):
        with pytest.raises(PermissionDenied):
            read(session)
    with pytest.raises(PermissionDenied):
        sessions.check_receipt(session, "ABCDE-FGHJK")
    assert refresh(item).approvals is None and refresh(item).passed is None
    assert sessions.participation_counts(session)[item.pk] == {"voted": 1, "recused": 0}


def test_receipt_check_finds_the_ballot_and_its_choice_only_with_the_code(people, board, campaign):
    session = opened(people, board, campaign)
    first, second = session.items.order_by("order")
    code = sessions.cast_ballot(session, second, board.member, REJECT)
    sessions.cast_ballot(session, first, board.member, APPROVE)
    session = sessions.close_session(people.council_chair, session)
    found = sessions.check_receipt(session, f"  {code.lower().replace('-', ' ')} ")
    assert found.item == second and found.choice == REJECT
    assert sessions.check_receipt(session, "AAAAA-AAAAA") is None
    assert sessions.check_receipt(session, "") is None
    prints = sessions.fingerprints(session)
    assert sessions.fingerprint(sessions.receipt_hash(code)) in prints[second.pk]
    assert len(prints[first.pk]) == 1


def test_closing_rewrites_the_ballots_with_new_keys_in_a_random_order(people, board, campaign):
    session = opened(people, board, campaign)
    first, second = session.items.order_by("order")
    codes = [sessions.cast_ballot(session, first, seat, APPROVE) for seat in board.seats[:4]]
    before = set(Ballot.objects.filter(item__session=session).values_list("id", flat=True))
    session = sessions.close_session(people.council_chair, session)
    after = set(Ballot.objects.filter(item__session=session).values_list("id", flat=True))
    assert len(after) == 4 and not before & after
    assert all(sessions.check_receipt(session, code).item == first for code in codes)


# --- Minutes -------------------------------------------------------------------------------------


def test_minutes_record_attendance_tallies_opinions_recusals_and_results(
    client_for, people, board, campaign
):
    absent = board.others[0]
    session = schedule(people, board, campaign, board.nominations[:1])
    attend(people, session, board.seats, absent=[absent], reason="Nghỉ phép")
    item = session.items.get()
    sessions.record_opinions(
        people.secretariat, session, absent, {item.pk: (APPROVE, "Đồng ý với tờ trình")}
    )
    sessions.open_session(people.council_chair, session)
    sessions.recuse(session, item, board.others[1], "Người nhà làm việc tại đơn vị")
    voters = [board.chair, board.member, board.secretary, *board.others[2:4]]
    vote_all(session, item, voters, [APPROVE, APPROVE, APPROVE, APPROVE, REJECT])
    sessions.close_session(people.council_chair, session)
    session = refresh(session)

    context = sessions.minutes(session)
    assert [a.member for a in context["absent"]] == [absent]
    assert context["chair"] == board.chair and context["secretary"] == board.secretary
    row = context["items"][0]
    assert [o.member for o in row.opinions] == [absent]
    assert [p.member for p in row.recusals] == [board.others[1]]
    assert row.total_approvals == 5 and row.item.passed

    html = client_for(people.council_member).get(reverse("session_minutes", args=[session.pk]))
    text = html.content.decode()
    for expected in (
        session.place,
        "Nghỉ phép",
        absent.person.full_name,
        "Đồng ý với tờ trình",
        "Người nhà làm việc tại đơn vị",
        board.chair.person.full_name,
        board.secretary.person.full_name,
        board.nominations[0].nominee_name,
        timezone.localtime(session.opened_at).strftime("%d/%m/%Y"),
        # Minutes read "bế mạc vào lúc 09 giờ 30 phút": the official way to write a time.
        timezone.localtime(session.closed_at).strftime("%H giờ %M phút"),
    ):
        assert expected in text, expected


# --- Screens -------------------------------------------------------------------------------------


@pytest.fixture
def stages(people, board, campaign, orgs, majority_form):
    """A scheduled, an open and a closed session of the same council."""
    scheduled = schedule(people, board, campaign, board.nominations[:1])
    attend(people, scheduled, board.seats, absent=board.others[:1])
    open_ = opened(people, board, campaign, nominations=board.nominations[1:])
    third = nominate(campaign, orgs.division, majority_form, "Hộ ông Nguyễn Văn Bình")
    closed = opened(people, board, campaign, nominations=[third])
    sessions.close_session(people.council_chair, closed)
    return SimpleNamespace(scheduled=scheduled, open=open_, closed=closed)


def _personas(people, board):
    return {
        "office": people.secretariat,
        "admin": people.admin,
        "chair": people.council_chair,
        "member": people.council_member,
        "bystander": board.bystander,
        "staff": people.staff,
        "outsider": people.outsider,
    }


#                office admin chair member bystander staff outsider
OFFICE_ONLY = (200, 200, 403, 403, 403, 403, 404)
COUNCIL_READ = (200, 200, 200, 200, 200, 403, 404)
VOTERS = (403, 403, 200, 200, 403, 403, 404)
CHAIR_ONLY = (403, 403, 200, 403, 403, 403, 404)

MATRIX = [
    ("council_list", lambda s, b, o: [], (200, 200, 403, 403, 403, 403, 200)),
    ("council_manage", lambda s, b, o: [o.department.pk], OFFICE_ONLY),
    ("council_member_edit", lambda s, b, o: [b.member.pk], OFFICE_ONLY),
    ("session_create", lambda s, b, o: [o.department.pk], OFFICE_ONLY),
    ("session_list", lambda s, b, o: [], (200, 200, 200, 200, 200, 403, 200)),
    ("session_detail", lambda s, b, o: [s.scheduled.pk], COUNCIL_READ),
    ("session_detail", lambda s, b, o: [s.open.pk], COUNCIL_READ),
    ("session_edit", lambda s, b, o: [s.scheduled.pk], OFFICE_ONLY),
    ("session_agenda", lambda s, b, o: [s.scheduled.pk], OFFICE_ONLY),
    ("session_attendance", lambda s, b, o: [s.scheduled.pk], OFFICE_ONLY),
    ("session_opinions", lambda s, b, o: [s.scheduled.pk, b.others[0].pk], OFFICE_ONLY),
    ("session_vote", lambda s, b, o: [s.open.pk], VOTERS),
    ("session_close", lambda s, b, o: [s.open.pk], CHAIR_ONLY),
    ("session_results", lambda s, b, o: [s.closed.pk], COUNCIL_READ),
    ("session_minutes", lambda s, b, o: [s.closed.pk], COUNCIL_READ),
]


@pytest.mark.parametrize(("name", "args", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_permission_matrix(client, people, board, orgs, stages, name, args, expected):
    url = reverse(name, args=args(stages, board, orgs))
    for (persona, user), status in zip(_personas(people, board).items(), expected, strict=True):
        client.force_login(user)
        assert client.get(url).status_code == status, (persona, url)


POST_MATRIX = [
    # (url name, args, persona allowed → 302, everyone else 403 / outsider 404)
    ("session_open", lambda s, b, o: [s.scheduled.pk], "chair"),
    ("session_item_remove", lambda s, b, o: [s.scheduled.pk, s.scheduled.items.get().pk], "office"),
    ("council_member_remove", lambda s, b, o: [b.others[5].pk], "office"),
]


@pytest.mark.parametrize(("name", "args", "allowed"), POST_MATRIX, ids=[m[0] for m in POST_MATRIX])
def test_actions_refuse_everyone_but_their_role(
    client, people, board, orgs, stages, name, args, allowed
):
    url = reverse(name, args=args(stages, board, orgs))
    for persona in ("member", "bystander", "staff", "outsider", "office", "chair"):
        if persona == allowed:
            continue
        client.force_login(_personas(people, board)[persona])
        expected = 404 if persona == "outsider" else 403
        assert client.post(url).status_code == expected, persona
    client.force_login(_personas(people, board)[allowed])
    assert client.post(url).status_code == 302


def test_member_votes_all_items_in_one_form_and_sees_the_codes_once(
    client_for, people, board, campaign
):
    session = opened(people, board, campaign)
    first, second = session.items.order_by("order")
    client = client_for(people.council_member)
    url = reverse("session_vote", args=[session.pk])
    response = client.post(
        url,
        {
            f"choice_{first.pk}": APPROVE,
            f"choice_{second.pk}": "recuse",
            f"reason_{second.pk}": "Tôi là thủ trưởng đơn vị",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = re.findall(r"data-receipt>([A-Z2-9]{5}-[A-Z2-9]{5})<", response.content.decode())
    assert len(codes) == 1
    assert Participation.objects.filter(member=board.member).count() == 2
    # The page shows what they took part in, never the code again nor the choice.
    page = client.get(url).content.decode()
    assert codes[0] not in page
    assert 'type="radio"' not in page
    # Voting again on a voted item is refused with a message, nothing changes.
    again = client.post(url, {f"choice_{first.pk}": REJECT})
    assert again.status_code == 200
    assert Ballot.objects.filter(item=first).count() == 1


def test_member_votes_one_item_with_its_own_button(client_for, people, board, campaign):
    session = opened(people, board, campaign)
    first, second = session.items.order_by("order")
    client = client_for(people.council_member)
    response = client.post(
        reverse("session_vote", args=[session.pk]),
        {f"choice_{first.pk}": APPROVE, f"choice_{second.pk}": REJECT, "only": str(second.pk)},
    )
    assert response.status_code == 200
    assert list(
        Participation.objects.filter(member=board.member).values_list("item_id", flat=True)
    ) == [second.pk]


def test_recusing_without_a_reason_is_a_form_error(client_for, people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.first()
    response = client_for(people.council_member).post(
        reverse("session_vote", args=[session.pk]), {f"choice_{item.pk}": "recuse"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Participation.objects.exists()


def test_no_page_shows_a_tally_while_open(client_for, people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.first()
    for seat in board.seats[:7]:
        sessions.cast_ballot(session, item, seat, APPROVE)
    for user in (people.admin, people.council_chair, people.secretariat):
        client = client_for(user)
        detail = client.get(reverse("session_detail", args=[session.pk]))
        assert detail.status_code == 200
        row = detail.context["items"][0]
        assert row.approvals is None and row.passed is None
        assert row.took_part == 7  # participation only
        results = client.get(reverse("session_results", args=[session.pk]))
        assert results.status_code == 302
        minutes = client.get(reverse("session_minutes", args=[session.pk]))
        assert minutes.status_code == 302


def test_results_page_checks_a_receipt(client_for, people, board, campaign):
    session = opened(people, board, campaign)
    item = session.items.first()
    code = sessions.cast_ballot(session, item, board.member, REJECT)
    sessions.close_session(people.council_chair, session)
    client = client_for(people.council_member)
    url = reverse("session_results", args=[session.pk])
    page = client.get(url)
    assert sessions.fingerprint(sessions.receipt_hash(code)) in page.content.decode()
    found = client.post(url, {"code": code})
    assert found.context["found"].choice == REJECT
    assert found.context["found"].item == item
    missing = client.post(url, {"code": "ZZZZZ-ZZZZZ"})
    assert missing.context["found"] is None and missing.context["checked"]


def test_office_builds_the_agenda_and_records_attendance_through_the_screens(
    client_for, people, board, campaign
):
    client = client_for(people.secretariat)
    form = client.get(reverse("session_create", args=[board.council.organization_id]))
    # One campaign under way: chosen already.
    assert form.context["form"].initial["campaign"] == campaign.pk
    response = client.post(
        reverse("session_create", args=[board.council.organization_id]),
        {
            "campaign": campaign.pk,
            "title": "Phiên họp tháng 12",
            "scheduled_at_0": "20/12/2026",
            "scheduled_at_1": "08:00",
            "place": "Phòng họp số 1",
        },
    )
    session = Session.objects.get(title="Phiên họp tháng 12")
    assert response.status_code == 302
    client.post(
        reverse("session_agenda", args=[session.pk]),
        {"nominations": [n.pk for n in board.nominations]},
    )
    assert session.items.count() == 2
    data = {f"status_{m.pk}": "present" for m in board.seats}
    data[f"status_{board.others[0].pk}"] = "absent"
    data[f"reason_{board.others[0].pk}"] = "Ốm"
    assert client.post(reverse("session_attendance", args=[session.pk]), data).status_code == 302
    assert Attendance.objects.get(session=session, member=board.others[0]).absence_reason == "Ốm"
    item = session.items.first()
    client.post(
        reverse("session_opinions", args=[session.pk, board.others[0].pk]),
        {f"choice_{item.pk}": APPROVE, f"note_{item.pk}": "Nhất trí"},
    )
    assert WrittenOpinion.objects.get(item=item).choice == APPROVE
    # A bad value changes nothing and is not a 500.
    bad = client.post(
        reverse("session_opinions", args=[session.pk, board.others[0].pk]),
        {f"choice_{item.pk}": "maybe"},
    )
    assert bad.status_code == 200 and WrittenOpinion.objects.get(item=item).choice == APPROVE
    incomplete = client.post(reverse("session_attendance", args=[session.pk]), {})
    assert incomplete.status_code == 200


def test_chair_opens_and_closes_through_the_screens(client_for, people, board, campaign):
    session = schedule(people, board, campaign)
    attend(people, session, board.seats)
    client = client_for(people.council_chair)
    client.post(reverse("session_open", args=[session.pk]))
    assert refresh(session).status == Session.Status.OPEN
    assert client.get(reverse("session_close", args=[session.pk])).status_code == 200
    response = client.post(reverse("session_close", args=[session.pk]))
    assert response.status_code == 302
    assert refresh(session).status == Session.Status.CLOSED
    assert {refresh(n).status for n in board.nominations} == {STATUS.NOT_PASSED}


def test_home_and_council_page_invite_present_members_to_vote(client_for, people, board, campaign):
    session = opened(people, board, campaign)
    client = client_for(people.council_member)
    home = client.get(reverse("home")).content.decode()
    assert reverse("session_vote", args=[session.pk]) in home
    page = client.get(reverse("dashboard_council")).content.decode()
    assert reverse("session_vote", args=[session.pk]) in page
    assert board.nominations[0].nominee_name in page
    office_home = client_for(people.secretariat).get(reverse("home")).content.decode()
    assert reverse("session_list") in office_home


# --- Query budgets -------------------------------------------------------------------------------


def _big_board(orgs, people, campaign, majority_form, seats, items):
    council = Council.objects.create(organization=orgs.department, name="HĐ", size=seats)
    members = [
        CouncilMember.objects.create(
            council=council, person=person_of(people.council_chair), role="chair"
        ),
        CouncilMember.objects.create(
            council=council, person=person_of(people.council_member), role="member"
        ),
    ]
    for n in range(seats - 2):
        user = make_member(Role.COUNCIL_MEMBER, orgs.department, username=f"tv{seats}-{n}")
        members.append(
            CouncilMember.objects.create(council=council, person=person_of(user), role="member")
        )
    units = [OrganizationFactory(parent=orgs.department) for _ in range(items)]
    nominations = [nominate(campaign, u, majority_form, f"Đơn vị {u.pk}") for u in units]
    board = SimpleNamespace(council=council, seats=members, nominations=nominations)
    session = opened(people, board, campaign, absent=members[-1:])
    for item in session.items.all()[:2]:
        sessions.cast_ballot(session, item, members[1], APPROVE)
    return session


def test_council_page_shows_the_first_items_of_a_long_agenda_and_counts_the_rest(
    client_for, orgs, people, campaign, majority_form
):
    from awards.hooks_sessions import AGENDA_PREVIEW

    session = _big_board(orgs, people, campaign, majority_form, 5, AGENDA_PREVIEW + 3)
    page = client_for(people.council_member).get(reverse("dashboard_council"))
    html = page.content.decode()
    items = list(session.items.order_by("order", "pk").select_related("nomination"))
    assert f">{items[AGENDA_PREVIEW - 1].nomination.nominee_name}</a>" in html
    assert f">{items[AGENDA_PREVIEW].nomination.nominee_name}</a>" not in html
    assert "3 hồ sơ khác" in html or "3 more items" in html
    # Left to vote counts the whole agenda, not the items shown (two were voted).
    assert f">{AGENDA_PREVIEW + 3 - 2}</span>" in html


@pytest.mark.parametrize(("seats", "items"), [(5, 2), (30, 25)])
def test_session_pages_use_a_bounded_number_of_queries(
    client_for, orgs, people, campaign, majority_form, seats, items, django_assert_max_num_queries
):
    session = _big_board(orgs, people, campaign, majority_form, seats, items)
    member = client_for(people.council_member)
    # session, user, memberships, session+council+campaign, seat, items, members, attendance,
    # my participation, participation counts, opinions, quorum forms (+ home badge/navigation)
    with django_assert_max_num_queries(16):
        assert member.get(reverse("session_detail", args=[session.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert member.get(reverse("session_vote", args=[session.pk])).status_code == 200
    office = client_for(people.secretariat)
    with django_assert_max_num_queries(14):
        assert office.get(reverse("session_agenda", args=[session.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert office.get(reverse("session_attendance", args=[session.pk])).status_code == 200
    member = client_for(people.council_member)  # one test client: log the member back in
    with django_assert_max_num_queries(12):
        assert member.get(reverse("dashboard_council")).status_code == 200
    sessions.close_session(people.council_chair, session)
    with django_assert_max_num_queries(14):
        assert member.get(reverse("session_minutes", args=[session.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert member.get(reverse("session_results", args=[session.pk])).status_code == 200
