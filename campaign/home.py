"""Cards the campaign app adds to the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from units.home import NextStep, register

from .access import campaigns_for_manager, can_manage_campaigns
from .models import Campaign


@register
def campaign_steps(request, access):
    steps = []
    if can_manage_campaigns(request.user):
        drafts = campaigns_for_manager(request.user).filter(status=Campaign.Status.DRAFT).count()
        steps.append(
            NextStep(
                title=_("Campaign plans"),
                description=_(
                    "Create a plan, fill its sections, preview it as the official document "
                    "and publish it."
                ),
                url=reverse("campaign_manage_list"),
                action_label=_("Manage campaigns"),
                count=drafts or None,
            )
        )
    steps.append(
        NextStep(
            title=_("Published plans"),
            description=_("Read the plans that launched the campaigns, laid out as issued."),
            url=reverse("plan_list"),
            action_label=_("Read the plans"),
        )
    )
    return steps
