"""The Excel round trip of a unit's progress report: download, fill, upload, all or nothing."""

import datetime
import io
import unicodedata
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaign import excel
from campaign.models import (
    Indicator,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    Task,
    TaskReport,
)
from units.models import AuditEvent

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


# --- helpers ------------------------------------------------------------------------------------


def _urls(period, unit):
    return (
        reverse("report_excel_download", args=[period.pk, unit.pk]),
        reverse("report_excel_upload", args=[period.pk, unit.pk]),
    )


@pytest.fixture
def march(work):
    return work.periods[2]


@pytest.fixture
def staff_client(client_for, people):
    return client_for(people.staff)


def _download(client, period, unit) -> Workbook:
    response = client.get(_urls(period, unit)[0])
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _row(ws, indicator_or_task_id, column="K", first=excel.IND_FIRST_ROW) -> int:
    for row in range(first, ws.max_row + 1):
        if ws[f"{column}{row}"].value == indicator_or_task_id:
            return row
    raise AssertionError(f"row of {indicator_or_task_id} not found")


def _ind_row(wb, indicator) -> int:
    return _row(wb[excel.INDICATOR_SHEET], indicator.pk)


def _task_row(wb, task) -> int:
    return _row(wb[excel.TASK_SHEET], task.pk, column="A", first=excel.TASK_FIRST_ROW)


def _as_upload(wb, name="Bao-cao.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=excel.XLSX_CONTENT_TYPE)


def _upload(client, period, unit, upload, follow=False):
    return client.post(_urls(period, unit)[1], {"file": upload}, follow=follow)


def _fill(wb, work, *, area=None, households=None, reason=None, done=None, date=None):
    ws = wb[excel.INDICATOR_SHEET]
    if area is not None:
        ws[f"I{_ind_row(wb, work.area)}"] = area
    if reason is not None:
        ws[f"J{_ind_row(wb, work.area)}"] = reason
    if households is not None:
        ws[f"I{_ind_row(wb, work.households)}"] = households
    wt = wb[excel.TASK_SHEET]
    row = _task_row(wb, work.task)
    if done is not None:
        wt[f"C{row}"] = done
    if date is not None:
        wt[f"E{row}"] = date
    return wb


def _errors(response) -> list[str]:
    return [str(error) for error in response.context["errors"]]


def _accepted_january(work, orgs, area="6"):
    report = ProgressReport.objects.create(
        period=work.periods[0], unit=orgs.division, status=ProgressReport.Status.ACCEPTED
    )
    IndicatorValue.objects.create(report=report, indicator=work.area, value=Decimal(area))
    return report


# --- download -----------------------------------------------------------------------------------


def test_staff_downloads_a_workbook_prefilled_with_tasks_indicators_and_targets(
    staff_client, work, orgs, march
):
    response = staff_client.get(_urls(march, orgs.division)[0])

    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    disposition = response["Content-Disposition"]
    assert 'filename="Bao-cao-tien-do_Thang-03-2024_QLDD.xlsx"' in disposition
    assert "filename*=UTF-8''B%C3%A1o-c%C3%A1o-ti%E1%BA%BFn-%C4%91%E1%BB%99" in disposition
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:2] == [excel.INDICATOR_SHEET, excel.TASK_SHEET]
    assert wb[excel.META_SHEET].sheet_state == "hidden"
    ws = wb[excel.INDICATOR_SHEET]
    title_block = " ".join(str(c.value) for row in ws["A1:C6"] for c in row if c.value)
    assert work.campaign.name in title_block
    assert orgs.division.name in title_block
    assert "05/04/2024" in title_block  # due date
    row = _ind_row(wb, work.area)
    assert ws[f"D{row}"].value == "Diện tích đã bàn giao"
    assert ws[f"E{row}"].value == "ha"
    assert ws[f"G{row}"].value == 10
    assert ws[f"G{row}"].number_format == "#,##0.###"
    # Only the value and reason cells can be edited; the id column is hidden.
    assert ws.protection.sheet
    assert not ws[f"I{row}"].protection.locked
    assert not ws[f"J{row}"].protection.locked
    assert ws[f"D{row}"].protection.locked
    assert ws.column_dimensions["K"].hidden
    assert ws.data_validations.dataValidation[0].type == "decimal"
    # Another unit's indicators are not in it.
    ids = {ws[f"K{r}"].value for r in range(excel.IND_FIRST_ROW, ws.max_row + 1)}
    assert work.files.pk not in ids
    wt = wb[excel.TASK_SHEET]
    assert wt[f"B{_task_row(wb, work.task)}"].value == work.task.title


