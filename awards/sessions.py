"""Council sessions: scheduling, agenda, attendance, written opinions, opening, the secret
ballot, closing and the published results.

Secrecy: `Participation` says that a member voted on an item; `Ballot` holds the choice and a
hash of a receipt code, nothing that leads back to the member (see awards.models). The receipt
code is returned once to the voter and never stored, logged or written to the audit log.
Tallies exist only once the session is closed: nothing here counts ballots while it is open.
"""

import hashlib
import secrets
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import AwardForm, Campaign
from units.access import get_access
from units.audit import log_action
from units.text import nfc

from .access import OFFICE_ROLES, member_seat
from .models import (
    Attendance,
    Ballot,
    Council,
    CouncilMember,
    Nomination,
    Participation,
    Session,
    SessionItem,
    Vote,
    WrittenOpinion,
)

RECUSE = "recuse"
# Receipt codes: no 0/O, 1/I/L, so a code read aloud or copied by hand stays unambiguous.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 10
FINGERPRINT_LENGTH = 8
MAX_REASON_LENGTH = 255
MAX_NOTE_LENGTH = 2000


# --- Rules ---------------------------------------------------------------------------------------


def quorum_required(council_size: int, quorum_percent) -> int:
    """Members who must be present for an award form: `quorum_percent` of the council's size
    (all members, not the seats filled), rounded up to a whole member.

    80 % of 9 = 7.2 → 8; 80 % of 10 = 8 → 8; two thirds of 9, entered as 66.67 % or 66.66 %,
    is 6 (the product is rounded to a hundredth of a member first, as in
    AwardForm.required_approvals). A quorum of 0 % needs nobody.
    """
    exact = (Decimal(council_size) * Decimal(quorum_percent) / Decimal(100)).quantize(
        Decimal("0.01")
    )
    return int(exact.to_integral_value(rounding=ROUND_CEILING))


