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


def _ancestors(org):
    """The organization and those above it (their pks are in its materialized path)."""
    from units.models import Organization

    return Organization.objects.filter(
        path__in=[org.path[: end + 1] for end, ch in enumerate(org.path) if ch == "/"]
    )


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
    # Council members read dossiers once submitted: by their council role or by a seat on the
    # council of an organization above the proposing unit.
    is_council = nomination.status != Nomination.Status.DRAFT and (
        access.has_role(org, COUNCIL_ROLES)
        or CouncilMember.objects.filter(
            person__user_id=getattr(request.user, "pk", None),
            council__organization__in=_ancestors(org),
        ).exists()
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


# --- Decisions, proposals and the registry (decisions helper) ----------------------------------


def _office_or_council(access, org) -> tuple[bool, bool]:
    return access.has_role(org, OFFICE_ROLES), access.has_role(org, COUNCIL_ROLES)


def decision_for_user(request, pk):
    """(decision, perms). The office of the issuing organization and its council read it;
    other related users get a 403, the rest a 404."""
    from .models import Decision

    decision = _get(Decision, pk, related=("organization", "campaign", "award_form", "session"))
    access = get_access(request.user)
    is_office, is_council = _office_or_council(access, decision.organization)
    if not (is_office or is_council):
        if access.can_see(decision.organization):
            raise PermissionDenied
        raise Http404
    return decision, {"is_office": is_office}


def proposal_for_user(request, pk):
    """(proposal, perms) as for a decision; `record_outcome` while the outcome is not in."""
    from .models import Proposal

    proposal = _get(Proposal, pk, related=("organization", "campaign", "award_form", "session"))
    access = get_access(request.user)
    is_office, is_council = _office_or_council(access, proposal.organization)
    if not (is_office or is_council):
        if access.can_see(proposal.organization):
            raise PermissionDenied
        raise Http404
    return proposal, {
        "is_office": is_office,
        "record_outcome": is_office and proposal.status != proposal.Status.ANSWERED,
    }


def registry_organizations(user, *, manage: bool = False):
    """Organizations whose award registry the user reads: the office's and the council's
    (with `manage`, the office's only). None is a 403."""
    from units.models import Organization

    access = get_access(user)
    if access.is_superuser:
        return list(Organization.objects.filter(campaigns__isnull=False).distinct())
    roles = OFFICE_ROLES if manage else (*OFFICE_ROLES, *COUNCIL_ROLES)
    orgs = list({org.pk: org for org in access.organizations(roles)}.values())
    if not orgs:
        raise PermissionDenied
    return orgs


def unit_history_for_user(request, pk):
    """A unit whose award history the user may read: the unit's own staff and head, and the
    office and council of a body above it. Other related users get a 403, the rest a 404."""
    from units.models import Organization

    unit = _get(Organization, pk)
    access = get_access(request.user)
    if access.has_role(unit, (*UNIT_ROLES, *OFFICE_ROLES, *COUNCIL_ROLES)):
        return unit
    if access.can_see(unit):
        raise PermissionDenied
    raise Http404


def person_history_for_user(request, pk):
    """A person whose award history the user may read: themselves, their unit's staff and head,
    and the office and council above their unit; other related users 403, the rest 404."""
    from units.models import Person

    person = _get(Person, pk, related=("organization",))
    if person.user_id is not None and person.user_id == getattr(request.user, "pk", None):
        return person
    unit_history_for_user(request, person.organization_id)
    return person


# --- Nominations, screening and posting ---------------------------------------------------------


def attachment_for_user(request, pk):
    """(attachment, nomination, perms): whoever may read the nomination may read its files."""
    from .models import NominationAttachment

    attachment = _get(NominationAttachment, pk)
    nomination, perms = nomination_for_user(request, attachment.nomination_id)
    attachment.nomination = nomination
    return attachment, nomination, perms


def nomination_for_screening(request, pk) -> tuple[Nomination, dict]:
    """A nomination for its screening page: the office of the issuing organization only (other
    users who may read the nomination get a 403, the rest a 404)."""
    nomination, perms = nomination_for_user(request, pk)
    if not perms["is_office"]:
        raise PermissionDenied
    return nomination, perms


# --- Councils and sessions (sessions helper) ----------------------------------------------------


def council_organization_for_office(request, org_pk):
    """(organization, council or None) for the office that manages the organization's council;
    other related users get a 403, the rest a 404."""
    from units.models import Organization

    from .models import Council

    org = _get(Organization, org_pk)
    access = get_access(request.user)
    if not access.has_role(org, OFFICE_ROLES):
        if access.can_see(org):
            raise PermissionDenied
        raise Http404
    return org, Council.objects.filter(organization=org).first()


def council_member_for_office(request, pk):
    """A council seat, for the office of the council's organization (403 / 404 otherwise)."""
    member = _get(CouncilMember, pk, related=("council__organization", "person__organization"))
    council_organization_for_office(request, member.council.organization_id)
    return member


def session_for_office(request, pk) -> tuple[Session, dict]:
    """A session for the screens that prepare it: the office only (council members 403)."""
    session, perms = session_for_user(request, pk)
    if not perms["is_office"]:
        raise PermissionDenied
    return session, perms


def session_item_for_office(request, session_pk, item_pk):
    from .models import SessionItem

    session, perms = session_for_office(request, session_pk)
    item = (
        SessionItem.objects.filter(session=session, pk=item_pk).select_related("nomination").first()
    )
    if item is None:
        raise Http404
    item.session = session
    return item, session, perms


def session_member_for_office(request, session_pk, member_pk):
    session, perms = session_for_office(request, session_pk)
    member = (
        CouncilMember.objects.filter(council_id=session.council_id, pk=member_pk)
        .select_related("person")
        .first()
    )
    if member is None:
        raise Http404
    return member, session, perms


def sessions_for_user(user):
    """Sessions the user may list: those of the councils their office manages, of the
    councils they sit on (by seat) and of the bodies where they hold a council role."""
    from django.db.models import Q

    access = get_access(user)
    if access.is_superuser:
        return Session.objects.all()
    query = Q(council__members__person__user=user) if access.is_authenticated else Q(pk=None)
    for org in access.organizations((*OFFICE_ROLES, *COUNCIL_ROLES)):
        query |= Q(council__organization__path__startswith=org.path)
    return Session.objects.filter(query).distinct()
