"""A proposal (tờ trình) to the higher level, with its list. The number is the proposal's
own."""

from django.utils.translation import gettext as _

from ..documents import parent_body, pdf_filename, proposal_data, require_subject
from ..layout import DocumentHeader, render_pdf
from ..models import Kind
from . import BuiltDocument, register


@register(Kind.PROPOSAL)
def build(job, progress) -> BuiltDocument:
    proposal = require_subject(job, job.proposal, _("Choose the proposal to print."))
    progress(10, _("Reading the proposal and its list"))
    data = proposal_data(proposal)
    proposal, campaign = data["proposal"], data["campaign"]
    doc = DocumentHeader.for_organization(
        proposal.organization,
        proposal.date,
        "TTr",
        proposal.number,
        type_title=_("PROPOSAL"),
        summary=_("On proposing the %(form)s for achievements in the emulation campaign “%(name)s”")
        % {"form": proposal.award_form.name, "name": campaign.name},
        parent_body=parent_body(proposal.organization, campaign, proposal.date),
        place=proposal.organization.place_name or campaign.place_name,
        recipient_line=proposal.recipient,
        recipients=[_("As above;")],
        archive="VT, VP",
        signer=data["signer"],
    )
    doc.number_symbol = proposal.number_symbol
    progress(50, _("Laying out the document"))
    pdf, pages = render_pdf("reports/pdf/proposal.html", {**data, "doc": doc})
    progress(95, _("Saving the document"))
    return BuiltDocument(
        pdf=pdf,
        filename=pdf_filename(_("Proposal"), proposal.number_symbol, proposal.award_form.name),
        number=proposal.number_symbol,
        pages=pages,
    )
