"""Setting up the land-clearance work of a campaign: key projects, tasks and their indicators,
bulk assignment of a task to many units, and reporting periods.

Each verb checks that the actor is the secretariat of the issuing organization, validates what
the forms validated once more (a service may be called without a form), writes in one
transaction and leaves an audit event with the values before and after.
"""

import calendar
import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from units.access import get_access
from units.audit import log_action
from units.models import Organization
from units.text import nfc

from . import progress_state
from .access import EDITOR_ROLES
from .models import (
    Campaign,
    ContentItem,
    Indicator,
    IndicatorValue,
    KeyProject,
    ReportingPeriod,
    Task,
    TaskReport,
)
from .services import _plain, changes, snapshot

TASK_FIELDS = ("content_item", "unit", "project", "title", "description", "start_date", "deadline")
INDICATOR_FIELDS = ("name", "unit_of_measure", "target", "kind")
PROJECT_FIELDS = (
    "organization",
    "code",
    "name",
    "investor",
    "location",
    "land_area_ha",
    "affected_households",
    "affected_organizations",
    "compensation_estimate",
    "resettlement_lots",
    "handover_deadline",
)
DUE_DAYS_MAX = 60


# --- Checks shared by forms and services --------------------------------------------------------


def require_editor(actor, organization: Organization) -> None:
    if not get_access(actor).has_role(organization, EDITOR_ROLES):
        raise PermissionDenied


def ensure_open(campaign: Campaign) -> None:
    if campaign.status == Campaign.Status.CLOSED:
        raise ValidationError(_("A closed campaign can no longer be changed."))


def responsible_units(campaign: Campaign, keep=None):
    """Units a task can be given to: the issuing organization's subtree without the root,
    still in existence today (a dissolved unit already holding the task stays listed)."""
    from django.db.models import Q
    from django.utils import timezone

    org = campaign.issuing_organization
    active = Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=timezone.localdate())
    if keep is not None:
        active |= Q(pk=keep)
    return Organization.objects.subtree_of(org).exclude(pk=org.pk).filter(active)


def has_content_items(campaign: Campaign) -> bool:
    """Whether the plan's content items are on record. When they are, every task implements
    one; when they are not (the Hà Nam seed: only the plan's announcement is known), tasks are
    not tied to a content item rather than to an invented one."""
    return ContentItem.objects.filter(campaign=campaign).exists()


def campaign_projects(campaign: Campaign):
    return KeyProject.objects.filter(organization_id=campaign.issuing_organization_id)


def fmt_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def task_date_errors(campaign: Campaign, start, deadline, *, check_order: bool = True) -> dict:
    """Errors by field name for a task's dates: deadline ≥ start, both within the campaign."""
    errors = {}
    period = {"start": fmt_date(campaign.start_date), "end": fmt_date(campaign.end_date)}
    if start and not campaign.start_date <= start <= campaign.end_date:
        errors["start_date"] = (
            _("The start date must fall within the campaign period (%(start)s – %(end)s).") % period
        )
    if deadline and not campaign.start_date <= deadline <= campaign.end_date:
        errors["deadline"] = (
            _("The deadline must fall within the campaign period (%(start)s – %(end)s).") % period
        )
    if check_order and start and deadline and deadline < start and "deadline" not in errors:
        errors["deadline"] = _("The deadline must not be before the start date.")
    return errors


def reported_indicator_ids(task: Task) -> set[int]:
    """Indicators of `task` that already hold a value in some unit's report."""
    if not task.pk:
        return set()
    return set(
        IndicatorValue.objects.filter(indicator__task=task)
        .values_list("indicator_id", flat=True)
        .distinct()
    )


def task_has_reports(task: Task) -> bool:
    return (
        IndicatorValue.objects.filter(indicator__task=task).exists()
        or TaskReport.objects.filter(task=task).exists()
    )


def same_title(a: str, b: str) -> bool:
    """Titles compared as a person would: NFC, case and spacing ignored."""

    def key(text):
        return " ".join(nfc(text or "").split()).casefold()

    return key(a) == key(b)


