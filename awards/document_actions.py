"""Buttons that higher apps add to the awards pages of one object (a closed session, a decision,
a proposal) — the reports app offers "produce the PDF" there. Imports run one way (awards ←
reports), so reports registers a provider here from its AppConfig.ready():

    document_actions.register(provider)   # provider(request, obj) -> None | {"template", "context"}

The view calls `render_actions(request, obj)` and the template prints the HTML it returns.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def render_actions(request, obj) -> list[SafeString]:
    rendered = []
    for provider in _providers:
        result = provider(request, obj)
        if result:
            rendered.append(
                render_to_string(result["template"], result.get("context") or {}, request=request)
            )
    return rendered
