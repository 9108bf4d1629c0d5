"""Reminders (đôn đốc): which units must be reminded today, sending each reminder once, and
urging units on demand from the secretariat's submission status page.

Automatic reminders follow the settings (the Celery beat job runs once a day):

- ``REMINDER_KINDS``: the automatic kinds in use (default: before, on and after the due date);
- ``REMINDER_DAYS_BEFORE``: N, the "before the due date" reminder goes on due date − N days
  (an int or a list of ints; 0 or empty turns it off);
- ``REMINDER_OVERDUE_DAYS``: the days after the due date on which the overdue reminder goes.

The database allows one row per (period, unit, kind) for the automatic kinds, so a kind goes
once: a second run, a retried job or a second worker hits the unique constraint and sends
nothing. The overdue reminder therefore goes on the first matching day the job runs.
"""

import datetime
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from units.access import UNIT_ROLES, get_access
from units.audit import log_action
from units.models import Membership, Organization
from units.notifications import notify
from units.outbox import queue_email
from units.text import display_name

from .access import EDITOR_ROLES
from .models import Campaign, ProgressReport, Reminder, ReportingPeriod, Task
from .reporting import UnitStatus, status_label, unit_status

logger = logging.getLogger(__name__)

Kind = Reminder.Kind
AUTOMATIC_KINDS = (Kind.BEFORE_DUE, Kind.ON_DUE, Kind.OVERDUE)
# A unit has not submitted when it has no report, a draft, or a report returned for correction.
NOT_SUBMITTED = frozenset({None, ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED})
EMAIL_LANGUAGE = "vi"


# --- The schedule -------------------------------------------------------------------------------


def _days(value) -> tuple[int, ...]:
    """Positive day counts from a setting given as an int or a list of ints."""
    if value is None or value == "" or value is False:
        return ()
    values = (value,) if isinstance(value, int) else tuple(value)
    return tuple(sorted({int(v) for v in values if int(v) > 0}))


def schedule() -> dict[str, tuple[int, ...]]:
    """Each automatic kind in use with its offsets from the due date (negative: before it)."""
    kinds = set(getattr(settings, "REMINDER_KINDS", AUTOMATIC_KINDS))
    result: dict[str, tuple[int, ...]] = {}
    before = _days(getattr(settings, "REMINDER_DAYS_BEFORE", 3))
    if Kind.BEFORE_DUE in kinds and before:
        result[Kind.BEFORE_DUE] = tuple(-days for days in before)
    if Kind.ON_DUE in kinds:
        result[Kind.ON_DUE] = (0,)
    overdue = _days(getattr(settings, "REMINDER_OVERDUE_DAYS", (1, 7)))
    if Kind.OVERDUE in kinds and overdue:
        result[Kind.OVERDUE] = overdue
    return result


def kind_for(due_date: datetime.date, today: datetime.date, plan=None) -> str | None:
    """The automatic reminder that applies today to a period due on `due_date`, if any."""
    offset = (today - due_date).days
    for kind, offsets in (plan if plan is not None else schedule()).items():
        if offset in offsets:
            return kind
    return None


# --- Who has not submitted ----------------------------------------------------------------------


@dataclass(frozen=True)
class DueReminder:
    period: ReportingPeriod
    unit: Organization
    kind: str


def _units_not_submitted(
    periods: list[ReportingPeriod], today: datetime.date
) -> list[tuple[ReportingPeriod, Organization]]:
    """(period, unit) for every unit with tasks in the period's campaign that has not submitted.

    Three queries whatever the number of periods and units: task units, units, report statuses.
    Dissolved units are left out: nobody answers for them any more.
    """
    if not periods:
        return []
    campaign_ids = {p.campaign_id for p in periods}
    units_by_campaign: dict[int, set[int]] = defaultdict(set)
    for campaign_id, unit_id in (
        Task.objects.filter(campaign_id__in=campaign_ids)
        .values_list("campaign_id", "unit_id")
        .distinct()
    ):
        units_by_campaign[campaign_id].add(unit_id)
    unit_ids = set().union(*units_by_campaign.values()) if units_by_campaign else set()
    if not unit_ids:
        return []
    units = Organization.objects.active_on(today).in_bulk(unit_ids)
    statuses = {
        (period_id, unit_id): status
        for period_id, unit_id, status in ProgressReport.objects.filter(
            period__in=[p.pk for p in periods], unit_id__in=unit_ids
        ).values_list("period_id", "unit_id", "status")
    }
    pending = []
    for period in periods:
        campaign_units = sorted(
            (units[uid] for uid in units_by_campaign[period.campaign_id] if uid in units),
            key=lambda unit: unit.path,
        )
        for unit in campaign_units:
            if statuses.get((period.pk, unit.pk)) in NOT_SUBMITTED:
                pending.append((period, unit))
    return pending


