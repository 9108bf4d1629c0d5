"""The Emulation and Reward Council of an organization: its name, size and seats.

The office (Văn phòng) of an organization manages its council. Rules: one chair; no more seats
than the council's size; members are people of the organization's subtree; seats do not change
while a session of the council is open (voters are identified by their seat).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext as _

from units.access import get_access
from units.audit import log_action
from units.models import Organization, Person
from units.text import nfc

from .access import OFFICE_ROLES
from .models import Council, CouncilMember, Session

MAX_NAME_LENGTH = 255


def _require_office(actor, organization: Organization) -> None:
    if not get_access(actor).has_role(organization, OFFICE_ROLES):
        raise PermissionDenied


def candidates(organization: Organization):
    """People who may sit on the council: those of the organization and the units under it."""
    return (
        Person.objects.filter(organization__path__startswith=organization.path)
        .select_related("organization")
        .order_by("organization__path", "full_name")
    )


def _member_snapshot(member: CouncilMember) -> dict:
    return {
        "person": member.person_id,
        "person_name": member.person.full_name,
        "role": member.role,
        "order": member.order,
    }


def _refuse_if_session_open(council: Council) -> None:
    if council.sessions.filter(status=Session.Status.OPEN).exists():
        raise ValidationError(
            _("A session of this council is open: its members cannot change until it closes.")
        )


def save_council(actor, organization: Organization, *, name: str, size: int) -> Council:
    """Creates the organization's council or changes its name and size."""
    _require_office(actor, organization)
    name = nfc(name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter the council's name.")
    elif len(name) > MAX_NAME_LENGTH:
        errors["name"] = _("The name is too long.")
    if not isinstance(size, int) or size < 1 or size > 200:
        errors["size"] = _("The number of members must be between 1 and 200.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        council = Council.objects.select_for_update().filter(organization=organization).first()
        if council is None:
            council = Council.objects.create(organization=organization, name=name, size=size)
            log_action(
                "awards.council.created",
                actor,
                council,
                {"after": {"name": name, "size": size}},
                organization=organization,
            )
            return council
        seated = council.members.count()
        if size < seated:
            raise ValidationError(
                {
                    "size": _(
                        "The council already has %(count)s members: remove seats before "
                        "lowering its size."
                    )
                    % {"count": seated}
                }
            )
        before = {"name": council.name, "size": council.size}
        if size != council.size:
            _refuse_if_session_open(council)
        council.name, council.size = name, size
        council.save(update_fields=["name", "size"])
        log_action(
            "awards.council.updated",
            actor,
            council,
            {"before": before, "after": {"name": name, "size": size}},
            organization=organization,
        )
    return council


def _validate_seat(council: Council, person: Person | None, role: str, exclude_pk=None) -> None:
    errors = {}
    if person is None or not person.organization.path.startswith(council.organization.path):
        errors["person"] = _("Choose a person of this organization or of a unit under it.")
    elif exclude_pk is None and council.members.filter(person=person).exists():
        errors["person"] = _("This person already sits on the council.")
    if role not in CouncilMember.Role.values:
        errors["role"] = _("Choose a role.")
    elif (
        role == CouncilMember.Role.CHAIR
        and council.members.filter(role=CouncilMember.Role.CHAIR).exclude(pk=exclude_pk).exists()
    ):
        errors["role"] = _("The council already has a chair: change that seat first.")
    if errors:
        raise ValidationError(errors)


def add_member(actor, council: Council, *, person: Person, role: str, order: int = 0):
    _require_office(actor, council.organization)
    with transaction.atomic():
        # Two office users adding seats at once: lock the council so the size check holds.
        council = (
            Council.objects.select_for_update().select_related("organization").get(pk=council.pk)
        )
        _refuse_if_session_open(council)
        _validate_seat(council, person, role)
        if council.members.count() >= council.size:
            raise ValidationError(
                _("The council is full (%(size)s members): raise its size or remove a seat.")
                % {"size": council.size}
            )
        try:
            with transaction.atomic():
                member = CouncilMember.objects.create(
                    council=council, person=person, role=role, order=order or 0
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("This seat conflicts with another one; reload the page.")
            ) from exc
        log_action(
            "awards.council.member_added",
            actor,
            council,
            {"after": _member_snapshot(member)},
            organization=council.organization,
        )
    return member


def update_member(actor, member: CouncilMember, *, role: str, order: int = 0):
    council = member.council
    _require_office(actor, council.organization)
    with transaction.atomic():
        council = (
            Council.objects.select_for_update().select_related("organization").get(pk=council.pk)
        )
        member = CouncilMember.objects.select_related("person__organization").get(pk=member.pk)
        _refuse_if_session_open(council)
        _validate_seat(council, member.person, role, exclude_pk=member.pk)
        before = _member_snapshot(member)
        member.role, member.order = role, order or 0
        try:
            with transaction.atomic():
                member.save(update_fields=["role", "order"])
        except IntegrityError as exc:
            raise ValidationError(
                _("This seat conflicts with another one; reload the page.")
            ) from exc
        log_action(
            "awards.council.member_updated",
            actor,
            council,
            {"before": before, "after": _member_snapshot(member)},
            organization=council.organization,
        )
    return member


def remove_member(actor, member: CouncilMember) -> None:
    council = member.council
    _require_office(actor, council.organization)
    with transaction.atomic():
        council = (
            Council.objects.select_for_update().select_related("organization").get(pk=council.pk)
        )
        _refuse_if_session_open(council)
        before = _member_snapshot(member)
        try:
            with transaction.atomic():
                CouncilMember.objects.filter(pk=member.pk).delete()
        except (ProtectedError, IntegrityError) as exc:
            # Attendance, votes and written opinions name the seat: the record must stay.
            raise ValidationError(
                _(
                    "This member took part in a session: the seat stays in the session's "
                    "records and cannot be removed."
                )
            ) from exc
        log_action(
            "awards.council.member_removed",
            actor,
            council,
            {"before": before},
            organization=council.organization,
        )


def chair_and_secretary(members) -> tuple[CouncilMember | None, CouncilMember | None]:
    chair = next((m for m in members if m.role == CouncilMember.Role.CHAIR), None)
    secretary = next((m for m in members if m.role == CouncilMember.Role.SECRETARY), None)
    return chair, secretary