def new_receipt_code() -> str:
    """A random receipt code, e.g. "K7QX2-MP9TD" (about 49 bits)."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalize_receipt(code: str) -> str:
    """What a voter typed, as it was hashed: upper case, without spaces or dashes."""
    return "".join(ch for ch in nfc(code or "").upper() if ch.isalnum())


def receipt_hash(code: str) -> str:
    return hashlib.sha256(normalize_receipt(code).encode()).hexdigest()


def fingerprint(hash_hex: str) -> str:
    return hash_hex[:FINGERPRINT_LENGTH]


# --- Permission checks ---------------------------------------------------------------------------


def _require_office(actor, council: Council) -> None:
    if not get_access(actor).has_role(council.organization, OFFICE_ROLES):
        raise PermissionDenied


def _require_chair(actor, session: Session) -> CouncilMember:
    seat = member_seat(actor, session.council_id)
    if seat is None or seat.role != CouncilMember.Role.CHAIR:
        raise PermissionDenied
    return seat


def _locked(session: Session) -> Session:
    # Every change to a session's state goes through its row lock, so a vote and the close
    # (or two closes) cannot interleave.
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("council__organization", "campaign")
        .get(pk=session.pk)
    )


def _require_status(session: Session, *statuses: str) -> None:
    if session.status in statuses:
        return
    if session.status == Session.Status.CLOSED:
        raise ValidationError(_("The session is closed: nothing about it can change."))
    if session.status == Session.Status.OPEN:
        raise ValidationError(_("The session is open: this can no longer change."))
    raise ValidationError(_("The session is not open for voting."))


# --- Scheduling and agenda -----------------------------------------------------------------------


def campaigns_for_council(council: Council):
    return Campaign.objects.filter(issuing_organization=council.organization).order_by(
        "-start_date"
    )


def _clean_session_fields(council, campaign, title, scheduled_at, place) -> dict:
    errors = {}
    title, place = nfc(title or "").strip(), nfc(place or "").strip()
    if campaign is None or campaign.issuing_organization_id != council.organization_id:
        errors["campaign"] = _("Choose a campaign of this organization.")
    if not title:
        errors["title"] = _("Enter a title.")
    if scheduled_at is None:
        errors["scheduled_at"] = _("Enter the date and time.")
    if not place:
        errors["place"] = _("Enter the place.")
    if len(title) > 255 or len(place) > 255:
        errors.setdefault("title", _("The text is too long."))
    if errors:
        raise ValidationError(errors)
    return {"title": title, "place": place}


def schedule_session(
    actor, council: Council, *, campaign, title, scheduled_at, place, notes=""
) -> Session:
    _require_office(actor, council)
    cleaned = _clean_session_fields(council, campaign, title, scheduled_at, place)
    with transaction.atomic():
        session = Session.objects.create(
            council=council,
            campaign=campaign,
            scheduled_at=scheduled_at,
            notes=nfc(notes or "").strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **cleaned,
        )
        log_action(
            "awards.session.scheduled",
            actor,
            session,
            {"after": _session_snapshot(session)},
            organization=council.organization,
        )
    return session


def _session_snapshot(session: Session) -> dict:
    return {
        "campaign": session.campaign_id,
        "title": session.title,
        "scheduled_at": timezone.localtime(session.scheduled_at).isoformat(),
        "place": session.place,
        "notes": session.notes,
    }


def update_session(
    actor, session: Session, *, campaign, title, scheduled_at, place, notes=""
) -> Session:
    _require_office(actor, session.council)
    cleaned = _clean_session_fields(session.council, campaign, title, scheduled_at, place)
    with transaction.atomic():
        session = _locked(session)
        _require_status(session, Session.Status.SCHEDULED)
        if campaign.pk != session.campaign_id and session.items.exists():
            raise ValidationError(
                {"campaign": _("Remove the agenda items before changing the campaign.")}
            )
        before = _session_snapshot(session)
        session.campaign = campaign
        session.scheduled_at = scheduled_at
        session.notes = nfc(notes or "").strip()
        session.title, session.place = cleaned["title"], cleaned["place"]
        session.save(update_fields=["campaign", "scheduled_at", "notes", "title", "place"])
        log_action(
            "awards.session.updated",
            actor,
            session,
            {"before": before, "after": _session_snapshot(session)},
            organization=session.council.organization,
        )
    return session


def eligible_nominations(session: Session, today=None):
    """Accepted nominations of the session's campaign whose public posting, if any, has ended
    (a form that requires posting needs a posting period that is over)."""
    today = today or timezone.localdate()
    posting_over = Q(posted_until__lt=today)
    no_posting = Q(posted_until__isnull=True, award_form__requires_public_posting=False)
    return (
        Nomination.objects.filter(
            campaign_id=session.campaign_id, status=Nomination.Status.ACCEPTED
        )
        .filter(posting_over | no_posting)
        .select_related("award_form", "unit")
        .order_by("award_form__rank", "nominee_name_folded", "pk")
    )


def add_items(actor, session: Session, nomination_ids) -> list[SessionItem]:
    """Puts accepted nominations on the agenda (they move to ON_AGENDA)."""
    _require_office(actor, session.council)
    ids = {int(pk) for pk in nomination_ids}
    if not ids:
        raise ValidationError(_("Choose at least one nomination."))
    with transaction.atomic():
        session = _locked(session)
        _require_status(session, Session.Status.SCHEDULED)
        # Another office user may be putting the same nomination on another agenda.
        eligible = list(
            eligible_nominations(session).filter(pk__in=ids).select_for_update(of=("self",))
        )
        if len(eligible) != len(ids):
            raise ValidationError(
                _(
                    "Some nominations can no longer be put on the agenda (not accepted, already "
                    "on an agenda or still posted for comments). Reload the page."
                )
            )
        last = session.items.aggregate(last=Max("order"))["last"] or 0
        items = []
        for offset, nomination in enumerate(eligible, start=1):
            items.append(
                SessionItem.objects.create(
                    session=session, nomination=nomination, order=last + offset
                )
            )
            nomination.status = Nomination.Status.ON_AGENDA
            nomination.save(update_fields=["status", "updated_at"])
            log_action(
                "awards.nomination.put_on_agenda",
                actor,
                nomination,
                {"session": session.pk, "before": "accepted", "after": "on_agenda"},
                organization=session.council.organization,
            )
        log_action(
            "awards.session.items_added",
            actor,
            session,
            {"nominations": sorted(ids)},
            organization=session.council.organization,
        )
    return items


def remove_item(actor, item: SessionItem) -> None:
    """Takes a nomination off the agenda of a session not yet open (it goes back to ACCEPTED)."""
    _require_office(actor, item.session.council)
    with transaction.atomic():
        session = _locked(item.session)
        _require_status(session, Session.Status.SCHEDULED)
        item = SessionItem.objects.select_related("nomination").get(pk=item.pk)
        nomination = item.nomination
        item.delete()
        Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.ACCEPTED)
        # Keep the items numbered 1, 2, 3 … for the minutes.
        for number, remaining in enumerate(session.items.order_by("order", "pk"), start=1):
            if remaining.order != number:
                remaining.order = number
                remaining.save(update_fields=["order"])
        log_action(
            "awards.nomination.removed_from_agenda",
            actor,
            nomination,
            {"session": session.pk, "before": "on_agenda", "after": "accepted"},
            organization=session.council.organization,
        )


# --- Attendance and written opinions -------------------------------------------------------------


def record_attendance(actor, session: Session, rows: dict) -> None:
    """`rows`: {member_pk: (present, absence_reason)} for every seat of the council."""
    _require_office(actor, session.council)
    with transaction.atomic():
        session = _locked(session)
        _require_status(session, Session.Status.SCHEDULED)
        members = {m.pk: m for m in session.council.members.select_related("person")}
        if set(rows) != set(members):
            raise ValidationError(_("Record every member as present or absent."))
        with_opinions = set(
            WrittenOpinion.objects.filter(item__session=session).values_list("member_id", flat=True)
        )
        errors = []
        for pk, (present, _reason) in rows.items():
            if present and pk in with_opinions:
                errors.append(
                    _(
                        "%(name)s has written opinions recorded: remove them before marking "
                        "them present."
                    )
                    % {"name": members[pk].person.full_name}
                )
        if errors:
            raise ValidationError(errors)
        existing = {a.member_id: a for a in session.attendance.all()}
        before, after = {}, {}
        for pk, (present, reason) in rows.items():
            reason = "" if present else nfc(reason or "").strip()[:MAX_REASON_LENGTH]
            row = existing.get(pk)
            if row is not None:
                before[pk] = [row.present, row.absence_reason]
                if row.present != present or row.absence_reason != reason:
                    row.present, row.absence_reason = present, reason
                    row.save(update_fields=["present", "absence_reason"])
            else:
                Attendance.objects.create(
                    session=session, member_id=pk, present=present, absence_reason=reason
                )
            after[pk] = [present, reason]
        log_action(
            "awards.session.attendance_recorded",
            actor,
            session,
            {"before": before, "after": after},
            organization=session.council.organization,
        )


def record_opinions(actor, session: Session, member: CouncilMember, opinions: dict) -> None:
    """An absent member's written opinions: {item_pk: (choice or "", note)}; an empty choice
    removes the opinion on that item."""
    _require_office(actor, session.council)
    with transaction.atomic():
        session = _locked(session)
        _require_status(session, Session.Status.SCHEDULED, Session.Status.OPEN)
        if member.council_id != session.council_id:
            raise PermissionDenied
        if not session.attendance.filter(member=member, present=False).exists():
            raise ValidationError(
                _("Written opinions are for members recorded as absent: record attendance first.")
            )
        items = {i.pk: i for i in session.items.all()}
        existing = {
            o.item_id: o
            for o in WrittenOpinion.objects.filter(item__session=session, member=member)
        }
        changes = {}
        for item_pk, (choice, note) in opinions.items():
            if item_pk not in items:
                raise ValidationError(_("This item is not on the session's agenda."))
            if choice and choice not in Vote.values:
                raise ValidationError(_("Choose agree or disagree."))
            note = nfc(note or "").strip()[:MAX_NOTE_LENGTH]
            current = existing.get(item_pk)
            if not choice:
                if current is not None:
                    current.delete()
                    changes[item_pk] = None
                continue
            if current is None:
                WrittenOpinion.objects.create(
                    item_id=item_pk,
                    member=member,
                    choice=choice,
                    note=note,
                    recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
                changes[item_pk] = choice
            elif current.choice != choice or current.note != note:
                current.choice, current.note = choice, note
                current.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
                current.recorded_at = timezone.now()
                current.save()
                changes[item_pk] = choice
        if changes:
            # Written opinions are not secret: they are named in the minutes.
            log_action(
                "awards.session.opinions_recorded",
                actor,
                session,
                {"member": member.pk, "member_name": member.person.full_name, "items": changes},
                organization=session.council.organization,
            )


# --- Opening -------------------------------------------------------------------------------------


@dataclass
class QuorumRow:
    award_form: AwardForm
    required: int
    present: int

    @property
    def met(self) -> bool:
        return self.present >= self.required


def quorum_rows(session: Session, present: int | None = None) -> list[QuorumRow]:
    """For each award form on the agenda, the members required and present (2 queries)."""
    if present is None:
        present = session.attendance.filter(present=True).count()
    size = session.members_total or session.council.size
    forms = AwardForm.objects.filter(
        pk__in=session.items.values("nomination__award_form")
    ).order_by("rank", "name")
    return [QuorumRow(form, quorum_required(size, form.quorum_percent), present) for form in forms]


def open_session(actor, session: Session) -> Session:
    """The chair opens the vote, once attendance is recorded and the quorum is met for every
    award form on the agenda. The council's size is frozen into `members_total`."""
    _require_chair(actor, session)
    with transaction.atomic():
        session = _locked(session)
        _require_status(session, Session.Status.SCHEDULED)
        if not session.items.exists():
            raise ValidationError(_("The agenda is empty: add nominations first."))
        seats = set(session.council.members.values_list("pk", flat=True))
        recorded = set(session.attendance.values_list("member_id", flat=True))
        if not seats <= recorded:
            raise ValidationError(_("Record the attendance of every member first."))
        present = session.attendance.filter(present=True).count()
        short = [row for row in quorum_rows(session, present) if not row.met]
        if short:
            raise ValidationError(
                [
                    _(
                        "No quorum for “%(form)s”: %(required)s members must be present, "
                        "%(present)s are."
                    )
                    % {"form": row.award_form.name, "required": row.required, "present": present}
                    for row in short
                ]
            )
        session.status = Session.Status.OPEN
        session.members_total = session.council.size
        session.opened_at = timezone.now()
        session.save(update_fields=["status", "members_total", "opened_at"])
        log_action(
            "awards.session.opened",
            actor,
            session,
            {"members_total": session.members_total, "present": present},
            organization=session.council.organization,
        )
    return session