def due_reminders(today: datetime.date | None = None) -> list[DueReminder]:
    """The automatic reminders to send today and not sent yet (about six queries in all)."""
    today = today or timezone.localdate()
    plan = schedule()
    due_dates = {today - datetime.timedelta(days=o) for offsets in plan.values() for o in offsets}
    if not due_dates:
        return []
    periods = list(
        ReportingPeriod.objects.filter(
            campaign__status=Campaign.Status.PUBLISHED, due_date__in=due_dates
        )
        .select_related("campaign__issuing_organization")
        .order_by("due_date", "campaign_id", "start_date")
    )
    if not periods:
        return []
    already_sent = set(
        Reminder.objects.filter(
            period__in=[p.pk for p in periods], kind__in=list(plan)
        ).values_list("period_id", "unit_id", "kind")
    )
    result = []
    for period, unit in _units_not_submitted(periods, today):
        kind = kind_for(period.due_date, today, plan)
        if kind and (period.pk, unit.pk, kind) not in already_sent:
            result.append(DueReminder(period=period, unit=unit, kind=kind))
    return result


# --- Recipients and messages --------------------------------------------------------------------


def unit_recipients(unit_ids) -> dict[int, list]:
    """Active users holding a unit role (staff, head) in each unit itself — one query."""
    result: dict[int, list] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    memberships = (
        Membership.objects.filter(
            organization_id__in=list(unit_ids), role__in=list(UNIT_ROLES), user__is_active=True
        )
        .select_related("user__person")
        .order_by("organization_id", "user__username")
    )
    for membership in memberships:
        key = (membership.organization_id, membership.user_id)
        if key not in seen:
            seen.add(key)
            result[membership.organization_id].append(membership.user)
    return result


def _email_address(user) -> str:
    if user.email:
        return user.email
    try:
        return user.person.email
    except ObjectDoesNotExist:
        return ""


def _display_name(user) -> str:
    """The person's name in Vietnamese order ("Nguyễn Văn An"), else the login's."""
    try:
        if user.person.full_name:
            return user.person.full_name
    except ObjectDoesNotExist:
        pass
    return display_name(user)


def report_path(period_id: int, unit_id: int) -> str:
    """Where the unit fills the period's report (the home page until that screen exists)."""
    try:
        return reverse("report_edit", kwargs={"period_pk": period_id, "unit_pk": unit_id})
    except NoReverseMatch:
        return "/"


def _lead(kind: str, period: ReportingPeriod, unit: Organization) -> str:
    """The sentence that says why the unit is reminded (in the active language)."""
    values = {
        "unit": unit.name,
        "period": period.label,
        "campaign": period.campaign.name,
        "due": period.due_date.strftime("%d/%m/%Y"),
    }
    if kind == Kind.BEFORE_DUE:
        text = _(
            "The progress report of %(unit)s for %(period)s of the campaign “%(campaign)s” is "
            "due on %(due)s."
        )
    elif kind == Kind.ON_DUE:
        text = _(
            "Today, %(due)s, is the due date of the progress report of %(unit)s for %(period)s "
            "of the campaign “%(campaign)s”."
        )
    elif kind == Kind.OVERDUE:
        text = _(
            "The progress report of %(unit)s for %(period)s of the campaign “%(campaign)s” was "
            "due on %(due)s and has not been submitted yet."
        )
    else:
        text = _(
            "The department office asks %(unit)s to submit its progress report for %(period)s "
            "of the campaign “%(campaign)s” (due on %(due)s) without delay."
        )
    return text % values


@dataclass
class Message:
    title: str
    lead: str
    path: str
    emails: list[EmailMessage]


