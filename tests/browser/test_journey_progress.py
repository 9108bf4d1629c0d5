"""Journeys 1 and 2 of issue 7: a unit reports a period's progress (form and Excel), the head
submits it; the office finds it, returns it, the unit corrects and resubmits, the office accepts."""

import io

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Phòng Quản lý đất đai of the Lạng Sơn demo: its December 2025 report is a draft.
UNIT = "Phòng Quản lý đất đai"
PERIOD = "Tháng 12/2025"


def open_period_report(j):
    """From the unit's list of reports to the form of the demo's open period."""
    j.goto("/bao-cao/")
    j.check("my-reports", readme="unit-reports" if j.who == "ls.canbo" else None)
    row = j.page.locator("main tbody tr", has_text=PERIOD).first
    j.follow(row.get_by_role("link"))
    j.check("report-form", readme="report-form" if j.who == "ls.canbo" else None)


def indicator_inputs(j):
    return j.page.locator("input.js-indicator-value")


def fill_targets(j, done: str):
    """Each indicator at its target, as typed by a person (Vietnamese number format)."""
    inputs = indicator_inputs(j)
    assert inputs.count() > 0
    for index in range(inputs.count()):
        field = inputs.nth(index)
        target = field.locator("xpath=ancestor::tr/td[2]").inner_text().strip()
        field.fill(target)
    j.page.locator("textarea[name^=done_]").first.fill(done)


def test_unit_staff_fill_report_by_form_and_excel_and_head_submits(journey):
    staff = journey("ls.canbo")
    open_period_report(staff)

    # A typing mistake: the error shows beside the field and what was typed stays.
    fill_targets(staff, "Đã thẩm định xong 2 phương án bồi thường.")
    first = indicator_inputs(staff).first
    first.fill("12,5ha")
    staff.page.locator("input[name^=completed_]").first.fill("31/12/2025")
    staff.submit("button[name=save]")
    staff.check("report-form-error")
    assert staff.page.locator("input.js-indicator-value").first.input_value() == "12,5ha"
    feedback = first.locator("xpath=following-sibling::div[contains(@class,'invalid-feedback')]")
    assert "số" in feedback.first.inner_text()
    assert (
        staff.page.locator("textarea[name^=done_]").first.input_value()
        == "Đã thẩm định xong 2 phương án bồi thường."
    )

    # Corrected, saved as a draft.
    target = first.locator("xpath=ancestor::tr/td[2]").inner_text().strip()
    indicator_inputs(staff).first.fill(target)
    staff.submit("button[name=save]")
    staff.check("report-draft-saved")
    assert staff.page.locator(".alert-success").count() == 1
    # Staff cannot submit: the head signs off.
    assert staff.page.locator("button[name=submit]").count() == 0

    # The same report through Excel: download the pre-filled workbook, fill it, upload it.
    with staff.page.expect_download() as download_info:
        staff.page.get_by_role("link", name="Tải tệp Excel").click()
    workbook = load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    sheet = workbook["Chỉ tiêu"]
    filled = 0
    for row in range(9, sheet.max_row + 1):
        if sheet[f"G{row}"].value is not None and sheet[f"A{row}"].value is not None:
            sheet[f"I{row}"] = sheet[f"G{row}"].value
            filled += 1
    assert filled > 0
    upload = io.BytesIO()
    workbook.save(upload)
    staff.follow(staff.page.get_by_role("link", name="Tải lên tệp Excel đã điền"))
    staff.check("excel-upload")
    staff.page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "bao-cao.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": upload.getvalue(),
            }
        ],
    )
    staff.submit("main form button[type=submit]")
    staff.check("excel-imported")
    assert "/excel/" not in staff.page.url
    assert staff.page.locator(".alert-success").count() == 1

    # Unit staff on a 360-px phone: the form fits the screen width.
    staff.page.set_viewport_size({"width": 360, "height": 740})
    staff.page.reload()
    overflow = staff.page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"the report form is {overflow}px wider than a 360-px phone"
    staff.shot("report-form-phone", readme="report-form-phone", full_page=False)

    # The head submits, after a confirmation.
    head = journey("ls.lanhdao")
    open_period_report(head)
    head.submit("button[name=submit]", confirm=False)  # cancelled: nothing happens
    assert "/ky/" in head.page.url
    head.submit("button[name=submit]", confirm=True)
    head.check("report-submitted")
    assert head.page.locator("main .badge", has_text="Đã nộp").count() >= 1


def submit_as_head(head):
    open_period_report(head)
    fill_targets(head, "Hoàn thành thẩm định hồ sơ giá đất cụ thể.")
    head.submit("button[name=submit]", confirm=True)
    assert head.page.locator("main .badge", has_text="Đã nộp").count() >= 1


def test_office_returns_report_unit_corrects_and_resubmits_office_accepts(journey):
    head = journey("ls.lanhdao")
    submit_as_head(head)

    # The office finds it from the campaign's dashboard.
    office = journey("ls.vanphong")
    office.goto("/")
    office.follow(office.page.get_by_role("link", name="Mở bảng điều khiển"))
    office.check("dashboard", readme="office-dashboard")
    office.follow(office.page.locator("main a", has_text="Báo cáo chờ duyệt").first)
    office.check("review-queue")
    row = office.page.locator("main tbody tr", has_text=UNIT).first
    office.follow(row.get_by_role("link"))
    office.check("report-review", readme="report-review")
    office.page.fill("textarea[name=comment]", "Đề nghị bổ sung kết quả thực hiện nhiệm vụ 3.")
    office.submit("button[name=decision][value=return]", confirm=True)
    office.check("report-returned")
    assert office.page.locator("main .badge", has_text="Bị trả lại").count() >= 1

    # The unit sees why, corrects and resubmits.
    staff = journey("ls.canbo")
    staff.goto("/bao-cao/")
    assert staff.page.locator("main .alert-warning").count() == 1
    row = staff.page.locator("main tbody tr", has_text=PERIOD).first
    staff.follow(row.get_by_role("link"))
    staff.check("report-correct")
    assert "Đề nghị bổ sung" in staff.page.inner_text("main")
    staff.page.locator("textarea[name^=done_]").nth(2).fill("Đã giải đáp 7 vướng mắc.")
    staff.submit("button[name=save]")
    head.goto(staff.page.url.replace(staff.base_url, ""))
    head.submit("button[name=submit]", confirm=True)

    # The office accepts the second version.
    office.goto("/duyet-bao-cao/")
    row = office.page.locator("main tbody tr", has_text=UNIT).first
    assert "2" in row.inner_text()
    office.follow(row.get_by_role("link"))
    office.submit("button[name=decision][value=accept]", confirm=True)
    office.check("report-accepted")
    assert office.page.locator("main .badge", has_text="Đã chấp nhận").count() >= 1
