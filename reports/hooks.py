"""What the reports app adds to lower apps: the labels of its audit codes."""

from django.utils.translation import gettext_lazy as _

from units.audit import register_labels

register_labels(
    {
        "reports.job.requested": _("Document requested"),
        "reports.job.retried": _("Document build tried again"),
        "reports.job.requeued": _("Document build restarted after its worker stopped"),
        "reports.job.abandoned": _("Document build given up after its worker stopped"),
        "reports.file.produced": _("Document produced"),
        "reports.narrative.saved": _("Report narrative saved"),
    }
)


# --- "Produce the PDF" on the awards pages of a session, a decision, a proposal ---------------


def _produce_button(request, obj):
    from awards import models as awards

    from .jobs import may_request
    from .models import Kind

    if isinstance(obj, awards.Session):
        if obj.status != awards.Session.Status.CLOSED:
            return None  # the minutes hold the tallies, which exist once the session is closed
        kind, field = Kind.MINUTES, "session"
    elif isinstance(obj, awards.Decision):
        kind, field = Kind.DECISION, "decision"
    elif isinstance(obj, awards.Proposal):
        kind, field = Kind.PROPOSAL, "proposal"
    else:
        return None
    session = obj if kind == Kind.MINUTES else None
    if not may_request(request.user, obj.campaign, kind, session=session):
        return None
    return {
        "template": "reports/jobs/_produce_button.html",
        "context": {
            "campaign_id": obj.campaign_id,
            "kind": kind,
            "field": field,
            "value": obj.pk,
            "request": request,
        },
    }


def _register_produce_button():
    from awards import document_actions

    document_actions.register(_produce_button)


_register_produce_button()
