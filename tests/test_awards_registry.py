"""The award registry: search with or without diacritics, filters, totals, exports equal to the
page, manual entry, histories, the public list of awardees, the dashboard panel and the
permission matrix."""

import csv
import datetime
import io
import unicodedata
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import hooks_decisions, registry
from awards.models import AwardRecord, Nomination
from campaign import panels
from campaign.models import Campaign, SubjectType
from units.models import AuditEvent, Person

from . import test_awards_decisions as base
from .factories import CampaignFactory

# Shared fixtures and builders of the decisions tests.
award_forms, salaries, setup, trio = base.award_forms, base.salaries, base.setup, base.trio
decide, make_nomination = base.decide, base.make_nomination

D = datetime.date


def manual(owner, award_form, name, **values):
    defaults = {
        "source": AwardRecord.Source.MANUAL,
        "award_form": award_form,
        "subject_type": SubjectType.INDIVIDUAL,
        "recipient_name": name,
        "owner": owner,
        "year": 2020,
        "decision_number": "10/QĐ-STNMT",
        "decision_date": D(2020, 5, 4),
        "issuer": "Giám đốc Sở",
        "prize_amount": 447_000,
    }
    defaults.update(values)
    return AwardRecord.objects.create(**defaults)


@pytest.fixture
def awarded(people, orgs, trio):
    """The trio decided on 15/12/2024, plus earlier awards entered by hand."""
    decision = decide(people, trio)
    dang = manual(orgs.department, trio.forms.bk_ubnd, "Đặng Thị Hoa", prize_amount=2_235_000)
    old = manual(
        orgs.department, trio.forms.gk, "Nguyễn Văn Anh", year=2019, decision_date=D(2019, 3, 1)
    )
    return SimpleNamespace(decision=decision, dang=dang, old=old, **vars(trio))


def names(response):
    return [row["record"].recipient_name for row in response.context["rows"]]


# --- Search and filters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van an", {"Nguyễn Văn An", "Nguyễn Văn Anh"}),
        ("Nguyễn Văn An", {"Nguyễn Văn An", "Nguyễn Văn Anh"}),
        ("NGUYEN VAN ANH", {"Nguyễn Văn Anh"}),
        ("dang", {"Đặng Thị Hoa", "Hộ ông Đặng Văn Bình"}),
        ("đặng thị", {"Đặng Thị Hoa"}),
        (unicodedata.normalize("NFD", "Đặng Thị"), {"Đặng Thị Hoa"}),
        ("hoa dang", {"Đặng Thị Hoa"}),
        ("khong co ai", set()),
    ],
)
def test_search_with_or_without_diacritics(client_for, people, awarded, query, expected):
    response = client_for(people.secretariat).get(reverse("registry_list"), {"q": query})
    assert set(names(response)) == expected


def test_filters_by_campaign_year_form_and_subject(client_for, people, awarded):
    client = client_for(people.secretariat)
    url = reverse("registry_list")
    assert len(names(client.get(url))) == 5
    assert len(names(client.get(url, {"campaign": awarded.campaign.pk}))) == 3
    assert set(names(client.get(url, {"year": 2019}))) == {"Nguyễn Văn Anh"}
    assert set(names(client.get(url, {"award_form": awarded.forms.bk_ubnd.pk}))) == {"Đặng Thị Hoa"}
    assert set(names(client.get(url, {"subject_type": "household"}))) == {"Hộ ông Đặng Văn Bình"}
    # Bad values are dropped, not errors.
    response = client.get(url, {"year": "abc", "campaign": "-1", "subject_type": "x", "page": "zz"})
    assert response.status_code == 200 and len(names(response)) == 5


def test_registry_rows_show_the_unit(client_for, people, orgs, awarded):
    rows = client_for(people.secretariat).get(reverse("registry_list")).context["rows"]
    units = {row["record"].recipient_name: row["cells"][2] for row in rows}
    assert units["Nguyễn Văn An"] == orgs.division.name
    assert units["Phòng Quản lý đất đai"] == orgs.department.name
    assert units["Hộ ông Đặng Văn Bình"] == "Xã Hữu Lũng"


