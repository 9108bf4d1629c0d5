"""Who may see and change what. Every view goes through these helpers.

Rules: a role held in an organization covers that organization and everything under it.
An object outside every organization the user is related to is a 404 (it does not exist for
them); an object they can see but not change with their role is a 403.
"""

import contextlib
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Membership, Organization, Role

MANAGER_ROLES = frozenset({Role.SECRETARIAT, Role.COUNCIL_CHAIR})
UNIT_ROLES = frozenset({Role.UNIT_STAFF, Role.UNIT_HEAD})
COUNCIL_ROLES = frozenset({Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR})


class UserAccess:
    """The memberships of one login, loaded once and reused for every check of a request."""

    def __init__(self, user):
        self.user = user
        self.is_superuser = bool(getattr(user, "is_superuser", False) and user.is_active)
        if getattr(user, "is_authenticated", False):
            self.memberships = list(
                Membership.objects.filter(user=user).select_related("organization")
            )
        else:
            self.memberships = []

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.memberships}

    def organizations(self, roles: Iterable[str] | None = None) -> list[Organization]:
        wanted = set(roles) if roles is not None else None
        return [m.organization for m in self.memberships if wanted is None or m.role in wanted]

    def roles_in(self, org: Organization) -> set[str]:
        """Roles that apply to `org`: those held in it or in one of its ancestors."""
        return {m.role for m in self.memberships if org.path.startswith(m.organization.path)}

    def has_role(self, org: Organization, roles: Iterable[str]) -> bool:
        if self.is_superuser:
            return True
        return bool(self.roles_in(org) & set(roles))

    def can_see(self, org: Organization) -> bool:
        """Related organizations: the user's own subtrees and the bodies above them."""
        if self.is_superuser:
            return True
        return any(
            org.path.startswith(m.organization.path) or m.organization.path.startswith(org.path)
            for m in self.memberships
        )

    def covers(self, org: Organization) -> bool:
        """The user holds some role in `org` or above it (may see its internal business)."""
        return self.is_superuser or any(
            org.path.startswith(m.organization.path) for m in self.memberships
        )

    def visible_path_prefixes(self) -> list[str]:
        return [m.organization.path for m in self.memberships]


def get_access(user) -> UserAccess:
    access = getattr(user, "_portal_access", None)
    if access is None:
        access = UserAccess(user)
        # Cached on the user object, which lives as long as the request.
        with contextlib.suppress(AttributeError):
            user._portal_access = access
    return access


def organization_for_user(request, pk, *, roles: Iterable[str] | None = None) -> Organization:
    """An organization the user may see (404 otherwise), holding one of `roles` (403 otherwise)."""
    access = get_access(request.user)
    try:
        org = Organization.objects.get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not access.covers(org):
        raise Http404
    if roles is not None and not access.has_role(org, roles):
        raise PermissionDenied
    return org
