from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from units.audit import action_label
from units.models import AuditEvent
from units.tables import Column, sort_and_paginate
from units.text import display_name

from .. import services
from ..access import (
    campaign_for_user,
    campaigns_for_manager,
    can_manage_campaigns,
    manageable_organizations,
    public_campaign,
)
from ..document import plan_context
from ..forms import SECTIONS, CampaignForm
from ..models import Campaign

MANAGE_COLUMNS = (
    Column("campaign", gettext_lazy("Campaign"), "name"),
    Column("issuer", gettext_lazy("Issuing body"), "issuing_organization__name"),
    Column("period", gettext_lazy("Period"), "start_date", "end_date", descending_first=True),
    Column("status", gettext_lazy("Status"), "status"),
)

# --- Public pages ---------------------------------------------------------------------------


def plan_list(request):
    campaigns = (
        Campaign.objects.published()
        .select_related("issuing_organization")
        .prefetch_related("issuing_organization__names")
        .order_by("-issued_year", "name")
    )
    table = sort_and_paginate(request, campaigns, per_page=20)
    return render(request, "campaign/plan_list.html", {"table": table, "page": table.page})


def plan_detail(request, code):
    campaign = public_campaign(code)
    campaign = services.plan_queryset().get(pk=campaign.pk)
    return render(
        request,
        "campaign/plan_detail.html",
        {"campaign": campaign, "preview": False, **plan_context(campaign)},
    )


# --- Secretariat: campaign management -----------------------------------------------------------


@login_required
def manage_list(request):
    campaigns = (
        campaigns_for_manager(request.user)
        .select_related("issuing_organization")
        .prefetch_related("issuing_organization__names")
        .order_by("-issued_year", "name")
    )
    status = request.GET.get("status")
    if status in Campaign.Status.values:
        campaigns = campaigns.filter(status=status)
    table = sort_and_paginate(request, campaigns, MANAGE_COLUMNS, per_page=20)
    return render(
        request,
        "campaign/manage_list.html",
        {
            "table": table,
            "page": table.page,
            "status": status,
            "statuses": Campaign.Status.choices,
        },
    )


@login_required
def campaign_create(request):
    if not can_manage_campaigns(request.user):
        raise PermissionDenied
    organizations = manageable_organizations(request.user)
    form = CampaignForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(request.user, form)
        except PermissionDenied:
            form.add_error("issuing_organization", _("You cannot issue plans for this body."))
        else:
            messages.success(request, _("The plan was created as a draft. Now fill its sections."))
            return redirect("campaign_manage_detail", pk=campaign.pk)
    return render(request, "campaign/campaign_form.html", {"form": form, "campaign": None})


@login_required
def manage_detail(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    campaign = services.plan_queryset().get(pk=campaign.pk)
    counts = {
        "can-cu": len(campaign.legal_bases.all()),
        "noi-dung": len(campaign.content_items.all()),
        "doi-tuong": len(campaign.subject_categories.all()),
        "hinh-thuc": len(campaign.campaign_award_forms.all()),
    }
    for slug, section in SECTIONS.items():
        if section.kind:
            counts[slug] = len(campaign.statements(section.kind))
    sections = [(section, counts.get(slug, 0)) for slug, section in SECTIONS.items()]
    events = AuditEvent.objects.filter(
        content_type__app_label="campaign",
        content_type__model="campaign",
        object_id=str(campaign.pk),
    ).select_related("actor")[:20]
    return render(
        request,
        "campaign/manage_detail.html",
        {
            "campaign": campaign,
            "sections": sections,
            "events": [
                (
                    event,
                    action_label(event.action),
                    display_name(event.actor) if event.actor else _("system"),
                )
                for event in events
            ],
            "problems": services.publication_problems(campaign)
            if campaign.status == Campaign.Status.DRAFT
            else [],
        },
    )


@login_required
def campaign_edit(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    if campaign.status == Campaign.Status.CLOSED:
        messages.error(request, _("A closed campaign can no longer be changed."))
        return redirect("campaign_manage_detail", pk=campaign.pk)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(request.user, campaign, form)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The general information was saved."))
            return redirect("campaign_manage_detail", pk=campaign.pk)
    return render(request, "campaign/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def section_edit(request, pk, section):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    try:
        spec = SECTIONS[section]
    except KeyError as exc:
        raise Http404 from exc
    if campaign.status == Campaign.Status.CLOSED:
        messages.error(request, _("A closed campaign can no longer be changed."))
        return redirect("campaign_manage_detail", pk=campaign.pk)
    formset = spec.formset(campaign, request.POST or None)
    if request.method == "POST" and formset.is_valid():
        try:
            services.update_section(request.user, campaign, spec, formset)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Section “%(title)s” was saved.") % {"title": spec.title})
            if "continue" in request.POST:
                return redirect("campaign_section_edit", pk=campaign.pk, section=section)
            return redirect("campaign_manage_detail", pk=campaign.pk)
    return render(
        request,
        "campaign/section_form.html",
        {"campaign": campaign, "section": spec, "formset": formset, "sections": SECTIONS},
    )


@login_required
def campaign_preview(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    campaign = services.plan_queryset().get(pk=campaign.pk)
    return render(
        request,
        "campaign/plan_detail.html",
        {"campaign": campaign, "preview": True, **plan_context(campaign)},
    )


def _transition(request, pk, verb, success_message):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    try:
        verb(request.user, campaign)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success_message)
    return redirect(reverse("campaign_manage_detail", args=[campaign.pk]))


@login_required
@require_POST
def campaign_publish(request, pk):
    return _transition(
        request, pk, services.publish_campaign, _("The plan is published on the public page.")
    )


@login_required
@require_POST
def campaign_unpublish(request, pk):
    return _transition(
        request, pk, services.unpublish_campaign, _("The plan was returned to draft.")
    )


@login_required
@require_POST
def campaign_close(request, pk):
    return _transition(request, pk, services.close_campaign, _("The campaign is closed."))
