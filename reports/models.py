"""Report jobs and the documents they produce.

A web request only creates a `ReportJob` and enqueues it on commit; a Celery worker claims it
with a conditional UPDATE (queued → running), reports progress and a heartbeat, and stores the
PDF as a `ReportFile` (a new version each time, with its checksum). Numbers of official documents
come from `DocumentNumber`, one series per organization, document type and year.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Decision, Proposal, Session
from campaign.models import Campaign, ReportingPeriod
from units.models import Organization


class Kind(models.TextChoices):
    ANNUAL = "annual", _("Annual preliminary report (sơ kết)")
    FINAL = "final", _("Final report (tổng kết)")
    MINUTES = "minutes", _("Council minutes (biên bản)")
    DECISION = "decision", _("Award decision (quyết định)")
    PROPOSAL = "proposal", _("Proposal (tờ trình)")
    NOMINATIONS = "nominations", _("Nomination list")
    PERIOD = "period", _("Period progress summary")


class ReportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being built")
        SUCCEEDED = "succeeded", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="report_jobs"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("council session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    step = models.CharField(_("current step"), max_length=255, blank=True)
    error = models.TextField(_("reason for the failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    worker = models.CharField(_("worker"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # Empty while the job waits in the database without a message in the broker (Redis was
    # down when it was sent): the page says so, and the reaper or the page sends it again.
    sent_at = models.DateTimeField(_("handed to the workers at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["campaign", "kind", "-created_at"], name="job_campaign_kind"),
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="job_progress_range"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.campaign} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class ReportFile(models.Model):
    """One produced PDF. Versions count per document (kind + its subject); the newest is the
    default download."""

    job = models.OneToOneField(
        ReportJob, verbose_name=_("job"), on_delete=models.PROTECT, related_name="output"
    )
    document_key = models.CharField(
        max_length=120,
        db_index=True,
        help_text="kind and subject, e.g. annual:campaign=3:year=2024 — versions count per key",
    )
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="reports/%Y/")
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("produced at"), default=timezone.now)

    class Meta:
        verbose_name = _("produced document")
        verbose_name_plural = _("produced documents")
        ordering = ["document_key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_key", "version"], name="one_file_per_document_version"
            )
        ]

    def __str__(self):
        return f"{self.filename} (v{self.version})"


class DocumentNumber(models.Model):
    """A number taken in an organization's yearly series of one document type (BC, BB…)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    doc_type = models.CharField(_("document type"), max_length=10, help_text=_("E.g. BC, BB."))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    document_key = models.CharField(max_length=120)
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)

    class Meta:
        verbose_name = _("document number")
        verbose_name_plural = _("document numbers")
        ordering = ["organization", "doc_type", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "doc_type", "year", "number"], name="unique_document_number"
            ),
            # Regenerating a document keeps its number.
            models.UniqueConstraint(
                fields=["organization", "doc_type", "year", "document_key"],
                name="one_number_per_document",
            ),
            models.CheckConstraint(condition=Q(number__gt=0), name="document_number_positive"),
        ]

    def __str__(self):
        return f"{self.number:02d}/{self.doc_type} ({self.year})"


class Narrative(models.Model):
    """The sections of a sơ kết / tổng kết that Văn phòng writes before generating."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="narratives"
    )
    kind = models.CharField(
        _("document"),
        max_length=20,
        choices=[(Kind.ANNUAL, Kind.ANNUAL.label), (Kind.FINAL, Kind.FINAL.label)],
    )
    # The year summed up; for a final report, the year of the final review.
    year = models.PositiveSmallIntegerField(_("year"))
    situation = models.TextField(_("1. Situation"), blank=True)
    leadership = models.TextField(_("2. Leadership, direction and launch"), blank=True)
    results_comment = models.TextField(_("3. Comments on the results"), blank=True)
    role_models = models.TextField(_("4. Finding and spreading role models"), blank=True)
    awards_comment = models.TextField(_("5. Comments on the awards"), blank=True)
    strengths = models.TextField(_("6. Strengths"), blank=True)
    shortcomings = models.TextField(_("6. Shortcomings and limitations"), blank=True)
    causes = models.TextField(_("6. Causes"), blank=True)
    lessons = models.TextField(_("6. Lessons learned"), blank=True)
    directions = models.TextField(_("7. Directions and tasks"), blank=True)
    proposals = models.TextField(_("8. Proposals and recommendations"), blank=True)
    recipient = models.CharField(_("addressed to (Kính gửi)"), max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report narrative")
        verbose_name_plural = _("report narratives")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "year"], name="one_narrative_per_report"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.campaign} {self.year}"
