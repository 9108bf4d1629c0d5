"""Nominations by units: permissions, the form's rules, the pre-filled report, attachments,
submission by the head only. Fixtures here are reused by the screening and posting tests."""

import datetime
import unicodedata
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import nominations as services
from awards.models import AwardRecord, Nomination, NominationAttachment
from campaign.models import (
    AwardForm,
    CampaignAwardForm,
    IndicatorValue,
    ProgressReport,
    SubjectCategory,
    SubjectType,
)
from units.models import AuditEvent, Person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- Shared fixtures (imported by test_awards_screening and test_awards_posting) ----------------


@pytest.fixture
def award_forms(campaign):
    return create_award_forms(campaign)


def create_award_forms(campaign):
    """Three award forms of the campaign: the Director's certificate (no posting), the
    province's certificate (5 working days of posting, no households) and the Labour Medal
    (10 working days, 5-year campaigns only, no households)."""
    giay_khen = AwardForm.objects.create(
        code="giay-khen-test",
        name="Giấy khen của Giám đốc Sở",
        rank=4,
        authority=AwardForm.Authority.DEPARTMENT_HEAD,
        decided_internally=True,
        individual_coefficient=Decimal("0.3"),
        collective_coefficient=Decimal("0.6"),
    )
    bang_khen = AwardForm.objects.create(
        code="bang-khen-test",
        name="Bằng khen của Chủ tịch UBND tỉnh",
        rank=3,
        authority=AwardForm.Authority.PROVINCE_CHAIR,
        individual_coefficient=Decimal("1.5"),
        collective_coefficient=Decimal("3.0"),
        allows_household=False,
        requires_public_posting=True,
        posting_working_days=5,
    )
    huan_chuong = AwardForm.objects.create(
        code="huan-chuong-test",
        name="Huân chương Lao động hạng Ba",
        rank=1,
        authority=AwardForm.Authority.PRESIDENT,
        individual_coefficient=Decimal("4.5"),
        collective_coefficient=Decimal("9.0"),
        allows_household=False,
        requires_public_posting=True,
        posting_working_days=10,
        min_campaign_years=5,
    )
    for order, form in enumerate([huan_chuong, bang_khen, giay_khen]):
        CampaignAwardForm.objects.create(campaign=campaign, award_form=form, order=order)
    SubjectCategory.objects.filter(campaign=campaign, subject_type=SubjectType.COLLECTIVE).update(
        criteria="Hoàn thành 100% chỉ tiêu giải phóng mặt bằng được giao."
    )
    return SimpleNamespace(giay_khen=giay_khen, bang_khen=bang_khen, huan_chuong=huan_chuong)


def make_nomination(campaign, unit, award_form, status=Nomination.Status.DRAFT, **kwargs):
    """A nomination written straight to the database (collective: the unit itself)."""
    values = {
        "campaign": campaign,
        "award_form": award_form,
        "unit": unit,
        "year": 2025,
        "subject_type": SubjectType.COLLECTIVE,
        "nominee_organization": unit,
        "nominee_name": unit.name,
        "summary": "Phòng có 12 công chức.",
        "achievements": "Bàn giao 10 ha mặt bằng đúng hạn.",
        "status": status,
    }
    values.update(kwargs)
    if values["subject_type"] != SubjectType.COLLECTIVE:
        values.setdefault("nominee_organization", None)
        if values.get("nominee_organization") == unit:
            values["nominee_organization"] = None
    return Nomination.objects.create(**values)


@pytest.fixture
def nomination(campaign, orgs, award_forms):
    return make_nomination(campaign, orgs.division, award_forms.giay_khen)


def accepted_report(period, unit, values, status=ProgressReport.Status.ACCEPTED):
    report = ProgressReport.objects.create(period=period, unit=unit, status=status)
    for indicator, value in values.items():
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(value))
    try:  # pre-aggregated progress, where the campaign app keeps it
        from campaign import progress_state
    except ImportError:
        return report
    progress_state.refresh(indicator.pk for indicator in values)
    return report


def form_data(campaign, award_form, **overrides):
    data = {
        "campaign": campaign.pk,
        "award_form": award_form.pk,
        "subject_type": SubjectType.COLLECTIVE,
        "nominee_organization": "",
        "nominee_person": "",
        "household_head": "",
        "household_address": "",
        "household_commune": "",
        "household_contribution": "",
    }
    data.update(overrides)
    return data