def test_workbook_shows_the_last_accepted_value_and_the_current_draft(
    staff_client, people, work, orgs
):
    _accepted_january(work, orgs, area="6.5")
    february = work.periods[1]
    draft = ProgressReport.objects.create(period=february, unit=orgs.division)
    IndicatorValue.objects.create(report=draft, indicator=work.area, value=Decimal("7.25"))
    TaskReport.objects.create(report=draft, task=work.task, done_text="Đã họp dân")

    wb = _download(staff_client, february, orgs.division)

    ws = wb[excel.INDICATOR_SHEET]
    row = _ind_row(wb, work.area)
    assert ws[f"H{row}"].value == 6.5
    assert ws[f"I{row}"].value == 7.25
    assert wb[excel.TASK_SHEET][f"C{_task_row(wb, work.task)}"].value == "Đã họp dân"


def test_download_needs_a_bounded_number_of_queries(
    staff_client, work, orgs, march, django_assert_max_num_queries
):
    # session + user + memberships, unit, period, task exists, report, tasks + indicators,
    # previous values — whatever the number of tasks.
    with django_assert_max_num_queries(12):
        staff_client.get(_urls(march, orgs.division)[0])
    for n in range(20):
        task = Task.objects.create(
            campaign=work.campaign,
            content_item=work.task.content_item,
            unit=orgs.division,
            title=f"Nhiệm vụ {n}",
            start_date=datetime.date(2024, 1, 1),
            deadline=datetime.date(2024, 12, 31),
        )
        for k in range(3):
            Indicator.objects.create(
                task=task, name=f"Chỉ tiêu {k}", unit_of_measure="hộ", target=5
            )
    with django_assert_max_num_queries(12):
        response = staff_client.get(_urls(march, orgs.division)[0])
    ws = load_workbook(io.BytesIO(response.content))[excel.INDICATOR_SHEET]
    assert ws.max_row == excel.IND_FIRST_ROW - 1 + 2 + 20 * 3


# --- upload: the round trip ---------------------------------------------------------------------


def test_filled_workbook_goes_into_the_draft(staff_client, people, work, orgs, march):
    wb = _download(staff_client, march, orgs.division)
    _fill(
        wb,
        work,
        area=4.5,
        households=20,
        done="Đã thẩm định 3 phương án bồi thường",
        date=datetime.date(2024, 3, 15),
    )
    wb[excel.TASK_SHEET][f"D{_task_row(wb, work.task)}"] = "Đề nghị bổ sung kinh phí"

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    assert response.status_code == 302
    assert response["Location"] == reverse("report_edit", args=[march.pk, orgs.division.pk])
    report = ProgressReport.objects.get(period=march, unit=orgs.division)
    assert report.status == ProgressReport.Status.DRAFT
    values = {v.indicator_id: v.value for v in report.values.all()}
    assert values == {work.area.pk: Decimal("4.5"), work.households.pk: Decimal("20")}
    task_report = TaskReport.objects.get(report=report, task=work.task)
    assert task_report.done_text == "Đã thẩm định 3 phương án bồi thường"
    assert task_report.proposals == "Đề nghị bổ sung kinh phí"
    assert task_report.completed_on == datetime.date(2024, 3, 15)
    event = AuditEvent.objects.get(action="campaign.report.imported")
    assert event.actor == people.staff
    assert event.data["after"]["values"][str(work.area.pk)]["value"] == "4.500"


