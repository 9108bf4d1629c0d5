"""Campaign set-up by the secretariat: key projects, tasks and indicators, bulk assignment,
reporting periods."""

import datetime
import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from campaign import setup
from campaign.models import (
    Campaign,
    ContentItem,
    Indicator,
    IndicatorValue,
    KeyProject,
    ProgressReport,
    ReportingPeriod,
    Task,
)
from units.models import AuditEvent

from .factories import CampaignFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def vi(message, params=None) -> str:
    """The message as the Vietnamese interface shows it, HTML-escaped."""
    with override("vi"):
        text = gettext(message)
    return escape(text % params if params else text)


CAMPAIGN_PERIOD = {"start": "15/08/2022", "end": "31/12/2025"}


@pytest.fixture
def project(orgs):
    return KeyProject.objects.create(
        organization=orgs.department,
        code="cao-toc-dong-dang",
        name="Cao tốc Đồng Đăng – Trà Lĩnh",
        investor="Ban QLDA",
        location="Cao Lộc",
        land_area_ha=Decimal("120.5"),
        affected_households=350,
    )


def task_data(work, **overrides):
    data = {
        "content_item": work.task.content_item_id,
        "unit": overrides.pop("unit", None) or work.task.unit_id,
        "project": "",
        "title": "Thẩm định giá đất cụ thể",
        "description": "",
        "start_date": "01/03/2024",
        "deadline": "31/12/2024",
    }
    data.update(overrides)
    return data


def indicator_rows(rows, initial=0, prefix="indicators"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name in ("id", "name", "unit_of_measure", "target", "kind", "DELETE"):
            if name in row:
                data[f"{prefix}-{index}-{name}"] = row[name]
        data.setdefault(f"{prefix}-{index}-kind", "cumulative")
    return data


ONE_INDICATOR = [{"name": "Phương án đã thẩm định", "unit_of_measure": "phương án", "target": "12"}]


def report_value(work, indicator, unit, value="1"):
    """A unit's draft report holding a value for `indicator`: the task has been reported on."""
    report = ProgressReport.objects.create(period=work.periods[0], unit=unit)
    return IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(value))


# --- who may set up a campaign ----------------------------------------------------------------


def _campaign_urls(work):
    pk = work.campaign.pk
    return [
        reverse("setup_task_list", args=[pk]),
        reverse("setup_task_create", args=[pk]),
        reverse("setup_task_edit", args=[pk, work.task.pk]),
        reverse("setup_task_delete", args=[pk, work.task.pk]),
        reverse("setup_task_bulk_assign", args=[pk]),
        reverse("setup_period_list", args=[pk]),
        reverse("setup_period_edit", args=[pk, work.periods[0].pk]),
    ]