def _check_task_template(campaign: Campaign, data: dict, indicators: list[dict]) -> None:
    errors = task_date_errors(campaign, data.get("start_date"), data.get("deadline"))
    item = data.get("content_item")
    if item is None:
        if has_content_items(campaign):
            errors["content_item"] = _("Choose a content item of this campaign.")
    elif item.campaign_id != campaign.pk:
        errors["content_item"] = _("Choose a content item of this campaign.")
    project = data.get("project")
    if project is not None and project.organization_id != campaign.issuing_organization_id:
        errors["project"] = _("This key project is not followed by the issuing organization.")
    if not (data.get("title") or "").strip():
        errors["title"] = _("Enter the task.")
    if not indicators:
        errors["indicators"] = _("Enter at least one indicator for the task.")
    for row in indicators:
        if not (row.get("name") or "").strip() or not (row.get("unit_of_measure") or "").strip():
            errors["indicators"] = _("Each indicator needs a name and a unit of measure.")
        target = row.get("target")
        if target is None or Decimal(target) < 0:
            errors["indicators"] = _("The target must be a number ≥ 0.")
    if errors:
        raise ValidationError(errors)


def _describe_task(task: Task, indicators=None) -> dict:
    data = snapshot(task, TASK_FIELDS)
    rows = indicators if indicators is not None else task.indicators.order_by("order", "pk")
    data["indicators"] = [
        {"id": i.pk, **{name: _plain(getattr(i, name)) for name in INDICATOR_FIELDS}} for i in rows
    ]
    return data


# --- Key projects -------------------------------------------------------------------------------


def save_project(actor, form) -> KeyProject:
    """Creates or updates the project of a validated form (`form.instance.organization` set)."""
    project = form.instance
    require_editor(actor, project.organization)
    creating = project.pk is None
    before = {} if creating else snapshot(KeyProject.objects.get(pk=project.pk), PROJECT_FIELDS)
    try:
        with transaction.atomic():
            project = form.save()
            after = snapshot(project, PROJECT_FIELDS)
            if creating:
                log_action(
                    "campaign.project.created",
                    actor,
                    project,
                    {"after": after},
                    organization=project.organization,
                )
            else:
                diff = changes(before, after)
                if diff:
                    log_action(
                        "campaign.project.updated",
                        actor,
                        project,
                        {"changes": diff},
                        organization=project.organization,
                    )
    except IntegrityError as exc:
        # Two people saving the same code at once: the constraint decides, the form explains.
        raise ValidationError(
            {"code": _("Another key project of this organization already uses this code.")}
        ) from exc
    return project


# --- Tasks --------------------------------------------------------------------------------------


def save_task(actor, campaign: Campaign, form, formset) -> Task:
    """Saves a validated task form and its indicator formset; returns the task."""
    require_editor(actor, campaign.issuing_organization)
    with transaction.atomic():
        # Closing the campaign and editing its tasks must not interleave.
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        ensure_open(locked)
        task = form.instance
        creating = task.pk is None
        before = None if creating else _describe_task(Task.objects.get(pk=task.pk))
        unit_changed = not creating and before["unit"] != _plain(form.cleaned_data["unit"])
        if unit_changed and task_has_reports(task):
            raise ValidationError(
                {
                    "unit": _(
                        "The responsible unit cannot be changed: the unit has already "
                        "reported on this task."
                    )
                }
            )
        kept = formset.kept_rows()
        _check_task_template(
            campaign,
            form.cleaned_data,
            [row.cleaned_data for row in kept],
        )
        task = form.save(commit=False)
        task.campaign = campaign
        task.save()
        formset.instance = task
        for position, row in enumerate(kept, start=1):
            row.instance.order = position
        formset.save()
        # A changed target, deadline or indicator changes the dashboards' figures.
        progress_state.bump_version(campaign.pk)
        after = _describe_task(task)
        if creating:
            log_action(
                "campaign.task.created",
                actor,
                task,
                {"after": after},
                organization=campaign.issuing_organization,
            )
        elif before != after:
            log_action(
                "campaign.task.updated",
                actor,
                task,
                {"before": before, "after": after},
                organization=campaign.issuing_organization,
            )
    return task


