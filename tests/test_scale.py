"""The province-scale data set (campaign/scale.py for the progress data, awards/scale.py for the
awards, `manage.py seed_scale`) at a tiny size, and a smoke run of the dashboard benchmark
(bench/dashboard.py) on it."""

import dataclasses
import datetime
import io
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.db.models import Count, F

from awards import prizes
from awards import scale as awards_scale
from awards.models import (
    Attendance,
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
    Screening,
    Session,
    SessionItem,
    Vote,
    WrittenOpinion,
)
from campaign import scale
from campaign.models import (
    Campaign,
    Indicator,
    IndicatorValue,
    KeyProject,
    Obstacle,
    ProgressReport,
    ReportingPeriod,
    ReportVersion,
    Task,
    TaskReport,
)
from units.models import AuditEvent, Membership, Organization, OrganizationName, Person, Role

TINY = awards_scale.ScaleConfig(
    seed=7,
    units=5,
    projects=3,
    tasks=8,
    indicators_per_task=2,
    years=1,
    council=3,
    obstacles=10,
    nominations=40,
)
# Two years and more nominations: a past year and the last one, every stage of a nomination.
AWARDS = dataclasses.replace(TINY, years=2, nominations=200)
AWARDS_MODELS = (
    Nomination,
    Screening,
    PostingComment,
    Council,
    CouncilMember,
    Session,
    Attendance,
    SessionItem,
    Participation,
    Ballot,
    WrittenOpinion,
    Decision,
    Proposal,
    ProposalItem,
    AwardRecord,
)


@pytest.fixture
def tiny(db):
    return awards_scale.build(TINY)


@pytest.fixture
def awards(db):
    return awards_scale.build(AWARDS)


def figures() -> dict:
    """What the data set says, without primary keys or the time it was written."""

    def rows(queryset, *fields):
        return list(queryset.values_list(*fields).order_by(*fields))

    campaign = scale.scale_campaign()
    tree = Organization.objects.filter(code__startswith="scale-")
    return {
        "organizations": rows(tree, "code", "name", "kind", "abbreviation", "parent__code"),
        "names": rows(
            OrganizationName.objects.filter(organization__in=tree),
            "organization__code",
            "name",
            "valid_from",
            "valid_to",
        ),
        "people": rows(
            Person.objects.filter(organization__in=tree),
            "user__username",
            "full_name",
            "position",
            "sex",
        ),
        "roles": rows(Membership.objects.filter(organization__in=tree), "user__username", "role"),
        "campaign": (campaign.code, campaign.name, campaign.start_date, campaign.end_date),
        "projects": rows(
            KeyProject.objects.filter(organization__in=tree),
            "code",
            "name",
            "land_area_ha",
            "compensation_estimate",
            "handover_deadline",
        ),
        "indicators": rows(
            Indicator.objects.filter(task__campaign=campaign),
            "task__unit__code",
            "task__title",
            "task__start_date",
            "task__deadline",
            "task__project__code",
            "task__content_item__number",
            "order",
            "name",
            "unit_of_measure",
            "kind",
            "target",
        ),
        "reports": rows(
            ProgressReport.objects.filter(period__campaign=campaign),
            "unit__code",
            "period__year",
            "period__number",
            "status",
            "version",
            "created_at",
            "first_submitted_at",
            "submitted_at",
            "reviewed_at",
            "review_comment",
            "general_notes",
        ),
        "values": rows(
            IndicatorValue.objects.filter(report__period__campaign=campaign),
            "report__unit__code",
            "report__period__number",
            "indicator__task__title",
            "indicator__order",
            "indicator__target",
            "value",
        ),
        "task_reports": rows(
            TaskReport.objects.filter(report__period__campaign=campaign),
            "report__unit__code",
            "report__period__number",
            "task__title",
            "done_text",
            "proposals",
        ),
        "obstacles": rows(
            Obstacle.objects.filter(campaign=campaign),
            "unit__code",
            "report__period__number",
            "task__title",
            "description",
            "beyond_authority",
            "status",
            "raised_at",
            "resolved_at",
        ),
        "versions": ReportVersion.objects.filter(report__period__campaign=campaign).count(),
        "nominations": rows(
            Nomination.objects.filter(campaign=campaign),
            "unit__code",
            "year",
            "award_form__code",
            "subject_type",
            "status",
            "nominee_name",
            "created_at",
            "updated_at",
            "posted_from",
        ),
        "items": rows(
            SessionItem.objects.filter(session__campaign=campaign),
            "session__title",
            "order",
            "nomination__nominee_name",
            "approvals",
            "rejections",
            "written_approvals",
            "recusals",
            "passed",
        ),
        "ballots": rows(
            Ballot.objects.filter(item__session__campaign=campaign), "id", "choice", "receipt_hash"
        ),
        "awards": rows(
            AwardRecord.objects.filter(campaign=campaign),
            "recipient_name",
            "decision_number",
            "decision_date",
            "prize_amount",
        ),
    }


