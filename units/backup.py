"""Backup and restore: the whole database and the uploaded files in one archive.

The database goes in as Django's JSON serialization (the same for PostgreSQL and SQLite, so a
backup restores on either), foreign keys to content types and permissions by natural key; the
files under MEDIA_ROOT go in as they are, each with its SHA-256 in the manifest.

    archive.tar.gz
      manifest.json   format, time, migrations applied, rows per model, files and checksums
      data.json       dumpdata of every app but content types, permissions, sessions, axes
      media/…         the uploaded files

Restoring needs a migrated database without data (a fresh one): it refuses otherwise. Apps whose
rows the database guards (awards: a closed council session accepts no new rows) register hooks
that adapt the objects before loading and put things right after (register_restore_hook).
"""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = 1
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]

_before_hooks: list[Callable[[list[dict]], list[dict]]] = []
_after_hooks: list[Callable[[list[dict]], None]] = []


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why, in Vietnamese."""


def register_restore_hook(before=None, after=None) -> None:
    """`before(objects) -> objects` runs on the serialized objects before loading; `after(objects)`
    once they are in the database, inside the same transaction."""
    if before is not None and before not in _before_hooks:
        _before_hooks.append(before)
    if after is not None and after not in _after_hooks:
        _after_hooks.append(after)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def write_backup(output: Path) -> dict:
    """Writes the archive; returns its manifest."""
    buffer = io.StringIO()
    call_command(
        "dumpdata",
        exclude=EXCLUDED,
        natural_foreign=True,
        stdout=buffer,
        verbosity=0,
    )
    data = buffer.getvalue().encode("utf-8")
    objects = json.loads(data)
    root = Path(settings.MEDIA_ROOT)
    files = {str(p.relative_to(root)): _sha256(p) for p in _media_files()}
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": connection.vendor,
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ),
        "rows": dict(sorted(Counter(obj["model"] for obj in objects).items())),
        "files": files,
        "data_sha256": hashlib.sha256(data).hexdigest(),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        for name, content in (
            ("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode()),
            ("data.json", data),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mtime = int(datetime.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(content))
        for relative in files:
            archive.add(root / relative, arcname=f"media/{relative}", recursive=False)
    # Renamed only once complete: a crash leaves a .partial file, never a truncated backup.
    partial.replace(output)
    return manifest


def _database_is_empty() -> bool:
    for model in apps.get_models():
        label = model._meta.app_label
        if label in {"units", "campaign", "awards", "reports"} and model.objects.exists():
            return False
    return not apps.get_model("auth", "User").objects.exists()


def restore_backup(archive_path: Path) -> dict:
    """Loads an archive into an empty, migrated database; returns its manifest."""
    if not _database_is_empty():
        raise BackupError(
            _("The database already holds data: restore into a new, migrated, empty database.")
        )
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(work, filter="data")
        except (OSError, tarfile.TarError) as exc:
            raise BackupError(_("The file is not a backup of this portal.")) from exc
        try:
            manifest = json.loads((work / "manifest.json").read_text("utf-8"))
            data = (work / "data.json").read_bytes()
        except (OSError, ValueError) as exc:
            raise BackupError(_("The file is not a backup of this portal.")) from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(_("This backup was written by another version of the portal."))
        if hashlib.sha256(data).hexdigest() != manifest.get("data_sha256"):
            raise BackupError(_("The backup is damaged: its data does not match its checksum."))
        applied = {
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        }
        missing = sorted(set(manifest.get("migrations", [])) - applied)
        if missing:
            raise BackupError(
                _("Migrate the database first (missing: %(names)s).")
                % {"names": ", ".join(missing[:5])}
            )
        for relative, checksum in manifest.get("files", {}).items():
            path = work / "media" / relative
            if not path.is_file() or _sha256(path) != checksum:
                raise BackupError(
                    _("The backup is damaged: the file %(name)s is missing or altered.")
                    % {"name": relative}
                )

        objects = json.loads(data)
        for hook in _before_hooks:
            objects = hook(objects)
        adapted = work / "adapted.json"
        adapted.write_text(json.dumps(objects, ensure_ascii=False), "utf-8")
        with transaction.atomic():
            call_command("loaddata", str(adapted), verbosity=0)
            for hook in _after_hooks:
                hook(objects)

        media_root = Path(settings.MEDIA_ROOT)
        for relative in manifest.get("files", {}):
            target = media_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / "media" / relative, target)
    return manifest
