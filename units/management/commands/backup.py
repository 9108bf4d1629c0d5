"""`manage.py backup [--output FILE]`: the database and the uploaded files in one archive."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from units.backup import write_backup


class Command(BaseCommand):
    help = _("Writes the database and the uploaded files to one archive (.tar.gz).")

    def add_arguments(self, parser):
        parser.add_argument("--output", help=_("archive to write (default: var/backups/…)"))

    def handle(self, *args, **options):
        output = options["output"]
        if not output:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "var" / "backups" / f"thidua-{stamp}.tar.gz"
        manifest = write_backup(Path(output))
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            _("Backup written to %(path)s: %(rows)d rows, %(files)d files.")
            % {"path": output, "rows": rows, "files": len(manifest["files"])}
        )