def test_numbers_typed_as_text_with_vietnamese_separators_are_read(staff_client, work, orgs, march):
    wb = _fill(
        _download(staff_client, march, orgs.division),
        work,
        area="2,75",
        households="1.234,5",
        date="15/03/2024",
    )

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    assert response.status_code == 302
    report = ProgressReport.objects.get(period=march, unit=orgs.division)
    values = {v.indicator_id: v.value for v in report.values.all()}
    assert values[work.area.pk] == Decimal("2.75")
    assert values[work.households.pk] == Decimal("1234.5")
    assert report.task_reports.get().completed_on == datetime.date(2024, 3, 15)


def test_head_can_upload_too_and_above_target_is_a_warning_shown_after_import(
    client_for, people, work, orgs, march
):
    client = client_for(people.head)
    wb = _fill(_download(client, march, orgs.division), work, area=12)

    response = _upload(client, march, orgs.division, _as_upload(wb), follow=True)

    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    row = _ind_row(wb, work.area)
    assert any(t.startswith(f"Chỉ tiêu!I{row}:") for t in texts), texts
    value = IndicatorValue.objects.get(indicator=work.area, report__period=march)
    assert value.value == Decimal("12")


def test_empty_cell_clears_the_value_of_the_draft(staff_client, work, orgs, march):
    draft = ProgressReport.objects.create(period=march, unit=orgs.division)
    IndicatorValue.objects.create(report=draft, indicator=work.area, value=Decimal("3"))
    wb = _download(staff_client, march, orgs.division)
    wb[excel.INDICATOR_SHEET][f"I{_ind_row(wb, work.area)}"] = None

    assert _upload(staff_client, march, orgs.division, _as_upload(wb)).status_code == 302

    assert IndicatorValue.objects.get(report=draft, indicator=work.area).value is None


def test_decomposed_vietnamese_text_is_stored_in_nfc(staff_client, work, orgs, march):
    decomposed = unicodedata.normalize("NFD", "Đã thẩm định xong hồ sơ")
    wb = _fill(_download(staff_client, march, orgs.division), work, area=1, done=decomposed)

    assert _upload(staff_client, march, orgs.division, _as_upload(wb)).status_code == 302

    assert TaskReport.objects.get(task=work.task).done_text == "Đã thẩm định xong hồ sơ"


def test_returned_report_can_be_corrected_by_workbook(staff_client, work, orgs, march):
    report = ProgressReport.objects.create(
        period=march, unit=orgs.division, status=ProgressReport.Status.RETURNED, version=1
    )
    wb = _fill(_download(staff_client, march, orgs.division), work, area=2, households=3)

    assert _upload(staff_client, march, orgs.division, _as_upload(wb)).status_code == 302

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED
    assert report.values.get(indicator=work.households).value == Decimal("3")


# --- upload: refused workbooks change nothing ---------------------------------------------------


def test_one_bad_cell_among_good_ones_changes_nothing_and_is_listed(
    staff_client, work, orgs, march
):
    draft = ProgressReport.objects.create(period=march, unit=orgs.division)
    IndicatorValue.objects.create(report=draft, indicator=work.area, value=Decimal("3"))
    TaskReport.objects.create(report=draft, task=work.task, done_text="Cũ")
    wb = _fill(
        _download(staff_client, march, orgs.division),
        work,
        area=5,
        households="mười hai",
        done="Mới",
    )

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    assert response.status_code == 200
    row = _ind_row(wb, work.households)
    assert _errors(response) == [
        f"Chỉ tiêu!I{row}: " + str(excel._not_a_number()),
    ]
    assert f"I{row}" in response.content.decode()
    assert IndicatorValue.objects.get(report=draft, indicator=work.area).value == Decimal("3")
    assert not IndicatorValue.objects.filter(indicator=work.households).exists()
    assert TaskReport.objects.get(report=draft).done_text == "Cũ"
    assert not AuditEvent.objects.filter(action="campaign.report.imported").exists()


def test_every_bad_cell_is_listed_at_once(staff_client, work, orgs, march):
    wb = _fill(
        _download(staff_client, march, orgs.division),
        work,
        area=-1,
        households="12.5.6",
        date=datetime.date(2024, 4, 2),
    )

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    references = [error.reference for error in response.context["errors"]]
    task_row = _task_row(wb, work.task)
    assert references == [
        f"Chỉ tiêu!I{_ind_row(wb, work.area)}",
        f"Chỉ tiêu!I{_ind_row(wb, work.households)}",
        f"Công việc!E{task_row}",
    ]
    assert "01/03/2024" in _errors(response)[2]
    assert not ProgressReport.objects.filter(period=march).exists()