# --- What gets built ----------------------------------------------------------------------------


def test_builds_a_separate_province_of_the_requested_size(tiny):
    province = Organization.objects.get(code=scale.PROVINCE_CODE)
    department = Organization.objects.get(code=scale.DEPARTMENT_CODE, parent=province)
    units = Organization.objects.filter(parent=department)
    assert province.name == "UBND tỉnh Mẫu (quy mô)"
    assert department.abbreviation == "SMAU"
    assert units.count() == 5
    assert all(u.path.startswith(department.path) and u.path != department.path for u in units)
    assert OrganizationName.objects.filter(organization__in=units).count() >= 5

    campaign = tiny.campaign
    assert campaign.status == Campaign.Status.PUBLISHED
    assert campaign.issuing_organization == department
    assert (campaign.start_date, campaign.end_date) == (
        datetime.date(2022, 1, 1),
        datetime.date(2022, 12, 31),
    )
    assert campaign.content_items.count() == 5
    assert KeyProject.objects.filter(organization=department).count() == 3
    assert Task.objects.filter(campaign=campaign).count() == 8
    assert Indicator.objects.filter(task__campaign=campaign).count() == 16
    periods = ReportingPeriod.objects.filter(campaign=campaign)
    assert periods.count() == 12
    assert all(p.frequency == ReportingPeriod.Frequency.MONTHLY for p in periods)
    assert tiny.counts["campaign.ProgressReport"] == ProgressReport.objects.count()


def test_every_unit_has_a_task_with_both_kinds_of_indicator_units(tiny):
    units = Organization.objects.filter(parent__code=scale.DEPARTMENT_CODE)
    with_tasks = set(Task.objects.filter(campaign=tiny.campaign).values_list("unit_id", flat=True))
    assert with_tasks == set(units.values_list("pk", flat=True))
    for task in Task.objects.filter(campaign=tiny.campaign):
        assert task.start_date <= task.deadline <= tiny.campaign.end_date
        assert task.start_date >= tiny.campaign.start_date


def test_logins_and_council_members_get_their_roles(tiny):
    User = get_user_model()
    office = User.objects.get(username="scale.vanphong")
    assert office.check_password(scale.PASSWORD)
    assert Membership.objects.filter(user=office, role=Role.SECRETARIAT).exists()
    staff = User.objects.get(username="scale.canbo1")
    head = User.objects.get(username="scale.lanhdao1")
    assert Membership.objects.get(user=staff).role == Role.UNIT_STAFF
    assert Membership.objects.get(user=head).role == Role.UNIT_HEAD
    assert Membership.objects.get(user=staff).organization.code == "scale-u001"
    council = Membership.objects.filter(user__username__startswith="scale.hoidong")
    assert sorted(council.values_list("user__username", "role")) == [
        ("scale.hoidong01", Role.COUNCIL_CHAIR),
        ("scale.hoidong02", Role.COUNCIL_MEMBER),
        ("scale.hoidong03", Role.COUNCIL_MEMBER),
    ]
    assert Person.objects.filter(user__username__startswith="scale.hoidong").count() == 3


def test_one_report_per_unit_and_period_and_only_the_last_two_may_be_missing(tiny):
    periods = list(ReportingPeriod.objects.filter(campaign=tiny.campaign).order_by("start_date"))
    units = Organization.objects.filter(parent__code=scale.DEPARTMENT_CODE)
    per_pair = Counter(
        ProgressReport.objects.filter(period__campaign=tiny.campaign).values_list(
            "period_id", "unit_id"
        )
    )
    assert max(per_pair.values()) == 1
    for period in periods[:-2]:
        for unit in units:
            assert per_pair[(period.pk, unit.pk)] == 1
    earlier = ProgressReport.objects.filter(period__in=periods[:-2])
    assert set(earlier.values_list("status", flat=True)) == {ProgressReport.Status.ACCEPTED}


