"""Cards the campaign app adds to the home page."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from units.access import UNIT_ROLES
from units.home import NextStep, register

from .access import campaigns_for_manager, can_manage_campaigns
from .models import Campaign, ProgressReport


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
        for campaign in (
            campaigns_for_manager(request.user)
            .filter(status=Campaign.Status.PUBLISHED)
            .order_by("-start_date")[:3]
        ):
            steps.append(
                NextStep(
                    title=_("Dashboard: %(name)s") % {"name": campaign.name},
                    description=_(
                        "Progress against target, schedule status, reporting discipline and "
                        "open obstacles, with exports."
                    ),
                    url=reverse("dashboard_office", args=[campaign.pk]),
                    action_label=_("Open the dashboard"),
                )
            )
        waiting = ProgressReport.objects.filter(
            period__campaign__in=campaigns_for_manager(request.user),
            status=ProgressReport.Status.SUBMITTED,
        ).count()
        steps.append(
            NextStep(
                title=_("Reports to review"),
                description=_("Accept the units' period reports or return them with a comment."),
                url=reverse("review_queue"),
                action_label=_("Review reports"),
                count=waiting or None,
            )
        )
    unit_orgs = access.organizations(UNIT_ROLES)
    if unit_orgs:
        try:
            overview_url = reverse("dashboard_unit")
        except NoReverseMatch:  # the dashboard's URLs are not mounted in this configuration
            overview_url = None
        if overview_url:
            steps.append(
                NextStep(
                    title=_("Unit overview"),
                    description=_(
                        "Your unit's tasks against target and schedule, the next reports due, "
                        "reports returned to you and open obstacles."
                    ),
                    url=overview_url,
                    action_label=_("Open the overview"),
                )
            )
        returned = ProgressReport.objects.filter(
            unit__in=unit_orgs, status=ProgressReport.Status.RETURNED
        ).count()
        steps.append(
            NextStep(
                title=_("Progress reports"),
                description=_(
                    "Report each period on your unit's tasks: indicator values, work done, "
                    "obstacles and evidence. Reports returned to you are counted here."
                ),
                url=reverse("my_reports"),
                action_label=_("Open my reports"),
                count=returned or None,
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
