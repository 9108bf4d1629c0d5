"""An award decision (quyết định) of the organization, with its attached list. The number is
the decision's own, recorded when the office issued it: none is taken here."""

from django.utils.translation import gettext as _

from ..documents import decision_data, parent_body, pdf_filename, require_subject
from ..layout import DocumentHeader, render_pdf
from ..models import Kind
from . import BuiltDocument, register


def bases(data: dict) -> list[str]:
    """Căn cứ: the texts the plan cites, the plan itself, the council's session; then “Theo
    đề nghị của …” (the layout ends each with ";" and the last with ".")."""
    campaign = data["campaign"]
    lines = [_("Pursuant to %(text)s;") % {"text": text} for text in data["legal_bases"]]
    if campaign.doc_number:
        lines.append(
            _("Pursuant to plan No. %(symbol)s launching the emulation campaign “%(name)s”;")
            % {"symbol": campaign.symbol, "name": campaign.name}
        )
    else:
        # A plan recorded without its number: cited by its subject, never as "số /KH-…".
        lines.append(
            _("Pursuant to the plan launching the emulation campaign “%(name)s”;")
            % {"name": campaign.name}
        )
    if data["session_day"]:
        lines.append(
            _(
                "Pursuant to the result of the meeting of the Emulation and Reward Council on "
                "%(date)s;"
            )
            % {"date": data["session_day"].strftime("%d/%m/%Y")}
        )
    lines.append(_("At the proposal of the standing body of the Emulation and Reward Council."))
    return lines


@register(Kind.DECISION)
def build(job, progress) -> BuiltDocument:
    decision = require_subject(job, job.decision, _("Choose the decision to print."))
    progress(10, _("Reading the decision and its list"))
    data = decision_data(decision)
    decision, campaign = data["decision"], data["campaign"]
    doc = DocumentHeader.for_organization(
        decision.organization,
        decision.date,
        "QĐ",
        decision.number,
        type_title=_("DECISION"),
        summary=_("On awarding achievements in the emulation campaign “%(name)s”")
        % {"name": campaign.name},
        parent_body=parent_body(decision.organization, campaign, decision.date),
        place=decision.organization.place_name or campaign.place_name,
        bases=bases(data),
        recipients=[_("As in Article 3;")],
        archive="VT, VP",
        signer=data["signer"],
    )
    # The symbol as recorded ("05/QĐ-STNMT"), even if the body was renamed since.
    doc.number_symbol = decision.number_symbol
    progress(50, _("Laying out the document"))
    pdf, pages = render_pdf("reports/pdf/decision.html", {**data, "doc": doc})
    progress(95, _("Saving the document"))
    return BuiltDocument(
        pdf=pdf,
        filename=pdf_filename(_("Decision"), decision.number_symbol, decision.award_form.name),
        number=decision.number_symbol,
        pages=pages,
    )
