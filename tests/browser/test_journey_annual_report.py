"""Journey 4 of issue 7: the office edits the narrative of the annual report, generates it,
watches the job's progress and downloads the PDF.

Tests run Celery tasks in-process (tests/conftest.py), so the job has usually finished when its
page first shows; the page is still followed until its download button appears, as a person
would wait for it with a real worker.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = "2025"
CAMPAIGN_DOCUMENTS = "/bao-cao/phong-trao/{pk}/"


def test_office_edits_narrative_generates_annual_report_and_downloads_pdf(journey):
    from campaign.models import Campaign

    campaign = Campaign.objects.get(code="ls-stnmt-gpmb-2022-2025")
    office = journey("ls.vanphong")

    # From the campaign's documents to the narrative of the year's sơ kết report.
    office.goto(CAMPAIGN_DOCUMENTS.format(pk=campaign.pk))
    office.check("documents", readme="report-documents")
    office.follow(office.page.locator("main a[href*='/bao-cao-tong-ket/']").first)
    office.check("narratives")
    office.follow(office.page.locator(f"main a[href$='/so-ket/{YEAR}/']"))
    office.check("narrative-edit", readme="report-narrative")
    lessons = "Phải bám sát cơ sở, giải quyết dứt điểm vướng mắc ngay từ khi phát sinh."
    office.page.locator("textarea[name=lessons]").fill(lessons)
    office.submit("main form button[type=submit]")
    office.check("narrative-saved")
    assert office.page.locator(".alert-success").count() >= 1

    # Generate the PDF of that year's report and wait for the job to finish.
    office.goto(CAMPAIGN_DOCUMENTS.format(pk=campaign.pk))
    annual = office.page.locator("main form:has(input[name=kind][value=annual])")
    annual.locator("select").select_option(YEAR)
    office.submit("main form:has(input[name=kind][value=annual]) button[type=submit]")
    assert "/bao-cao/tac-vu/" in office.page.url
    progress = office.page.locator("[data-job-progress]")
    assert progress.count() == 1
    office.page.locator("[data-job-block=succeeded]").wait_for(state="visible", timeout=120_000)
    office.check("job-finished", readme="report-job")

    with office.page.expect_download() as download_info:
        office.page.locator("[data-job-download]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert download.path().read_bytes()[:5] == b"%PDF-"
