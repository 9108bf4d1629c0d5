"""Pages print cleanly (issue 7): with the print stylesheet and a sheet's printable width, the
menus, buttons and forms are gone, nothing runs past the margin, the header row of every table
repeats on each sheet, and Chromium's PDF of the page is A4 with the page's title on it."""

import io

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAMPAIGN = "ls-stnmt-gpmb-2022-2025"
PX_PER_MM = 96 / 25.4
# Width between the margins of static/css/portal.css's @page rules: upright A4 with 3 cm and
# 2 cm margins; the "wide" pages (a table of nine columns or more) sideways, 2 cm and 1.5 cm.
PRINTABLE_MM = {"upright": 210 - 30 - 20, "wide": 297 - 20 - 15}
A4_POINTS = {"upright": (595, 842), "wide": (842, 595)}

# What paper cannot use: these must all be hidden when printing.
NOT_ON_PAPER = (
    ".site-nav, .site-footer, .no-print, main .btn, main form:not(.print-keep), "
    "main .breadcrumb, main .pagination, main .nav-tabs"
)
SHOWN = """sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length
    && getComputedStyle(e).visibility !== 'hidden').map(e => e.tagName.toLowerCase() + '.'
    + [...e.classList].join('.') + ' «' + (e.innerText || '').trim().slice(0, 30) + '»')"""
OVERFLOW = """() => { const width = document.documentElement.clientWidth; const out = [];
    for (const e of document.querySelectorAll('main *')) {
      const box = e.getBoundingClientRect();
      if (box.width && box.right > width + 1 && getComputedStyle(e).visibility !== 'hidden')
        out.push(e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' → '
          + Math.round(box.right) + 'px');
    }
    return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)} }"""
TABLE_HEADS = """() => [...document.querySelectorAll('main table.table, main table.doc-table')]
    .filter(t => t.getClientRects().length)
    .map(t => t.tHead ? getComputedStyle(t.tHead).display : 'no <thead>')"""


def print_problems(person, name: str) -> list[str]:
    """The page as printed: the problems found, and a screenshot and the PDF's page count."""
    page = person.page
    title = page.locator("main h1").first.inner_text().strip()
    assert page.evaluate(SHOWN, NOT_ON_PAPER), f"{name}: nothing to hide on screen?"

    page.emulate_media(media="print")
    sheet = "wide" if page.evaluate("getComputedStyle(document.body).page") == "wide" else "upright"
    page.set_viewport_size({"width": round(PRINTABLE_MM[sheet] * PX_PER_MM), "height": 1100})
    problems = []
    shown = page.evaluate(SHOWN, NOT_ON_PAPER)
    if shown:
        problems.append(f"{name}: shown on paper: {shown[:5]}")
    overflow = page.evaluate(OVERFLOW)
    if overflow["scroll"] > overflow["width"] + 1:
        problems.append(
            f"{name}: {overflow['scroll']}px wide on a {overflow['width']}px {sheet} sheet: "
            f"{overflow['out']}"
        )
    heads = page.evaluate(TABLE_HEADS)
    if any(display != "table-header-group" for display in heads):
        problems.append(f"{name}: table headers that do not repeat: {heads}")
    person.shot(f"{name}-print")

    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    if sizes != {A4_POINTS[sheet]}:
        problems.append(f"{name}: PDF sheets {sizes}, expected A4 {sheet} {A4_POINTS[sheet]}")
    text = " ".join((pdf.pages[0].extract_text() or "").split()).casefold()
    first_words = " ".join(title.split()[:3]).casefold()
    if first_words not in text:
        problems.append(f"{name}: the first sheet lacks the title «{title}»")
    PAGES_PRINTED.append(f"{name}: {len(pdf.pages)} sheet(s) A4 {sheet}")

    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 860})
    return problems


PAGES_PRINTED: list[str] = []


def test_key_pages_print_cleanly_on_a4(journey):
    from awards.models import Decision, Session
    from campaign.models import ProgressReport

    report = ProgressReport.objects.filter(
        status=ProgressReport.Status.ACCEPTED, period__campaign__code=CAMPAIGN
    ).latest("period__due_date")
    session = Session.objects.filter(status=Session.Status.CLOSED, campaign__code=CAMPAIGN).first()
    decision = Decision.objects.filter(campaign__code=CAMPAIGN).first()
    assert session and decision, "the demo has a closed session and a decision"

    problems = []
    public = journey()
    public.goto(f"/ke-hoach/{CAMPAIGN}/")
    problems += print_problems(public, "plan-document")

    office = journey("ls.vanphong")
    for name, path in [
        ("office-dashboard", f"/quan-ly/phong-trao/{report.period.campaign_id}/bang-dieu-khien/"),
        ("report", f"/bao-cao/{report.pk}/"),
        ("session-results", f"/khen-thuong/phien-hop/{session.pk}/ket-qua/"),
        ("session-minutes", f"/khen-thuong/phien-hop/{session.pk}/bien-ban/"),
        ("decision", f"/khen-thuong/quyet-dinh/{decision.pk}/"),
        ("registry", "/khen-thuong/so-khen-thuong/"),
    ]:
        office.goto(path)
        problems += print_problems(office, name)
    print("\n".join(PAGES_PRINTED))
    assert not problems, "\n".join(problems)
