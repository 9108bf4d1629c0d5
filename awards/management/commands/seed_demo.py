"""`manage.py seed_demo`: master data, the two seed plans, their organizations and demo logins,
key projects, and for both campaigns tasks, reporting periods and a progress history (see "Demo
progress" below: planned from a fixed random seed per campaign, written only where missing).
Lạng Sơn's tasks implement the plan's content items; Hà Nam's plan has none on record, so its
tasks implement none (none is invented).

Idempotent: every row is found by a natural key (a code, a username, an effective date, a
campaign and a position in it) and created only when missing, so a second run changes nothing.
Existing rows are left as they are — an administrator's edits survive a rerun — unless
`--update` is given, which puts the seeded fields back to the seed values (only rows that differ
are saved; nothing is deleted). Passwords are set only when a login is created.

The data lives in `campaign/seed_data.py`; this module only loads it. The loaders are plain
functions over a `Seeder`, usable from other code (e.g. an "import a seed plan" action).
"""

import copy
import datetime
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext

from awards import demo as awards_demo
from awards.models import BaseSalary
from campaign import progress_state, seed_data
from campaign.models import (
    PLAN_FIELDS,
    AwardForm,
    Campaign,
    CampaignAwardForm,
    ContentItem,
    Indicator,
    IndicatorValue,
    KeyProject,
    LegalBasis,
    LegalDocument,
    Obstacle,
    PlanStatement,
    ProgressReport,
    Reminder,
    ReportingPeriod,
    ReportVersion,
    SubjectCategory,
    Task,
    TaskReport,
)
from campaign.reporting import snapshot
from campaign.setup import generate_periods, period_bounds
from units.audit import log_action
from units.models import AuditEvent, Membership, Organization, OrganizationName, Person, Role

# The one password of every demo login (set when the login is created, never on a rerun).
DEMO_PASSWORD = "ThiDua@2025"


class Seeder:
    """Finds or creates rows by natural key and counts what it did."""

    def __init__(self, update: bool = False):
        self.update = update
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()

    def upsert(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any],
        on_create: Callable[[], dict[str, Any]] | None = None,
    ) -> tuple[models.Model, bool]:
        """The row matching `lookup`; created with `values` (and `on_create()`) when missing."""
        obj = model._default_manager.filter(**lookup).first()
        label = model._meta.label
        if obj is None:
            extra = on_create() if on_create else {}
            obj = model(**lookup, **values, **extra)
            obj.save()
            self.created[label] += 1
            return obj, True
        if self.update:
            changed = [name for name, value in values.items() if not _same(obj, name, value)]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                obj.save()
                self.updated[label] += 1
        return obj, False

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


def _same(obj: models.Model, name: str, value: Any) -> bool:
    field = obj._meta.get_field(name)
    if field.many_to_one or field.one_to_one:
        current = getattr(obj, field.attname)
        return current == (value.pk if value is not None else None)
    return getattr(obj, name) == value


# --- Master data ---------------------------------------------------------------------------------


def load_award_forms(seeder: Seeder) -> dict[str, AwardForm]:
    forms = {}
    for entry in seed_data.AWARD_FORMS:
        values = {k: v for k, v in entry.items() if k != "code"}
        forms[entry["code"]], _ = seeder.upsert(AwardForm, {"code": entry["code"]}, values)
    return forms


def load_base_salaries(seeder: Seeder) -> None:
    for entry in seed_data.BASE_SALARIES:
        values = {k: v for k, v in entry.items() if k != "effective_from"}
        seeder.upsert(BaseSalary, {"effective_from": entry["effective_from"]}, values)


def load_legal_documents(seeder: Seeder) -> dict[str, LegalDocument]:
    documents = {}
    for entry in seed_data.LEGAL_DOCUMENTS:
        lookup = {"number": entry["number"], "issued_on": entry["issued_on"]}
        values = {k: v for k, v in entry.items() if k not in ("ref", "number", "issued_on")}
        documents[entry["ref"]], _ = seeder.upsert(LegalDocument, lookup, values)
    return documents


# --- Organizations -------------------------------------------------------------------------------


def load_organizations(seeder: Seeder) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for entry in seed_data.ORGANIZATIONS:
        values = {
            "parent": _ref(orgs, entry["parent"], "parent"),
            "kind": entry["kind"],
            "name": entry["name"],
            "abbreviation": entry["abbreviation"],
            "place_name": entry["place_name"],
            "succeeded_by": _ref(orgs, entry["succeeded_by"], "successor"),
            "dissolved_on": entry["dissolved_on"],
        }
        org, _ = seeder.upsert(Organization, {"code": entry["code"]}, values)
        orgs[entry["code"]] = org
        for name in entry["names"]:
            seeder.upsert(
                OrganizationName,
                {"organization": org, "valid_from": name["valid_from"]},
                {
                    "name": name["name"],
                    "abbreviation": name["abbreviation"],
                    "valid_to": name["valid_to"],
                },
            )
    return orgs


def _ref(orgs: dict[str, Organization], code: str | None, what: str) -> Organization | None:
    if code is None:
        return None
    if code not in orgs:
        raise ValueError(f"seed_data.ORGANIZATIONS: the {what} “{code}” must come first.")
    return orgs[code]


