"""`manage.py restore FILE`: loads a backup into a new, migrated, empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from units.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = _("Restores a backup written by `backup` into an empty, migrated database.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("the .tar.gz written by backup"))

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(Path(options["archive"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Restored %(rows)d rows and %(files)d files from the backup of %(date)s.")
            % {
                "rows": sum(manifest["rows"].values()),
                "files": len(manifest["files"]),
                "date": manifest["created_at"],
            }
        )
