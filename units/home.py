"""The home page shows, for each role a user holds, what they can do next.

Higher apps contribute their cards here (units must not import them): each provider takes the
request and the user's access and returns a list of `NextStep`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class NextStep:
    title: str
    description: str
    url: str
    action_label: str
    count: int | None = None
    roles: list[str] = field(default_factory=list)


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def next_steps(request, access) -> list[NextStep]:
    steps: list[NextStep] = []
    for provider in _providers:
        steps.extend(provider(request, access))
    return steps
