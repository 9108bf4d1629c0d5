"""The province-scale data set (campaign/scale.py, `manage.py seed_scale`) at a tiny size, and a
smoke run of the dashboard benchmark (bench/dashboard.py) on it."""

import datetime
import io
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F

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

TINY = scale.ScaleConfig(
    seed=7, units=5, projects=3, tasks=8, indicators_per_task=2, years=1, council=3, obstacles=10
)


@pytest.fixture
def tiny(db):
    return scale.build(TINY)


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
    ]
    assert texts
    assert all(unicodedata.normalize("NFC", text) == text for text in texts)
    source = Path(scale.__file__).read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", source) == source


def test_a_single_summary_audit_event_is_written(tiny):
    events = AuditEvent.objects.all()
    assert list(events.values_list("action", flat=True)) == ["campaign.scale.seeded"]
    assert events.get().data["config"]["units"] == 5


# --- Determinism, refusal, reset ----------------------------------------------------------------


def test_the_same_seed_gives_the_same_figures_on_any_day(db, time_machine):
    scale.build(TINY)
    first = figures()
    scale.reset()
    time_machine.move_to(datetime.datetime(2031, 7, 9, 15, 30, tzinfo=datetime.UTC))
    scale.build(TINY)
    assert figures() == first


def test_another_seed_gives_other_figures(db):
    scale.build(TINY)
    first = figures()
    scale.reset()
    scale.build(scale.ScaleConfig(**{**TINY.__dict__, "seed": 8}))
    assert figures()["values"] != first["values"]


def test_refuses_to_build_twice_without_reset(tiny):
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
        stdout=out,
    )
    assert ProgressReport.objects.count() == before
    assert Organization.objects.filter(code=scale.PROVINCE_CODE).count() == 1
    text = out.getvalue()
    assert "campaign.IndicatorValue" in text
    assert "scale.vanphong" in text


def test_command_rejects_impossible_sizes(db):
    with pytest.raises(CommandError):
        call_command("seed_scale", "--units", "5", "--tasks", "3", stdout=io.StringIO())
    assert not scale.scale_exists()


def test_reset_deletes_only_the_scale_tree(tiny, orgs, people, campaign):
    other_units = Organization.objects.exclude(code__startswith="scale-").count()
    deleted = scale.reset()
    assert deleted["campaign.IndicatorValue"] > 0
    assert not Organization.objects.filter(code__startswith="scale-").exists()
    assert not get_user_model().objects.filter(username__startswith="scale.").exists()
    assert not Campaign.objects.filter(code=TINY.campaign_code).exists()
    assert not ProgressReport.objects.exists()
    # The rest of the database is untouched.
    assert Organization.objects.count() == other_units
    assert Campaign.objects.filter(pk=campaign.pk).exists()
    assert get_user_model().objects.filter(pk=people.secretariat.pk).exists()
    assert AuditEvent.objects.filter(action="campaign.scale.reset").count() == 1
    assert scale.reset() == Counter()  # nothing left to delete


def test_report_counts_of_every_period(tiny):
    counts = (
        ProgressReport.objects.filter(period__campaign=tiny.campaign)
        .values("period__number")
        .annotate(n=Count("pk"))
    )
    assert {row["period__number"] for row in counts} == set(range(1, 13))


# --- The benchmark ------------------------------------------------------------------------------


def test_benchmark_runs_on_the_tiny_data_set(tiny, capsys, settings):
    from bench import dashboard

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, dashboard.HOST]
    assert dashboard.main(["--requests", "2"]) == 0
    out = capsys.readouterr().out
    assert "median ms" in out and "p95 ms" in out
    for name in ("Review queue", "Submission status", "Obstacle register", "My reports (unit)"):
        line = next(line for line in out.splitlines() if line.startswith(name))
        assert "HTTP" not in line and "skipped" not in line
    assert "Report form (unit)" in out
    assert "[ok]" in out  # the verdicts against the targets (not meaningful at this size)


def test_benchmark_says_when_there_is_no_scale_data(db, capsys):
    from bench import dashboard

    assert dashboard.main(["--requests", "1"]) == 2
    assert "seed_scale" in capsys.readouterr().out
