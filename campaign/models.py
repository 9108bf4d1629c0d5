import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import Organization


class SubjectType(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")
    HOUSEHOLD = "household", _("Household")


# --- Master data --------------------------------------------------------------------------------


class LegalDocument(models.Model):
    """A document a plan or a decision can cite as a legal basis (căn cứ)."""

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        DECREE = "decree", _("Decree")
        CIRCULAR = "circular", _("Circular")
        RESOLUTION = "resolution", _("Resolution")
        PLAN = "plan", _("Plan")
        DECISION = "decision", _("Decision")
        DIRECTIVE = "directive", _("Directive")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number and symbol"), max_length=60)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=500)
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "issued_on"], name="unique_legal_document")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class AwardForm(models.Model):
    """An award form (hình thức khen thưởng) with the rules the council and prize money follow."""

    class Authority(models.TextChoices):
        PRESIDENT = "president", _("State President")
        PRIME_MINISTER = "prime_minister", _("Prime Minister")
        PROVINCE_CHAIR = "province_chair", _("Chairman of the provincial People's Committee")
        DEPARTMENT_HEAD = "department_head", _("Director of the Department")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=10, help_text=_("Lower numbers are higher awards.")
    )
    authority = models.CharField(_("decided by"), max_length=30, choices=Authority.choices)
    decided_internally = models.BooleanField(
        _("decided by the organization itself"),
        default=False,
        help_text=_("Otherwise it is proposed upward with a proposal (tờ trình)."),
    )
    proposal_path = models.CharField(_("proposal path"), max_length=255, blank=True)
    individual_coefficient = models.DecimalField(
        _("individual coefficient"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    collective_coefficient = models.DecimalField(
        _("collective coefficient"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    household_multiplier = models.DecimalField(
        _("household multiplier of the individual amount"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.5"),
    )
    allows_individual = models.BooleanField(_("individuals may receive it"), default=True)
    allows_collective = models.BooleanField(_("collectives may receive it"), default=True)
    allows_household = models.BooleanField(_("households may receive it"), default=True)
    vote_threshold_percent = models.DecimalField(
        _("vote threshold (percent of all council members)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    threshold_strictly_above = models.BooleanField(
        _("approvals must be strictly above the threshold"),
        default=True,
        help_text=_("On: “more than half”. Off: “at least two thirds”."),
    )
    quorum_percent = models.DecimalField(
        _("quorum (percent of members present)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    requires_public_posting = models.BooleanField(_("public posting required"), default=False)
    posting_working_days = models.PositiveSmallIntegerField(
        _("posting period (working days)"), default=0
    )
    min_campaign_years = models.PositiveSmallIntegerField(
        _("minimum campaign length (years)"),
        default=0,
        help_text=_("A warning is shown when the campaign is shorter (0: no condition)."),
    )

    class Meta:
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")
        ordering = ["rank", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vote_threshold_percent__gte=0) & Q(vote_threshold_percent__lte=100),
                name="award_threshold_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=0) & Q(quorum_percent__lte=100),
                name="award_quorum_percent_range",
            ),
        ]

    def __str__(self):
        return self.name

    def allows(self, subject_type: str) -> bool:
        return {
            SubjectType.INDIVIDUAL: self.allows_individual,
            SubjectType.COLLECTIVE: self.allows_collective,
            SubjectType.HOUSEHOLD: self.allows_household,
        }.get(subject_type, False)

    def required_approvals(self, council_size: int) -> int:
        """Approvals needed, counted against all members (2/3 of 9 → 6; more than 1/2 of 9 → 5)."""
        # Rounded to a hundredth of a member first, so that 66.67 (or 66.66) of 9 means two
        # thirds of 9, which is 6 — not 6.0003 rounded up to 7.
        exact = (Decimal(council_size) * self.vote_threshold_percent / Decimal(100)).quantize(
            Decimal("0.01")
        )
        whole = int(exact)
        if self.threshold_strictly_above:
            return whole + 1
        return whole if exact == whole else whole + 1


# --- The plan -----------------------------------------------------------------------------------


# The fields of the plan's text and schedule, in the order a drafter fills them.
PLAN_FIELDS = (
    "parent_body_name",
    "doc_number",
    "doc_type_abbreviation",
    "issuer_abbreviation",
    "place_name",
    "issued_day",
    "issued_month",
    "issued_year",
    "doc_type_title",
    "summary",
    "name",
    "basis_lead",
    "basis_closing",
    "introduction",
    "content_intro",
    "start_date",
    "end_date",
    "timeline_text",
    "annual_reviews",
    "final_review_year",
    "final_review_quarter",
    "award_procedure_text",
    "signer_authority",
    "signer_title",
    "signer_name",
)


class CampaignQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=[Campaign.Status.PUBLISHED, Campaign.Status.CLOSED])


class Campaign(models.Model):
    """An emulation campaign (phong trào thi đua) and its launching plan (kế hoạch) as data."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Short identifier used in addresses.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    issuing_organization = models.ForeignKey(
        Organization,
        verbose_name=_("issuing organization"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    parent_body_name = models.CharField(
        _("parent body on the header"),
        max_length=255,
        blank=True,
        help_text=_("Printed above the issuing body, e.g. “UBND TỈNH LẠNG SƠN”."),
    )
    # Document identity. The number and the day may be blank, as on a plan awaiting registration.
    doc_number = models.CharField(_("document number"), max_length=20, blank=True)
    doc_type_abbreviation = models.CharField(
        _("document type abbreviation"), max_length=10, default="KH"
    )
    issuer_abbreviation = models.CharField(
        _("issuer abbreviation in the symbol"),
        max_length=20,
        blank=True,
        help_text=_("Leave empty to use the organization's abbreviation on the issue date."),
    )
    place_name = models.CharField(_("place"), max_length=100)
    issued_day = models.PositiveSmallIntegerField(
        _("day of issue"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    issued_month = models.PositiveSmallIntegerField(
        _("month of issue"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    issued_year = models.PositiveSmallIntegerField(
        _("year of issue"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    doc_type_title = models.CharField(_("document type title"), max_length=40, default="KẾ HOẠCH")
    summary = models.CharField(_("summary line"), max_length=500)
    name = models.CharField(_("campaign name"), max_length=300)
    basis_lead = models.CharField(
        _("words before the legal bases"), max_length=60, default="Thực hiện", blank=True
    )
    basis_closing = models.TextField(
        _("sentence after the legal bases"),
        blank=True,
        help_text=_("Continues the bases paragraph, e.g. “trên cơ sở chức năng, nhiệm vụ …”."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    # Section II opening sentence.
    content_intro = models.TextField(_("introduction to the content items"), blank=True)
    # Section IV.
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    timeline_text = models.TextField(_("timeline as written in the plan"), blank=True)
    annual_reviews = models.BooleanField(_("preliminary review every year"), default=True)
    final_review_year = models.PositiveSmallIntegerField(_("final review year"))
    final_review_quarter = models.PositiveSmallIntegerField(
        _("final review quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    # Section V.2.b.
    award_procedure_text = models.TextField(_("award standards and procedure"), blank=True)
    signer_authority = models.CharField(
        _("signing authority"),
        max_length=60,
        blank=True,
        help_text=_("E.g. “KT. GIÁM ĐỐC” or “TM. ỦY BAN NHÂN DÂN”; empty when the head signs."),
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    award_forms = models.ManyToManyField(
        AwardForm,
        verbose_name=_("award forms"),
        through="CampaignAwardForm",
        related_name="campaigns",
        blank=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="campaign_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(final_review_quarter__gte=1) & Q(final_review_quarter__lte=4),
                name="campaign_final_quarter_range",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date must not be before the start date.")
        if self.issued_day and not self.issued_month:
            errors["issued_month"] = _("Give the month when the day is given.")
        if self.issued_year and self.issued_month and self.issued_day:
            try:
                datetime.date(self.issued_year, self.issued_month, self.issued_day)
            except (ValueError, OverflowError):
                errors["issued_day"] = _("This day does not exist in that month.")
        if (
            self.final_review_year
            and self.start_date
            and self.end_date
            and not self.start_date.year <= self.final_review_year <= self.end_date.year
        ):
            errors["final_review_year"] = _(
                "The final review must fall within the campaign period."
            )
        if errors:
            raise ValidationError(errors)

    # --- derived values ------------------------------------------------------------------------
    @property
    def issued_on(self) -> datetime.date | None:
        if self.issued_day and self.issued_month:
            try:
                return datetime.date(self.issued_year, self.issued_month, self.issued_day)
            except (ValueError, OverflowError):
                return None
        return None

    @property
    def reference_date(self) -> datetime.date:
        """The date the document's names are taken at (the issue date, or its first known day)."""
        return self.issued_on or datetime.date(self.issued_year, self.issued_month or 1, 1)

    @property
    def symbol(self) -> str:
        issuer = self.issuer_abbreviation or self.issuing_organization.abbreviation_on(
            self.reference_date
        )
        number = self.doc_number
        if number.isdigit() and len(number) == 1:
            number = f"0{number}"
        return f"{number}/{self.doc_type_abbreviation}-{issuer}"

    @property
    def place_and_date(self) -> str:
        """“Lạng Sơn, ngày 05 tháng 01 năm 2025”; blanks kept where the plan left them."""
        day = f"{self.issued_day:02d}" if self.issued_day else "\u2003\u2003"
        if self.issued_month:
            month = f"{self.issued_month:02d}" if self.issued_month < 3 else str(self.issued_month)
        else:
            month = "\u2003\u2003"
        return f"{self.place_name}, ngày {day} tháng {month} năm {self.issued_year}"

    @property
    def issuing_body_name(self) -> str:
        return self.issuing_organization.name_on(self.reference_date)

    @property
    def duration_years(self) -> int:
        return self.end_date.year - self.start_date.year + 1

    def review_schedule(self) -> list[tuple[str, int, int | None]]:
        """Each year's sơ kết then the tổng kết: [("annual", 2022, None), …, ("final", 2025, 4)]."""
        schedule: list[tuple[str, int, int | None]] = []
        if self.annual_reviews:
            for year in range(self.start_date.year, self.final_review_year):
                schedule.append(("annual", year, None))
        schedule.append(("final", self.final_review_year, self.final_review_quarter))
        return schedule

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.CLOSED)

    def statements(self, kind: str):
        return [s for s in self.plan_statements.all() if s.kind == kind]


class LegalBasis(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="legal_bases"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("referenced document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citations",
    )
    text = models.TextField(_("text as cited"))

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["campaign", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class PlanStatement(models.Model):
    """One paragraph of a list section of the plan (purposes, requirements, solutions, …)."""

    class Kind(models.TextChoices):
        PURPOSE = "purpose", _("Purpose")
        REQUIREMENT = "requirement", _("Requirement")
        SOLUTION = "solution", _("Solution")
        RESPONSIBILITY = "responsibility", _("Responsibility")
        RECIPIENT = "recipient", _("Recipient")

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="plan_statements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("plan statement")
        verbose_name_plural = _("plan statements")
        ordering = ["campaign", "kind", "order", "pk"]
        indexes = [models.Index(fields=["campaign", "kind", "order"])]

    def __str__(self):
        return self.text[:80]


class ContentItem(models.Model):
    """A numbered content item of the campaign (section II): the work that tasks implement."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="content_items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("content item")
        verbose_name_plural = _("content items")
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"], name="unique_content_item_number"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:70]}"


class SubjectCategory(models.Model):
    """A subject of the campaign (collective, individual, household) and its criteria."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="subject_categories",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    subject_type = models.CharField(_("subject type"), max_length=20, choices=SubjectType.choices)
    label = models.CharField(_("label"), max_length=100)
    description = models.TextField(_("who is concerned"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True)

    class Meta:
        verbose_name = _("subject category")
        verbose_name_plural = _("subject categories")
        ordering = ["campaign", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subject_type"], name="one_category_per_subject_type"
            )
        ]

    def __str__(self):
        return self.label


class CampaignAwardForm(models.Model):
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="campaign_award_forms",
    )
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(
        _("label in the plan"),
        max_length=255,
        blank=True,
        help_text=_("As written in the plan; empty to use the award form's name."),
    )

    class Meta:
        verbose_name = _("award form of the campaign")
        verbose_name_plural = _("award forms of the campaign")
        ordering = ["campaign", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "award_form"], name="unique_award_form_per_campaign"
            )
        ]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self) -> str:
        return self.label or self.award_form.name


# --- Land-clearance work: key projects, tasks, indicators ---------------------------------------


class KeyProject(models.Model):
    """A key project (dự án trọng điểm) whose land the campaign clears."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("followed by"),
        on_delete=models.PROTECT,
        related_name="key_projects",
        help_text=_("The body whose campaigns track this project."),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    investor = models.CharField(_("investor"), max_length=255, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    land_area_ha = models.DecimalField(
        _("land area to recover (ha)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    affected_households = models.PositiveIntegerField(_("affected households"), default=0)
    affected_organizations = models.PositiveIntegerField(_("affected organizations"), default=0)
    compensation_estimate = models.DecimalField(
        _("compensation estimate (billion VND)"),
        max_digits=14,
        decimal_places=3,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    resettlement_lots = models.PositiveIntegerField(_("resettlement lots"), default=0)
    handover_deadline = models.DateField(_("hand-over deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="unique_project_code_per_org"
            )
        ]

    def __str__(self):
        return self.name


class Task(models.Model):
    """A piece of a content item assigned to one responsible unit, measured by indicators."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="tasks"
    )
    # Optional only for campaigns whose content items are not on record (the Hà Nam seed).
    content_item = models.ForeignKey(
        ContentItem,
        verbose_name=_("content item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    unit = models.ForeignKey(
        Organization,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    project = models.ForeignKey(
        KeyProject,
        verbose_name=_("key project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    deadline = models.DateField(_("deadline"))

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["campaign", "content_item__number", "unit__path", "pk"]
        indexes = [models.Index(fields=["campaign", "unit"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("start_date")), name="task_deadline_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.deadline and self.deadline < self.start_date:
            raise ValidationError(
                {"deadline": _("The deadline must not be before the start date.")}
            )
        if (
            self.content_item_id
            and self.campaign_id
            and self.content_item.campaign_id != self.campaign_id
        ):
            raise ValidationError(
                {"content_item": _("This content item belongs to another campaign.")}
            )


class Indicator(models.Model):
    """A measurable target of a task (chỉ tiêu)."""

    class Kind(models.TextChoices):
        CUMULATIVE = "cumulative", _("Cumulative (total to date)")
        PER_PERIOD = "per_period", _("Per period (amount in the period)")

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("indicator"), max_length=255)
    unit_of_measure = models.CharField(
        _("unit of measure"), max_length=30, help_text=_("ha, hộ, hồ sơ, tỷ đồng …")
    )
    target = models.DecimalField(
        _("target"),
        max_digits=16,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("For the whole task; a per-period indicator adds up its periods towards it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CUMULATIVE)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["task", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(target__gte=0), name="indicator_target_not_negative")
        ]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})"


# --- Reporting ----------------------------------------------------------------------------------


class ReportingPeriod(models.Model):
    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="periods"
    )
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("month or quarter"))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    due_date = models.DateField(_("due date"))

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["campaign", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "frequency", "year", "number"], name="unique_period"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="period_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["campaign", "due_date"])]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.frequency == self.Frequency.QUARTERLY:
            roman = {1: "I", 2: "II", 3: "III", 4: "IV"}.get(self.number, self.number)
            return _("Quarter %(q)s/%(y)s") % {"q": roman, "y": self.year}
        return _("Month %(m)s/%(y)s") % {"m": self.number, "y": self.year}

    def contains(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date


class ProgressReport(models.Model):
    """A unit's report for one period. Not started = no row; late is derived from dates."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        Organization, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    general_notes = models.TextField(_("general assessment"), blank=True)
    version = models.PositiveIntegerField(_("submitted versions"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period__start_date", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="one_report_per_unit_period")
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self):
        return f"{self.unit} — {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def submitted_late(self) -> bool:
        if not self.first_submitted_at:
            return False
        return timezone.localdate(self.first_submitted_at) > self.period.due_date


class TaskReport(models.Model):
    """What a unit did on one task in the period."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="task_reports",
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="+"
    )
    done_text = models.TextField(_("work done"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    completed_on = models.DateField(
        _("milestone reached on"),
        null=True,
        blank=True,
        help_text=_("Optional; must fall within the period."),
    )

    class Meta:
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")
        constraints = [
            models.UniqueConstraint(fields=["report", "task"], name="one_task_report_per_report")
        ]

    def __str__(self):
        return str(self.task)


class IndicatorValue(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    below_previous_reason = models.TextField(
        _("reason for a value below the last accepted one"), blank=True
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="one_value_per_indicator_report"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="indicator_value_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "report"])]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class IndicatorState(models.Model):
    """Accepted progress of an indicator as of the end of one reporting period.

    Pre-aggregated (campaign/progress_state.py keeps it in step whenever a report is accepted
    or periods change) so that a dashboard reads one indexed row per indicator for its cut-off
    instead of searching the whole history of values.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="states"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    latest_value = models.DecimalField(
        _("latest accepted value"), max_digits=16, decimal_places=3, null=True
    )
    latest_date = models.DateField(_("end of the period of the latest value"), null=True)
    total = models.DecimalField(
        _("sum of accepted values"), max_digits=20, decimal_places=3, null=True
    )

    class Meta:
        verbose_name = _("indicator state")
        verbose_name_plural = _("indicator states")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="one_state_per_indicator_period"
            )
        ]
        indexes = [models.Index(fields=["period", "indicator"], name="state_period_indicator")]

    def __str__(self):
        return f"{self.indicator_id} @ {self.period_id}"


class ReportVersion(models.Model):
    """A frozen copy of every submitted version, for comparison and audit."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("content"), default=dict)

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_report_version")
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"


def evidence_path(instance, filename):
    return f"evidence/{instance.report.period.campaign_id}/{instance.report_id}/{filename}"


class Evidence(models.Model):
    """A file attached to a report as evidence (stored outside the web root)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="evidence"
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["report", "uploaded_at"]

    def __str__(self):
        return self.original_name


class Obstacle(models.Model):
    """A difficulty (khó khăn, vướng mắc) raised in a report, followed until resolved."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HANDLING = "handling", _("Being handled")
        RESOLVED = "resolved", _("Resolved")
        ESCALATED = "escalated", _("Escalated to the province")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="obstacles"
    )
    unit = models.ForeignKey(
        Organization, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="obstacles"
    )
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("raised in report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obstacles",
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obstacles",
    )
    description = models.TextField(_("difficulty or obstacle"))
    beyond_authority = models.BooleanField(
        _("beyond the unit's authority"),
        default=False,
        help_text=_("Tick when only a higher level can resolve it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution_note = models.TextField(_("resolution"), blank=True)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["campaign", "status", "beyond_authority"])]

    def __str__(self):
        return self.description[:80]


class Reminder(models.Model):
    """A reminder (đôn đốc) sent to a unit for a period; automatic kinds are sent once."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("Before the due date")
        ON_DUE = "on_due", _("On the due date")
        OVERDUE = "overdue", _("After the due date")
        MANUAL = "manual", _("Urged by the department office")

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    unit = models.ForeignKey(
        Organization, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipients = models.PositiveSmallIntegerField(_("people notified"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [
            # An automatic reminder of a kind goes once per unit and period, whatever the retries.
            models.UniqueConstraint(
                fields=["period", "unit", "kind"],
                condition=~Q(kind="manual"),
                name="one_automatic_reminder_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.unit} — {self.period}"


class TableExport(models.Model):
    """A dashboard table too big to write during a request (the 10,000 indicator rows of a
    province): a worker writes the file, the person who asked for it downloads it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being written")
        SUCCEEDED = "succeeded", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel"
        CSV = "csv", "CSV"

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    table = models.CharField(_("table"), max_length=30)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    # The dashboard's filters as they were when asked: the file holds what the page showed.
    params = models.TextField(_("filters"), blank=True)
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to="exports/%Y/", blank=True, max_length=255)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("table export")
        verbose_name_plural = _("table exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        when = timezone.localtime(self.created_at)
        return f"{self.title} ({self.get_format_display()}) — {when:%H:%M %d/%m/%Y}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