# --- Voting --------------------------------------------------------------------------------------


@dataclass
class CastResult:
    item: SessionItem
    kind: str  # Participation.Kind
    receipt_code: str | None = field(default=None, repr=False)

    @property
    def fingerprint(self) -> str:
        return fingerprint(receipt_hash(self.receipt_code)) if self.receipt_code else ""


def _voter_actor(member: CouncilMember, actor):
    return actor if actor is not None else getattr(member.person, "user", None)


def _took_part(item, member) -> bool:
    return Participation.objects.filter(item=item, member=member).exists()


def _cast_locked(session, item, member, choice, reason, actor) -> CastResult:
    """One vote or recusal, inside the caller's transaction and session lock."""
    if item.session_id != session.pk:
        raise ValidationError(_("This item is not on the session's agenda."))
    if choice not in (*Vote.values, RECUSE):
        raise ValidationError(_("Choose agree, disagree or recuse."))
    reason = nfc(reason or "").strip()
    if choice == RECUSE and not reason:
        raise ValidationError(
            _("Item %(number)s: give the reason for recusing.") % {"number": item.order}
        )
    if _took_part(item, member):
        raise ValidationError(
            _("You have already voted on item %(number)s.") % {"number": item.order}
        )
    kind = Participation.Kind.RECUSED if choice == RECUSE else Participation.Kind.VOTED
    try:
        with transaction.atomic():
            Participation.objects.create(
                item=item,
                member=member,
                kind=kind,
                recusal_reason=reason[:MAX_REASON_LENGTH]
                if kind == Participation.Kind.RECUSED
                else "",
            )
    except IntegrityError as exc:
        # The unique (item, member) constraint: a second tab or a double click.
        raise ValidationError(
            _("You have already voted on item %(number)s.") % {"number": item.order}
        ) from exc
    code = None
    if kind == Participation.Kind.VOTED:
        code = new_receipt_code()
        # The ballot holds the choice and the hash of the code: no voter, no time, random key.
        Ballot.objects.create(item=item, choice=choice, receipt_hash=receipt_hash(code))
    log_action(
        "awards.ballot.cast" if kind == Participation.Kind.VOTED else "awards.ballot.recused",
        _voter_actor(member, actor),
        item,
        # Never the choice nor the receipt here.
        {"session": session.pk, "member": member.pk}
        | ({"reason": reason} if kind == Participation.Kind.RECUSED else {}),
        organization=session.council.organization,
    )
    return CastResult(item=item, kind=kind, receipt_code=code)


