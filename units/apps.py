from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Organizations and people")

    def ready(self):
        from . import council, signals  # noqa: F401  (council registers its home card)

        signals.connect_lockout_audit()
