"""Nominations by units: drafting, the achievement report, attachments and submission.

Unit staff draft for their own unit (and the sub-units and people under it); only the unit
head submits. Every step checks the actor's role, validates, writes in one transaction and
leaves an audit event.
"""

import datetime
import hashlib
import unicodedata
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign import metrics
from campaign.evidence import check_upload, safe_filename
from campaign.models import Campaign, CampaignAwardForm, Indicator, SubjectCategory, SubjectType
from units.access import UNIT_ROLES, get_access
from units.audit import log_action
from units.models import Organization, Person, Role
from units.text import fold, nfc, vn_number

from .models import AwardRecord, Nomination, NominationAttachment

# The fields of a nomination a unit fills, in the order of the form (and of the audit diff).
BASIC_FIELDS = (
    "campaign",
    "award_form",
    "subject_type",
    "nominee_organization",
    "nominee_person",
    "household_head",
    "household_address",
    "household_commune",
    "household_contribution",
)
REPORT_FIELDS = ("summary", "achievements", "measures", "prior_awards_note", "criteria_met")


# --- What a unit may choose ---------------------------------------------------------------------


def can_draft(actor, unit: Organization) -> bool:
    return get_access(actor).has_role(unit, UNIT_ROLES)


def can_submit(actor, unit: Organization) -> bool:
    return get_access(actor).has_role(unit, [Role.UNIT_HEAD])


def campaigns_for_unit(unit: Organization):
    """Published campaigns of the bodies above the unit (a unit nominates in its own tree)."""
    return (
        Campaign.objects.filter(
            status=Campaign.Status.PUBLISHED, issuing_organization_id__in=unit.ancestor_ids()
        )
        .select_related("issuing_organization")
        .order_by("-start_date", "pk")
    )


def campaign_award_forms(campaign_ids):
    return (
        CampaignAwardForm.objects.filter(campaign_id__in=list(campaign_ids))
        .select_related("award_form", "campaign")
        .order_by("campaign_id", "order", "pk")
    )


def nominee_units(unit: Organization):
    """Collectives a unit may nominate: itself and the units under it."""
    return Organization.objects.filter(path__startswith=unit.path).order_by("path")


def nominee_people(unit: Organization):
    return (
        Person.objects.filter(organization__path__startswith=unit.path)
        .select_related("organization")
        .order_by("organization__path", "full_name")
    )


def criteria_guidance(campaign_id, subject_type: str) -> SubjectCategory | None:
    return SubjectCategory.objects.filter(
        campaign_id=campaign_id, subject_type=subject_type
    ).first()


# --- Validation ---------------------------------------------------------------------------------


def validate(unit: Organization, data: dict) -> dict:
    """Checks a nomination's basic choices for `unit`; returns errors by field (empty: fine)."""
    errors: dict[str, str] = {}
    campaign = data.get("campaign")
    award_form = data.get("award_form")
    subject_type = data.get("subject_type")
    if campaign is None or not campaigns_for_unit(unit).filter(pk=campaign.pk).exists():
        errors["campaign"] = _("Choose a published campaign of your organization.")
        return errors
    if (
        award_form is None
        or not CampaignAwardForm.objects.filter(campaign=campaign, award_form=award_form).exists()
    ):
        errors["award_form"] = _("Choose one of the award forms of this campaign.")
    elif subject_type not in SubjectType.values:
        errors["subject_type"] = _("Choose the subject type.")
    elif not award_form.allows(subject_type):
        errors["subject_type"] = _(
            "The award form “%(form)s” cannot be given to a %(subject)s."
        ) % {"form": award_form.name, "subject": SubjectType(subject_type).label.lower()}
    if subject_type == SubjectType.COLLECTIVE:
        org = data.get("nominee_organization")
        if org is None or not org.path.startswith(unit.path):
            errors["nominee_organization"] = _("Choose your unit or one of the units under it.")
    elif subject_type == SubjectType.INDIVIDUAL:
        person = data.get("nominee_person")
        if person is None or not person.organization.path.startswith(unit.path):
            errors["nominee_person"] = _("Choose a person of your unit.")
    elif subject_type == SubjectType.HOUSEHOLD:
        if not (data.get("household_head") or "").strip():
            errors["household_head"] = _("Enter the name of the head of household.")
        if not (data.get("household_commune") or "").strip():
            errors["household_commune"] = _("Enter the commune or ward of the household.")
    return errors


