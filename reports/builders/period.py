"""The progress summary of one reporting period: the units' reporting discipline and every
indicator's progress at the period's end (the figures of the dashboards). A report: the
organization's "BC" series; the indicators' table on landscape pages."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..documents import parent_body, pdf_filename, period_data, require_subject
from ..layout import DocumentHeader, Signer, render_pdf
from ..models import Kind
from ..numbering import take_number
from . import BuiltDocument, document_key, register

DOC_TYPE = "BC"


@register(Kind.PERIOD)
def build(job, progress) -> BuiltDocument:
    period = require_subject(job, job.period, _("Choose the reporting period to sum up."))
    campaign = job.campaign
    organization = campaign.issuing_organization
    progress(10, _("Computing the progress at the end of the period"))
    data = period_data(period)
    day = timezone.localdate()
    number = take_number(organization, DOC_TYPE, day.year, document_key(job))
    doc = DocumentHeader.for_organization(
        organization,
        day,
        DOC_TYPE,
        number,
        type_title=_("REPORT"),
        summary=_("Progress of the emulation campaign “%(name)s”, %(period)s")
        % {"name": campaign.name, "period": period.label},
        parent_body=parent_body(organization, campaign, day),
        recipients=[_("The leadership of the organization"), _("The units assigned tasks")],
        archive="VT, VP",
        signer=Signer(campaign.signer_authority, campaign.signer_title, campaign.signer_name),
    )
    progress(50, _("Laying out the document"))
    pdf, pages = render_pdf("reports/pdf/period.html", {**data, "doc": doc})
    progress(95, _("Saving the document"))
    return BuiltDocument(
        pdf=pdf,
        filename=pdf_filename(_("Report"), doc.number_symbol, str(period.label)),
        number=doc.number_symbol,
        pages=pages,
    )
