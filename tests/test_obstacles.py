"""The obstacles register: who sees it, its filters, the office's updates and the list beyond
the department's authority for the provincial People's Committee (Excel and printable page)."""

import datetime
import io
import re
import unicodedata
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from campaign import obstacles as services
from campaign.models import (
    ContentItem,
    KeyProject,
    Obstacle,
    ProgressReport,
    Task,
    TaskReport,
)
from units.models import AuditEvent, Role

from .factories import CampaignFactory, make_member

pytestmark = pytest.mark.django_db

STATUS = Obstacle.Status


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def register(orgs, work):
    """Obstacles of both units: open, handling, resolved and escalated, some beyond authority,
    raised 5, 45, 75 and 120 days ago; one under a second content item and a key project."""
    campaign = work.campaign
    item2 = ContentItem.objects.create(campaign=campaign, number=2, text="Giải quyết vướng mắc.")
    project = KeyProject.objects.create(
        organization=orgs.department, code="cao-toc", name="Cao tốc Đồng Đăng – Trà Lĩnh"
    )
    task2 = Task.objects.create(
        campaign=campaign,
        content_item=item2,
        unit=orgs.division,
        project=project,
        title="Tháo gỡ vướng mắc về giá đất",
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 12, 31),
    )
    report = ProgressReport.objects.create(
        period=work.periods[0], unit=orgs.division, status=ProgressReport.Status.SUBMITTED
    )
    TaskReport.objects.create(
        report=report, task=task2, proposals="Đề nghị UBND tỉnh điều chỉnh bảng giá đất."
    )

    def make(description, unit, task, *, days, status=STATUS.OPEN, beyond=False, **extra):
        return Obstacle.objects.create(
            campaign=campaign,
            unit=unit,
            task=task,
            description=description,
            beyond_authority=beyond,
            status=status,
            raised_at=days_ago(days),
            **extra,
        )

    return SimpleNamespace(
        item2=item2,
        task2=task2,
        report=report,
        land_price=make(
            "Giá đất cụ thể chưa được phê duyệt",
            orgs.division,
            task2,
            days=120,
            beyond=True,
            report=report,
        ),
        households=make(
            "Một số hộ dân chưa đồng ý nhận tiền bồi thường",
            orgs.division,
            work.task,
            days=45,
            status=STATUS.HANDLING,
        ),
        resettlement=make(
            "Chưa có quỹ đất tái định cư",
            orgs.division,
            work.task,
            days=75,
            status=STATUS.ESCALATED,
            beyond=True,
        ),
        records=make(
            "Hồ sơ trích đo thiếu chữ ký xác nhận",
            orgs.other_division,
            work.other_task,
            days=5,
            beyond=True,
        ),
        done=make(
            "Thiếu kinh phí đo đạc",
            orgs.other_division,
            work.other_task,
            days=200,
            status=STATUS.RESOLVED,
            beyond=True,
            resolution_note="Đã bố trí kinh phí bổ sung.",
            resolved_at=days_ago(100),
        ),
    )


def register_url(campaign, **params):
    url = reverse("obstacle_register", args=[campaign.pk])
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


def listed(response) -> list[str]:
    """Descriptions of the obstacles listed on a page, in order."""
    return [obstacle.description for obstacle in response.context["page"].object_list]


# --- Who may open what --------------------------------------------------------------------------


def office_urls(campaign, obstacle):
    return [
        reverse("obstacle_register", args=[campaign.pk]),
        reverse("obstacle_detail", args=[campaign.pk, obstacle.pk]),
        reverse("obstacle_export_xlsx", args=[campaign.pk]),
        reverse("obstacle_export_print", args=[campaign.pk]),
    ]


def test_secretariat_can_open_the_register_its_entries_and_exports(
    client_for, people, register, work
):
    client = client_for(people.secretariat)
    for url in office_urls(work.campaign, register.land_price):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "persona", ["staff", "head", "other_staff", "council_member", "council_chair"]
)
def test_unit_and_council_users_are_refused_the_register(
    client_for, people, register, work, persona
):
    client = client_for(getattr(people, persona))
    for url in office_urls(work.campaign, register.land_price):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("obstacle_detail", args=[work.campaign.pk, register.land_price.pk]),
        {"status": STATUS.HANDLING, "owner": "", "resolution_note": ""},
    )
    assert response.status_code == 403
    register.land_price.refresh_from_db()
    assert register.land_price.status == STATUS.OPEN