def test_the_first_units_show_each_state_of_their_latest_report(tiny):
    last = ReportingPeriod.objects.filter(campaign=tiny.campaign).order_by("start_date").last()
    latest = dict(ProgressReport.objects.filter(period=last).values_list("unit__code", "status"))
    assert latest.get("scale-u001") == ProgressReport.Status.DRAFT
    assert latest.get("scale-u002") == ProgressReport.Status.RETURNED
    assert "scale-u003" not in latest  # not started: late
    assert latest.get("scale-u004") == ProgressReport.Status.SUBMITTED
    assert latest.get("scale-u005") == ProgressReport.Status.ACCEPTED


def test_report_dates_and_versions_are_consistent(tiny):
    reports = ProgressReport.objects.filter(period__campaign=tiny.campaign).select_related("period")
    for report in reports:
        if report.status == ProgressReport.Status.DRAFT:
            assert report.first_submitted_at is None and report.version == 0
            continue
        assert report.first_submitted_at >= report.created_at
        assert report.submitted_at >= report.first_submitted_at
        assert report.version in (1, 2)
        assert report.versions.count() == report.version
        if report.status in (ProgressReport.Status.ACCEPTED, ProgressReport.Status.RETURNED):
            assert report.reviewed_at > report.submitted_at
        if report.status == ProgressReport.Status.RETURNED:
            assert report.review_comment


def test_values_belong_to_the_reporting_units_own_indicators(tiny):
    values = IndicatorValue.objects.filter(report__period__campaign=tiny.campaign)
    assert values.exists()
    assert not values.exclude(indicator__task__unit=F("report__unit")).exists()
    # A unit reports only on tasks assigned to it by the end of the period.
    assert not values.filter(indicator__task__start_date__gt=F("report__period__end_date")).exists()
    # Submitted reports have every value; only drafts may have gaps.
    assert (
        not values.filter(value__isnull=True)
        .exclude(report__status=ProgressReport.Status.DRAFT)
        .exists()
    )


def test_cumulative_values_never_decrease(tiny):
    rows = (
        IndicatorValue.objects.filter(
            report__period__campaign=tiny.campaign,
            indicator__kind=Indicator.Kind.CUMULATIVE,
            value__isnull=False,
        )
        .order_by("indicator_id", "report__period__start_date")
        .values_list("indicator_id", "value", "indicator__target")
    )
    last: dict[int, object] = {}
    for indicator_id, value, target in rows:
        assert value >= 0
        assert value <= target * 2
        if indicator_id in last:
            assert value >= last[indicator_id]
        last[indicator_id] = value
    assert last


def test_obstacles_are_raised_in_reports_on_the_units_tasks(tiny):
    obstacles = Obstacle.objects.filter(campaign=tiny.campaign).select_related("report", "task")
    assert obstacles.exists()
    for obstacle in obstacles:
        assert obstacle.report.unit_id == obstacle.unit_id == obstacle.task.unit_id
        if obstacle.status == Obstacle.Status.RESOLVED:
            assert obstacle.resolved_at > obstacle.raised_at
        if obstacle.status != Obstacle.Status.OPEN:
            assert obstacle.owner.username == "scale.vanphong"


def test_stored_text_is_nfc_although_bulk_inserts_skip_the_signal(tiny):
    texts = [
        *Organization.objects.values_list("name", flat=True),
        *Person.objects.values_list("full_name", flat=True),
        *Task.objects.values_list("title", flat=True),
        *Indicator.objects.values_list("name", flat=True),
        *ProgressReport.objects.values_list("general_notes", flat=True),
        *TaskReport.objects.values_list("done_text", flat=True),
        *Obstacle.objects.values_list("description", flat=True),
        *Nomination.objects.values_list("nominee_name", flat=True),
        *Nomination.objects.values_list("summary", flat=True),
        *Nomination.objects.values_list("achievements", flat=True),
        *Nomination.objects.values_list("household_contribution", flat=True),
        *Session.objects.values_list("title", flat=True),
        *AwardRecord.objects.values_list("issuer", flat=True),
    ]
    assert texts
    assert all(unicodedata.normalize("NFC", text) == text for text in texts)
    for module in (scale, awards_scale):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", source) == source


