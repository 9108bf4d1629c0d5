from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = _("Emulation campaigns")

    def ready(self):
        from . import home  # noqa: F401  (registers the home page cards)