def _apply_basics(nomination: Nomination, data: dict) -> None:
    subject_type = data["subject_type"]
    nomination.campaign = data["campaign"]
    nomination.award_form = data["award_form"]
    nomination.subject_type = subject_type
    nomination.nominee_organization = (
        data.get("nominee_organization") if subject_type == SubjectType.COLLECTIVE else None
    )
    nomination.nominee_person = (
        data.get("nominee_person") if subject_type == SubjectType.INDIVIDUAL else None
    )
    household = subject_type == SubjectType.HOUSEHOLD
    for name in ("household_head", "household_address", "household_commune"):
        setattr(nomination, name, nfc((data.get(name) or "").strip()) if household else "")
    nomination.household_contribution = (
        nfc((data.get("household_contribution") or "").strip()) if household else ""
    )
    if subject_type == SubjectType.COLLECTIVE:
        nomination.nominee_name = nomination.nominee_organization.name
    elif subject_type == SubjectType.INDIVIDUAL:
        nomination.nominee_name = nomination.nominee_person.full_name
    else:
        nomination.nominee_name = _("Household of %(head)s") % {"head": nomination.household_head}


# --- The achievement report ---------------------------------------------------------------------


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def snapshot(nomination: Nomination) -> dict:
    return {
        name: _plain(getattr(nomination, name))
        for name in (*BASIC_FIELDS, *REPORT_FIELDS, "nominee_name", "status")
    }


def progress_lines(nomination: Nomination, cutoff: datetime.date | None = None) -> list[str]:
    """Section II figures: the accepted progress of the nominee's tasks in the campaign.

    A collective reports its own tasks (and those of the units under it), an individual those of
    their unit; only values of accepted reports count (campaign.metrics).
    """
    if nomination.subject_type == SubjectType.COLLECTIVE:
        org = nomination.nominee_organization
    elif nomination.subject_type == SubjectType.INDIVIDUAL:
        org = nomination.nominee_person.organization
    else:
        return []
    cutoff = cutoff or timezone.localdate()
    indicators = Indicator.objects.filter(
        task__campaign_id=nomination.campaign_id, task__unit__path__startswith=org.path
    )
    items = metrics.indicator_progress(indicators, cutoff)
    lines: list[str] = []
    current_task = None
    for item in items:
        if item.task.pk != current_task:
            current_task = item.task.pk
            lines.append(f"- {item.task.title}:")
        if item.achieved is None:
            lines.append(
                "\u00a0\u00a0+ "
                + _("%(indicator)s: no accepted figure yet (target %(target)s %(uom)s)")
                % {
                    "indicator": item.indicator.name,
                    "target": vn_number(item.target),
                    "uom": item.indicator.unit_of_measure,
                }
            )
            continue
        percent = f"{vn_number(item.percent)}%" if item.percent is not None else "—"
        lines.append(
            "\u00a0\u00a0+ "
            + _("%(indicator)s: %(achieved)s of a target of %(target)s %(uom)s (%(percent)s)")
            % {
                "indicator": item.indicator.name,
                "achieved": vn_number(item.achieved),
                "target": vn_number(item.target),
                "uom": item.indicator.unit_of_measure,
                "percent": percent,
            }
        )
    return lines


def prefill_achievements(nomination: Nomination, cutoff: datetime.date | None = None) -> str:
    """The opening text of section II, from the data the office has accepted."""
    cutoff = cutoff or timezone.localdate()
    if nomination.subject_type == SubjectType.HOUSEHOLD:
        contribution = nomination.household_contribution.strip()
        if not contribution:
            return ""
        return _("Contribution of the household to land clearance: %(text)s") % {
            "text": contribution
        }
    lines = progress_lines(nomination, cutoff)
    if not lines:
        return _("No task of the campaign is assigned to this unit yet.")
    head = _(
        "Results against the campaign's tasks and targets (figures accepted by the department "
        "office up to %(date)s):"
    ) % {"date": cutoff.strftime("%d/%m/%Y")}
    return "\n".join([head, *lines])