def test_date_outside_the_period_is_refused(staff_client, work, orgs, march):
    wb = _fill(_download(staff_client, march, orgs.division), work, area=1, date="02/04/2024")

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert error.reference == f"Công việc!E{_task_row(wb, work.task)}"
    assert "31/03/2024" in error.message
    assert not ProgressReport.objects.filter(period=march).exists()


def test_cumulative_value_below_the_accepted_one_needs_a_reason(staff_client, work, orgs):
    _accepted_january(work, orgs, area="12.5")
    february = work.periods[1]
    wb = _fill(_download(staff_client, february, orgs.division), work, area="10")

    response = _upload(staff_client, february, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert error.reference == f"Chỉ tiêu!I{_ind_row(wb, work.area)}"
    assert "12,5" in error.message and "J" in error.message
    assert not ProgressReport.objects.filter(period=february).exists()

    wb = _fill(wb, work, reason="Đo đạc lại, điều chỉnh diện tích")
    response = _upload(staff_client, february, orgs.division, _as_upload(wb))

    assert response.status_code == 302
    value = IndicatorValue.objects.get(report__period=february, indicator=work.area)
    assert value.value == Decimal("10")
    assert value.below_previous_reason == "Đo đạc lại, điều chỉnh diện tích"


def test_workbook_of_another_unit_is_refused(client_for, people, work, orgs, march):
    other_workbook = excel.build_workbook(march, orgs.other_division, None)
    wb = load_workbook(io.BytesIO(other_workbook))
    ws = wb[excel.INDICATOR_SHEET]
    ws[f"I{_row(ws, work.files.pk)}"] = 3

    response = _upload(client_for(people.staff), march, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert orgs.other_division.name in error.message
    assert not ProgressReport.objects.exists()


def test_workbook_of_another_period_is_refused(staff_client, work, orgs, march):
    wb = _fill(_download(staff_client, work.periods[1], orgs.division), work, area=1)

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert "Tháng 2/2024" in error.message or "Month 2/2024" in error.message
    assert not ProgressReport.objects.exists()


def test_altered_identification_is_refused(staff_client, work, orgs, march):
    wb = excel.build_workbook(march, orgs.other_division, None)
    wb = load_workbook(io.BytesIO(wb))
    meta = wb[excel.META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "unit":
            row[1].value = orgs.division.pk

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert not error.sheet
    assert not ProgressReport.objects.exists()


def test_indicator_id_of_another_unit_slipped_into_the_workbook_is_refused(
    staff_client, work, orgs, march
):
    wb = _fill(_download(staff_client, march, orgs.division), work, area=1, households=2)
    ws = wb[excel.INDICATOR_SHEET]
    row = _ind_row(wb, work.households)
    ws[f"K{row}"] = work.files.pk

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert error.reference == f"Chỉ tiêu!I{row}"
    assert not ProgressReport.objects.exists()


def test_formula_without_a_computed_value_is_refused(staff_client, work, orgs, march):
    wb = _fill(_download(staff_client, march, orgs.division), work, area="=1+2")

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert error.reference == f"Chỉ tiêu!I{_ind_row(wb, work.area)}"


def _xlsx_without_meta() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "Chỉ tiêu"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _zip_with(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("csv", id="csv-renamed"),
        pytest.param("xls", id="xls-renamed"),
        pytest.param("zip", id="zip-not-a-workbook"),
        pytest.param("truncated", id="corrupt-zip"),
        pytest.param("parts", id="damaged-parts"),
        pytest.param("plain", id="workbook-not-from-the-portal"),
        pytest.param("empty", id="empty-file"),
    ],
)
def test_files_that_are_not_the_portal_workbook_are_refused_without_error_page(
    staff_client, work, orgs, march, content
):
    good = excel.build_workbook(march, orgs.division, None)
    data = {
        "csv": "STT;Chỉ tiêu;Giá trị\n1;Diện tích;5\n".encode(),
        "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000,
        "zip": _zip_with("readme.txt", b"hello"),
        "truncated": good[: len(good) // 2],
        "parts": _zip_with("[Content_Types].xml", b"spreadsheetml.sheet.main")[:-1],
        "plain": _xlsx_without_meta(),
        "empty": b"",
    }[content]
    upload = SimpleUploadedFile("bao-cao.xlsx", data, content_type=excel.XLSX_CONTENT_TYPE)

    response = _upload(staff_client, march, orgs.division, upload)

    assert response.status_code == 200
    assert response.context["errors"] or response.context["form"].errors
    assert not ProgressReport.objects.exists()


def test_workbook_with_a_missing_sheet_is_refused(staff_client, work, orgs, march):
    wb = _download(staff_client, march, orgs.division)
    del wb[excel.TASK_SHEET]

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert excel.TASK_SHEET in error.message


def test_file_larger_than_the_limit_is_refused(staff_client, settings, work, orgs, march):
    settings.EXCEL_UPLOAD_MAX_BYTES = 1000
    wb = _fill(_download(staff_client, march, orgs.division), work, area=1)

    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    (error,) = response.context["errors"]
    assert "MB" in error.message
    assert not ProgressReport.objects.exists()


def test_file_not_named_xlsx_is_refused_by_the_form(staff_client, work, orgs, march):
    wb = _fill(_download(staff_client, march, orgs.division), work, area=1)

    response = _upload(staff_client, march, orgs.division, _as_upload(wb, name="bao-cao.xls"))

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not ProgressReport.objects.exists()


def test_submitted_report_cannot_be_replaced_by_a_workbook(staff_client, work, orgs, march):
    wb = _fill(_download(staff_client, march, orgs.division), work, area=1)
    report = ProgressReport.objects.create(
        period=march, unit=orgs.division, status=ProgressReport.Status.SUBMITTED
    )

    page = staff_client.get(_urls(march, orgs.division)[1])
    response = _upload(staff_client, march, orgs.division, _as_upload(wb))

    assert page.status_code == 200 and not page.context["editable"]
    assert response.status_code == 200
    assert response.context["errors"]
    assert not report.values.exists()


# --- who may do it ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["staff", "head"])
def test_unit_staff_and_head_may_open_both_pages(client_for, people, work, orgs, march, persona):
    client = client_for(getattr(people, persona))
    download, upload = _urls(march, orgs.division)
    assert client.get(download).status_code == 200
    page = client.get(upload)
    assert page.status_code == 200
    assert download in page.content.decode()


@pytest.mark.parametrize("persona", ["other_staff", "outsider"])
def test_users_of_other_units_get_404(client_for, people, work, orgs, march, persona):
    client = client_for(getattr(people, persona))
    download, upload = _urls(march, orgs.division)
    wb = excel.build_workbook(march, orgs.division, None)
    assert client.get(download).status_code == 404
    assert client.get(upload).status_code == 404
    upload_file = SimpleUploadedFile("a.xlsx", wb, content_type=excel.XLSX_CONTENT_TYPE)
    assert client.post(upload, {"file": upload_file}).status_code == 404
    assert not ProgressReport.objects.exists()


def test_council_member_gets_403(client_for, people, work, orgs, march):
    client = client_for(people.council_member)
    download, upload = _urls(march, orgs.division)
    assert client.get(download).status_code == 403
    assert client.get(upload).status_code == 403


def test_secretariat_may_download_but_not_upload(client_for, people, work, orgs, march):
    client = client_for(people.secretariat)
    download, upload = _urls(march, orgs.division)
    assert client.get(download).status_code == 200
    assert client.get(upload).status_code == 403
    wb = excel.build_workbook(march, orgs.division, None)
    upload_file = SimpleUploadedFile("a.xlsx", wb, content_type=excel.XLSX_CONTENT_TYPE)
    assert client.post(upload, {"file": upload_file}).status_code == 403


def test_anonymous_is_sent_to_login(client, work, orgs, march):
    for url in _urls(march, orgs.division):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_period_of_a_campaign_without_tasks_for_the_unit_is_404(staff_client, orgs, work, march):
    other = CampaignFactory(issuing_organization=orgs.department)
    period = ReportingPeriod.objects.create(
        campaign=other,
        frequency=ReportingPeriod.Frequency.QUARTERLY,
        year=2024,
        number=1,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 3, 31),
        due_date=datetime.date(2024, 4, 10),
    )
    for url in _urls(period, orgs.division):
        assert staff_client.get(url).status_code == 404


# --- reading cells ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        (12, Decimal("12")),
        (12.5, Decimal("12.5")),
        (0.1 + 0.2, Decimal("0.3")),
        ("12,5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1.234.567", Decimal("1234567")),
        ("12.5", Decimal("12.5")),
        (" 7 ", Decimal("7")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("-3", Decimal("-3")),
    ],
)
def test_numbers_are_read_in_the_vietnamese_convention(raw, expected):
    assert excel.parse_number(raw) == expected


@pytest.mark.parametrize(
    "raw", ["abc", "1,2,3", "1,234.5", "12.5.6", "1.23,4", True, "1,2345", 1 / 3, "5 ha"]
)
def test_unreadable_numbers_are_refused(raw):
    with pytest.raises(excel.CellValueError):
        excel.parse_number(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15/03/2024", datetime.date(2024, 3, 15)),
        ("2024-03-15", datetime.date(2024, 3, 15)),
        (datetime.datetime(2024, 3, 15, 0, 0), datetime.date(2024, 3, 15)),
        (45366, datetime.date(2024, 3, 15)),
        ("", None),
    ],
)
def test_dates_are_read_as_dd_mm_yyyy(raw, expected):
    assert excel.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2024", "15.3", "ngày 15", True])