def test_another_provinces_office_gets_not_found(client_for, people, register, work):
    client = client_for(people.outsider)
    for url in office_urls(work.campaign, register.land_price):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_the_login_page(client, register, work):
    for url in [*office_urls(work.campaign, register.land_price), reverse("unit_obstacles")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_an_obstacle_of_another_campaign_is_not_found(client_for, people, orgs, register):
    other = CampaignFactory(issuing_organization=orgs.department, code="ke-hoach-khac")
    client = client_for(people.secretariat)
    url = reverse("obstacle_detail", args=[other.pk, register.land_price.pk])
    assert client.get(url).status_code == 404


# --- A unit's own obstacles ---------------------------------------------------------------------


def test_unit_page_lists_only_the_users_own_units_obstacles(client_for, people, register):
    response = client_for(people.staff).get(reverse("unit_obstacles"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Giá đất cụ thể chưa được phê duyệt" in text
    assert "Chưa có quỹ đất tái định cư" in text
    assert "Hồ sơ trích đo thiếu chữ ký xác nhận" not in text
    assert "Thiếu kinh phí đo đạc" not in text


def test_other_units_staff_sees_its_obstacles_and_their_resolution(client_for, people, register):
    response = client_for(people.other_staff).get(reverse("unit_obstacles"))
    text = response.content.decode()
    assert "Thiếu kinh phí đo đạc" in text
    assert "Đã bố trí kinh phí bổ sung." in text
    assert "Giá đất cụ thể chưa được phê duyệt" not in text


def test_unit_page_is_refused_to_users_without_a_unit_role(client_for, people, register):
    assert client_for(people.secretariat).get(reverse("unit_obstacles")).status_code == 403


def test_unit_page_ignores_a_filter_on_another_unit(client_for, people, orgs, register):
    response = client_for(people.staff).get(
        reverse("unit_obstacles"), {"unit": orgs.other_division.pk}
    )
    assert response.status_code == 200
    assert listed(response) == []


def test_unit_page_filters_by_status(client_for, people, register):
    response = client_for(people.staff).get(reverse("unit_obstacles"), {"status": "escalated"})
    assert listed(response) == ["Chưa có quỹ đất tái định cư"]


# --- Filters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "open"}, ["records", "land_price"]),
        ({"status": "unresolved"}, ["records", "households", "resettlement", "land_price"]),
        ({"status": "resolved"}, ["done"]),
        ({"beyond": "yes"}, ["records", "resettlement", "land_price", "done"]),
        ({"beyond": "no"}, ["households"]),
        ({"age": "30"}, ["households", "resettlement", "land_price", "done"]),
        ({"age": "60"}, ["resettlement", "land_price", "done"]),
        ({"age": "90"}, ["land_price", "done"]),
        # Case differs (SQLite folds ASCII letters only; PostgreSQL folds every letter).
        ({"q": "hồ sơ"}, ["records"]),
        ({"q": "kinh phí"}, ["done"]),
        ({"q": "bổ sung"}, ["done"]),
        ({"beyond": "yes", "status": "unresolved", "age": "60"}, ["resettlement", "land_price"]),
        ({"sort": "raised"}, ["done", "land_price", "resettlement", "households", "records"]),
        # Nonsense values are ignored rather than turned into an error page.
        (
            {"status": "x", "unit": "abc", "age": "7", "beyond": "?", "item": "-1", "sort": "pk"},
            ["records", "households", "resettlement", "land_price", "done"],
        ),
    ],
)
def test_register_filters(client_for, people, register, work, params, expected):
    response = client_for(people.secretariat).get(register_url(work.campaign, **params))
    assert response.status_code == 200
    assert listed(response) == [getattr(register, name).description for name in expected]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00đất"},
        {"unit": "99999999999999999999999"},
        {"item": str(2**63)},
        {"page": "9999"},
        {"page": "x"},
        {"q": "x" * 5000},
    ],
)
def test_odd_query_strings_never_break_the_register(client_for, people, register, work, params):
    assert (
        client_for(people.secretariat).get(register_url(work.campaign, **params)).status_code == 200
    )


def test_register_filters_by_unit_and_content_item(client_for, people, orgs, register, work):
    client = client_for(people.secretariat)
    response = client.get(register_url(work.campaign, unit=orgs.other_division.pk))
    assert listed(response) == [register.records.description, register.done.description]
    response = client.get(register_url(work.campaign, item=register.item2.pk))
    assert listed(response) == [register.land_price.description]


