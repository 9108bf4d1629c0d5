"""The official document layout every PDF of the portal shares (Nghị định 30/2020/NĐ-CP).

API (stable; the builders of every document use it):

- ``Signer(authority, position, name)`` — the signature block: authority line upper case
  ("KT. GIÁM ĐỐC", "TM. HỘI ĐỒNG", or "" when the head signs), position ("PHÓ GIÁM ĐỐC"),
  full name.
- ``DocumentHeader`` — everything around the body: parent_body, issuer, number_symbol
  ("05/BC-STNMT"), place, date, type_title ("BÁO CÁO"), summary, recipient_line ("Kính gửi"),
  bases (căn cứ, without their final punctuation), recipients (without "- " and ";"),
  archive ("VT, VP" → "- Lưu: VT, VP."), signer. Derived, for the templates: number_line
  ("Số: 05/BC-STNMT"), date_line, basis_lines (";" / "."), recipient_lines ("- …;", the last
  "- Lưu: …."). Build it with ``DocumentHeader.for_organization(organization, date, doc_type,
  number, type_title=…, summary=…, …)``: the issuer's name and abbreviation and its parent's
  name as in force on ``date`` (Organization.names history), upper case; the place from the
  organization (``place=`` overrides; ``parent_body=`` overrides the parent's name).
- ``number_symbol(number, doc_type, abbreviation)`` → "05/BC-STNMT" (leading zero below 10).
- ``vn_date(date)`` → "ngày 05 tháng 01 năm 2025"; ``vn_date_line(place, date)`` →
  "Lạng Sơn, ngày 05 tháng 01 năm 2025" (days below 10 and months 1–2 take a leading zero).
- ``num(value, places=None)`` → "1.234,5" (units.text.vn_number, optionally rounded);
  ``roman(n)`` → "IV" for the parts of a body.
- Charts as inline SVG strings (put them in ``<div class="chart">``):
  ``bar_chart(labels, [(name, values)], maximum=100)``, ``stacked_bar_chart(labels, series)``,
  ``line_chart(labels, values, name=…)``.
- ``render_html(template_name, context, preview=None)`` → str and
  ``render_pdf(template_name, context)`` → (pdf bytes, page count): the template is rendered
  under translation.override("vi") and the whole text normalized to NFC (decomposed input
  never reaches the PDF). ``context["doc"]`` must be the DocumentHeader.

Templates extend ``reports/pdf/base.html`` and fill ``{% block body %}`` (parts as <h2>,
clauses <h3>, points <h4>, paragraphs <p>, tables ``<table class="figures">`` with ``td.num``
for figures, charts ``<div class="chart">`` holding inline SVG). Other blocks: title_block,
addressee, bases, closing (override for two signatures: include
``reports/pdf/_signature.html`` with ``signer=…`` in each cell of ``table.doc-closing``),
appendix (after the signature: attached lists; wrap a wide table in
``<div class="landscape">`` to put it on A4 landscape pages). Page numbers are centred in the
top margin from page 2; A4, margins 20/15/20/30 mm; the shipped Liberation Serif 2 fonts
(static/fonts/) are embedded.
"""

import datetime
import io
import logging
import math
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _

from units.text import nfc, vn_number

STYLESHEET = "css/document.css"

# WeasyPrint reports every layout step at INFO: noise in a worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


# --- Small formatters ----------------------------------------------------------------------------


def two_digits(value: int) -> str:
    """Numbers below 10 take a leading zero ("05")."""
    return f"{value:02d}"


def number_symbol(number: int | None, doc_type: str, abbreviation: str) -> str:
    """ "05/BC-STNMT"; without a number yet, the blank a plan awaiting registration shows."""
    shown = two_digits(number) if number else "\u2003\u2003"
    return f"{shown}/{doc_type}-{abbreviation}"