def prefill_summary(nomination: Nomination) -> str:
    """Section I: what the records hold about the collective or the person (to be completed)."""
    if nomination.subject_type == SubjectType.COLLECTIVE:
        org = nomination.nominee_organization
        parts = [_("Name of the collective: %(name)s") % {"name": org.name}]
        if org.parent_id:
            parts.append(_("Under: %(parent)s") % {"parent": org.parent.name})
        people = Person.objects.filter(organization__path__startswith=org.path).count()
        if people:
            parts.append(_("People on record: %(count)s") % {"count": people})
        return "\n".join(parts)
    if nomination.subject_type != SubjectType.INDIVIDUAL:
        return ""
    person = nomination.nominee_person
    parts = [_("Full name: %(name)s") % {"name": person.full_name}]
    if person.birth_year:
        parts.append(_("Year of birth: %(year)s") % {"year": person.birth_year})
    if person.sex:
        parts.append(_("Sex: %(sex)s") % {"sex": person.get_sex_display()})
    parts.append(_("Unit: %(unit)s") % {"unit": person.organization.name})
    if person.position:
        parts.append(_("Position: %(position)s") % {"position": person.position})
    return "\n".join(parts)


def prior_awards(nomination: Nomination):
    """Awards of the registry for the same nominee: the person, the collective, or a household
    of the same name (without diacritics), within the same province's registries."""
    root = nomination.campaign.issuing_organization.path.split("/", 1)[0] + "/"
    records = AwardRecord.objects.filter(owner__path__startswith=root).select_related("award_form")
    if nomination.pk:
        records = records.exclude(nomination_id=nomination.pk)
    if nomination.subject_type == SubjectType.INDIVIDUAL:
        records = records.filter(person_id=nomination.nominee_person_id)
    elif nomination.subject_type == SubjectType.COLLECTIVE:
        records = records.filter(organization_id=nomination.nominee_organization_id)
    else:
        folded = [fold(nomination.nominee_name), fold(nomination.household_head)]
        records = records.filter(
            Q(recipient_name_folded__in=[f for f in folded if f]),
            subject_type=SubjectType.HOUSEHOLD,
        )
    return records.order_by("-decision_date", "pk")


# --- State changes ------------------------------------------------------------------------------


def _require_draft_role(actor, unit):
    if not can_draft(actor, unit):
        raise PermissionDenied