def _compose(kind: str, period: ReportingPeriod, unit: Organization, users) -> Message:
    """Subject, text and e-mails, rendered in Vietnamese whatever the request's language."""
    path = report_path(period.pk, unit.pk)
    link = settings.SITE_URL.rstrip("/") + path
    with translation.override(EMAIL_LANGUAGE):
        context = {
            "kind": kind,
            "period": period,
            "period_label": str(period.label),
            "campaign": period.campaign,
            "unit": unit,
            "due": period.due_date,
            "link": link,
            "lead": _lead(kind, period, unit),
        }
        subject = render_to_string("campaign/reminders/email_subject.txt", context)
        subject = " ".join(subject.split())
        emails = []
        for user in users:
            address = _email_address(user)
            if not address:
                continue
            body = render_to_string(
                "campaign/reminders/email_body.txt",
                {**context, "recipient_name": _display_name(user)},
            )
            emails.append(EmailMessage(subject=subject, body=body, to=[address]))
    return Message(title=subject, lead=context["lead"], path=path, emails=emails)


def _deliver(
    period: ReportingPeriod, unit: Organization, kind: str, users, actor=None
) -> Reminder | None:
    """Records the reminder, notifies the unit's people and writes the e-mails to the outbox,
    all in one transaction: the e-mails leave after the commit, and a crash right after it
    loses none (the outbox sweep sends them; a mail server failure is retried there).

    Returns None when the row exists already (another run or worker sent this kind).
    """
    with transaction.atomic():
        try:
            # Its own savepoint: a duplicate fails alone and the batch goes on.
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    period=period,
                    unit=unit,
                    kind=kind,
                    sent_by=actor,
                    sent_at=timezone.now(),
                    recipients=len(users),
                )
        except IntegrityError:
            logger.info("Reminder %s for %s / %s already sent.", kind, unit.pk, period.pk)
            return None
        message = _compose(kind, period, unit, users)
        notify(users, message.title, message.lead, message.path)
        log_action(
            "campaign.reminder.urged" if kind == Kind.MANUAL else "campaign.reminder.sent",
            actor,
            reminder,
            {
                "kind": kind,
                "period": period.pk,
                "unit": unit.pk,
                "recipients": [u.username for u in users],
                "emails": len(message.emails),
            },
            organization=unit,
        )
        # Nothing leaves the building if the transaction rolls back.
        for email in message.emails:
            queue_email(
                email.to, email.subject, email.body, reference=f"campaign.reminder:{reminder.pk}"
            )
    return reminder


def send_reminders(today: datetime.date | None = None) -> list[Reminder]:
    """Sends today's automatic reminders; safe to run again (what was sent is not resent)."""
    today = today or timezone.localdate()
    due = due_reminders(today)
    if not due:
        return []
    recipients = unit_recipients({item.unit.pk for item in due})
    sent = []
    for item in due:
        reminder = _deliver(item.period, item.unit, item.kind, recipients.get(item.unit.pk, []))
        if reminder is not None:
            sent.append(reminder)
    logger.info("Reminders for %s: %d sent.", today.isoformat(), len(sent))
    return sent


# --- Urging on demand ---------------------------------------------------------------------------


def can_urge(actor, campaign: Campaign) -> bool:
    """Only the secretariat of the campaign's issuing organization urges units."""
    return get_access(actor).has_role(campaign.issuing_organization, EDITOR_ROLES)


def _check_urge(actor, period: ReportingPeriod) -> None:
    if not can_urge(actor, period.campaign):
        raise PermissionDenied
    if period.campaign.status != Campaign.Status.PUBLISHED:
        raise ValidationError(_("Reminders are sent only for a published campaign."))


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _urged_on(period: ReportingPeriod, unit_ids, day: datetime.date) -> set[int]:
    return set(
        Reminder.objects.filter(
            period=period,
            unit_id__in=list(unit_ids),
            kind=Kind.MANUAL,
            sent_at__gte=_start_of(day),
        ).values_list("unit_id", flat=True)
    )