@pytest.mark.parametrize("count", [3, 40])
def test_registry_list_query_budget(
    client_for, people, orgs, setup, count, django_assert_max_num_queries
):
    for index in range(count):
        person = Person.objects.create(full_name=f"Lê Văn {index}", organization=orgs.division)
        manual(orgs.department, setup.forms.gk, person.full_name, person=person)
        manual(
            orgs.department,
            setup.forms.gk,
            f"Tổ {index}",
            subject_type=SubjectType.COLLECTIVE,
            organization=orgs.division,
        )
    client = client_for(people.secretariat)
    url = reverse("registry_list")
    client.get(url)
    # session, user, memberships, count, page, the office check for manual entry (no query:
    # memberships cached), campaigns, years, award forms, unread notifications
    with django_assert_max_num_queries(10):
        assert client.get(url, {"q": "le van"}).status_code == 200


# --- Export equals the page ----------------------------------------------------------------------


def test_csv_export_carries_the_page(client_for, people, awarded):
    client = client_for(people.secretariat)
    params = {"q": "nguyen"}
    page = client.get(reverse("registry_list"), params)
    response = client.get(reverse("registry_list"), {**params, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [str(h) for h in page.context["headers"]]
    expected = [
        [
            ""
            if v is None
            else (v.strftime("%Y-%m-%d") if isinstance(v, datetime.date) else str(v))
            for v in row["cells"]
        ]
        for row in page.context["rows"]
    ]
    assert rows[1:] == expected
    assert len(rows) == 3


def test_xlsx_export_carries_the_page(client_for, people, awarded):
    from openpyxl import load_workbook

    client = client_for(people.secretariat)
    page = client.get(reverse("registry_list"))
    response = client.get(reverse("registry_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(values) == len(page.context["rows"]) == 5
    for got, row in zip(values, page.context["rows"], strict=True):
        cells = row["cells"]
        assert got[1] == cells[1] and got[6] == cells[6] and got[9] == cells[9]
        assert got[7].date() == cells[7]


# --- Totals --------------------------------------------------------------------------------------


def test_totals_per_campaign_year_and_form_in_one_query(people, orgs, awarded):
    with CaptureQueriesContext(connection) as queries:
        rows = registry.totals([orgs.department])
    assert len(queries) == 1
    by_key = {(r["campaign_id"], r["year"], r["award_form_id"]): r for r in rows}
    decided = by_key[(awarded.campaign.pk, 2024, awarded.forms.gk.pk)]
    assert decided["count"] == 3 and decided["total"] == 3_159_000
    assert (decided["collectives"], decided["individuals"], decided["households"]) == (1, 1, 1)
    assert by_key[(None, 2020, awarded.forms.bk_ubnd.pk)]["total"] == 2_235_000
    assert by_key[(None, 2019, awarded.forms.gk.pk)]["count"] == 1


def test_totals_page(client_for, people, awarded):
    response = client_for(people.secretariat).get(reverse("registry_totals"))
    assert response.context["grand_count"] == 5
    assert response.context["grand_total"] == 3_159_000 + 2_235_000 + 447_000
    response = client_for(people.secretariat).get(reverse("registry_totals"), {"year": 2024})
    assert response.context["grand_total"] == 3_159_000


# --- Manual entry --------------------------------------------------------------------------------


def test_office_enters_an_earlier_award(client_for, people, orgs, setup):
    person = Person.objects.create(full_name="Lò Thị Hạnh", organization=orgs.division)
    response = client_for(people.secretariat).post(
        reverse("registry_manual_create"),
        {
            "owner": orgs.department.pk,
            "award_form": setup.forms.bk_ubnd.pk,
            "subject_type": "individual",
            "person": person.pk,
            "recipient_name": "",
            "decision_number": "  215/QĐ-UBND ",
            "decision_date": "12/03/2021",
            "issuer": "Chủ tịch UBND tỉnh",
            "prize_amount": "2235000",
        },
    )
    assert response.status_code == 302
    record = AwardRecord.objects.get()
    assert record.source == AwardRecord.Source.MANUAL and record.recipient_name == "Lò Thị Hạnh"
    assert (
        record.person == person and record.year == 2021 and record.decision_number == "215/QĐ-UBND"
    )
    assert record.thematic is False and record.owner == orgs.department
    assert AuditEvent.objects.filter(action="awards.registry.manual_added").count() == 1


def test_manual_entry_keeps_text_in_nfc(client_for, people, orgs, setup):
    client_for(people.secretariat).post(
        reverse("registry_manual_create"),
        {
            "owner": orgs.department.pk,
            "award_form": setup.forms.gk.pk,
            "subject_type": "household",
            "recipient_name": unicodedata.normalize("NFD", "Hộ ông Hoàng Văn Tư"),
            "decision_number": "3/QĐ-STNMT",
            "decision_date": "01/02/2022",
            "issuer": "Giám đốc Sở",
            "thematic": "on",
        },
    )
    record = AwardRecord.objects.get()
    assert record.recipient_name == unicodedata.normalize("NFC", "Hộ ông Hoàng Văn Tư")
    assert record.recipient_name_folded == "ho ong hoang van tu"


@pytest.mark.parametrize(
    "bad",
    [
        {"recipient_name": ""},
        {"decision_date": "32/01/2022"},
        {"prize_amount": "-5"},
        {"award_form": "999999"},
        {"owner": "999999"},
    ],
)
def test_manual_entry_with_bad_input_adds_nothing(client_for, people, orgs, setup, bad):
    data = {
        "owner": orgs.department.pk,
        "award_form": setup.forms.gk.pk,
        "subject_type": "individual",
        "recipient_name": "Lò Văn A",
        "decision_number": "3/QĐ-STNMT",
        "decision_date": "01/02/2022",
        "issuer": "Giám đốc Sở",
    }
    data.update(bad)
    response = client_for(people.secretariat).post(reverse("registry_manual_create"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not AwardRecord.objects.exists()


def test_manual_entry_refuses_a_campaign_of_another_organization(client_for, people, orgs, setup):
    other = CampaignFactory(issuing_organization=orgs.outsider_province, code="khac")
    response = client_for(people.secretariat).post(
        reverse("registry_manual_create"),
        {
            "owner": orgs.department.pk,
            "campaign": other.pk,
            "award_form": setup.forms.gk.pk,
            "subject_type": "individual",
            "recipient_name": "Lò Văn A",
            "decision_number": "3/QĐ-STNMT",
            "decision_date": "01/02/2022",
            "issuer": "Giám đốc Sở",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["campaign"]
    assert not AwardRecord.objects.exists()


# --- Histories -----------------------------------------------------------------------------------


def test_person_and_unit_history(client_for, people, orgs, awarded):
    individual = awarded.nominations[1]
    client = client_for(people.staff)
    response = client.get(reverse("registry_person", args=[individual.nominee_person_id]))
    assert [r.recipient_name for r in response.context["records"]] == ["Nguyễn Văn An"]
    response = client.get(reverse("registry_unit", args=[orgs.division.pk]))
    assert [r.recipient_name for r in response.context["collective"]] == ["Phòng Quản lý đất đai"]
    assert [r.recipient_name for r in response.context["individuals"]] == ["Nguyễn Văn An"]


# --- Public list of awardees ---------------------------------------------------------------------


def test_public_page_lists_the_awardees_without_login(client, awarded):
    response = client.get(reverse("public_awardees", args=[awarded.campaign.code]))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Phòng Quản lý đất đai", "Nguyễn Văn An", "Hộ ông Đặng Văn Bình", "01/QĐ-STNMT"):
        assert name in html
    # Not a campaign award, and no prize money, on the public page.
    assert "Đặng Thị Hoa" not in html and "702.000" not in html


def test_public_page_of_a_draft_or_unknown_campaign_is_404(client, awarded):
    Campaign.objects.filter(pk=awarded.campaign.pk).update(status=Campaign.Status.DRAFT)
    assert client.get(reverse("public_awardees", args=[awarded.campaign.code])).status_code == 404
    assert client.get(reverse("public_awardees", args=["khong-co"])).status_code == 404


# --- Permission matrix ---------------------------------------------------------------------------

ROLES = (
    "secretariat",
    "staff",
    "head",
    "other_staff",
    "council_member",
    "council_chair",
    "outsider",
)
MATRIX = {
    # view:          office, staff, head, other unit's staff, council member, chair, outsider
    "list": (200, 403, 403, 403, 200, 200, 200),
    "totals": (200, 403, 403, 403, 200, 200, 200),
    "manual": (200, 403, 403, 403, 403, 403, 200),
    "person": (200, 200, 200, 404, 200, 200, 404),
    "unit": (200, 200, 200, 404, 200, 200, 404),
}


def _urls(awarded, orgs):
    return {
        "list": reverse("registry_list"),
        "totals": reverse("registry_totals"),
        "manual": reverse("registry_manual_create"),
        "person": reverse("registry_person", args=[awarded.nominations[1].nominee_person_id]),
        "unit": reverse("registry_unit", args=[orgs.division.pk]),
    }


@pytest.mark.parametrize("view", list(MATRIX))
def test_permission_matrix(client, people, orgs, awarded, view):
    url = _urls(awarded, orgs)[view]
    for role, expected in zip(ROLES, MATRIX[view], strict=True):
        client.force_login(getattr(people, role))
        assert client.get(url).status_code == expected, (view, role)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response.url


def test_outsider_registry_shows_nothing_of_another_province(client_for, people, awarded):
    response = client_for(people.outsider).get(reverse("registry_list"))
    assert response.context["rows"] == []
    response = client_for(people.outsider).get(reverse("registry_list"), {"export": "csv"})
    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 1


def test_person_of_an_unknown_id_is_404(client_for, people, awarded):
    assert (
        client_for(people.secretariat).get(reverse("registry_person", args=[999999])).status_code
        == 404
    )


# --- The dashboard panel -------------------------------------------------------------------------


def _panel(people, campaign):
    request = RequestFactory().get("/")
    request.user = people.secretariat
    return hooks_decisions.nominations_by_stage(request, campaign)


def test_panel_counts_nominations_per_status(people, orgs, setup, django_assert_num_queries):
    campaign, gk = setup.campaign, setup.forms.gk
    assert _panel(people, campaign) is None  # nothing to show without nominations
    for status, count in (("draft", 2), ("submitted", 1), ("passed", 3), ("awarded", 1)):
        for index in range(count):
            make_nomination(
                campaign,
                gk,
                orgs.division,
                SubjectType.COLLECTIVE,
                f"{status} {index}",
                status=status,
            )
    with django_assert_num_queries(1):
        result = _panel(people, campaign)
    rows = {row["status"]: row for row in result["context"]["rows"]}
    assert rows["draft"]["count"] == 2 and rows["draft"]["url"] == ""
    assert rows["passed"]["count"] == 3
    assert rows["passed"]["url"].endswith("?status=passed")
    assert rows["awarded"]["url"] == reverse("registry_list") + f"?campaign={campaign.pk}"
    assert rows["not_passed"]["count"] == 0 and rows["not_passed"]["url"] == ""
    assert result["context"]["total"] == 7


@pytest.mark.parametrize("count", [2, 40])
def test_panel_query_budget_does_not_grow(people, orgs, setup, count, django_assert_num_queries):
    statuses = list(Nomination.Status.values)
    for index in range(count):
        make_nomination(
            setup.campaign,
            setup.forms.gk,
            orgs.division,
            SubjectType.COLLECTIVE,
            f"Tổ {index}",
            status=statuses[index % len(statuses)],
        )
    with django_assert_num_queries(1):
        _panel(people, setup.campaign)


def test_panel_shows_on_the_office_dashboard(client_for, people, orgs, setup):
    assert hooks_decisions.nominations_by_stage in panels.registered()
    make_nomination(
        setup.campaign,
        setup.forms.gk,
        orgs.division,
        SubjectType.COLLECTIVE,
        "Tổ 1",
        status="passed",
    )
    response = client_for(people.secretariat).get(
        reverse("dashboard_office", args=[setup.campaign.pk])
    )
    html = response.content.decode()
    assert 'id="table-nominations"' in html
    assert (
        reverse("campaign_nominations_by_status", args=[setup.campaign.pk]) + "?status=passed"
        in html
    )


# --- Administration ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["decision", "proposal", "awardrecord"])
def test_admin_lists_are_read_only(client_for, people, awarded, model):
    client = client_for(people.admin)
    assert client.get(reverse(f"admin:awards_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:awards_{model}_add")).status_code == 403
