"""Builds one document synchronously, for scripts and tests: the same builder as the workers,
through a job row, so numbering and versions are the same as from the web."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from campaign.models import Campaign
from reports import jobs
from reports.models import Kind, ReportJob


class Command(BaseCommand):
    help = "Build a report PDF now (no worker needed) and write it to a file."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="campaign code")
        parser.add_argument("--kind", required=True, choices=Kind.values)
        parser.add_argument("--year", type=int, help="annual report / nomination list year")
        parser.add_argument("--period", type=int, help="reporting period id (period summary)")
        parser.add_argument("--session", type=int, help="council session id (minutes)")
        parser.add_argument("--decision", type=int, help="decision id")
        parser.add_argument("--proposal", type=int, help="proposal id")
        parser.add_argument("--output", required=True, help="where to write the PDF")

    def handle(self, *args, **options):
        try:
            campaign = Campaign.objects.select_related("issuing_organization").get(
                code=options["campaign"]
            )
        except Campaign.DoesNotExist as exc:
            raise CommandError(f"No campaign with the code {options['campaign']!r}.") from exc
        subject = {
            name: options[name]
            for name in ("year", "period", "session", "decision", "proposal")
            if options[name] is not None
        }
        output_path = Path(options["output"])
        if not output_path.parent.is_dir():
            raise CommandError(f"The folder {output_path.parent} does not exist.")
        try:
            job, _created = jobs.create_job(
                campaign,
                options["kind"],
                None,
                {"command": True},
                send=False,
                reuse=False,
                **subject,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        finished = jobs.execute(job.pk, worker=f"{jobs.worker_name()} (generate_report)")
        if finished is None or finished.status != ReportJob.Status.SUCCEEDED:
            job.refresh_from_db()
            raise CommandError(f"Report job {job.pk} failed: {job.error or job.status}")
        produced = finished.output
        with produced.file.open("rb") as source:
            output_path.write_bytes(source.read())
        self.stdout.write(
            f"{output_path} — {produced.filename} — version {produced.version}"
            f"{' — ' + produced.number if produced.number else ''} — "
            f"{produced.size} bytes — sha256 {produced.sha256} (job {job.pk})"
        )
