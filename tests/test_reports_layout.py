"""The official document layout (reports.layout) and the document number series
(reports.numbering): what the PDF's text holds, its fonts, its page numbers, NFC text, and
numbers that never repeat and survive a regeneration."""

import datetime
import threading
import unicodedata
from io import BytesIO

import pytest
from django.conf import settings
from django.db import connection
from django.templatetags.static import static
from django.utils import translation
from pypdf import PdfReader

from reports import layout, numbering
from reports.models import DocumentNumber
from units.models import OrganizationName

VIETNAMESE = "Ơ ơ Ư ư Ạ ỹ Đ"
LONG = (
    "Tiếp tục đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm, bảo đảm quyền lợi "
    "hợp pháp của người dân; công khai, minh bạch phương án bồi thường, hỗ trợ, tái định cư. "
) * 4


def pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces as single spaces (table cells wrap)."""
    return " ".join(text.split())


def fonts(pdf: bytes) -> list[tuple[str, list[str]]]:
    """(base font name, the font file keys of its descriptor) of every font of every page."""
    found = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            keys = [k for k in descriptor.get_object() if k.startswith("/FontFile")]
            found.append((str(font["/BaseFont"]), keys))
    return found


def sample_header(**overrides) -> layout.DocumentHeader:
    values = {
        "parent_body": "UBND TỈNH LẠNG SƠN",
        "issuer": "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "number_symbol": layout.number_symbol(5, "BC", "STNMT"),
        "place": "Lạng Sơn",
        "date": datetime.date(2025, 1, 5),
        "type_title": "BÁO CÁO",
        "summary": "Sơ kết phong trào thi đua năm 2024",
        "recipient_line": "Ủy ban nhân dân tỉnh Lạng Sơn",
        "bases": ["Căn cứ Luật Thi đua, khen thưởng năm 2022", "Căn cứ Nghị định số 98/2023/NĐ-CP"],
        "recipients": ["Như trên", "Ban Thi đua - Khen thưởng tỉnh"],
        "archive": "VT, VP",
        "signer": layout.Signer("kt. giám đốc", "phó giám đốc", "Nguyễn Văn An"),
    }
    values.update(overrides)
    return layout.DocumentHeader(**values)


def render(doc, paragraphs=(LONG,) * 6, rows=(), **extra):
    context = {
        "doc": doc,
        "heading": "KẾT QUẢ THỰC HIỆN",
        "clause": "Kết quả theo nội dung",
        "point": VIETNAMESE,
        "paragraphs": list(paragraphs),
        "rows": list(rows),
        "table_caption": "Danh sách kèm theo",
        **extra,
    }
    return layout.render_pdf("reports/pdf/_example.html", context)


@pytest.fixture(scope="module")
def sample():
    """One document of several pages, NFD text in its summary, rendered once for the module."""
    doc = sample_header(summary=unicodedata.normalize("NFD", "Sơ kết phong trào thi đua năm 2024"))
    pdf, pages = render(doc, rows=[(f"Dòng {i}", layout.num(i * 1234.5)) for i in range(1, 6)])
    return pdf, pages, pdf_text(pdf)


# --- Header, body and closing --------------------------------------------------------------------


def test_header_lines_in_the_official_form(sample):
    _pdf, _pages, texts = sample
    first = flat(texts[0])
    for line in (
        "UBND TỈNH LẠNG SƠN",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-STNMT",
        "Lạng Sơn, ngày 05 tháng 01 năm 2025",
        "BÁO CÁO",
        "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn",
        "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP.",
        "I. KẾT QUẢ THỰC HIỆN",
    ):
        assert line in first, line


def test_recipients_and_signature_close_the_body(sample):
    _pdf, _pages, texts = sample
    text = flat(" ".join(texts))
    with translation.override("vi"):
        archive = "- " + translation.gettext("Filed: %(units)s.") % {"units": "VT, VP"}
    assert "Nơi nhận: - Như trên; - Ban Thi đua - Khen thưởng tỉnh; " + archive in text
    # Authority and position upper case, the name as written.
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Nguyễn Văn An" in text


def test_every_font_is_the_shipped_one_and_embedded(sample):
    pdf, _pages, _texts = sample
    found = fonts(pdf)
    assert found
    for name, files in found:
        assert files == ["/FontFile2"], name  # TrueType, embedded
        assert "Document-Serif" in name, name  # static/fonts, not a system fallback


def test_vietnamese_letters_survive_into_the_text(sample):
    _pdf, _pages, texts = sample
    assert VIETNAMESE in texts[0] + texts[1]


def test_decomposed_input_comes_out_composed(sample):
    _pdf, _pages, texts = sample
    text = "".join(texts)
    assert "Sơ kết phong trào thi đua năm 2024" in text
    assert unicodedata.normalize("NFC", text) == text


def test_page_numbers_from_the_second_page_only(sample):
    _pdf, pages, texts = sample
    assert pages >= 3
    lines = [[line.strip() for line in text.splitlines()] for text in texts]
    assert "1" not in lines[0]
    assert "2" in lines[1]
    assert str(pages) in lines[-1]


def test_wide_tables_go_on_a_landscape_page(sample):
    pdf, _pages, texts = sample
    reader = PdfReader(BytesIO(pdf))
    portrait, landscape = reader.pages[0].mediabox, reader.pages[-1].mediabox
    assert float(portrait.width) < float(portrait.height)  # A4: 595 × 842 pt
    assert round(float(portrait.width)) == 595
    assert float(landscape.width) > float(landscape.height)
    assert "Danh sách kèm theo" in texts[-1]
    assert "6.172,5" in texts[-1]


def test_charts_are_drawn_with_the_document_font():
    chart = layout.bar_chart(
        ["1", "2"], [("Tỷ lệ đạt", [50, 75.5]), ("Theo thời gian", [60, None])], maximum=100
    )
    assert chart.startswith("<svg") and "75,5" in chart
    pdf, _pages = render(sample_header(), paragraphs=["Biểu đồ"], chart=chart)
    assert "Tỷ lệ đạt" in "".join(pdf_text(pdf))
    assert all("Document-Serif" in name for name, _files in fonts(pdf))


# --- Header from an organization and its name history --------------------------------------------


@pytest.mark.django_db
def test_header_prints_the_names_in_force_on_the_date(orgs):
    # The factory gave the department one name since 2000: it becomes the old name.
    OrganizationName.objects.filter(organization=orgs.department).update(
        name="Sở Địa chính", abbreviation="SDC", valid_to=datetime.date(2023, 12, 31)
    )
    OrganizationName.objects.create(
        organization=orgs.department,
        name="Sở Tài nguyên và Môi trường",
        abbreviation="STNMT",
        valid_from=datetime.date(2024, 1, 1),
    )
    old = layout.DocumentHeader.for_organization(
        orgs.department, datetime.date(2023, 6, 1), "BC", 3, type_title="báo cáo", place="Lạng Sơn"
    )
    new = layout.DocumentHeader.for_organization(
        orgs.department, datetime.date(2025, 2, 9), "BC", 12, type_title="báo cáo", place="Lạng Sơn"
    )
    assert (old.parent_body, old.issuer, old.number_symbol) == (
        "UBND TỈNH A",
        "SỞ ĐỊA CHÍNH",
        "03/BC-SDC",
    )
    assert (new.issuer, new.number_symbol, new.type_title) == (
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "12/BC-STNMT",
        "BÁO CÁO",
    )
    assert new.date_line == "Lạng Sơn, ngày 09 tháng 02 năm 2025"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 1, 5), "ngày 05 tháng 01 năm 2025"),
        (datetime.date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (datetime.date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (datetime.date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
    ],
)
def test_dates_take_a_leading_zero_for_days_below_10_and_months_1_and_2(day, expected):
    assert layout.vn_date(day) == expected
    assert layout.vn_date_line("Hà Nam", day) == f"Hà Nam, {expected}"


def test_numbers_and_numerals():
    assert layout.number_symbol(5, "BC", "STNMT") == "05/BC-STNMT"
    assert layout.number_symbol(123, "BC", "STNMT") == "123/BC-STNMT"
    assert layout.num(1234567.891, 2) == "1.234.567,89"
    assert layout.num(None) == ""
    assert [layout.roman(n) for n in (1, 4, 8, 9, 14)] == ["I", "IV", "VIII", "IX", "XIV"]


def test_bases_and_recipients_take_their_punctuation():
    doc = sample_header(bases=["Căn cứ A;", "Căn cứ B."], recipients=["- Như trên;", "UBND tỉnh"])
    assert doc.basis_lines == ["Căn cứ A;", "Căn cứ B."]
    assert doc.recipient_lines[:2] == ["- Như trên;", "- UBND tỉnh;"]
    assert doc.recipient_lines[-1].endswith("VT, VP.")


def test_preview_html_links_the_static_stylesheet():
    html = layout.render_html(
        "reports/pdf/_example.html", {"doc": sample_header(), "paragraphs": []}
    )
    assert f'href="{static("css/document.css")}"' in html


# --- Number series -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_numbers_run_per_organization_type_and_year(orgs):
    take = numbering.take_number
    assert take(orgs.department, "BC", 2025, "annual:campaign=1:year=2024") == 1
    assert take(orgs.department, "BC", 2025, "annual:campaign=2:year=2024") == 2
    assert take(orgs.department, "BB", 2025, "minutes:session=1") == 1  # another type
    assert take(orgs.department, "BC", 2026, "final:campaign=1") == 1  # a new year
    assert take(orgs.division, "BC", 2025, "annual:campaign=3:year=2024") == 1  # another body
    assert take(orgs.department, "BC", 2025, "period:period=9") == 3


@pytest.mark.django_db
def test_a_regenerated_document_keeps_its_number(orgs):
    first = numbering.take_number(orgs.department, "BC", 2025, "annual:campaign=1:year=2024")
    numbering.take_number(orgs.department, "BC", 2025, "final:campaign=1")
    again = numbering.take_number(orgs.department, "BC", 2025, "annual:campaign=1:year=2024")
    assert again == first == 1
    assert DocumentNumber.objects.filter(organization=orgs.department).count() == 2


@pytest.mark.django_db
def test_a_taker_that_loses_a_race_takes_the_next_number(orgs, monkeypatch):
    """Another worker inserts number 1 between this taker's read and its insert: the insert
    fails on the unique constraint and the taker tries again."""
    DocumentNumber.objects.create(
        organization=orgs.department, doc_type="BC", year=2025, number=1, document_key="theirs"
    )
    real_next = numbering.next_number
    reads = []

    def stale_then_real(*args):
        reads.append(args)
        return 1 if len(reads) == 1 else real_next(*args)  # read before the other's insert

    monkeypatch.setattr(numbering, "next_number", stale_then_real)
    assert numbering.take_number(orgs.department, "BC", 2025, "mine") == 2
    assert len(reads) == 2
    assert sorted(DocumentNumber.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (DATABASE_URL)",
)
def test_concurrent_takers_get_distinct_numbers(orgs):
    takers = 8
    barrier = threading.Barrier(takers)
    results = [None] * takers

    def run(index):
        try:
            barrier.wait()
            results[index] = numbering.take_number(orgs.department, "BC", 2025, f"doc-{index}")
        except Exception as exc:  # collected for the assertion
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(takers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == list(range(1, takers + 1))
