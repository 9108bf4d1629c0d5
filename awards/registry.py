"""The award registry (sổ khen thưởng): what each organization has awarded, searchable with or
without diacritics, its totals, a person's and a unit's history, and awards entered by hand for
the years before the portal.

The page and its Excel / CSV export take their rows from `record_row`, so that they always
carry the same values.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from campaign.models import AwardForm, Campaign, SubjectType
from units.access import get_access
from units.audit import log_action
from units.text import fold, nfc

from .access import OFFICE_ROLES
from .models import AwardRecord

PAGE_SIZE = 50
NOMINATION_REPORT_FIELDS = (
    "summary",
    "achievements",
    "measures",
    "prior_awards_note",
    "criteria_met",
    "household_contribution",
    "return_reason",
)
MAX_QUERY = 100
MAX_ID = 2**63 - 1


# --- Filters --------------------------------------------------------------------------------


def _positive_int(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


@dataclass(frozen=True)
class Filters:
    """The registry's filters, cleaned from the query string (a bad value is dropped)."""

    q: str = ""
    campaign: int | None = None
    year: int | None = None
    award_form: int | None = None
    subject_type: str = ""

    @property
    def active(self) -> bool:
        return bool(self.q or self.campaign or self.year or self.award_form or self.subject_type)

    @property
    def urlencoded(self) -> str:
        params = {
            "q": self.q,
            "campaign": self.campaign or "",
            "year": self.year or "",
            "award_form": self.award_form or "",
            "subject_type": self.subject_type,
        }
        return urlencode({k: v for k, v in params.items() if v})


def parse_filters(params) -> Filters:
    q = nfc(str(params.get("q", ""))).strip()[:MAX_QUERY]
    year = _positive_int(params.get("year"))
    subject_type = params.get("subject_type", "")
    return Filters(
        q=q,
        campaign=_positive_int(params.get("campaign")),
        year=year if year and 1945 <= year <= 2200 else None,
        award_form=_positive_int(params.get("award_form")),
        subject_type=subject_type if subject_type in SubjectType.values else "",
    )


def apply_filters(queryset, filters: Filters):
    if filters.q:
        # The folded column and the folded query: "nguyen van an" finds "Nguyễn Văn An".
        for word in fold(filters.q).split():
            queryset = queryset.filter(recipient_name_folded__contains=word)
    if filters.campaign:
        queryset = queryset.filter(campaign_id=filters.campaign)
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    if filters.award_form:
        queryset = queryset.filter(award_form_id=filters.award_form)
    if filters.subject_type:
        queryset = queryset.filter(subject_type=filters.subject_type)
    return queryset


# --- Reading --------------------------------------------------------------------------------


def records(organizations):
    """The registry lines of the organizations, with what a row shows (no query per row)."""
    return (
        AwardRecord.objects.filter(owner__in=organizations)
        .select_related(
            "award_form",
            "campaign",
            "owner",
            "person__organization",
            "organization__parent",
            "nomination__unit",
            "decision",
            "proposal",
        )
        # A row never shows the nomination's achievement report: not fetched with every line.
        .defer(*(f"nomination__{name}" for name in NOMINATION_REPORT_FIELDS))
    )


def unit_label(record: AwardRecord) -> str:
    """The unit an awardee belongs to: a person's unit, a collective's parent body, a
    household's commune (or address)."""
    if record.subject_type == SubjectType.INDIVIDUAL:
        if record.person_id:
            return record.person.organization.name
    elif record.subject_type == SubjectType.COLLECTIVE:
        if record.organization_id and record.organization.parent_id:
            return record.organization.parent.name
    elif record.subject_type == SubjectType.HOUSEHOLD:
        if record.nomination_id and record.nomination.household_commune:
            return record.nomination.household_commune
        return record.household_address
    if record.nomination_id:
        return record.nomination.unit.name
    return ""


def headers() -> list[str]:
    return [
        _("Row no."),
        _("Awardee"),
        _("Unit"),
        _("Subject type"),
        _("Award form"),
        _("Year"),
        _("Decision number"),
        _("Decision date"),
        _("Issued by"),
        _("Prize money (VND)"),
        _("Campaign"),
        _("Source"),
    ]


def record_row(number: int, record: AwardRecord) -> list:
    return [
        number,
        record.recipient_name,
        unit_label(record),
        record.get_subject_type_display(),
        record.award_form.name,
        record.year,
        record.decision_number,
        record.decision_date,
        record.issuer,
        record.prize_amount,
        record.campaign.name if record.campaign_id else "",
        record.get_source_display(),
    ]


