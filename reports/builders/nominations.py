"""A campaign's nomination list (báo cáo danh sách), of one year or of the whole campaign, by
award form and subject type with each nomination's stage. A report: the organization's "BC"
series."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..documents import nominations_data, parent_body, pdf_filename
from ..layout import DocumentHeader, Signer, render_pdf
from ..models import Kind
from ..numbering import take_number
from . import BuiltDocument, document_key, register

DOC_TYPE = "BC"


@register(Kind.NOMINATIONS)
def build(job, progress) -> BuiltDocument:
    campaign = job.campaign
    organization = campaign.issuing_organization
    progress(10, _("Reading the nominations"))
    data = nominations_data(campaign, job.year)
    day = timezone.localdate()
    number = take_number(organization, DOC_TYPE, day.year, document_key(job))
    if job.year:
        summary = _(
            "List of nominations for awards in the emulation campaign “%(name)s”, %(year)s"
        ) % {
            "name": campaign.name,
            "year": job.year,
        }
    else:
        summary = _("List of nominations for awards in the emulation campaign “%(name)s”") % {
            "name": campaign.name
        }
    council = getattr(organization, "council", None)
    doc = DocumentHeader.for_organization(
        organization,
        day,
        DOC_TYPE,
        number,
        type_title=_("REPORT"),
        summary=summary,
        parent_body=parent_body(organization, campaign, day),
        recipients=[
            council.name if council else _("The Emulation and Reward Council"),
            _("The proposing units"),
        ],
        archive="VT, VP",
        signer=Signer(campaign.signer_authority, campaign.signer_title, campaign.signer_name),
    )
    progress(50, _("Laying out the document"))
    pdf, pages = render_pdf("reports/pdf/nominations.html", {**data, "doc": doc})
    progress(95, _("Saving the document"))
    subject = _("Nominations %(year)s") % {"year": job.year} if job.year else _("Nominations")
    return BuiltDocument(
        pdf=pdf,
        filename=pdf_filename(_("Report"), doc.number_symbol, subject),
        number=doc.number_symbol,
        pages=pages,
    )