def _require_voter(session: Session, member: CouncilMember) -> None:
    if member.council_id != session.council_id:
        raise PermissionDenied
    if not Attendance.objects.filter(session=session, member=member, present=True).exists():
        raise ValidationError(_("Only members recorded as present can vote in the session."))


def cast_votes(session: Session, member: CouncilMember, entries, *, actor=None) -> list:
    """Several items at once, all or nothing: `entries` is a list of (item, choice, reason)
    with choice "approve", "reject" or "recuse". Returns one CastResult per entry; the receipt
    codes in them are shown once to the voter and kept nowhere."""
    if not entries:
        raise ValidationError(_("Choose agree, disagree or recuse for at least one item."))
    with transaction.atomic():
        session = _locked(session)
        _require_status(session, Session.Status.OPEN)
        _require_voter(session, member)
        return [
            _cast_locked(session, item, member, choice, reason, actor)
            for item, choice, reason in entries
        ]


def cast_ballot(
    session: Session, item: SessionItem, member: CouncilMember, choice: str, *, actor=None
) -> str:
    """One secret ballot; returns the receipt code (shown once, never stored)."""
    if choice not in Vote.values:
        raise ValidationError(_("Choose agree or disagree."))
    return cast_votes(session, member, [(item, choice, "")], actor=actor)[0].receipt_code


