"""Verbs of the last step of an award: the organization's own decision (quyết định) for the
forms it decides itself, the proposal (tờ trình) to the higher level for the others, and the
outcome of a proposal when it comes back. Each writes the award registry and the audit log.

Numbers run per organization per calendar year of the document's date, one series for
decisions and one for proposals. Two clerks may create documents at the same moment: the
organization's row is locked while the next number is read and used.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaign.models import AwardForm, Campaign
from units.access import get_access
from units.audit import log_action
from units.models import Organization, OrganizationKind
from units.text import fold, nfc

from . import prizes
from .access import OFFICE_ROLES
from .models import AwardRecord, Decision, Nomination, Proposal, ProposalItem, SessionItem

MAX_TEXT = 255


# --- Reading --------------------------------------------------------------------------------


def awaiting(organizations) -> list[dict]:
    """Nominations approved by the council and not yet decided or proposed, per campaign and
    award form (one GROUP BY query)."""
    rows = (
        Nomination.objects.filter(
            campaign__issuing_organization__in=organizations, status=Nomination.Status.PASSED
        )
        .values(
            "campaign_id",
            "campaign__name",
            "award_form_id",
            "award_form__name",
            "award_form__rank",
            "award_form__decided_internally",
        )
        .annotate(count=Count("pk"))
        .order_by("campaign__name", "award_form__rank", "award_form_id")
    )
    return list(rows)


def passed_nominations(campaign: Campaign, award_form: AwardForm):
    """The nominations a new decision or proposal may take, in the list's order."""
    return (
        Nomination.objects.filter(
            campaign=campaign, award_form=award_form, status=Nomination.Status.PASSED
        )
        .select_related("unit", "nominee_person__organization", "nominee_organization")
        .order_by("unit__path", "subject_type", "nominee_name_folded", "pk")
    )


def default_recipient(award_form: AwardForm) -> str:
    """The next step of the award form's path: "Sở → UBND tỉnh → …" gives "UBND tỉnh"."""
    steps = [step.strip() for step in award_form.proposal_path.split("→") if step.strip()]
    return steps[1] if len(steps) > 1 else ""


def default_authority(organization: Organization, day: datetime.date) -> str:
    """The deciding authority as the decision names it: "Giám đốc Sở …" for a department."""
    name = organization.name_on(day)
    with translation.override("vi"):
        if organization.kind == OrganizationKind.PROVINCE:
            return _("Chairman of %(organization)s") % {"organization": name}
        return _("Director of %(organization)s") % {"organization": name}


def document_defaults(campaign: Campaign, day: datetime.date) -> dict:
    """Signer and authority taken from the campaign's plan, for the forms' initial values."""
    return {
        "date": day,
        "signer_name": campaign.signer_name,
        "signer_title": campaign.signer_title,
        "signer_authority": campaign.signer_authority,
        "authority": default_authority(campaign.issuing_organization, day),
    }


def signature_of(document, campaign: Campaign) -> tuple[str, str, str]:
    """(signing authority, title, name) of a decision or proposal, for its page and its PDF:
    the authority typed on the document (“KT. GIÁM ĐỐC”), else the plan's when the same
    title signs."""
    authority = (getattr(document, "signer_authority", "") or "").strip()
    same_title = document.signer_title == campaign.signer_title
    if not authority and campaign.signer_authority and same_title:
        authority = campaign.signer_authority
    return authority, document.signer_title, document.signer_name


# --- Helpers of the verbs --------------------------------------------------------------------


def _require_office(actor, organization: Organization) -> None:
    if not get_access(actor).has_role(organization, OFFICE_ROLES):
        raise PermissionDenied


def _clean_text(value: str, label: str, *, required: bool = True, max_length=MAX_TEXT) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise ValidationError(_("Fill in: %(field)s.") % {"field": label})
    if len(text) > max_length:
        raise ValidationError(
            _("%(field)s is too long (at most %(max)s characters).")
            % {"field": label, "max": max_length}
        )
    return text