def delete_task(actor, campaign: Campaign, task: Task) -> None:
    """Deletes a task nobody has reported on; a reported task is kept (its history matters)."""
    require_editor(actor, campaign.issuing_organization)
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        ensure_open(locked)
        task = Task.objects.select_for_update().get(pk=task.pk, campaign=campaign)
        if task_has_reports(task):
            raise ValidationError(
                _(
                    "This task cannot be deleted: units have already reported on it. "
                    "Change its deadline or indicators instead."
                )
            )
        log_action(
            "campaign.task.deleted",
            actor,
            task,
            {"before": _describe_task(task)},
            organization=campaign.issuing_organization,
        )
        task.delete()
        progress_state.bump_version(campaign.pk)


def bulk_assign(
    actor, campaign: Campaign, template_data: dict, indicators: list[dict], units
) -> tuple[list[Task], list[Organization]]:
    """Gives one copy of a task template (with its indicators) to each unit.

    A unit that already has a task with the same title under the same content item (or, in a
    campaign without content items, without one) is skipped. Returns (tasks created, units
    skipped).
    """
    require_editor(actor, campaign.issuing_organization)
    units = list(units)
    if not units:
        raise ValidationError({"units": _("Choose at least one unit.")})
    _check_task_template(campaign, template_data, indicators)
    allowed = set(responsible_units(campaign).values_list("pk", flat=True))
    if any(unit.pk not in allowed for unit in units):
        raise ValidationError(
            {"units": _("Tasks can only be given to units under the issuing organization.")}
        )
    title = " ".join(nfc(template_data["title"]).split())
    item = template_data.get("content_item")  # None: the plan has no content items
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        ensure_open(locked)
        # content_item=None matches the tasks without one (IS NULL).
        existing = Task.objects.filter(
            campaign=campaign, content_item=item, unit__in=units
        ).values_list("unit_id", "title")
        taken = {unit_id for unit_id, other in existing if same_title(other, title)}
        skipped = [unit for unit in units if unit.pk in taken]
        chosen = [unit for unit in units if unit.pk not in taken]
        tasks = Task.objects.bulk_create(
            [
                Task(
                    campaign=campaign,
                    content_item=item,
                    unit=unit,
                    project=template_data.get("project"),
                    title=title,
                    description=nfc(template_data.get("description") or ""),
                    start_date=template_data["start_date"],
                    deadline=template_data["deadline"],
                )
                for unit in chosen
            ]
        )
        Indicator.objects.bulk_create(
            [
                Indicator(
                    task=task,
                    order=position,
                    name=nfc(row["name"]).strip(),
                    unit_of_measure=nfc(row["unit_of_measure"]).strip(),
                    target=row["target"],
                    kind=row.get("kind") or Indicator.Kind.CUMULATIVE,
                )
                for task in tasks
                for position, row in enumerate(indicators, start=1)
            ]
        )
        progress_state.bump_version(campaign.pk)
        log_action(
            "campaign.task.bulk_assigned",
            actor,
            campaign,
            {
                "title": title,
                "content_item": _plain(item),
                "project": _plain(template_data.get("project")),
                "start_date": _plain(template_data["start_date"]),
                "deadline": _plain(template_data["deadline"]),
                "indicators": [
                    {name: _plain(row.get(name)) for name in INDICATOR_FIELDS} for row in indicators
                ],
                "unit_ids": [unit.pk for unit in chosen],
                "count": len(tasks),
                "task_ids": [task.pk for task in tasks],
                "skipped_unit_ids": [unit.pk for unit in skipped],
            },
            organization=campaign.issuing_organization,
        )
    return tasks, skipped


# --- Reporting periods --------------------------------------------------------------------------


