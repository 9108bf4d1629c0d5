"""The annual preliminary report (sơ kết) and the final report (tổng kết): figures equal to the
dashboard's, the awards and obstacles of the span, the PDF's header, headings and number, the
narrative form (office only, pre-filled from the units' reports) and the browser preview.

Data follow the `work` fixture (periods January to March 2024) with the history of the
dashboard's tests: January and February accepted for the division, January accepted late for
the other division, its February never submitted.
"""

import datetime
import unicodedata
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import translation
from pypdf import PdfReader

from awards.models import AwardRecord
from campaign import metrics
from campaign.models import Indicator, Obstacle, ProgressReport, SubjectType, TaskReport
from config import urls as root_urls
from reports import layout, summary
from reports.builders.summary import build_summary
from reports.models import DocumentNumber, Kind, Narrative, ReportJob
from units.models import AuditEvent

from .factories import AwardFormFactory, OrganizationFactory
from .test_dashboard_office import accept, at, day

# The lead mounts reports.urls_narrative; until then the tests mount it themselves.
urlpatterns = list(root_urls.urlpatterns)
try:
    reverse("report_narratives", args=[1])
except NoReverseMatch:
    urlpatterns.append(path("", include("reports.urls_narrative")))

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

ANNUAL_HEADINGS = (
    "SITUATION",
    "LEADERSHIP, DIRECTION AND LAUNCH OF THE CAMPAIGN",
    "RESULTS OF THE EMULATION CONTENT ITEMS AND TARGETS",
    "FINDING, FOSTERING AND SPREADING ROLE MODELS",
    "AWARDS",
    "GENERAL ASSESSMENT",
    "DIRECTIONS AND TASKS",
    "PROPOSALS AND RECOMMENDATIONS",
)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(at(day(1, 5, 2025), 8))
    return day(1, 5, 2025)


@pytest.fixture
def history(orgs, work):
    jan, feb, _mar = work.periods
    div_jan = accept(jan, orgs.division, {work.area: 2, work.households: 10})
    div_feb = accept(feb, orgs.division, {work.area: 5, work.households: 20})
    accept(jan, orgs.other_division, {work.files: 3}, submitted=day(2, 9))
    div_feb.general_notes = "Đơn vị hoàn thành tốt nhiệm vụ tháng 2"
    div_feb.save(update_fields=["general_notes"])
    TaskReport.objects.create(
        report=div_feb,
        task=work.task,
        done_text="Bàn giao 3 ha cho chủ đầu tư",
        proposals="Đề nghị bổ sung kinh phí đo đạc",
    )
    for raised, beyond, status, resolved in (
        (day(3, 10), False, Obstacle.Status.OPEN, None),
        (day(1, 20), True, Obstacle.Status.ESCALATED, None),
        (day(1, 5), False, Obstacle.Status.RESOLVED, day(2, 1)),
        (day(3, 1, 2023), False, Obstacle.Status.RESOLVED, day(3, 2, 2023)),  # another year
    ):
        Obstacle.objects.create(
            campaign=work.campaign,
            unit=orgs.division,
            task=work.task,
            description=f"Vướng mắc về giá đất ({raised:%d/%m/%Y})",
            beyond_authority=beyond,
            status=status,
            raised_at=at(raised),
            resolved_at=at(resolved) if resolved else None,
        )
    return div_jan, div_feb


@pytest.fixture
def awards(orgs, work, people):
    """Three awards in 2024 (a collective, an individual, a household) and one in 2023."""
    form = AwardFormFactory()
    records = []
    for subject, name, prize, when in (
        (SubjectType.COLLECTIVE, "Phòng Quản lý đất đai", 1_404_000, day(12, 10)),
        (SubjectType.INDIVIDUAL, "Nguyễn Văn Bình", 702_000, day(12, 10)),
        (SubjectType.HOUSEHOLD, "Hộ ông Hoàng Văn Cường", 500_000, day(12, 12)),
        (SubjectType.INDIVIDUAL, "Lê Thị Dung", 702_000, day(12, 1, 2023)),
    ):
        records.append(
            AwardRecord.objects.create(
                source=AwardRecord.Source.MANUAL,
                campaign=work.campaign,
                award_form=form,
                subject_type=subject,
                recipient_name=name,
                owner=orgs.department,
                year=when.year,
                decision_number="12/QĐ-STNMT",
                decision_date=when,
                issuer="Sở Tài nguyên và Môi trường",
                prize_amount=prize,
            )
        )
    return form