def filter_choices(organizations) -> dict:
    """Campaigns, years and award forms to filter by (three queries)."""
    years = (
        AwardRecord.objects.filter(owner__in=organizations)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return {
        "campaigns": list(
            Campaign.objects.filter(issuing_organization__in=organizations)
            .only("pk", "name")
            .order_by("-start_date", "name")
        ),
        "years": list(years),
        "award_forms": list(AwardForm.objects.only("pk", "name", "rank").order_by("rank", "name")),
        "subject_types": SubjectType.choices,
    }


def totals(organizations, filters: Filters | None = None) -> list[dict]:
    """Awards and prize money per campaign, year and award form (one aggregate query)."""
    queryset = AwardRecord.objects.filter(owner__in=organizations)
    if filters is not None:
        queryset = apply_filters(queryset, filters)
    return list(
        queryset.values(
            "campaign_id", "campaign__name", "year", "award_form_id", "award_form__name"
        )
        .annotate(
            count=Count("pk"),
            total=Sum("prize_amount"),
            collectives=Count("pk", filter=Q(subject_type=SubjectType.COLLECTIVE)),
            individuals=Count("pk", filter=Q(subject_type=SubjectType.INDIVIDUAL)),
            households=Count("pk", filter=Q(subject_type=SubjectType.HOUSEHOLD)),
        )
        .order_by("campaign__name", "-year", "award_form__rank", "award_form_id")
    )


def unit_history(unit):
    """Awards the unit received as a collective, and awards of the people of the unit."""
    base = AwardRecord.objects.select_related("award_form", "campaign", "person", "owner")
    return (
        list(base.filter(organization=unit).order_by("-decision_date", "pk")),
        list(
            base.filter(person__organization=unit).order_by(
                "-decision_date", "recipient_name_folded", "pk"
            )
        ),
    )


def person_history(person):
    return list(
        AwardRecord.objects.filter(person=person)
        .select_related("award_form", "campaign", "owner")
        .order_by("-decision_date", "pk")
    )


def public_awardees(campaign: Campaign):
    """The awardees of a published campaign, for anyone: names, unit, form, decision."""
    return (
        AwardRecord.objects.filter(campaign=campaign)
        .select_related(
            "award_form", "person__organization", "organization__parent", "nomination__unit"
        )
        # Only what the list and unit_label() read: the joined nominations carry the whole
        # achievement report, which made the query five times slower at province scale.
        .only(
            "recipient_name",
            "subject_type",
            "award_form__name",
            "decision_number",
            "decision_date",
            "issuer",
            "household_address",
            "person__organization__name",
            "organization__parent__name",
            "nomination__household_commune",
            "nomination__unit__name",
        )
        .order_by("award_form__rank", "-decision_date", "decision_number", "pk")
    )


# --- Entering an award by hand -----------------------------------------------------------------


def create_manual(actor, owner, data: dict) -> AwardRecord:
    """An award from before the portal, entered by the office of the registry's organization.

    `data` holds cleaned form values: award_form, subject_type, recipient_name, person,
    organization, household_address, campaign, year, decision_number, decision_date, issuer,
    prize_amount, thematic.
    """
    if not get_access(actor).has_role(owner, OFFICE_ROLES):
        raise PermissionDenied
    person, organization = data.get("person"), data.get("organization")
    subject_type = data["subject_type"]
    name = nfc(data.get("recipient_name") or "").strip()
    errors = {}
    if subject_type == SubjectType.INDIVIDUAL:
        organization = None
        name = name or (person.full_name if person else "")
    elif subject_type == SubjectType.COLLECTIVE:
        person = None
        name = name or (organization.name if organization else "")
    else:
        person = organization = None
    if not name:
        errors["recipient_name"] = _("Enter the recipient's name or choose them from the list.")
    campaign = data.get("campaign")
    if campaign is not None and campaign.issuing_organization_id != owner.pk:
        errors["campaign"] = _("Choose a campaign of this organization.")
    decision_date: datetime.date = data["decision_date"]
    year = data.get("year") or decision_date.year
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record = AwardRecord(
            source=AwardRecord.Source.MANUAL,
            campaign=campaign,
            award_form=data["award_form"],
            subject_type=subject_type,
            recipient_name=name,
            person=person,
            organization=organization,
            owner=owner,
            household_address=nfc(data.get("household_address") or "").strip(),
            year=year,
            decision_number=nfc(data["decision_number"]).strip(),
            decision_date=decision_date,
            issuer=nfc(data["issuer"]).strip(),
            prize_amount=data.get("prize_amount") or 0,
            thematic=bool(data.get("thematic")),
        )
        record.save()
        log_action(
            "awards.registry.manual_added",
            actor,
            record,
            data={
                "after": {
                    "recipient": record.recipient_name,
                    "award_form": record.award_form.name,
                    "decision": record.decision_number,
                    "date": decision_date.isoformat(),
                    "prize_amount": record.prize_amount,
                }
            },
            organization=owner,
        )
    return record