def vn_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 01 năm 2025": days below 10 and months 1–2 with a leading zero."""
    # The formula of Nghị định 30/2020; documents are always in Vietnamese (as Campaign's).
    month = two_digits(day.month) if day.month < 3 else str(day.month)
    return f"ngày {two_digits(day.day)} tháng {month} năm {day.year}"


def vn_date_line(place: str, day: datetime.date) -> str:
    """ "Lạng Sơn, ngày 05 tháng 01 năm 2025"."""
    return f"{nfc(place)}, {vn_date(day)}" if place else vn_date(day)


def num(value, places: int | None = None) -> str:
    """A figure as Vietnamese write it ("1.234,5"), optionally rounded to `places`; "" for None."""
    if value is None:
        return ""
    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return vn_number(value)


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def upper(text: str) -> str:
    return nfc(text or "").strip().upper()


# --- The header, recipients and signature ------------------------------------------------------


@dataclass
class Signer:
    authority: str = ""  # "KT. GIÁM ĐỐC", "TM. HỘI ĐỒNG"; empty when the head signs
    position: str = ""  # "PHÓ GIÁM ĐỐC"
    name: str = ""

    def __post_init__(self):
        self.authority = upper(self.authority)
        self.position = upper(self.position)
        self.name = nfc(self.name or "").strip()


@dataclass
class DocumentHeader:
    parent_body: str
    issuer: str
    number_symbol: str
    place: str
    date: datetime.date
    type_title: str
    summary: str = ""
    recipient_line: str = ""
    bases: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    archive: str = "VT"
    signer: Signer = field(default_factory=Signer)

    @classmethod
    def for_organization(
        cls,
        organization,
        date: datetime.date,
        doc_type: str,
        number: int | None,
        *,
        type_title: str,
        summary: str = "",
        parent_body: str | None = None,
        place: str | None = None,
        recipient_line: str = "",
        bases=(),
        recipients=(),
        archive: str = "VT",
        signer: Signer | None = None,
    ) -> "DocumentHeader":
        """The header of a document `organization` issues on `date`: its name, abbreviation and
        its parent's name as they were on that date."""
        if parent_body is None:
            parent = organization.parent
            parent_body = parent.name_on(date) if parent is not None else ""
        return cls(
            parent_body=upper(parent_body),
            issuer=upper(organization.name_on(date)),
            number_symbol=number_symbol(number, doc_type, organization.abbreviation_on(date)),
            place=nfc(place if place is not None else organization.place_name),
            date=date,
            type_title=upper(type_title),
            summary=nfc(summary),
            recipient_line=nfc(recipient_line),
            bases=[nfc(b) for b in bases],
            recipients=[nfc(r) for r in recipients],
            archive=nfc(archive),
            signer=signer or Signer(),
        )

    @property
    def number_line(self) -> str:
        return f"{_('No.:')} {self.number_symbol}"

    @property
    def date_line(self) -> str:
        return vn_date_line(self.place, self.date)

    @property
    def basis_lines(self) -> list[str]:
        """Each basis ends with ";", the last with "."."""
        lines = [b.strip().rstrip(";.,") for b in self.bases if b and b.strip()]
        return [line + ("." if i == len(lines) - 1 else ";") for i, line in enumerate(lines)]

    @property
    def recipient_lines(self) -> list[str]:
        """ "- …;" for each recipient, then "- Lưu: VT, <unit>."."""
        lines = [f"- {r.strip().lstrip('- ').rstrip(';.,')};" for r in self.recipients if r.strip()]
        if self.archive:
            lines.append("- " + _("Filed: %(units)s.") % {"units": self.archive.rstrip(".")})
        return lines


# --- Rendering -----------------------------------------------------------------------------------


def _static_root() -> Path:
    """The folder holding css/ and fonts/, found without collectstatic (STATICFILES_DIRS)."""
    found = finders.find(STYLESHEET)
    if found:
        return Path(found).parent.parent
    return Path(settings.BASE_DIR) / "static"


