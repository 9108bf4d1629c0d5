"""Screening by the department office: permissions, the checklist and its blocks, warnings,
posting periods over holidays, return and resubmission, the queue's query budget."""

import datetime
import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import nominations as nomination_services
from awards import screening as services
from awards.models import Holiday, Nomination, PostingComment, Screening
from awards.workdays import add_working_days, next_working_day, posting_period
from campaign.models import SubjectType
from units.models import AuditEvent, Person

from .test_awards_nominations import create_award_forms, make_nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def award_forms(campaign):
    return create_award_forms(campaign)


CHECKED = {"dossier_complete": True, "criteria_met": True, "prior_awards_checked": True}


@pytest.fixture
def holidays(db):
    """The holidays of migration 0003 (present already when the test database was migrated)."""
    module = importlib.import_module("awards.migrations.0003_default_holidays")
    existing = set(Holiday.objects.values_list("day", flat=True))
    Holiday.objects.bulk_create(
        [Holiday(day=day, name=name) for day, name in module.DAYS if day not in existing]
    )
    return module.DAYS


@pytest.fixture
def submitted(campaign, orgs, award_forms):
    return make_nomination(
        campaign,
        orgs.division,
        award_forms.giay_khen,
        status=Nomination.Status.SUBMITTED,
        submitted_at=datetime.datetime(2025, 3, 3, 9, tzinfo=datetime.UTC),
    )


# --- Permission matrix ------------------------------------------------------------------------

QUEUE = {
    "staff": 403,
    "head": 403,
    "other_staff": 403,
    "secretariat": 200,
    "council_member": 403,
    "outsider": 200,  # the office of another province sees its own (empty) queue
}
DETAIL = {
    "staff": 403,
    "head": 403,
    "other_staff": 404,
    "secretariat": 200,
    "council_member": 403,
    "outsider": 404,
}


def test_queue_by_role(client_for, people, submitted):
    for persona, status in QUEUE.items():
        response = client_for(getattr(people, persona)).get(reverse("screening_queue"))
        assert response.status_code == status, persona
        if persona == "outsider":
            assert submitted.nominee_name not in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_screening_page_by_role(client_for, people, submitted, method):
    url = reverse("screening_detail", args=[submitted.pk])
    for persona, status in DETAIL.items():
        client = client_for(getattr(people, persona))
        response = client.get(url) if method == "get" else client.post(url, {"action": "save"})
        assert response.status_code == (302 if method == "post" and status == 200 else status), (
            persona
        )
    submitted.refresh_from_db()
    assert submitted.status == Nomination.Status.SUBMITTED


def test_mark_comments_read_by_role(client_for, people, submitted):
    url = reverse("screening_comments_read", args=[submitted.pk])
    for persona, status in {**DETAIL, "secretariat": 302}.items():
        assert client_for(getattr(people, persona)).post(url).status_code == status, persona


def test_anonymous_is_sent_to_login(client, submitted):
    response = client.get(reverse("screening_detail", args=[submitted.pk]))
    assert response.status_code == 302


# --- Checklist, blocks, acceptance ------------------------------------------------------------


