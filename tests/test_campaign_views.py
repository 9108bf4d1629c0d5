import unicodedata

import pytest
from django.urls import reverse

from campaign.models import Campaign, ContentItem, PlanStatement
from units.models import AuditEvent

pytestmark = pytest.mark.django_db


def _main_form_data(campaign=None, **overrides):
    data = {
        "issuing_organization": campaign.issuing_organization_id if campaign else "",
        "code": campaign.code if campaign else "ke-hoach-moi",
        "parent_body_name": "UBND TỈNH A",
        "doc_number": "12",
        "doc_type_abbreviation": "KH",
        "issuer_abbreviation": "",
        "place_name": "Lạng Sơn",
        "issued_day": "5",
        "issued_month": "1",
        "issued_year": "2023",
        "doc_type_title": "KẾ HOẠCH",
        "summary": "Về việc phát động phong trào thi đua",
        "name": "Đẩy nhanh giải phóng mặt bằng",
        "basis_lead": "Thực hiện",
        "basis_closing": "",
        "introduction": "",
        "content_intro": "",
        "start_date": "05/01/2023",
        "end_date": "31/12/2025",
        "timeline_text": "",
        "annual_reviews": "on",
        "final_review_year": "2025",
        "final_review_quarter": "4",
        "award_procedure_text": "",
        "signer_authority": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn An",
    }
    data.update(overrides)
    return data


