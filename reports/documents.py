"""What the official documents other than the sơ kết / tổng kết hold: council minutes, an award
decision with its list, a proposal with its list, a campaign's nomination list and a reporting
period's progress summary. Each `*_data` function reads the database in a bounded number of
queries and returns the context its template (templates/reports/pdf/<kind>.html) prints.

The minutes, decision and proposal read the same functions as their HTML pages
(awards.sessions.minutes, the decision's award records, the proposal's items), so the PDF and
the page cannot disagree. Amounts are written out in words in the customary form of Vietnamese
financial documents (`amount_in_words`).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from num2words import num2words

from awards import sessions as session_services
from awards.decisions import signature_of
from awards.models import AwardRecord, Decision, Nomination, Proposal, ProposalItem, Session
from awards.registry import unit_label
from campaign import metrics
from campaign.models import Campaign, Indicator, ProgressReport, ReportingPeriod, SubjectType, Task
from reports.layout import Signer, num, upper, vn_date

# --- Amounts in words ----------------------------------------------------------------------------

# Groups of three digits below a billion; a billion and more is read as a number of "tỷ".
_SCALES = ["", "nghìn", "triệu"]
BILLION = 1_000_000_000


def _group_words(value: int, full: bool) -> str:
    """Three digits in words. `full`: a group after a higher one keeps its hundreds ("không
    trăm năm mươi ba") and a lone unit after zero tens reads "linh" ("bảy trăm linh hai")."""
    hundreds, rest = divmod(value, 100)
    if not full and hundreds == 0:
        return num2words(rest, lang="vi")
    words = f"{num2words(hundreds, lang='vi')} trăm"
    if rest == 0:
        return words
    if rest < 10:
        return f"{words} linh {num2words(rest, lang='vi')}"
    return f"{words} {num2words(rest, lang='vi')}"


def _below_billion(amount: int, full: bool) -> list[str]:
    groups = []
    while amount:
        amount, group = divmod(amount, 1000)
        groups.append(group)
    parts = []
    for index in range(len(groups) - 1, -1, -1):
        if groups[index]:
            # Only the leading group of the whole number is read short.
            text = _group_words(groups[index], full=full or index != len(groups) - 1)
            parts.append(f"{text} {_SCALES[index]}".strip())
    return parts


def _words(amount: int, full: bool = False) -> list[str]:
    billions, rest = divmod(amount, BILLION)
    parts = []
    if billions:
        parts = [*_words(billions, full), "tỷ"]
        full = True
    return parts + _below_billion(rest, full)


def amount_in_words(amount: int, currency: str = "đồng") -> str:
    """1053000 → "Một triệu không trăm năm mươi ba nghìn đồng".

    num2words reads Vietnamese numbers in the spoken short form ("một triệu năm mươi ba
    nghìn", "lẻ"); financial documents read every group after the first in full, with "không
    trăm" and "linh", and skip groups that are all zeros ("Một tỷ không trăm linh năm đồng").
    """
    amount = int(amount)
    if amount < 0:
        raise ValueError("amount must not be negative")
    words = " ".join(_words(amount)) if amount else num2words(0, lang="vi")
    words = words.replace(" lẻ ", " linh ")
    return f"{words[:1].upper()}{words[1:]} {currency}".strip()


# --- Dates ---------------------------------------------------------------------------------------


def local_date(moment) -> datetime.date:
    return timezone.localtime(moment).date() if moment else timezone.localdate()


class DocumentRefused(ValidationError):
    """The subject cannot give this document yet (e.g. the session is not closed)."""


# --- Minutes ---------------------------------------------------------------------------------


def minutes_data(session: Session) -> dict:
    """The minutes of a closed session: what awards.sessions.minutes reads for the HTML page,
    with the times the document writes out."""
    if session.status != Session.Status.CLOSED:
        raise DocumentRefused(
            _(
                "The minutes can only be produced for a closed session: “%(title)s” is not "
                "closed yet."
            )
            % {"title": session.title},
            code="session_not_closed",
        )
    context = session_services.minutes(session)
    opened = timezone.localtime(session.opened_at) if session.opened_at else None
    closed = timezone.localtime(session.closed_at)
    return {
        **context,
        "session": session,
        "council": session.council,
        "campaign": session.campaign,
        "date": closed.date(),
        "opened": opened,
        "closed": closed,
        "opened_day": vn_date(opened.date()) if opened else "",
        "closed_day": vn_date(closed.date()),
        "notes_lines": [line.strip() for line in session.notes.splitlines() if line.strip()],
        # The secretary signs left, the chair right, each under their role in the council.
        "secretary_signer": Signer(
            "",
            _("SECRETARY"),
            context["secretary"].person.full_name if context["secretary"] else "",
        ),
        "chair_signer": Signer(
            "", _("CHAIR"), context["chair"].person.full_name if context["chair"] else ""
        ),
    }


# --- Decision -------------------------------------------------------------------------------


def signature(document, campaign: Campaign) -> Signer:
    """As the HTML page signs (awards.decisions.signature_of)."""
    return Signer(*signature_of(document, campaign))


def parent_body(organization, campaign: Campaign, day: datetime.date) -> str:
    """The parent body as the HTML documents print it: the plan's own wording when the
    organization issued the plan, else the parent's name on the day."""
    if campaign.parent_body_name and campaign.issuing_organization_id == organization.pk:
        return campaign.parent_body_name
    if organization.parent_id:
        return organization.parent.name_on(day)
    return ""


@dataclass
class AwardRow:
    record: AwardRecord
    unit: str

    @property
    def amount_text(self) -> str:
        return num(self.record.prize_amount)


def decision_data(decision: Decision) -> dict:
    """The decision and its attached list, amounts as the registry holds them (4 queries)."""
    decision = Decision.objects.select_related(
        "organization__parent", "campaign__issuing_organization", "award_form", "session"
    ).get(pk=decision.pk)
    campaign = decision.campaign
    records = list(
        AwardRecord.objects.filter(decision=decision)
        .select_related("person__organization", "organization__parent", "nomination__unit")
        .order_by("pk")
    )
    total = sum(r.prize_amount for r in records)
    return {
        "decision": decision,
        "campaign": campaign,
        "date": decision.date,
        "rows": [AwardRow(record, unit_label(record)) for record in records],
        "total": total,
        "total_text": num(total),
        "total_words": amount_in_words(total),
        "base_salary": num(decision.base_salary),
        "authority_line": upper(decision.authority),
        "award_form_upper": upper(decision.award_form.name),
        "issuer_name": decision.organization.name_on(decision.date),
        "legal_bases": [basis.text for basis in campaign.legal_bases.order_by("order", "pk")],
        "signer": signature(decision, campaign),
        "session_day": local_date(decision.session.scheduled_at) if decision.session else None,
    }


# --- Proposal -------------------------------------------------------------------------------

ACHIEVEMENTS_LENGTH = 400


def _short(text: str, length: int = ACHIEVEMENTS_LENGTH) -> str:
    """The start of an achievement report, cut at a word, for a cell of the list."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


def nominee_unit(nomination: Nomination) -> str:
    """As the registry labels an awardee: a person's unit, a collective's parent body, a
    household's commune or address; otherwise the proposing unit."""
    if nomination.subject_type == SubjectType.INDIVIDUAL and nomination.nominee_person_id:
        person = nomination.nominee_person
        if person.organization_id:
            return person.organization.name
    elif nomination.subject_type == SubjectType.COLLECTIVE and nomination.nominee_organization_id:
        parent = nomination.nominee_organization.parent
        if parent is not None:
            return parent.name
    elif nomination.subject_type == SubjectType.HOUSEHOLD:
        return nomination.household_commune or nomination.household_address or nomination.unit.name
    return nomination.unit.name


@dataclass
class ProposalRow:
    item: ProposalItem
    nomination: Nomination
    unit: str
    achievements: str


def _count_by_subject(subject_types) -> list[tuple[str, int]]:
    counts = Counter(subject_types)
    labels = dict(SubjectType.choices)
    return [(labels[s], counts[s]) for s in SubjectType.values if counts.get(s)]


def proposal_data(proposal: Proposal) -> dict:
    """The proposal and its list, with the start of each achievement report (2 queries)."""
    proposal = Proposal.objects.select_related(
        "organization__parent", "campaign__issuing_organization", "award_form", "session"
    ).get(pk=proposal.pk)
    items = list(
        ProposalItem.objects.filter(proposal=proposal)
        .select_related(
            "nomination__unit",
            "nomination__nominee_person__organization",
            "nomination__nominee_organization__parent",
        )
        .order_by("order", "pk")
    )
    rows = [
        ProposalRow(
            item=item,
            nomination=item.nomination,
            unit=nominee_unit(item.nomination),
            achievements=_short(item.nomination.achievements or item.nomination.summary),
        )
        for item in items
    ]
    return {
        "proposal": proposal,
        "campaign": proposal.campaign,
        "date": proposal.date,
        "rows": rows,
        "award_form_upper": upper(proposal.award_form.name),
        "issuer_name": proposal.organization.name_on(proposal.date),
        "signer": signature(proposal, proposal.campaign),
        "session_day": local_date(proposal.session.scheduled_at) if proposal.session else None,
        "by_subject": _count_by_subject(r.nomination.subject_type for r in rows),
    }


# --- Nomination list ------------------------------------------------------------------------


@dataclass
class NominationGroup:
    subject_label: str
    rows: list = field(default_factory=list)


@dataclass
class NominationPart:
    award_form: object
    groups: dict = field(default_factory=dict)


def nominations_data(campaign: Campaign, year: int | None) -> dict:
    """A campaign's submitted nominations (of one year, or all), by award form then subject
    type, with the stage each has reached and the counts per stage (1 query)."""
    queryset = (
        Nomination.objects.filter(campaign=campaign)
        .exclude(status=Nomination.Status.DRAFT)
        .select_related(
            "award_form", "unit", "nominee_person__organization", "nominee_organization__parent"
        )
        .order_by("award_form__rank", "award_form_id", "unit__path", "nominee_name_folded", "pk")
    )
    if year:
        queryset = queryset.filter(year=year)
    labels = dict(SubjectType.choices)
    subject_order = {value: index for index, value in enumerate(SubjectType.values)}
    nominations = list(queryset)
    parts: dict = {}
    counts: Counter = Counter()
    for nomination in nominations:
        part = parts.get(nomination.award_form_id)
        if part is None:
            part = parts[nomination.award_form_id] = NominationPart(nomination.award_form)
        group = part.groups.get(nomination.subject_type)
        if group is None:
            group = part.groups[nomination.subject_type] = NominationGroup(
                labels[nomination.subject_type]
            )
        group.rows.append({"nomination": nomination, "unit": nominee_unit(nomination)})
        counts[nomination.status] += 1
    for part in parts.values():
        part.groups = [
            part.groups[key] for key in sorted(part.groups, key=lambda k: subject_order[k])
        ]
    return {
        "campaign": campaign,
        "year": year,
        "parts": list(parts.values()),
        "total": len(nominations),
        "counts": dict(counts),
        "statuses": [
            (label, counts[value]) for value, label in Nomination.Status.choices if counts[value]
        ],
    }


# --- Period progress summary ----------------------------------------------------------------


class Submission:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"

    @staticmethod
    def label(status: str) -> str:
        return {
            Submission.ON_TIME: _("On time"),
            Submission.LATE: _("Late"),
            Submission.MISSING: _("Not submitted"),
        }[status]


@dataclass
class UnitDiscipline:
    unit: object
    status: str
    submitted_on: datetime.date | None
    report_status: str

    @property
    def label(self) -> str:
        return Submission.label(self.status)


def period_discipline(period: ReportingPeriod) -> list[UnitDiscipline]:
    """Each unit expected to report for the period — its first task of the campaign had
    started by the period's end, as metrics.discipline counts — on time, late or missing by
    the date of its first submission against the due date (3 queries)."""
    from units.models import Organization

    starts = dict(
        Task.objects.filter(campaign_id=period.campaign_id)
        .values("unit_id")
        .annotate(first=Min("start_date"))
        .values_list("unit_id", "first")
        .order_by()
    )
    expected = [pk for pk, start in starts.items() if start is None or start <= period.end_date]
    reports = {
        report.unit_id: report
        for report in ProgressReport.objects.filter(period=period, unit_id__in=expected).only(
            "unit_id", "first_submitted_at", "status"
        )
    }
    rows = []
    for unit in Organization.objects.filter(pk__in=expected).order_by("path"):
        report = reports.get(unit.pk)
        first = report.first_submitted_at if report else None
        submitted = local_date(first) if first else None
        if submitted is None:
            status = Submission.MISSING
        elif submitted <= period.due_date:
            status = Submission.ON_TIME
        else:
            status = Submission.LATE
        rows.append(
            UnitDiscipline(
                unit=unit,
                status=status,
                submitted_on=submitted,
                report_status=report.get_status_display() if report else "",
            )
        )
    return rows


@dataclass
class IndicatorRow:
    item: metrics.IndicatorProgress

    @property
    def target(self) -> str:
        return num(self.item.target)

    @property
    def achieved(self) -> str:
        return num(self.item.achieved)

    @property
    def percent(self) -> str:
        return num(self.item.percent, 1) if self.item.percent is not None else ""


def period_data(period: ReportingPeriod) -> dict:
    """The period's reporting discipline per unit, and every indicator's progress at the
    period's end exactly as metrics.indicator_progress computes it for the dashboards."""
    period = ReportingPeriod.objects.select_related("campaign__issuing_organization").get(
        pk=period.pk
    )
    campaign = period.campaign
    cutoff = period.end_date
    items = metrics.indicator_progress(Indicator.objects.filter(task__campaign=campaign), cutoff)
    discipline = period_discipline(period)
    counts = Counter(row.status for row in discipline)
    unit_groups = metrics.rollups(items)["unit"] if items else []
    for group in unit_groups:
        group.percent_text = num(group.percent, 1)
        group.expected_text = num(group.expected_percent, 1)
    overall = metrics.Group(key=None, label="", items=list(items)).percent
    return {
        "campaign": campaign,
        "period": period,
        "cutoff": cutoff,
        "items": items,
        "indicator_rows": [IndicatorRow(item) for item in items],
        "unit_groups": unit_groups,
        "status_totals": [
            (metrics.Status.LABELS[status], count)
            for status, count in metrics.status_totals(items).items()
            if count
        ],
        "discipline": discipline,
        "expected": len(discipline),
        "on_time": counts[Submission.ON_TIME],
        "late": counts[Submission.LATE],
        "missing": counts[Submission.MISSING],
        "overall_percent": overall,
        "overall_percent_text": num(overall, 1) + " %",
    }


# --- What the builders share ----------------------------------------------------------------


def pdf_filename(title: str, number_symbol: str = "", subject: str = "") -> str:
    """“Biên bản số 01-BB-HĐTĐKT - Phiên họp xét khen thưởng.pdf”: Vietnamese, without the
    characters a file name cannot hold."""
    parts = [title]
    if number_symbol:
        parts[0] = _("%(title)s No. %(number)s") % {"title": title, "number": number_symbol}
    if subject:
        parts.append(subject)
    name = " - ".join(part.strip() for part in parts if part and part.strip())
    for bad in '/\\:*?"<>|':
        name = name.replace(bad, "-")
    return f"{' '.join(name.split())[:150]}.pdf"


def require_subject(job, subject, message: str):
    """The job's subject, of the job's campaign; a clear reason otherwise."""
    from .builders import BuildError

    if subject is None:
        raise BuildError(message)
    if getattr(subject, "campaign_id", job.campaign_id) != job.campaign_id:
        raise BuildError(_("The document's subject belongs to another campaign."))
    return subject
