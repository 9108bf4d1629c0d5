from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver

from .text import nfc

_PROJECT_APPS = {"units", "campaign", "awards", "reports"}


@receiver(pre_save)
def normalize_text_fields(sender, instance, **kwargs):
    """Every text column of the portal is stored in NFC, whatever path wrote it."""
    if sender._meta.app_label not in _PROJECT_APPS:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))


def _audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    from .audit import log_action

    log_action(
        "units.login.locked_out",
        None,
        data={"username": nfc(str(username or ""))[:150], "ip_address": ip_address or ""},
    )


def connect_lockout_audit():
    from axes.signals import user_locked_out

    user_locked_out.connect(_audit_lockout, dispatch_uid="units-audit-lockout")