# --- Campaigns -----------------------------------------------------------------------------------

_CAMPAIGN_FIELDS = ("status", *PLAN_FIELDS)

_STATEMENT_SECTIONS = (
    ("purposes", PlanStatement.Kind.PURPOSE),
    ("requirements", PlanStatement.Kind.REQUIREMENT),
    ("solutions", PlanStatement.Kind.SOLUTION),
    ("responsibilities", PlanStatement.Kind.RESPONSIBILITY),
    ("recipients", PlanStatement.Kind.RECIPIENT),
)


def load_campaign(
    seeder: Seeder,
    entry: dict[str, Any],
    orgs: dict[str, Organization],
    documents: dict[str, LegalDocument],
    award_forms: dict[str, AwardForm],
) -> Campaign:
    values = {name: entry[name] for name in _CAMPAIGN_FIELDS}
    values["issuing_organization"] = orgs[entry["issuing_organization"]]

    def first_publication():
        published = entry["status"] in (Campaign.Status.PUBLISHED, Campaign.Status.CLOSED)
        return {"published_at": timezone.now() if published else None}

    campaign, created = seeder.upsert(
        Campaign, {"code": entry["code"]}, values, on_create=first_publication
    )
    if created:
        log_action(
            "campaign.imported",
            None,
            campaign,
            data={"source": "seed_demo"},
            organization=campaign.issuing_organization,
        )

    for order, basis in enumerate(entry["legal_bases"], start=1):
        seeder.upsert(
            LegalBasis,
            {"campaign": campaign, "order": order},
            {"document": documents[basis["document"]], "text": basis["text"]},
        )
    for key, kind in _STATEMENT_SECTIONS:
        for order, text in enumerate(entry[key], start=1):
            seeder.upsert(
                PlanStatement, {"campaign": campaign, "kind": kind, "order": order}, {"text": text}
            )
    for number, text in enumerate(entry["content_items"], start=1):
        seeder.upsert(ContentItem, {"campaign": campaign, "number": number}, {"text": text})
    for order, subject in enumerate(entry["subject_categories"], start=1):
        seeder.upsert(
            SubjectCategory,
            {"campaign": campaign, "subject_type": subject["subject_type"]},
            {
                "order": order,
                "label": subject["label"],
                "description": subject["description"],
                "criteria": subject["criteria"],
            },
        )
    for order, form in enumerate(entry["award_forms"], start=1):
        seeder.upsert(
            CampaignAwardForm,
            {"campaign": campaign, "award_form": award_forms[form["award_form"]]},
            {"order": order, "label": form["label"]},
        )
    return campaign


# --- Demo users ----------------------------------------------------------------------------------


