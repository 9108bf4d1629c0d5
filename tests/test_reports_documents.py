"""The official documents other than the sơ kết / tổng kết, as PDFs: council minutes, award
decision, proposal, nomination list and period progress summary. Each is built through its
registered builder and read back with pypdf: header lines, number and symbol, place and date,
title and headings, and the figures the database holds; every font embedded; no number on
page 1. Also the amount in words and the refusal of minutes for an open session."""

import datetime
import io
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from pypdf import PdfReader

from awards import sessions
from awards.models import AwardRecord, Council, CouncilMember, Nomination, Vote
from campaign import metrics, progress_state
from campaign.models import (
    Indicator,
    IndicatorValue,
    LegalBasis,
    ProgressReport,
    SubjectType,
)
from reports import documents
from reports.builders import BuildError, get_builder
from reports.layout import num
from reports.models import DocumentNumber, Kind, ReportJob
from units.models import Person, Role

from . import test_awards_decisions as base
from .factories import make_member

# Shared fixtures and builders of the decisions tests.
award_forms, salaries, setup, trio = base.award_forms, base.salaries, base.setup, base.trio
upward, decide, propose = base.upward, base.decide, base.propose

pytestmark = pytest.mark.django_db

APPROVE, REJECT = Vote.APPROVE, Vote.REJECT


def vi(msgid: str) -> str:
    """The Vietnamese of a msgid (the catalogue may not carry it yet: then the English)."""
    with translation.override("vi"):
        return translation.gettext(msgid)


# --- Reading a PDF ------------------------------------------------------------------------------


def build(kind, campaign, **subject):
    job = ReportJob.objects.create(kind=kind, campaign=campaign, **subject)
    steps = []
    with translation.override("vi"):
        built = get_builder(kind)(job, lambda percent, step: steps.append((percent, step)))
    assert steps and all(0 <= percent <= 100 for percent, _step in steps)
    return built