def _render(template_name: str, context: dict, asset_base: str, preview=None) -> str:
    with translation.override("vi"):
        html = render_to_string(
            template_name, {**context, "asset_base": asset_base, "preview": preview}
        )
    # Text typed decomposed (NFD) would stay decomposed in the PDF's text layer.
    return unicodedata.normalize("NFC", html)


def render_html(template_name: str, context: dict, preview=None) -> str:
    """The document as a web page (the browser preview): same template, static URLs.
    `preview`: {"back_url", "back_label"} for the bar above the sheet."""
    return _render(template_name, context, static(STYLESHEET).removesuffix(STYLESHEET), preview)


def render_pdf(template_name: str, context: dict) -> tuple[bytes, int]:
    """(PDF bytes, number of pages). Render in a worker, never in a request."""
    from weasyprint import HTML

    root = _static_root()
    html = _render(template_name, context, root.as_uri() + "/")
    document = HTML(string=html, base_url=str(root)).render()
    buffer = io.BytesIO()
    document.write_pdf(buffer)
    return buffer.getvalue(), len(document.pages)


# --- Charts as inline SVG ------------------------------------------------------------------------
# Hand-drawn rather than pygal: a few dozen plain elements lay out in a few milliseconds in
# WeasyPrint (pygal's CSS-styled charts took 0.3–0.8 s each), and the text uses the document's
# embedded font.

CHART_COLORS = ("#1f4e79", "#a6a6a6", "#c00000", "#548235")
_W, _H = 520, 270
_LEFT, _RIGHT, _TOP = 58, 10, 18


def _nice_max(value: float) -> tuple[float, float]:
    """(axis maximum, tick step) with 4–5 ticks."""
    if value <= 0:
        return 1.0, 0.25
    magnitude = 10 ** math.floor(math.log10(value / 4))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step * 5 >= value:
            return step * math.ceil(value / step), step
    return value, value / 4  # pragma: no cover


def _text(x, y, text, size=13, anchor="middle", weight="normal", rotate=None) -> str:
    transform = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="Document Serif" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}"{transform}>{escape(str(text))}</text>'
    )


def _short(label: str, limit: int = 22) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _frame(labels, top_value, step, bottom, fmt) -> tuple[list[str], float, float, float]:
    """Axes, horizontal guides with their figures, and the x labels (turned when crowded)."""
    plot_h = _H - _TOP - bottom
    plot_w = _W - _LEFT - _RIGHT
    parts = []
    ticks = round(top_value / step) if step else 0
    for i in range(ticks + 1):
        value = step * i
        y = _TOP + plot_h - plot_h * value / top_value
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_W - _RIGHT}" y2="{y:.1f}" '
            f'stroke="{"#000" if i == 0 else "#ccc"}" stroke-width="{0.8 if i == 0 else 0.5}"/>'
        )
        parts.append(_text(_LEFT - 5, y + 4, fmt(value), size=12, anchor="end"))
    parts.append(
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_TOP + plot_h}" stroke="#000" '
        'stroke-width="0.8"/>'
    )
    n = max(len(labels), 1)
    slot = plot_w / n
    crowded = slot < 70
    every = max(1, math.ceil(n / 24)) if crowded else 1
    for i, label in enumerate(labels):
        if i % every:
            continue
        x = _LEFT + slot * (i + 0.5)
        y = _TOP + plot_h + 14
        if crowded:
            parts.append(_text(x + 4, y, _short(label, 14), size=11, anchor="end", rotate=-45))
        else:
            parts.append(_text(x, y + 2, _short(label, max(8, int(slot / 7))), size=12))
    return parts, plot_w, plot_h, slot


def _legend(names, colors, y) -> list[str]:
    parts, x = [], _LEFT
    for name, color in zip(names, colors, strict=False):
        parts.append(f'<rect x="{x}" y="{y - 10}" width="11" height="11" fill="{color}"/>')
        parts.append(_text(x + 15, y, name, size=12, anchor="start"))
        x += 28 + 6.2 * len(str(name))
    return parts