def dashboard_progress(campaign, cutoff):
    return metrics.indicator_progress(Indicator.objects.filter(task__campaign=campaign), cutoff)


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)


def vi(text: str) -> str:
    with translation.override("vi"):
        return translation.gettext(text)


def build(campaign, kind, year, created=None):
    job = ReportJob.objects.create(
        kind=kind, campaign=campaign, year=year, created_at=at(created or day(1, 5, 2025))
    )
    steps = []
    document = build_summary(job, lambda percent, step: steps.append(percent))
    assert steps == sorted(steps) and steps[-1] >= 90
    return document


# --- Figures -------------------------------------------------------------------------------------


def test_figures_equal_the_dashboards_own(work, history):
    cutoff = datetime.date(2024, 12, 31)
    expected = {p.indicator.name: p for p in dashboard_progress(work.campaign, cutoff)}
    report = summary.collect(work.campaign, Kind.ANNUAL, 2024)
    assert report.scope.cutoff == cutoff
    lines = {line.name: line for section in report.content_items for line in section.lines}
    assert set(lines) == set(expected)
    for name, line in lines.items():
        assert (line.target, line.achieved, line.percent) == (
            expected[name].target,
            expected[name].achieved,
            expected[name].percent,
        )
    assert lines[work.area.name].achieved == Decimal("5")  # latest cumulative value
    assert lines[work.files.name].achieved == Decimal("3")  # per-period sum
    groups = metrics.rollups(list(expected.values()))
    assert [(s.label, s.percent, s.expected) for s in report.content_items] == [
        (g.label, g.percent, g.expected_percent) for g in groups["content_item"]
    ]
    assert [(s.label, s.percent) for s in report.units] == [
        (g.label, g.percent) for g in groups["unit"]
    ]


def test_same_named_indicators_are_summed_in_one_line(orgs, work, history):
    second = Indicator.objects.create(
        task=work.other_task, order=2, name=work.area.name, unit_of_measure="ha", target=30
    )
    accept(work.periods[1], orgs.other_division, {second: 6})
    report = summary.collect(work.campaign, Kind.ANNUAL, 2024)
    line = next(
        line for s in report.content_items for line in s.lines if line.name == work.area.name
    )
    assert (line.count, line.target, line.achieved, line.percent) == (
        2,
        Decimal(40),
        Decimal(11),
        Decimal("27.5"),
    )


def test_reporting_discipline_is_summed_over_the_periods(orgs, work, history):
    report = summary.collect(work.campaign, Kind.ANNUAL, 2024)
    assert [line.label for line in report.discipline] == [str(p.label) for p in work.periods]
    total = report.discipline_total
    # Two units × three periods: division on time twice, other late once, March never sent.
    assert (total.expected, total.on_time, total.late, total.missing) == (6, 2, 1, 3)
    assert total.on_time + total.late + total.missing == total.expected


def test_obstacles_and_awards_of_the_year_only(work, history, awards):
    report = summary.collect(work.campaign, Kind.ANNUAL, 2024)
    o = report.obstacles
    assert (o.raised, o.beyond, o.resolved, o.escalated, o.open) == (3, 1, 1, 1, 2)
    assert [text for _unit, text in o.escalated_list] == ["Vướng mắc về giá đất (20/01/2024)"]
    a = report.awards
    assert len(a.lines) == 1
    total = a.total
    assert (total.collective, total.individual, total.household, total.total) == (1, 1, 1, 3)
    assert total.prize == 1_404_000 + 702_000 + 500_000


def test_final_report_covers_the_whole_campaign(work, history, awards):
    report = summary.collect(work.campaign, Kind.FINAL)
    assert report.scope.cutoff == work.campaign.end_date
    assert report.scope.start == work.campaign.start_date
    assert report.awards.total.total == 4  # 2023's award as well
    assert [line.label for line in report.discipline] == [vi("Year %(year)s") % {"year": 2024}]
    expected = dashboard_progress(work.campaign, work.campaign.end_date)
    assert report.overall.percent == metrics.Group(None, "", expected).percent


