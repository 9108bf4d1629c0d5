import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    PROVINCE = "province", _("Provincial People's Committee")
    DEPARTMENT = "department", _("Department / board / sector")
    DIVISION = "division", _("Division / affiliated unit")
    COMMUNE = "commune", _("Commune / ward")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    UNIT_STAFF = "unit_staff", _("Unit staff")
    UNIT_HEAD = "unit_head", _("Unit head")
    SECRETARIAT = "secretariat", _("Department office (council standing body)")
    COUNCIL_MEMBER = "council_member", _("Emulation and Reward Council member")
    COUNCIL_CHAIR = "council_chair", _("Council chair")
    ADMINISTRATOR = "administrator", _("System administrator")


class OrganizationQuerySet(models.QuerySet):
    def subtree_of(self, org: "Organization"):
        return self.filter(path__startswith=org.path)

    def active_on(self, day: datetime.date):
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day))


class Organization(models.Model):
    """A node of the administrative tree: province, department, division, commune.

    `path` is a materialized path ("0001/0007/") so a subtree is one indexed prefix query.
    The current name is kept here; `names` holds the history used for dated documents.
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("current name"), max_length=255)
    abbreviation = models.CharField(
        _("abbreviation for document symbols"),
        max_length=20,
        help_text=_("Used in document symbols, e.g. STNMT in 05/BC-STNMT."),
    )
    place_name = models.CharField(
        _("place name on documents"),
        max_length=100,
        blank=True,
        help_text=_("Printed before the date, e.g. “Lạng Sơn, ngày …”."),
    )
    succeeded_by = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    dissolved_on = models.DateField(_("dissolved or merged on"), null=True, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(succeeded_by=models.F("pk")), name="organization_not_own_successor"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        super().save(*args, **kwargs)
        prefix = self.parent.path if self.parent_id else ""
        new_path = f"{prefix}{self.pk:06d}/"
        if new_path != old_path:
            type(self).objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            # Keep descendants consistent when a unit moves in the tree.
            if old_path:
                for child in self.children.all():
                    child.save(update_fields=["path"])

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An organization cannot be inside itself.")})
            ancestor = ancestor.parent

    # --- tree ---------------------------------------------------------------------------------
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def is_within(self, other: "Organization") -> bool:
        return self.path.startswith(other.path)

    # --- names ---------------------------------------------------------------------------------
    def name_record_on(self, day: datetime.date | None) -> "OrganizationName | None":
        day = day or timezone.localdate()
        records = sorted(self.names.all(), key=lambda r: r.valid_from)
        for record in reversed(records):
            if record.valid_from <= day and (record.valid_to is None or day <= record.valid_to):
                return record
        return None

    def name_on(self, day: datetime.date | None) -> str:
        record = self.name_record_on(day)
        return record.name if record else self.name

    def abbreviation_on(self, day: datetime.date | None) -> str:
        record = self.name_record_on(day)
        return record.abbreviation if record and record.abbreviation else self.abbreviation

    def successor_on(self, day: datetime.date) -> "Organization":
        """The body that holds this organization's duties on `day` (follows mergers)."""
        org, seen = self, set()
        while org.succeeded_by_id and org.dissolved_on and org.dissolved_on <= day:
            if org.pk in seen:
                break
            seen.add(org.pk)
            org = org.succeeded_by
        return org


class OrganizationName(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="names"
    )
    name = models.CharField(_("name"), max_length=255)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("organization name")
        verbose_name_plural = _("name history")
        ordering = ["organization", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "valid_from"], name="one_name_per_org_and_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="name_valid_to_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.valid_from:%d/%m/%Y})"

    def clean(self):
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date is before the start date.")})
        if not self.organization_id:
            return
        overlapping = OrganizationName.objects.filter(organization_id=self.organization_id).exclude(
            pk=self.pk
        )
        for other in overlapping:
            other_end = other.valid_to or datetime.date.max
            this_end = self.valid_to or datetime.date.max
            if other.valid_from <= this_end and self.valid_from <= other_end:
                raise ValidationError(
                    _("This period overlaps the name “%(name)s”.") % {"name": other.name}
                )


class Person(models.Model):
    class Sex(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["organization__path", "full_name"]

    def __str__(self):
        return self.full_name


class Membership(models.Model):
    """A role a login holds in one organization; it covers that organization's subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="unique_role_per_user_org"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organization}"


class AuditEvent(models.Model):
    """Who did what to which object, with values before and after."""

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=40, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"

    @property
    def label(self) -> str:
        from .audit import action_label

        return action_label(self.action)


class Notification(models.Model):
    """An in-app message to one user (reminders, returned reports …)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.title


class OutboxEmail(models.Model):
    """An e-mail written in the same transaction as the change it reports (units/outbox.py).

    The row is the promise: once the transaction commits, a worker delivers it and sets
    `sent_at`; a crash before that leaves it pending for the sweep. A failing mail server is
    retried with a growing wait, then the mail is given up with its last error kept.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Given up")

    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("message"))
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("What the e-mail is about, e.g. campaign.reminder:42."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
        ]

    def __str__(self):
        return self.subject