def period_bounds(
    campaign: Campaign, frequency: str
) -> list[tuple[int, int, datetime.date, datetime.date]]:
    """(year, number, first day, last day) of every period covering the campaign. The first
    period starts on the campaign's first day, the last ends on its last day."""
    months = 3 if frequency == ReportingPeriod.Frequency.QUARTERLY else 1
    bounds = []
    year, month = campaign.start_date.year, campaign.start_date.month
    month -= (month - 1) % months  # first month of the quarter
    while datetime.date(year, month, 1) <= campaign.end_date:
        last_month = month + months - 1
        start = datetime.date(year, month, 1)
        end = datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
        number = month if months == 1 else (month - 1) // 3 + 1
        bounds.append((year, number, max(start, campaign.start_date), min(end, campaign.end_date)))
        month += months
        if month > 12:
            year, month = year + 1, month - 12
    return bounds


def generate_periods(actor, campaign: Campaign, frequency: str, due_days: int) -> int:
    """Creates every missing period of the campaign; existing ones are kept as they are.
    Returns how many were created."""
    require_editor(actor, campaign.issuing_organization)
    if frequency not in ReportingPeriod.Frequency.values:
        raise ValidationError({"frequency": _("Choose monthly or quarterly.")})
    if not isinstance(due_days, int) or not 0 <= due_days <= DUE_DAYS_MAX:
        raise ValidationError(
            {
                "due_days": _("Enter a whole number of days from 0 to %(max)d.")
                % {"max": DUE_DAYS_MAX}
            }
        )
    with transaction.atomic():
        # Two clicks on "generate" at once would both see no period: the lock serializes them.
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        ensure_open(locked)
        existing = ReportingPeriod.objects.filter(campaign=locked)
        other = existing.exclude(frequency=frequency).values_list("frequency", flat=True).first()
        if other == ReportingPeriod.Frequency.MONTHLY:
            raise ValidationError(
                _("This campaign already has monthly periods: quarterly ones cannot be added.")
            )
        if other == ReportingPeriod.Frequency.QUARTERLY:
            raise ValidationError(
                _("This campaign already has quarterly periods: monthly ones cannot be added.")
            )
        have = set(existing.values_list("year", "number"))
        due = datetime.timedelta(days=due_days)
        new = [
            ReportingPeriod(
                campaign=locked,
                frequency=frequency,
                year=year,
                number=number,
                start_date=start,
                end_date=end,
                due_date=end + due,
            )
            for year, number, start, end in period_bounds(locked, frequency)
            if (year, number) not in have
        ]
        if not new:
            return 0
        ReportingPeriod.objects.bulk_create(new)
        # New periods need their (carried forward) progress rows.
        progress_state.refresh_campaign(locked.pk)
        log_action(
            "campaign.periods.generated",
            actor,
            locked,
            {
                "frequency": frequency,
                "due_days": due_days,
                "created": len(new),
                "periods": [
                    [p.year, p.number, _plain(p.start_date), _plain(p.end_date), _plain(p.due_date)]
                    for p in new
                ],
            },
            organization=locked.issuing_organization,
        )
    return len(new)


def set_period_due_date(
    actor, campaign: Campaign, period: ReportingPeriod, due_date: datetime.date
) -> ReportingPeriod:
    require_editor(actor, campaign.issuing_organization)
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        ensure_open(locked)
        period = ReportingPeriod.objects.select_for_update().get(pk=period.pk, campaign=locked)
        if due_date < period.end_date:
            raise ValidationError(
                {
                    "due_date": _(
                        "The due date must not be before the last day of the period (%(end)s)."
                    )
                    % {"end": fmt_date(period.end_date)}
                }
            )
        before = period.due_date
        if before != due_date:
            period.due_date = due_date
            period.save(update_fields=["due_date"])
            log_action(
                "campaign.period.updated",
                actor,
                period,
                {"due_date": [_plain(before), _plain(due_date)]},
                organization=locked.issuing_organization,
            )
    return period