def test_charts_show_the_content_items_and_the_key_indicator(work, history):
    report = summary.collect(work.campaign, Kind.ANNUAL, 2024)
    assert {"content_items", "key_indicator", "discipline"} <= set(report.charts)
    assert all(svg.startswith("<svg") for svg in report.charts.values())
    assert report.key_line.name == work.households.name  # largest target of the single ones
    # The accepted value as of each period's end (March: still February's); the last point
    # equals the figure at the cut-off.
    values = [value for _label, value in report.key_series]
    assert values == [Decimal(10), Decimal(20), Decimal(20)]
    assert values[-1] == report.key_line.achieved


# --- The PDF -------------------------------------------------------------------------------------


def test_annual_pdf_carries_header_headings_and_figures(orgs, work, history, awards):
    document = build(work.campaign, Kind.ANNUAL, 2024)
    text = pdf_text(document.pdf)
    assert document.number == "01/BC-STNMT"
    assert document.pages >= 2
    assert document.filename.endswith(".pdf")
    for line in (
        "UBND TỈNH A",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 01/BC-STNMT",
        "Lạng Sơn, ngày 05 tháng 01 năm 2025",
        vi("REPORT"),
    ):
        assert line in text, line
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
    for numeral, heading in zip(numerals, ANNUAL_HEADINGS, strict=True):
        assert f"{numeral}. {vi(heading)}" in text, heading
    # The dashboard's figures, written the Vietnamese way.
    for p in dashboard_progress(work.campaign, datetime.date(2024, 12, 31)):
        figures = " ".join(layout.num(v) for v in (p.target, p.achieved, p.percent))
        assert f"{p.indicator.name} {p.indicator.unit_of_measure} {figures}" in text
    assert "Phòng Quản lý đất đai" in text
    assert "2.606.000" in text  # prize money of 2024
    assert unicodedata.normalize("NFC", text) == text


def test_regenerating_keeps_the_number_and_the_next_document_takes_the_next(work, history):
    first = build(work.campaign, Kind.ANNUAL, 2024)
    again = build(work.campaign, Kind.ANNUAL, 2024)
    final = build(work.campaign, Kind.FINAL, 2025)
    assert (first.number, again.number, final.number) == (
        "01/BC-STNMT",
        "01/BC-STNMT",
        "02/BC-STNMT",
    )
    assert DocumentNumber.objects.filter(doc_type="BC").count() == 2


def test_narrative_sections_and_addressee_go_into_the_pdf(work, history, people):
    Narrative.objects.create(
        campaign=work.campaign,
        kind=Kind.ANNUAL,
        year=2024,
        situation="Năm 2024 có nhiều dự án trọng điểm.",
        lessons="Phải bám sát cơ sở.",
        recipient="Ủy ban nhân dân tỉnh A",
    )
    text = pdf_text(build(work.campaign, Kind.ANNUAL, 2024).pdf)
    assert "Kính gửi: Ủy ban nhân dân tỉnh A" in text
    assert "Năm 2024 có nhiều dự án trọng điểm." in text
    assert "Phải bám sát cơ sở." in text


# --- Narrative form and preview ------------------------------------------------------------------


def edit_url(campaign, slug="so-ket", year=2024):
    return reverse("report_narrative_edit", args=[campaign.pk, slug, year])


def preview_url(campaign, slug="so-ket", year=2024):
    return reverse("report_preview", args=[campaign.pk, slug, year])


def test_only_the_office_writes_the_narrative(client, client_for, people, work):
    assert client.get(edit_url(work.campaign)).status_code == 302  # to the login
    assert client_for(people.outsider).get(edit_url(work.campaign)).status_code == 404
    assert client_for(people.outsider).get(preview_url(work.campaign)).status_code == 404
    assert client_for(people.staff).get(edit_url(work.campaign)).status_code == 403
    assert client_for(people.council_chair).get(preview_url(work.campaign)).status_code == 403
    office = client_for(people.secretariat)
    assert office.get(reverse("report_narratives", args=[work.campaign.pk])).status_code == 200
    assert office.get(edit_url(work.campaign)).status_code == 200


@pytest.mark.parametrize(("slug", "year"), [("so-ket", 2019), ("tong-ket", 2024), ("khac", 2024)])
def test_a_report_the_campaign_does_not_have_is_not_found(client_for, people, work, slug, year):
    response = client_for(people.secretariat).get(edit_url(work.campaign, slug, year))
    assert response.status_code == 404