# --- Permission matrix ------------------------------------------------------------------------

PERSONAS = ["staff", "head", "other_staff", "secretariat", "council_member", "outsider"]


def _url(name, nomination, attachment):
    if name in ("nomination_list", "nomination_create"):
        return reverse(name)
    if name == "nomination_attachment_download":
        return reverse(name, args=[attachment.pk])
    return reverse(name, args=[nomination.pk])


@pytest.fixture
def attachment(nomination, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = NominationAttachment(
        nomination=nomination,
        original_name="Báo cáo thành tích.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    item.file.save("bao-cao.pdf", SimpleUploadedFile("bao-cao.pdf", PDF), save=False)
    item.save()
    return item


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "nomination_list",
            {
                "staff": 200,
                "head": 200,
                "other_staff": 200,
                "secretariat": 403,
                "council_member": 403,
                "outsider": 403,
            },
        ),
        (
            "nomination_create",
            {
                "staff": 200,
                "head": 200,
                "other_staff": 200,
                "secretariat": 403,
                "council_member": 403,
                "outsider": 403,
            },
        ),
        (
            "nomination_detail",
            {
                "staff": 200,
                "head": 200,
                "other_staff": 404,
                "secretariat": 200,
                "council_member": 403,  # a draft is not the council's business yet
                "outsider": 404,
            },
        ),
        (
            "nomination_edit",
            {
                "staff": 200,
                "head": 200,
                "other_staff": 404,
                "secretariat": 403,
                "council_member": 403,
                "outsider": 404,
            },
        ),
        (
            "nomination_attachment_download",
            {
                "staff": 200,
                "head": 200,
                "other_staff": 404,
                "secretariat": 200,
                "council_member": 403,
                "outsider": 404,
            },
        ),
    ],
)
def test_nomination_pages_by_role(
    client_for, people, nomination, attachment, award_forms, name, expected
):
    url = _url(name, nomination, attachment)
    for persona in PERSONAS:
        response = client_for(getattr(people, persona)).get(url)
        assert response.status_code == expected[persona], (persona, response.status_code)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "nomination_submit",
            {
                "staff": 403,
                "other_staff": 404,
                "secretariat": 403,
                "council_member": 403,
                "outsider": 404,
            },
        ),
        (
            "nomination_refill",
            {
                "staff": 302,
                "other_staff": 404,
                "secretariat": 403,
                "council_member": 403,
                "outsider": 404,
            },
        ),
        (
            "nomination_attachment_upload",
            {
                "staff": 302,
                "other_staff": 404,
                "secretariat": 403,
                "council_member": 403,
                "outsider": 404,
            },
        ),
    ],
)
def test_nomination_actions_by_role(client_for, people, nomination, award_forms, name, expected):
    url = reverse(name, args=[nomination.pk])
    for persona, status in expected.items():
        response = client_for(getattr(people, persona)).post(url)
        assert response.status_code == status, (persona, response.status_code)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DRAFT