def load_demo_users(seeder: Seeder, orgs: dict[str, Organization]) -> list[Membership]:
    User = get_user_model()
    hashed: list[str] = []

    def password_once():
        # One hash per run (hashing is deliberately slow); the same password for every login.
        if not hashed:
            hashed.append(make_password(DEMO_PASSWORD))
        return {"password": hashed[0]}

    memberships = []
    for entry in seed_data.DEMO_USERS:
        email = f"{entry['username']}@{seed_data.DEMO_EMAIL_DOMAIN}"
        is_admin = entry["role"] == "administrator"
        user, _ = seeder.upsert(
            User,
            {"username": entry["username"]},
            {
                # The project's convention (tests/factories.py): last_name is the family name.
                "first_name": entry["given_names"],
                "last_name": entry["family_name"],
                "email": email,
                "is_active": True,
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
            on_create=password_once,
        )
        seeder.upsert(
            Person,
            {"user": user},
            {
                "full_name": f"{entry['family_name']} {entry['given_names']}",
                "position": entry["position"],
                "organization": orgs[entry["organization"]],
                "sex": entry["sex"],
                "email": email,
            },
        )
        membership, _ = seeder.upsert(
            Membership,
            {
                "user": user,
                "organization": orgs[entry["role_organization"]],
                "role": entry["role"],
            },
            {},
        )
        memberships.append(membership)
    return memberships


# --- Demo progress: key projects, tasks, periods, reports (issue 3) ------------------------------
#
# The history is planned first as pure data, drawn from one seeded generator over every period of
# the campaign (whatever the database holds and whatever day it is); then only the (period, unit)
# pairs without a report are written, with bulk inserts, up to the last period already due. So a
# second run writes nothing, and a run months later only adds the periods that have come due
# since (the reports that were "latest" then keep the state they were left in). No evidence files:
# files on disk would outlive a database reset and break the rerun rule.


def load_key_projects(seeder: Seeder, orgs: dict[str, Organization]) -> dict[str, KeyProject]:
    projects = {}
    for entry in seed_data.KEY_PROJECTS:
        values = {k: v for k, v in entry.items() if k not in ("organization", "code")}
        projects[entry["code"]], _ = seeder.upsert(
            KeyProject, {"organization": orgs[entry["organization"]], "code": entry["code"]}, values
        )
    return projects


def load_demo_reporters(seeder: Seeder, orgs: dict[str, Organization]) -> None:
    """Heads of the reporting units without a demo login: people on record, not logins."""
    User = get_user_model()
    for entry in seed_data.DEMO_REPORTERS:
        email = f"{entry['username']}@{seed_data.DEMO_EMAIL_DOMAIN}"
        org = orgs[entry["organization"]]
        user, _ = seeder.upsert(
            User,
            {"username": entry["username"]},
            {
                "first_name": entry["given_names"],
                "last_name": entry["family_name"],
                "email": email,
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
            },
            on_create=lambda: {"password": make_password(None)},  # unusable: cannot log in
        )
        seeder.upsert(
            Person,
            {"user": user},
            {
                "full_name": f"{entry['family_name']} {entry['given_names']}",
                "position": entry["position"],
                "organization": org,
                "sex": entry["sex"],
                "email": email,
            },
        )
        seeder.upsert(Membership, {"user": user, "organization": org, "role": Role.UNIT_HEAD}, {})


def load_tasks(
    seeder: Seeder,
    campaign: Campaign,
    specs: list[dict],
    orgs: dict[str, Organization],
    projects: dict[str, KeyProject],
) -> list[tuple[Task, list[Indicator]]]:
    """Tasks keyed by (campaign, unit, content item, title); indicators by (task, order). A
    spec's content item is a number of the plan, or None for a plan without content items
    (the lookup then matches the task without one)."""
    items = {item.number: item for item in campaign.content_items.all()}
    loaded = []
    for spec in specs:
        number = spec["content_item"]
        task, _ = seeder.upsert(
            Task,
            {
                "campaign": campaign,
                "unit": orgs[spec["unit"]],
                "content_item": items[number] if number is not None else None,
                "title": spec["title"],
            },
            {
                "project": projects[spec["project"]] if spec["project"] else None,
                "start_date": spec["start_date"],
                "deadline": spec["deadline"],
            },
        )
        indicators = []
        for order, row in enumerate(spec["indicators"], start=1):
            indicator, _ = seeder.upsert(
                Indicator,
                {"task": task, "order": order},
                {
                    "name": row["name"],
                    "unit_of_measure": row["unit_of_measure"],
                    "target": row["target"],
                    "kind": row["kind"],
                },
            )
            indicators.append(indicator)
        loaded.append((task, indicators))
    return loaded


# A cumulative indicator follows an S-curve: slow start, fast middle, slow end.
_S_STEEPNESS = 6.0
_S_MIDPOINT = 0.5


def _s_curve(x: float) -> float:
    def logistic(t: float) -> float:
        return 1.0 / (1.0 + math.exp(-_S_STEEPNESS * (t - _S_MIDPOINT)))

    x = min(max(x, 0.0), 1.0)
    return (logistic(x) - logistic(0.0)) / (logistic(1.0) - logistic(0.0))


def _quantize(value: float, places: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass
class PlannedReport:
    """One unit's report for one period, drawn once for the whole campaign."""

    fate: str  # accepted, missing; the latest periods: draft, partial_draft, submitted, returned
    late: bool = False
    returned_once: bool = False  # returned, corrected, resubmitted and accepted: two versions
    values: dict = field(default_factory=dict)  # (task index, indicator index) -> Decimal
    increments: dict = field(default_factory=dict)
    activity: int = 0
    note: int = 0
    proposal: int | None = None
    obstacle: int | None = None  # index in the campaign's texts["obstacles"]
    obstacle_task: int = 0  # among the unit's own tasks
    return_comment: int = 0
    created_days: int = 3  # the draft is opened this many days before the period ends
    submit_shift: int = 0  # days before the due date (on time) or after it (late)
    review_days: int = 2
    minutes: int = 0  # time of day, from 08:00


def plan_history(entry: dict, bounds: list[tuple]) -> dict[tuple[str, int], PlannedReport]:
    """(unit code, period index) → the unit's report, for every period in `bounds` ((year,
    number, first day, last day) of each), before the latest-period overrides. Pure."""
    rng = random.Random(entry["random_seed"])
    tasks, texts = entry["tasks"], entry["texts"]
    plan = {}
    for unit in entry["units"]:
        mine = [t for t, spec in enumerate(tasks) if spec["unit"] == unit]
        level: dict[tuple[int, int], Decimal] = {}  # cumulative work done
        reported: dict[tuple[int, int], Decimal] = {}  # as of the unit's last report
        # How far ahead of (+) or behind (-) the curve a unit is drifts slowly from month to
        # month, so the figures wobble like real ones without jumping back and forth.
        drift: dict[tuple[int, int], float] = {}
        for index, (_year, _number, _start, end) in enumerate(bounds):
            # The same number of draws for every report, whatever its fate.
            fate, late, returned, obstacle, proposal = (rng.random() for _ in range(5))
            report = PlannedReport(
                fate="missing" if fate < entry["missing_rate"] else "accepted",
                late=late < entry["late_rate"],
                returned_once=returned < entry["returned_rate"],
                activity=rng.randrange(3),
                note=rng.randrange(len(texts["report_notes"])),
                proposal=rng.randrange(len(texts["proposals"])),
                obstacle_task=mine[rng.randrange(len(mine))],
                return_comment=rng.randrange(len(texts["return_comments"])),
                created_days=rng.randint(1, 6),
                submit_shift=rng.randint(1, 12) if late < entry["late_rate"] else rng.randint(0, 4),
                review_days=rng.randint(1, 4),
                minutes=rng.randrange(8 * 60),
            )
            options = tasks[report.obstacle_task]["obstacles"]
            report.obstacle = options[rng.randrange(len(options))]
            if proposal >= 0.06:
                report.proposal = None
            if obstacle >= entry["obstacle_rate"]:
                report.obstacle = None
            for t in mine:
                spec = tasks[t]
                span = max((spec["deadline"] - spec["start_date"]).days, 1)
                x = (end - spec["start_date"]).days / span
                for i, row in enumerate(spec["indicators"]):
                    shock = rng.gauss(0.0, 0.025)
                    if row["kind"] == Indicator.Kind.PER_PERIOD:
                        # Work of the period only, while the task runs; the target is the
                        # total over the task, so a period does about its share of it.
                        share = float(row["target"]) * 30 / span
                        amount = rng.randint(1, max(1, round(2 * share)))
                        value = Decimal(amount if 0 <= x <= 1 else 0)
                        report.values[(t, i)] = report.increments[(t, i)] = value
                        continue
                    target = float(row["target"])
                    ideal = target * float(row["final"]) * _s_curve(x - float(row["lag"]))
                    wobble = min(max(0.7 * drift.get((t, i), 0.0) + shock, -0.1), 0.04)
                    drift[(t, i)] = wobble
                    if x < 1:  # never above the target by more than the planned final share
                        ideal = min(ideal * (1 + wobble), target * max(float(row["final"]), 1))
                    value = max(level.get((t, i), Decimal(0)), _quantize(ideal, row["places"]))
                    if row["capped_by"] is not None:
                        # E.g. households paid ≤ households that agreed: the cap never
                        # decreases and was above this value last time, so neither does it.
                        value = min(value, level[(t, row["capped_by"])])
                    level[(t, i)] = value  # the work done never decreases
                    report.values[(t, i)] = value
                    # "In the period" counts from the last report the unit sent.
                    report.increments[(t, i)] = value - reported.get((t, i), Decimal(0))
            if report.fate != "missing":
                reported.update({k: v for k, v in report.values.items() if k in level})
            plan[(unit, index)] = report
    return plan


def demo_cutoff(periods: list[ReportingPeriod], today: datetime.date) -> int | None:
    """Index of the last period already due on `today`: the history stops there, so it is the
    same for every run on the same day (and on any day until the next period falls due)."""
    due = [index for index, period in enumerate(periods) if period.due_date < today]
    return max(due) if due else None


def _at(day: datetime.date, minutes_after_8: int = 0) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(
        minutes=minutes_after_8
    )
    return timezone.make_aware(moment)


def _vn(value: Decimal) -> str:
    """A figure as Vietnamese reports write it: 1.234,5."""
    value = value.normalize()
    text = f"{int(value):,d}" if value == value.to_integral() else f"{value:,f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _period_name(period: ReportingPeriod) -> str:
    # Stored text of the demo, in the language of the reports (not the user's interface).
    if period.frequency == ReportingPeriod.Frequency.QUARTERLY:
        return f"Quý {('I', 'II', 'III', 'IV')[period.number - 1]}/{period.year}"
    return f"Tháng {period.number}/{period.year}"


@dataclass
class _NewReport:
    report: ProgressReport
    plan: PlannedReport
    unit_code: str
    head: Any
    staff: Any
    events: list = field(
        default_factory=list
    )  # (time, action, actor, data); data may be "snapshot"
    returned_comment: str = ""


class ProgressWriter:
    """Writes the planned history of one campaign: only what is missing, in bulk."""

    def __init__(self, seeder, entry, campaign, loaded, periods, bounds, users, orgs, today):
        self.seeder = seeder
        self.entry = entry
        self.campaign = campaign
        self.loaded = loaded  # [(task, [indicators])], in the order of entry["tasks"]
        self.periods = periods  # in the order of bounds
        self.bounds = bounds
        self.users = users
        self.orgs = orgs
        self.today = today
        self.reviewer = users.get(entry["reviewer"])
        self.texts = entry["texts"]  # the campaign's report notes, proposals, obstacles …

    def person(self, unit: str, who: str):
        names = self.entry["units"][unit]
        return self.users.get(names[who] or names["head"])

    def write(self) -> None:
        last = demo_cutoff(self.periods, self.today)
        if last is None:
            return
        plan = plan_history(self.entry, self.bounds)
        for unit, fate in self.entry["latest"].items():
            obstacle = self.entry["latest_obstacles"].get(unit)
            plan[(unit, last)] = replace(
                plan[(unit, last)],
                fate=fate,
                late=False,
                returned_once=False,
                obstacle=obstacle,
                # The unit's last task that runs into it (the ongoing work, in the seed).
                obstacle_task=max(
                    (
                        t
                        for t, spec in enumerate(self.entry["tasks"])
                        if spec["unit"] == unit and obstacle in spec["obstacles"]
                    ),
                    default=plan[(unit, last)].obstacle_task,
                ),
                proposal=None,
            )
        if last > 0:
            for unit, fate in self.entry["before_latest"].items():
                plan[(unit, last - 1)] = replace(
                    plan[(unit, last - 1)], fate=fate, late=False, returned_once=False
                )
        periods = self.periods[: last + 1]
        self.cutoff_day = periods[-1].end_date
        existing = set(
            ProgressReport.objects.filter(period__in=periods).values_list("period_id", "unit_id")
        )
        new: list[_NewReport] = []
        reminders_for: list[tuple[ReportingPeriod, str, datetime.datetime | None]] = []
        for unit in self.entry["units"]:
            org = self.orgs[unit]
            for index, period in enumerate(periods):
                if (period.pk, org.pk) in existing:
                    continue  # written by an earlier run, or by a person: left alone
                planned = plan[(unit, index)]
                if planned.fate == "missing":
                    reminders_for.append((period, unit, None))
                    continue
                item = self._report(unit, period, planned)
                new.append(item)
                reminders_for.append((period, unit, item.report.first_submitted_at))
        if new:
            self._insert(new)
            progress_state.refresh_campaign(periods[0].campaign_id)
        self._reminders(reminders_for)

    # --- One report ------------------------------------------------------------------------

    def _report(self, unit, period, planned: PlannedReport) -> _NewReport:
        head, staff = self.person(unit, "head"), self.person(unit, "staff")
        opened = period.end_date - datetime.timedelta(days=planned.created_days)
        created = _at(max(opened, period.start_date))
        moved = any(
            planned.increments[key]
            for key in planned.increments
            if self.entry["tasks"][key[0]]["indicators"][key[1]]["kind"]
            == Indicator.Kind.CUMULATIVE
        )
        note = self.texts["report_notes"][planned.note] if moved else self.texts["quiet_note"]
        report = ProgressReport(
            period=period,
            unit=self.orgs[unit],
            general_notes=note.format(period=_period_name(period)),
            created_by=staff,
            created_at=created,
        )
        item = _NewReport(report, planned, unit, head, staff)
        day = datetime.timedelta(days=1)
        if planned.fate in ("draft", "partial_draft"):
            item.events.append((created, "campaign.report.saved", staff, "snapshot"))
            return item
        if planned.fate == "returned":  # the latest period: sent back, to correct
            first = _at(period.due_date - 3 * day, planned.minutes)
            returned = _at(period.due_date - day, 120)
        else:
            shift = planned.submit_shift * day
            when = period.due_date + shift if planned.late else period.due_date - shift
            if planned.fate == "submitted":
                when = period.due_date - day
            first = max(_at(when, planned.minutes), created + datetime.timedelta(hours=2))
            returned = first + day + datetime.timedelta(hours=1) if planned.returned_once else None
        report.first_submitted_at = report.submitted_at = first
        report.submitted_by = head
        report.version = 1
        item.events.append((first, "campaign.report.submitted", head, {}))
        if returned is not None:
            item.returned_comment = self.texts["return_comments"][planned.return_comment]
            item.events.append((returned, "campaign.report.returned", self.reviewer, {}))
            report.reviewed_at, report.reviewed_by = returned, self.reviewer
            report.review_comment = item.returned_comment
        if planned.fate == "returned":
            report.status = ProgressReport.Status.RETURNED
            return item
        if planned.fate == "submitted":
            report.status = ProgressReport.Status.SUBMITTED
            return item
        if planned.returned_once:
            again = returned + planned.review_days * day
            report.submitted_at, report.version = again, 2
            item.events.append((again, "campaign.report.resubmitted", head, {}))
        accepted = report.submitted_at + planned.review_days * day + datetime.timedelta(hours=1)
        report.status = ProgressReport.Status.ACCEPTED
        report.reviewed_at, report.reviewed_by, report.review_comment = (
            accepted,
            self.reviewer,
            "",
        )
        item.events.append((accepted, "campaign.report.accepted", self.reviewer, {}))
        return item

    def _rows(self, item: _NewReport):
        """The report's indicator values, task reports and obstacle (unsaved)."""
        report, planned, unit = item.report, item.plan, item.unit_code
        period = report.period
        tasks = self.entry["tasks"]
        mine = [t for t, spec in enumerate(tasks) if spec["unit"] == unit]
        dropped = None
        if planned.fate == "partial_draft":  # the unit has not yet entered its last figure
            dropped = (mine[-1], len(tasks[mine[-1]]["indicators"]) - 1)
        values, task_reports = [], []
        for t in mine:
            task, indicators = self.loaded[t]
            for i, indicator in enumerate(indicators):
                value = None if (t, i) == dropped else planned.values[(t, i)]
                values.append(IndicatorValue(report=report, indicator=indicator, value=value))
            proposals = ""
            if planned.obstacle is not None and t == planned.obstacle_task:
                beyond = self.texts["obstacles"][planned.obstacle][1]
                proposals = self.texts["beyond_proposal"] if beyond else ""
            if planned.proposal is not None and t == mine[0] and not proposals:
                proposals = self.texts["proposals"][planned.proposal]
            task_reports.append(
                TaskReport(
                    report=report,
                    task=task,
                    done_text=self._done_text(t, planned, period),
                    proposals=proposals,
                    completed_on=self._completed_on(t, planned, period),
                )
            )
        obstacles = []
        if planned.obstacle is not None:
            obstacles.append(self._obstacle(item))
        return values, task_reports, obstacles

    def _done_text(self, t: int, planned: PlannedReport, period: ReportingPeriod) -> str:
        spec = self.entry["tasks"][t]
        if spec["start_date"] > period.end_date:
            return ""
        parts = []
        for i, row in enumerate(spec["indicators"]):
            value, uom = planned.values[(t, i)], row["unit_of_measure"]
            if row["kind"] == Indicator.Kind.PER_PERIOD:
                parts.append(f"{row['name']}: {_vn(value)} {uom}.")
            elif planned.increments[(t, i)]:
                parts.append(
                    f"{row['name']}: trong kỳ {_vn(planned.increments[(t, i)])} {uom}, "
                    f"lũy kế {_vn(value)}/{_vn(row['target'])} {uom}."
                )
            else:
                parts.append(f"{row['name']}: lũy kế {_vn(value)}/{_vn(row['target'])} {uom}.")
        if any(planned.increments[(t, i)] for i in range(len(spec["indicators"]))):
            lead = spec["activities"][planned.activity % len(spec["activities"])]
        elif spec["deadline"] < period.start_date:
            reached = all(
                planned.values[(t, i)] >= row["target"]
                for i, row in enumerate(spec["indicators"])
                if row["kind"] == Indicator.Kind.CUMULATIVE
            )
            lead = self.texts["task_completed"] if reached else self.texts["overdue"]
        else:
            lead = self.texts["nothing_new"]
        return " ".join([lead, *parts])

    def _completed_on(self, t: int, planned: PlannedReport, period) -> datetime.date | None:
        """The day the task's cumulative targets were all reached, in the period they were."""
        rows = [
            (i, row)
            for i, row in enumerate(self.entry["tasks"][t]["indicators"])
            if row["kind"] == Indicator.Kind.CUMULATIVE
        ]
        if not rows or any(planned.values[(t, i)] < row["target"] for i, row in rows):
            return None
        crossed = any(
            planned.values[(t, i)] - planned.increments[(t, i)] < row["target"] for i, row in rows
        )
        if not crossed:
            return None
        return max(period.end_date - datetime.timedelta(days=2), period.start_date)

    def _obstacle(self, item: _NewReport) -> Obstacle:
        planned, report = item.plan, item.report
        description, beyond, resolution = self.texts["obstacles"][planned.obstacle]
        raised = report.first_submitted_at or report.created_at
        age = (self.cutoff_day - timezone.localdate(raised)).days
        obstacle = Obstacle(
            campaign=self.campaign,
            unit=report.unit,
            report=report,
            task=self.loaded[planned.obstacle_task][0],
            description=description,
            beyond_authority=beyond,
            raised_at=raised,
        )
        if report.status in (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED) or (
            age <= 30
        ):
            return obstacle  # open: nobody has looked at it yet
        obstacle.owner = self.reviewer
        days = datetime.timedelta(days=7 + planned.minutes % 28)
        if beyond and age > 720:  # the province decided long ago
            obstacle.status = Obstacle.Status.RESOLVED
            obstacle.resolution_note = self.texts["province_resolved_note"]
            obstacle.resolved_at = raised + 4 * days
        elif beyond and age > 120:
            obstacle.status = Obstacle.Status.ESCALATED
            obstacle.resolution_note = self.texts["escalation_note"]
        elif not beyond and age > 60:
            obstacle.status = Obstacle.Status.RESOLVED
            obstacle.resolution_note = resolution
            obstacle.resolved_at = raised + days
        else:
            obstacle.status = Obstacle.Status.HANDLING
            obstacle.resolution_note = self.texts["handling_note"]
        return obstacle

    # --- Bulk writes -----------------------------------------------------------------------

    def _insert(self, new: list[_NewReport]) -> None:
        reports = ProgressReport.objects.bulk_create([item.report for item in new])
        values, task_reports, obstacles = [], [], []
        for item in new:
            v, t, o = self._rows(item)
            values += v
            task_reports += t
            obstacles += o
        IndicatorValue.objects.bulk_create(values)
        TaskReport.objects.bulk_create(task_reports)
        Obstacle.objects.bulk_create(obstacles)
        # The versions hold what reporting.snapshot() makes of the report, as a real submit does.
        prefetch_related_objects(reports, "values", "task_reports")
        targets = {
            str(indicator.pk): indicator
            for _task, indicators in self.loaded
            for indicator in indicators
        }
        versions, events = [], []
        content_type = ContentType.objects.get_for_model(ProgressReport)
        for item in new:
            report = item.report
            data = snapshot(report)
            submissions = [e for e in item.events if e[1].endswith("submitted")]
            for number, (when, _action, actor, _data) in enumerate(submissions, start=1):
                content = data
                if number < len(submissions):  # the version the office sent back
                    content = _first_version(data, targets)
                versions.append(
                    ReportVersion(
                        report=report,
                        number=number,
                        submitted_at=when,
                        submitted_by=actor,
                        data=content,
                    )
                )
            status, version = ProgressReport.Status.DRAFT, 0
            for when, action, actor, extra in item.events:
                if extra == "snapshot":
                    payload = {"before": {k: type(v)() for k, v in data.items()}, "after": data}
                elif action.endswith("submitted"):
                    before, status, version = status, ProgressReport.Status.SUBMITTED, version + 1
                    payload = {"status": [before, status], "version": version}
                else:
                    to = (
                        ProgressReport.Status.RETURNED
                        if action.endswith("returned")
                        else ProgressReport.Status.ACCEPTED
                    )
                    comment = item.returned_comment if to == ProgressReport.Status.RETURNED else ""
                    payload = {"status": [status, to], "comment": comment, "version": version}
                    status = to
                events.append(
                    AuditEvent(
                        created_at=when,
                        actor=actor,
                        action=action,
                        organization=report.unit,
                        content_type=content_type,
                        object_id=str(report.pk),
                        object_repr=str(report)[:255],
                        data=payload,
                    )
                )
        ReportVersion.objects.bulk_create(versions)
        AuditEvent.objects.bulk_create(events)
        for model, rows in (
            (ProgressReport, reports),
            (IndicatorValue, values),
            (TaskReport, task_reports),
            (Obstacle, obstacles),
            (ReportVersion, versions),
            (AuditEvent, events),
        ):
            if rows:
                self.seeder.created[model._meta.label] += len(rows)

    def _reminders(self, pairs) -> None:
        """The automatic reminders the units would have received (REMINDER_* settings): before
        the due date, on it and after it, to units that had not submitted by then."""
        if not pairs:
            return
        before = getattr(settings, "REMINDER_DAYS_BEFORE", 3)
        after = min(getattr(settings, "REMINDER_OVERDUE_DAYS", (1,)) or (1,))
        sent = set(
            Reminder.objects.filter(period__in={p for p, _u, _s in pairs}).values_list(
                "period_id", "unit_id", "kind"
            )
        )
        rows = []
        for period, unit, submitted in pairs:
            org = self.orgs[unit]
            people = {u.pk for u in (self.person(unit, "head"), self.person(unit, "staff")) if u}
            for kind, day in (
                (Reminder.Kind.BEFORE_DUE, period.due_date - datetime.timedelta(days=before)),
                (Reminder.Kind.ON_DUE, period.due_date),
                (Reminder.Kind.OVERDUE, period.due_date + datetime.timedelta(days=after)),
            ):
                when = _at(day, -60)  # 07:00
                if day >= self.today or (submitted is not None and submitted <= when):
                    continue
                if (period.pk, org.pk, kind) in sent:
                    continue
                rows.append(
                    Reminder(
                        period=period, unit=org, kind=kind, sent_at=when, recipients=len(people)
                    )
                )
        Reminder.objects.bulk_create(rows)
        if rows:
            self.seeder.created[Reminder._meta.label] += len(rows)


def _first_version(data: dict, indicators: dict[str, Indicator]) -> dict:
    """The version the office returned: one figure off and the first task's account shorter."""
    first = copy.deepcopy(data)
    for key, entry in sorted(first["values"].items()):
        if entry["value"] is None:
            continue
        value, target = Decimal(entry["value"]), indicators[key].target
        delta = Decimal(2)
        entry["value"] = str(value + delta if value + delta <= target else max(value - delta, 0))
        break
    for entry in first["tasks"].values():
        entry["done"] = entry["done"].split(". ")[0].rstrip(".") + "."
        break
    return first


def load_progress(
    seeder: Seeder,
    orgs: dict[str, Organization],
    projects: dict[str, KeyProject],
    today: datetime.date,
    warn: Callable[[str], None] = lambda message: None,
) -> None:
    usernames = set()
    for entry in seed_data.PROGRESS_DEMO:
        usernames.add(entry["reviewer"])
        for names in entry["units"].values():
            usernames.update(name for name in names.values() if name)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    for entry in seed_data.PROGRESS_DEMO:
        campaign = Campaign.objects.select_related("issuing_organization").get(
            code=entry["campaign"]
        )
        loaded = load_tasks(seeder, campaign, entry["tasks"], orgs, projects)
        bounds = period_bounds(campaign, entry["frequency"])
        by_key = _periods_by_key(campaign, entry["frequency"])
        if any((year, number) not in by_key for year, number, _start, _end in bounds):
            # Missing periods come from the service the office uses (it checks the campaign
            # is open and logs once), with the office's own login as the actor.
            try:
                created = generate_periods(
                    users[entry["reviewer"]], campaign, entry["frequency"], entry["due_days"]
                )
            except (ValidationError, PermissionDenied) as exc:
                reason = "; ".join(getattr(exc, "messages", None) or [str(exc)])
                warn(
                    gettext(
                        "%(campaign)s: the reporting periods could not be generated "
                        "(%(reason)s); no progress history was loaded for it."
                    )
                    % {"campaign": campaign.code, "reason": reason}
                )
                continue
            seeder.created[ReportingPeriod._meta.label] += created
            by_key = _periods_by_key(campaign, entry["frequency"])
        periods = [by_key[(year, number)] for year, number, _start, _end in bounds]
        ProgressWriter(seeder, entry, campaign, loaded, periods, bounds, users, orgs, today).write()


def _periods_by_key(campaign: Campaign, frequency: str) -> dict[tuple, ReportingPeriod]:
    periods = ReportingPeriod.objects.filter(campaign=campaign, frequency=frequency)
    return {(p.year, p.number): p for p in periods}


def progress_counts() -> dict[str, int]:
    """What the demo campaigns hold (the line printed after a run)."""
    codes = [entry["campaign"] for entry in seed_data.PROGRESS_DEMO]
    in_campaigns = {"campaign__code__in": codes}
    return {
        "projects": KeyProject.objects.filter(
            code__in=[p["code"] for p in seed_data.KEY_PROJECTS]
        ).count(),
        "tasks": Task.objects.filter(**in_campaigns).count(),
        "indicators": Indicator.objects.filter(task__campaign__code__in=codes).count(),
        "periods": ReportingPeriod.objects.filter(**in_campaigns).count(),
        "reports": ProgressReport.objects.filter(period__campaign__code__in=codes).count(),
        "obstacles": Obstacle.objects.filter(**in_campaigns).count(),
    }


def load_all(
    seeder: Seeder,
    today: datetime.date | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> list[Membership]:
    award_forms = load_award_forms(seeder)
    load_base_salaries(seeder)
    documents = load_legal_documents(seeder)
    orgs = load_organizations(seeder)
    for entry in seed_data.CAMPAIGNS:
        load_campaign(seeder, entry, orgs, documents, award_forms)
    memberships = load_demo_users(seeder, orgs)
    projects = load_key_projects(seeder, orgs)
    load_demo_reporters(seeder, orgs)
    load_progress(seeder, orgs, projects, today or timezone.localdate(), warn)
    awards_demo.load_awards_demo(seeder, today or timezone.localdate(), warn)
    return memberships


# --- The command ---------------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: danh mục (hình thức khen thưởng, lương cơ sở, văn bản pháp lý), "
        "cơ cấu tổ chức Lạng Sơn và Hà Nam, hai kế hoạch mẫu, các tài khoản dùng thử, dự án "
        "trọng điểm, nhiệm vụ, kỳ báo cáo và lịch sử báo cáo tiến độ mẫu. "
        "Chạy lại nhiều lần không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Không in bảng tài khoản dùng thử."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help=(
                "Đưa các bản ghi đã có về đúng giá trị mẫu (mặc định chỉ tạo bản ghi còn thiếu, "
                "giữ nguyên mọi chỉnh sửa). Không đổi mật khẩu, không xóa gì."
            ),
        )

    def handle(self, *args, quiet=False, update=False, **options):
        quiet = quiet or options.get("verbosity", 1) == 0
        seeder = Seeder(update=update)
        with transaction.atomic():
            memberships = load_all(seeder, warn=self.stderr.write)

        if not settings.DEBUG and seeder.created.get(get_user_model()._meta.label):
            self.stderr.write(
                "Cảnh báo: đã tạo tài khoản dùng thử với mật khẩu công khai trên một hệ thống "
                "không ở chế độ DEBUG. Hãy khóa hoặc xóa các tài khoản này nếu đây là môi "
                "trường thật."
            )
        if quiet:
            return
        self.stdout.write(
            f"Dữ liệu mẫu: {seeder.total_created} bản ghi tạo mới, "
            f"{seeder.total_updated} bản ghi cập nhật."
        )
        self.stdout.write(
            gettext(
                "Demo progress data: %(projects)d key projects, %(tasks)d tasks, "
                "%(indicators)d indicators, %(periods)d reporting periods, "
                "%(reports)d progress reports, %(obstacles)d obstacles."
            )
            % progress_counts()
        )
        for line in awards_demo.guide():
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(self._logins_table(memberships))

    def _logins_table(self, memberships: list[Membership]) -> str:
        header = ("Tên đăng nhập", "Vai trò", "Đơn vị", "Mật khẩu")
        rows = []
        for membership in memberships:
            org = membership.organization
            where = org.name
            if org.place_name and org.place_name not in where:
                where = f"{where} ({org.place_name})"
            rows.append(
                (
                    membership.user.username,
                    seed_data.ROLE_LABELS.get(membership.role, membership.role),
                    where,
                    DEMO_PASSWORD,
                )
            )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells):
            return "  ".join(
                cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
            ).rstrip()

        out = [
            "Tài khoản dùng thử (mật khẩu đặt khi tạo tài khoản):",
            line(header),
            line(["-" * w for w in widths]),
        ]
        out.extend(line(row) for row in rows)
        return "\n".join(out)