def _lock_passed(campaign: Campaign, award_form: AwardForm, ids) -> list[Nomination]:
    """The chosen nominations, locked, each still approved and waiting; otherwise an error.

    Locked so that two documents cannot take the same nomination at once.
    """
    try:
        wanted = {int(pk) for pk in ids}
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Choose the nominations from the list.")) from exc
    if not wanted:
        raise ValidationError(_("Choose at least one nomination."))
    locked = list(
        Nomination.objects.select_for_update()
        .filter(pk__in=wanted, campaign=campaign, award_form=award_form)
        .values_list("pk", "status")
    )
    if len(locked) != len(wanted) or any(s != Nomination.Status.PASSED for _pk, s in locked):
        raise ValidationError(
            _(
                "Some of the chosen nominations are no longer waiting for a decision or a "
                "proposal. Reload the page and choose again."
            )
        )
    return list(
        Nomination.objects.filter(pk__in=wanted)
        .select_related("unit", "nominee_person", "nominee_organization")
        .order_by("unit__path", "subject_type", "nominee_name_folded", "pk")
    )


def next_number(model, organization: Organization, year: int) -> int:
    """The next number of the organization's yearly series of `model` (Decision or Proposal).

    The organization's row stays locked until the transaction ends, so a concurrent caller
    waits and then reads the number just used.
    """
    Organization.objects.select_for_update().filter(pk=organization.pk).values("pk").first()
    last = model.objects.filter(organization=organization, year=year).aggregate(m=Max("number"))
    return (last["m"] or 0) + 1


def _common_session(nominations) -> int | None:
    """The council session that passed all the nominations, when there is exactly one."""
    sessions = set(
        SessionItem.objects.filter(nomination__in=nominations, passed=True).values_list(
            "session_id", flat=True
        )
    )
    return sessions.pop() if len(sessions) == 1 else None


def _record(nomination: Nomination, **values) -> AwardRecord:
    """A registry line for a nomination (bulk_create skips save(), so the folded name is set
    here)."""
    name = nfc(nomination.nominee_name).strip()
    return AwardRecord(
        nomination=nomination,
        campaign_id=nomination.campaign_id,
        award_form_id=nomination.award_form_id,
        subject_type=nomination.subject_type,
        recipient_name=name,
        recipient_name_folded=fold(name),
        person_id=nomination.nominee_person_id,
        organization_id=nomination.nominee_organization_id,
        household_address=nomination.household_address,
        thematic=True,
        **values,
    )


def _check_date(day) -> datetime.date:
    if not isinstance(day, datetime.date):
        raise ValidationError(_("Enter the date as dd/mm/yyyy, e.g. 31/12/2025."))
    if day.year < 2000 or day > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError(_("Enter a real date for the document."))
    return day


# --- Decisions -------------------------------------------------------------------------------


