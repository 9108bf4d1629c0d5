"""Council minutes (biên bản) of a closed session, in the council's own "BB" series."""

from django.utils.translation import gettext as _

from ..documents import minutes_data, pdf_filename, require_subject
from ..layout import DocumentHeader, number_symbol, render_pdf, upper
from ..models import Kind
from ..numbering import take_number
from . import BuiltDocument, document_key, register

# A council keeps its own series, apart from its organization's: the series is named by the
# type and the council's abbreviation ("01/BB-HĐTĐKT"). The Council model holds no
# abbreviation, so the customary one is used.
DOC_TYPE = "BB"
COUNCIL_ABBREVIATION = "HĐTĐKT"
SERIES = f"{DOC_TYPE}-{COUNCIL_ABBREVIATION}"


def council_name(name: str, organization_name: str) -> str:
    """The council's name under its organization's: "Hội đồng Thi đua – Khen thưởng Sở Tài
    nguyên và Môi trường tỉnh Lạng Sơn" under "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" prints "HỘI ĐỒNG
    THI ĐUA – KHEN THƯỞNG" (the organization is already named on the line above)."""
    at = name.casefold().find(organization_name.casefold()) if organization_name else -1
    if at > 0:
        return name[:at].strip(" -–")
    return name


@register(Kind.MINUTES)
def build(job, progress) -> BuiltDocument:
    session = require_subject(job, job.session, _("Choose the council session of the minutes."))
    progress(10, _("Reading the session's attendance, votes and opinions"))
    data = minutes_data(session)
    council = session.council
    organization = council.organization
    day = data["date"]
    number = take_number(organization, SERIES, day.year, document_key(job))
    doc = DocumentHeader.for_organization(
        organization,
        day,
        DOC_TYPE,
        number,
        type_title=_("MINUTES"),
        summary=session.title,
        # Under the body it belongs to, the council issues its minutes itself.
        parent_body=organization.name_on(day),
        archive="",
    )
    doc.issuer = upper(council_name(council.name, organization.name_on(day)))
    doc.number_symbol = number_symbol(number, DOC_TYPE, COUNCIL_ABBREVIATION)
    progress(50, _("Laying out the document"))
    pdf, pages = render_pdf("reports/pdf/minutes.html", {**data, "doc": doc})
    progress(95, _("Saving the document"))
    return BuiltDocument(
        pdf=pdf,
        filename=pdf_filename(_("Minutes"), doc.number_symbol, session.title),
        number=doc.number_symbol,
        pages=pages,
    )
