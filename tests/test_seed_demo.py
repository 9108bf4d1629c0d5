"""`manage.py seed_demo`: idempotent, complete for both seed plans, one login per role, and a
deterministic progress history for both campaigns in which every report state of issue 3
occurs (Hà Nam's tasks without a content item: its plan has none on record)."""

import datetime
import io
import unicodedata
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from awards.management.commands.seed_demo import DEMO_PASSWORD
from awards.models import BaseSalary
from campaign import seed_data
from campaign.models import (
    AwardForm,
    Campaign,
    Indicator,
    IndicatorValue,
    KeyProject,
    LegalDocument,
    Obstacle,
    PlanStatement,
    ProgressReport,
    Reminder,
    ReportingPeriod,
    ReportVersion,
    SubjectType,
    Task,
)
from campaign.reporting import accept_report, compare_versions, snapshot, submit_report
from units.models import AuditEvent, Membership, Organization, OrganizationName, Role

from .seedtext import SEED_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _seeded_once(django_db_setup, django_db_blocker):
    """Seeding takes seconds, so it runs once for the module, inside a transaction that each
    test's own transaction nests in (a savepoint) and that is rolled back at the end. The tests
    that need an empty database live in test_seed_demo_fresh.py."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        seed()
        yield
        transaction.set_rollback(True)


LS_CODE = "ls-stnmt-gpmb-2022-2025"
HN_CODE = "hn-ubnd-gpmb-2023-2025"

EXPECTED_LOGINS = {
    "ls.canbo": (Role.UNIT_STAFF, "qldd-stnmt-lang-son"),
    "ls.canbo2": (Role.UNIT_STAFF, "ttptqd-stnmt-lang-son"),
    "ls.lanhdao": (Role.UNIT_HEAD, "qldd-stnmt-lang-son"),
    "ls.vanphong": (Role.SECRETARIAT, "stnmt-lang-son"),
    "ls.hoidong": (Role.COUNCIL_MEMBER, "stnmt-lang-son"),
    "ls.chutich": (Role.COUNCIL_CHAIR, "stnmt-lang-son"),
    "ls.quantri": (Role.ADMINISTRATOR, "ubnd-lang-son"),
    "hn.canbo": (Role.UNIT_STAFF, "ubnd-phu-ly"),
    "hn.canbo2": (Role.UNIT_STAFF, "ubnd-thanh-liem"),
    "hn.lanhdao": (Role.UNIT_HEAD, "ubnd-phu-ly"),
    "hn.vanphong": (Role.SECRETARIAT, "ubnd-ha-nam"),
    "hn.hoidong": (Role.COUNCIL_MEMBER, "ubnd-ha-nam"),
    "hn.chutich": (Role.COUNCIL_CHAIR, "ubnd-ha-nam"),
    "hn.quantri": (Role.ADMINISTRATOR, "ubnd-ha-nam"),
}


def seed(**options):
    call_command("seed_demo", quiet=True, stderr=io.StringIO(), **options)


def model_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def statements(campaign, kind):
    return list(campaign.plan_statements.filter(kind=kind).values_list("text", flat=True))


# --- Idempotence ---------------------------------------------------------------------------------


def test_second_run_changes_no_count_and_no_row():
    counts = model_counts()
    stamps = dict(Campaign.objects.values_list("code", "updated_at"))
    passwords = dict(get_user_model().objects.values_list("username", "password"))
    seed()
    seed(update=True)
    assert model_counts() == counts
    assert dict(Campaign.objects.values_list("code", "updated_at")) == stamps
    assert dict(get_user_model().objects.values_list("username", "password")) == passwords


def test_rerun_keeps_edits_unless_update_is_given():
    AwardForm.objects.filter(code="giay-khen-giam-doc-so").update(
        individual_coefficient=Decimal("0.4")
    )
    user = get_user_model().objects.get(username="ls.canbo")
    user.set_password("DoiMatKhau@1")
    user.save()

    seed()
    assert AwardForm.objects.get(code="giay-khen-giam-doc-so").individual_coefficient == Decimal(
        "0.4"
    )
    seed(update=True)
    assert AwardForm.objects.get(code="giay-khen-giam-doc-so").individual_coefficient == Decimal(
        "0.3"
    )
    user.refresh_from_db()
    assert user.check_password("DoiMatKhau@1")


def test_prints_logins_table_unless_quiet():
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    for username in EXPECTED_LOGINS:
        assert username in text
    assert "Cán bộ đơn vị" in text and "Chủ tịch Hội đồng" in text
    assert DEMO_PASSWORD in text

    quiet = io.StringIO()
    call_command("seed_demo", quiet=True, stdout=quiet, stderr=io.StringIO())
    assert quiet.getvalue() == ""


def test_every_seeded_row_is_valid():
    for label in ("units", "campaign", "awards"):
        for model in apps.get_app_config(label).get_models():
            for obj in model._default_manager.all():
                obj.full_clean()


def test_seed_data_is_nfc():
    def walk(value):
        if isinstance(value, str):
            assert unicodedata.normalize("NFC", value) == value, value[:60]
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for name in dir(seed_data):
        if name.isupper():
            walk(getattr(seed_data, name))


# --- Master data ---------------------------------------------------------------------------------


def test_award_forms_follow_legal_md():
    forms = {form.code: form for form in AwardForm.objects.all()}
    assert list(AwardForm.objects.values_list("code", flat=True)) == [
        "huan-chuong-lao-dong-hang-ba",
        "bang-khen-thu-tuong-chinh-phu",
        "bang-khen-chu-tich-ubnd-tinh",
        "giay-khen-giam-doc-so",
    ]
    medal = forms["huan-chuong-lao-dong-hang-ba"]
    assert medal.authority == AwardForm.Authority.PRESIDENT
    assert (medal.individual_coefficient, medal.collective_coefficient) == (
        Decimal("4.5"),
        Decimal("9.0"),
    )
    assert medal.requires_public_posting and medal.posting_working_days == 10
    assert medal.min_campaign_years == 5
    assert [f.decided_internally for f in forms.values()] == [False, False, False, True]
    for form in forms.values():
        assert form.household_multiplier == Decimal("1.5")
        assert form.quorum_percent == Decimal("80")
        assert form.required_approvals(9) == 5  # more than half of all 9 members
        assert form.proposal_path


def test_base_salary_worked_example():
    salary = BaseSalary.objects.in_force_on(datetime.date(2024, 12, 15))
    assert salary.amount == 2_340_000
    giay_khen = AwardForm.objects.get(code="giay-khen-giam-doc-so")
    assert giay_khen.individual_coefficient * salary.amount == 702_000
    assert BaseSalary.objects.in_force_on(datetime.date(2023, 7, 1)).amount == 1_800_000
    future = BaseSalary.objects.get(effective_from=datetime.date(2026, 7, 1))
    assert future.amount == 2_530_000 and not future.verified


def test_legal_documents():
    decree = LegalDocument.objects.get(number="152/2025/NĐ-CP")
    assert decree.issued_on == datetime.date(2025, 6, 14)
    assert decree.effective_from == datetime.date(2025, 7, 1)
    law = LegalDocument.objects.get(number="06/2022/QH15")
    assert law.effective_from == datetime.date(2024, 1, 1) and law.issued_on is None
    assert LegalDocument.objects.filter(
        number="174/KH-UBND", issued_on=datetime.date(2022, 8, 4)
    ).exists()
    assert LegalDocument.objects.count() == len(seed_data.LEGAL_DOCUMENTS)


# --- Organizations -------------------------------------------------------------------------------


def test_stnmt_name_history_and_successor():
    stnmt = Organization.objects.get(code="stnmt-lang-son")
    snnmt = Organization.objects.get(code="snnmt-lang-son")
    assert stnmt.name_on(datetime.date(2024, 6, 1)) == "Sở Tài nguyên và Môi trường"
    assert stnmt.abbreviation_on(datetime.date(2024, 6, 1)) == "STNMT"
    assert stnmt.successor_on(datetime.date(2024, 6, 1)) == stnmt
    assert stnmt.successor_on(datetime.date(2025, 6, 1)) == snnmt
    assert snnmt.name_on(datetime.date(2025, 6, 1)) == "Sở Nông nghiệp và Môi trường"
    assert stnmt.parent.code == "ubnd-lang-son"
    assert Organization.objects.get(code="qldd-stnmt-lang-son").is_within(stnmt)


def test_every_organization_has_a_current_name():
    for org in Organization.objects.all():
        if org.dissolved_on:  # its last name ends the day before the merger
            last_day = org.dissolved_on - datetime.timedelta(days=1)
            assert org.names.filter(name=org.name, valid_to=last_day).exists(), org.code
        else:
            assert org.names.filter(name=org.name, valid_to__isnull=True).exists(), org.code


def test_the_two_trees_are_separate():
    ls = Organization.objects.get(code="ubnd-lang-son")
    hn = Organization.objects.get(code="ubnd-ha-nam")
    assert Organization.objects.subtree_of(ls).count() == 13
    assert Organization.objects.subtree_of(hn).count() == 8
    assert not Organization.objects.subtree_of(ls).filter(pk=hn.pk).exists()
    assert OrganizationName.objects.count() == Organization.objects.count()


# --- Campaigns -----------------------------------------------------------------------------------


def test_lang_son_campaign_is_complete():
    campaign = Campaign.objects.get(code=LS_CODE)
    assert campaign.status == Campaign.Status.PUBLISHED and campaign.published_at
    assert campaign.issuing_organization.code == "stnmt-lang-son"
    assert campaign.symbol == "/KH-STNMT"
    assert campaign.issuing_body_name == "Sở Tài nguyên và Môi trường"
    assert campaign.place_and_date.endswith("tháng 8 năm 2022")
    assert campaign.content_items.count() == 5
    assert len(statements(campaign, PlanStatement.Kind.PURPOSE)) == 2
    assert len(statements(campaign, PlanStatement.Kind.REQUIREMENT)) == 2
    assert len(statements(campaign, PlanStatement.Kind.SOLUTION)) == 3
    assert len(statements(campaign, PlanStatement.Kind.RESPONSIBILITY)) == 2
    assert statements(campaign, PlanStatement.Kind.RECIPIENT) == [
        "Ban TĐKT tỉnh (Sở Nội vụ)",
        "Sở Giao thông vận tải (Cục trưởng)",
        "Sở Công Thương (Cục phó)",
        "Lãnh đạo Sở",
        "Các phòng, đơn vị trực thuộc Sở",
        "Lưu: VT, VP (LTT)",
    ]
    assert [f.display_label for f in campaign.campaign_award_forms.all()] == [
        "Huân chương Lao động (hạng Ba)",
        "Bằng khen của Thủ tướng Chính phủ",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Giấy khen của Giám đốc Sở",
    ]
    assert [s.subject_type for s in campaign.subject_categories.all()] == [
        SubjectType.COLLECTIVE,
        SubjectType.INDIVIDUAL,
    ]
    assert campaign.review_schedule() == [
        ("annual", 2022, None),
        ("annual", 2023, None),
        ("annual", 2024, None),
        ("final", 2025, 4),
    ]
    assert (campaign.signer_title, campaign.signer_name) == ("GIÁM ĐỐC", "Bùi Văn Côi")


def test_lang_son_bases_paragraph_reads_as_in_the_plan():
    campaign = Campaign.objects.get(code=LS_CODE)
    bases = [b.text for b in campaign.legal_bases.all()]
    paragraph = f"{campaign.basis_lead} " + "; ".join(bases) + "; " + campaign.basis_closing
    assert paragraph == (
        "Thực hiện Kế hoạch số 174/KH-UBND ngày 04/8/2022 của UBND tỉnh Lạng Sơn về phát động "
        "Phong trào thi đua “Đẩy nhanh tiến độ thực hiện giải phóng mặt bằng các dự án trọng "
        "điểm của tỉnh giai đoạn 2022-2025”; trên cơ sở chức năng, nhiệm vụ được giao, Sở Tài "
        "nguyên và Môi trường xây dựng Kế hoạch tổ chức triển khai thực hiện, cụ thể như sau:"
    )
    assert campaign.legal_bases.get().document.number == "174/KH-UBND"
    assert campaign.summary == f"Về việc phát động Phong trào thi đua “{campaign.name}”"


def test_lang_son_page_break_artefacts_are_joined():
    campaign = Campaign.objects.get(code=LS_CODE)
    item_2 = campaign.content_items.get(number=2).text
    assert "chủ trì, phối hợp với các cơ quan" in item_2 and "\n" not in item_2
    individual = campaign.subject_categories.get(subject_type=SubjectType.INDIVIDUAL)
    assert individual.criteria.startswith("Hoàn thành xuất sắc nhiệm vụ")
    assert statements(campaign, PlanStatement.Kind.RESPONSIBILITY)[-1].endswith("năm 2025.")


def test_ha_nam_campaign():
    campaign = Campaign.objects.get(code=HN_CODE)
    assert campaign.status == Campaign.Status.PUBLISHED
    assert campaign.doc_number == "1008"
    assert campaign.issued_on == datetime.date(2023, 5, 24)
    assert campaign.symbol == "1008/KH-UBND"
    assert campaign.place_and_date == "Hà Nam, ngày 24 tháng 5 năm 2023"
    assert campaign.parent_body_name == ""
    assert campaign.issuing_body_name == "Ủy ban nhân dân tỉnh Hà Nam"
    assert [b.document.number for b in campaign.legal_bases.all()] == [
        "06-NQ/TU",
        "3717/KH-UBND",
    ]
    assert campaign.subject_categories.filter(subject_type=SubjectType.HOUSEHOLD).exists()
    purposes = statements(campaign, PlanStatement.Kind.PURPOSE)
    assert len(purposes) == 4 and purposes[0].startswith("Phát huy sức mạnh")
    assert campaign.introduction.endswith("giai đoạn 2023 - 2025”.")
    # What the announcement does not give stays empty.
    assert not campaign.content_items.exists()
    assert not campaign.campaign_award_forms.exists()
    assert campaign.plan_statements.exclude(kind=PlanStatement.Kind.PURPOSE).count() == 0
    assert campaign.signer_name == ""


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="seed texts not available")
def test_plan_texts_are_copied_from_the_seed_files():
    def flat(text):
        return " ".join(text.split())

    lang_son = flat((SEED_DIR / "ke-hoach-lang-son-stnmt-2022.txt").read_text(encoding="utf-8"))
    ha_nam = flat((SEED_DIR / "ke-hoach-ha-nam-2023.txt").read_text(encoding="utf-8"))

    entry = seed_data.LANG_SON_CAMPAIGN
    texts = [
        entry["summary"],
        entry["basis_closing"],
        entry["content_intro"],
        entry["timeline_text"],
        entry["award_procedure_text"],
        *entry["purposes"],
        *entry["requirements"],
        *[f"{n}. {t}" for n, t in enumerate(entry["content_items"], start=1)],
        *entry["solutions"],
        *entry["responsibilities"],
        *[b["text"] for b in entry["legal_bases"]],
    ]
    for subject in entry["subject_categories"]:
        texts.append(f"{subject['label']}: {subject['description']} ({subject['criteria']})")
    for text in texts:
        assert flat(text) in lang_son, text[:60]
    for recipient in entry["recipients"]:
        assert f"- {recipient}" in lang_son.replace(" ;", ";")

    entry = seed_data.HA_NAM_CAMPAIGN
    assert flat(entry["introduction"]).replace("”.", '".') in ha_nam
    first, *others = entry["purposes"]
    assert f"Theo đó, mục đích của Kế hoạch nhằm {first[0].lower()}{first[1:]}" in ha_nam
    for text in [*others, *[b["text"] for b in entry["legal_bases"]], entry["name"]]:
        assert flat(text) in ha_nam, text[:60]


# --- Demo users ----------------------------------------------------------------------------------


def test_every_demo_login_holds_its_role():
    User = get_user_model()
    for username, (role, org_code) in EXPECTED_LOGINS.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert Membership.objects.filter(
            user=user, role=role, organization__code=org_code
        ).exists(), username
        assert user.person.email == f"{username}@example.vn"
        assert user.person.full_name
        admin = role == Role.ADMINISTRATOR
        assert (user.is_staff, user.is_superuser) == (admin, admin)
    reporters = {entry["username"] for entry in seed_data.DEMO_REPORTERS}
    assert Membership.objects.exclude(user__username__in=reporters).count() == len(EXPECTED_LOGINS)
    director = User.objects.get(username="ls.chutich").person
    assert (director.full_name, director.position) == ("Bùi Văn Côi", "Giám đốc Sở")


# --- Demo progress: key projects, tasks, periods, reports (issue 3) ------------------------------


def lang_son_reports():
    return ProgressReport.objects.filter(period__campaign__code=LS_CODE)


def ha_nam_reports():
    return ProgressReport.objects.filter(period__campaign__code=HN_CODE)


def test_rerun_of_the_progress_history_writes_nothing():
    counts = model_counts()
    audit = list(AuditEvent.objects.values_list("pk", flat=True))
    stamps = dict(ProgressReport.objects.values_list("pk", "updated_at"))
    obstacles = dict(Obstacle.objects.values_list("pk", "updated_at"))
    assert lang_son_reports().exists() and ha_nam_reports().exists()
    seed()
    assert model_counts() == counts
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == audit
    assert dict(ProgressReport.objects.values_list("pk", "updated_at")) == stamps
    assert dict(Obstacle.objects.values_list("pk", "updated_at")) == obstacles


def test_key_projects_of_both_provinces():
    lang_son = KeyProject.objects.filter(organization__code="stnmt-lang-son")
    ha_nam = KeyProject.objects.filter(organization__code="ubnd-ha-nam")
    assert lang_son.filter(name="Cao tốc Đồng Đăng – Trà Lĩnh").exists()
    assert lang_son.filter(name="Khu công nghiệp Hữu Lũng").exists()
    assert ha_nam.filter(name__startswith="Đường vành đai 5 vùng Thủ đô").exists()
    assert ha_nam.filter(name="Khu công nghiệp Thanh Liêm").exists()
    for project in KeyProject.objects.all():
        assert project.land_area_ha > 0 and project.affected_households > 0
        assert project.compensation_estimate > 0 and project.handover_deadline


def test_lang_son_tasks_have_indicators_for_at_least_five_units():
    campaign = Campaign.objects.get(code=LS_CODE)
    tasks = Task.objects.filter(campaign=campaign)
    units = {task.unit.code for task in tasks if task.indicators.exists()}
    assert len(units) >= 5
    assert all(u.endswith("-stnmt-lang-son") for u in units)
    assert set(tasks.values_list("content_item__number", flat=True)) == {2, 3, 4}
    assert tasks.filter(project__isnull=False).exists()
    measures = set(
        Indicator.objects.filter(task__campaign=campaign).values_list("unit_of_measure", flat=True)
    )
    assert {"phương án", "hồ sơ", "vướng mắc", "ha"} <= measures
    assert Indicator.objects.filter(task__campaign=campaign, kind="per_period").exists()


HN_DISTRICTS = {"ubnd-phu-ly", "ubnd-thanh-liem", "ubnd-ly-nhan"}


def test_ha_nam_clearance_tasks_have_no_content_item_and_follow_its_key_projects():
    campaign = Campaign.objects.get(code=HN_CODE)
    assert not campaign.content_items.exists()  # none is invented
    tasks = list(campaign.tasks.select_related("unit", "project"))
    assert tasks and all(task.content_item_id is None for task in tasks)
    assert {task.unit.code for task in tasks} == HN_DISTRICTS
    assert all(task.project.organization.code == "ubnd-ha-nam" for task in tasks)
    assert all(
        campaign.start_date <= task.start_date <= task.deadline <= campaign.end_date
        for task in tasks
    )
    for task in tasks:
        indicators = list(task.indicators.order_by("order"))
        assert [(i.unit_of_measure, i.kind) for i in indicators] == [
            ("ha", "cumulative"),
            ("hộ", "cumulative"),
            ("hộ", "cumulative"),
            ("tỷ đồng", "cumulative"),
        ]
        project = task.project
        # A district's share of a project never exceeds the project.
        assert indicators[0].target <= project.land_area_ha
        assert indicators[1].target <= project.affected_households
        assert indicators[3].target <= project.compensation_estimate
    # A project crossing two districts: the shares together stay within the whole.
    ring_road = KeyProject.objects.get(code="hn-vanh-dai-5")
    shares = Indicator.objects.filter(task__project=ring_road, order=1)
    assert shares.count() == 2
    assert sum(i.target for i in shares) <= ring_road.land_area_ha


def test_monthly_periods_with_due_day_cover_the_campaign():
    periods = list(ReportingPeriod.objects.filter(campaign__code=LS_CODE).order_by("start_date"))
    assert len(periods) == 41  # August 2022 … December 2025
    assert (periods[0].start_date, periods[-1].end_date) == (
        datetime.date(2022, 8, 1),
        datetime.date(2025, 12, 31),
    )
    assert all(p.due_date == p.end_date + datetime.timedelta(days=5) for p in periods)
    for code, actor in ((LS_CODE, "ls.vanphong"), (HN_CODE, "hn.vanphong")):
        campaign = Campaign.objects.get(code=code)
        event = AuditEvent.objects.get(
            action="campaign.periods.generated", object_id=str(campaign.pk)
        )
        assert event.actor.username == actor


def test_ha_nam_monthly_periods_run_from_the_plan_date_to_the_end_of_2025():
    periods = list(ReportingPeriod.objects.filter(campaign__code=HN_CODE).order_by("start_date"))
    assert len(periods) == 32  # 24/5/2023 … December 2025
    assert {p.frequency for p in periods} == {ReportingPeriod.Frequency.MONTHLY}
    assert (periods[0].start_date, periods[0].end_date) == (
        datetime.date(2023, 5, 24),
        datetime.date(2023, 5, 31),
    )
    assert periods[-1].end_date == datetime.date(2025, 12, 31)
    assert all(p.due_date == p.end_date + datetime.timedelta(days=5) for p in periods)


def test_history_has_every_kind_of_report():
    reports = lang_son_reports().select_related("period")
    statuses = set(reports.values_list("status", flat=True))
    assert statuses == {"accepted", "returned", "submitted", "draft"}

    returned_then_accepted = reports.filter(status="accepted", version=2)
    assert returned_then_accepted.exists()
    for report in returned_then_accepted:
        assert report.versions.count() == 2
        assert (
            AuditEvent.objects.filter(action="campaign.report.returned", object_id=str(report.pk))
            .exclude(data__comment="")
            .exists()
        )
    returned = reports.get(status="returned")
    assert returned.review_comment and returned.versions.count() == 1

    assert any(r.submitted_late for r in reports)
    assert any(not r.submitted_late and r.first_submitted_at for r in reports)

    # Missing: a unit with tasks and a period already due, and no report at all.
    campaign = Campaign.objects.get(code=LS_CODE)
    units = set(campaign.tasks.values_list("unit_id", flat=True))
    due = campaign.periods.filter(due_date__lt=timezone.localdate())
    have = set(reports.values_list("period_id", "unit_id"))
    missing = [(p.pk, u) for p in due for u in units if (p.pk, u) not in have]
    assert missing
    assert Reminder.objects.filter(kind=Reminder.Kind.OVERDUE).exists()


def test_versions_are_snapshots_of_the_report():
    for report in ProgressReport.objects.exclude(status="draft"):
        versions = list(report.versions.all())
        assert [v.number for v in versions] == list(range(1, report.version + 1))
        assert versions[-1].data == snapshot(report)
    twice = lang_son_reports().filter(version=2).first()
    first, second = twice.versions.all()
    assert compare_versions(first.data, second.data)  # the correction shows


def test_obstacles_beyond_authority_in_every_status():
    obstacles = Obstacle.objects.filter(campaign__code=LS_CODE)
    assert obstacles.filter(beyond_authority=True, status=Obstacle.Status.ESCALATED).exists()
    assert obstacles.filter(beyond_authority=False).exists()
    statuses = set(obstacles.values_list("status", flat=True))
    assert statuses == set(Obstacle.Status.values)
    for obstacle in obstacles.filter(status=Obstacle.Status.RESOLVED):
        assert obstacle.resolution_note and obstacle.resolved_at > obstacle.raised_at
    for obstacle in obstacles.exclude(status=Obstacle.Status.OPEN):
        assert obstacle.owner.username == "ls.vanphong"
    assert all(o.report.unit_id == o.unit_id for o in obstacles.select_related("report"))


def test_values_stay_near_target_and_cumulative_ones_never_decrease():
    values = (
        IndicatorValue.objects.filter(report__period__campaign__code=LS_CODE)
        .select_related("indicator", "report__period")
        .order_by("indicator_id", "report__period__start_date")
    )
    assert values.exists()
    last: dict[int, Decimal] = {}
    for item in values:
        if item.value is None:
            continue
        assert item.value <= item.indicator.target * Decimal("1.05"), item
        if item.indicator.kind != Indicator.Kind.CUMULATIVE:
            continue
        if item.report.status == ProgressReport.Status.ACCEPTED:
            assert item.value >= last.get(item.indicator_id, 0), item
            last[item.indicator_id] = item.value
    reached = Indicator.objects.filter(task__deadline__lt=datetime.date(2025, 1, 1))
    for indicator in reached.filter(kind=Indicator.Kind.CUMULATIVE):
        assert indicator.values.order_by("-report__period__start_date")[0].value == (
            indicator.target
        )


def test_demo_head_can_submit_the_latest_draft_and_the_office_can_review():
    User = get_user_model()
    draft = lang_son_reports().get(unit__code="qldd-stnmt-lang-son", status="draft")
    report = submit_report(User.objects.get(username="ls.lanhdao"), draft)
    assert report.status == ProgressReport.Status.SUBMITTED and report.version == 1

    office = User.objects.get(username="ls.vanphong")
    waiting = lang_son_reports().filter(status="submitted").exclude(pk=report.pk).first()
    assert accept_report(office, waiting).status == ProgressReport.Status.ACCEPTED


def test_unit_heads_without_a_demo_login_cannot_log_in_and_are_not_printed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO())
    for entry in seed_data.DEMO_REPORTERS:
        user = get_user_model().objects.get(username=entry["username"])
        assert not user.has_usable_password()
        assert Membership.objects.filter(user=user, role=Role.UNIT_HEAD).exists()
        assert entry["username"] not in out.getvalue()
    submitters = set(
        ReportVersion.objects.values_list("submitted_by__username", flat=True).distinct()
    )
    assert None not in submitters and {"ls.lanhdao", "hn.lanhdao"} <= submitters
    assert {"hn.lanhdao.thanhliem", "hn.lanhdao.lynhan"} <= submitters


def test_prints_the_progress_counts():
    out = io.StringIO()
    with translation.override("en"):
        call_command("seed_demo", stdout=out, stderr=io.StringIO())
    reports = ProgressReport.objects.count()
    assert reports == lang_son_reports().count() + ha_nam_reports().count()
    assert (
        f"Demo progress data: {KeyProject.objects.count()} key projects, "
        f"{Task.objects.count()} tasks, {Indicator.objects.count()} indicators, "
        f"73 reporting periods, {reports} progress reports, {Obstacle.objects.count()} obstacles."
    ) in out.getvalue()


def test_a_closed_campaign_without_periods_is_skipped_with_a_warning():
    campaign = Campaign.objects.get(code=LS_CODE)
    ReportingPeriod.objects.filter(campaign=campaign).delete()
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    err = io.StringIO()
    with translation.override("en"):
        call_command("seed_demo", quiet=True, stderr=err)
    assert f"{LS_CODE}: the reporting periods could not be generated" in err.getvalue()
    assert not campaign.periods.exists()


def test_a_closed_campaign_with_its_periods_reruns_quietly():
    Campaign.objects.filter(code=LS_CODE).update(status=Campaign.Status.CLOSED)
    counts = model_counts()
    err = io.StringIO()
    call_command("seed_demo", quiet=True, stderr=err)
    assert err.getvalue() == "" and model_counts() == counts


# --- Hà Nam: the districts' progress history ----------------------------------------------------


def test_ha_nam_history_has_accepted_returned_late_and_missing_reports():
    reports = ha_nam_reports().select_related("period", "unit")
    assert {r.unit.code for r in reports} == HN_DISTRICTS
    accepted = reports.filter(status="accepted")
    assert accepted.count() > 0.8 * reports.count()  # mostly accepted

    returned_then_accepted = accepted.filter(version=2)
    assert returned_then_accepted.exists()
    for report in returned_then_accepted:
        assert report.versions.count() == 2
        returned = AuditEvent.objects.get(
            action="campaign.report.returned", object_id=str(report.pk)
        )
        assert returned.data["comment"] and returned.actor.username == "hn.vanphong"

    assert any(r.submitted_late for r in reports)
    assert any(r.first_submitted_at and not r.submitted_late for r in reports)

    campaign = Campaign.objects.get(code=HN_CODE)
    units = set(campaign.tasks.values_list("unit_id", flat=True))
    due = campaign.periods.filter(due_date__lt=timezone.localdate())
    have = set(reports.values_list("period_id", "unit_id"))
    assert [(p.pk, u) for p in due for u in units if (p.pk, u) not in have]  # missing ones
    assert Reminder.objects.filter(period__campaign=campaign, kind=Reminder.Kind.OVERDUE).exists()


def test_ha_nam_latest_period_is_mixed_and_the_demo_head_can_submit_its_draft():
    User = get_user_model()
    latest = ReportingPeriod.objects.filter(campaign__code=HN_CODE).latest("start_date")
    by_unit = {r.unit.code: r for r in ha_nam_reports().filter(period=latest)}
    assert {code: r.status for code, r in by_unit.items()} == {
        "ubnd-phu-ly": "draft",
        "ubnd-thanh-liem": "submitted",
        "ubnd-ly-nhan": "returned",
    }
    assert by_unit["ubnd-ly-nhan"].review_comment
    assert by_unit["ubnd-ly-nhan"].obstacles.filter(beyond_authority=True).exists()

    report = submit_report(User.objects.get(username="hn.lanhdao"), by_unit["ubnd-phu-ly"])
    assert report.status == ProgressReport.Status.SUBMITTED and report.version == 1
    office = User.objects.get(username="hn.vanphong")
    accepted = accept_report(office, by_unit["ubnd-thanh-liem"])
    assert accepted.status == ProgressReport.Status.ACCEPTED


def test_ha_nam_cumulative_values_never_decrease_and_paid_never_exceed_agreed():
    values = (
        IndicatorValue.objects.filter(report__period__campaign__code=HN_CODE)
        .select_related("indicator", "report__period", "report")
        .order_by("indicator_id", "report__period__start_date")
    )
    assert values.exists()
    last: dict[int, Decimal] = {}
    by_report: dict[tuple[int, int], dict[int, Decimal]] = {}
    for item in values:
        assert item.indicator.kind == Indicator.Kind.CUMULATIVE
        if item.value is None:
            continue
        assert item.value <= item.indicator.target, item
        assert item.value >= last.get(item.indicator_id, 0), item
        last[item.indicator_id] = item.value
        by_report.setdefault((item.report_id, item.indicator.task_id), {})[item.indicator.order] = (
            item.value
        )
    for figures in by_report.values():
        assert figures[3] <= figures[2]  # households paid ≤ households that agreed
    # The projects due by the end of 2024 were handed over in full.
    done = Indicator.objects.filter(
        task__campaign__code=HN_CODE, task__deadline__lt=datetime.date(2025, 1, 1)
    )
    assert done.exists()
    for indicator in done:
        latest = indicator.values.order_by("-report__period__start_date")[0]
        assert latest.value == indicator.target


def test_ha_nam_obstacles_of_districts_in_several_statuses():
    obstacles = Obstacle.objects.filter(campaign__code=HN_CODE).select_related("unit", "owner")
    assert obstacles.filter(beyond_authority=True).exists()
    assert obstacles.filter(beyond_authority=False).exists()
    assert len(set(obstacles.values_list("status", flat=True))) >= 3
    texts = " ".join(obstacles.values_list("description", flat=True))
    for words in ("đơn giá bồi thường", "nguồn gốc", "tái định cư"):
        assert words in texts
    for obstacle in obstacles:
        assert obstacle.unit.code in HN_DISTRICTS
        assert obstacle.task.unit_id == obstacle.unit_id
        if obstacle.status != Obstacle.Status.OPEN:
            assert obstacle.owner.username == "hn.vanphong" and obstacle.resolution_note


def test_ha_nam_screens_show_tasks_without_a_content_item_number(client):
    User = get_user_model()
    campaign = Campaign.objects.get(code=HN_CODE)
    draft = ha_nam_reports().get(unit__code="ubnd-phu-ly", status="draft")
    task = campaign.tasks.get(unit__code="ubnd-phu-ly")

    client.force_login(User.objects.get(username="hn.canbo"))
    assert client.get(reverse("my_reports")).status_code == 200
    page = client.get(reverse("report_edit", args=[draft.period_id, draft.unit_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert task.title in html and "None." not in html and ". " + task.title not in html

    client.force_login(User.objects.get(username="hn.vanphong"))
    for name in ("setup_task_list", "campaign_submission_status"):
        assert client.get(reverse(name, args=[campaign.pk])).status_code == 200
    detail = client.get(reverse("report_detail", args=[draft.pk])).content.decode()
    assert task.title in detail and "None." not in detail


# --- Awards demo (awards/demo.py) ----------------------------------------------------------------


def awards_counts():
    counts = {label: apps.get_model(label)._default_manager.count() for label in AWARDS_MODELS}
    counts["awards events"] = AuditEvent.objects.filter(action__startswith="awards.").count()
    return counts


AWARDS_MODELS = (
    "awards.Council",
    "awards.CouncilMember",
    "awards.Nomination",
    "awards.Screening",
    "awards.PostingComment",
    "awards.Session",
    "awards.Attendance",
    "awards.SessionItem",
    "awards.WrittenOpinion",
    "awards.Participation",
    "awards.Ballot",
    "awards.Decision",
    "awards.Proposal",
    "awards.ProposalItem",
    "awards.AwardRecord",
)


def test_rerun_writes_no_awards_row():
    counts = awards_counts()
    assert all(counts.values()), counts
    stamps = dict(apps.get_model("awards.Nomination").objects.values_list("pk", "updated_at"))
    seed()
    seed(update=True)
    assert awards_counts() == counts
    assert (
        dict(apps.get_model("awards.Nomination").objects.values_list("pk", "updated_at")) == stamps
    )


def test_prints_what_each_login_finds_in_the_awards_demo():
    out = io.StringIO()
    with translation.override("en"):
        call_command("seed_demo", stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert "Demo awards data: 2 councils," in text
    for username in ("ls.vanphong", "ls.hoidong", "ls.chutich", "hn.vanphong"):
        assert f"{username}:" in text
    assert reverse("posting_index") in text