def create_nomination(actor, unit: Organization, data: dict) -> Nomination:
    """A draft with sections I and II pre-filled from the records; errors by field."""
    _require_draft_role(actor, unit)
    errors = validate(unit, data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        nomination = Nomination(unit=unit, created_by=actor, status=Nomination.Status.DRAFT)
        _apply_basics(nomination, data)
        nomination.year = timezone.localdate().year
        nomination.summary = prefill_summary(nomination)
        nomination.achievements = prefill_achievements(nomination)
        nomination.save()
        log_action(
            "awards.nomination.created",
            actor,
            nomination,
            {"after": snapshot(nomination)},
            organization=unit,
        )
    return nomination


def save_nomination(actor, nomination: Nomination, data: dict) -> Nomination:
    """Saves a draft or returned nomination: its choices and its report sections."""
    _require_draft_role(actor, nomination.unit)
    with transaction.atomic():
        # Two staff can save at once, and the head may be submitting: lock the row.
        locked = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
        if not locked.is_editable:
            raise ValidationError(_("This nomination has been submitted and can no longer change."))
        errors = validate(nomination.unit, data)
        if errors:
            raise ValidationError(errors)
        before = snapshot(locked)
        _apply_basics(locked, data)
        for name in REPORT_FIELDS:
            if name in data:
                setattr(locked, name, nfc((data.get(name) or "").strip()))
        locked.save()
        after = snapshot(locked)
        diff = {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}
        if diff:
            log_action(
                "awards.nomination.saved",
                actor,
                locked,
                {"changes": diff},
                organization=locked.unit,
            )
    return locked


def refill_achievements(actor, nomination: Nomination) -> Nomination:
    """Replaces section II with the accepted figures of today (the unit asked for it)."""
    _require_draft_role(actor, nomination.unit)
    with transaction.atomic():
        locked = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
        if not locked.is_editable:
            raise ValidationError(_("This nomination has been submitted and can no longer change."))
        before = locked.achievements
        locked.achievements = prefill_achievements(locked)
        locked.save(update_fields=["achievements", "updated_at"])
        log_action(
            "awards.nomination.refilled",
            actor,
            locked,
            {"changes": {"achievements": [before, locked.achievements]}},
            organization=locked.unit,
        )
    return locked


def submission_problems(nomination: Nomination) -> list[str]:
    problems = []
    if not nomination.summary.strip():
        problems.append(_("Section I (background) is empty."))
    if not nomination.achievements.strip():
        problems.append(_("Section II (achievements) is empty."))
    if not nomination.award_form.allows(nomination.subject_type):
        problems.append(_("The award form cannot be given to this subject type."))
    return problems


def submit_nomination(actor, nomination: Nomination) -> Nomination:
    if not can_submit(actor, nomination.unit):
        raise PermissionDenied
    with transaction.atomic():
        locked = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("award_form", "unit")
            .get(pk=nomination.pk)
        )
        if not locked.is_editable:
            raise ValidationError(_("This nomination has already been submitted."))
        problems = submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        resubmission = locked.status == Nomination.Status.RETURNED
        before = locked.status
        locked.status = Nomination.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor
        locked.save()
        log_action(
            "awards.nomination.resubmitted" if resubmission else "awards.nomination.submitted",
            actor,
            locked,
            {"status": [before, locked.status], "return_reason": locked.return_reason},
            organization=locked.unit,
        )
    return locked


# --- Attachments --------------------------------------------------------------------------------


def add_attachment(actor, nomination: Nomination, upload, description: str = ""):
    """Checks the file by its content and size (campaign.evidence) and stores it."""
    _require_draft_role(actor, nomination.unit)
    if not nomination.is_editable:
        raise ValidationError(_("This nomination has been submitted and can no longer change."))
    mime = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original = unicodedata.normalize("NFC", PurePath(upload.name.replace("\\", "/")).name)[:255]
    with transaction.atomic():
        attachment = NominationAttachment(
            nomination=nomination,
            original_name=original,
            content_type=mime,
            size=upload.size,
            sha256=digest.hexdigest(),
            description=nfc(description.strip())[:255],
            uploaded_by=actor,
        )
        attachment.file.save(safe_filename(original, mime), upload, save=False)
        attachment.save()
        log_action(
            "awards.nomination.attachment_added",
            actor,
            nomination,
            {"file": original, "sha256": attachment.sha256, "size": attachment.size},
            organization=nomination.unit,
        )
    return attachment


def delete_attachment(actor, attachment: NominationAttachment) -> None:
    nomination = attachment.nomination
    _require_draft_role(actor, nomination.unit)
    if not nomination.is_editable:
        raise ValidationError(_("This nomination has been submitted and can no longer change."))
    with transaction.atomic():
        log_action(
            "awards.nomination.attachment_deleted",
            actor,
            nomination,
            {"file": attachment.original_name, "sha256": attachment.sha256},
            organization=nomination.unit,
        )
        attachment.delete()
    attachment.file.delete(save=False)


# --- The unit's list ----------------------------------------------------------------------------


def nominations_for_units(units):
    query = Q()
    for unit in units:
        query |= Q(unit__path__startswith=unit.path)
    return (
        Nomination.objects.filter(query)
        .select_related("campaign", "award_form", "unit")
        .order_by("-updated_at", "-pk")
    )