def test_a_single_summary_audit_event_is_written(tiny):
    events = AuditEvent.objects.all()
    assert list(events.values_list("action", flat=True)) == ["campaign.scale.seeded"]
    assert events.get().data["config"]["units"] == 5


# --- Awards -------------------------------------------------------------------------------------


def test_awards_rows_of_the_requested_size(awards):
    campaign = awards.campaign
    assert Nomination.objects.filter(campaign=campaign).count() == AWARDS.nominations
    assert campaign.campaign_award_forms.count() == 4
    council = Council.objects.get(organization=campaign.issuing_organization)
    members = list(council.members.select_related("person__user").order_by("order"))
    assert council.size == len(members) == AWARDS.council
    assert members[0].role == CouncilMember.Role.CHAIR
    assert members[0].person.user.username == "scale.hoidong01"
    assert [m.role for m in members].count(CouncilMember.Role.SECRETARY) == 1
    assert {m.person.user.username for m in members} == {
        f"scale.hoidong{j:02d}" for j in range(1, AWARDS.council + 1)
    }
    subjects = set(Nomination.objects.values_list("subject_type", flat=True))
    assert subjects == {"collective", "individual", "household"}
    years = set(Nomination.objects.values_list("year", flat=True))
    assert years == {2022, 2023}
    assert awards.counts["awards.Nomination"] == AWARDS.nominations


def test_every_stage_of_a_nomination_and_of_a_session_is_present(awards):
    statuses = set(Nomination.objects.values_list("status", flat=True))
    assert statuses == set(Nomination.Status.values)
    assert set(Session.objects.values_list("status", flat=True)) == set(Session.Status.values)
    assert set(Proposal.objects.values_list("status", flat=True)) == {"sent", "answered"}
    outcomes = set(ProposalItem.objects.values_list("outcome", flat=True))
    assert outcomes == set(ProposalItem.Outcome.values)
    # Past years are over: awarded, not passed, rejected or left returned.
    past = set(Nomination.objects.filter(year=2022).values_list("status", flat=True))
    assert past <= {"awarded", "not_passed", "rejected", "returned"}
    # The first unit (scale.canbo1) has every stage of the open round.
    first = set(
        Nomination.objects.filter(unit__code="scale-u001", year=2023).values_list(
            "status", flat=True
        )
    )
    assert {"draft", "submitted", "returned", "accepted", "on_agenda"} <= first


def test_tallies_are_exactly_those_of_the_ballots_and_opinions(awards):
    ballots = defaultdict(Counter)
    for item_id, choice in Ballot.objects.values_list("item_id", "choice"):
        ballots[item_id][choice] += 1
    opinions = defaultdict(Counter)
    for item_id, choice in WrittenOpinion.objects.values_list("item_id", "choice"):
        opinions[item_id][choice] += 1
    kinds = defaultdict(Counter)
    for item_id, kind in Participation.objects.values_list("item_id", "kind"):
        kinds[item_id][kind] += 1
    closed = SessionItem.objects.filter(session__status=Session.Status.CLOSED).select_related(
        "nomination__award_form", "session"
    )
    assert closed.exists()
    for item in closed:
        assert item.approvals == ballots[item.pk][Vote.APPROVE]
        assert item.rejections == ballots[item.pk][Vote.REJECT]
        assert item.written_approvals == opinions[item.pk][Vote.APPROVE]
        assert item.written_rejections == opinions[item.pk][Vote.REJECT]
        assert item.recusals == kinds[item.pk][Participation.Kind.RECUSED]
        # One ballot per member who voted, none for a recusal.
        assert kinds[item.pk][Participation.Kind.VOTED] == sum(ballots[item.pk].values())
        award_form = item.nomination.award_form
        assert item.required == award_form.required_approvals(item.session.members_total)
        assert item.passed == (item.approvals + item.written_approvals >= item.required)
        expected = {"passed", "proposed", "awarded", "rejected"} if item.passed else {"not_passed"}
        assert item.nomination.status in expected
    for item in SessionItem.objects.exclude(session__status=Session.Status.CLOSED):
        assert item.approvals is None and item.passed is None
        assert item.nomination.status == Nomination.Status.ON_AGENDA
    # Only present members take part; absent ones may send written opinions.
    present = set(Attendance.objects.filter(present=True).values_list("session_id", "member_id"))
    for session_id, member_id in Participation.objects.values_list("item__session_id", "member_id"):
        assert (session_id, member_id) in present
    for session_id, member_id in WrittenOpinion.objects.values_list(
        "item__session_id", "member_id"
    ):
        assert (session_id, member_id) not in present
    assert len(set(Ballot.objects.values_list("receipt_hash", flat=True))) == Ballot.objects.count()


