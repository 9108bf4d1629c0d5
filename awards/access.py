"""Access to awards. Every awards view goes through these helpers.

Roles: unit staff draft their own unit's nominations and the unit head submits them; the
secretariat (Văn phòng) of the campaign's issuing organization screens, schedules sessions,
records decisions and proposals; council members read dossiers and vote; the chair opens and
closes sessions. Another organization's object is a 404, a role too low a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from units.access import COUNCIL_ROLES, UNIT_ROLES, get_access
from units.models import Role

from .models import CouncilMember, Nomination, Session

OFFICE_ROLES = (Role.SECRETARIAT,)


def _get(model, pk, **select):
    try:
        return model.objects.select_related(*select.get("related", ())).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def nomination_for_user(request, pk) -> tuple[Nomination, dict]:
    """(nomination, perms). The proposing unit's staff and head, the office of the issuing
    organization and its council members may read it; others related get a 403, the rest 404."""
    nomination = _get(
        Nomination,
        pk,
        related=(
            "campaign__issuing_organization",
            "award_form",
            "unit",
            "nominee_organization",
            "nominee_person",
        ),
    )
    access = get_access(request.user)
    org = nomination.campaign.issuing_organization
    is_unit = access.has_role(nomination.unit, UNIT_ROLES)
    is_office = access.has_role(org, OFFICE_ROLES)
    is_council = (
        access.has_role(org, COUNCIL_ROLES) and nomination.status != Nomination.Status.DRAFT
    )
    if not (is_unit or is_office or is_council):
        if access.covers(nomination.unit) or access.can_see(org) and access.covers(org):
            raise PermissionDenied
        raise Http404
    perms = {
        "is_unit": is_unit,
        "is_office": is_office,
        "is_council": is_council,
        "edit": is_unit and nomination.is_editable,
        "submit": access.has_role(nomination.unit, [Role.UNIT_HEAD]) and nomination.is_editable,
        "screen": is_office and nomination.status == Nomination.Status.SUBMITTED,
    }
    return nomination, perms


def session_for_user(request, pk) -> tuple[Session, dict]:
    """(session, perms) for the office of the council's organization and the council's members
    (by their seat or their council role); related users without either get a 403."""
    session = _get(Session, pk, related=("council__organization", "campaign"))
    access = get_access(request.user)
    org = session.council.organization
    seat = member_seat(request.user, session.council_id)
    is_office = access.has_role(org, OFFICE_ROLES)
    is_member = seat is not None
    if not (is_office or is_member or access.has_role(org, COUNCIL_ROLES)):
        if access.can_see(org):
            raise PermissionDenied
        raise Http404
    perms = {
        "is_office": is_office,
        "seat": seat,
        "is_chair": seat is not None and seat.role == CouncilMember.Role.CHAIR,
        "manage": is_office and session.status != Session.Status.CLOSED,
    }
    return session, perms


def member_seat(user, council_id) -> CouncilMember | None:
    """The user's seat on a council (through their person record), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        CouncilMember.objects.select_related("person")
        .filter(council_id=council_id, person__user=user)
        .first()
    )


def office_organizations(user):
    """Organizations whose awards the user administers as Văn phòng; none is a 403."""
    access = get_access(user)
    orgs = access.organizations(OFFICE_ROLES)
    if access.is_superuser:
        from units.models import Organization

        return list(Organization.objects.filter(campaigns__isnull=False).distinct())
    if not orgs:
        raise PermissionDenied
    return orgs


def unit_organizations(user):
    """Units where the user may draft nominations; none is a 403."""
    orgs = get_access(user).organizations(UNIT_ROLES)
    if not orgs:
        raise PermissionDenied
    return orgs