def test_unreadable_dates_are_refused(raw):
    with pytest.raises(excel.CellValueError):
        excel.parse_date(raw)


# --- a task without a content item (a plan whose content items are not on record) -------------


@pytest.fixture
def bare_work(orgs):
    """The division's task in a campaign without content items, and its March 2024 period."""
    campaign = CampaignFactory(
        issuing_organization=orgs.department, code="ke-hoach-hn", sections=False
    )
    task = Task.objects.create(
        campaign=campaign,
        unit=orgs.division,
        title="Bồi thường, giải phóng mặt bằng dự án đường vành đai",
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 12, 31),
    )
    area = Indicator.objects.create(
        task=task, order=1, name="Diện tích đã bàn giao", unit_of_measure="ha", target=40
    )
    period = ReportingPeriod.objects.create(
        campaign=campaign,
        frequency=ReportingPeriod.Frequency.MONTHLY,
        year=2024,
        number=3,
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2024, 3, 31),
        due_date=datetime.date(2024, 4, 5),
    )
    return task, area, period


def test_task_without_content_item_round_trips_with_an_empty_item_cell(
    staff_client, orgs, bare_work
):
    task, area, period = bare_work
    assert task.content_item is None
    wb = _download(staff_client, period, orgs.division)
    ws = wb[excel.INDICATOR_SHEET]
    row = _ind_row(wb, area)
    assert ws[f"B{row}"].value is None  # no content item: an empty cell
    assert ws[f"C{row}"].value == task.title
    ws[f"I{row}"] = "12,5"
    wb[excel.TASK_SHEET][f"C{_task_row(wb, task)}"] = "Đã bàn giao 12,5 ha cho chủ đầu tư"

    response = _upload(staff_client, period, orgs.division, _as_upload(wb))

    assert response.status_code == 302
    report = ProgressReport.objects.get(period=period, unit=orgs.division)
    assert {v.indicator_id: v.value for v in report.values.all()} == {area.pk: Decimal("12.5")}
    assert TaskReport.objects.get(report=report, task=task).done_text == (
        "Đã bàn giao 12,5 ha cho chủ đầu tư"
    )
    # The report form shows the task without a number before it.
    html = staff_client.get(reverse("report_edit", args=[period.pk, orgs.division.pk]))
    html = html.content.decode()
    assert task.title in html and f". {task.title}" not in html