def test_search_matches_decomposed_vietnamese_input(client_for, people, register, work):
    typed = unicodedata.normalize("NFD", "quỹ đất tái định cư")
    response = client_for(people.secretariat).get(register_url(work.campaign, q=typed))
    assert listed(response) == [register.resettlement.description]


def test_register_sorts_by_unit(client_for, people, orgs, register, work):
    response = client_for(people.secretariat).get(register_url(work.campaign, sort="unit"))
    units = [o.unit.name for o in response.context["page"].object_list]
    assert units == sorted(units)
    assert units[0] == orgs.division.name  # “Phòng …” before “Trung tâm …”


def test_register_rows_show_age_badges_and_the_report_link(client_for, people, register, work):
    response = client_for(people.secretariat).get(register_url(work.campaign, sort="raised"))
    rows = {o.pk: o for o in response.context["page"].object_list}
    assert rows[register.land_price.pk].age_days == 120
    assert rows[register.records.pk].age_days == 5
    text = response.content.decode()
    assert reverse("report_detail", args=[register.report.pk]) in text
    assert "Tháng 1/2024" in text


# --- Updating an entry --------------------------------------------------------------------------


def detail_url(campaign, obstacle):
    return reverse("obstacle_detail", args=[campaign.pk, obstacle.pk])


def test_resolving_without_a_note_is_refused_in_vietnamese(client_for, people, register, work):
    obstacle = register.households
    response = client_for(people.secretariat).post(
        detail_url(work.campaign, obstacle),
        {"status": STATUS.RESOLVED, "owner": "", "resolution_note": "   "},
    )
    assert response.status_code == 200
    assert "Ghi rõ kết quả giải quyết" in response.content.decode()
    obstacle.refresh_from_db()
    assert obstacle.status == STATUS.HANDLING
    assert obstacle.resolved_at is None
    assert not AuditEvent.objects.filter(action="campaign.obstacle.updated").exists()


def test_resolving_records_the_note_time_owner_and_an_audit_event(
    client_for, people, register, work
):
    obstacle = register.land_price
    note = unicodedata.normalize("NFD", "Đã trình UBND tỉnh phê duyệt giá đất")
    response = client_for(people.secretariat).post(
        detail_url(work.campaign, obstacle) + "?status=open",
        {"status": STATUS.RESOLVED, "owner": people.staff.pk, "resolution_note": note},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?status=open")
    obstacle.refresh_from_db()
    assert obstacle.status == STATUS.RESOLVED
    assert obstacle.resolved_at is not None
    assert obstacle.owner == people.staff
    assert obstacle.resolution_note == unicodedata.normalize("NFC", note)
    event = AuditEvent.objects.get(action="campaign.obstacle.updated")
    assert event.actor == people.secretariat
    assert event.object_id == str(obstacle.pk)
    assert event.data["before"]["status"] == STATUS.OPEN
    assert event.data["before"]["resolved_at"] is None
    assert event.data["after"]["status"] == STATUS.RESOLVED
    assert event.data["after"]["owner"] == people.staff.pk
    assert event.data["after"]["resolution_note"] == obstacle.resolution_note


def test_reopening_clears_the_resolution_time(people, register):
    obstacle, changed = services.update_obstacle(
        people.secretariat, register.done, STATUS.HANDLING, None, "Phát sinh lại"
    )
    assert changed
    obstacle.refresh_from_db()
    assert obstacle.status == STATUS.HANDLING
    assert obstacle.resolved_at is None


def test_saving_unchanged_values_writes_no_audit_event(people, register):
    obstacle = register.households
    _obstacle, changed = services.update_obstacle(
        people.secretariat, obstacle, obstacle.status, None, ""
    )
    assert not changed
    assert not AuditEvent.objects.exists()


def test_owner_must_hold_a_role_in_the_issuing_organization(client_for, people, register, work):
    obstacle = register.households
    with pytest.raises(ValidationError) as excinfo:
        services.update_obstacle(people.secretariat, obstacle, STATUS.HANDLING, people.outsider, "")
    assert "owner" in excinfo.value.message_dict
    response = client_for(people.secretariat).post(
        detail_url(work.campaign, obstacle),
        {"status": STATUS.HANDLING, "owner": people.outsider.pk, "resolution_note": ""},
    )
    assert response.status_code == 200
    obstacle.refresh_from_db()
    assert obstacle.owner is None


def test_bad_status_is_refused_without_an_error_page(client_for, people, register, work):
    obstacle = register.households
    response = client_for(people.secretariat).post(
        detail_url(work.campaign, obstacle),
        {"status": "closed", "owner": "x", "resolution_note": ""},
    )
    assert response.status_code == 200
    obstacle.refresh_from_db()
    assert obstacle.status == STATUS.HANDLING


def test_only_the_office_may_update_an_obstacle(people, register):
    for user in (people.staff, people.head, people.council_chair, people.outsider):
        with pytest.raises(PermissionDenied):
            services.update_obstacle(user, register.households, STATUS.RESOLVED, None, "Xong")
    register.households.refresh_from_db()
    assert register.households.status == STATUS.HANDLING


def test_the_entry_shows_its_history(client_for, people, register, work):
    services.update_obstacle(people.secretariat, register.households, STATUS.ESCALATED, None, "")
    response = client_for(people.secretariat).get(detail_url(work.campaign, register.households))
    text = response.content.decode()
    assert "Trạng thái: Đang xử lý → Đã báo cáo UBND tỉnh" in text
    assert len(response.context["events"]) == 1


# --- The list beyond authority ------------------------------------------------------------------


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        row
        for row in sheet.iter_rows(min_row=services.XLSX_HEADER_ROW + 1, values_only=True)
        if any(cell is not None for cell in row)
    ]


