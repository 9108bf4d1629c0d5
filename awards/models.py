"""Awards: nominations, screening, posting, councils and secret ballots, decisions, proposals,
and the registry of what was awarded.

Ballot secrecy is a property of the schema: `Participation` records who took part in an item
(and is not secret); `Ballot` records a choice and nothing that leads back to a member — no
user, no member, no time, no sequential key.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.models import AwardForm, Campaign, SubjectType
from units.models import Organization, Person


class BaseSalaryQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> "BaseSalary | None":
        return self.filter(effective_from__lte=day).order_by("-effective_from").first()


class BaseSalary(models.Model):
    """The statutory base salary (mức lương cơ sở); prize money uses the one in force on a date."""

    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    effective_from = models.DateField(_("in force from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    verified = models.BooleanField(
        _("verified in the official gazette"),
        default=True,
        help_text=_("Off for a figure reported but not yet read in the gazette."),
    )

    objects = BaseSalaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="base_salary_positive")
        ]

    def __str__(self):
        return f"{self.amount:,} VND ({self.effective_from:%d/%m/%Y})".replace(",", ".")


class Holiday(models.Model):
    """A public holiday (or a compensatory day off): not a working day for posting periods."""

    day = models.DateField(_("day"), unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} — {self.name}"


# --- Nominations --------------------------------------------------------------------------------


class Nomination(models.Model):
    """A unit's proposal that a collective, an individual or a household receive an award form
    of a campaign, with its achievement report (báo cáo thành tích)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, awaiting screening")
        RETURNED = "returned", _("Returned for correction")
        ACCEPTED = "accepted", _("Accepted by the office")
        ON_AGENDA = "on_agenda", _("On a council session's agenda")
        PASSED = "passed", _("Approved by the council")
        NOT_PASSED = "not_passed", _("Not approved by the council")
        PROPOSED = "proposed", _("Proposed to the higher level")
        AWARDED = "awarded", _("Awarded")
        REJECTED = "rejected", _("Not approved by the higher level")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="nominations"
    )
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Organization,
        verbose_name=_("proposing unit"),
        on_delete=models.PROTECT,
        related_name="nominations_made",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    subject_type = models.CharField(_("subject type"), max_length=20, choices=SubjectType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )

    # The nominee: exactly one of these, by subject type (checked by a constraint).
    nominee_organization = models.ForeignKey(
        Organization,
        verbose_name=_("collective nominated"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations_received",
    )
    nominee_person = models.ForeignKey(
        Person,
        verbose_name=_("individual nominated"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    household_head = models.CharField(_("head of household"), max_length=150, blank=True)
    household_address = models.CharField(_("address"), max_length=255, blank=True)
    household_commune = models.CharField(_("commune / ward"), max_length=150, blank=True)
    household_contribution = models.TextField(
        _("contribution"),
        blank=True,
        help_text=_("What the household contributed, e.g. 1.200 m² of land handed over early."),
    )
    # Denormalized for lists, the registry and search without diacritics.
    nominee_name = models.CharField(_("nominee"), max_length=255)
    nominee_name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    # The achievement report, in the customary sections (legal.md “Dossier”).
    summary = models.TextField(
        _("I. Background"),
        blank=True,
        help_text=_(
            "Collective: formation, organization, staff, duties. Individual: name, year of "
            "birth, sex, home town, unit, position, qualifications."
        ),
    )
    achievements = models.TextField(
        _("II. Achievements"),
        blank=True,
        help_text=_("Results within the campaign against tasks and targets, with figures."),
    )
    measures = models.TextField(_("Measures and initiatives"), blank=True)
    prior_awards_note = models.TextField(
        _("III. Other awards received"),
        blank=True,
        help_text=_("Awards not in the registry (year, form, decision number and date, issuer)."),
    )
    criteria_met = models.TextField(_("How the campaign's criteria are met"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for return"), blank=True)

    # Public posting for comments (only for award forms that require it).
    posted_from = models.DateField(_("posted from"), null=True, blank=True)
    posted_until = models.DateField(_("posted until"), null=True, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-year", "award_form__rank", "nominee_name_folded"]
        indexes = [
            models.Index(fields=["campaign", "status"], name="nomination_campaign_status"),
            models.Index(fields=["unit", "status"], name="nomination_unit_status"),
        ]
        constraints = [
            models.CheckConstraint(
                name="nomination_nominee_matches_subject",
                condition=(
                    Q(
                        subject_type=SubjectType.COLLECTIVE,
                        nominee_organization__isnull=False,
                        nominee_person__isnull=True,
                    )
                    | Q(
                        subject_type=SubjectType.INDIVIDUAL,
                        nominee_person__isnull=False,
                        nominee_organization__isnull=True,
                    )
                    | Q(
                        subject_type=SubjectType.HOUSEHOLD,
                        nominee_person__isnull=True,
                        nominee_organization__isnull=True,
                    )
                ),
            ),
            models.CheckConstraint(
                name="nomination_posting_dates_ordered",
                condition=Q(posted_from__isnull=True)
                | Q(posted_until__isnull=True)
                | Q(posted_until__gte=models.F("posted_from")),
            ),
        ]

    def __str__(self):
        return f"{self.nominee_name} — {self.award_form}"

    def save(self, *args, **kwargs):
        from units.text import fold, nfc

        self.nominee_name = nfc(self.nominee_name or "").strip()
        self.nominee_name_folded = fold(self.nominee_name)
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class NominationAttachment(models.Model):
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="nominations/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("nomination attachment")
        verbose_name_plural = _("nomination attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Screening(models.Model):
    """The office's checklist for one nomination (rewritten at each screening)."""

    nomination = models.OneToOneField(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="screening"
    )
    dossier_complete = models.BooleanField(_("dossier complete"), default=False)
    subject_allowed = models.BooleanField(
        _("subject type allowed for the award form"), default=False
    )
    criteria_met = models.BooleanField(_("campaign criteria met, with evidence"), default=False)
    criteria_evidence = models.TextField(_("evidence for the criteria"), blank=True)
    prior_awards_checked = models.BooleanField(_("prior awards checked"), default=False)
    # Vetting: any open case blocks the nomination.
    open_discipline = models.BooleanField(_("under discipline"), default=False)
    open_investigation = models.BooleanField(_("under investigation or inspection"), default=False)
    open_complaint = models.BooleanField(_("under complaint or denunciation"), default=False)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("screened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    screened_at = models.DateTimeField(_("screened at"), default=timezone.now)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self):
        return str(self.nomination)

    @property
    def has_open_case(self) -> bool:
        return self.open_discipline or self.open_investigation or self.open_complaint


class PostingComment(models.Model):
    """A comment from the public on a posted nomination."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="comments"
    )
    author_name = models.CharField(_("your name"), max_length=150)
    contact = models.CharField(_("phone or e-mail"), max_length=150, blank=True)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read by the office at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"


# --- Councils and sessions ----------------------------------------------------------------------


class Council(models.Model):
    """The Emulation and Reward Council (Hội đồng TĐKT) of an organization."""

    organization = models.OneToOneField(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="council",
    )
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveSmallIntegerField(
        _("number of members"),
        help_text=_("Vote thresholds are counted against all members."),
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="council_size_positive")
        ]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Member and secretary")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="council_seats"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "person"], name="unique_council_seat"),
            models.UniqueConstraint(
                fields=["council"], condition=Q(role="chair"), name="one_chair_per_council"
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"


class Session(models.Model):
    """A council meeting (phiên họp) that votes on an agenda of nominations."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("Open for voting")
        CLOSED = "closed", _("Closed")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="sessions"
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=255)
    scheduled_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    # The council's size when the session opened: thresholds never move afterwards.
    members_total = models.PositiveSmallIntegerField(_("council members"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    notes = models.TextField(_("notes for the minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-scheduled_at"]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.scheduled_at):%d/%m/%Y})"


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=False)
    absence_reason = models.CharField(_("reason for absence"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_attendance_per_member")
        ]

    def __str__(self):
        return f"{self.member} — {self.session}"


class Vote(models.TextChoices):
    APPROVE = "approve", _("Agree")
    REJECT = "reject", _("Disagree")


class SessionItem(models.Model):
    """One nomination on a session's agenda, with its result once the session is closed."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="items"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Filled when the session closes.
    approvals = models.PositiveSmallIntegerField(_("approvals"), null=True, blank=True)
    rejections = models.PositiveSmallIntegerField(_("disapprovals"), null=True, blank=True)
    written_approvals = models.PositiveSmallIntegerField(
        _("written approvals"), null=True, blank=True
    )
    written_rejections = models.PositiveSmallIntegerField(
        _("written disapprovals"), null=True, blank=True
    )
    recusals = models.PositiveSmallIntegerField(_("recusals"), null=True, blank=True)
    required = models.PositiveSmallIntegerField(_("approvals required"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination"], name="nomination_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.nomination}"


class WrittenOpinion(models.Model):
    """An absent member's written opinion on an item: counted and named in the minutes."""

    item = models.ForeignKey(
        SessionItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("opinion"), max_length=10, choices=Vote.choices)
    note = models.TextField(_("content"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("written opinion")
        verbose_name_plural = _("written opinions")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_written_opinion")
        ]

    def __str__(self):
        return f"{self.member} — {self.item}"


class Participation(models.Model):
    """That a member voted (or recused) on an item. Not secret; holds nothing of the choice."""

    class Kind(models.TextChoices):
        VOTED = "voted", _("Voted")
        RECUSED = "recused", _("Recused (conflict of interest)")

    item = models.ForeignKey(
        SessionItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    recusal_reason = models.CharField(_("reason for recusal"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_participation_per_item")
        ]

    def __str__(self):
        return f"{self.member} — {self.get_kind_display()}"


class Ballot(models.Model):
    """An anonymous ballot. Random key, no time, no voter: see the module docstring.

    `receipt_hash` is the SHA-256 of the code shown once to the voter, who can find it in the
    published tally; the code itself is never stored.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(
        SessionItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="ballots"
    )
    choice = models.CharField(_("choice"), max_length=10, choices=Vote.choices)
    receipt_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        # Ordered by the random key so no listing follows the order of casting.
        ordering = ["id"]

    def __str__(self):
        return str(_("Ballot"))


# --- Decisions, proposals and the registry ------------------------------------------------------


class Decision(models.Model):
    """An award decision (quyết định) of the organization itself, in its yearly series."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("issuing organization"),
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="decisions"
    )
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("council session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40, help_text=_("E.g. QĐ-STNMT."))
    date = models.DateField(_("date"))
    signer_authority = models.CharField(
        _("signing authority"),
        max_length=100,
        blank=True,
        help_text=_(
            "E.g. KT. GIÁM ĐỐC when a deputy signs for the head; empty when the head signs."
        ),
    )
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    authority = models.CharField(_("authority"), max_length=255, blank=True)
    base_salary = models.PositiveBigIntegerField(_("base salary applied (VND)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"], name="unique_decision_number"
            ),
            models.CheckConstraint(condition=Q(number__gt=0), name="decision_number_positive"),
        ]

    def __str__(self):
        return self.number_symbol

    @property
    def number_symbol(self) -> str:
        return f"{self.number:02d}/{self.symbol}"


class Proposal(models.Model):
    """A proposal (tờ trình) sent to the higher level, and the outcome recorded when it returns."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent, awaiting the outcome")
        ANSWERED = "answered", _("Outcome recorded")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("issuing organization"),
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="proposals"
    )
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("council session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40, help_text=_("E.g. TTr-STNMT."))
    date = models.DateField(_("date"))
    recipient = models.CharField(_("sent to"), max_length=255)
    signer_authority = models.CharField(
        _("signing authority"),
        max_length=100,
        blank=True,
        help_text=_(
            "E.g. KT. GIÁM ĐỐC when a deputy signs for the head; empty when the head signs."
        ),
    )
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT
    )
    # The answer from the higher level.
    outcome_number = models.CharField(_("decision number and symbol"), max_length=60, blank=True)
    outcome_date = models.DateField(_("decision date"), null=True, blank=True)
    outcome_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"], name="unique_proposal_number"
            ),
            models.CheckConstraint(condition=Q(number__gt=0), name="proposal_number_positive"),
        ]

    def __str__(self):
        return self.number_symbol

    @property
    def number_symbol(self) -> str:
        return f"{self.number:02d}/{self.symbol}"


class ProposalItem(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting the outcome")
        APPROVED = "approved", _("Approved")
        NOT_APPROVED = "not_approved", _("Not approved")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="items"
    )
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="proposal_item",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )

    class Meta:
        verbose_name = _("proposal entry")
        verbose_name_plural = _("proposal entries")
        ordering = ["proposal", "order", "pk"]

    def __str__(self):
        return str(self.nomination)


class AwardRecord(models.Model):
    """The registry: one line per award received, from a decision of the organization, from
    an outcome of a proposal, or entered by hand for awards from before the portal."""

    class Source(models.TextChoices):
        DECISION = "decision", _("Decision of the organization")
        PROPOSAL = "proposal", _("Decision of the higher level")
        MANUAL = "manual", _("Entered by hand")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("nomination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="+"
    )
    subject_type = models.CharField(_("subject type"), max_length=20, choices=SubjectType.choices)
    recipient_name = models.CharField(_("recipient"), max_length=255)
    recipient_name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards_received",
    )
    # The body whose registry this is (the issuing organization of the campaign).
    owner = models.ForeignKey(
        Organization,
        verbose_name=_("registry of"),
        on_delete=models.PROTECT,
        related_name="award_registry",
    )
    household_address = models.CharField(_("address"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    decision_number = models.CharField(_("decision number and symbol"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=255)
    prize_amount = models.PositiveBigIntegerField(_("prize money (VND)"), default=0)
    thematic = models.BooleanField(
        _("campaign (thematic) award"),
        default=True,
        help_text=_("A campaign award is not grounds for higher merit awards."),
    )

    class Meta:
        verbose_name = _("award record")
        verbose_name_plural = _("award registry")
        ordering = ["-decision_date", "recipient_name_folded"]
        indexes = [
            models.Index(fields=["owner", "year"], name="award_owner_year"),
        ]

    def __str__(self):
        return f"{self.recipient_name} — {self.award_form} ({self.decision_number})"

    def save(self, *args, **kwargs):
        from units.text import fold, nfc

        self.recipient_name = nfc(self.recipient_name or "").strip()
        self.recipient_name_folded = fold(self.recipient_name)
        super().save(*args, **kwargs)
