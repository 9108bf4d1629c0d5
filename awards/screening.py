"""Screening by the department office (Văn phòng): the checklist, the automatic warnings,
accepting (with the public posting period) or returning a nomination, and public comments.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Campaign, SubjectType
from units.access import get_access
from units.audit import log_action
from units.models import Person
from units.text import nfc

from .access import OFFICE_ROLES
from .models import Nomination, PostingComment, Screening
from .workdays import posting_period

CHECKLIST_FIELDS = (
    "dossier_complete",
    "criteria_met",
    "criteria_evidence",
    "prior_awards_checked",
    "open_discipline",
    "open_investigation",
    "open_complaint",
    "note",
)
# Share of women from which a collective gets the equal-merit hint (legal.md "Rules").
WOMEN_SHARE = 0.7


def can_screen(actor, nomination: Nomination) -> bool:
    return get_access(actor).has_role(nomination.campaign.issuing_organization, OFFICE_ROLES)


def office_campaigns(user):
    """Campaigns whose nominations the user screens (Văn phòng of the issuing body or above)."""
    access = get_access(user)
    if access.is_superuser:
        return Campaign.objects.all()
    orgs = access.organizations(OFFICE_ROLES)
    if not orgs:
        raise PermissionDenied
    query = Q()
    for org in orgs:
        query |= Q(issuing_organization__path__startswith=org.path)
    return Campaign.objects.filter(query)


def queue(user, *, campaign=None, award_form=None, subject_type=None, status=None):
    """Nominations of the office's campaigns, with the count of public comments and of those
    not read yet (one query for the page)."""
    status = status or Nomination.Status.SUBMITTED
    rows = (
        Nomination.objects.filter(campaign__in=office_campaigns(user))
        .exclude(status=Nomination.Status.DRAFT)
        .select_related("campaign", "award_form", "unit")
        .annotate(
            comment_count=Count("comments"),
            unread_count=Count("comments", filter=Q(comments__read_at__isnull=True)),
        )
        .order_by("submitted_at", "pk")
    )
    if status != "all":
        rows = rows.filter(status=status)
    if campaign:
        rows = rows.filter(campaign_id=campaign)
    if award_form:
        rows = rows.filter(award_form_id=award_form)
    if subject_type:
        rows = rows.filter(subject_type=subject_type)
    return rows


# --- Automatic warnings -------------------------------------------------------------------------


def campaign_full_years(campaign: Campaign) -> int:
    """Whole years from the first day to the day after the last (2021-01-01 → 2025-12-31: 5)."""
    end = campaign.end_date + datetime.timedelta(days=1)
    start = campaign.start_date
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


def _women_share(nomination: Nomination) -> float | None:
    """Share of women among the people of a collective whose sex is on record; None if none."""
    org = nomination.nominee_organization
    counts = Person.objects.filter(organization__path__startswith=org.path).aggregate(
        known=Count("pk", filter=~Q(sex="")),
        women=Count("pk", filter=Q(sex=Person.Sex.FEMALE)),
    )
    if not counts["known"]:
        return None
    return counts["women"] / counts["known"]


def compute_warnings(nomination: Nomination) -> list[dict]:
    """Every automatic warning for one nomination, as {"code", "level", "message"}."""
    award_form = nomination.award_form
    campaign = nomination.campaign
    warnings = [
        {
            "code": "thematic",
            "level": "info",
            "message": _(
                "This is a campaign (thematic) award: it cannot be used as grounds for higher "
                "merit awards."
            ),
        }
    ]
    if not award_form.allows(nomination.subject_type):
        warnings.append(
            {
                "code": "subject_not_allowed",
                "level": "danger",
                "message": _("The award form “%(form)s” cannot be given to this subject type.")
                % {"form": award_form.name},
            }
        )
    years = campaign_full_years(campaign)
    if award_form.min_campaign_years and years < award_form.min_campaign_years:
        warnings.append(
            {
                "code": "campaign_too_short",
                "level": "warning",
                "message": _(
                    "“%(form)s” through a campaign needs a campaign of at least %(min)s years "
                    "(for workers and farmers); this campaign lasts %(years)s full years."
                )
                % {"form": award_form.name, "min": award_form.min_campaign_years, "years": years},
            }
        )
    if nomination.subject_type == SubjectType.INDIVIDUAL:
        if nomination.nominee_person.sex == Person.Sex.FEMALE:
            warnings.append(
                {
                    "code": "equal_merit_woman",
                    "level": "info",
                    "message": _("The nominee is a woman: at equal merit, she is preferred."),
                }
            )
    elif nomination.subject_type == SubjectType.COLLECTIVE:
        share = _women_share(nomination)
        if share is not None and share >= WOMEN_SHARE:
            warnings.append(
                {
                    "code": "equal_merit_collective",
                    "level": "info",
                    "message": _(
                        "Women are %(percent)s of this collective's people on record: at equal "
                        "merit, it is preferred (70 per cent or more)."
                    )
                    % {"percent": f"{round(share * 100)}%"},
                }
            )
    return warnings


# --- The checklist ------------------------------------------------------------------------------


def _clean_checklist(data: dict) -> dict:
    clean = {}
    for name in CHECKLIST_FIELDS:
        value = data.get(name)
        if name in ("criteria_evidence", "note"):
            clean[name] = nfc((value or "").strip())
        else:
            clean[name] = bool(value)
    return clean


def _write_screening(actor, nomination: Nomination, data: dict) -> Screening:
    screening, _created = Screening.objects.get_or_create(nomination=nomination)
    for name, value in _clean_checklist(data).items():
        setattr(screening, name, value)
    screening.subject_allowed = nomination.award_form.allows(nomination.subject_type)
    screening.warnings = compute_warnings(nomination)
    screening.screened_by = actor
    screening.screened_at = timezone.now()
    screening.save()
    return screening


def _checklist_data(screening: Screening) -> dict:
    return {name: getattr(screening, name) for name in (*CHECKLIST_FIELDS, "subject_allowed")}


def _lock_for_screening(actor, nomination: Nomination) -> Nomination:
    if not can_screen(actor, nomination):
        raise PermissionDenied
    # Two officers may screen the same nomination at once: lock it.
    locked = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("campaign__issuing_organization", "award_form", "unit")
        .get(pk=nomination.pk)
    )
    # The related rows are read after the lock, as they were at the time of the decision.
    locked.nominee_person = nomination.nominee_person
    locked.nominee_organization = nomination.nominee_organization
    if locked.status != Nomination.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted nomination can be screened."))
    return locked


def save_checklist(actor, nomination: Nomination, data: dict) -> Screening:
    with transaction.atomic():
        locked = _lock_for_screening(actor, nomination)
        screening = _write_screening(actor, locked, data)
        log_action(
            "awards.screening.saved",
            actor,
            locked,
            {"checklist": _checklist_data(screening)},
            organization=locked.campaign.issuing_organization,
        )
    return screening


def acceptance_problems(nomination: Nomination, screening: Screening) -> list[str]:
    problems = []
    if screening.has_open_case:
        problems.append(
            _(
                "The nominee is under discipline, investigation, inspection, complaint or "
                "denunciation: no award can be proposed while a case is open."
            )
        )
    if not screening.subject_allowed:
        problems.append(_("The award form cannot be given to this subject type."))
    if not screening.dossier_complete:
        problems.append(_("Confirm that the dossier is complete."))
    if not screening.criteria_met:
        problems.append(_("Confirm that the campaign's criteria are met, with evidence."))
    if not screening.prior_awards_checked:
        problems.append(_("Confirm that the prior awards have been checked."))
    return problems


def accept_nomination(actor, nomination: Nomination, data: dict, today=None) -> Nomination:
    """Accepts a submitted nomination; an award form that must be posted gets its posting
    period (from the next working day, for the form's number of working days)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _lock_for_screening(actor, nomination)
        screening = _write_screening(actor, locked, data)
        problems = acceptance_problems(locked, screening)
        if problems:
            # Raised inside the transaction: the checklist of this attempt is not kept either.
            raise ValidationError(problems)
        before = locked.status
        locked.status = Nomination.Status.ACCEPTED
        locked.return_reason = ""
        if locked.award_form.requires_public_posting:
            locked.posted_from, locked.posted_until = posting_period(
                today, locked.award_form.posting_working_days
            )
        locked.save()
        log_action(
            "awards.nomination.accepted",
            actor,
            locked,
            {
                "status": [before, locked.status],
                "checklist": _checklist_data(screening),
                "posted_from": locked.posted_from.isoformat() if locked.posted_from else None,
                "posted_until": locked.posted_until.isoformat() if locked.posted_until else None,
            },
            organization=locked.campaign.issuing_organization,
        )
    return locked


def return_nomination(actor, nomination: Nomination, data: dict, reason: str) -> Nomination:
    reason = nfc((reason or "").strip())
    if not reason:
        raise ValidationError(_("Say what the unit must correct."))
    with transaction.atomic():
        locked = _lock_for_screening(actor, nomination)
        screening = _write_screening(actor, locked, data)
        before = locked.status
        locked.status = Nomination.Status.RETURNED
        locked.return_reason = reason
        locked.save()
        log_action(
            "awards.nomination.returned",
            actor,
            locked,
            {
                "status": [before, locked.status],
                "reason": reason,
                "checklist": _checklist_data(screening),
            },
            organization=locked.campaign.issuing_organization,
        )
    return locked


# --- Public comments ----------------------------------------------------------------------------


def mark_comments_read(actor, nomination: Nomination) -> int:
    if not can_screen(actor, nomination):
        raise PermissionDenied
    with transaction.atomic():
        count = PostingComment.objects.filter(nomination=nomination, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            log_action(
                "awards.posting.comments_read",
                actor,
                nomination,
                {"count": count},
                organization=nomination.campaign.issuing_organization,
            )
    return count


# --- Public posting -----------------------------------------------------------------------------

POSTED_STATUSES = (Nomination.Status.ACCEPTED, Nomination.Status.ON_AGENDA)
COMMENT_LIMITS = {"author_name": 150, "contact": 150, "body": 3000}


def posted_nominations(today=None):
    """Nominations on public posting today (accepted, within their posting period)."""
    today = today or timezone.localdate()
    return (
        Nomination.objects.filter(
            status__in=POSTED_STATUSES, posted_from__lte=today, posted_until__gte=today
        )
        .select_related("campaign__issuing_organization", "award_form", "unit")
        .order_by("award_form__rank", "nominee_name_folded", "pk")
    )


def _rate_key(ip: str) -> str:
    return f"awards:posting-comments:{ip}"


def add_public_comment(nomination: Nomination, data: dict, ip: str, today=None) -> PostingComment:
    """A comment from the public on a posted nomination; at most AWARDS_COMMENTS_PER_HOUR per
    address and hour (counted in the cache)."""
    from django.conf import settings
    from django.core.cache import cache

    if not posted_nominations(today).filter(pk=nomination.pk).exists():
        raise ValidationError(_("This nomination is not open for comments."))
    clean = {}
    for name, limit_chars in COMMENT_LIMITS.items():
        value = nfc((data.get(name) or "").strip())
        if len(value) > limit_chars:
            raise ValidationError({name: _("At most %(n)s characters.") % {"n": limit_chars}})
        clean[name] = value
    if not clean["author_name"] or not clean["body"]:
        raise ValidationError(_("Enter your name and your comment."))
    limit = settings.AWARDS_COMMENTS_PER_HOUR
    key = _rate_key(ip or "unknown")
    # add() starts the hour's window only once; incr() is atomic in every cache backend.
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > limit:
        raise ValidationError(
            _(
                "You have sent %(limit)s comments in the last hour. Please wait before sending "
                "another one."
            )
            % {"limit": limit}
        )
    with transaction.atomic():
        comment = PostingComment.objects.create(nomination=nomination, **clean)
        log_action(
            "awards.posting.comment_received",
            None,
            nomination,
            {"comment": comment.pk},
            organization=nomination.campaign.issuing_organization,
        )
    return comment
