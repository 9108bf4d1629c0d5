"""The contract between report jobs and the modules that build documents.

A builder is `build(job, progress) -> BuiltDocument`: it reads what it needs through the job
(kind, campaign and subject), calls `progress(percent, step)` now and then (the job page shows
it and the call keeps the job's heartbeat fresh), and returns the PDF bytes. It registers itself
with `@register(Kind.ANNUAL)`. A message the user should read goes in a `BuildError`; any other
exception fails the job with a generic reason (the detail goes to the log only).

Builder modules live in this package and are imported the first time a builder is looked up;
`settings.REPORT_BUILDER_MODULES` names extra modules (tests install fakes that way).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from ..models import ReportJob

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]


@dataclass
class BuiltDocument:
    pdf: bytes
    filename: str  # Vietnamese, e.g. "Báo cáo sơ kết năm 2024 - Sở TN&MT Lạng Sơn.pdf"
    number: str = ""  # "05/BC-STNMT" when the document took a number
    pages: int = 0


class BuildError(Exception):
    """A reason the user can act on ("Write the narrative first."): shown on the job page."""


Builder = Callable[["ReportJob", Progress], BuiltDocument]

# Kind value -> builder.
REGISTRY: dict[str, Builder] = {}

_loaded = False


def register(kind) -> Callable[[Builder], Builder]:
    def decorator(builder: Builder) -> Builder:
        REGISTRY[str(kind)] = builder
        return builder

    return decorator


def load_builders() -> None:
    """Imports every builder module once (this package's, then the configured extras, which
    may replace a builder of the same kind)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    names = [f"{__name__}.{info.name}" for info in pkgutil.iter_modules(__path__)]
    names += list(getattr(settings, "REPORT_BUILDER_MODULES", ()))
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            # One broken builder must not take the others (and every job page) down with it.
            logger.exception("Report builder module %s could not be imported", name)


def get_builder(kind) -> Builder | None:
    load_builders()
    return REGISTRY.get(str(kind))


@contextlib.contextmanager
def override_builder(kind, builder: Builder | None) -> Iterator[None]:
    """For tests: `builder` builds `kind` inside the block (None: no builder at all)."""
    load_builders()
    key = str(kind)
    previous = REGISTRY.get(key)
    if builder is None:
        REGISTRY.pop(key, None)
    else:
        REGISTRY[key] = builder
    try:
        yield
    finally:
        if previous is None:
            REGISTRY.pop(key, None)
        else:
            REGISTRY[key] = previous


def document_key(job: ReportJob) -> str:
    """What versions count per: the kind and its subject, e.g. "annual:campaign=3:year=2024",
    "minutes:session=7", "decision:decision=4"."""
    from ..models import Kind

    kind = job.kind
    if kind == Kind.ANNUAL:
        return f"annual:campaign={job.campaign_id}:year={job.year}"
    if kind == Kind.FINAL:
        return f"final:campaign={job.campaign_id}"
    if kind == Kind.MINUTES:
        return f"minutes:session={job.session_id}"
    if kind == Kind.DECISION:
        return f"decision:decision={job.decision_id}"
    if kind == Kind.PROPOSAL:
        return f"proposal:proposal={job.proposal_id}"
    if kind == Kind.PERIOD:
        return f"period:period={job.period_id}"
    if kind == Kind.NOMINATIONS:
        key = f"nominations:campaign={job.campaign_id}"
        return f"{key}:year={job.year}" if job.year else key
    return f"{kind}:campaign={job.campaign_id}"


def subject_label(job: ReportJob) -> str:
    """What the document is about, for lists ("Year 2024", "Session: …"). Select the subject
    with the job (select_related) to keep lists at a fixed number of queries."""
    from ..models import Kind

    kind = job.kind
    if kind == Kind.MINUTES and job.session_id:
        return _("Session: %(title)s") % {"title": job.session.title}
    if kind == Kind.DECISION and job.decision_id:
        return _("Decision No. %(number)s") % {"number": job.decision.number_symbol}
    if kind == Kind.PROPOSAL and job.proposal_id:
        return _("Proposal No. %(number)s") % {"number": job.proposal.number_symbol}
    if kind == Kind.PERIOD and job.period_id:
        return str(job.period.label)
    if kind == Kind.FINAL:
        return _("Whole campaign (final review %(year)s)") % {"year": job.year}
    if job.year:
        return _("Year %(year)s") % {"year": job.year}
    return _("Whole campaign")