def test_anonymous_is_sent_to_login(client, nomination):
    for url in (reverse("nomination_list"), reverse("nomination_detail", args=[nomination.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_council_member_reads_a_submitted_nomination(
    client_for, people, campaign, orgs, award_forms
):
    submitted = make_nomination(
        campaign, orgs.division, award_forms.giay_khen, status=Nomination.Status.SUBMITTED
    )
    assert (
        client_for(people.council_member)
        .get(reverse("nomination_detail", args=[submitted.pk]))
        .status_code
        == 200
    )


# --- Creating a nomination --------------------------------------------------------------------


def test_staff_creates_a_collective_nomination_named_after_the_unit(
    client_for, people, campaign, orgs, award_forms
):
    response = client_for(people.staff).post(
        reverse("nomination_create"),
        form_data(
            campaign,
            award_forms.giay_khen,
            unit=orgs.division.pk,
            nominee_organization=orgs.division.pk,
        ),
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("nomination_edit", args=[nomination.pk])
    assert nomination.status == Nomination.Status.DRAFT
    assert nomination.nominee_name == "Phòng Quản lý đất đai"
    assert nomination.unit == orgs.division
    assert nomination.created_by == people.staff
    assert AuditEvent.objects.filter(action="awards.nomination.created").count() == 1


def test_subject_type_the_award_form_does_not_allow_is_refused(
    client_for, people, campaign, orgs, award_forms
):
    response = client_for(people.staff).post(
        reverse("nomination_create"),
        form_data(
            campaign,
            award_forms.bang_khen,
            unit=orgs.division.pk,
            subject_type=SubjectType.HOUSEHOLD,
            household_head="Hoàng Văn Tư",
            household_commune="Xã Hợp Thành",
        ),
    )
    assert response.status_code == 200
    assert "subject_type" in response.context["form"].errors
    assert "Bằng khen của Chủ tịch UBND tỉnh" in str(response.context["form"].errors)
    assert not Nomination.objects.exists()


def test_unit_cannot_nominate_another_units_collective_or_person(
    people, campaign, orgs, award_forms
):
    base = {"campaign": campaign, "award_form": award_forms.giay_khen}
    with pytest.raises(ValidationError) as exc:
        services.create_nomination(
            people.staff,
            orgs.division,
            {
                **base,
                "subject_type": SubjectType.COLLECTIVE,
                "nominee_organization": orgs.other_division,
            },
        )
    assert "nominee_organization" in exc.value.message_dict
    outsider_person = Person.objects.get(user=people.other_staff)
    with pytest.raises(ValidationError) as exc:
        services.create_nomination(
            people.staff,
            orgs.division,
            {**base, "subject_type": SubjectType.INDIVIDUAL, "nominee_person": outsider_person},
        )
    assert "nominee_person" in exc.value.message_dict
    assert not Nomination.objects.exists()


def test_award_form_outside_the_campaign_is_refused(people, campaign, orgs, award_forms):
    stray = AwardForm.objects.create(
        code="khac",
        name="Hình thức khác",
        authority=AwardForm.Authority.DEPARTMENT_HEAD,
        individual_coefficient=1,
        collective_coefficient=1,
    )
    with pytest.raises(ValidationError) as exc:
        services.create_nomination(
            people.staff,
            orgs.division,
            {
                "campaign": campaign,
                "award_form": stray,
                "subject_type": SubjectType.COLLECTIVE,
                "nominee_organization": orgs.division,
            },
        )
    assert "award_form" in exc.value.message_dict


def test_draft_campaign_is_not_offered(people, draft_campaign, orgs, award_forms):
    CampaignAwardForm.objects.create(campaign=draft_campaign, award_form=award_forms.giay_khen)
    assert list(services.campaigns_for_unit(orgs.division)) != []
    assert draft_campaign not in services.campaigns_for_unit(orgs.division)


def test_household_nomination_takes_the_head_as_name_and_contribution_as_section_two(
    people, campaign, orgs, award_forms
):
    nomination = services.create_nomination(
        people.staff,
        orgs.division,
        {
            "campaign": campaign,
            "award_form": award_forms.giay_khen,
            "subject_type": SubjectType.HOUSEHOLD,
            "household_head": "Hoàng Văn Tư",
            "household_address": "Thôn Nà Lầu",
            "household_commune": "Xã Hợp Thành",
            "household_contribution": "Bàn giao sớm 1.200 m² đất nông nghiệp.",
        },
    )
    assert "Hoàng Văn Tư" in nomination.nominee_name
    assert "1.200 m²" in nomination.achievements
    assert nomination.nominee_organization is None and nomination.nominee_person is None


def test_individual_nomination_prefills_the_persons_details(people, campaign, orgs, award_forms):
    person = Person.objects.get(user=people.staff)
    person.birth_year, person.sex, person.position = 1985, Person.Sex.FEMALE, "Chuyên viên"
    person.save()
    nomination = services.create_nomination(
        people.staff,
        orgs.division,
        {
            "campaign": campaign,
            "award_form": award_forms.giay_khen,
            "subject_type": SubjectType.INDIVIDUAL,
            "nominee_person": person,
        },
    )
    assert nomination.nominee_name == person.full_name
    assert "1985" in nomination.summary and "Chuyên viên" in nomination.summary


# --- Section II from the accepted progress ------------------------------------------------------


def test_section_two_prefill_contains_accepted_figures_only(people, work, orgs, award_forms):
    jan, feb, mar = work.periods
    accepted_report(jan, orgs.division, {work.area: "4.5", work.households: "20"})
    accepted_report(feb, orgs.division, {work.area: "7.25"}, status=ProgressReport.Status.RETURNED)
    accepted_report(mar, orgs.division, {work.area: "9.75"}, status=ProgressReport.Status.DRAFT)
    nomination = services.create_nomination(
        people.staff,
        orgs.division,
        {
            "campaign": work.campaign,
            "award_form": award_forms.giay_khen,
            "subject_type": SubjectType.COLLECTIVE,
            "nominee_organization": orgs.division,
        },
    )
    text = nomination.achievements
    assert work.task.title in text
    assert "Diện tích đã bàn giao" in text
    assert "4,5" in text and "45%" in text  # 4.5 of 10 ha
    assert "20" in text and "40%" in text  # 20 of 50 households
    assert "7,25" not in text and "9,75" not in text
    # The other unit's task is not the division's achievement.
    assert work.other_task.title not in text


def test_refill_replaces_section_two_with_todays_accepted_figures(
    client_for, people, work, orgs, award_forms
):
    nomination = make_nomination(
        work.campaign, orgs.division, award_forms.giay_khen, achievements="Cũ."
    )
    accepted_report(work.periods[0], orgs.division, {work.area: "3"})
    response = client_for(people.staff).post(reverse("nomination_refill", args=[nomination.pk]))
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert "Cũ." not in nomination.achievements
    assert "30%" in nomination.achievements


# --- Prior awards -----------------------------------------------------------------------------


def _record(award_forms, orgs, **kwargs):
    values = {
        "source": AwardRecord.Source.MANUAL,
        "award_form": award_forms.giay_khen,
        "subject_type": SubjectType.COLLECTIVE,
        "recipient_name": "Phòng Quản lý đất đai",
        "owner": orgs.department,
        "year": 2023,
        "decision_number": "15/QĐ-STNMT",
        "decision_date": datetime.date(2023, 12, 20),
        "issuer": "Giám đốc Sở Tài nguyên và Môi trường",
    }
    values.update(kwargs)
    return AwardRecord.objects.create(**values)


def test_prior_awards_table_comes_from_the_registry(
    client_for, people, nomination, orgs, award_forms
):
    mine = _record(award_forms, orgs, organization=orgs.division)
    _record(
        award_forms,
        orgs,
        organization=orgs.other_division,
        recipient_name="Trung tâm",
        decision_number="99/QĐ-X",
    )
    assert list(services.prior_awards(nomination)) == [mine]
    response = client_for(people.staff).get(reverse("nomination_edit", args=[nomination.pk]))
    assert b"15/Q\xc4\x90-STNMT" in response.content
    assert b"99/Q\xc4\x90-X" not in response.content


def test_household_prior_awards_match_the_name_without_diacritics(
    people, campaign, orgs, award_forms
):
    record = _record(
        award_forms,
        orgs,
        subject_type=SubjectType.HOUSEHOLD,
        recipient_name="Hộ gia đình ông Hoàng Văn Tư",
    )
    nomination = make_nomination(
        campaign,
        orgs.division,
        award_forms.giay_khen,
        subject_type=SubjectType.HOUSEHOLD,
        nominee_organization=None,
        nominee_name="Ho gia dinh ong Hoang Van Tu",
        household_head="Hoang Van Tu",
    )
    assert list(services.prior_awards(nomination)) == [record]


# --- Saving, NFC, submitting -------------------------------------------------------------------


def _edit_data(nomination, **overrides):
    data = form_data(
        nomination.campaign,
        nomination.award_form,
        nominee_organization=nomination.nominee_organization_id,
        summary=nomination.summary,
        achievements=nomination.achievements,
        measures="",
        prior_awards_note="",
        criteria_met="",
    )
    data.update(overrides)
    return data


def test_staff_saves_a_draft_in_nfc(client_for, people, nomination):
    decomposed = unicodedata.normalize("NFD", "Sáng kiến rút ngắn thời gian thẩm định")
    response = client_for(people.staff).post(
        reverse("nomination_edit", args=[nomination.pk]),
        _edit_data(nomination, measures=decomposed),
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.measures == unicodedata.normalize("NFC", decomposed)
    assert nomination.status == Nomination.Status.DRAFT
    event = AuditEvent.objects.get(action="awards.nomination.saved")
    assert "measures" in event.data["changes"]


def test_edit_refuses_a_subject_type_not_allowed_and_keeps_the_draft(
    client_for, people, nomination, award_forms
):
    response = client_for(people.staff).post(
        reverse("nomination_edit", args=[nomination.pk]),
        _edit_data(
            nomination,
            award_form=award_forms.bang_khen.pk,
            subject_type=SubjectType.HOUSEHOLD,
            household_head="A",
            household_commune="B",
            summary="thay đổi",
        ),
    )
    assert response.status_code == 200
    assert "subject_type" in response.context["form"].errors
    nomination.refresh_from_db()
    assert nomination.summary == "Phòng có 12 công chức."


def test_staff_cannot_submit_and_head_can(client_for, people, nomination):
    with pytest.raises(PermissionDenied):
        services.submit_nomination(people.staff, nomination)
    response = client_for(people.staff).post(
        reverse("nomination_edit", args=[nomination.pk]), {**_edit_data(nomination), "submit": "1"}
    )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DRAFT
    assert response.status_code == 302
    response = client_for(people.head).post(reverse("nomination_submit", args=[nomination.pk]))
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
    assert nomination.submitted_by == people.head
    assert AuditEvent.objects.filter(action="awards.nomination.submitted").count() == 1
    # Once submitted, nobody of the unit edits it any more.
    response = client_for(people.staff).get(reverse("nomination_edit", args=[nomination.pk]))
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        services.save_nomination(
            people.staff,
            nomination,
            {
                "campaign": nomination.campaign,
                "award_form": nomination.award_form,
                "subject_type": SubjectType.COLLECTIVE,
                "nominee_organization": nomination.nominee_organization,
            },
        )


def test_empty_sections_block_submission(people, nomination):
    Nomination.objects.filter(pk=nomination.pk).update(achievements="")
    nomination.refresh_from_db()
    with pytest.raises(ValidationError):
        services.submit_nomination(people.head, nomination)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DRAFT


# --- Attachments ------------------------------------------------------------------------------


def test_pdf_attachment_is_stored_and_downloaded_under_its_vietnamese_name(
    client_for, people, nomination, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(people.staff)
    upload = SimpleUploadedFile("Biên bản họp.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("nomination_attachment_upload", args=[nomination.pk]),
        {"file": upload, "description": "Biên bản"},
    )
    assert response.status_code == 302
    item = NominationAttachment.objects.get()
    assert item.original_name == "Biên bản họp.pdf"
    assert item.file.name.endswith(".pdf") and item.file.name.isascii()
    response = client.get(reverse("nomination_attachment_download", args=[item.pk]))
    assert response.status_code == 200
    assert "Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    response = client.post(reverse("nomination_attachment_delete", args=[item.pk]))
    assert response.status_code == 302
    assert not NominationAttachment.objects.exists()
    assert AuditEvent.objects.filter(action="awards.nomination.attachment_deleted").exists()


def test_attachment_of_a_wrong_type_or_too_large_is_refused(
    client_for, people, nomination, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(people.staff)
    url = reverse("nomination_attachment_upload", args=[nomination.pk])
    client.post(url, {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf at all")})
    settings.EVIDENCE_MAX_BYTES = 10
    client.post(url, {"file": SimpleUploadedFile("lon.pdf", PDF)})
    assert not NominationAttachment.objects.exists()


def test_other_unit_cannot_delete_an_attachment(client_for, people, attachment):
    response = client_for(people.other_staff).post(
        reverse("nomination_attachment_delete", args=[attachment.pk])
    )
    assert response.status_code == 404
    assert NominationAttachment.objects.filter(pk=attachment.pk).exists()


# --- Query budget -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_unit_list_uses_a_fixed_number_of_queries(
    client_for, people, campaign, orgs, award_forms, django_assert_max_num_queries, count
):
    for index in range(count):
        make_nomination(
            campaign, orgs.division, award_forms.giay_khen, nominee_name=f"Tập thể {index}"
        )
    client = client_for(people.staff)
    # session + user, memberships, count, page rows, campaigns of the unit (ids, names).
    with django_assert_max_num_queries(8):
        response = client.get(reverse("nomination_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 25)