def test_secretariat_opens_every_setup_screen(client_for, people, work, project):
    client = client_for(people.secretariat)
    urls = [
        *_campaign_urls(work),
        reverse("setup_project_list"),
        reverse("setup_project_create"),
        reverse("setup_project_edit", args=[project.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["staff", "head", "council_member", "council_chair"])
def test_unit_and_council_users_are_refused_setup(client_for, people, work, project, persona):
    client = client_for(getattr(people, persona))
    for url in [
        *_campaign_urls(work),
        reverse("setup_project_list"),
        reverse("setup_project_create"),
        reverse("setup_project_edit", args=[project.pk]),
    ]:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("persona", ["staff", "head", "council_member"])
def test_refused_users_change_nothing_by_posting(client_for, people, work, persona):
    client = client_for(getattr(people, persona))
    pk = work.campaign.pk
    tasks_before = Task.objects.count()
    posts = [
        (
            reverse("setup_task_create", args=[pk]),
            {**task_data(work), **indicator_rows(ONE_INDICATOR)},
        ),
        (reverse("setup_task_delete", args=[pk, work.other_task.pk]), {}),
        (reverse("setup_period_generate", args=[pk]), {"frequency": "monthly", "due_days": "5"}),
        (reverse("setup_project_create"), {"code": "x", "name": "X"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Task.objects.count() == tasks_before
    assert ReportingPeriod.objects.count() == 3
    assert not KeyProject.objects.exists()


def test_another_provinces_secretariat_gets_404(client_for, people, work, project):
    client = client_for(people.outsider)
    for url in [*_campaign_urls(work), reverse("setup_project_edit", args=[project.pk])]:
        assert client.get(url).status_code == 404, url
    # Their own project list exists but does not show province A's projects.
    response = client.get(reverse("setup_project_list"))
    assert response.status_code == 200
    assert project.name not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, work, project):
    for url in [
        *_campaign_urls(work),
        reverse("setup_project_list"),
        reverse("setup_project_edit", args=[project.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]


def test_a_task_of_another_campaign_is_not_found(client_for, people, orgs, work):
    other = CampaignFactory(issuing_organization=orgs.department, code="khac")
    client = client_for(people.secretariat)
    assert client.get(reverse("setup_task_edit", args=[other.pk, work.task.pk])).status_code == 404
    period_url = reverse("setup_period_edit", args=[other.pk, work.periods[0].pk])
    assert client.get(period_url).status_code == 404


def test_services_refuse_a_user_without_the_secretariat_role(people, work):
    with pytest.raises(PermissionDenied):
        setup.generate_periods(people.head, work.campaign, "monthly", 5)
    with pytest.raises(PermissionDenied):
        setup.delete_task(people.staff, work.campaign, work.other_task)


# --- key projects -----------------------------------------------------------------------------


def _project_data(**overrides):
    data = {
        "code": "quoc-lo-4b",
        "name": "Cải tạo, nâng cấp Quốc lộ 4B",
        "investor": "Sở Giao thông vận tải",
        "location": "Lộc Bình",
        "land_area_ha": "1.234,5",
        "affected_households": "215",
        "affected_organizations": "3",
        "compensation_estimate": "85,75",
        "resettlement_lots": "40",
        "handover_deadline": "30/06/2025",
    }
    data.update(overrides)
    return data


def test_secretariat_creates_a_key_project_for_its_organization(client_for, people, orgs):
    response = client_for(people.secretariat).post(
        reverse("setup_project_create"), _project_data(code="Quoc-Lo-4B")
    )
    assert response.status_code == 302
    project = KeyProject.objects.get()
    assert project.organization == orgs.department
    assert project.code == "quoc-lo-4b"
    assert project.land_area_ha == Decimal("1234.5")
    assert project.compensation_estimate == Decimal("85.75")
    assert project.handover_deadline == datetime.date(2025, 6, 30)
    event = AuditEvent.objects.get(action="campaign.project.created")
    assert event.data["after"]["code"] == "quoc-lo-4b"


def test_duplicate_project_code_is_refused_in_vietnamese(client_for, people, project):
    response = client_for(people.secretariat).post(
        reverse("setup_project_create"), _project_data(code=project.code)
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert (
        vi("This code is already used by the project “%(name)s”.") % {"name": escape(project.name)}
        in content
    )
    assert KeyProject.objects.count() == 1


def test_the_same_code_is_free_in_another_organization(people, orgs, project):
    KeyProject.objects.create(organization=orgs.outsider_province, code=project.code, name="B")
    assert KeyProject.objects.filter(code=project.code).count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("land_area_ha", "-3", "Enter a number ≥ 0."),
        ("compensation_estimate", "nhiều", "Enter a number ≥ 0."),
        ("affected_households", "-1", "Enter a whole number ≥ 0."),
        ("handover_deadline", "2025-06-30", "Enter the date as dd/mm/yyyy, e.g. 31/12/2025."),
        (
            "code",
            "quốc lộ",
            "Use only unaccented letters, digits and hyphens, e.g. cao-toc-dong-dang.",
        ),
    ],
)
def test_bad_project_figures_are_refused(client_for, people, field, value, message):
    response = client_for(people.secretariat).post(
        reverse("setup_project_create"), _project_data(**{field: value})
    )
    assert response.status_code == 200
    assert vi(message) in response.content.decode()
    assert not KeyProject.objects.exists()


def test_editing_a_project_keeps_its_organization_and_logs_the_change(
    client_for, people, orgs, project
):
    data = _project_data(code=project.code, organization=orgs.outsider_province.pk)
    response = client_for(people.secretariat).post(
        reverse("setup_project_edit", args=[project.pk]), data
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.organization == orgs.department
    assert project.name == "Cải tạo, nâng cấp Quốc lộ 4B"
    event = AuditEvent.objects.get(action="campaign.project.updated")
    assert event.data["changes"]["name"][0] == "Cao tốc Đồng Đăng – Trà Lĩnh"


def test_project_search_matches_name_code_investor_and_location(client_for, people, orgs, project):
    KeyProject.objects.create(organization=orgs.department, code="kcn", name="Khu công nghiệp")
    client = client_for(people.secretariat)
    url = reverse("setup_project_list")
    assert "Khu công nghiệp" not in client.get(url, {"q": "Cao Lộc"}).content.decode()
    assert project.name in client.get(url, {"q": "Cao Lộc"}).content.decode()
    assert project.name in client.get(url, {"q": "dong-dang"}).content.decode()
    assert "Khu công nghiệp" in client.get(url, {"q": "kcn"}).content.decode()


def test_project_list_uses_a_fixed_number_of_queries(
    client_for, people, orgs, django_assert_max_num_queries
):
    client = client_for(people.secretariat)
    for size in (3, 60):
        KeyProject.objects.all().delete()
        KeyProject.objects.bulk_create(
            KeyProject(organization=orgs.department, code=f"da-{n}", name=f"Dự án {n}")
            for n in range(size)
        )
        # session, user, memberships, unread notifications, count, page of projects with task counts
        with django_assert_max_num_queries(6):
            assert client.get(reverse("setup_project_list")).status_code == 200


# --- tasks and indicators ---------------------------------------------------------------------


def test_secretariat_creates_a_task_with_indicators(client_for, people, orgs, work, project):
    rows = [
        {"name": "Phương án đã thẩm định", "unit_of_measure": "phương án", "target": "12"},
        {"name": "Diện tích", "unit_of_measure": "ha", "target": "2,5", "kind": "per_period"},
        {},  # an empty row is ignored
    ]
    data = {**task_data(work, project=project.pk), **indicator_rows(rows)}
    response = client_for(people.secretariat).post(
        reverse("setup_task_create", args=[work.campaign.pk]), data
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Thẩm định giá đất cụ thể")
    assert task.unit == orgs.division
    assert task.project == project
    indicators = list(task.indicators.order_by("order"))
    assert [(i.order, i.name, i.target, i.kind) for i in indicators] == [
        (1, "Phương án đã thẩm định", Decimal("12"), "cumulative"),
        (2, "Diện tích", Decimal("2.5"), "per_period"),
    ]
    event = AuditEvent.objects.get(action="campaign.task.created")
    assert event.object_id == str(task.pk)
    assert len(event.data["after"]["indicators"]) == 2


def test_task_text_is_stored_in_nfc(client_for, people, work):
    decomposed = unicodedata.normalize("NFD", "Thẩm định giá đất")
    data = {**task_data(work, title=decomposed), **indicator_rows(ONE_INDICATOR)}
    client_for(people.secretariat).post(reverse("setup_task_create", args=[work.campaign.pk]), data)
    assert Task.objects.filter(title=unicodedata.normalize("NFC", decomposed)).exists()


@pytest.mark.parametrize(
    ("overrides", "rows", "message"),
    [
        ({}, [{**ONE_INDICATOR[0], "target": "-5"}], "The target must be a number ≥ 0."),
        ({}, [{**ONE_INDICATOR[0], "target": "mười"}], "The target must be a number ≥ 0."),
        (
            {"start_date": "01/06/2024", "deadline": "01/05/2024"},
            ONE_INDICATOR,
            "The deadline must not be before the start date.",
        ),
        ({}, [], "Enter at least one indicator for the task."),
        ({}, [{}, {}], "Enter at least one indicator for the task."),
        ({}, [{"unit_of_measure": "ha", "target": "1"}], "Enter the indicator's name."),
        (
            {},
            [{"name": "Diện tích", "target": "1"}],
            "Enter the unit of measure (ha, hộ, hồ sơ …).",
        ),
        (
            {"deadline": "31/12/2026"},
            ONE_INDICATOR,
            (
                "The deadline must fall within the campaign period (%(start)s – %(end)s).",
                CAMPAIGN_PERIOD,
            ),
        ),
        (
            {"start_date": "01/01/2020"},
            ONE_INDICATOR,
            (
                "The start date must fall within the campaign period (%(start)s – %(end)s).",
                CAMPAIGN_PERIOD,
            ),
        ),
        (
            {"start_date": "2024-03-01"},
            ONE_INDICATOR,
            "Enter the date as dd/mm/yyyy, e.g. 31/12/2025.",
        ),
        ({"title": "  "}, ONE_INDICATOR, "Enter the task."),
        ({"content_item": "999999"}, ONE_INDICATOR, "Choose a content item of this campaign."),
    ],
)
def test_bad_task_input_is_refused_and_nothing_is_saved(
    client_for, people, work, overrides, rows, message
):
    before = (Task.objects.count(), Indicator.objects.count())
    data = {**task_data(work, **overrides), **indicator_rows(rows)}
    response = client_for(people.secretariat).post(
        reverse("setup_task_create", args=[work.campaign.pk]), data
    )
    assert response.status_code == 200
    expected = vi(*message) if isinstance(message, tuple) else vi(message)
    assert expected in response.content.decode()
    assert (Task.objects.count(), Indicator.objects.count()) == before
    assert not AuditEvent.objects.filter(action__startswith="campaign.task").exists()


def test_a_task_cannot_go_to_a_unit_outside_the_issuing_organization(
    client_for, people, orgs, work
):
    stranger = OrganizationFactory(parent=orgs.outsider_province)
    for unit in (stranger, orgs.department):  # another province, or the issuer itself
        data = {**task_data(work, unit=unit.pk), **indicator_rows(ONE_INDICATOR)}
        response = client_for(people.secretariat).post(
            reverse("setup_task_create", args=[work.campaign.pk]), data
        )
        assert response.status_code == 200
        assert vi("Tasks can only be given to units under the issuing organization.") in (
            response.content.decode()
        )
    assert not Task.objects.filter(title="Thẩm định giá đất cụ thể").exists()


def test_editing_a_task_updates_indicators_and_logs_before_and_after(client_for, people, work):
    rows = [
        {
            "id": str(work.area.pk),
            "name": "Diện tích đã bàn giao",
            "unit_of_measure": "ha",
            "target": "15",
        },
        {
            "id": str(work.households.pk),
            "name": "Số hộ",
            "unit_of_measure": "hộ",
            "target": "50",
            "DELETE": "on",
        },
        {"name": "Tiền đã chi trả", "unit_of_measure": "tỷ đồng", "target": "3,2"},
    ]
    data = {**task_data(work, title=work.task.title), **indicator_rows(rows, initial=2)}
    response = client_for(people.secretariat).post(
        reverse("setup_task_edit", args=[work.campaign.pk, work.task.pk]), data
    )
    assert response.status_code == 302
    names = list(work.task.indicators.order_by("order").values_list("name", "target", "order"))
    assert names == [
        ("Diện tích đã bàn giao", Decimal("15"), 1),
        ("Tiền đã chi trả", Decimal("3.2"), 2),
    ]
    event = AuditEvent.objects.get(action="campaign.task.updated")
    assert len(event.data["before"]["indicators"]) == 2
    assert event.data["after"]["indicators"][0]["target"] == "15.000"


def test_a_reported_indicator_cannot_be_removed(client_for, people, orgs, work):
    report_value(work, work.households, orgs.division)
    rows = [
        {"id": str(work.area.pk), "name": "Diện tích", "unit_of_measure": "ha", "target": "10"},
        {
            "id": str(work.households.pk),
            "name": "Số hộ",
            "unit_of_measure": "hộ",
            "target": "50",
            "DELETE": "on",
        },
    ]
    data = {**task_data(work, title=work.task.title), **indicator_rows(rows, initial=2)}
    response = client_for(people.secretariat).post(
        reverse("setup_task_edit", args=[work.campaign.pk, work.task.pk]), data
    )
    assert response.status_code == 200
    assert Indicator.objects.filter(pk=work.households.pk).exists()
    message = "The indicator “%(name)s” already holds reported values and cannot be removed."
    assert vi(message, {"name": "Số hộ đã nhận tiền"}) in response.content.decode()
    work.area.refresh_from_db()
    assert work.area.name == "Diện tích đã bàn giao"  # nothing of the form was saved


def test_the_unit_of_a_reported_task_cannot_change(client_for, people, orgs, work):
    report_value(work, work.area, orgs.division)
    rows = [
        {"id": str(work.area.pk), "name": "Diện tích", "unit_of_measure": "ha", "target": "10"},
        {"id": str(work.households.pk), "name": "Số hộ", "unit_of_measure": "hộ", "target": "50"},
    ]
    data = {
        **task_data(work, title=work.task.title, unit=orgs.other_division.pk),
        **indicator_rows(rows, initial=2),
    }
    response = client_for(people.secretariat).post(
        reverse("setup_task_edit", args=[work.campaign.pk, work.task.pk]), data
    )
    assert response.status_code == 200
    assert (
        vi("The responsible unit cannot be changed: the unit has already reported on this task.")
        in response.content.decode()
    )
    work.task.refresh_from_db()
    assert work.task.unit == orgs.division


def test_an_unreported_task_is_deleted_with_an_audit_record(client_for, people, work):
    client = client_for(people.secretariat)
    response = client.post(
        reverse("setup_task_delete", args=[work.campaign.pk, work.other_task.pk])
    )
    assert response.status_code == 302
    assert not Task.objects.filter(pk=work.other_task.pk).exists()
    assert not Indicator.objects.filter(pk=work.files.pk).exists()
    event = AuditEvent.objects.get(action="campaign.task.deleted")
    assert event.data["before"]["title"] == "Thẩm định trích đo ranh giới"


def test_a_reported_task_is_not_deleted(client_for, people, orgs, work):
    report_value(work, work.area, orgs.division)
    client = client_for(people.secretariat)
    url = reverse("setup_task_delete", args=[work.campaign.pk, work.task.pk])
    page = client.get(url).content.decode()
    message = vi(
        "This task cannot be deleted: units have already reported on it. "
        "Change its deadline or indicators instead."
    )
    assert message in page
    response = client.post(url, follow=True)
    assert Task.objects.filter(pk=work.task.pk).exists()
    assert IndicatorValue.objects.filter(indicator=work.area).exists()
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(action="campaign.task.deleted").exists()


def test_a_closed_campaign_refuses_new_tasks(client_for, people, work):
    Campaign.objects.filter(pk=work.campaign.pk).update(status=Campaign.Status.CLOSED)
    data = {**task_data(work), **indicator_rows(ONE_INDICATOR)}
    response = client_for(people.secretariat).post(
        reverse("setup_task_create", args=[work.campaign.pk]), data, follow=True
    )
    assert vi("A closed campaign can no longer be changed.") in response.content.decode()
    assert not Task.objects.filter(title="Thẩm định giá đất cụ thể").exists()


# --- the task list ----------------------------------------------------------------------------


def test_task_list_filters_by_item_unit_project_and_text(client_for, people, orgs, work, project):
    item2 = ContentItem.objects.create(
        campaign=work.campaign, number=2, text="Giải quyết vướng mắc"
    )
    Task.objects.create(
        campaign=work.campaign,
        content_item=item2,
        unit=orgs.other_division,
        project=project,
        title="Giải quyết kiến nghị của hộ dân",
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 6, 30),
    )
    client = client_for(people.secretariat)
    url = reverse("setup_task_list", args=[work.campaign.pk])

    def titles(**params):
        return {t.title for t in client.get(url, params).context["page"].object_list}

    everything = {work.task.title, work.other_task.title, "Giải quyết kiến nghị của hộ dân"}
    assert titles() == everything
    assert titles(item=item2.pk) == {"Giải quyết kiến nghị của hộ dân"}
    assert titles(unit=orgs.division.pk) == {work.task.title}
    assert titles(project=project.pk) == {"Giải quyết kiến nghị của hộ dân"}
    assert titles(q="trích đo") == {work.other_task.title}
    # A stale or forged value is ignored rather than an error.
    assert titles(unit="abc", item="999999") == everything
    assert titles(unit=orgs.outsider_province.pk) == everything


def _many_tasks(work, orgs, count):
    Task.objects.filter(campaign=work.campaign).exclude(
        pk__in=[work.task.pk, work.other_task.pk]
    ).delete()
    tasks = Task.objects.bulk_create(
        Task(
            campaign=work.campaign,
            content_item=work.task.content_item,
            unit=orgs.division if n % 2 else orgs.other_division,
            title=f"Nhiệm vụ {n}",
            start_date=datetime.date(2024, 1, 1),
            deadline=datetime.date(2024, 12, 31),
        )
        for n in range(count - 2)
    )
    Indicator.objects.bulk_create(
        Indicator(task=task, order=k, name=f"Chỉ tiêu {k}", unit_of_measure="ha", target=k)
        for task in tasks
        for k in range(1, 4)
    )


@pytest.mark.parametrize("size", [5, 200])
def test_task_list_uses_a_fixed_number_of_queries(
    client_for, people, orgs, work, size, django_assert_max_num_queries
):
    _many_tasks(work, orgs, size)
    client = client_for(people.secretariat)
    url = reverse("setup_task_list", args=[work.campaign.pk])
    # session, user, memberships, unread notifications (menu), campaign; filter choices:
    # content items, units, projects; count, page of tasks (with unit, item, project and
    # "reported?" flags), their indicators.
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        # Filtered: each filter value is looked up once more.
        response = client.get(url, {"unit": orgs.division.pk, "item": work.task.content_item_id})
    assert response.status_code == 200


# --- bulk assignment --------------------------------------------------------------------------


def _bulk_data(work, chosen, rows=ONE_INDICATOR, **overrides):
    data = {
        "content_item": work.task.content_item_id,
        "project": "",
        "title": "Thẩm định phương án bồi thường",
        "description": "Theo Kế hoạch 174/KH-UBND",
        "start_date": "01/04/2024",
        "deadline": "30/09/2024",
        "units": [unit.pk for unit in chosen],
        **indicator_rows(rows),
    }
    data.update(overrides)
    return data


def test_bulk_assignment_gives_one_task_with_indicators_to_each_unit(
    client_for, people, orgs, work
):
    commune = OrganizationFactory(parent=orgs.division, name="UBND xã Tân Thanh")
    units = [orgs.division, orgs.other_division, commune]
    rows = [*ONE_INDICATOR, {"name": "Diện tích", "unit_of_measure": "ha", "target": "5"}]
    response = client_for(people.secretariat).post(
        reverse("setup_task_bulk_assign", args=[work.campaign.pk]), _bulk_data(work, units, rows)
    )
    assert response.status_code == 302
    tasks = Task.objects.filter(title="Thẩm định phương án bồi thường")
    assert {t.unit_id for t in tasks} == {u.pk for u in units}
    for task in tasks:
        assert list(task.indicators.order_by("order").values_list("name", "target")) == [
            ("Phương án đã thẩm định", Decimal("12")),
            ("Diện tích", Decimal("5")),
        ]
    event = AuditEvent.objects.get(action="campaign.task.bulk_assigned")
    assert sorted(event.data["unit_ids"]) == sorted(u.pk for u in units)
    assert event.data["count"] == 3


def test_bulk_assignment_skips_units_that_already_have_the_task(client_for, people, orgs, work):
    client = client_for(people.secretariat)
    url = reverse("setup_task_bulk_assign", args=[work.campaign.pk])
    # The division already has it, typed with other case and spacing.
    Task.objects.create(
        campaign=work.campaign,
        content_item=work.task.content_item,
        unit=orgs.division,
        title="thẩm định  phương án BỒI THƯỜNG",
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 12, 31),
    )
    response = client.post(url, _bulk_data(work, [orgs.division, orgs.other_division]), follow=True)
    assert (
        Task.objects.filter(
            unit=orgs.other_division, title="Thẩm định phương án bồi thường"
        ).count()
        == 1
    )
    assert (
        Task.objects.filter(unit=orgs.division, title="Thẩm định phương án bồi thường").count() == 0
    )
    content = response.content.decode()
    assert orgs.division.name in content  # listed as skipped
    event = AuditEvent.objects.get(action="campaign.task.bulk_assigned")
    assert event.data["skipped_unit_ids"] == [orgs.division.pk]
    # A second identical run creates nothing more.
    tasks = Task.objects.count()
    client.post(url, _bulk_data(work, [orgs.division, orgs.other_division]))
    assert Task.objects.count() == tasks


def test_bulk_assign_service_returns_created_and_skipped(people, orgs, work):
    template = {
        "content_item": work.task.content_item,
        "project": None,
        "title": work.task.title,
        "description": "",
        "start_date": datetime.date(2024, 2, 1),
        "deadline": datetime.date(2024, 3, 1),
    }
    rows = [
        {"name": "Hồ sơ", "unit_of_measure": "hồ sơ", "target": Decimal("3"), "kind": "cumulative"}
    ]
    created, skipped = setup.bulk_assign(
        people.secretariat, work.campaign, template, rows, [orgs.division, orgs.other_division]
    )
    assert [t.unit for t in created] == [orgs.other_division]
    assert skipped == [orgs.division]
    assert created[0].indicators.get().name == "Hồ sơ"


@pytest.mark.parametrize(
    ("overrides", "rows", "message"),
    [
        ({"units": []}, ONE_INDICATOR, "Choose at least one unit."),
        ({}, [], "Enter at least one indicator for the task."),
        ({}, [{**ONE_INDICATOR[0], "target": "-1"}], "The target must be a number ≥ 0."),
        (
            {"start_date": "01/10/2024", "deadline": "01/09/2024"},
            ONE_INDICATOR,
            "The deadline must not be before the start date.",
        ),
    ],
)
def test_bad_bulk_input_creates_nothing(client_for, people, orgs, work, overrides, rows, message):
    before = Task.objects.count()
    chosen = [orgs.division, orgs.other_division]
    data = _bulk_data(work, chosen, rows, **overrides)
    response = client_for(people.secretariat).post(
        reverse("setup_task_bulk_assign", args=[work.campaign.pk]), data
    )
    assert response.status_code == 200
    assert vi(message) in response.content.decode()
    assert Task.objects.count() == before
    assert not AuditEvent.objects.filter(action="campaign.task.bulk_assigned").exists()


def test_bulk_assignment_refuses_a_unit_of_another_province(client_for, people, orgs, work):
    stranger = OrganizationFactory(parent=orgs.outsider_province)
    data = _bulk_data(work, [orgs.division, stranger])
    response = client_for(people.secretariat).post(
        reverse("setup_task_bulk_assign", args=[work.campaign.pk]), data
    )
    assert response.status_code == 200
    assert not Task.objects.filter(title="Thẩm định phương án bồi thường").exists()


# --- reporting periods ------------------------------------------------------------------------


def test_monthly_periods_cover_the_campaign_and_generation_is_idempotent(people, orgs):
    # 15/08/2022 – 31/12/2025, as in the Lạng Sơn plan.
    campaign = CampaignFactory(issuing_organization=orgs.department)
    assert setup.generate_periods(people.secretariat, campaign, "monthly", 5) == 41
    periods = list(campaign.periods.order_by("start_date"))
    first, last = periods[0], periods[-1]
    assert (first.year, first.number) == (2022, 8)
    assert first.start_date == datetime.date(2022, 8, 15)  # partial first month
    assert first.end_date == datetime.date(2022, 8, 31)
    assert first.due_date == datetime.date(2022, 9, 5)
    assert (last.year, last.number, last.end_date) == (2025, 12, datetime.date(2025, 12, 31))
    assert last.due_date == datetime.date(2026, 1, 5)
    feb = next(p for p in periods if (p.year, p.number) == (2024, 2))
    assert (feb.start_date, feb.end_date) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    # Contiguous, no gap and no overlap.
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.start_date == before.end_date + datetime.timedelta(days=1)
    # A second run keeps every existing period and creates nothing.
    feb.due_date = datetime.date(2024, 3, 15)
    feb.save()
    assert setup.generate_periods(people.secretariat, campaign, "monthly", 10) == 0
    assert campaign.periods.count() == 41
    feb.refresh_from_db()
    assert feb.due_date == datetime.date(2024, 3, 15)
    assert AuditEvent.objects.filter(action="campaign.periods.generated").count() == 1


def test_generation_fills_only_the_missing_periods(people, orgs):
    campaign = CampaignFactory(issuing_organization=orgs.department)
    setup.generate_periods(people.secretariat, campaign, "monthly", 5)
    campaign.periods.filter(year=2023).delete()
    assert setup.generate_periods(people.secretariat, campaign, "monthly", 5) == 12


def test_quarterly_periods(people, orgs):
    campaign = CampaignFactory(issuing_organization=orgs.department)
    assert setup.generate_periods(people.secretariat, campaign, "quarterly", 10) == 14
    periods = list(campaign.periods.order_by("start_date"))
    first, second, last = periods[0], periods[1], periods[-1]
    assert (first.year, first.number) == (2022, 3)
    assert (first.start_date, first.end_date) == (
        datetime.date(2022, 8, 15),
        datetime.date(2022, 9, 30),
    )
    assert first.due_date == datetime.date(2022, 10, 10)
    assert (second.number, second.start_date) == (4, datetime.date(2022, 10, 1))
    assert (last.year, last.number, last.end_date) == (2025, 4, datetime.date(2025, 12, 31))
    assert str(first.label).endswith("III/2022")


def test_a_campaign_ending_mid_month_ends_its_last_period_on_that_day(people, orgs):
    campaign = CampaignFactory(
        issuing_organization=orgs.department,
        start_date=datetime.date(2023, 3, 1),
        end_date=datetime.date(2023, 5, 20),
        final_review_year=2023,
    )
    assert setup.generate_periods(people.secretariat, campaign, "monthly", 0) == 3
    last = campaign.periods.order_by("start_date").last()
    assert (last.end_date, last.due_date) == (
        datetime.date(2023, 5, 20),
        datetime.date(2023, 5, 20),
    )


def test_periods_of_another_frequency_are_refused(people, work):
    # The `work` fixture has monthly periods.
    with pytest.raises(ValidationError):
        setup.generate_periods(people.secretariat, work.campaign, "quarterly", 5)
    assert work.campaign.periods.count() == 3


def test_generate_view_reports_how_many_were_created(client_for, people, orgs):
    campaign = CampaignFactory(issuing_organization=orgs.department)
    client = client_for(people.secretariat)
    url = reverse("setup_period_generate", args=[campaign.pk])
    response = client.post(url, {"frequency": "monthly", "due_days": "5"}, follow=True)
    assert campaign.periods.count() == 41
    with override("vi"):
        from django.utils.translation import ngettext

        expected = ngettext(
            "%(count)d reporting period was created.",
            "%(count)d reporting periods were created.",
            41,
        ) % {"count": 41}
    assert expected in response.content.decode()
    response = client.post(url, {"frequency": "monthly", "due_days": "5"}, follow=True)
    assert vi("Every period already existed: nothing was created or changed.") in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"frequency": "monthly", "due_days": "61"},
            "Enter a whole number of days from 0 to %(max)d.",
        ),
        (
            {"frequency": "monthly", "due_days": "-1"},
            "Enter a whole number of days from 0 to %(max)d.",
        ),
        (
            {"frequency": "monthly", "due_days": "năm"},
            "Enter a whole number of days from 0 to %(max)d.",
        ),
        ({"frequency": "weekly", "due_days": "5"}, "Choose monthly or quarterly."),
    ],
)
def test_bad_generation_input_creates_nothing(client_for, people, orgs, data, message):
    campaign = CampaignFactory(issuing_organization=orgs.department)
    response = client_for(people.secretariat).post(
        reverse("setup_period_generate", args=[campaign.pk]), data
    )
    assert response.status_code == 200
    assert vi(message).replace("%(max)d", "60") in response.content.decode()
    assert not campaign.periods.exists()


def test_changing_a_due_date(client_for, people, work):
    period = work.periods[0]  # January 2024, due 05/02/2024
    client = client_for(people.secretariat)
    url = reverse("setup_period_edit", args=[work.campaign.pk, period.pk])
    response = client.post(url, {"due_date": "30/01/2024"})
    assert response.status_code == 200
    assert (
        vi("The due date must not be before the last day of the period (%(end)s).")
        % {"end": "31/01/2024"}
        in response.content.decode()
    )
    period.refresh_from_db()
    assert period.due_date == datetime.date(2024, 2, 5)
    assert client.post(url, {"due_date": "10/02/2024"}).status_code == 302
    period.refresh_from_db()
    assert period.due_date == datetime.date(2024, 2, 10)
    event = AuditEvent.objects.get(action="campaign.period.updated")
    assert event.data["due_date"] == ["2024-02-05", "2024-02-10"]


def test_period_list_shows_due_dates(client_for, people, work):
    response = client_for(people.secretariat).get(
        reverse("setup_period_list", args=[work.campaign.pk])
    )
    content = response.content.decode()
    assert "05/02/2024" in content and "05/04/2024" in content


def test_manage_links_card_renders_counts(rf, people, work):
    from django.template.loader import render_to_string

    html = render_to_string("campaign/setup/_manage_links.html", {"campaign": work.campaign})
    assert reverse("setup_task_list", args=[work.campaign.pk]) in html
    assert reverse("setup_period_list", args=[work.campaign.pk]) in html


# --- garbage in, no 500 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"indicators-TOTAL_FORMS": "x", "units": "abc", "due_date": "32/01/2024"},
        {
            **indicator_rows(
                [{"id": "abc", "name": "X", "unit_of_measure": "ha", "target": "NaN"}]
            ),
            "start_date": "99/99/9999",
            "unit": "-1",
            "frequency": "monthly",
            "due_days": "1e9",
        },
        indicator_rows([{"name": "X", "unit_of_measure": "ha", "target": "1e400"}]),
    ],
)
def test_garbage_posts_are_answered_without_a_server_error(client_for, people, work, project, data):
    pk = work.campaign.pk
    client = client_for(people.secretariat)
    before = (Task.objects.count(), Indicator.objects.count(), ReportingPeriod.objects.count())
    for url in [
        reverse("setup_task_create", args=[pk]),
        reverse("setup_task_edit", args=[pk, work.task.pk]),
        reverse("setup_task_bulk_assign", args=[pk]),
        reverse("setup_period_generate", args=[pk]),
        reverse("setup_period_edit", args=[pk, work.periods[0].pk]),
        reverse("setup_project_create"),
        reverse("setup_project_edit", args=[project.pk]),
    ]:
        assert client.post(url, data).status_code == 200, url
    assert (
        Task.objects.count(),
        Indicator.objects.count(),
        ReportingPeriod.objects.count(),
    ) == before