def pdf_text(built) -> str:
    reader = PdfReader(io.BytesIO(built.pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def page_lines(built) -> list[list[str]]:
    reader = PdfReader(io.BytesIO(built.pdf))
    return [
        [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        for page in reader.pages
    ]


def fonts_embedded(built) -> list[str]:
    """The names of the fonts used that are NOT embedded (empty when all are)."""
    reader = PdfReader(io.BytesIO(built.pdf))
    missing = []
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptors = []
            if "/DescendantFonts" in font:
                for descendant in font["/DescendantFonts"]:
                    descriptors.append(descendant.get_object().get("/FontDescriptor"))
            else:
                descriptors.append(font.get("/FontDescriptor"))
            for descriptor in descriptors:
                descriptor = descriptor.get_object() if descriptor is not None else {}
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(str(font.get("/BaseFont")))
    return missing


def assert_official_layout(built, text):
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert fonts_embedded(built) == []
    pages = page_lines(built)
    assert built.pages == len(pages)
    # The page number sits in the top margin from page 2 on (pypdf reads it first or last).
    assert "1" not in pages[0][:2] + pages[0][-2:]
    for number, lines in enumerate(pages[1:], start=2):
        assert str(number) in lines[:2] + lines[-2:], lines[:2] + lines[-2:]


# --- Amount in words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (702_000, "Bảy trăm linh hai nghìn đồng"),
        (1_053_000, "Một triệu không trăm năm mươi ba nghìn đồng"),
        (1_404_000, "Một triệu bốn trăm linh bốn nghìn đồng"),
        (10_500_000, "Mười triệu năm trăm nghìn đồng"),
        (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
        (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (1_010_000, "Một triệu không trăm mười nghìn đồng"),
        (3_159_000, "Ba triệu một trăm năm mươi chín nghìn đồng"),
    ],
)
def test_amounts_are_written_out_in_the_customary_form(amount, words):
    assert documents.amount_in_words(amount) == words


def test_a_negative_amount_has_no_words():
    with pytest.raises(ValueError):
        documents.amount_in_words(-1)


# --- Council minutes --------------------------------------------------------------------------


def person_of(user) -> Person:
    return Person.objects.get(user=user)


@pytest.fixture
def closed_session(orgs, people, campaign, setup):
    """A council of 9 (one member absent with a written opinion), two items: the first passes
    with 6 ballots for, 1 against, 1 recusal and the written opinion for (7 of 9, 5 required);
    the second fails with 3 for and 5 against."""
    form = setup.forms.gk
    council = Council.objects.create(
        organization=orgs.department, name="Hội đồng Thi đua - Khen thưởng Sở", size=9
    )
    chair = CouncilMember.objects.create(
        council=council, person=person_of(people.council_chair), role="chair", order=1
    )
    secretary_user = make_member(Role.COUNCIL_MEMBER, orgs.department, username="thuky")
    secretary_person = person_of(secretary_user)
    secretary_person.full_name = "Lê Thị Thư"
    secretary_person.save()
    secretary = CouncilMember.objects.create(
        council=council, person=secretary_person, role="secretary", order=2
    )
    others = []
    for n in range(7):
        user = make_member(
            Role.COUNCIL_MEMBER, orgs.department, username=f"uyvien{n}", first_name=f"Uỷ viên {n}"
        )
        others.append(
            CouncilMember.objects.create(
                council=council, person=person_of(user), role="member", order=10 + n
            )
        )
    seats = [chair, secretary, *others]
    absent = others[6]
    nominations = [
        Nomination.objects.create(
            campaign=campaign,
            award_form=form,
            unit=unit,
            year=2025,
            subject_type=SubjectType.COLLECTIVE,
            nominee_organization=unit,
            nominee_name=unit.name,
            status=Nomination.Status.ACCEPTED,
        )
        for unit in (orgs.division, orgs.other_division)
    ]
    session = sessions.schedule_session(
        people.secretariat,
        council,
        campaign=campaign,
        title="Phiên họp xét khen thưởng năm 2025",
        scheduled_at=timezone.now() + datetime.timedelta(days=1),
        place="Phòng họp tầng 3",
    )
    sessions.add_items(people.secretariat, session, [n.pk for n in nominations])
    sessions.record_attendance(
        people.secretariat,
        session,
        {m.pk: (m.pk != absent.pk, "Đi công tác" if m.pk == absent.pk else "") for m in seats},
    )
    first, second = list(session.items.order_by("order"))
    sessions.record_opinions(
        people.secretariat,
        session,
        absent,
        {first.pk: (APPROVE, "Nhất trí"), second.pk: (REJECT, "")},
    )
    sessions.open_session(people.council_chair, session)
    present = seats[:8]
    for seat, choice in zip(present[:7], [APPROVE] * 6 + [REJECT], strict=True):
        sessions.cast_ballot(session, first, seat, choice)
    sessions.recuse(session, first, present[7], "Người thân của đơn vị được đề nghị")
    for seat, choice in zip(present, [APPROVE] * 3 + [REJECT] * 5, strict=True):
        sessions.cast_ballot(session, second, seat, choice)
    sessions.close_session(people.council_chair, session)
    session.refresh_from_db()
    return SimpleNamespace(
        session=session, council=council, chair=chair, secretary=secretary, absent=absent
    )


def test_minutes_of_a_closed_session_hold_the_tallies_and_the_names(campaign, closed_session):
    session = closed_session.session
    built = build(Kind.MINUTES, campaign, session=session)
    text = pdf_text(built)
    assert_official_layout(built, text)
    closed = timezone.localtime(session.closed_at)
    year = closed.year
    assert built.number == "01/BB-HĐTĐKT"
    assert "Số: 01/BB-HĐTĐKT" in text
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG SỞ" in text
    assert "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" in text
    month = f"{closed.month:02d}" if closed.month < 3 else str(closed.month)
    assert f"Lạng Sơn, ngày {closed.day:02d} tháng {month} năm {year}" in text
    assert "BIÊN BẢN" in text
    assert "Phòng họp tầng 3" in text
    # Tallies as the database holds them: ballots and written opinions, counted per item.
    first, second = list(session.items.order_by("order"))
    assert (first.approvals, first.rejections, first.written_approvals, first.recusals) == (
        6,
        1,
        1,
        1,
    )
    assert (second.approvals, second.rejections, second.written_rejections) == (3, 5, 1)
    assert "Phiếu tại phiên họp: 6 đồng ý, 1 không đồng ý." in text
    assert "Phiếu tại phiên họp: 3 đồng ý, 5 không đồng ý." in text
    assert "Số phiếu đồng ý: 7/9 thành viên; số phiếu cần đạt: 5." in text
    assert "Số phiếu đồng ý: 3/9 thành viên; số phiếu cần đạt: 5." in text
    assert "Kết quả: ĐẠT" in text and "Kết quả: KHÔNG ĐẠT" in text
    # Written opinions and recusals are named; the absent member with the reason.
    absent_name = closed_session.absent.person.full_name
    assert f"{absent_name}: đồng ý" in text
    assert "Đi công tác" in text
    assert "Người thân của đơn vị được đề nghị" in text
    assert closed_session.chair.person.full_name in text
    assert "Lê Thị Thư" in text
    ended = vi("The meeting ended at %(hour)s:%(minute)s, %(day)s.") % {
        "hour": f"{closed:%H}",
        "minute": f"{closed:%M}",
        "day": documents.vn_date(closed.date()),
    }
    assert ended in text
    assert vi("SECRETARY") in text and vi("CHAIR") in text


def test_minutes_keep_their_number_when_regenerated_in_the_councils_own_series(
    campaign, closed_session, orgs
):
    session = closed_session.session
    # The organization's own BB series does not move the council's.
    DocumentNumber.objects.create(
        organization=orgs.department, doc_type="BB", year=2026, number=4, document_key="x"
    )
    first = build(Kind.MINUTES, campaign, session=session)
    again = build(Kind.MINUTES, campaign, session=session)
    assert first.number == again.number == "01/BB-HĐTĐKT"
    assert first.filename.endswith(".pdf") and "/" not in first.filename


def test_minutes_are_refused_for_a_session_not_closed(people, campaign, closed_session):
    open_session = sessions.schedule_session(
        people.secretariat,
        closed_session.council,
        campaign=campaign,
        title="Phiên họp chưa kết thúc",
        scheduled_at=timezone.now(),
        place="Phòng họp",
    )
    with pytest.raises(ValidationError) as caught:
        build(Kind.MINUTES, campaign, session=open_session)
    message = " ".join(caught.value.messages)
    assert "Phiên họp chưa kết thúc" in message
    assert not DocumentNumber.objects.filter(doc_type__startswith="BB").exists()


def test_minutes_without_a_session_is_a_clear_reason(campaign):
    with pytest.raises(BuildError):
        build(Kind.MINUTES, campaign)


# --- Decision --------------------------------------------------------------------------------


@pytest.fixture
def decision(people, trio):
    trio.campaign.doc_number = "7"
    trio.campaign.doc_type_abbreviation = "KH"
    trio.campaign.save()
    LegalBasis.objects.create(
        campaign=trio.campaign, order=1, text="Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
    )
    return decide(people, trio)


def test_decision_prints_its_own_number_the_articles_and_the_amounts(trio, decision):
    built = build(Kind.DECISION, trio.campaign, decision=decision)
    text = pdf_text(built)
    assert_official_layout(built, text)
    assert built.number == decision.number_symbol == "01/QĐ-STNMT"
    assert "Số: 01/QĐ-STNMT" in text
    assert "Lạng Sơn, ngày 15 tháng 12 năm 2024" in text
    assert "QUYẾT ĐỊNH" in text and "QUYẾT ĐỊNH:" in text
    assert "Về việc khen thưởng thành tích trong Phong trào thi đua" in text
    assert "GIÁM ĐỐC SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Căn cứ Kế hoạch số 07/KH-STNMT về việc phát động Phong trào thi đua" in text
    assert "Theo đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng." in text
    for article in ("Điều 1.", "Điều 2.", "Điều 3."):
        assert article in text
    assert "Nơi nhận:" in text and "- Như Điều 3;" in text
    assert "- " + vi("Filed: %(units)s.") % {"units": "VT, VP"} in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Hoàng Văn Nam" in text
    # The attached list: every amount as the registry holds it, and the total in figures and
    # in words (702.000 + 1.404.000 + 1.053.000).
    records = list(AwardRecord.objects.filter(decision=decision))
    amounts = sorted(r.prize_amount for r in records)
    assert amounts == [702_000, 1_053_000, 1_404_000]
    for record in records:
        assert record.recipient_name in text
        assert f"{record.prize_amount:,}".replace(",", ".") in text
    total = sum(amounts)
    assert "3.159.000" in text
    assert documents.amount_in_words(total) in text
    assert "(Kèm theo Quyết định số 01/QĐ-STNMT ngày 15/12/2024" in text
    assert "Hộ gia đình" in text or "hộ gia đình" in text


def test_decision_builder_takes_no_new_number(trio, decision):
    build(Kind.DECISION, trio.campaign, decision=decision)
    assert not DocumentNumber.objects.exists()


def test_decision_data_reads_a_bounded_number_of_queries(
    people, trio, decision, django_assert_max_num_queries
):
    # Decision, award records (with units), legal bases; the body's names on the date.
    with django_assert_max_num_queries(8):
        small = documents.decision_data(decision)
    assert len(small["rows"]) == 3
    assert small["total"] == 3_159_000


# --- Proposal --------------------------------------------------------------------------------


def test_proposal_prints_its_own_number_the_recipient_and_the_list(people, upward):
    nomination = upward.nominations[1]
    nomination.achievements = "Hoàn thành vượt mức kế hoạch bàn giao 120 ha mặt bằng."
    nomination.save()
    proposal = propose(people, upward)
    built = build(Kind.PROPOSAL, upward.campaign, proposal=proposal)
    text = pdf_text(built)
    assert_official_layout(built, text)
    assert built.number == proposal.number_symbol == "01/TTr-STNMT"
    assert "Số: 01/TTr-STNMT" in text
    assert "Lạng Sơn, ngày 20 tháng 11 năm 2025" in text
    assert "TỜ TRÌNH" in text
    assert f"Kính gửi: {proposal.recipient}" in text
    assert "Kính trình xem xét, quyết định./." in text
    assert "- Như trên;" in text
    for n in upward.nominations:
        assert n.nominee_name in text
    assert "120 ha mặt bằng" in text
    assert "(Kèm theo Tờ trình số 01/TTr-STNMT ngày 20/11/2025)" in text


# --- Nomination list -------------------------------------------------------------------------


def test_nomination_list_groups_by_form_and_subject_with_the_stage(people, trio, upward):
    Nomination.objects.filter(pk=upward.nominations[0].pk).update(status=Nomination.Status.DRAFT)
    built = build(Kind.NOMINATIONS, trio.campaign, year=2025)
    text = pdf_text(built)
    assert_official_layout(built, text)
    year = timezone.localdate().year
    assert built.number == "01/BC-STNMT"
    assert "Số: 01/BC-STNMT" in text
    assert vi("REPORT") in text
    assert trio.forms.gk.name in text and upward.form.name in text
    # Drafts are not reported; five submitted nominations, each with its stage.
    data = documents.nominations_data(trio.campaign, 2025)
    assert data["total"] == 5
    listed = [row["nomination"].pk for part in data["parts"] for g in part.groups for row in g.rows]
    assert upward.nominations[0].pk not in listed
    assert vi("Approved by the council") in text
    assert DocumentNumber.objects.get(doc_type="BC").year == year
    # Another year: a document of its own, the next number.
    other = build(Kind.NOMINATIONS, trio.campaign, year=2024)
    assert other.number == "02/BC-STNMT"


def test_nomination_list_reads_one_query_whatever_its_size(
    people, trio, upward, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        small = documents.nominations_data(trio.campaign, None)
    from .test_awards_decisions import make_nomination

    for n in range(20):
        make_nomination(
            trio.campaign,
            trio.forms.gk,
            trio.nominations[0].unit,
            SubjectType.INDIVIDUAL,
            f"Cá nhân {n}",
        )
    with django_assert_max_num_queries(1):
        large = documents.nominations_data(trio.campaign, None)
    assert large["total"] == small["total"] + 20


# --- Period progress summary -----------------------------------------------------------------


def report(period, unit, values, submitted_on, status=ProgressReport.Status.ACCEPTED):
    moment = timezone.make_aware(datetime.datetime.combine(submitted_on, datetime.time(9)))
    rep = ProgressReport.objects.create(
        period=period, unit=unit, status=status, first_submitted_at=moment, submitted_at=moment
    )
    for indicator, value in values.items():
        IndicatorValue.objects.create(report=rep, indicator=indicator, value=Decimal(value))
    progress_state.refresh(ind.pk for ind in values)
    return rep


def test_period_summary_holds_the_discipline_and_the_dashboards_figures(orgs, work):
    january, february, _march = work.periods
    report(january, orgs.division, {work.area: "2.5", work.households: "10"}, january.due_date)
    report(
        january,
        orgs.other_division,
        {work.files: "3"},
        january.due_date + datetime.timedelta(days=2),
    )
    report(february, orgs.division, {work.area: "4", work.households: "18"}, february.due_date)
    built = build(Kind.PERIOD, work.campaign, period=february)
    text = pdf_text(built)
    assert_official_layout(built, text)
    assert built.number == "01/BC-STNMT"
    assert vi("REPORT") in text
    # Discipline of February: the division on time, the other division missing.
    data = documents.period_data(february)
    assert (data["expected"], data["on_time"], data["late"], data["missing"]) == (2, 1, 0, 1)
    # The figures equal metrics.indicator_progress at the period's end.
    expected = metrics.indicator_progress(
        Indicator.objects.filter(task__campaign=work.campaign), february.end_date
    )
    assert [(i.indicator.pk, i.achieved, i.status) for i in data["items"]] == [
        (i.indicator.pk, i.achieved, i.status) for i in expected
    ]
    by_pk = {i.indicator.pk: i for i in expected}
    assert by_pk[work.area.pk].achieved == Decimal("4")
    assert by_pk[work.files.pk].achieved == Decimal("3")
    assert "Diện tích đã bàn giao" in text and "Hồ sơ trích đo đã thẩm định" in text
    assert by_pk[work.area.pk].percent == Decimal("40.0")  # 4 of 10 ha
    assert by_pk[work.households.pk].percent == Decimal("36.0")  # 18 of 50 households
    for item in expected:
        assert num(item.percent, 1) in text
    assert orgs.other_division.name in text
    assert february.label in text or "2/2024" in text


def test_period_discipline_counts_agree_with_the_dashboard(orgs, work):
    january = work.periods[0]
    report(january, orgs.division, {work.area: "1"}, january.due_date)
    report(
        january,
        orgs.other_division,
        {work.files: "1"},
        january.due_date + datetime.timedelta(days=1),
    )
    rows = documents.period_discipline(january)
    (dashboard,) = metrics.discipline(
        [january], {work.campaign.pk: {orgs.division.pk: None, orgs.other_division.pk: None}}
    )
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("on_time", "late", "missing")}
    assert (counts["on_time"], counts["late"], counts["missing"]) == (
        dashboard.on_time,
        dashboard.late,
        dashboard.missing,
    )
    assert counts == {"on_time": 1, "late": 1, "missing": 0}


def test_period_of_another_campaign_is_refused(orgs, work, draft_campaign):
    with pytest.raises(BuildError):
        build(Kind.PERIOD, draft_campaign, period=work.periods[0])


def test_filenames_hold_no_path_separator():
    name = documents.pdf_filename("Quyết định", "01/QĐ-STNMT", 'Giấy khen: "A"')
    assert name == "Quyết định Số 01-QĐ-STNMT - Giấy khen- -A-.pdf" or "/" not in name
    assert re.search(r"[/\\:*?\"<>|]", name) is None


def test_the_council_is_named_under_its_organization_without_repeating_it():
    from reports.builders.minutes import council_name

    long_name = "Hội đồng Thi đua – Khen thưởng Sở Tài nguyên và Môi trường tỉnh Lạng Sơn"
    assert (
        council_name(long_name, "Sở Tài nguyên và Môi trường") == "Hội đồng Thi đua – Khen thưởng"
    )
    assert council_name("Hội đồng TĐKT", "Sở Tài nguyên và Môi trường") == "Hội đồng TĐKT"


def test_a_plan_without_a_number_is_cited_by_its_subject(trio, decision):
    trio.campaign.doc_number = ""
    trio.campaign.save()
    text = pdf_text(build(Kind.DECISION, trio.campaign, decision=decision))
    assert "số /KH" not in text
    assert trio.campaign.name in text


def test_decision_data_reads_the_same_queries_for_a_longer_list(
    people, trio, decision, django_assert_max_num_queries
):
    from .test_awards_decisions import make_nomination

    more = [
        make_nomination(
            trio.campaign,
            trio.forms.gk,
            trio.nominations[0].unit,
            SubjectType.INDIVIDUAL,
            f"Cá nhân {n}",
        )
        for n in range(15)
    ]
    base.passed_in_session(trio.campaign, more)
    larger = decide(people, trio, ids=[n.pk for n in more])
    with django_assert_max_num_queries(8):
        data = documents.decision_data(larger)
    assert len(data["rows"]) == 15
    assert data["total"] == 15 * 702_000


def test_period_data_reads_the_same_queries_for_more_units(
    orgs, work, django_assert_max_num_queries
):
    from campaign.models import Task

    from .factories import OrganizationFactory

    january = work.periods[0]
    report(january, orgs.division, {work.area: "1"}, january.due_date)
    # Period, task starts, reports, units; indicator_progress (periods, rows, content items).
    with django_assert_max_num_queries(8):
        small = documents.period_data(january)
    for n in range(6):
        unit = OrganizationFactory(parent=orgs.department, name=f"Xã {n}")
        task = Task.objects.create(
            campaign=work.campaign,
            unit=unit,
            title=f"Nhiệm vụ {n}",
            start_date=datetime.date(2024, 1, 1),
            deadline=datetime.date(2024, 12, 31),
        )
        indicator = Indicator.objects.create(
            task=task, order=1, name="Hộ đã bàn giao", unit_of_measure="hộ", target=Decimal("10")
        )
        report(january, unit, {indicator: "2"}, january.due_date)
    with django_assert_max_num_queries(8):
        large = documents.period_data(january)
    assert large["expected"] == small["expected"] + 6
    assert large["on_time"] == small["on_time"] + 6
    assert len(large["items"]) == len(small["items"]) + 6
