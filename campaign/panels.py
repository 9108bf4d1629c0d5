"""Panels that higher apps add to the secretariat's dashboard.

Imports run one way (units ← campaign ← awards ← reports): the dashboard lives in `campaign`
but must show, for instance, the nominations by stage that `awards` keeps. So the higher app
registers a panel here, typically from its AppConfig.ready():

    from campaign import panels

    def nominations_panel(request, campaign):
        if not campaign.nominations.exists():  # whatever the app needs
            return None
        return {"template": "awards/dashboard/_nominations.html", "context": {...}}

    panels.register(nominations_panel)

A panel is a callable `(request, campaign) -> None | {"template": str, "context": dict}`; the
dashboard has already checked that the user is the campaign's secretariat. A panel runs its own
queries: keep them constant whatever the data size (the dashboard's query budget counts them).
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

Panel = Callable[..., dict | None]

_panels: list[Panel] = []


def register(panel: Panel) -> Panel:
    """Adds a panel (once, whatever the number of calls); usable as a decorator."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def unregister(panel: Panel) -> None:
    if panel in _panels:
        _panels.remove(panel)


def registered() -> list[Panel]:
    return list(_panels)


def render_panels(request, campaign) -> list[SafeString]:
    """The HTML of every panel that has something to show, in the order they registered."""
    rendered = []
    for panel in registered():
        result = panel(request, campaign)
        if not result:
            continue
        rendered.append(
            render_to_string(result["template"], result.get("context") or {}, request=request)
        )
    return rendered
