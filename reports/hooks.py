"""What the reports app adds to lower apps: the labels of its audit codes."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from campaign.scale import register_reset_hook
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


# --- seed_scale --reset: the documents of the scale province go first ----------------------------


def _delete_scale_documents(tree_ids: list[int], campaign_ids: list[int]) -> Counter:
    """Report jobs protect their campaign, session, decision and proposal: the scale data
    set's documents (and their files) are deleted before the rows they point at."""
    from .models import DocumentNumber, ReportFile, ReportJob

    deleted: Counter = Counter()
    jobs = ReportJob.objects.filter(campaign__in=campaign_ids)
    for output in ReportFile.objects.filter(job__in=jobs).exclude(file=""):
        output.file.delete(save=False)
    numbers = DocumentNumber.objects.filter(organization__in=tree_ids)
    for queryset in (ReportFile.objects.filter(job__in=jobs), jobs, numbers):
        _total, per_model = queryset.delete()
        deleted.update(per_model)
    return deleted


register_reset_hook(_delete_scale_documents)