def _formset_data(prefix, rows, fields, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name in fields:
            data[f"{prefix}-{index}-{name}"] = row.get(name, "")
    return data


# --- who may edit --------------------------------------------------------------------------


def test_secretariat_can_open_the_edit_pages(client_for, people, campaign):
    client = client_for(people.secretariat)
    for url in [
        reverse("campaign_manage_list"),
        reverse("campaign_create"),
        reverse("campaign_manage_detail", args=[campaign.pk]),
        reverse("campaign_edit", args=[campaign.pk]),
        reverse("campaign_section_edit", args=[campaign.pk, "noi-dung"]),
        reverse("campaign_preview", args=[campaign.pk]),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["staff", "head", "council_member", "council_chair"])
def test_unit_and_council_users_are_refused_plan_editing(client_for, people, campaign, persona):
    client = client_for(getattr(people, persona))
    assert client.get(reverse("campaign_edit", args=[campaign.pk])).status_code == 403
    assert client.get(reverse("campaign_manage_list")).status_code == 403
    response = client.post(reverse("campaign_edit", args=[campaign.pk]), _main_form_data(campaign))
    assert response.status_code == 403
    response = client.post(reverse("campaign_publish", args=[campaign.pk]))
    assert response.status_code == 403


def test_plan_of_another_organization_is_invisible(client_for, people, campaign):
    client = client_for(people.outsider)
    for name in ["campaign_manage_detail", "campaign_edit", "campaign_preview"]:
        assert client.get(reverse(name, args=[campaign.pk])).status_code == 404, name
    url = reverse("campaign_section_edit", args=[campaign.pk, "muc-dich"])
    assert client.get(url).status_code == 404
    assert client.post(reverse("campaign_close", args=[campaign.pk])).status_code == 404
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.PUBLISHED


def test_outsider_does_not_see_other_province_in_manage_list(client_for, people, campaign):
    response = client_for(people.outsider).get(reverse("campaign_manage_list"))
    assert response.status_code == 200
    assert campaign.name not in response.content.decode()


def test_anonymous_is_sent_to_login_for_management(client):
    response = client.get(reverse("campaign_manage_list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# --- public pages --------------------------------------------------------------------------


def test_anonymous_sees_only_published_plans(client, campaign, draft_campaign):
    listing = client.get(reverse("plan_list")).content.decode()
    assert campaign.name in listing
    assert draft_campaign.name not in listing
    assert client.get(reverse("plan_detail", args=[campaign.code])).status_code == 200
    assert client.get(reverse("plan_detail", args=[draft_campaign.code])).status_code == 404


def test_public_plan_page_has_official_header(client, campaign):
    html = client.get(reverse("plan_detail", args=[campaign.code])).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Độc lập - Tự do - Hạnh phúc" in html
    assert "Lạng Sơn, ngày 15 tháng 8 năm 2022" in html
    assert "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" in html


def test_plan_page_uses_a_fixed_number_of_queries(client, campaign, django_assert_max_num_queries):
    for number in range(2, 40):
        ContentItem.objects.create(campaign=campaign, number=number, text=f"Nội dung {number}")
    # campaign lookup, refetch, 6 prefetches (names, bases, statements, items, subjects, forms)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("plan_detail", args=[campaign.code])).status_code == 200


# --- creating and editing ------------------------------------------------------------------


def test_secretariat_creates_a_draft_and_it_is_audited(client_for, people, orgs):
    client = client_for(people.secretariat)
    data = _main_form_data(issuing_organization=orgs.department.pk)
    response = client.post(reverse("campaign_create"), data)
    campaign = Campaign.objects.get(code="ke-hoach-moi")
    assert response.status_code == 302
    assert campaign.status == Campaign.Status.DRAFT
    assert campaign.symbol == "12/KH-STNMT"
    assert AuditEvent.objects.filter(action="campaign.created", object_id=str(campaign.pk)).exists()


def test_secretariat_cannot_issue_for_another_province(client_for, people, orgs):
    client = client_for(people.secretariat)
    data = _main_form_data(issuing_organization=orgs.outsider_province.pk)
    response = client.post(reverse("campaign_create"), data)
    assert response.status_code == 200
    assert not Campaign.objects.filter(code="ke-hoach-moi").exists()


def test_end_before_start_is_refused_in_vietnamese(client_for, people, campaign):
    client = client_for(people.secretariat)
    data = _main_form_data(campaign, start_date="01/01/2025", end_date="31/12/2024")
    response = client.post(reverse("campaign_edit", args=[campaign.pk]), data)
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.end_date.year == 2025 and campaign.start_date.year == 2022


def test_impossible_issue_date_is_refused(client_for, people, campaign):
    client = client_for(people.secretariat)
    data = _main_form_data(campaign, issued_day="31", issued_month="2")
    response = client.post(reverse("campaign_edit", args=[campaign.pk]), data)
    assert "Ngày này không có trong tháng đó" in response.content.decode()


def test_duplicate_content_item_numbers_are_refused(client_for, people, campaign):
    client = client_for(people.secretariat)
    before = list(ContentItem.objects.filter(campaign=campaign).values_list("number", "text"))
    rows = [
        {"id": str(campaign.content_items.get().pk), "number": "1", "text": "Sửa nội dung"},
        {"number": "1", "text": "Nội dung mới trùng số"},
    ]
    data = _formset_data("content_items", rows, ["id", "number", "text"], initial=1)
    url = reverse("campaign_section_edit", args=[campaign.pk, "noi-dung"])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Số này bị dùng hai lần" in response.content.decode()
    after = list(ContentItem.objects.filter(campaign=campaign).values_list("number", "text"))
    assert after == before


def test_empty_required_section_is_refused(client_for, people, campaign):
    client = client_for(people.secretariat)
    purpose = campaign.plan_statements.get(kind=PlanStatement.Kind.PURPOSE)
    rows = [{"id": str(purpose.pk), "order": "1", "text": purpose.text, "DELETE": "on"}]
    data = _formset_data("plan_statements", rows, ["id", "order", "text", "DELETE"], initial=1)
    url = reverse("campaign_section_edit", args=[campaign.pk, "muc-dich"])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Mục này là bắt buộc" in response.content.decode()
    assert campaign.plan_statements.filter(kind=PlanStatement.Kind.PURPOSE).count() == 1


def test_section_rows_are_saved_in_order_and_audited(client_for, people, campaign):
    client = client_for(people.secretariat)
    rows = [{"order": "", "text": "Giải pháp thứ nhất"}, {"order": "", "text": "Giải pháp hai"}]
    data = _formset_data("plan_statements", rows, ["id", "order", "text"])
    url = reverse("campaign_section_edit", args=[campaign.pk, "giai-phap"])
    assert client.post(url, data).status_code == 302
    texts = list(
        campaign.plan_statements.filter(kind="solution")
        .order_by("order")
        .values_list("text", flat=True)
    )
    assert texts == ["Giải pháp thứ nhất", "Giải pháp hai"]
    event = AuditEvent.objects.get(action="campaign.section_updated")
    assert event.actor == people.secretariat
    assert event.data["section"] == "giai-phap"
    assert event.data["before"] == []


def test_text_typed_decomposed_is_stored_nfc(client_for, people, campaign):
    client = client_for(people.secretariat)
    decomposed = unicodedata.normalize("NFD", "Thẩm định giá đất cụ thể")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    rows = [{"number": "2", "text": decomposed}]
    data = _formset_data("content_items", rows, ["id", "number", "text"])
    url = reverse("campaign_section_edit", args=[campaign.pk, "noi-dung"])
    assert client.post(url, data).status_code == 302
    stored = ContentItem.objects.get(campaign=campaign, number=2).text
    assert stored == "Thẩm định giá đất cụ thể"
    assert unicodedata.is_normalized("NFC", stored)


def test_publish_then_close(client_for, people, draft_campaign):
    client = client_for(people.secretariat)
    client.post(reverse("campaign_publish", args=[draft_campaign.pk]))
    draft_campaign.refresh_from_db()
    assert draft_campaign.status == Campaign.Status.PUBLISHED
    assert draft_campaign.published_at is not None
    client.post(reverse("campaign_close", args=[draft_campaign.pk]))
    draft_campaign.refresh_from_db()
    assert draft_campaign.status == Campaign.Status.CLOSED
    # A closed campaign cannot be edited any more.
    data = _main_form_data(draft_campaign, name="Tên mới")
    client.post(reverse("campaign_edit", args=[draft_campaign.pk]), data)
    draft_campaign.refresh_from_db()
    assert draft_campaign.name != "Tên mới"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"campaign.published", "campaign.closed"} <= actions


def test_plan_without_purpose_cannot_be_published(client_for, people, draft_campaign):
    draft_campaign.plan_statements.all().delete()
    client = client_for(people.secretariat)
    response = client.post(reverse("campaign_publish", args=[draft_campaign.pk]), follow=True)
    draft_campaign.refresh_from_db()
    assert draft_campaign.status == Campaign.Status.DRAFT
    assert "Kế hoạch chưa có mục đích" in response.content.decode()


def test_history_shows_events_without_a_person_as_system(client_for, people, campaign):
    from units.audit import log_action

    log_action("campaign.imported", None, campaign)
    response = client_for(people.secretariat).get(
        reverse("campaign_manage_detail", args=[campaign.pk])
    )
    assert response.status_code == 200
    assert "Nhập kế hoạch mẫu — hệ thống" in response.content.decode()