def recuse(
    session: Session, item: SessionItem, member: CouncilMember, reason: str, *, actor=None
) -> None:
    """The member takes no part in the item (conflict of interest): no ballot."""
    cast_votes(session, member, [(item, RECUSE, reason)], actor=actor)


def member_participation(session: Session, member: CouncilMember) -> dict:
    """{item_pk: Participation} of one member: what they voted on, never how."""
    return {
        p.item_id: p
        for p in Participation.objects.filter(item__session=session, member=member).only(
            "item_id", "kind", "recusal_reason"
        )
    }


def participation_counts(session: Session) -> dict:
    """{item_pk: {"voted": n, "recused": m}} — who took part, the only thing shown while open."""
    counts = defaultdict(lambda: {"voted": 0, "recused": 0})
    rows = (
        Participation.objects.filter(item__session=session)
        .values("item_id", "kind")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["item_id"]][row["kind"]] = row["n"]
    return counts


# --- Closing and results -------------------------------------------------------------------------


def _shuffle_ballots(session: Session) -> None:
    """Rewrites the session's ballots in a random order with new keys. Rows sit on disk in the
    order they were written, which is also the order of the (named) participations: after this,
    nothing in the live table follows the order of voting. (Old row versions stay on disk until
    PostgreSQL's VACUUM reclaims them.)"""
    ballots = Ballot.objects.filter(item__session=session)
    rows = list(ballots.values_list("item_id", "choice", "receipt_hash"))
    secrets.SystemRandom().shuffle(rows)
    ballots.delete()
    Ballot.objects.bulk_create(
        Ballot(id=uuid.uuid4(), item_id=item_id, choice=choice, receipt_hash=receipt)
        for item_id, choice, receipt in rows
    )


def close_session(actor, session: Session) -> Session:
    """The chair closes the vote: each item's tally (ballots + written opinions of absent
    members), the approvals required against all members, and the nominations' new status.
    After this nothing about the session can change (and the database refuses it)."""
    _require_chair(actor, session)
    with transaction.atomic():
        session = _locked(session)
        _require_status(session, Session.Status.OPEN)
        _shuffle_ballots(session)
        items = list(session.items.select_related("nomination__award_form"))
        ballots = _counts(Ballot.objects.filter(item__session=session), "choice")
        opinions = _counts(WrittenOpinion.objects.filter(item__session=session), "choice")
        kinds = _counts(Participation.objects.filter(item__session=session), "kind")
        results = {}
        for item in items:
            item.approvals = ballots[item.pk][Vote.APPROVE]
            item.rejections = ballots[item.pk][Vote.REJECT]
            item.written_approvals = opinions[item.pk][Vote.APPROVE]
            item.written_rejections = opinions[item.pk][Vote.REJECT]
            item.recusals = kinds[item.pk][Participation.Kind.RECUSED]
            item.required = item.nomination.award_form.required_approvals(session.members_total)
            item.passed = item.approvals + item.written_approvals >= item.required
            results[item.pk] = {
                "approvals": item.approvals,
                "rejections": item.rejections,
                "written_approvals": item.written_approvals,
                "written_rejections": item.written_rejections,
                "recusals": item.recusals,
                "required": item.required,
                "passed": item.passed,
            }
        # Items first: once the session row says closed, the database refuses item changes.
        SessionItem.objects.bulk_update(
            items,
            [
                "approvals",
                "rejections",
                "written_approvals",
                "written_rejections",
                "recusals",
                "required",
                "passed",
            ],
        )
        for item in items:
            status = Nomination.Status.PASSED if item.passed else Nomination.Status.NOT_PASSED
            Nomination.objects.filter(pk=item.nomination_id).update(
                status=status, updated_at=timezone.now()
            )
            log_action(
                "awards.nomination.council_passed"
                if item.passed
                else "awards.nomination.council_not_passed",
                actor,
                item.nomination,
                {"session": session.pk, "before": "on_agenda", "after": status.value}
                | results[item.pk],
                organization=session.council.organization,
            )
        session.status = Session.Status.CLOSED
        session.closed_at = timezone.now()
        session.save(update_fields=["status", "closed_at"])
        log_action(
            "awards.session.closed",
            actor,
            session,
            {"items": {str(k): v for k, v in results.items()}},
            organization=session.council.organization,
        )
    return session


