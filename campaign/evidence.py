"""Evidence files: checked by content and size, stored under MEDIA_ROOT, served by a view."""

import hashlib
import re
import unicodedata
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from units.text import fold

from .models import Evidence

# What a unit may attach, recognised from the file's first bytes rather than its name.
ALLOWED = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
_OOXML_MARKERS = {
    b"word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff(head: bytes) -> str | None:
    """The MIME type of an allowed file from its content, or None."""
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime == "application/zip" or kind.mime in _OOXML_MARKERS.values():
        # DOCX and XLSX are zip files; their members name what they are.
        for marker, mime in _OOXML_MARKERS.items():
            if marker in head:
                return mime
        return None
    return kind.mime if kind.mime in ALLOWED else None


def safe_filename(name: str, mime: str) -> str:
    """An ASCII file name for the disk (the original name is kept in the database)."""
    stem = PurePath(unicodedata.normalize("NFC", name).replace("\\", "/")).stem
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", fold(stem)).strip("-._")[:80] or "tep"
    return f"{stem}{ALLOWED[mime]}"


def check_upload(upload) -> str:
    """Raises ValidationError with a Vietnamese message; returns the detected MIME type."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": upload.name})
    if upload.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is larger than %(mb)s MB.")
            % {"name": upload.name, "mb": limit // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    mime = sniff(head)
    if mime is None:
        raise ValidationError(
            _("The file “%(name)s” is not a PDF, DOCX, XLSX, JPG or PNG document.")
            % {"name": upload.name}
        )
    return mime


def store(report, upload, mime: str, actor, task=None) -> Evidence:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original = unicodedata.normalize("NFC", PurePath(upload.name.replace("\\", "/")).name)[:255]
    evidence = Evidence(
        report=report,
        task=task,
        original_name=original,
        content_type=mime,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    evidence.file.save(safe_filename(original, mime), upload, save=False)
    evidence.save()
    return evidence
