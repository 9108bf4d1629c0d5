"""Decisions, proposals and prize money: the amounts for every form, subject and base salary,
the yearly numbering, the proposal's outcome, the permission matrix of the screens."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from awards import decisions, prizes
from awards.models import (
    AwardRecord,
    BaseSalary,
    Council,
    Decision,
    Nomination,
    Proposal,
    ProposalItem,
    Session,
    SessionItem,
)
from campaign import seed_data
from campaign.models import AwardForm, CampaignAwardForm, SubjectType
from units.models import AuditEvent, Person

from .factories import CampaignFactory, OrganizationFactory

D = datetime.date


def vi(msgid: str) -> str:
    """The Vietnamese of a msgid (the catalogue may not carry it yet: then the English)."""
    with translation.override("vi"):
        return translation.gettext(msgid)


GK = "giay-khen-giam-doc-so"
BK_UBND = "bang-khen-chu-tich-ubnd-tinh"
BK_TTG = "bang-khen-thu-tuong-chinh-phu"
HC = "huan-chuong-lao-dong-hang-ba"


# --- Fixtures and builders (the registry tests import them too) --------------------------------


@pytest.fixture
def award_forms(db):
    """The four award forms of the seed data, by code."""
    forms = {}
    for entry in seed_data.AWARD_FORMS:
        values = {k: v for k, v in entry.items() if k != "code"}
        forms[entry["code"]], _created = AwardForm.objects.update_or_create(
            code=entry["code"], defaults=values
        )
    return SimpleNamespace(gk=forms[GK], bk_ubnd=forms[BK_UBND], bk_ttg=forms[BK_TTG], hc=forms[HC])


@pytest.fixture
def salaries(db):
    for entry in seed_data.BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            effective_from=entry["effective_from"],
            defaults={k: v for k, v in entry.items() if k != "effective_from"},
        )


@pytest.fixture
def setup(orgs, campaign, award_forms, salaries):
    for order, form in enumerate((award_forms.gk, award_forms.bk_ubnd, award_forms.hc), start=1):
        CampaignAwardForm.objects.create(campaign=campaign, award_form=form, order=order)
    campaign.signer_authority = "KT. GIÁM ĐỐC"
    campaign.signer_title = "PHÓ GIÁM ĐỐC"
    campaign.signer_name = "Hoàng Văn Nam"
    campaign.save()
    return SimpleNamespace(campaign=campaign, forms=award_forms)


def make_nomination(campaign, award_form, unit, subject_type, name, status="passed", year=2025):
    values = {
        "campaign": campaign,
        "award_form": award_form,
        "unit": unit,
        "year": year,
        "subject_type": subject_type,
        "status": status,
        "nominee_name": name,
    }
    if subject_type == SubjectType.INDIVIDUAL:
        values["nominee_person"] = Person.objects.create(full_name=name, organization=unit)
    elif subject_type == SubjectType.COLLECTIVE:
        values["nominee_organization"] = unit
    else:
        values.update(
            household_head=name, household_address="Thôn Bản Cắm", household_commune="Xã Hữu Lũng"
        )
    return Nomination.objects.create(**values)


def passed_in_session(campaign, nominations):
    """A closed council session that passed the nominations (items written before closing)."""
    council, _created = Council.objects.get_or_create(
        organization=campaign.issuing_organization,
        defaults={"name": "Hội đồng Thi đua - Khen thưởng Sở", "size": 9},
    )
    session = Session.objects.create(
        council=council,
        campaign=campaign,
        title="Phiên họp xét khen thưởng",
        scheduled_at=datetime.datetime(2025, 12, 1, 8, tzinfo=datetime.UTC),
        place="Phòng họp số 1",
        status=Session.Status.OPEN,
        members_total=9,
    )
    for order, nomination in enumerate(nominations, start=1):
        SessionItem.objects.create(
            session=session,
            nomination=nomination,
            order=order,
            approvals=7,
            required=5,
            passed=True,
        )
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CLOSED)
    return session


@pytest.fixture
def trio(orgs, setup):
    """Three passed Giấy khen nominations: a collective, an individual and a household."""
    campaign, gk = setup.campaign, setup.forms.gk
    nominations = [
        make_nomination(
            campaign, gk, orgs.division, SubjectType.COLLECTIVE, "Phòng Quản lý đất đai"
        ),
        make_nomination(campaign, gk, orgs.division, SubjectType.INDIVIDUAL, "Nguyễn Văn An"),
        make_nomination(
            campaign, gk, orgs.other_division, SubjectType.HOUSEHOLD, "Hộ ông Đặng Văn Bình"
        ),
    ]
    session = passed_in_session(campaign, nominations)
    return SimpleNamespace(nominations=nominations, session=session, **vars(setup))


DECISION_DAY = D(2024, 12, 15)
PROPOSAL_DAY = D(2025, 11, 20)


def decide(people, trio, day=DECISION_DAY, ids=None, **kwargs):
    values = {
        "signer_name": "Hoàng Văn Nam",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "authority": "Giám đốc Sở Tài nguyên và Môi trường",
    }
    values.update(kwargs)
    return decisions.create_decision(
        people.secretariat,
        trio.campaign,
        trio.forms.gk,
        ids if ids is not None else [n.pk for n in trio.nominations],
        date=day,
        **values,
    )


# --- Prize money --------------------------------------------------------------------------------

# Coefficients in tenths: (individual, collective).
COEFFICIENTS = {GK: (3, 6), BK_UBND: (15, 30), BK_TTG: (35, 70), HC: (45, 90)}
# Dates either side of each change of the base salary, and the salary in force.
DATES = [
    (D(2024, 6, 30), 1_800_000),
    (D(2024, 7, 1), 2_340_000),
    (D(2026, 6, 30), 2_340_000),
    (D(2026, 7, 1), 2_530_000),
]


def expected_amount(code, subject, base):
    individual, collective = COEFFICIENTS[code]
    if subject == SubjectType.INDIVIDUAL:
        return base * individual // 10
    if subject == SubjectType.COLLECTIVE:
        return base * collective // 10
    return base * individual * 15 // 100  # household: 1.5 × the individual amount


@pytest.mark.parametrize("code", list(COEFFICIENTS))
@pytest.mark.parametrize("subject", list(SubjectType.values))
@pytest.mark.parametrize(("day", "base"), DATES)
def test_prize_money_for_every_form_subject_and_base_salary(
    award_forms, salaries, code, subject, day, base
):
    form = AwardForm.objects.get(code=code)
    assert prizes.prize_amount(form, subject, day) == expected_amount(code, subject, base)


def test_worked_example_of_15_december_2024(award_forms, salaries):
    day = D(2024, 12, 15)
    assert prizes.prize_amount(award_forms.gk, SubjectType.INDIVIDUAL, day) == 702_000
    assert prizes.prize_amount(award_forms.gk, SubjectType.COLLECTIVE, day) == 1_404_000
    assert prizes.prize_amount(award_forms.gk, SubjectType.HOUSEHOLD, day) == 1_053_000


def test_some_amounts_written_out(award_forms, salaries):
    assert prizes.prize_amount(award_forms.hc, SubjectType.HOUSEHOLD, D(2026, 7, 1)) == 17_077_500
    assert (
        prizes.prize_amount(award_forms.bk_ttg, SubjectType.COLLECTIVE, D(2024, 6, 30))
        == 12_600_000
    )
    assert (
        prizes.prize_amount(award_forms.bk_ubnd, SubjectType.INDIVIDUAL, D(2025, 1, 1)) == 3_510_000
    )


def test_rounding_setting_rounds_up_to_the_next_ten_thousand(award_forms, salaries, settings):
    settings.AWARDS_PRIZE_ROUNDING = 10_000
    assert prizes.prize_amount(award_forms.gk, SubjectType.INDIVIDUAL, D(2024, 12, 15)) == 710_000
    assert prizes.prize_amount(award_forms.gk, SubjectType.HOUSEHOLD, D(2024, 12, 15)) == 1_060_000
    assert prizes.prize_amount(award_forms.gk, SubjectType.HOUSEHOLD, D(2026, 7, 1)) == 1_140_000
    # A multiple of the step stays as it is.
    assert prizes.prize_amount(award_forms.gk, SubjectType.COLLECTIVE, D(2024, 6, 30)) == 1_080_000
    assert prizes.prize_amount(award_forms.hc, SubjectType.HOUSEHOLD, D(2026, 7, 1)) == 17_080_000


def test_rounding_is_off_by_default(award_forms, salaries, settings):
    settings.AWARDS_PRIZE_ROUNDING = 0
    assert prizes.prize_amount(award_forms.hc, SubjectType.HOUSEHOLD, D(2026, 7, 1)) == 17_077_500


def test_no_base_salary_in_force_is_a_clear_error(award_forms, salaries):
    with pytest.raises(prizes.NoBaseSalary) as caught:
        prizes.prize_amount(award_forms.gk, SubjectType.INDIVIDUAL, D(2023, 6, 30))
    assert "30/06/2023" in caught.value.messages[0]


def test_an_edited_household_multiplier_is_used(award_forms, salaries):
    award_forms.gk.household_multiplier = "2"
    assert prizes.prize_amount(award_forms.gk, SubjectType.HOUSEHOLD, D(2025, 1, 1)) == 1_404_000


# --- Decisions ----------------------------------------------------------------------------------


def test_decision_writes_the_registry_and_awards_the_nominations(people, orgs, trio):
    decision = decide(people, trio)
    assert decision.number_symbol == "01/QĐ-STNMT"
    assert decision.year == 2024 and decision.base_salary == 2_340_000
    assert decision.session_id == trio.session.pk
    records = {r.nomination_id: r for r in AwardRecord.objects.filter(decision=decision)}
    collective, individual, household = trio.nominations
    assert records[collective.pk].prize_amount == 1_404_000
    assert records[individual.pk].prize_amount == 702_000
    assert records[household.pk].prize_amount == 1_053_000
    for record in records.values():
        assert record.source == AwardRecord.Source.DECISION
        assert record.thematic is True
        assert record.owner_id == orgs.department.pk
        assert record.decision_number == "01/QĐ-STNMT"
        assert record.decision_date == D(2024, 12, 15)
    assert records[individual.pk].person_id == individual.nominee_person_id
    assert records[individual.pk].recipient_name_folded == "nguyen van an"
    assert set(Nomination.objects.values_list("status", flat=True)) == {Nomination.Status.AWARDED}
    event = AuditEvent.objects.get(action="awards.decision.created")
    assert event.actor == people.secretariat and event.data["total"] == 3_159_000
    assert AuditEvent.objects.filter(action="awards.nomination.awarded").count() == 3


def test_decision_may_take_some_of_the_passed_nominations(people, trio):
    decide(people, trio, ids=[trio.nominations[1].pk])
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    assert statuses[trio.nominations[1].pk] == Nomination.Status.AWARDED
    assert statuses[trio.nominations[0].pk] == Nomination.Status.PASSED
    assert [n.pk for n in decisions.passed_nominations(trio.campaign, trio.forms.gk)] == [
        trio.nominations[0].pk,
        trio.nominations[2].pk,
    ]


def test_numbers_run_per_organization_and_year_with_a_leading_zero(people, orgs, trio):
    gk = trio.forms.gk
    common = {
        "campaign": trio.campaign,
        "award_form": gk,
        "symbol": "QĐ-STNMT",
        "signer_name": "A",
        "signer_title": "B",
        "base_salary": 1,
    }
    for number in range(1, 5):
        Decision.objects.create(
            organization=orgs.department,
            year=2025,
            number=number,
            date=D(2025, 3, number),
            **common,
        )
    fifth = decide(people, trio, day=D(2025, 5, 5), ids=[trio.nominations[0].pk])
    assert fifth.number_symbol == "05/QĐ-STNMT"
    for number in range(6, 12):
        Decision.objects.create(
            organization=orgs.department,
            year=2025,
            number=number,
            date=D(2025, 6, number),
            **common,
        )
    twelfth = decide(people, trio, day=D(2025, 12, 20), ids=[trio.nominations[1].pk])
    assert twelfth.number_symbol == "12/QĐ-STNMT"
    # A new year starts the series again.
    first = decide(people, trio, day=D(2026, 1, 5), ids=[trio.nominations[2].pk])
    assert first.number_symbol == "01/QĐ-STNMT" and first.year == 2026


def test_another_organization_keeps_its_own_series(people, orgs, trio, award_forms):
    decide(people, trio, day=D(2025, 2, 1), ids=[trio.nominations[0].pk])
    other_dept = OrganizationFactory(
        code="so-b", name="Sở Nội vụ", abbreviation="SNV", parent=orgs.outsider_province
    )
    other_campaign = CampaignFactory(issuing_organization=other_dept, code="ke-hoach-b")
    nomination = make_nomination(
        other_campaign, award_forms.gk, other_dept, SubjectType.COLLECTIVE, "Sở Nội vụ"
    )
    from units.models import Membership, Role

    Membership.objects.create(user=people.outsider, organization=other_dept, role=Role.SECRETARIAT)
    decision = decisions.create_decision(
        people.outsider,
        other_campaign,
        award_forms.gk,
        [nomination.pk],
        date=D(2025, 2, 1),
        signer_name="X",
        signer_title="GIÁM ĐỐC",
        authority="Giám đốc Sở Nội vụ",
    )
    assert decision.number_symbol == "01/QĐ-SNV"


def test_decision_is_refused_for_a_form_proposed_upward(people, orgs, setup):
    nomination = make_nomination(
        setup.campaign, setup.forms.bk_ubnd, orgs.division, SubjectType.INDIVIDUAL, "Lê Thị Hoa"
    )
    with pytest.raises(ValidationError):
        decisions.create_decision(
            people.secretariat,
            setup.campaign,
            setup.forms.bk_ubnd,
            [nomination.pk],
            date=D(2025, 1, 1),
            signer_name="A",
            signer_title="B",
            authority="C",
        )
    assert not Decision.objects.exists()


@pytest.mark.parametrize("status", ["accepted", "on_agenda", "not_passed", "awarded", "draft"])
def test_decision_refuses_a_nomination_not_waiting(people, orgs, setup, status):
    nomination = make_nomination(
        setup.campaign,
        setup.forms.gk,
        orgs.division,
        SubjectType.INDIVIDUAL,
        "Lê Thị Hoa",
        status=status,
    )
    with pytest.raises(ValidationError):
        decisions.create_decision(
            people.secretariat,
            setup.campaign,
            setup.forms.gk,
            [nomination.pk],
            date=D(2025, 1, 1),
            signer_name="A",
            signer_title="B",
            authority="C",
        )
    assert not Decision.objects.exists() and not AwardRecord.objects.exists()


def test_the_same_nominations_cannot_be_decided_twice(people, trio):
    decide(people, trio)
    with pytest.raises(ValidationError):
        decide(people, trio)
    assert Decision.objects.count() == 1 and AwardRecord.objects.count() == 3


def test_decision_without_a_base_salary_changes_nothing(people, trio):
    with pytest.raises(prizes.NoBaseSalary):
        decide(people, trio, day=D(2023, 1, 10))
    assert not Decision.objects.exists()
    assert set(Nomination.objects.values_list("status", flat=True)) == {Nomination.Status.PASSED}


@pytest.mark.parametrize("role", ["staff", "head", "council_member", "council_chair", "outsider"])
def test_only_the_office_issues_decisions(people, trio, role):
    with pytest.raises(PermissionDenied):
        decisions.create_decision(
            getattr(people, role),
            trio.campaign,
            trio.forms.gk,
            [trio.nominations[0].pk],
            date=D(2025, 1, 1),
            signer_name="A",
            signer_title="B",
            authority="C",
        )


def test_decision_form_creates_the_decision_and_shows_the_document(client_for, people, trio):
    client = client_for(people.secretariat)
    url = reverse("award_decision_create", args=[trio.campaign.pk, trio.forms.gk.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hoàng Văn Nam" in html and "Giám đốc Sở Tài nguyên và Môi trường" in html
    response = client.post(
        url,
        {
            "nominations": [n.pk for n in trio.nominations],
            "date": "15/12/2024",
            "signer_name": "  Hoàng Văn Nam ",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "authority": "Giám đốc Sở Tài nguyên và Môi trường",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "award_decision_detail", args=[decision.pk]
    )
    assert decision.signer_name == "Hoàng Văn Nam"
    html = client.get(response.url).content.decode()
    assert "Số: 01/QĐ-STNMT" in html
    assert vi("DECISION") in html and "KT. GIÁM ĐỐC" in html and "PHÓ GIÁM ĐỐC" in html
    assert "GIÁM ĐỐC SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" in html
    assert "ngày 15 tháng 12 năm 2024" in html
    for name in ("Phòng Quản lý đất đai", "Nguyễn Văn An", "Hộ ông Đặng Văn Bình"):
        assert name in html
    assert "702.000" in html and "1.053.000" in html and 'data-total="3159000"' in html
    assert "3.159.000" in html
    # The plan of the campaign has no number on record: cited by its subject, as in the PDF.
    assert not decision.campaign.doc_number
    assert "Kế hoạch số /" not in html and "số /KH" not in html
    assert "Căn cứ Kế hoạch phát động Phong trào thi đua" in html


def test_the_signing_authority_typed_on_the_form_is_kept_and_printed(client_for, people, trio):
    url = reverse("award_decision_create", args=[trio.campaign.pk, trio.forms.gk.pk])
    client = client_for(people.secretariat)
    form = client.get(url).context["form"]
    assert form.initial["signer_authority"] == "KT. GIÁM ĐỐC"  # the plan's
    response = client.post(
        url,
        {
            "nominations": [trio.nominations[0].pk],
            "date": "15/12/2024",
            "signer_name": "Bùi Văn Côi",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "signer_authority": " tl. giám đốc ",
            "authority": "Giám đốc Sở Tài nguyên và Môi trường",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.signer_authority == "tl. giám đốc"
    html = client.get(response.url).content.decode()
    assert "TL. GIÁM ĐỐC" in html and "KT. GIÁM ĐỐC" not in html
    from reports.documents import signature

    assert signature(decision, trio.campaign).authority == "TL. GIÁM ĐỐC"


def test_decision_form_with_a_bad_date_changes_nothing(client_for, people, trio):
    url = reverse("award_decision_create", args=[trio.campaign.pk, trio.forms.gk.pk])
    response = client_for(people.secretariat).post(
        url,
        {
            "nominations": [trio.nominations[0].pk],
            "date": "31/02/2025",
            "signer_name": "A",
            "signer_title": "B",
            "authority": "C",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert not Decision.objects.exists()


def test_decision_form_without_base_salary_shows_the_reason(client_for, people, trio):
    url = reverse("award_decision_create", args=[trio.campaign.pk, trio.forms.gk.pk])
    response = client_for(people.secretariat).post(
        url,
        {
            "nominations": [trio.nominations[0].pk],
            "date": "01/01/2023",
            "signer_name": "A",
            "signer_title": "B",
            "authority": "C",
        },
    )
    assert response.status_code == 200
    assert "01/01/2023" in " ".join(response.context["form"].non_field_errors())
    assert not Decision.objects.exists()


def test_decision_form_with_nothing_chosen_is_an_error(client_for, people, trio):
    url = reverse("award_decision_create", args=[trio.campaign.pk, trio.forms.gk.pk])
    response = client_for(people.secretariat).post(
        url, {"date": "15/12/2024", "signer_name": "A", "signer_title": "B", "authority": "C"}
    )
    assert response.status_code == 200 and response.context["form"].errors["nominations"]
    response = client_for(people.secretariat).post(
        url,
        {
            "nominations": ["abc"],
            "date": "15/12/2024",
            "signer_name": "A",
            "signer_title": "B",
            "authority": "C",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["nominations"]
    assert not Decision.objects.exists()


def test_decision_form_for_a_proposed_form_goes_to_the_proposal(client_for, people, setup):
    url = reverse("award_decision_create", args=[setup.campaign.pk, setup.forms.bk_ubnd.pk])
    response = client_for(people.secretariat).get(url)
    assert response.url == reverse(
        "award_proposal_create", args=[setup.campaign.pk, setup.forms.bk_ubnd.pk]
    )


def test_overview_lists_what_waits_and_what_was_done(client_for, people, orgs, trio):
    make_nomination(
        trio.campaign, trio.forms.bk_ubnd, orgs.division, SubjectType.INDIVIDUAL, "Lê Thị Hoa"
    )
    client = client_for(people.secretariat)
    awaiting = client.get(reverse("award_decisions")).context["awaiting"]
    assert [(r["award_form_id"], r["count"]) for r in awaiting] == [
        (trio.forms.bk_ubnd.pk, 1),
        (trio.forms.gk.pk, 3),
    ]
    decide(people, trio)
    html = client.get(reverse("award_decisions")).content.decode()
    assert "01/QĐ-STNMT" in html


# --- Proposals ----------------------------------------------------------------------------------


@pytest.fixture
def upward(orgs, setup):
    """Three passed nominations for the Bằng khen of the provincial chairman."""
    form = setup.forms.bk_ubnd
    nominations = [
        make_nomination(
            setup.campaign, form, orgs.division, SubjectType.COLLECTIVE, "Phòng Quản lý đất đai"
        ),
        make_nomination(
            setup.campaign, form, orgs.division, SubjectType.INDIVIDUAL, "Trần Thị Mai"
        ),
        make_nomination(
            setup.campaign, form, orgs.other_division, SubjectType.HOUSEHOLD, "Hộ bà Lý Thị Sen"
        ),
    ]
    return SimpleNamespace(nominations=nominations, form=form, **vars(setup))


def propose(people, upward, day=PROPOSAL_DAY):
    return decisions.create_proposal(
        people.secretariat,
        upward.campaign,
        upward.form,
        [n.pk for n in upward.nominations],
        date=day,
        recipient=decisions.default_recipient(upward.form),
        signer_name="Hoàng Văn Nam",
        signer_title="PHÓ GIÁM ĐỐC",
    )


def test_proposal_numbers_and_marks_the_nominations_proposed(people, upward):
    proposal = propose(people, upward)
    assert proposal.number_symbol == "01/TTr-STNMT"
    assert proposal.recipient.startswith("Sở Nội vụ")
    assert proposal.status == Proposal.Status.SENT
    assert list(proposal.items.values_list("order", flat=True)) == [1, 2, 3]
    assert set(Nomination.objects.values_list("status", flat=True)) == {Nomination.Status.PROPOSED}
    assert not AwardRecord.objects.exists()
    assert AuditEvent.objects.filter(action="awards.proposal.created").count() == 1


def test_proposal_is_refused_for_a_form_decided_internally(people, trio):
    with pytest.raises(ValidationError):
        decisions.create_proposal(
            people.secretariat,
            trio.campaign,
            trio.forms.gk,
            [trio.nominations[0].pk],
            date=D(2025, 1, 1),
            recipient="UBND tỉnh",
            signer_name="A",
            signer_title="B",
        )


def test_outcome_awards_the_approved_and_rejects_the_others(people, orgs, upward):
    proposal = propose(people, upward)
    collective, individual, household = upward.nominations
    decisions.record_outcome(
        people.secretariat,
        proposal,
        number=" 1234/QĐ-UBND ",
        date=D(2026, 7, 1),
        issuer="Chủ tịch UBND tỉnh Lạng Sơn",
        approved_ids=[collective.pk, household.pk],
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ANSWERED
    assert proposal.outcome_number == "1234/QĐ-UBND" and proposal.outcome_date == D(2026, 7, 1)
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    assert statuses == {
        collective.pk: Nomination.Status.AWARDED,
        individual.pk: Nomination.Status.REJECTED,
        household.pk: Nomination.Status.AWARDED,
    }
    outcomes = dict(ProposalItem.objects.values_list("nomination_id", "outcome"))
    assert outcomes[individual.pk] == ProposalItem.Outcome.NOT_APPROVED
    records = {r.nomination_id: r for r in AwardRecord.objects.all()}
    assert set(records) == {collective.pk, household.pk}
    # Prize money at the base salary in force on the outcome's date (2,530,000).
    assert records[collective.pk].prize_amount == 7_590_000
    assert records[household.pk].prize_amount == 5_692_500
    assert records[collective.pk].source == AwardRecord.Source.PROPOSAL
    assert records[collective.pk].issuer == "Chủ tịch UBND tỉnh Lạng Sơn"
    assert records[collective.pk].owner_id == orgs.department.pk


def test_outcome_is_recorded_once(people, upward):
    proposal = propose(people, upward)
    decisions.record_outcome(
        people.secretariat,
        proposal,
        number="1/QĐ-UBND",
        date=D(2025, 12, 1),
        issuer="UBND tỉnh",
        approved_ids=[],
    )
    with pytest.raises(ValidationError):
        decisions.record_outcome(
            people.secretariat,
            proposal,
            number="2/QĐ-UBND",
            date=D(2025, 12, 2),
            issuer="UBND tỉnh",
            approved_ids=[upward.nominations[0].pk],
        )
    assert not AwardRecord.objects.exists()
    assert set(Nomination.objects.values_list("status", flat=True)) == {Nomination.Status.REJECTED}


def test_outcome_dated_before_the_proposal_is_refused(people, upward):
    proposal = propose(people, upward)
    with pytest.raises(ValidationError):
        decisions.record_outcome(
            people.secretariat,
            proposal,
            number="1/QĐ-UBND",
            date=D(2025, 1, 1),
            issuer="UBND tỉnh",
            approved_ids=[],
        )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SENT


def test_outcome_of_a_nominee_outside_the_proposal_is_refused(people, orgs, upward, trio):
    proposal = propose(people, upward)
    with pytest.raises(ValidationError):
        decisions.record_outcome(
            people.secretariat,
            proposal,
            number="1/QĐ-UBND",
            date=D(2025, 12, 1),
            issuer="UBND tỉnh",
            approved_ids=[trio.nominations[0].pk],
        )


def test_proposal_and_outcome_through_the_screens(client_for, people, upward):
    client = client_for(people.secretariat)
    url = reverse("award_proposal_create", args=[upward.campaign.pk, upward.form.pk])
    assert "Sở Nội vụ" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "nominations": [n.pk for n in upward.nominations],
            "date": "20/11/2025",
            "recipient": "Sở Nội vụ tỉnh Lạng Sơn",
            "signer_name": "Hoàng Văn Nam",
            "signer_title": "PHÓ GIÁM ĐỐC",
        },
    )
    proposal = Proposal.objects.get()
    assert response.url == reverse("award_proposal_detail", args=[proposal.pk])
    html = client.get(response.url).content.decode()
    assert (
        vi("PROPOSAL") in html
        and "Số: 01/TTr-STNMT" in html
        and f"{vi('To:')} Sở Nội vụ tỉnh Lạng Sơn" in html
    )
    outcome_url = reverse("award_proposal_outcome", args=[proposal.pk])
    response = client.post(
        outcome_url,
        {
            "number": "1234/QĐ-UBND",
            "date": "10/12/2025",
            "issuer": "Chủ tịch UBND tỉnh",
            "approved": [upward.nominations[1].pk],
        },
    )
    assert response.url == reverse("award_proposal_detail", args=[proposal.pk])
    assert AwardRecord.objects.get().prize_amount == 3_510_000
    # Read-only afterwards.
    response = client.get(outcome_url)
    assert response.status_code == 302
    html = client.get(reverse("award_proposal_detail", args=[proposal.pk])).content.decode()
    assert (
        "1234/QĐ-UBND" in html and reverse("award_proposal_outcome", args=[proposal.pk]) not in html
    )


def test_outcome_form_with_a_bad_date_changes_nothing(client_for, people, upward):
    proposal = propose(people, upward)
    response = client_for(people.secretariat).post(
        reverse("award_proposal_outcome", args=[proposal.pk]),
        {"number": "1234/QĐ-UBND", "date": "hôm qua", "issuer": "UBND", "approved": []},
    )
    assert response.status_code == 200 and response.context["form"].errors["date"]
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SENT


# --- Nominations of a campaign by status ---------------------------------------------------------


def test_campaign_nominations_filter_by_status(client_for, people, orgs, trio):
    make_nomination(
        trio.campaign,
        trio.forms.gk,
        orgs.division,
        SubjectType.INDIVIDUAL,
        "Vũ Văn C",
        status="accepted",
    )
    client = client_for(people.secretariat)
    url = reverse("campaign_nominations_by_status", args=[trio.campaign.pk])
    assert client.get(url).context["page"].paginator.count == 4
    response = client.get(url, {"status": "passed"})
    assert response.context["page"].paginator.count == 3
    assert client.get(url, {"status": "nonsense"}).context["page"].paginator.count == 4


@pytest.mark.parametrize("count", [3, 30])
def test_campaign_nominations_query_budget(
    client_for, people, orgs, setup, count, django_assert_max_num_queries
):
    for index in range(count):
        make_nomination(
            setup.campaign, setup.forms.gk, orgs.division, SubjectType.COLLECTIVE, f"Tổ {index}"
        )
    client = client_for(people.secretariat)
    url = reverse("campaign_nominations_by_status", args=[setup.campaign.pk])
    client.get(url)
    # session, user, memberships, campaign, count, page, unread notifications
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


# --- Permission matrix ----------------------------------------------------------------------------


@pytest.fixture
def documents(people, trio, upward):
    decision = decide(people, trio)
    proposal = propose(people, upward)
    return SimpleNamespace(
        decision=decision, proposal=proposal, campaign=trio.campaign, forms=trio.forms
    )


def _urls(documents):
    campaign, forms = documents.campaign, documents.forms
    return {
        "overview": reverse("award_decisions"),
        "decision_create": reverse("award_decision_create", args=[campaign.pk, forms.gk.pk]),
        "decision_detail": reverse("award_decision_detail", args=[documents.decision.pk]),
        "proposal_create": reverse("award_proposal_create", args=[campaign.pk, forms.hc.pk]),
        "proposal_detail": reverse("award_proposal_detail", args=[documents.proposal.pk]),
        "proposal_outcome": reverse("award_proposal_outcome", args=[documents.proposal.pk]),
        "by_status": reverse("campaign_nominations_by_status", args=[campaign.pk]),
    }


MATRIX = {
    # view:             office, staff, head, council member, chair, outsider (other province)
    "overview": (200, 403, 403, 403, 403, 200),
    "decision_create": (200, 403, 403, 403, 403, 404),
    "decision_detail": (200, 403, 403, 200, 200, 404),
    "proposal_create": (200, 403, 403, 403, 403, 404),
    "proposal_detail": (200, 403, 403, 200, 200, 404),
    "proposal_outcome": (200, 403, 403, 403, 403, 404),
    "by_status": (200, 403, 403, 403, 403, 404),
}
ROLES = ("secretariat", "staff", "head", "council_member", "council_chair", "outsider")


@pytest.mark.parametrize("view", list(MATRIX))
def test_permission_matrix(client, people, documents, view):
    url = _urls(documents)[view]
    for role, expected in zip(ROLES, MATRIX[view], strict=True):
        client.force_login(getattr(people, role))
        assert client.get(url).status_code == expected, (view, role)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response.url


def test_outsider_overview_shows_nothing_of_another_province(client_for, people, documents):
    response = client_for(people.outsider).get(reverse("award_decisions"))
    assert response.context["decisions"] == [] and response.context["proposals"] == []
    assert response.context["awaiting"] == []


def test_missing_objects_are_404(client_for, people, documents):
    client = client_for(people.secretariat)
    assert client.get(reverse("award_decision_detail", args=[999999])).status_code == 404
    assert client.get(reverse("award_proposal_detail", args=[999999])).status_code == 404
    assert (
        client.get(
            reverse("award_decision_create", args=[documents.campaign.pk, 999999])
        ).status_code
        == 404
    )
    # An award form the campaign neither offers nor has nominations for.
    assert (
        client.get(
            reverse(
                "award_proposal_create", args=[documents.campaign.pk, documents.forms.bk_ttg.pk]
            )
        ).status_code
        == 404
    )