def _counts(queryset, field_name: str) -> dict:
    counts = defaultdict(lambda: defaultdict(int))
    for row in queryset.values("item_id", field_name).annotate(n=Count("pk")):
        counts[row["item_id"]][row[field_name]] = row["n"]
    return counts


def _require_closed(session: Session) -> None:
    # Tallies, fingerprints and receipts exist only after the close.
    if session.status != Session.Status.CLOSED:
        raise PermissionDenied(_("The results are published when the chair closes the session."))


def fingerprints(session: Session) -> dict:
    """{item_pk: sorted fingerprints of its ballots} — anyone holding a code finds theirs."""
    _require_closed(session)
    result = defaultdict(list)
    for item_id, hash_hex in Ballot.objects.filter(item__session=session).values_list(
        "item_id", "receipt_hash"
    ):
        result[item_id].append(fingerprint(hash_hex))
    for values in result.values():
        values.sort()
    return result


def check_receipt(session: Session, code: str) -> Ballot | None:
    """The ballot a receipt code belongs to in this session (with its item), or None."""
    _require_closed(session)
    if not normalize_receipt(code):
        return None
    return (
        Ballot.objects.filter(item__session=session, receipt_hash=receipt_hash(code))
        .select_related("item__nomination__award_form")
        .first()
    )


@dataclass
class MinutesItem:
    item: SessionItem
    opinions: list = field(default_factory=list)
    recusals: list = field(default_factory=list)

    @property
    def total_approvals(self) -> int:
        return (self.item.approvals or 0) + (self.item.written_approvals or 0)


def minutes(session: Session) -> dict:
    """What the minutes (biên bản) record, read in a constant number of queries."""
    _require_closed(session)
    members = list(session.council.members.select_related("person"))
    attendance = list(
        session.attendance.select_related("member__person").order_by("member__order", "member__pk")
    )
    items = list(
        session.items.select_related("nomination__award_form", "nomination__unit").order_by(
            "order", "pk"
        )
    )
    rows = {item.pk: MinutesItem(item) for item in items}
    for opinion in (
        WrittenOpinion.objects.filter(item__session=session)
        .select_related("member__person")
        .order_by("member__order", "member__pk")
    ):
        rows[opinion.item_id].opinions.append(opinion)
    for participation in (
        Participation.objects.filter(item__session=session, kind=Participation.Kind.RECUSED)
        .select_related("member__person")
        .order_by("member__order", "member__pk")
    ):
        rows[participation.item_id].recusals.append(participation)
    chair = next((m for m in members if m.role == CouncilMember.Role.CHAIR), None)
    secretary = next((m for m in members if m.role == CouncilMember.Role.SECRETARY), None)
    day = timezone.localtime(session.closed_at).date()
    return {
        "place_name": session.council.organization.place_name,
        # Official dates write months 1 and 2 with a leading zero ("ngày 05 tháng 01 năm 2025").
        "doc_day": f"{day.day:02d}",
        "doc_month": f"{day.month:02d}" if day.month < 3 else str(day.month),
        "doc_year": str(day.year),
        "members": members,
        "present": [a for a in attendance if a.present],
        "absent": [a for a in attendance if not a.present],
        "items": [rows[item.pk] for item in items],
        "chair": chair,
        "secretary": secretary,
        "passed_count": sum(1 for item in items if item.passed),
    }
