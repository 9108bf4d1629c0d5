"""The permission matrix (issue 8): every named URL of the portal × every role of DESIGN §1,
an outsider from another province and an anonymous visitor, with the status each must get.

A new URL without a row fails `test_every_url_has_a_row`. Codes in the table:
  "L"  302 to the login page          "R"  302 somewhere else (a by-design redirect)
  200 / 403 / 404 / 405               "-"  not checked (an allowed POST would change data)

POST-only action URLs are also POSTed with no data by every role that must be refused: they
must answer 403, 404 or 302-to-login, never 200 or a redirect.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from awards import decisions
from awards.models import (
    BaseSalary,
    Council,
    CouncilMember,
    Nomination,
    NominationAttachment,
    Session,
    SessionItem,
)
from campaign import evidence, reporting, seed_data
from campaign.models import (
    AwardForm,
    CampaignAwardForm,
    KeyProject,
    Obstacle,
    SubjectType,
    TableExport,
)
from reports.models import Kind, Narrative, ReportFile, ReportJob
from units.models import Notification, Person

from .factories import AwardFormFactory

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "staff",
    "head",
    "other_staff",
    "secretariat",
    "council_member",
    "council_chair",
    "admin",
    "outsider",
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BK_UBND = "bang-khen-chu-tich-ubnd-tinh"


# --- The world: one of every object a URL needs -------------------------------------------------


def _nomination(campaign, award_form, unit, name, status, **extra):
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


def _attachment(nomination, user, name):
    attachment = NominationAttachment(
        nomination=nomination,
        original_name=name,
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        uploaded_by=user,
    )
    attachment.file.save(name, ContentFile(PDF), save=False)
    attachment.save()
    return attachment


def build_world(orgs, people, work):
    """Every object the URLs of the portal take, in the department's campaign; the media
    root must point at a temporary directory (the `world` fixture sets it)."""
    campaign = work.campaign
    period = work.periods[0]
    status = Nomination.Status

    # Award forms: the department's own Giấy khen (decided) and a Bằng khen (proposed upward).
    gk = AwardFormFactory()
    entry = next(e for e in seed_data.AWARD_FORMS if e["code"] == BK_UBND)
    bk, _created = AwardForm.objects.update_or_create(
        code=BK_UBND, defaults={k: v for k, v in entry.items() if k != "code"}
    )
    for order, form in enumerate((gk, bk), start=1):
        CampaignAwardForm.objects.create(campaign=campaign, award_form=form, order=order)
    for salary in seed_data.BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            effective_from=salary["effective_from"],
            defaults={k: v for k, v in salary.items() if k != "effective_from"},
        )

    # A submitted progress report of the division with an evidence file and an obstacle.
    values = [
        reporting.ValueInput(work.area.pk, Decimal("2.5")),
        reporting.ValueInput(work.households.pk, Decimal("10")),
    ]
    tasks = [reporting.TaskInput(work.task.pk, done_text="Đã thẩm định 3 phương án")]
    report, _checked = reporting.save_draft(people.staff, period, orgs.division, values, tasks)
    upload = SimpleUploadedFile("biên bản.pdf", PDF, content_type="application/pdf")
    item = evidence.store(report, upload, evidence.check_upload(upload), people.staff)
    report = reporting.submit_report(people.head, report)
    obstacle = Obstacle.objects.create(
        campaign=campaign,
        unit=orgs.division,
        report=report,
        task=work.task,
        description="Hộ dân chưa đồng ý giá bồi thường",
        beyond_authority=True,
    )
    project = KeyProject.objects.create(
        organization=orgs.department, code="du-an-a", name="Đường cao tốc Đồng Đăng - Trà Lĩnh"
    )

    # Nominations: a draft and a submitted one (each with a file), one on public posting.
    today = timezone.localdate()
    draft = _nomination(campaign, gk, orgs.division, "Phòng Quản lý đất đai", status.DRAFT)
    draft_file = _attachment(draft, people.staff, "du-thao.pdf")
    submitted = _nomination(campaign, gk, orgs.division, "Tổ đo đạc", status.SUBMITTED)
    submitted_file = _attachment(submitted, people.staff, "bao-cao-thanh-tich.pdf")
    posted = _nomination(
        campaign,
        gk,
        orgs.other_division,
        "Trung tâm Phát triển quỹ đất",
        status.ACCEPTED,
        posted_from=today - datetime.timedelta(days=1),
        posted_until=today + datetime.timedelta(days=5),
    )

    # The council: the chair's and the member's person records hold the seats.
    council = Council.objects.create(organization=orgs.department, name="Hội đồng TĐKT Sở", size=3)
    chair_seat = CouncilMember.objects.create(
        council=council, person=Person.objects.get(user=people.council_chair), role="chair", order=1
    )
    member_seat = CouncilMember.objects.create(
        council=council,
        person=Person.objects.get(user=people.council_member),
        role="member",
        order=2,
    )
    when = timezone.now() + datetime.timedelta(days=1)
    scheduled = Session.objects.create(
        council=council,
        campaign=campaign,
        title="Phiên họp xét khen thưởng",
        scheduled_at=when,
        place="Phòng họp tầng 3",
        members_total=2,
    )
    on_agenda = _nomination(campaign, gk, orgs.division, "Đội đo đạc số 2", status.ON_AGENDA)
    agenda_item = SessionItem.objects.create(session=scheduled, nomination=on_agenda, order=1)
    # Items go in while the session is open: the database refuses items of a closed session.
    passed_gk = _nomination(campaign, gk, orgs.division, "Tổ giải phóng mặt bằng", status.PASSED)
    passed_bk = _nomination(campaign, bk, orgs.division, "Phòng Quản lý đất đai", status.PASSED)
    closed = Session.objects.create(
        council=council,
        campaign=campaign,
        title="Phiên họp đã bế mạc",
        scheduled_at=datetime.datetime(2024, 12, 1, 8, tzinfo=datetime.UTC),
        place="Phòng họp số 1",
        status=Session.Status.OPEN,
        members_total=2,
    )
    for order, nomination in enumerate((passed_gk, passed_bk), start=1):
        SessionItem.objects.create(
            session=closed, nomination=nomination, order=order, approvals=2, required=2, passed=True
        )
    Session.objects.filter(pk=closed.pk).update(status=Session.Status.CLOSED)

    signer = {"signer_name": "Hoàng Văn Nam", "signer_title": "PHÓ GIÁM ĐỐC"}
    decision = decisions.create_decision(
        people.secretariat,
        campaign,
        gk,
        [passed_gk.pk],
        date=datetime.date(2024, 12, 15),
        authority="Giám đốc Sở Tài nguyên và Môi trường",
        **signer,
    )
    proposal = decisions.create_proposal(
        people.secretariat,
        campaign,
        bk,
        [passed_bk.pk],
        date=datetime.date(2024, 12, 20),
        recipient="Chủ tịch UBND tỉnh",
        **signer,
    )

    # A produced document, a narrative and a notification.
    job = ReportJob.objects.create(
        kind=Kind.ANNUAL,
        campaign=campaign,
        year=2024,
        status=ReportJob.Status.SUCCEEDED,
        requested_by=people.secretariat,
        attempts=1,
    )
    output = ReportFile(
        job=job,
        document_key=f"annual:campaign={campaign.pk}:year=2024",
        version=1,
        filename="bao-cao-so-ket-2024.pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    output.file.save("bao-cao-so-ket-2024.pdf", ContentFile(PDF), save=False)
    output.save()
    narrative = Narrative.objects.create(campaign=campaign, kind=Kind.ANNUAL, year=2024)
    # A dashboard table the secretariat had written in the background.
    export = TableExport(
        campaign=campaign,
        requested_by=people.secretariat,
        table="indicator",
        format=TableExport.Format.CSV,
        title="Tiến độ theo chỉ tiêu",
        status=TableExport.Status.SUCCEEDED,
        filename="tien-do.csv",
        rows=1,
    )
    export.file.save("tien-do.csv", ContentFile(b"a,b\n1,2\n"), save=False)
    export.save()
    notification = Notification.objects.create(
        user=people.staff, title="Đôn đốc nộp báo cáo", url="/bao-cao/"
    )
    return SimpleNamespace(
        orgs=orgs,
        people=people,
        campaign=campaign,
        work=work,
        period=period,
        gk=gk,
        bk=bk,
        report=report,
        evidence=item,
        obstacle=obstacle,
        project=project,
        draft=draft,
        draft_file=draft_file,
        submitted=submitted,
        submitted_file=submitted_file,
        posted=posted,
        council=council,
        chair_seat=chair_seat,
        member_seat=member_seat,
        scheduled=scheduled,
        agenda_item=agenda_item,
        closed=closed,
        decision=decision,
        proposal=proposal,
        job=job,
        output=output,
        narrative=narrative,
        export=export,
        notification=notification,
        staff_person=Person.objects.get(user=people.staff),
    )


@pytest.fixture
def world(orgs, people, work, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world(orgs, people, work)


# --- The table ----------------------------------------------------------------------------------

#              anon staff head other office member chair admin outsider
PUBLIC = "200 200 200 200 200 200 200 200 200"
SIGNED_IN = "L 200 200 200 200 200 200 200 200"
# Pages of the issuing organization's office (campaign_for_user(manage=True) and the like):
# related users without the role 403, another province 404.
OFFICE = "L 403 403 403 200 403 403 200 404"
REQUESTER_ONLY = "L 404 404 404 200 404 404 404 404"
# The office's own lists (scoped to its organizations): the outsider sees its own, empty.
OFFICE_LIST = "L 403 403 403 200 403 403 200 200"
# The unit's own lists: the unit roles only (an administrator holds none).
UNIT_LIST = "L 200 200 200 403 403 403 403 403"
# POST-only: any signed-in GET is a 405.
POST_ONLY = "L 405 405 405 405 405 405 405 405"
# The report / nomination of the division: its unit and the office; a sibling unit 404.
REPORT = "L 200 200 404 200 403 403 200 404"
# Council business of the department: the office and the council; units 403.
COUNCIL_READ = "L 403 403 403 200 200 200 200 404"
REGISTRY_LIST = "L 403 403 403 200 200 200 200 200"
# What a refused POST must get, by role ("-": allowed, not POSTed).
REFUSE_ALL_BUT_OFFICE = "L 403 403 403 - 403 403 - 404"


def row(args, get, post=None):
    return {"args": args, "get": get, "post": post}


MATRIX = {
    # units: home, health, accounts, notifications.
    "home": row(lambda w: [], PUBLIC),
    "healthz": row(lambda w: [], PUBLIC),
    # The login page sends a signed-in user on (redirect_authenticated_user).
    "login": row(lambda w: [], "200 R R R R R R R R"),
    # Django's LogoutView is POST-only (a GET is a 405, signed in or not); nothing to refuse.
    "logout": row(lambda w: [], "405 405 405 405 405 405 405 405 405"),
    "password_change": row(lambda w: [], SIGNED_IN),
    "password_change_done": row(lambda w: [], SIGNED_IN),
    "password_reset": row(lambda w: [], PUBLIC),
    "password_reset_done": row(lambda w: [], PUBLIC),
    # A bad link shows the "invalid link" page.
    "password_reset_confirm": row(lambda w: ["MQ", "bad-token"], PUBLIC),
    "password_reset_complete": row(lambda w: [], PUBLIC),
    "profile": row(lambda w: [], SIGNED_IN),
    "notification_list": row(lambda w: [], SIGNED_IN),
    # The staff user's notification: anyone else's does not exist for them.
    "notification_read": row(
        lambda w: [w.notification.pk], POST_ONLY, "L - 404 404 404 404 404 404 404"
    ),
    "notification_read_all": row(lambda w: [], POST_ONLY),
    # campaign: public plans.
    "plan_list": row(lambda w: [], PUBLIC),
    "plan_detail": row(lambda w: [w.campaign.code], PUBLIC),
    # campaign: the office's management of plans.
    "campaign_manage_list": row(lambda w: [], OFFICE_LIST),
    "campaign_create": row(lambda w: [], OFFICE_LIST),
    "campaign_manage_detail": row(lambda w: [w.campaign.pk], OFFICE),
    "campaign_edit": row(lambda w: [w.campaign.pk], OFFICE),
    "campaign_section_edit": row(lambda w: [w.campaign.pk, "muc-dich"], OFFICE),
    "campaign_preview": row(lambda w: [w.campaign.pk], OFFICE),
    "campaign_publish": row(lambda w: [w.campaign.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE),
    "campaign_unpublish": row(lambda w: [w.campaign.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE),
    "campaign_close": row(lambda w: [w.campaign.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE),
    # campaign: progress reports. The report is submitted: its editors are sent to the
    # read-only page (R); a council member covers the unit but has no reporting role (403).
    "my_reports": row(lambda w: [], UNIT_LIST),
    "report_edit": row(lambda w: [w.period.pk, w.orgs.division.pk], "L R R 404 R 403 403 R 404"),
    "report_detail": row(lambda w: [w.report.pk], REPORT),
    "report_submit": row(lambda w: [w.report.pk], POST_ONLY, "L 403 - 404 403 403 403 - 404"),
    "report_review": row(lambda w: [w.report.pk], POST_ONLY, "L 403 403 404 - 403 403 - 404"),
    "report_version": row(lambda w: [w.report.pk, 1], REPORT),
    "evidence_download": row(lambda w: [w.evidence.pk], REPORT),
    # A submitted report's files can no longer be removed, by anyone.
    "evidence_delete": row(
        lambda w: [w.evidence.pk], POST_ONLY, "L 403 403 404 403 403 403 403 404"
    ),
    "review_queue": row(lambda w: [], OFFICE_LIST),
    # campaign: set-up of tasks, periods and key projects.
    "setup_task_list": row(lambda w: [w.campaign.pk], OFFICE),
    "setup_task_create": row(lambda w: [w.campaign.pk], OFFICE),
    "setup_task_bulk_assign": row(lambda w: [w.campaign.pk], OFFICE),
    "setup_task_edit": row(lambda w: [w.campaign.pk, w.work.task.pk], OFFICE),
    # GET shows the confirmation page; the POST deletes.
    "setup_task_delete": row(
        lambda w: [w.campaign.pk, w.work.other_task.pk], OFFICE, REFUSE_ALL_BUT_OFFICE
    ),
    "setup_period_list": row(lambda w: [w.campaign.pk], OFFICE),
    "setup_period_generate": row(lambda w: [w.campaign.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE),
    "setup_period_edit": row(lambda w: [w.campaign.pk, w.period.pk], OFFICE),
    "setup_project_list": row(lambda w: [], OFFICE_LIST),
    "setup_project_create": row(lambda w: [], OFFICE_LIST),
    "setup_project_edit": row(lambda w: [w.project.pk], OFFICE),
    # campaign: the Excel round trip of the division's report.
    "report_excel_download": row(lambda w: [w.period.pk, w.orgs.division.pk], REPORT),
    # Uploading is for the unit roles: the office reads the workbook but does not fill it.
    "report_excel_upload": row(
        lambda w: [w.period.pk, w.orgs.division.pk],
        "L 200 200 404 403 403 403 200 404",
        "L - - 404 403 403 403 - 404",
    ),
    # campaign: obstacles.
    "obstacle_register": row(lambda w: [w.campaign.pk], OFFICE),
    "obstacle_detail": row(lambda w: [w.campaign.pk, w.obstacle.pk], OFFICE),
    "obstacle_export_xlsx": row(lambda w: [w.campaign.pk], OFFICE),
    "obstacle_export_print": row(lambda w: [w.campaign.pk], OFFICE),
    "unit_obstacles": row(lambda w: [], UNIT_LIST),
    # campaign: submission status and urging.
    "campaign_submission_status": row(lambda w: [w.campaign.pk], OFFICE),
    "campaign_urge_unit": row(
        lambda w: [w.campaign.pk, w.period.pk, w.orgs.other_division.pk],
        POST_ONLY,
        REFUSE_ALL_BUT_OFFICE,
    ),
    "campaign_urge_late_units": row(
        lambda w: [w.campaign.pk, w.period.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE
    ),
    # campaign: dashboards. The unit dashboard answers 403 to anyone without a unit role.
    "dashboard_office": row(lambda w: [w.campaign.pk], OFFICE),
    "dashboard_export_request": row(lambda w: [w.campaign.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE),
    # A table written in the background: its requester only (the secretariat), a 404 for all.
    "table_export": row(lambda w: [w.export.pk], REQUESTER_ONLY),
    "table_export_status": row(lambda w: [w.export.pk], REQUESTER_ONLY),
    "table_export_download": row(lambda w: [w.export.pk], REQUESTER_ONLY),
    "dashboard_unit": row(lambda w: [], UNIT_LIST),
    "dashboard_unit_export": row(lambda w: ["xlsx"], UNIT_LIST),
    "dashboard_council": row(lambda w: [], "L 403 403 403 403 200 200 403 403"),
    # awards: the unit's nominations. The draft: its unit edits (the office 403, a council
    # member cannot read drafts); the submitted one: the council reads it too.
    "nomination_list": row(lambda w: [], UNIT_LIST),
    "nomination_create": row(lambda w: [], UNIT_LIST),
    "nomination_detail": row(lambda w: [w.submitted.pk], "L 200 200 404 200 200 200 200 404"),
    "nomination_edit": row(lambda w: [w.draft.pk], "L 200 200 404 403 403 403 200 404"),
    # Only the head submits.
    "nomination_submit": row(lambda w: [w.draft.pk], POST_ONLY, "L 403 - 404 403 403 403 - 404"),
    "nomination_refill": row(lambda w: [w.draft.pk], POST_ONLY, "L - - 404 403 403 403 - 404"),
    "nomination_attachment_upload": row(
        lambda w: [w.draft.pk], POST_ONLY, "L - - 404 403 403 403 - 404"
    ),
    "nomination_attachment_download": row(
        lambda w: [w.submitted_file.pk], "L 200 200 404 200 200 200 200 404"
    ),
    "nomination_attachment_delete": row(
        lambda w: [w.draft_file.pk], POST_ONLY, "L - - 404 403 403 403 - 404"
    ),
    # awards: screening by the office.
    "screening_queue": row(lambda w: [], OFFICE_LIST),
    "screening_detail": row(lambda w: [w.submitted.pk], "L 403 403 404 200 403 403 200 404"),
    "screening_comments_read": row(
        lambda w: [w.submitted.pk], POST_ONLY, "L 403 403 404 - 403 403 - 404"
    ),
    # awards: public posting.
    "posting_index": row(lambda w: [], PUBLIC),
    "posting_organization": row(lambda w: [w.orgs.department.code], PUBLIC),
    "posting_campaign": row(lambda w: [w.campaign.code], PUBLIC),
    "posting_detail": row(lambda w: [w.posted.pk], PUBLIC),
    # awards: councils and sessions.
    "council_list": row(lambda w: [], OFFICE_LIST),
    "council_manage": row(lambda w: [w.orgs.department.pk], OFFICE),
    "council_member_edit": row(lambda w: [w.member_seat.pk], OFFICE),
    "council_member_remove": row(lambda w: [w.member_seat.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE),
    "session_create": row(lambda w: [w.orgs.department.pk], OFFICE),
    # Lists scoped to the user's councils: the outsider sees its own (none).
    "session_list": row(lambda w: [], REGISTRY_LIST),
    "session_detail": row(lambda w: [w.scheduled.pk], COUNCIL_READ),
    "session_edit": row(lambda w: [w.scheduled.pk], OFFICE),
    "session_agenda": row(lambda w: [w.scheduled.pk], OFFICE),
    "session_item_remove": row(
        lambda w: [w.scheduled.pk, w.agenda_item.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE
    ),
    "session_attendance": row(lambda w: [w.scheduled.pk], OFFICE),
    "session_opinions": row(lambda w: [w.scheduled.pk, w.member_seat.pk], OFFICE),
    # Only the chair opens (POST-only) and closes; only a seat votes (the office holds none).
    "session_open": row(lambda w: [w.scheduled.pk], POST_ONLY, "L 403 403 403 403 403 - 403 404"),
    "session_vote": row(
        lambda w: [w.scheduled.pk],
        "L 403 403 403 403 200 200 403 404",
        "L 403 403 403 403 - - 403 404",
    ),
    # GET on a session that is not open sends the chair back to it (R).
    "session_close": row(
        lambda w: [w.scheduled.pk],
        "L 403 403 403 403 403 R 403 404",
        "L 403 403 403 403 403 - 403 404",
    ),
    "session_results": row(lambda w: [w.closed.pk], COUNCIL_READ),
    "session_minutes": row(lambda w: [w.closed.pk], COUNCIL_READ),
    # awards: decisions, proposals.
    "award_decisions": row(lambda w: [], OFFICE_LIST),
    "award_decision_create": row(lambda w: [w.campaign.pk, w.gk.pk], OFFICE),
    "award_decision_detail": row(lambda w: [w.decision.pk], COUNCIL_READ),
    "award_proposal_create": row(lambda w: [w.campaign.pk, w.bk.pk], OFFICE),
    "award_proposal_detail": row(lambda w: [w.proposal.pk], COUNCIL_READ),
    "award_proposal_outcome": row(lambda w: [w.proposal.pk], OFFICE),
    "campaign_nominations_by_status": row(lambda w: [w.campaign.pk], OFFICE),
    # awards: the registry; a person's and a unit's history for their unit, office, council.
    "registry_list": row(lambda w: [], REGISTRY_LIST),
    "registry_totals": row(lambda w: [], REGISTRY_LIST),
    "registry_manual_create": row(lambda w: [], OFFICE_LIST),
    "registry_person": row(lambda w: [w.staff_person.pk], "L 200 200 404 200 200 200 200 404"),
    "registry_unit": row(lambda w: [w.orgs.division.pk], "L 200 200 404 200 200 200 200 404"),
    "public_awardees": row(lambda w: [w.campaign.code], PUBLIC),
    # reports: documents and jobs (the office; the chair for minutes only).
    "report_documents": row(lambda w: [w.campaign.pk], OFFICE),
    "report_request": row(lambda w: [w.campaign.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE),
    "report_job": row(lambda w: [w.job.pk], OFFICE),
    "report_job_status": row(lambda w: [w.job.pk], OFFICE),
    "report_job_retry": row(lambda w: [w.job.pk], POST_ONLY, REFUSE_ALL_BUT_OFFICE),
    "report_job_download": row(lambda w: [w.job.pk], OFFICE),
    "report_file_download": row(lambda w: [w.output.pk], OFFICE),
    "report_narratives": row(lambda w: [w.campaign.pk], OFFICE),
    "report_narrative_edit": row(lambda w: [w.campaign.pk, "so-ket", 2024], OFFICE),
    "report_preview": row(lambda w: [w.campaign.pk, "so-ket", 2024], OFFICE),
}


# --- URL enumeration ----------------------------------------------------------------------------

# The Django admin and the language switch are Django's own; static files are served in DEBUG.
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_NAMES = {"set_language"}


def portal_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in EXCLUDED_NAMESPACES:
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if pattern.name in EXCLUDED_NAMES:
                    continue
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_has_a_row():
    names = portal_url_names()
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert not missing, f"URLs without a row in the permission matrix: {missing}"
    assert not stale, f"rows of the permission matrix for URLs that no longer exist: {stale}"


# --- Running the table --------------------------------------------------------------------------


def _codes(spec: str) -> dict[str, str]:
    codes = spec.split()
    assert len(codes) == len(ROLES), spec
    return dict(zip(ROLES, codes, strict=True))


def _outcome(response) -> str:
    if response.status_code == 302:
        login = resolve_url(settings.LOGIN_URL)
        return "L" if response["Location"].startswith(login) else "R"
    return str(response.status_code)


def _users(world):
    return {role: getattr(world.people, role) for role in ROLES if role != "anonymous"}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, world, name):
    spec = MATRIX[name]
    url = reverse(name, args=spec["args"](world))
    users = _users(world)
    wrong = []
    for method, table in (("GET", spec["get"]), ("POST", spec["post"])):
        if table is None:
            continue
        for role, expected in _codes(table).items():
            if expected == "-":
                continue
            client.logout()
            if role != "anonymous":
                client.force_login(users[role])
            response = client.get(url) if method == "GET" else client.post(url)
            got = _outcome(response)
            if method == "POST":
                # A refused POST is refused: never a page, never a redirect on success.
                assert expected in {"L", "403", "404"}, (name, role, expected)
            if got != expected:
                wrong.append(f"{method} {role}: expected {expected}, got {got}")
    assert not wrong, f"{name} ({url}):\n  " + "\n  ".join(wrong)
