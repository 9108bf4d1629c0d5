"""The annual preliminary report (sơ kết) and the final report (tổng kết) of a campaign.

`collect(campaign, kind, year)` gathers every figure of the report from a fixed number of
queries, whatever the data size:

- progress per content item, indicator and unit: `campaign.metrics.indicator_progress` at the
  cut-off (31/12 of the year; the campaign's end for the final report) and its roll-ups, the
  very rule and figures of the Văn phòng dashboard. In the content item tables, indicators of
  the same name and unit of measure are summed (one line per indicator when names differ);
  the percentage of a line is its achieved total over its target total;
- reporting discipline (metrics.discipline) of the periods ended by then, per period (annual)
  or per year (final), summed;
- obstacles raised, resolved and escalated in the span, and those still open;
- awards (AwardRecord) decided in the span by form and subject type, with the prize money;
- charts as SVG (reports.layout): % achieved per content item against the elapsed time, and the
  accepted progress of the key indicator (the most widespread one) period by period.

The narrative sections come from `reports.Narrative`; `draft_narrative` assembles the draft
that pre-fills its form from the units' own words (their reports' general assessment, work
done and proposals, and the obstacles raised) in the span.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import AwardRecord, Decision, Proposal
from campaign import metrics
from campaign.models import (
    Indicator,
    IndicatorState,
    Obstacle,
    ProgressReport,
    ReportingPeriod,
    SubjectType,
    Task,
    TaskReport,
)
from units.text import nfc

from . import layout
from .models import Kind, Narrative

NARRATIVE_FIELDS = (
    "situation",
    "leadership",
    "results_comment",
    "role_models",
    "awards_comment",
    "strengths",
    "shortcomings",
    "causes",
    "lessons",
    "directions",
    "proposals",
    "recipient",
)
# Bounds of the draft: a province has hundreds of units.
DRAFT_ENTRIES = 200
DRAFT_ENTRY_CHARS = 600
ESCALATED_LISTED = 30
HUNDRED = Decimal(100)


# --- Scope ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    kind: str
    year: int
    start: datetime.date  # first day summed up
    cutoff: datetime.date  # the figures are those at the end of this day

    @property
    def is_final(self) -> bool:
        return self.kind == Kind.FINAL


def scope_for(campaign, kind: str, year: int | None = None) -> Scope:
    """A sơ kết covers the calendar year (from the campaign's start), cut off on 31/12; a
    tổng kết covers the whole campaign, cut off on its end date."""
    if kind == Kind.FINAL:
        return Scope(
            Kind.FINAL, year or campaign.final_review_year, campaign.start_date, campaign.end_date
        )
    start = max(campaign.start_date, datetime.date(year, 1, 1))
    return Scope(Kind.ANNUAL, year, start, datetime.date(year, 12, 31))


def report_years(campaign) -> list[int]:
    return list(range(campaign.start_date.year, campaign.end_date.year + 1))


# --- Records the template shows ------------------------------------------------------------------


def _percent(achieved, target) -> Decimal | None:
    if achieved is None or not target:
        return None
    return (achieved * HUNDRED / target).quantize(Decimal("0.1"))


@dataclass
class IndicatorLine:
    name: str
    unit_of_measure: str
    count: int = 0  # indicators summed
    target: Decimal = Decimal(0)
    achieved: Decimal | None = None
    done: int = 0  # indicators whose target is met
    ids: list[int] = field(default_factory=list)

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.achieved, self.target)

    def add(self, item: metrics.IndicatorProgress) -> None:
        self.count += 1
        self.target += item.target
        self.ids.append(item.indicator.pk)
        if item.achieved is not None:
            self.achieved = (self.achieved or Decimal(0)) + item.achieved
        if item.status == metrics.Status.DONE:
            self.done += 1


def indicator_lines(items) -> list[IndicatorLine]:
    """Indicators of the same name and unit of measure summed, in reading order."""
    lines: dict[tuple, IndicatorLine] = {}
    for item in items:
        ind = item.indicator
        key = (nfc(ind.name).strip().casefold(), nfc(ind.unit_of_measure).strip().casefold())
        line = lines.get(key)
        if line is None:
            line = lines[key] = IndicatorLine(ind.name, ind.unit_of_measure)
        line.add(item)
    return list(lines.values())


@dataclass
class GroupSection:
    """A content item or a unit: the dashboard's figures of its indicators taken together."""

    label: str
    indicators: int
    percent: Decimal
    expected: Decimal
    status: str
    done: int
    lines: list[IndicatorLine] = field(default_factory=list)

    @property
    def status_label(self):
        return metrics.Status.LABELS[self.status]


def _section(group: metrics.Group, with_lines: bool) -> GroupSection:
    return GroupSection(
        label=group.label,
        indicators=len(group.items),
        percent=group.percent,
        expected=group.expected_percent,
        status=group.status,
        done=group.counts[metrics.Status.DONE],
        lines=indicator_lines(group.items) if with_lines else [],
    )


@dataclass
class DisciplineLine:
    label: str
    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    returned: int = 0

    def add(self, d) -> None:
        self.expected += d.expected
        self.on_time += d.on_time
        self.late += d.late
        self.missing += d.missing
        self.returned += d.returned

    @property
    def on_time_percent(self) -> Decimal | None:
        return _percent(Decimal(self.on_time), Decimal(self.expected)) if self.expected else None


@dataclass
class ObstacleFigures:
    raised: int = 0
    beyond: int = 0  # raised beyond the units' authority
    resolved: int = 0  # resolved within the span
    escalated: int = 0  # raised in the span, now escalated to the province
    open: int = 0  # raised in the span, not resolved by the cut-off
    escalated_list: list = field(default_factory=list)  # (unit, description)


@dataclass
class AwardLine:
    label: str
    collective: int = 0
    individual: int = 0
    household: int = 0
    prize: int = 0

    @property
    def total(self) -> int:
        return self.collective + self.individual + self.household

    def add(self, subject_type: str, count: int, prize: int) -> None:
        if subject_type == SubjectType.COLLECTIVE:
            self.collective += count
        elif subject_type == SubjectType.HOUSEHOLD:
            self.household += count
        else:
            self.individual += count
        self.prize += prize or 0


@dataclass
class AwardFigures:
    lines: list[AwardLine]
    total: AwardLine
    decisions: list[str]  # "05/QĐ-STNMT ngày 12/12/2024"
    proposals: int


@dataclass
class Summary:
    campaign: object
    scope: Scope
    items: list  # metrics.IndicatorProgress at the cut-off
    overall: GroupSection
    status_totals: list[tuple[str, object, int]]  # (status, label, count)
    content_items: list[GroupSection]
    units: list[GroupSection]
    discipline: list[DisciplineLine]
    discipline_total: DisciplineLine
    obstacles: ObstacleFigures
    awards: AwardFigures
    key_line: IndicatorLine | None
    key_series: list[tuple[str, Decimal | None]]  # (period label, accepted total)
    charts: dict = field(default_factory=dict)  # name -> SVG markup
    tasks: int = 0
    unit_count: int = 0


# --- Gathering -----------------------------------------------------------------------------------


def _periods(campaign) -> list[ReportingPeriod]:
    periods = list(ReportingPeriod.objects.filter(campaign=campaign).order_by("start_date", "pk"))
    for period in periods:
        period.campaign = campaign
    return periods


def _unit_starts(campaign) -> dict[int, datetime.date]:
    rows = (
        Task.objects.filter(campaign=campaign)
        .values("unit_id")
        .annotate(first=Min("start_date"))
        .values_list("unit_id", "first")
    )
    return dict(rows)


def _discipline(campaign, periods, scope: Scope, today: datetime.date):
    """Periods of the span that have ended by the cut-off and by today (a period still running
    has nothing missing yet), per period for a year, per year for the whole campaign."""
    last_day = min(scope.cutoff, today)
    ended = [p for p in periods if scope.start <= p.end_date <= last_day]
    figures = metrics.discipline(ended, {campaign.pk: _unit_starts(campaign)})
    lines: dict[object, DisciplineLine] = {}
    total = DisciplineLine(_("Total"))
    for d in figures:
        if scope.is_final:
            key, label = d.period.year, _("Year %(year)s") % {"year": d.period.year}
        else:
            key, label = d.period.pk, str(d.period.label)
        line = lines.get(key)
        if line is None:
            line = lines[key] = DisciplineLine(label)
        line.add(d)
        total.add(d)
    return list(lines.values()), total


def _obstacles(campaign, scope: Scope) -> ObstacleFigures:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(scope.start, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        scope.cutoff + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    raised = Q(raised_at__gte=start, raised_at__lt=end)
    resolved_by_end = Q(status=Obstacle.Status.RESOLVED, resolved_at__lt=end)
    counts = Obstacle.objects.filter(campaign=campaign).aggregate(
        raised=Count("pk", filter=raised),
        beyond=Count("pk", filter=raised & Q(beyond_authority=True)),
        resolved=Count(
            "pk",
            filter=Q(status=Obstacle.Status.RESOLVED, resolved_at__gte=start, resolved_at__lt=end),
        ),
        escalated=Count("pk", filter=raised & Q(status=Obstacle.Status.ESCALATED)),
        open=Count("pk", filter=raised & ~resolved_by_end),
    )
    escalated = (
        Obstacle.objects.filter(raised, campaign=campaign)
        .filter(Q(status=Obstacle.Status.ESCALATED) | Q(beyond_authority=True))
        .exclude(resolved_by_end)
        .order_by("raised_at", "pk")
        .values_list("unit__name", "description")[:ESCALATED_LISTED]
    )
    return ObstacleFigures(escalated_list=list(escalated), **counts)


def _awards(campaign, scope: Scope) -> AwardFigures:
    span = Q(decision_date__gte=scope.start, decision_date__lte=scope.cutoff)
    rows = (
        AwardRecord.objects.filter(span, campaign=campaign)
        .values("award_form_id", "award_form__name", "award_form__rank", "subject_type")
        .annotate(count=Count("pk"), prize=Sum("prize_amount"))
        .order_by("award_form__rank", "award_form__name", "award_form_id")
    )
    lines: dict[int, AwardLine] = {}
    total = AwardLine(_("Total"))
    for row in rows:
        line = lines.get(row["award_form_id"])
        if line is None:
            line = lines[row["award_form_id"]] = AwardLine(row["award_form__name"])
        line.add(row["subject_type"], row["count"], row["prize"])
        total.add(row["subject_type"], row["count"], row["prize"])
    decisions = [
        _("%(number)s of %(date)s")
        % {"number": d.number_symbol, "date": d.date.strftime("%d/%m/%Y")}
        for d in Decision.objects.filter(
            campaign=campaign, date__gte=scope.start, date__lte=scope.cutoff
        ).order_by("date", "number")
    ]
    proposals = Proposal.objects.filter(
        campaign=campaign, date__gte=scope.start, date__lte=scope.cutoff
    ).count()
    return AwardFigures(list(lines.values()), total, decisions, proposals)


def _key_series(line: IndicatorLine | None, periods, scope: Scope) -> list[tuple[str, object]]:
    """The accepted total of the key indicator at the end of each period of the span (what
    indicator_progress would give with that period's end as cut-off)."""
    if line is None:
        return []
    shown = [p for p in periods if scope.start <= p.end_date <= scope.cutoff]
    rows = (
        IndicatorState.objects.filter(indicator_id__in=line.ids, period__in=shown)
        .values("period_id", "indicator__kind")
        .annotate(latest=Sum("latest_value"), total=Sum("total"))
        .order_by()
    )
    by_period: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        per_period = row["indicator__kind"] == Indicator.Kind.PER_PERIOD
        value = row["total"] if per_period else row["latest"]
        by_period[row["period_id"]] += value or Decimal(0)
    return [(str(p.label), by_period.get(p.pk)) for p in shown]


def _key_line(sections: list[GroupSection]) -> IndicatorLine | None:
    """The indicator most units report (then the largest target): the one the line chart
    follows."""
    candidates = [line for section in sections for line in section.lines]
    if not candidates:
        return None
    return max(candidates, key=lambda line: (line.count, line.target))


def collect(campaign, kind: str, year: int | None = None, *, today=None, charts=True) -> Summary:
    """Every figure of the report of `campaign` (Kind.ANNUAL for `year`, or Kind.FINAL)."""
    today = today or timezone.localdate()
    scope = scope_for(campaign, kind, year)
    periods = _periods(campaign)
    items = metrics.indicator_progress(
        Indicator.objects.filter(task__campaign=campaign), scope.cutoff, periods
    )
    groups = metrics.rollups(items)
    everything = metrics.Group(key=None, label=str(campaign.name), items=items)
    content_items = [_section(g, with_lines=True) for g in groups["content_item"]]
    units = [_section(g, with_lines=False) for g in groups["unit"]]
    totals = metrics.status_totals(items)
    discipline, discipline_total = _discipline(campaign, periods, scope, today)
    key_line = _key_line(content_items)
    summary = Summary(
        campaign=campaign,
        scope=scope,
        items=items,
        overall=_section(everything, with_lines=False),
        status_totals=[(s, metrics.Status.LABELS[s], totals[s]) for s in metrics.Status.ORDER],
        content_items=content_items,
        units=units,
        discipline=discipline,
        discipline_total=discipline_total,
        obstacles=_obstacles(campaign, scope),
        awards=_awards(campaign, scope),
        key_line=key_line,
        key_series=_key_series(key_line, periods, scope),
        tasks=len({item.task.pk for item in items}),
        unit_count=len(units),
    )
    if charts:
        summary.charts = draw_charts(summary)
    return summary


# --- Charts --------------------------------------------------------------------------------------


def draw_charts(summary: Summary) -> dict:
    """SVG markup of the report's charts (inline in the HTML, drawn by WeasyPrint)."""
    charts = {}
    sections = summary.content_items
    if sections:
        # Content items by number; the table above the chart gives their text.
        charts["content_items"] = layout.bar_chart(
            [
                section.label.split(".", 1)[0] if section.label[:1].isdigit() else "—"
                for section in sections
            ],
            [
                (_("Achieved (%)"), [s.percent for s in sections]),
                (_("Expected by elapsed time (%)"), [s.expected for s in sections]),
            ],
            maximum=100,
        )
    series = summary.key_series
    if summary.key_line is not None and series:
        charts["key_indicator"] = layout.line_chart(
            [label for label, _value in series],
            [value for _label, value in series],
            name=f"{summary.key_line.name} ({summary.key_line.unit_of_measure})",
        )
    if summary.discipline:
        lines = summary.discipline
        charts["discipline"] = layout.stacked_bar_chart(
            [line.label for line in lines],
            [
                (_("On time"), [line.on_time for line in lines]),
                (_("Late"), [line.late for line in lines]),
                (_("Missing"), [line.missing for line in lines]),
            ],
        )
    return charts


# --- Narrative -----------------------------------------------------------------------------------


def narrative_for(campaign, kind: str, year: int) -> Narrative | None:
    return Narrative.objects.filter(campaign=campaign, kind=kind, year=year).first()


def _clip(text: str) -> str:
    text = " ".join(nfc(text or "").split())
    if len(text) > DRAFT_ENTRY_CHARS:
        text = text[: DRAFT_ENTRY_CHARS - 1].rstrip() + "…"
    return text


def _entries(rows) -> str:
    lines, seen = [], set()
    for unit, text in rows:
        text = _clip(text)
        if not text or (unit, text) in seen:
            continue
        seen.add((unit, text))
        lines.append(f"- {unit}: {text}")
        if len(lines) >= DRAFT_ENTRIES:
            break
    return "\n".join(lines)


def draft_narrative(campaign, kind: str, year: int | None = None) -> dict[str, str]:
    """Initial values of the narrative form: the units' own words in the span (their latest
    accepted report's general assessment and work done, their proposals, the obstacles they
    raised). Five queries."""
    scope = scope_for(campaign, kind, year)
    reports = ProgressReport.objects.filter(
        period__campaign=campaign,
        status=ProgressReport.Status.ACCEPTED,
        period__end_date__gte=scope.start,
        period__end_date__lte=scope.cutoff,
    )
    # Each unit's latest accepted report of the span.
    latest = reports.filter(unit=OuterRef("unit_id")).order_by("-period__end_date", "-pk")
    latest_ids = list(
        reports.annotate(latest=Subquery(latest.values("pk")[:1]))
        .filter(pk=F("latest"))
        .order_by("unit__path")
        .values_list("pk", flat=True)
    )
    notes = list(
        ProgressReport.objects.filter(pk__in=latest_ids)
        .exclude(general_notes="")
        .order_by("unit__path")
        .values_list("unit__name", "general_notes")
    )
    task_texts = list(
        TaskReport.objects.filter(report_id__in=latest_ids)
        .order_by("report__unit__path", "task__title", "pk")
        .values_list("report__unit__name", "done_text", "proposals")
    )
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(scope.start, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        scope.cutoff + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    obstacles = list(
        Obstacle.objects.filter(campaign=campaign, raised_at__gte=start, raised_at__lt=end)
        .exclude(status=Obstacle.Status.RESOLVED)
        .order_by("unit__path", "raised_at", "pk")
        .values_list("unit__name", "description", "beyond_authority")[:DRAFT_ENTRIES]
    )
    units = Task.objects.filter(campaign=campaign).values("unit_id").distinct().count()
    if scope.is_final:
        situation = _(
            "The campaign “%(name)s” ran from %(start)s to %(end)s with %(units)s participating "
            "units."
        )
    else:
        situation = _(
            "In %(year)s the campaign “%(name)s” (%(start)s to %(end)s) was carried out by "
            "%(units)s units."
        )
    situation = situation % {
        "name": campaign.name,
        "year": scope.year,
        "start": campaign.start_date.strftime("%d/%m/%Y"),
        "end": campaign.end_date.strftime("%d/%m/%Y"),
        "units": units,
    }
    parent = campaign.issuing_organization.parent
    return {
        "situation": situation,
        "leadership": "",
        "results_comment": _entries((unit, done) for unit, done, _p in task_texts),
        "role_models": "",
        "awards_comment": "",
        "strengths": _entries(notes),
        "shortcomings": _entries((unit, text) for unit, text, _b in obstacles),
        "causes": "",
        "lessons": "",
        "directions": "",
        "proposals": _entries(
            [(unit, p) for unit, _d, p in task_texts]
            + [(unit, text) for unit, text, beyond in obstacles if beyond]
        ),
        "recipient": parent.name_on(timezone.localdate()) if parent is not None else "",
    }


def paragraphs(text: str) -> list[str]:
    """A narrative field as the paragraphs of the document (one per non-empty line)."""
    return [line.strip() for line in nfc(text or "").splitlines() if line.strip()]


# --- The document --------------------------------------------------------------------------------


def document_summary(campaign, scope: Scope) -> str:
    if scope.is_final:
        return _("Final review of the emulation campaign “%(name)s”, %(start)s – %(end)s") % {
            "name": campaign.name,
            "start": campaign.start_date.year,
            "end": campaign.end_date.year,
        }
    return _("Preliminary review of %(year)s of the emulation campaign “%(name)s”") % {
        "year": scope.year,
        "name": campaign.name,
    }


def header(campaign, scope: Scope, narrative, number: int | None, date: datetime.date):
    """The report's header: the issuing organization's BC series, the campaign's signer."""
    recipient = (narrative.recipient if narrative else "") or ""
    recipients = [_("As above")] if recipient else []
    recipients.append(_("Participating units"))
    return layout.DocumentHeader.for_organization(
        campaign.issuing_organization,
        date,
        "BC",
        number,
        type_title=_("REPORT"),
        # The organization's place name; a body without one keeps its plan's.
        place=campaign.issuing_organization.place_name or campaign.place_name,
        summary=document_summary(campaign, scope),
        recipient_line=recipient,
        recipients=recipients,
        archive="VT, VP",
        signer=layout.Signer(
            campaign.signer_authority, campaign.signer_title, campaign.signer_name
        ),
    )


def context(summary: Summary, narrative, doc) -> dict:
    text = {
        name: paragraphs(getattr(narrative, name, "") if narrative else "")
        for name in NARRATIVE_FIELDS
    }
    return {
        "doc": doc,
        "s": summary,
        # Headers with "%" come from Python: a template's {% translate %} looks up "%%".
        "h": {"achieved": _("Achieved (%)"), "expected": _("Expected by elapsed time (%)")},
        "campaign": summary.campaign,
        "scope": summary.scope,
        "text": text,
        "issuer_name": summary.campaign.issuing_organization.name_on(doc.date),
        "cutoff": summary.scope.cutoff.strftime("%d/%m/%Y"),
        "start": summary.scope.start.strftime("%d/%m/%Y"),
    }