def test_the_open_session_waits_for_the_benchmark_member(awards):
    session = Session.objects.get(status=Session.Status.OPEN)
    member = CouncilMember.objects.get(person__user__username="scale.hoidong02")
    assert Attendance.objects.get(session=session, member=member).present
    assert not Participation.objects.filter(item__session=session, member=member).exists()


def test_awards_land_in_the_registry_with_the_prize_of_the_decision_date(awards):
    awarded = Nomination.objects.filter(status=Nomination.Status.AWARDED)
    records = AwardRecord.objects.select_related("award_form", "decision", "proposal")
    assert records.count() == awarded.count() > 0
    assert set(records.values_list("nomination_id", flat=True)) == set(
        awarded.values_list("pk", flat=True)
    )
    for record in records:
        assert record.prize_amount == prizes.prize_amount(
            record.award_form, record.subject_type, record.decision_date
        )
        assert record.year == record.decision_date.year
        assert record.thematic
        if record.source == AwardRecord.Source.DECISION:
            assert record.award_form.decided_internally
            assert record.decision.base_salary == prizes.base_salary_on(record.decision.date).amount
            assert record.decision_number == record.decision.number_symbol
        else:
            assert record.proposal.status == Proposal.Status.ANSWERED
            assert record.decision_date == record.proposal.outcome_date
    assert not ProposalItem.objects.filter(nomination__award_form__decided_internally=True).exists()
    for proposal in Proposal.objects.filter(status=Proposal.Status.SENT):
        assert set(proposal.items.values_list("outcome", flat=True)) == {"pending"}
        assert set(proposal.items.values_list("nomination__status", flat=True)) == {"proposed"}


def test_screenings_and_postings_follow_the_stages(awards):
    screened = Nomination.objects.exclude(status__in=["draft", "submitted"])
    assert Screening.objects.count() == screened.count()
    assert not Screening.objects.filter(nomination__status__in=["draft", "submitted"]).exists()
    assert not Nomination.objects.filter(status="draft", submitted_at__isnull=False).exists()
    returned = Nomination.objects.filter(status=Nomination.Status.RETURNED)
    assert all(n.return_reason for n in returned)
    # Posting only for the forms that require it; one is on posting on the data set's day.
    posted = Nomination.objects.filter(posted_from__isnull=False)
    assert posted.exists()
    assert not posted.filter(award_form__requires_public_posting=False).exists()
    day = awards_scale.as_of(2023)
    assert posted.filter(status="accepted", posted_from__lte=day, posted_until__gte=day).exists()
    # An agenda item's posting was over before its session.
    for item in SessionItem.objects.filter(nomination__posted_until__isnull=False).select_related(
        "nomination", "session"
    ):
        assert item.nomination.posted_until < item.session.scheduled_at.date()


def test_decision_and_proposal_numbers_run_per_year(awards):
    for model in (Decision, Proposal):
        by_year = defaultdict(list)
        for year, number in model.objects.values_list("year", "number"):
            by_year[year].append(number)
        assert by_year
        for numbers in by_year.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))


# --- Determinism, refusal, reset ----------------------------------------------------------------


def test_the_same_seed_gives_the_same_figures_on_any_day(db, time_machine):
    awards_scale.build(TINY)
    first = figures()
    awards_scale.reset()
    time_machine.move_to(datetime.datetime(2031, 7, 9, 15, 30, tzinfo=datetime.UTC))
    awards_scale.build(TINY)
    assert figures() == first


def test_another_seed_gives_other_figures(db):
    awards_scale.build(TINY)
    first = figures()
    awards_scale.reset()
    awards_scale.build(dataclasses.replace(TINY, seed=8))
    second = figures()
    assert second["values"] != first["values"]
    assert second["ballots"] != first["ballots"]


