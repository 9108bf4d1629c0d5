"""Builders of the annual preliminary report (sơ kết) and the final report (tổng kết).

The figures come from reports.summary (the dashboard's own rules), the narrative sections
from the Narrative Văn phòng wrote; the number from the issuing organization's BC series of
the document's year (kept when the document is regenerated).
"""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import layout, numbering, summary
from ..models import Kind
from . import BuildError, BuiltDocument, document_key, register

TEMPLATE = "reports/pdf/summary.html"


def document_date(job) -> datetime.date:
    """The date the document carries: parameters["date"] (ISO) when given, else the day it was
    requested."""
    value = (job.parameters or {}).get("date")
    if value:
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            pass
    return timezone.localdate(job.created_at) if job.created_at else timezone.localdate()


def filename(campaign, scope) -> str:
    if scope.is_final:
        name = _("Final report %(start)s-%(end)s - %(campaign)s") % {
            "start": campaign.start_date.year,
            "end": campaign.end_date.year,
            "campaign": campaign.code,
        }
    else:
        name = _("Preliminary report %(year)s - %(campaign)s") % {
            "year": scope.year,
            "campaign": campaign.code,
        }
    return f"{name}.pdf"


def build_summary(job, progress) -> BuiltDocument:
    campaign = job.campaign
    kind = str(job.kind)
    if kind == Kind.ANNUAL and not job.year:
        raise BuildError(_("Choose the year the report sums up."))
    year = job.year if kind == Kind.ANNUAL else (job.year or campaign.final_review_year)
    if kind == Kind.ANNUAL and not (campaign.start_date.year <= year <= campaign.end_date.year):
        raise BuildError(_("The year is outside the campaign period."))
    with translation.override("vi"):
        progress(5, _("Reading the figures"))
        figures = summary.collect(campaign, kind, year, charts=False)
        progress(35, _("Drawing the charts"))
        figures.charts = summary.draw_charts(figures)
        narrative = summary.narrative_for(campaign, kind, year)
        date = document_date(job)
        number = numbering.take_number(
            campaign.issuing_organization, "BC", date.year, document_key(job)
        )
        doc = summary.header(campaign, figures.scope, narrative, number, date)
        progress(50, _("Laying out the document"))
        pdf, pages = layout.render_pdf(TEMPLATE, summary.context(figures, narrative, doc))
        progress(95, _("Saving the document"))
        return BuiltDocument(
            pdf=pdf,
            filename=filename(campaign, figures.scope),
            number=doc.number_symbol,
            pages=pages,
        )


register(Kind.ANNUAL)(build_summary)
register(Kind.FINAL)(build_summary)
