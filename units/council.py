"""The council member's page shows what the higher apps contribute (units must not import them).

A provider is a callable `(request, organizations) -> list[dict]`, each dict
`{"template": "app/panel.html", "context": {...}}`; `organizations` are the bodies whose
Emulation and Reward Council the user sits on. The awards app registers the sessions to come
and their agendas. With no provider, the page says that no session is scheduled — true as long
as sessions do not exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .access import COUNCIL_ROLES, UserAccess
from .home import NextStep
from .home import register as register_home_step
from .models import Organization, Role

_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    """Adds a panel provider (usable as a decorator); registering twice keeps one."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels(request, organizations: list[Organization]) -> list[dict]:
    result: list[dict] = []
    for provider in _providers:
        result.extend(provider(request, organizations) or [])
    return result


@dataclass
class Seat:
    """A body whose council the user sits on, and as what."""

    organization: Organization
    is_chair: bool

    @property
    def role_label(self) -> str:
        return (Role.COUNCIL_CHAIR if self.is_chair else Role.COUNCIL_MEMBER).label


def council_seats(access: UserAccess) -> list[Seat]:
    """One seat per organization (a chair who is also listed as member is the chair)."""
    seats: dict[int, Seat] = {}
    for membership in access.memberships:
        if membership.role not in COUNCIL_ROLES:
            continue
        org = membership.organization
        seat = seats.setdefault(org.pk, Seat(organization=org, is_chair=False))
        seat.is_chair = seat.is_chair or membership.role == Role.COUNCIL_CHAIR
    return sorted(seats.values(), key=lambda seat: seat.organization.path)


@register_home_step
def council_steps(request, access) -> list[NextStep]:
    if not access.roles & COUNCIL_ROLES:
        return []
    try:
        url = reverse("dashboard_council")
    except NoReverseMatch:  # the page's URL is not mounted in this configuration
        return []
    return [
        NextStep(
            title=_("Emulation and Reward Council"),
            description=_("The council sessions to come and the nominations on their agenda."),
            url=url,
            action_label=_("Open the council page"),
        )
    ]