def urge_unit(actor, period: ReportingPeriod, unit: Organization) -> Reminder:
    """Urges one unit that has not submitted (e-mail and notification to its people)."""
    _check_urge(actor, period)
    today = timezone.localdate()
    if not Task.objects.filter(campaign_id=period.campaign_id, unit=unit).exists():
        raise ValidationError(_("This unit has no task in the campaign."))
    status = (
        ProgressReport.objects.filter(period=period, unit=unit)
        .values_list("status", flat=True)
        .first()
    )
    if status not in NOT_SUBMITTED:
        raise ValidationError(
            _("%(unit)s has already submitted its report for this period.") % {"unit": unit.name}
        )
    users = unit_recipients([unit.pk]).get(unit.pk, [])
    if not users:
        raise ValidationError(
            _("Nobody in %(unit)s has a portal account to remind.") % {"unit": unit.name}
        )
    with transaction.atomic():
        # Two clicks at once: the period row lock lets one through; the other sees its reminder.
        ReportingPeriod.objects.select_for_update().filter(pk=period.pk).first()
        if _urged_on(period, [unit.pk], today):
            raise ValidationError(
                _("%(unit)s was already urged today for this period.") % {"unit": unit.name}
            )
        return _deliver(period, unit, Kind.MANUAL, users, actor=actor)


@dataclass
class UrgeResult:
    sent: list[Reminder]
    already_urged: list[Organization]
    nobody_to_remind: list[Organization]


def urge_late_units(actor, period: ReportingPeriod) -> UrgeResult:
    """Urges, in one click, every unit that has not submitted the period's report (before the
    due date: not yet submitted; after it: late). Units urged earlier today are skipped."""
    _check_urge(actor, period)
    today = timezone.localdate()
    units = [unit for _period, unit in _units_not_submitted([period], today)]
    recipients = unit_recipients([u.pk for u in units])
    result = UrgeResult(sent=[], already_urged=[], nobody_to_remind=[])
    with transaction.atomic():
        ReportingPeriod.objects.select_for_update().filter(pk=period.pk).first()
        urged = _urged_on(period, [u.pk for u in units], today)
        for unit in units:
            if unit.pk in urged:
                result.already_urged.append(unit)
            elif not recipients.get(unit.pk):
                result.nobody_to_remind.append(unit)
            else:
                reminder = _deliver(period, unit, Kind.MANUAL, recipients[unit.pk], actor=actor)
                if reminder is not None:
                    result.sent.append(reminder)
    return result


# --- The secretariat's submission status page ---------------------------------------------------


@dataclass
class StatusRow:
    unit: Organization
    report: ProgressReport | None
    status: str
    label: str
    last_reminder: Reminder | None
    report_url: str

    @property
    def can_be_urged(self) -> bool:
        return (self.report.status if self.report else None) in NOT_SUBMITTED


def default_period(periods: list[ReportingPeriod], today: datetime.date):
    """The latest period whose due date has passed, else the first one."""
    passed = [p for p in periods if p.due_date < today]
    if passed:
        return max(passed, key=lambda p: (p.due_date, p.start_date))
    return periods[0] if periods else None


def submission_rows(period: ReportingPeriod, today: datetime.date | None = None):
    """Every unit with tasks in the campaign, its status, and the last reminder it got.

    Three queries whatever the number of units: units, reports, reminders of the period.
    """
    today = today or timezone.localdate()
    units = list(
        Organization.objects.filter(
            pk__in=Task.objects.filter(campaign_id=period.campaign_id).values("unit_id")
        ).order_by("path")
    )
    reports = {}
    for report in ProgressReport.objects.filter(period=period):
        report.period = period  # submitted_late reads the due date without another query
        reports[report.unit_id] = report
    last_reminders: dict[int, Reminder] = {}
    for reminder in Reminder.objects.filter(period=period).order_by("unit_id", "-sent_at", "-pk"):
        last_reminders.setdefault(reminder.unit_id, reminder)
    rows = []
    for unit in units:
        report = reports.get(unit.pk)
        status = unit_status(period, report, today)
        rows.append(
            StatusRow(
                unit=unit,
                report=report,
                status=status,
                label=status_label(status),
                last_reminder=last_reminders.get(unit.pk),
                report_url=report_path(period.pk, unit.pk),
            )
        )
    return rows


STATUS_ORDER = (
    UnitStatus.NOT_STARTED,
    UnitStatus.DRAFT,
    UnitStatus.LATE,
    UnitStatus.RETURNED,
    UnitStatus.SUBMITTED,
    UnitStatus.ACCEPTED,
)


def status_counts(rows: list[StatusRow]) -> list[tuple[str, str, int]]:
    counts = Counter(row.status for row in rows)
    return [(status, status_label(status), counts.get(status, 0)) for status in STATUS_ORDER]
