"""The council member's page: the councils the user sits on and the panels of the higher apps
(units.council); no session exists until the awards app contributes its panel."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.loader import render_to_string

from .access import get_access
from .council import council_seats, panels


@login_required
def council_dashboard(request):
    access = get_access(request.user)
    seats = council_seats(access)
    if not seats:
        raise PermissionDenied
    organizations = [seat.organization for seat in seats]
    # Each panel is rendered with its own context, as its app wrote it.
    rendered = [
        render_to_string(panel["template"], panel.get("context") or {}, request=request)
        for panel in panels(request, organizations)
    ]
    return render(request, "units/council_dashboard.html", {"seats": seats, "panels": rendered})
