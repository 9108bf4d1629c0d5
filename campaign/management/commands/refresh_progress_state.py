from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from campaign import progress_state


class Command(BaseCommand):
    help = _("Recomputes the pre-aggregated progress of every indicator (or of one campaign).")

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help=_("id of one campaign"))

    def handle(self, *args, **options):
        if options["campaign"]:
            rows = progress_state.refresh_campaign(options["campaign"])
        else:
            rows = progress_state.rebuild_all()
        self.stdout.write(_("%(rows)d progress rows written.") % {"rows": rows})