@pytest.mark.parametrize(
    "params",
    [{}, {"age": "60"}, {"sort": "unit"}, {"q": "đất"}, {"status": "open"}],
)
def test_excel_and_printable_page_have_the_rows_of_the_filtered_register(
    client_for, people, register, work, params
):
    client = client_for(people.secretariat)
    page = client.get(
        register_url(work.campaign, **{"beyond": "yes", "status": "unresolved", **params})
    )
    expected = [(o.unit.name, o.description, o.raised_at) for o in page.context["page"].object_list]

    excel = xlsx_rows(client.get(reverse("obstacle_export_xlsx", args=[work.campaign.pk]), params))
    assert [row[0] for row in excel] == list(range(1, len(expected) + 1))
    assert [(row[1], row[3]) for row in excel] == [(u, d) for u, d, _r in expected]
    assert [row[4].date() for row in excel] == [timezone.localdate(r) for _u, _d, r in expected]

    printable = client.get(reverse("obstacle_export_print", args=[work.campaign.pk]), params)
    rows = printable.context["rows"]
    assert [(r.unit, r.description) for r in rows] == [(u, d) for u, d, _r in expected]
    assert f'data-rows="{len(expected)}"' in printable.content.decode()


def test_export_leaves_out_resolved_and_within_authority_obstacles(
    client_for, people, register, work
):
    excel = xlsx_rows(
        client_for(people.secretariat).get(reverse("obstacle_export_xlsx", args=[work.campaign.pk]))
    )
    descriptions = [row[3] for row in excel]
    assert register.done.description not in descriptions
    assert register.households.description not in descriptions
    assert len(descriptions) == 3


def test_excel_export_has_vietnamese_headers_filename_and_the_units_proposal(
    client_for, people, register, work
):
    response = client_for(people.secretariat).get(
        reverse("obstacle_export_xlsx", args=[work.campaign.pk])
    )
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition
    assert "Danh%20s%C3%A1ch" in disposition and disposition.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[services.XLSX_HEADER_ROW]]
    assert headers == [
        "STT",
        "Đơn vị",
        "Nhiệm vụ / Dự án",
        "Nội dung khó khăn, vướng mắc",
        "Ngày phát sinh",
        "Tình trạng",
        "Đề xuất/Kết quả xử lý",
    ]
    rows = {row[3]: row for row in xlsx_rows(response)}
    land = rows[register.land_price.description]
    assert land[2] == "Tháo gỡ vướng mắc về giá đất — Cao tốc Đồng Đăng – Trà Lĩnh"
    assert "Đề nghị UBND tỉnh điều chỉnh bảng giá đất." in land[6]


