"""A backup restored into an emptied PostgreSQL database gives back every report, ballot tally
and file, identical."""

import hashlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from awards.models import Ballot, Decision, SessionItem
from campaign import evidence
from campaign.models import Evidence, IndicatorValue, ProgressReport
from units.models import AuditEvent

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="empties the database with TRUNCATE (PostgreSQL)",
    ),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def facts():
    return {
        "reports": sorted(
            ProgressReport.objects.values_list("pk", "unit_id", "period_id", "status", "version")
        ),
        "values": sorted(
            (pk, str(value)) for pk, value in IndicatorValue.objects.values_list("pk", "value")
        ),
        "tallies": sorted(
            SessionItem.objects.values_list(
                "pk", "approvals", "rejections", "written_approvals", "required", "passed"
            )
        ),
        "ballots": sorted(Ballot.objects.values_list("item_id", "choice", "receipt_hash")),
        "decisions": sorted(Decision.objects.values_list("pk", "number", "symbol", "date")),
        "audit": AuditEvent.objects.count(),
        "files": sorted(
            (e.original_name, hashlib.sha256(e.file.read()).hexdigest())
            for e in Evidence.objects.all()
        ),
    }


def empty_the_database():
    tables = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in {"contenttypes", "auth", "sessions"}
        or model._meta.db_table in {"auth_user", "auth_user_groups", "auth_group"}
    ]
    with connection.cursor() as cursor:
        # TRUNCATE skips row triggers: the guard on closed sessions does not apply.
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def test_restore_gives_back_reports_tallies_and_files(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)
    report = ProgressReport.objects.filter(status=ProgressReport.Status.ACCEPTED).first()
    upload = SimpleUploadedFile("Biên bản bàn giao đất.pdf", PDF, "application/pdf")
    evidence.store(report, upload, "application/pdf", None)
    before = facts()
    assert before["ballots"] and before["tallies"] and before["files"]

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    with pytest.raises(CommandError, match="đã có dữ liệu|already holds data"):
        call_command("restore", str(archive), verbosity=0)  # never over live data
    empty_the_database()
    for path in (tmp_path / "media").rglob("*"):
        if path.is_file():
            path.unlink()
    assert ProgressReport.objects.count() == 0

    call_command("restore", str(archive), verbosity=0)
    assert facts() == before