def test_a_new_project_returns_to_the_task_form_but_never_to_another_site(client_for, people, work):
    client = client_for(people.secretariat)
    back = reverse("setup_task_create", args=[work.campaign.pk])
    response = client.post(reverse("setup_project_create"), {**_project_data(), "next": back})
    assert response["Location"] == back
    response = client.post(
        reverse("setup_project_create"),
        {**_project_data(code="khac"), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("setup_project_list")


# --- a campaign whose content items are not on record (the Hà Nam seed) -----------------------

NO_ITEMS_NOTE = (
    "The plan has no content items on record; the task is not tied to a specific content item."
)
NO_ITEMS_LIST_NOTE = (
    "The plan has no content items on record; the tasks are not tied to a specific content item."
)


@pytest.fixture
def bare_campaign(orgs):
    """A published campaign of the department without content items."""
    campaign = CampaignFactory(
        issuing_organization=orgs.department, code="ke-hoach-hn", sections=False
    )
    assert not campaign.content_items.exists()
    return campaign


def _bare_task(campaign, unit, title="Bồi thường, giải phóng mặt bằng dự án đường vành đai"):
    task = Task.objects.create(
        campaign=campaign,
        unit=unit,
        title=title,
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 12, 31),
    )
    Indicator.objects.create(
        task=task, order=1, name="Diện tích đã bàn giao", unit_of_measure="ha", target=10
    )
    return task


def _bare_task_data(orgs, **overrides):
    data = {
        "unit": orgs.division.pk,
        "project": "",
        "title": "Bồi thường, giải phóng mặt bằng dự án đường vành đai",
        "description": "",
        "start_date": "01/03/2024",
        "deadline": "31/12/2024",
        **indicator_rows(ONE_INDICATOR),
    }
    data.update(overrides)
    return data


def test_without_content_items_the_task_form_explains_and_offers_no_choice(
    client_for, people, bare_campaign
):
    response = client_for(people.secretariat).get(
        reverse("setup_task_create", args=[bare_campaign.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert vi(NO_ITEMS_NOTE) in html
    assert 'name="content_item"' not in html
    assert not response.context["form"].fields["content_item"].required


def test_without_content_items_a_task_is_created_without_one(
    client_for, people, orgs, bare_campaign
):
    url = reverse("setup_task_create", args=[bare_campaign.pk])
    response = client_for(people.secretariat).post(url, _bare_task_data(orgs))
    assert response.status_code == 302
    task = Task.objects.get(campaign=bare_campaign)
    assert task.content_item is None and task.unit == orgs.division
    assert task.indicators.get().name == "Phương án đã thẩm định"
    event = AuditEvent.objects.get(action="campaign.task.created")
    assert event.data["after"]["content_item"] is None


def test_without_content_items_a_content_item_sent_anyway_is_ignored(
    client_for, people, orgs, work, bare_campaign
):
    # Another campaign's item, forged into the post: the field is disabled, so never used.
    data = _bare_task_data(orgs, content_item=str(work.task.content_item_id))
    url = reverse("setup_task_create", args=[bare_campaign.pk])
    assert client_for(people.secretariat).post(url, data).status_code == 302
    assert Task.objects.get(campaign=bare_campaign).content_item is None


def test_with_content_items_the_content_item_stays_required(client_for, people, work):
    data = {**task_data(work, content_item=""), **indicator_rows(ONE_INDICATOR)}
    before = Task.objects.count()
    response = client_for(people.secretariat).post(
        reverse("setup_task_create", args=[work.campaign.pk]), data
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert vi("Choose the content item the task implements.") in html
    assert vi(NO_ITEMS_NOTE) not in html
    assert Task.objects.count() == before


def test_editing_a_task_without_content_item_keeps_it_empty(
    client_for, people, orgs, bare_campaign
):
    task = _bare_task(bare_campaign, orgs.division)
    indicator = task.indicators.get()
    rows = [
        {"id": str(indicator.pk), "name": indicator.name, "unit_of_measure": "ha", "target": "12"}
    ]
    data = _bare_task_data(orgs, title=task.title, **indicator_rows(rows, initial=1))
    url = reverse("setup_task_edit", args=[bare_campaign.pk, task.pk])
    client = client_for(people.secretariat)
    assert vi(NO_ITEMS_NOTE) in client.get(url).content.decode()
    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.content_item is None
    assert task.indicators.get().target == Decimal("12")
    delete_page = client.get(reverse("setup_task_delete", args=[bare_campaign.pk, task.pk]))
    assert delete_page.status_code == 200
    assert vi("Content item") not in delete_page.content.decode()


def test_service_refuses_a_task_without_content_item_when_the_plan_has_some(people, orgs, work):
    template = {
        "content_item": None,
        "project": None,
        "title": "Nhiệm vụ không gắn nội dung",
        "description": "",
        "start_date": datetime.date(2024, 2, 1),
        "deadline": datetime.date(2024, 3, 1),
    }
    rows = [{"name": "Hồ sơ", "unit_of_measure": "hồ sơ", "target": Decimal("3")}]
    with pytest.raises(ValidationError) as caught:
        setup.bulk_assign(people.secretariat, work.campaign, template, rows, [orgs.division])
    assert "content_item" in caught.value.error_dict
    assert not Task.objects.filter(title="Nhiệm vụ không gắn nội dung").exists()


def test_without_content_items_bulk_assignment_skips_units_that_have_the_title(
    client_for, people, orgs, bare_campaign
):
    _bare_task(bare_campaign, orgs.division, title="bồi thường,  giải phóng MẶT BẰNG")
    data = {
        "project": "",
        "title": "Bồi thường, giải phóng mặt bằng",
        "description": "",
        "start_date": "01/04/2024",
        "deadline": "30/09/2024",
        "units": [orgs.division.pk, orgs.other_division.pk],
        **indicator_rows(ONE_INDICATOR),
    }
    client = client_for(people.secretariat)
    url = reverse("setup_task_bulk_assign", args=[bare_campaign.pk])
    page = client.get(url).content.decode()
    assert vi(NO_ITEMS_NOTE) in page and 'name="content_item"' not in page

    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("setup_task_list", args=[bare_campaign.pk])
    created = Task.objects.get(campaign=bare_campaign, unit=orgs.other_division)
    assert created.content_item is None
    event = AuditEvent.objects.get(action="campaign.task.bulk_assigned")
    assert event.data["content_item"] is None
    assert event.data["skipped_unit_ids"] == [orgs.division.pk]
    message = vi(
        "Skipped because they already have a task with this title: %(units)s.",
        {"units": orgs.division.name},
    )
    assert message in client.get(response["Location"]).content.decode()

    # The same assignment again: both units have it now (the NULL content item matches).
    client.post(url, data)
    assert Task.objects.filter(campaign=bare_campaign).count() == 2


def test_bulk_assign_service_accepts_no_content_item_without_items(people, orgs, bare_campaign):
    template = {
        "content_item": None,
        "project": None,
        "title": "Chi trả tiền bồi thường",
        "description": "",
        "start_date": datetime.date(2024, 2, 1),
        "deadline": datetime.date(2024, 3, 1),
    }
    rows = [{"name": "Số hộ đã nhận tiền", "unit_of_measure": "hộ", "target": Decimal("40")}]
    created, skipped = setup.bulk_assign(
        people.secretariat, bare_campaign, template, rows, [orgs.division, orgs.other_division]
    )
    assert len(created) == 2 and skipped == []
    assert all(task.content_item_id is None for task in created)
    created, skipped = setup.bulk_assign(
        people.secretariat, bare_campaign, template, rows, [orgs.division]
    )
    assert created == [] and skipped == [orgs.division]


@pytest.mark.parametrize("size", [5, 200])
def test_task_list_without_content_items_has_no_item_column_and_a_fixed_query_count(
    client_for, people, orgs, bare_campaign, size, django_assert_max_num_queries
):
    for n in range(size):
        _bare_task(bare_campaign, orgs.division if n % 2 else orgs.other_division, f"Việc {n}")
    client = client_for(people.secretariat)
    url = reverse("setup_task_list", args=[bare_campaign.pk])
    # As with content items (see above): 11 queries whatever the number of tasks.
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert vi(NO_ITEMS_LIST_NOTE) in html
    assert 'name="item"' not in html
    assert f">{vi('Item')}</th>" not in html
    assert "Việc 1" in html
    # An item in the address is ignored, not an error.
    assert client.get(url, {"item": "1"}).status_code == 200


def test_task_list_shows_a_dash_for_a_task_without_item_in_a_campaign_with_items(
    client_for, people, orgs, work
):
    _bare_task(work.campaign, orgs.division, title="Nhiệm vụ chưa gắn nội dung")
    html = (
        client_for(people.secretariat)
        .get(reverse("setup_task_list", args=[work.campaign.pk]))
        .content.decode()
    )
    assert "Nhiệm vụ chưa gắn nội dung" in html
    assert '<td class="text-center text-body-secondary">—</td>' in html
