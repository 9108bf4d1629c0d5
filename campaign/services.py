"""State changes of campaigns: each checks, writes in one transaction and leaves an audit event."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from units.access import get_access
from units.audit import log_action

from .access import EDITOR_ROLES
from .models import Campaign, CampaignAwardForm, LegalBasis, SubjectCategory


def _require_editor(actor, campaign: Campaign) -> None:
    if not get_access(actor).has_role(campaign.issuing_organization, EDITOR_ROLES):
        raise PermissionDenied


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def snapshot(instance, fields) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def changes(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def plan_queryset():
    """Everything a plan page shows, in a fixed number of queries."""
    return Campaign.objects.select_related("issuing_organization").prefetch_related(
        "issuing_organization__names",
        Prefetch("legal_bases", queryset=LegalBasis.objects.select_related("document")),
        "plan_statements",
        "content_items",
        Prefetch("subject_categories", queryset=SubjectCategory.objects.all()),
        Prefetch(
            "campaign_award_forms",
            queryset=CampaignAwardForm.objects.select_related("award_form"),
        ),
    )


@transaction.atomic
def create_campaign(actor, form) -> Campaign:
    campaign = form.save(commit=False)
    _require_editor(actor, campaign)
    campaign.status = Campaign.Status.DRAFT
    campaign.save()
    log_action(
        "campaign.created",
        actor,
        campaign,
        {"after": snapshot(campaign, form.fields)},
        organization=campaign.issuing_organization,
    )
    return campaign


@transaction.atomic
def update_campaign(actor, campaign: Campaign, form) -> Campaign:
    _require_editor(actor, campaign)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = snapshot(locked, form.fields)
    _ensure_editable(locked)
    campaign = form.save()
    diff = changes(before, snapshot(campaign, form.fields))
    if diff:
        log_action(
            "campaign.updated",
            actor,
            campaign,
            {"changes": diff},
            organization=campaign.issuing_organization,
        )
    return campaign


@transaction.atomic
def update_section(actor, campaign: Campaign, section, formset) -> None:
    _require_editor(actor, campaign)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _ensure_editable(locked)
    before = section.describe(campaign)
    formset.save()
    after = section.describe(campaign)
    if before != after:
        log_action(
            "campaign.section_updated",
            actor,
            campaign,
            {"section": section.slug, "before": before, "after": after},
            organization=campaign.issuing_organization,
        )


def _ensure_editable(campaign: Campaign) -> None:
    if campaign.status == Campaign.Status.CLOSED:
        raise ValidationError(_("A closed campaign can no longer be changed."))


def publication_problems(campaign: Campaign) -> list[str]:
    """What keeps a plan from being published, in words for the secretariat."""
    problems = []
    if not campaign.plan_statements.filter(kind="purpose").exists():
        problems.append(_("The plan has no purpose (section I)."))
    if not campaign.subject_categories.exists():
        problems.append(_("The plan names no subject of the campaign (section V)."))
    return problems


def _change_status(actor, campaign, *, allowed_from, to, action, refusal, check=None):
    """Moves a campaign between statuses under a row lock, with its audit event."""
    _require_editor(actor, campaign)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != allowed_from:
            raise ValidationError(refusal)
        if check:
            problems = check(campaign)
            if problems:
                raise ValidationError(problems)
        before = campaign.status
        campaign.status = to
        fields = ["status", "updated_at"]
        if to == Campaign.Status.PUBLISHED:
            campaign.published_at = timezone.now()
            fields.append("published_at")
        campaign.save(update_fields=fields)
        log_action(
            action,
            actor,
            campaign,
            {"status": [before, to]},
            organization=campaign.issuing_organization,
        )
    return campaign


def publish_campaign(actor, campaign: Campaign) -> Campaign:
    return _change_status(
        actor,
        campaign,
        allowed_from=Campaign.Status.DRAFT,
        to=Campaign.Status.PUBLISHED,
        action="campaign.published",
        refusal=_("Only a draft plan can be published."),
        check=publication_problems,
    )


def unpublish_campaign(actor, campaign: Campaign) -> Campaign:
    return _change_status(
        actor,
        campaign,
        allowed_from=Campaign.Status.PUBLISHED,
        to=Campaign.Status.DRAFT,
        action="campaign.reopened",
        refusal=_("Only a published plan can be returned to draft."),
    )


def close_campaign(actor, campaign: Campaign) -> Campaign:
    return _change_status(
        actor,
        campaign,
        allowed_from=Campaign.Status.PUBLISHED,
        to=Campaign.Status.CLOSED,
        action="campaign.closed",
        refusal=_("Only a published campaign can be closed."),
    )
