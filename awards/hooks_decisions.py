"""What the decisions screens add to lower apps: audit labels, panels, home steps."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign import panels
from units import home
from units.audit import register_labels

from .access import OFFICE_ROLES
from .models import Nomination

register_labels(
    {
        "awards.decision.created": gettext_lazy("Award decision issued"),
        "awards.proposal.created": gettext_lazy("Award proposal sent to the higher level"),
        "awards.proposal.outcome_recorded": gettext_lazy("Outcome of an award proposal recorded"),
        "awards.nomination.awarded": gettext_lazy("Nominee awarded"),
        "awards.nomination.proposed": gettext_lazy("Nomination proposed to the higher level"),
        "awards.nomination.rejected": gettext_lazy("Nomination not approved by the higher level"),
        "awards.registry.manual_added": gettext_lazy("Award entered in the registry by hand"),
    }
)

# Drafts stay with the units: the office sees how many, not which.
UNLINKED_STATUSES = {Nomination.Status.DRAFT}


def nominations_by_stage(request, campaign):
    """The Văn phòng dashboard panel: nominations of the campaign per status (one GROUP BY
    query); nothing when the campaign has no nomination."""
    counts = dict(
        Nomination.objects.filter(campaign=campaign)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not counts:
        return None
    list_url = reverse("campaign_nominations_by_status", args=[campaign.pk])
    registry_url = reverse("registry_list") + f"?campaign={campaign.pk}"
    rows = []
    for value, label in Nomination.Status.choices:
        count = counts.get(value, 0)
        if value in UNLINKED_STATUSES or not count:
            url = ""
        elif value == Nomination.Status.AWARDED:
            url = registry_url
        else:
            url = f"{list_url}?status={value}"
        rows.append({"status": value, "label": label, "count": count, "url": url})
    return {
        "template": "awards/dashboard/_nominations_by_stage.html",
        "context": {
            "campaign": campaign,
            "rows": rows,
            "total": sum(counts.values()),
            "list_url": list_url,
            "decisions_url": reverse("award_decisions"),
        },
    }


panels.register(nominations_by_stage)


@home.register
def decision_steps(request, access):
    """The office's card: approved nominations waiting for a decision or a proposal."""
    organizations = access.organizations(OFFICE_ROLES)
    if not organizations:
        return []
    waiting = Nomination.objects.filter(
        campaign__issuing_organization__in=organizations, status=Nomination.Status.PASSED
    ).count()
    return [
        home.NextStep(
            title=_("Decisions and proposals"),
            description=_(
                "Issue the decision for awards the department decides itself and send the "
                "proposal for higher awards; record the outcome when it comes back."
            ),
            url=reverse("award_decisions"),
            action_label=_("Open decisions"),
            count=waiting or None,
        ),
        home.NextStep(
            title=_("Award registry"),
            description=_("Every award made, searchable with or without diacritics."),
            url=reverse("registry_list"),
            action_label=_("Open the registry"),
        ),
    ]