def test_open_case_blocks_acceptance_with_a_clear_message(client_for, people, submitted):
    response = client_for(people.secretariat).post(
        reverse("screening_detail", args=[submitted.pk]),
        {**{k: "on" for k in CHECKED}, "open_complaint": "on", "action": "accept"},
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert errors
    submitted.refresh_from_db()
    assert submitted.status == Nomination.Status.SUBMITTED
    with pytest.raises(ValidationError):
        services.accept_nomination(
            people.secretariat, submitted, {**CHECKED, "open_discipline": True}
        )


def test_unchecked_items_block_acceptance(people, submitted):
    with pytest.raises(ValidationError) as exc:
        services.accept_nomination(people.secretariat, submitted, {"dossier_complete": True})
    assert len(exc.value.messages) == 2
    submitted.refresh_from_db()
    assert submitted.status == Nomination.Status.SUBMITTED


def test_accepting_a_form_without_posting_leaves_no_posting_dates(client_for, people, submitted):
    response = client_for(people.secretariat).post(
        reverse("screening_detail", args=[submitted.pk]),
        {**{k: "on" for k in CHECKED}, "criteria_evidence": "Biên bản", "action": "accept"},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Nomination.Status.ACCEPTED
    assert submitted.posted_from is None and submitted.posted_until is None
    screening = Screening.objects.get(nomination=submitted)
    assert screening.subject_allowed and screening.screened_by == people.secretariat
    assert screening.warnings[0]["code"] == "thematic"
    assert AuditEvent.objects.filter(action="awards.nomination.accepted").exists()


def test_unit_staff_cannot_accept(people, submitted):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.accept_nomination(people.head, submitted, CHECKED)


# --- Working days and posting periods ---------------------------------------------------------


def test_migration_holds_the_announced_tet_ranges(holidays):
    days = {day for day, _name in holidays}
    assert {datetime.date(2025, 1, 25) + datetime.timedelta(days=i) for i in range(9)} <= days
    assert {datetime.date(2026, 2, 14) + datetime.timedelta(days=i) for i in range(9)} <= days
    assert {datetime.date(2024, 2, 8) + datetime.timedelta(days=i) for i in range(7)} <= days
    assert datetime.date(2025, 5, 2) in days and datetime.date(2025, 9, 1) in days
    assert any("dự kiến" in name for day, name in holidays if day.year == 2027)


def test_working_days_skip_weekends(holidays):
    # Friday 8/3/2024 → Monday 11/3; three working days later → Thursday 14/3. Posted for
    # three working days: Monday 11 to Wednesday 13 (both ends count).
    assert next_working_day(datetime.date(2024, 3, 8)) == datetime.date(2024, 3, 11)
    assert add_working_days(datetime.date(2024, 3, 11), 3) == datetime.date(2024, 3, 14)
    assert posting_period(datetime.date(2024, 3, 8), 3) == (
        datetime.date(2024, 3, 11),
        datetime.date(2024, 3, 13),
    )


def test_posting_period_over_tet_2025(holidays):
    # Accepted Thursday 23/1/2025; Tết off 25/1–2/2. Ten working days from Friday 24/1:
    # 24 January, then 3, 4, 5, 6, 7, 10, 11, 12, 13 February.
    assert posting_period(datetime.date(2025, 1, 23), 10) == (
        datetime.date(2025, 1, 24),
        datetime.date(2025, 2, 13),
    )
    # Accepted on the Friday before Tết: the posting starts after the break.
    assert next_working_day(datetime.date(2025, 1, 24)) == datetime.date(2025, 2, 3)


def test_posting_period_over_tet_2026(holidays):
    # Accepted Thursday 12/2/2026; Tết off 14–22/2. Five working days from Friday 13/2:
    # 13, then 23, 24, 25, 26 February.
    assert posting_period(datetime.date(2026, 2, 12), 5) == (
        datetime.date(2026, 2, 13),
        datetime.date(2026, 2, 26),
    )


def test_posting_period_over_30_april_2025(holidays):
    # Off 30/4–4/5/2025: accepted Tuesday 29/4 → posted from Monday 5/5.
    assert next_working_day(datetime.date(2025, 4, 29)) == datetime.date(2025, 5, 5)


def test_holiday_added_by_the_administrator_counts(db):
    Holiday.objects.create(day=datetime.date(2030, 1, 2), name="Nghỉ thử")
    assert next_working_day(datetime.date(2030, 1, 1)) == datetime.date(2030, 1, 3)


def test_accepting_a_posted_form_sets_the_period_from_the_next_working_day(
    people,
    campaign,
    orgs,
    award_forms,
    holidays,
):
    nomination = make_nomination(
        campaign, orgs.division, award_forms.bang_khen, status=Nomination.Status.SUBMITTED
    )
    accepted = services.accept_nomination(
        people.secretariat, nomination, CHECKED, today=datetime.date(2026, 2, 12)
    )
    assert accepted.status == Nomination.Status.ACCEPTED
    assert (accepted.posted_from, accepted.posted_until) == (
        datetime.date(2026, 2, 13),
        datetime.date(2026, 2, 26),
    )


# --- Warnings ---------------------------------------------------------------------------------


def codes(nomination):
    return [w["code"] for w in services.compute_warnings(nomination)]


def test_thematic_warning_is_always_shown(submitted):
    assert codes(submitted) == ["thematic"]


def test_labour_medal_warns_when_the_campaign_is_shorter_than_five_years(
    campaign,
    orgs,
    award_forms,
):
    # The campaign runs 15/8/2022 – 31/12/2025: three full years.
    assert services.campaign_full_years(campaign) == 3
    medal = make_nomination(campaign, orgs.division, award_forms.huan_chuong)
    assert "campaign_too_short" in codes(medal)
    warning = next(w for w in services.compute_warnings(medal) if w["code"] == "campaign_too_short")
    assert "5" in warning["message"] and "3" in warning["message"]
    campaign.start_date, campaign.end_date = datetime.date(2021, 1, 1), datetime.date(2025, 12, 31)
    campaign.save()
    assert services.campaign_full_years(campaign) == 5
    medal.refresh_from_db()
    assert "campaign_too_short" not in codes(medal)


def test_equal_merit_hint_for_a_woman_and_a_collective_of_women(
    people,
    campaign,
    orgs,
    award_forms,
):
    person = Person.objects.get(user=people.staff)
    person.sex = Person.Sex.FEMALE
    person.save()
    individual = make_nomination(
        campaign,
        orgs.division,
        award_forms.giay_khen,
        subject_type=SubjectType.INDIVIDUAL,
        nominee_organization=None,
        nominee_person=person,
        nominee_name=person.full_name,
    )
    assert "equal_merit_woman" in codes(individual)
    collective = make_nomination(campaign, orgs.division, award_forms.giay_khen)
    # Division: staff (woman), head (unknown) → one known, all women.
    assert "equal_merit_collective" in codes(collective)
    Person.objects.create(full_name="Lý Văn Nam", organization=orgs.division, sex="male")
    assert "equal_merit_collective" not in codes(collective)  # 50 per cent


def test_subject_type_not_allowed_is_shown_and_blocks(people, campaign, orgs, award_forms):
    household = make_nomination(
        campaign,
        orgs.division,
        award_forms.bang_khen,
        status=Nomination.Status.SUBMITTED,
        subject_type=SubjectType.HOUSEHOLD,
        nominee_organization=None,
        nominee_name="Hộ ông Tư",
        household_head="Hoàng Văn Tư",
    )
    assert "subject_not_allowed" in codes(household)
    with pytest.raises(ValidationError):
        services.accept_nomination(people.secretariat, household, CHECKED)


# --- Return, correction, resubmission ---------------------------------------------------------


def test_returned_nomination_is_corrected_and_resubmitted(client_for, people, submitted):
    office = client_for(people.secretariat)
    url = reverse("screening_detail", args=[submitted.pk])
    response = office.post(url, {"action": "return", "return_reason": "  "})
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == Nomination.Status.SUBMITTED

    office.post(url, {"action": "return", "return_reason": "Bổ sung số liệu quý IV."})
    submitted.refresh_from_db()
    assert submitted.status == Nomination.Status.RETURNED

    unit = client_for(people.staff)
    page = unit.get(reverse("nomination_detail", args=[submitted.pk])).content.decode()
    assert "Bổ sung số liệu quý IV." in page
    nomination_services.save_nomination(
        people.staff,
        submitted,
        {
            "campaign": submitted.campaign,
            "award_form": submitted.award_form,
            "subject_type": SubjectType.COLLECTIVE,
            "nominee_organization": submitted.unit,
            "achievements": "Bàn giao 10 ha; quý IV: thêm 2 ha.",
        },
    )
    nomination_services.submit_nomination(people.head, submitted)
    submitted.refresh_from_db()
    assert submitted.status == Nomination.Status.SUBMITTED
    assert "quý IV" in submitted.achievements
    actions = list(
        AuditEvent.objects.filter(object_id=str(submitted.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "awards.nomination.returned",
        "awards.nomination.saved",
        "awards.nomination.resubmitted",
    ]


# --- Comments and the queue -------------------------------------------------------------------


def test_office_sees_comment_counts_and_marks_them_read(client_for, people, submitted):
    PostingComment.objects.create(nomination=submitted, author_name="An", body="Đồng ý.")
    PostingComment.objects.create(nomination=submitted, author_name="Bình", body="Chưa rõ.")
    office = client_for(people.secretariat)
    row = office.get(reverse("screening_queue")).context["page"].object_list[0]
    assert (row.comment_count, row.unread_count) == (2, 2)
    page = office.get(reverse("screening_detail", args=[submitted.pk])).content.decode()
    assert "Chưa rõ." in page
    office.post(reverse("screening_comments_read", args=[submitted.pk]))
    row = office.get(reverse("screening_queue")).context["page"].object_list[0]
    assert (row.comment_count, row.unread_count) == (2, 0)


def test_queue_filters_by_award_form_and_subject(
    client_for, people, submitted, campaign, orgs, award_forms
):
    make_nomination(
        campaign, orgs.division, award_forms.bang_khen, status=Nomination.Status.SUBMITTED
    )
    office = client_for(people.secretariat)
    page = office.get(reverse("screening_queue"), {"award_form": award_forms.bang_khen.pk})
    assert [n.award_form_id for n in page.context["page"].object_list] == [award_forms.bang_khen.pk]
    page = office.get(reverse("screening_queue"), {"subject_type": SubjectType.INDIVIDUAL})
    assert list(page.context["page"].object_list) == []


@pytest.mark.parametrize("count", [3, 30])
def test_queue_uses_a_fixed_number_of_queries(
    client_for,
    people,
    campaign,
    orgs,
    award_forms,
    django_assert_max_num_queries,
    count,
):
    for index in range(count):
        nomination = make_nomination(
            campaign,
            orgs.division,
            award_forms.giay_khen,
            status=Nomination.Status.SUBMITTED,
            nominee_name=f"Tập thể {index}",
        )
        PostingComment.objects.create(nomination=nomination, author_name="A", body="B")
    client = client_for(people.secretariat)
    # session + user, memberships, count, rows with comment counts, campaigns, award forms.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("screening_queue"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 25)