def test_the_awards_draw_after_the_progress_data_which_keeps_its_figures(db):
    """Adding the awards did not change a progress figure of the same seed."""
    scale.build(TINY)  # campaign.scale alone: no extension, no awards
    alone = figures()
    assert not alone["nominations"]
    scale.reset()
    awards_scale.build(TINY)
    with_awards = figures()
    for key in ("organizations", "people", "indicators", "reports", "values", "obstacles"):
        if key == "people":  # the awards add the individuals they nominate
            assert set(alone[key]) <= set(with_awards[key])
            continue
        assert with_awards[key] == alone[key]


def test_refuses_to_build_twice_without_reset(tiny):
    with pytest.raises(scale.ScaleExists):
        awards_scale.build(TINY)
    with pytest.raises(scale.ScaleExists):
        scale.build(TINY)
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_scale", "--units", "5", "--tasks", "8", stdout=io.StringIO())
    assert Organization.objects.filter(code=scale.PROVINCE_CODE).count() == 1


def test_command_with_reset_rebuilds_and_reports_its_steps(tiny):
    before = ProgressReport.objects.count()
    out = io.StringIO()
    call_command(
        "seed_scale",
        "--reset",
        "--seed",
        "7",
        "--units",
        "5",
        "--projects",
        "3",
        "--tasks",
        "8",
        "--indicators-per-task",
        "2",
        "--years",
        "1",
        "--council",
        "3",
        "--obstacles",
        "10",
        "--nominations",
        "40",
        stdout=out,
    )
    assert ProgressReport.objects.count() == before
    assert Nomination.objects.count() == 40
    assert Organization.objects.filter(code=scale.PROVINCE_CODE).count() == 1
    text = out.getvalue()
    assert "campaign.IndicatorValue" in text
    assert "awards.Ballot" in text
    assert "scale.vanphong" in text


