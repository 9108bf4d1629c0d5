"""The audit log: one function writes it, one table of labels renders it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Organization

ACTION_LABELS = {
    "campaign.created": _("Campaign created"),
    "campaign.updated": _("Campaign updated"),
    "campaign.section_updated": _("Plan section updated"),
    "campaign.published": _("Campaign published"),
    "campaign.closed": _("Campaign closed"),
    "campaign.reopened": _("Campaign returned to draft"),
    "campaign.imported": _("Seed plan imported"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def log_action(
    action: str,
    actor,
    obj: models.Model | None = None,
    data: dict | None = None,
    organization: Organization | None = None,
) -> AuditEvent:
    from django.contrib.contenttypes.models import ContentType

    event = AuditEvent(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organization=organization,
        data=data or {},
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj)
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:255]
    event.save()
    return event
