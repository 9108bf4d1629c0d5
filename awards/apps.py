from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        # Audit labels, dashboard panels and home steps that awards adds to the lower apps.
        from . import hooks_decisions, hooks_nominations, hooks_sessions  # noqa: F401