def test_command_rejects_impossible_sizes(db):
    with pytest.raises(CommandError):
        call_command("seed_scale", "--units", "5", "--tasks", "3", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command(
            "seed_scale",
            "--units",
            "5",
            "--tasks",
            "8",
            "--nominations",
            "-1",
            stdout=io.StringIO(),
        )
    assert not scale.scale_exists()


def test_reset_deletes_only_the_scale_tree(tiny, orgs, people, campaign):
    other_units = Organization.objects.exclude(code__startswith="scale-").count()
    assert Session.objects.filter(status=Session.Status.CLOSED).exists()
    deleted = awards_scale.reset()
    assert deleted["campaign.IndicatorValue"] > 0
    for model in AWARDS_MODELS:
        assert not model.objects.exists(), model
    # (A council of 3 has nobody absent, hence no written opinions, at this size.)
    for model in (Nomination, Screening, Session, SessionItem, Ballot, AwardRecord, Council):
        assert deleted[model._meta.label] > 0, model
    assert not Organization.objects.filter(code__startswith="scale-").exists()
    assert not get_user_model().objects.filter(username__startswith="scale.").exists()
    assert not Campaign.objects.filter(code=TINY.campaign_code).exists()
    assert not ProgressReport.objects.exists()
    # The rest of the database is untouched.
    assert Organization.objects.count() == other_units
    assert Campaign.objects.filter(pk=campaign.pk).exists()
    assert get_user_model().objects.filter(pk=people.secretariat.pk).exists()
    assert AuditEvent.objects.filter(action="campaign.scale.reset").count() == 1
    assert awards_scale.reset() == Counter()  # nothing left to delete


def test_reset_puts_the_closed_session_guards_back(tiny):
    awards_scale.reset()
    awards_scale.build(TINY)
    ballot = Ballot.objects.filter(item__session__status=Session.Status.CLOSED).first()
    item = SessionItem.objects.filter(session__status=Session.Status.CLOSED).first()
    for change in (ballot.delete, item.delete, item.session.delete):
        with pytest.raises(IntegrityError), transaction.atomic():
            change()
    assert Ballot.objects.filter(pk=ballot.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_guards_are_lifted_only_inside_a_transaction():
    # Outside a transaction the triggers would stay off if anything failed half-way.
    with pytest.raises(RuntimeError), awards_scale._closed_session_guards_lifted():
        pass  # pragma: no cover


def test_reset_deletes_a_nomination_of_a_scale_unit_in_another_campaign(tiny, campaign):
    """A nomination of another campaign that names a scale unit goes with the tree."""
    unit = Organization.objects.get(code="scale-u001")
    other = Nomination.objects.filter(campaign=tiny.campaign).first()
    Nomination.objects.filter(pk=other.pk).update(campaign=campaign)
    awards_scale.reset()
    assert not Nomination.objects.filter(unit=unit).exists()
    assert not Nomination.objects.exists()


def test_report_counts_of_every_period(tiny):
    counts = (
        ProgressReport.objects.filter(period__campaign=tiny.campaign)
        .values("period__number")
        .annotate(n=Count("pk"))
    )
    assert {row["period__number"] for row in counts} == set(range(1, 13))


# --- The benchmark ------------------------------------------------------------------------------


AWARD_PAGES = (
    "Screening queue",
    "Nominations (unit)",
    "Nominations by status (campaign)",
    "Council sessions",
    "Session results (closed)",
    "Session minutes (closed)",
    "Session vote (member)",
    "Award decisions",
    "Award decision ",
    "Award registry ",
    "Award registry: search “nguyen”",
    "Award registry totals",
    "Public posting (campaign)",
    "Public awardees (campaign)",
)


def test_benchmark_runs_on_the_tiny_data_set(awards, capsys, settings):
    from bench import dashboard

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, dashboard.HOST]
    assert dashboard.main(["--requests", "2"]) == 0
    out = capsys.readouterr().out
    assert "median ms" in out and "p95 ms" in out
    names = ("Review queue", "Submission status", "Obstacle register", "My reports (unit)")
    for name in (*names, "Office dashboard ", *AWARD_PAGES):
        line = next(line for line in out.splitlines() if line.startswith(name))
        assert "HTTP" not in line and "skipped" not in line, line
    assert "Report form (unit)" in out
    assert "as on 15/12/2023" in out  # the posting page is requested on the data set's day
    assert "200 nominations" in out
    assert "[ok]" in out  # the verdicts against the targets (not meaningful at this size)


def test_benchmark_lists_the_public_posting_of_the_data_sets_day(awards, settings):
    from django.test import Client

    from bench import dashboard

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, dashboard.HOST]
    page = next(
        p
        for p in dashboard.pages_for(awards.campaign, "scale.vanphong", "scale.canbo1", "x")
        if p.url_name == "posting_campaign"
    )
    row = dashboard.measure(page, Client(), dashboard.resolve(page), 1, awards.campaign, 10)
    assert row.status == 200 and row.note.startswith("as on")
    posted = Nomination.objects.filter(status="accepted", posted_from__isnull=False).first()
    import time_machine

    with time_machine.travel(datetime.datetime(2023, 12, 15, 9, tzinfo=datetime.UTC)):
        response = Client().get(dashboard.resolve(page), secure=True, HTTP_HOST=dashboard.HOST)
    assert posted.nominee_name in response.content.decode()


def test_benchmark_says_when_there_is_no_scale_data(db, capsys):
    from bench import dashboard

    assert dashboard.main(["--requests", "1"]) == 2
    assert "seed_scale" in capsys.readouterr().out


def test_reset_deletes_the_documents_of_the_scale_campaign_first(tiny, settings, tmp_path):
    """Report jobs protect their campaign, session and decision: without the reports app's
    reset hook `seed_scale --reset` failed once a document had been produced at scale."""
    from django.core.files.base import ContentFile

    from reports.models import Kind, ReportFile, ReportJob

    settings.MEDIA_ROOT = tmp_path
    campaign = Campaign.objects.get(code=TINY.campaign_code)
    closed = Session.objects.filter(campaign=campaign, status=Session.Status.CLOSED).first()
    job = ReportJob.objects.create(
        kind=Kind.MINUTES, campaign=campaign, session=closed, status=ReportJob.Status.SUCCEEDED
    )
    output = ReportFile(job=job, document_key="k", version=1, filename="bb.pdf", size=4)
    output.file.save("bb.pdf", ContentFile(b"%PDF"), save=False)
    output.save()
    path = output.file.path

    deleted = awards_scale.reset()
    assert deleted["reports.ReportJob"] == 1 and deleted["reports.ReportFile"] == 1
    assert not ReportJob.objects.exists()
    assert not Campaign.objects.filter(code=TINY.campaign_code).exists()
    import os

    assert not os.path.exists(path)