def create_decision(
    actor,
    campaign: Campaign,
    award_form: AwardForm,
    nomination_ids,
    *,
    date: datetime.date,
    signer_name: str,
    signer_title: str,
    authority: str,
    signer_authority: str = "",
) -> Decision:
    """The organization's award decision for approved nominations of a form it decides itself.

    Prize money uses the base salary in force on the decision date. Each awardee gets a line
    in the registry (a campaign award: thematic) and its nomination becomes AWARDED.
    """
    organization = campaign.issuing_organization
    _require_office(actor, organization)
    if not award_form.decided_internally:
        raise ValidationError(
            _("“%(form)s” is not decided by the organization itself: make a proposal instead.")
            % {"form": award_form.name}
        )
    date = _check_date(date)
    signer_name = _clean_text(signer_name, _("signer"), max_length=150)
    signer_title = _clean_text(signer_title, _("signer's title"), max_length=150)
    signer_authority = _clean_text(
        signer_authority, _("signing authority"), required=False, max_length=100
    )
    authority = _clean_text(authority, _("authority"))
    base = prizes.base_salary_on(date)
    with transaction.atomic():
        nominations = _lock_passed(campaign, award_form, nomination_ids)
        number = next_number(Decision, organization, date.year)
        decision = Decision.objects.create(
            organization=organization,
            campaign=campaign,
            award_form=award_form,
            session_id=_common_session(nominations),
            year=date.year,
            number=number,
            symbol=f"QĐ-{organization.abbreviation_on(date)}",
            date=date,
            signer_authority=signer_authority,
            signer_name=signer_name,
            signer_title=signer_title,
            authority=authority,
            base_salary=base.amount,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        records = [
            _record(
                nomination,
                source=AwardRecord.Source.DECISION,
                decision=decision,
                owner=organization,
                year=date.year,
                decision_number=decision.number_symbol,
                decision_date=date,
                issuer=authority,
                prize_amount=prizes.amount_for_base(
                    award_form, nomination.subject_type, base.amount
                ),
            )
            for nomination in nominations
        ]
        AwardRecord.objects.bulk_create(records)
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
            status=Nomination.Status.AWARDED, updated_at=timezone.now()
        )
        total = sum(r.prize_amount for r in records)
        log_action(
            "awards.decision.created",
            actor,
            decision,
            data={
                "number": decision.number_symbol,
                "date": date.isoformat(),
                "award_form": award_form.name,
                "nominations": [n.pk for n in nominations],
                "base_salary": base.amount,
                "total": total,
            },
            organization=organization,
        )
        for nomination, record in zip(nominations, records, strict=True):
            log_action(
                "awards.nomination.awarded",
                actor,
                nomination,
                data={
                    "before": {"status": Nomination.Status.PASSED},
                    "after": {"status": Nomination.Status.AWARDED},
                    "decision": decision.number_symbol,
                    "prize_amount": record.prize_amount,
                },
                organization=organization,
            )
    return decision


# --- Proposals -------------------------------------------------------------------------------


def create_proposal(
    actor,
    campaign: Campaign,
    award_form: AwardForm,
    nomination_ids,
    *,
    date: datetime.date,
    recipient: str,
    signer_name: str,
    signer_title: str,
    signer_authority: str = "",
) -> Proposal:
    """A proposal (tờ trình) sending approved nominations of a higher form upward; they
    become PROPOSED until the outcome is recorded."""
    organization = campaign.issuing_organization
    _require_office(actor, organization)
    if award_form.decided_internally:
        raise ValidationError(
            _("“%(form)s” is decided by the organization itself: make a decision instead.")
            % {"form": award_form.name}
        )
    date = _check_date(date)
    recipient = _clean_text(recipient, _("sent to"))
    signer_name = _clean_text(signer_name, _("signer"), max_length=150)
    signer_title = _clean_text(signer_title, _("signer's title"), max_length=150)
    signer_authority = _clean_text(
        signer_authority, _("signing authority"), required=False, max_length=100
    )
    with transaction.atomic():
        nominations = _lock_passed(campaign, award_form, nomination_ids)
        number = next_number(Proposal, organization, date.year)
        proposal = Proposal.objects.create(
            organization=organization,
            campaign=campaign,
            award_form=award_form,
            session_id=_common_session(nominations),
            year=date.year,
            number=number,
            symbol=f"TTr-{organization.abbreviation_on(date)}",
            date=date,
            recipient=recipient,
            signer_authority=signer_authority,
            signer_name=signer_name,
            signer_title=signer_title,
            status=Proposal.Status.SENT,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        ProposalItem.objects.bulk_create(
            ProposalItem(proposal=proposal, nomination=nomination, order=index)
            for index, nomination in enumerate(nominations, start=1)
        )
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
            status=Nomination.Status.PROPOSED, updated_at=timezone.now()
        )
        log_action(
            "awards.proposal.created",
            actor,
            proposal,
            data={
                "number": proposal.number_symbol,
                "date": date.isoformat(),
                "recipient": recipient,
                "award_form": award_form.name,
                "nominations": [n.pk for n in nominations],
            },
            organization=organization,
        )
        for nomination in nominations:
            log_action(
                "awards.nomination.proposed",
                actor,
                nomination,
                data={
                    "before": {"status": Nomination.Status.PASSED},
                    "after": {"status": Nomination.Status.PROPOSED},
                    "proposal": proposal.number_symbol,
                },
                organization=organization,
            )
    return proposal


