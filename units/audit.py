"""The audit log: one function writes it, one table of labels renders it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Organization

ACTION_LABELS = {
    "units.login.locked_out": _("Login locked out after repeated failures"),
    "system.worker_ping": _("Background worker checked"),
    "campaign.created": _("Campaign created"),
    "campaign.updated": _("Campaign updated"),
    "campaign.section_updated": _("Plan section updated"),
    "campaign.published": _("Campaign published"),
    "campaign.closed": _("Campaign closed"),
    "campaign.reopened": _("Campaign returned to draft"),
    "campaign.imported": _("Seed plan imported"),
    "campaign.report.saved": _("Report saved"),
    "campaign.report.imported": _("Report imported from Excel"),
    "campaign.report.submitted": _("Report submitted"),
    "campaign.report.resubmitted": _("Report resubmitted"),
    "campaign.report.accepted": _("Report accepted"),
    "campaign.report.returned": _("Report returned"),
    "campaign.report.evidence_uploaded": _("Evidence uploaded"),
    "campaign.report.evidence_deleted": _("Evidence removed"),
    "campaign.project.created": _("Key project created"),
    "campaign.project.updated": _("Key project updated"),
    "campaign.task.created": _("Task assigned"),
    "campaign.task.updated": _("Task updated"),
    "campaign.task.deleted": _("Task deleted"),
    "campaign.task.bulk_assigned": _("Task assigned to several units"),
    "campaign.periods.generated": _("Reporting periods generated"),
    "campaign.period.updated": _("Due date of a reporting period changed"),
    "campaign.obstacle.updated": _("Obstacle register entry updated"),
    "campaign.reminder.sent": _("Automatic reminder sent"),
    "campaign.reminder.urged": _("Unit urged to submit its report"),
    "campaign.export.requested": _("Dashboard table file requested"),
    "campaign.export.written": _("Dashboard table file written"),
    "campaign.scale.seeded": _("Scale data set generated"),
    "campaign.scale.reset": _("Scale data set deleted"),
}


def register_labels(labels: dict) -> None:
    """Higher apps add the labels of their own action codes (units must not import them)."""
    ACTION_LABELS.update(labels)


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