def test_excel_export_keeps_formula_like_text_as_text(client_for, people, orgs, register, work):
    Obstacle.objects.create(
        campaign=work.campaign,
        unit=orgs.division,
        description='=HYPERLINK("http://example.com","x")',
        beyond_authority=True,
    )
    response = client_for(people.secretariat).get(
        reverse("obstacle_export_xlsx", args=[work.campaign.pk])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for c in sheet["D"] if c.value and str(c.value).startswith("=")]
    assert len(cells) == 1 and cells[0].data_type == "s"


def test_printable_page_is_an_official_document_with_a_print_button(
    client_for, people, register, work
):
    response = client_for(people.secretariat).get(
        reverse("obstacle_export_print", args=[work.campaign.pk])
    )
    text = response.content.decode()
    assert "DANH SÁCH KHÓ KHĂN, VƯỚNG MẮC VƯỢT THẨM QUYỀN" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert 'data-action="print"' in text
    assert "js/print.js" in text
    assert re.search(r'class="d-print-none"', text)
    # No inline script: every <script> loads a file.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)


# --- The campaign page's card -------------------------------------------------------------------


def test_manage_link_shows_open_and_beyond_authority_counts(register, work, rf, people):
    request = rf.get("/")
    request.user = people.secretariat
    html = render_to_string(
        "campaign/obstacles/_manage_link.html", {"campaign": work.campaign}, request=request
    )
    assert reverse("obstacle_register", args=[work.campaign.pk]) in html
    assert "Chưa xử lý: 2" in html
    assert "Vượt thẩm quyền, chưa giải quyết: 3" in html
    counts = services.summary(work.campaign)
    assert counts == {"total": 5, "open": 2, "unresolved": 4, "beyond_authority": 3}


# --- Query budgets ------------------------------------------------------------------------------


def _many_obstacles(orgs, work, count):
    staff = make_member(Role.UNIT_STAFF, orgs.division, username=f"xu-ly-{count}")
    report = ProgressReport.objects.create(period=work.periods[1], unit=orgs.division)
    Obstacle.objects.bulk_create(
        Obstacle(
            campaign=work.campaign,
            unit=orgs.division if n % 2 else orgs.other_division,
            task=work.task if n % 2 else work.other_task,
            report=report if n % 3 else None,
            owner=staff if n % 4 else None,
            description=f"Vướng mắc số {n}",
            beyond_authority=bool(n % 2),
            status=STATUS.values[n % 4],
            raised_at=days_ago(n % 150),
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [5, 300])
def test_register_and_exports_use_a_bounded_number_of_queries(
    client_for, people, orgs, work, count, django_assert_max_num_queries
):
    _many_obstacles(orgs, work, count)
    client = client_for(people.secretariat)
    # session, user, memberships, campaign, count, page rows, summary, units, content items,
    # unread notifications (navigation)
    with django_assert_max_num_queries(10):
        response = client.get(register_url(work.campaign, beyond="yes"))
    assert response.status_code == 200
    # session, user, memberships, campaign, rows, the units' proposals (+ notifications)
    with django_assert_max_num_queries(7):
        assert (
            client.get(reverse("obstacle_export_xlsx", args=[work.campaign.pk])).status_code == 200
        )
    with django_assert_max_num_queries(7):
        assert (
            client.get(reverse("obstacle_export_print", args=[work.campaign.pk])).status_code == 200
        )


@pytest.mark.parametrize("count", [5, 300])
def test_unit_page_uses_a_bounded_number_of_queries(
    client_for, people, orgs, work, count, django_assert_max_num_queries
):
    _many_obstacles(orgs, work, count)
    client = client_for(people.staff)
    # session, user, memberships, count, page rows, unread notifications (navigation)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("unit_obstacles")).status_code == 200


def test_the_register_can_show_a_band_of_ages_like_the_dashboard(client_for, people, orgs, work):
    """30–90 days old: raised before the 30-day cut and not before the 90-day one."""
    now = timezone.now()
    for days in (10, 45, 120):
        Obstacle.objects.create(
            campaign=work.campaign,
            unit=orgs.division,
            description=f"Cũ {days} ngày",
            raised_at=now - datetime.timedelta(days=days),
        )
    response = client_for(people.secretariat).get(
        reverse("obstacle_register", args=[work.campaign.pk]), {"age": 30, "younger": 90}
    )
    assert [o.description for o in response.context["page"].object_list] == ["Cũ 45 ngày"]
    assert 'name="younger" value="90"' in response.content.decode()