def record_outcome(
    actor,
    proposal: Proposal,
    *,
    number: str,
    date: datetime.date,
    issuer: str,
    approved_ids,
) -> Proposal:
    """The higher level's answer to a proposal: approved nominees are AWARDED with a registry
    line (prize money at the base salary of the outcome's date), the others REJECTED. Once
    recorded the outcome cannot be recorded again."""
    organization = proposal.organization
    _require_office(actor, organization)
    number = _clean_text(number, _("decision number and symbol"), max_length=60)
    issuer = _clean_text(issuer, _("issued by"))
    date = _check_date(date)
    if date < proposal.date:
        raise ValidationError(_("The decision cannot be dated before the proposal."))
    try:
        approved = {int(pk) for pk in approved_ids}
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Choose the nominations from the list.")) from exc
    with transaction.atomic():
        # Two clerks may record the same answer at once: the second finds it answered.
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status == Proposal.Status.ANSWERED:
            raise ValidationError(_("The outcome of this proposal is already recorded."))
        items = list(
            ProposalItem.objects.filter(proposal=locked)
            .select_related("nomination")
            .order_by("order", "pk")
        )
        if approved - {item.nomination_id for item in items}:
            raise ValidationError(_("Choose the nominations from the list."))
        base_amount = prizes.base_salary_on(date).amount if approved else 0
        records, outcomes = [], {}
        for item in items:
            nomination = item.nomination
            if nomination.pk in approved:
                item.outcome = ProposalItem.Outcome.APPROVED
                records.append(
                    _record(
                        nomination,
                        source=AwardRecord.Source.PROPOSAL,
                        proposal=locked,
                        owner=organization,
                        year=date.year,
                        decision_number=number,
                        decision_date=date,
                        issuer=issuer,
                        prize_amount=prizes.amount_for_base(
                            proposal.award_form, nomination.subject_type, base_amount
                        ),
                    )
                )
            else:
                item.outcome = ProposalItem.Outcome.NOT_APPROVED
            outcomes[nomination.pk] = item.outcome
        ProposalItem.objects.bulk_update(items, ["outcome"])
        AwardRecord.objects.bulk_create(records)
        now = timezone.now()
        Nomination.objects.filter(pk__in=approved).update(
            status=Nomination.Status.AWARDED, updated_at=now
        )
        Nomination.objects.filter(pk__in=set(outcomes) - approved).update(
            status=Nomination.Status.REJECTED, updated_at=now
        )
        locked.status = Proposal.Status.ANSWERED
        locked.outcome_number = number
        locked.outcome_date = date
        locked.outcome_issuer = issuer
        locked.save(update_fields=["status", "outcome_number", "outcome_date", "outcome_issuer"])
        log_action(
            "awards.proposal.outcome_recorded",
            actor,
            locked,
            data={
                "before": {"status": proposal.status},
                "after": {"status": Proposal.Status.ANSWERED},
                "decision": number,
                "date": date.isoformat(),
                "issuer": issuer,
                "approved": sorted(approved),
                "not_approved": sorted(set(outcomes) - approved),
                "base_salary": base_amount,
            },
            organization=organization,
        )
        for item in items:
            awarded = item.outcome == ProposalItem.Outcome.APPROVED
            log_action(
                "awards.nomination.awarded" if awarded else "awards.nomination.rejected",
                actor,
                item.nomination,
                data={
                    "before": {"status": Nomination.Status.PROPOSED},
                    "after": {
                        "status": Nomination.Status.AWARDED
                        if awarded
                        else Nomination.Status.REJECTED
                    },
                    "decision": number,
                },
                organization=organization,
            )
    proposal.refresh_from_db()
    return proposal