def _svg(parts: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="{_W}" '
        f'height="{_H}">' + "".join(parts) + "</svg>"
    )


def _bottom(labels) -> int:
    crowded = (_W - _LEFT - _RIGHT) / max(len(labels), 1) < 70
    return 100 if crowded else 52


def bar_chart(labels, series, *, maximum=None, fmt=None, values_on_bars=True) -> str:
    """Grouped bars. `series`: [(name, [value or None per label])]. `maximum` fixes the
    axis (100 for percentages)."""
    fmt = fmt or (lambda v: num(v, 1))
    values = [float(v) for _n, vs in series for v in vs if v is not None]
    top_value, step = _nice_max(max(values, default=0))
    if maximum is not None:
        top_value, step = float(maximum), float(maximum) / 4
        top_value = max(top_value, _nice_max(max(values, default=0))[0])
    bottom = _bottom(labels)
    parts, _plot_w, plot_h, slot = _frame(labels, top_value, step, bottom, fmt)
    width = slot * 0.8 / max(len(series), 1)
    for s, (_name, vs) in enumerate(series):
        color = CHART_COLORS[s % len(CHART_COLORS)]
        for i, value in enumerate(vs):
            if value is None:
                continue
            h = plot_h * float(value) / top_value
            x = _LEFT + slot * i + slot * 0.1 + width * s
            y = _TOP + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" '
                f'fill="{color}"/>'
            )
            if values_on_bars and width >= 14:
                parts.append(_text(x + width / 2, y - 4, fmt(value), size=12))
    parts += _legend([n for n, _v in series], CHART_COLORS, _H - 8)
    return _svg(parts)


def stacked_bar_chart(labels, series, *, fmt=None) -> str:
    """Stacked bars: `series` [(name, [value per label])] drawn bottom up."""
    fmt = fmt or (lambda v: num(v, 0))
    totals = [sum(float(vs[i] or 0) for _n, vs in series) for i in range(len(labels))]
    top_value, step = _nice_max(max(totals, default=0))
    bottom = _bottom(labels)
    parts, _plot_w, plot_h, slot = _frame(labels, top_value, step, bottom, fmt)
    width = slot * 0.6
    for i in range(len(labels)):
        base = 0.0
        for s, (_name, vs) in enumerate(series):
            value = float(vs[i] or 0)
            if value <= 0:
                continue
            h = plot_h * value / top_value
            y = _TOP + plot_h - plot_h * (base + value) / top_value
            x = _LEFT + slot * i + slot * 0.2
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" '
                f'fill="{CHART_COLORS[s % len(CHART_COLORS)]}" stroke="#fff" stroke-width="0.5"/>'
            )
            base += value
    parts += _legend([n for n, _v in series], CHART_COLORS, _H - 8)
    return _svg(parts)


def line_chart(labels, values, *, name="", fmt=None) -> str:
    """One line through the values (None leaves a gap), a dot on each value."""
    fmt = fmt or (lambda v: num(v, 1))
    numbers = [float(v) for v in values if v is not None]
    top_value, step = _nice_max(max(numbers, default=0))
    bottom = _bottom(labels)
    parts, _plot_w, plot_h, slot = _frame(labels, top_value, step, bottom, fmt)
    points, segments = [], []
    for i, value in enumerate(values):
        if value is None:
            if points:
                segments.append(points)
            points = []
            continue
        x = _LEFT + slot * (i + 0.5)
        y = _TOP + plot_h - plot_h * float(value) / top_value
        points.append((x, y))
    if points:
        segments.append(points)
    color = CHART_COLORS[0]
    for segment in segments:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, y in segment:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}"/>')
    if name:
        parts += _legend([name], CHART_COLORS, _H - 8)
    return _svg(parts)
