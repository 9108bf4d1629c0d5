"""Progress reports: the unit fills and submits, the secretariat accepts or returns."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from campaign import reporting
from campaign.models import (
    Evidence,
    IndicatorValue,
    Obstacle,
    ProgressReport,
    ReportVersion,
    TaskReport,
)
from units.models import AuditEvent

pytestmark = pytest.mark.django_db


def edit_url(work, unit, period=0):
    return reverse("report_edit", args=[work.periods[period].pk, unit.pk])


def form_data(work, area="2,5", households="10", **extra):
    data = {
        f"value_{work.area.pk}": area,
        f"value_{work.households.pk}": households,
        f"done_{work.task.pk}": "Đã thẩm định 3 phương án",
        f"proposals_{work.task.pk}": "",
        f"completed_{work.task.pk}": "",
        "general_notes": "",
        "save": "1",
    }
    data.update(extra)
    return data


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- filling and saving --------------------------------------------------------------------


def test_staff_saves_a_draft_with_vietnamese_decimals(client_for, people, orgs, work):
    client = client_for(people.staff)
    response = client.post(edit_url(work, orgs.division), form_data(work))
    assert response.status_code == 302
    report = ProgressReport.objects.get(unit=orgs.division, period=work.periods[0])
    assert report.status == ProgressReport.Status.DRAFT
    values = dict(report.values.values_list("indicator_id", "value"))
    assert values[work.area.pk] == Decimal("2.5")
    assert TaskReport.objects.get(report=report).done_text == "Đã thẩm định 3 phương án"
    assert AuditEvent.objects.filter(action="campaign.report.saved").count() == 1


def test_form_shows_previous_value_target_and_percentage(client_for, people, orgs, work):
    accepted = _accepted_report(work, orgs.division, 0, area="4", households="20")
    assert accepted.status == ProgressReport.Status.ACCEPTED
    html = client_for(people.staff).get(edit_url(work, orgs.division, 1)).content.decode()
    assert 'data-target="10.000"' in html
    assert 'data-previous="4.000"' in html
    assert ">40<" in html  # 4 of 10 ha: the percentage shown before typing


@pytest.mark.parametrize(
    ("area", "message"),
    [
        ("abc", "Must be a number"),
        ("-1", "Must be a number"),
        ("1e400", "This number is too large"),
    ],
)
def test_bad_numbers_are_refused_and_nothing_is_saved(
    client_for, people, orgs, work, area, message
):
    client = client_for(people.staff)
    client.post(edit_url(work, orgs.division), form_data(work, area="1"))
    response = client.post(edit_url(work, orgs.division), form_data(work, area=area))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vui lòng sửa các lỗi" in html
    assert f'value="{area}"' in html  # what was typed is kept
    value = IndicatorValue.objects.get(indicator=work.area).value
    assert value == Decimal("1")


def test_value_below_last_accepted_needs_a_reason(client_for, people, orgs, work):
    _accepted_report(work, orgs.division, 0, area="5", households="20")
    client = client_for(people.staff)
    response = client.post(
        edit_url(work, orgs.division, 1), form_data(work, area="3", households="20")
    )
    assert response.status_code == 200
    assert "thấp hơn giá trị đã được chấp nhận" in response.content.decode()
    assert not ProgressReport.objects.filter(period=work.periods[1]).exists()
    data = form_data(
        work, area="3", households="20", **{f"reason_{work.area.pk}": "Đo đạc lại diện tích"}
    )
    assert client.post(edit_url(work, orgs.division, 1), data).status_code == 302
    value = IndicatorValue.objects.get(report__period=work.periods[1], indicator=work.area)
    assert value.below_previous_reason == "Đo đạc lại diện tích"


def test_value_above_target_is_a_warning_not_an_error(client_for, people, orgs, work):
    client = client_for(people.staff)
    response = client.post(edit_url(work, orgs.division), form_data(work, area="12"), follow=True)
    assert "Vượt chỉ tiêu" in response.content.decode()
    assert IndicatorValue.objects.get(indicator=work.area).value == Decimal("12")


def test_milestone_date_outside_the_period_is_refused(client_for, people, orgs, work):
    data = form_data(work, **{f"completed_{work.task.pk}": "15/05/2024"})
    response = client_for(people.staff).post(edit_url(work, orgs.division), data)
    assert "Ngày phải nằm trong kỳ báo cáo" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_obstacles_in_the_report_enter_the_register(client_for, people, orgs, work):
    data = form_data(
        work,
        obstacle_0_description="Hộ dân chưa đồng ý giá bồi thường",
        obstacle_0_beyond="on",
        obstacle_0_task=str(work.task.pk),
    )
    client_for(people.staff).post(edit_url(work, orgs.division), data)
    obstacle = Obstacle.objects.get()
    assert obstacle.beyond_authority and obstacle.unit == orgs.division
    assert obstacle.campaign == work.campaign and obstacle.task == work.task


def test_evidence_checked_by_content_not_name(client_for, people, orgs, work):
    client = client_for(people.staff)
    fake = io.BytesIO(b"MZ\x90\x00 not really a pdf")
    fake.name = "bien-ban.pdf"
    response = client.post(edit_url(work, orgs.division), {**form_data(work), "evidence": fake})
    assert "không phải là tài liệu PDF, DOCX, XLSX, JPG hoặc PNG" in response.content.decode()
    assert not Evidence.objects.exists() and not ProgressReport.objects.exists()
    pdf = io.BytesIO(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    pdf.name = "Biên bản ../../bàn giao.pdf"
    response = client.post(edit_url(work, orgs.division), {**form_data(work), "evidence": pdf})
    assert response.status_code == 302
    item = Evidence.objects.get()
    assert item.original_name == "bàn giao.pdf"
    assert item.file.name.endswith("ban-giao.pdf") and ".." not in item.file.name
    download = client.get(reverse("evidence_download", args=[item.pk]))
    assert download.status_code == 200
    other = client_for(people.other_staff).get(reverse("evidence_download", args=[item.pk]))
    assert other.status_code == 404


def test_evidence_larger_than_the_limit_is_refused(client_for, people, orgs, work, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    pdf = io.BytesIO(b"%PDF-1.4\n" + b"0" * 200)
    pdf.name = "lon.pdf"
    response = client_for(people.staff).post(
        edit_url(work, orgs.division), {**form_data(work), "evidence": pdf}
    )
    assert "lớn hơn" in response.content.decode()
    assert not ProgressReport.objects.exists()


# --- who may do what -----------------------------------------------------------------------


def test_staff_of_another_unit_cannot_see_or_change_the_report(client_for, people, orgs, work):
    client_for(people.staff).post(edit_url(work, orgs.division), form_data(work))
    report = ProgressReport.objects.get()
    other = client_for(people.other_staff)
    assert other.get(edit_url(work, orgs.division)).status_code == 404
    assert other.post(edit_url(work, orgs.division), form_data(work, area="9")).status_code == 404
    assert other.get(reverse("report_detail", args=[report.pk])).status_code == 404
    assert other.post(reverse("report_submit", args=[report.pk])).status_code == 404
    assert IndicatorValue.objects.get(indicator=work.area).value == Decimal("2.5")


def test_outsider_gets_404_and_council_member_403(client_for, people, orgs, work):
    client_for(people.staff).post(edit_url(work, orgs.division), form_data(work))
    report = ProgressReport.objects.get()
    outsider = client_for(people.outsider)
    assert outsider.get(reverse("report_detail", args=[report.pk])).status_code == 404
    assert outsider.get(edit_url(work, orgs.division)).status_code == 404
    council = client_for(people.council_member)
    assert council.get(reverse("report_detail", args=[report.pk])).status_code == 403
    assert council.get(edit_url(work, orgs.division)).status_code == 403
    assert council.get(reverse("review_queue")).status_code == 403


def test_period_without_tasks_for_the_unit_is_404(client_for, people, orgs, work):
    work.task.delete()
    assert client_for(people.staff).get(edit_url(work, orgs.division)).status_code == 404


def test_only_the_head_submits(client_for, people, orgs, work):
    staff = client_for(people.staff)
    staff.post(edit_url(work, orgs.division), form_data(work, submit="1"))
    report = ProgressReport.objects.get()
    assert report.status == ProgressReport.Status.DRAFT
    assert staff.post(reverse("report_submit", args=[report.pk])).status_code == 403
    head = client_for(people.head)
    head.post(reverse("report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.version == 1
    assert ReportVersion.objects.get(report=report).data["values"][str(work.area.pk)]["value"]


def test_submitted_report_is_read_only(client_for, people, orgs, work):
    client_for(people.head).post(edit_url(work, orgs.division), form_data(work, submit="1"))
    report = ProgressReport.objects.get()
    assert report.status == ProgressReport.Status.SUBMITTED
    response = client_for(people.staff).get(edit_url(work, orgs.division))
    assert response.status_code == 302 and response["Location"].endswith(f"/bao-cao/{report.pk}/")
    client_for(people.staff).post(edit_url(work, orgs.division), form_data(work, area="9"))
    assert IndicatorValue.objects.get(indicator=work.area).value == Decimal("2.5")


def test_submit_needs_every_indicator(client_for, people, orgs, work):
    response = client_for(people.head).post(
        edit_url(work, orgs.division), form_data(work, households="", submit="1"), follow=True
    )
    assert "còn thiếu 1" in response.content.decode()
    assert ProgressReport.objects.get().status == ProgressReport.Status.DRAFT


def test_return_resubmit_accept_keeps_every_version(client_for, people, orgs, work):
    client_for(people.head).post(edit_url(work, orgs.division), form_data(work, submit="1"))
    report = ProgressReport.objects.get()
    office = client_for(people.secretariat)
    url = reverse("report_review", args=[report.pk])
    office.post(url, {"decision": "return", "comment": ""})
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED  # a return needs a comment
    office.post(url, {"decision": "return", "comment": "Kiểm tra lại diện tích"})
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED
    head = client_for(people.head)
    assert "Kiểm tra lại diện tích" in head.get(edit_url(work, orgs.division)).content.decode()
    head.post(edit_url(work, orgs.division), form_data(work, area="3", submit="1"))
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED and report.version == 2
    office = client_for(people.secretariat)
    compare = office.get(reverse("report_version", args=[report.pk, 2])).content.decode()
    assert "table-warning" in compare and "2,5" in compare
    office = client_for(people.secretariat)  # the test client holds one login at a time
    office.post(url, {"decision": "accept", "comment": ""})
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED
    assert report.versions.count() == 2
    actions = list(
        AuditEvent.objects.filter(object_id=str(report.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "campaign.report.saved",
        "campaign.report.submitted",
        "campaign.report.returned",
        "campaign.report.saved",
        "campaign.report.resubmitted",
        "campaign.report.accepted",
    ]
    returned = AuditEvent.objects.get(action="campaign.report.returned")
    assert returned.data["status"] == ["submitted", "returned"]


def test_units_cannot_review_and_reviewer_cannot_review_twice(client_for, people, orgs, work):
    client_for(people.head).post(edit_url(work, orgs.division), form_data(work, submit="1"))
    report = ProgressReport.objects.get()
    url = reverse("report_review", args=[report.pk])
    assert client_for(people.head).post(url, {"decision": "accept"}).status_code == 403
    office = client_for(people.secretariat)
    office.post(url, {"decision": "accept"})
    response = office.post(url, {"decision": "return", "comment": "x"}, follow=True)
    assert "Chỉ báo cáo đã nộp" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.ACCEPTED


def test_late_status_after_the_due_date(work):
    period = work.periods[0]
    after = period.due_date + datetime.timedelta(days=1)
    assert reporting.unit_status(period, None, today=period.due_date) == "not_started"
    assert reporting.unit_status(period, None, today=after) == "late"


# --- lists and their query budgets ---------------------------------------------------------


def _accepted_report(work, unit, period_index, area, households):
    report = ProgressReport.objects.create(
        period=work.periods[period_index], unit=unit, status=ProgressReport.Status.ACCEPTED
    )
    IndicatorValue.objects.create(report=report, indicator=work.area, value=Decimal(area))
    IndicatorValue.objects.create(
        report=report, indicator=work.households, value=Decimal(households)
    )
    return report


def _many_reports(work, orgs, count):
    from campaign.models import ReportingPeriod

    periods = [
        ReportingPeriod(
            campaign=work.campaign,
            frequency="quarterly",
            year=2000 + index // 4,
            number=index % 4 + 1,
            start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=index),
            end_date=datetime.date(2000, 1, 2) + datetime.timedelta(days=index),
            due_date=datetime.date(2000, 1, 5) + datetime.timedelta(days=index),
        )
        for index in range(count)
    ]
    periods = ReportingPeriod.objects.bulk_create(periods)
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                period=p, unit=orgs.division, status="submitted", submitted_at=now, version=1
            )
            for p in periods
        ]
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_unit_period_list_has_a_fixed_query_budget(
    client_for, people, orgs, work, count, django_assert_max_num_queries
):
    _many_reports(work, orgs, count)
    client = client_for(people.staff)
    # session, user, memberships, task pairs, periods, reports
    with django_assert_max_num_queries(8):
        response = client.get(reverse("my_reports"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_review_queue_has_a_fixed_query_budget(
    client_for, people, orgs, work, count, django_assert_max_num_queries
):
    _many_reports(work, orgs, count)
    client = client_for(people.secretariat)
    # session, user, memberships, count, page of reports, campaigns
    with django_assert_max_num_queries(8):
        response = client.get(reverse("review_queue"))
    assert response.status_code == 200
    assert response.content.decode().count("btn btn-sm btn-primary") == min(count, 25)


def test_report_text_typed_decomposed_is_stored_nfc(client_for, people, orgs, work):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Đã bàn giao mặt bằng cho nhà đầu tư")
    data = form_data(work, **{f"done_{work.task.pk}": decomposed})
    client_for(people.staff).post(edit_url(work, orgs.division), data)
    stored = TaskReport.objects.get().done_text
    assert stored == unicodedata.normalize("NFC", decomposed)