def test_the_form_is_prefilled_from_the_units_reports(client_for, people, work, history):
    form = client_for(people.secretariat).get(edit_url(work.campaign)).context["form"]
    assert "Đơn vị hoàn thành tốt nhiệm vụ tháng 2" in form["strengths"].value()
    assert "Bàn giao 3 ha cho chủ đầu tư" in form["results_comment"].value()
    proposals = form["proposals"].value()
    assert "Đề nghị bổ sung kinh phí đo đạc" in proposals
    assert "Vướng mắc về giá đất (20/01/2024)" in proposals  # beyond the unit's authority
    assert "Vướng mắc về giá đất (10/03/2024)" in form["shortcomings"].value()
    assert "(05/01/2024)" not in form["shortcomings"].value()  # resolved
    assert form["recipient"].value() == "UBND tỉnh A"


def test_saving_keeps_the_text_in_nfc_and_leaves_an_audit_record(client_for, people, work):
    office = client_for(people.secretariat)
    nfd = unicodedata.normalize("NFD", "Bài học: phối hợp chặt chẽ với địa phương")
    response = office.post(edit_url(work.campaign), {"lessons": nfd, "recipient": "UBND tỉnh A"})
    assert response.status_code == 302
    narrative = Narrative.objects.get(campaign=work.campaign, kind=Kind.ANNUAL, year=2024)
    assert narrative.lessons == unicodedata.normalize("NFC", nfd)
    assert narrative.updated_by == people.secretariat
    event = AuditEvent.objects.get(action="reports.narrative.saved")
    assert event.actor == people.secretariat
    assert "lessons" in event.data["changed"]
    # Saved: the form shows what was saved, not the draft.
    form = office.get(edit_url(work.campaign)).context["form"]
    assert form["lessons"].value() == narrative.lessons
    assert form["situation"].value() == ""


def test_an_overlong_section_is_refused_and_nothing_is_saved(client_for, people, work):
    response = client_for(people.secretariat).post(
        edit_url(work.campaign), {"situation": "x" * 50_001}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["situation"]
    assert not Narrative.objects.exists()


def test_the_preview_shows_the_same_figures_as_the_pdf(client_for, people, work, history):
    response = client_for(people.secretariat).get(preview_url(work.campaign))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 2
    assert "css/document.css" in html
    report = summary.collect(work.campaign, Kind.ANNUAL, 2024)
    for section in report.content_items:
        for line in section.lines:
            percent = f"{line.percent:f}".replace(".", ",").removesuffix(",0")
            assert f'<td class="num">{percent}</td>' in html
    # Not generated yet: the number is left blank, the date is today's.
    assert "/BC-STNMT" in html and "01/BC-STNMT" not in html
    assert "ngày 05 tháng 01 năm 2025" in html


def test_preview_and_form_queries_do_not_grow_with_the_data(
    client_for, people, orgs, work, history, django_assert_max_num_queries
):
    office = client_for(people.secretariat)

    def measure():
        with django_assert_max_num_queries(40) as small:
            office.get(preview_url(work.campaign))
        with django_assert_max_num_queries(40) as form:
            office.get(edit_url(work.campaign))
        return len(small.captured_queries), len(form.captured_queries)

    before = measure()
    # More units, tasks, indicators and reports.
    for n in range(4):
        org = OrganizationFactory(
            code=f"don-vi-{n}", name=f"Đơn vị {n}", parent=orgs.department, kind="division"
        )
        task = work.task.__class__.objects.create(
            campaign=work.campaign,
            content_item=work.task.content_item,
            unit=org,
            title=f"Nhiệm vụ {n}",
            start_date=day(1, 1),
            deadline=day(12, 31),
        )
        ind = Indicator.objects.create(
            task=task, name=f"Chỉ tiêu {n}", unit_of_measure="hộ", target=9
        )
        report = accept(work.periods[0], org, {ind: n + 1})
        TaskReport.objects.create(report=report, task=task, done_text=f"Việc {n}")
        ProgressReport.objects.filter(pk=report.pk).update(general_notes=f"Ghi chú {n}")
    assert measure() == before
