"""The obstacles register (khó khăn, vướng mắc): filters shared by the list and its exports,
the list of obstacles beyond the department's authority, and the office's updates.

Units raise obstacles inside their progress reports (campaign.reporting.save_draft); the
department office then follows each one here: status, owner and resolution.
"""

import datetime
import io
import unicodedata
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import tables
from units.access import get_access
from units.audit import log_action
from units.models import Role
from units.text import display_name, nfc

from .models import Campaign, Obstacle, TaskReport

SECRETARIAT_ROLES = (Role.SECRETARIAT,)

PAGE_SIZE = 25
AGE_DAYS = (30, 60, 90)
# A status filter value on top of the model's statuses: everything not yet resolved.
UNRESOLVED = "unresolved"
UNRESOLVED_STATUSES = (
    Obstacle.Status.OPEN,
    Obstacle.Status.HANDLING,
    Obstacle.Status.ESCALATED,
)
# Statuses in the order of the work: open, being handled, escalated, resolved.
STATUS_RANK = tables.rank(
    "status",
    (
        Obstacle.Status.OPEN,
        Obstacle.Status.HANDLING,
        Obstacle.Status.ESCALATED,
        Obstacle.Status.RESOLVED,
    ),
)
# The register's sortable columns (units.tables: ?sort=unit, ?sort=-raised, …); the primary key
# breaks ties so that pages stay stable when dates are equal.
COLUMNS = tables.columns_by_key(
    [
        tables.Column("raised", gettext_lazy("Raised on"), "raised_at", descending_first=True),
        tables.Column("unit", gettext_lazy("Unit"), "unit__name", "-raised_at", css="col-unit"),
        tables.Column(
            "task",
            gettext_lazy("Task"),
            "task__content_item__number",
            "task__title",
            css="col-task",
        ),
        tables.Column("beyond", gettext_lazy("Authority"), "beyond_authority"),
        tables.Column("status", gettext_lazy("Status"), STATUS_RANK, "-raised_at"),
        tables.Column(
            "owner", gettext_lazy("Person in charge"), "owner__last_name", "owner__first_name"
        ),
        tables.Column(
            "age", gettext_lazy("Age (days)"), "-raised_at", descending_first=True, css="text-end"
        ),
    ]
)
DEFAULT_SORT = "-raised"
MAX_QUERY_LENGTH = 200
MAX_NOTE_LENGTH = 4000


# --- Filters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObstacleFilters:
    """The register's filters, cleaned from a query string: a value that does not parse is
    dropped (an unknown filter shows everything rather than an error page)."""

    status: str = ""
    unit: int | None = None
    beyond: str = ""  # "yes", "no" or "" (either)
    item: int | None = None  # content item, through the obstacle's task
    q: str = ""
    age: int | None = None  # raised more than this many days ago
    younger: int | None = None  # raised less than this many days ago (the dashboard's bands)
    sort: str = DEFAULT_SORT

    def as_params(self) -> dict:
        params = {
            "status": self.status,
            "unit": self.unit,
            "beyond": self.beyond,
            "item": self.item,
            "q": self.q,
            "age": self.age,
            "younger": self.younger,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
        }
        return {key: value for key, value in params.items() if value not in ("", None)}

    def querystring(self, **changes) -> str:
        """The filters as a query string (without "?"), with some values changed."""
        return urlencode(replace(self, **changes).as_params()) if changes else self.urlencoded

    @property
    def urlencoded(self) -> str:
        return urlencode(self.as_params())

    @property
    def active(self) -> bool:
        return bool(set(self.as_params()) - {"sort"})


MAX_ID = 2**63 - 1


def _positive_int(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def _search_text(value) -> str:
    """NFC, single spaces, no control characters (PostgreSQL refuses a NUL in a query)."""
    text = "".join(ch for ch in nfc(str(value or "")) if unicodedata.category(ch) != "Cc")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def parse_filters(params) -> ObstacleFilters:
    """Reads the filters from request.GET (or any mapping)."""
    if isinstance(params, ObstacleFilters):
        return params
    status = params.get("status", "")
    if status not in (*Obstacle.Status.values, UNRESOLVED):
        status = ""
    beyond = params.get("beyond", "")
    if beyond not in ("yes", "no"):
        beyond = ""
    age = _positive_int(params.get("age"))
    if age not in AGE_DAYS:
        age = None
    younger = _positive_int(params.get("younger"))
    if younger not in AGE_DAYS:
        younger = None
    sort = tables.clean_sort(params.get("sort"), COLUMNS, DEFAULT_SORT)
    q = _search_text(params.get("q"))
    return ObstacleFilters(
        status=status,
        unit=_positive_int(params.get("unit")),
        beyond=beyond,
        item=_positive_int(params.get("item")),
        q=q,
        age=age,
        younger=younger,
        sort=sort,
    )


def age_cutoff(days: int, today: datetime.date | None = None) -> datetime.datetime:
    """The first instant of the day `days` days ago: raised before it = more than `days` old
    (the same count of days the register shows)."""
    today = today or timezone.localdate()
    day = today - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_obstacles(queryset, params, *, today: datetime.date | None = None):
    """Applies the register's filters and sort order to `queryset` (shared by the register,
    the unit's page and both exports, so that they always show the same rows)."""
    filters = parse_filters(params)
    if filters.status == UNRESOLVED:
        queryset = queryset.filter(status__in=UNRESOLVED_STATUSES)
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.unit:
        queryset = queryset.filter(unit_id=filters.unit)
    if filters.beyond:
        queryset = queryset.filter(beyond_authority=filters.beyond == "yes")
    if filters.item:
        queryset = queryset.filter(task__content_item_id=filters.item)
    if filters.q:
        queryset = queryset.filter(
            Q(description__icontains=filters.q)
            | Q(resolution_note__icontains=filters.q)
            | Q(task__title__icontains=filters.q)
            | Q(unit__name__icontains=filters.q)
        )
    if filters.age:
        queryset = queryset.filter(raised_at__lt=age_cutoff(filters.age, today))
    if filters.younger:
        queryset = queryset.filter(raised_at__gte=age_cutoff(filters.younger, today))
    return tables.order_queryset(queryset, COLUMNS, filters.sort)


# --- Reading the register -----------------------------------------------------------------------


def register_queryset(campaign: Campaign):
    """The campaign's obstacles with everything a row shows, in one query per page."""
    return Obstacle.objects.filter(campaign=campaign).select_related(
        "unit",
        "task__content_item",
        "task__project",
        "owner__person",
        "report__period",
    )


def age_in_days(obstacle: Obstacle, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return max((today - timezone.localdate(obstacle.raised_at)).days, 0)


def with_age(obstacles, today: datetime.date | None = None) -> list[Obstacle]:
    """The obstacles as a list, each with `age_days` set."""
    today = today or timezone.localdate()
    rows = list(obstacles)
    for obstacle in rows:
        obstacle.age_days = age_in_days(obstacle, today)
    return rows


def summary(campaign: Campaign) -> dict:
    """Counts for the campaign's management page (one query)."""
    return Obstacle.objects.filter(campaign=campaign).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status=Obstacle.Status.OPEN)),
        unresolved=Count("pk", filter=Q(status__in=UNRESOLVED_STATUSES)),
        beyond_authority=Count(
            "pk", filter=Q(beyond_authority=True, status__in=UNRESOLVED_STATUSES)
        ),
    )


def person_name(user) -> str:
    """The name a civil servant expects to read: the person's full name when there is one."""
    if user is None:
        return ""
    # A login without a person record: the reverse accessor raises an AttributeError.
    person = getattr(user, "person", None)
    if person is not None and person.full_name:
        return person.full_name
    return display_name(user)


# --- The list beyond the department's authority (for the provincial People's Committee) ---------


@dataclass
class ExportRow:
    number: int
    obstacle: Obstacle
    unit: str
    task: str
    description: str
    raised_on: datetime.date
    status: str
    handling: str


def beyond_authority_queryset(campaign: Campaign, params):
    """Unresolved obstacles beyond the department's authority, with the register's filters."""
    return filter_obstacles(register_queryset(campaign), params).filter(
        beyond_authority=True, status__in=UNRESOLVED_STATUSES
    )


def task_label(obstacle: Obstacle) -> str:
    task = obstacle.task
    if task is None:
        return ""
    if task.project_id:
        return f"{task.title} — {task.project.name}"
    return task.title


def export_rows(campaign: Campaign, params) -> list[ExportRow]:
    """The rows of the Excel file and of the printable page (two queries), numbered from 1.

    The last column gives what the unit proposed for the task in the same report, then the
    office's result when it has written one.
    """
    obstacles = list(beyond_authority_queryset(campaign, params))
    report_ids = {o.report_id for o in obstacles if o.report_id}
    proposals = {}
    if report_ids:
        for report_id, task_id, text in TaskReport.objects.filter(
            report_id__in=report_ids
        ).values_list("report_id", "task_id", "proposals"):
            if text.strip():
                proposals[(report_id, task_id)] = text.strip()
    rows = []
    for number, obstacle in enumerate(obstacles, start=1):
        handling = []
        proposal = proposals.get((obstacle.report_id, obstacle.task_id))
        if proposal:
            handling.append(_("Proposal: %(text)s") % {"text": proposal})
        if obstacle.resolution_note:
            handling.append(_("Result: %(text)s") % {"text": obstacle.resolution_note})
        rows.append(
            ExportRow(
                number=number,
                obstacle=obstacle,
                unit=obstacle.unit.name,
                task=task_label(obstacle),
                description=obstacle.description,
                raised_on=timezone.localdate(obstacle.raised_at),
                status=obstacle.get_status_display(),
                handling="\n".join(handling),
            )
        )
    return rows


# The header row of the exported sheet; the title block sits above it.
XLSX_HEADER_ROW = 6
XLSX_COLUMN_WIDTHS = (6, 28, 34, 50, 13, 16, 40)


def export_headers() -> list[str]:
    return [
        _("Row no."),
        _("Unit"),
        _("Task / project"),
        _("Difficulties and obstacles raised"),
        _("Raised on"),
        _("State of handling"),
        _("Proposal / result of handling"),
    ]


def beyond_authority_workbook(campaign: Campaign, params) -> tuple[bytes, str]:
    """The Excel file of the list and its file name. A document for the provincial People's
    Committee: always in Vietnamese, whatever the language of the screen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    today = timezone.localdate()
    with translation.override("vi"):
        rows = export_rows(campaign, params)
        headers = export_headers()
        title = _("LIST OF DIFFICULTIES AND OBSTACLES BEYOND THE AUTHORITY")
        sheet_title = _("Beyond authority")
        subtitle = _("Campaign: %(name)s — as of %(date)s") % {
            "name": campaign.name,
            "date": today.strftime("%d/%m/%Y"),
        }
        filename = _("List of obstacles beyond authority %(code)s %(date)s.xlsx") % {
            "code": campaign.code,
            "date": today.strftime("%d-%m-%Y"),
        }

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    last_column = get_column_letter(len(headers))
    bold = Font(name="Times New Roman", size=12, bold=True)
    normal = Font(name="Times New Roman", size=12)
    top = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    # Header block: the parent body and the issuing body, then the title (rows 1-4).
    sheet["A1"] = (campaign.parent_body_name or "").upper() or None
    sheet["A1"].font = normal
    sheet["A2"] = campaign.issuing_organization.name.upper()
    sheet["A2"].font = bold
    for row, text, font in ((3, title, bold), (4, subtitle, normal)):
        sheet.merge_cells(f"A{row}:{last_column}{row}")
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = centre
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=XLSX_HEADER_ROW, column=column, value=header)
        cell.font = bold
        cell.alignment = centre
        cell.border = box
    for offset, row in enumerate(rows, start=1):
        values = (
            row.number,
            row.unit,
            row.task,
            row.description,
            row.raised_on,
            row.status,
            row.handling,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=XLSX_HEADER_ROW + offset, column=column, value=value)
            if isinstance(value, str) and value.startswith("="):
                # Text typed by a unit is never run as a formula.
                cell.data_type = "s"
            cell.font = normal
            cell.alignment = top
            cell.border = box
            if isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    for column, width in enumerate(XLSX_COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{XLSX_HEADER_ROW + 1}"
    sheet.print_title_rows = f"{XLSX_HEADER_ROW}:{XLSX_HEADER_ROW}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), filename


# --- Updates by the department office -----------------------------------------------------------


def can_manage(actor, campaign: Campaign) -> bool:
    return get_access(actor).has_role(campaign.issuing_organization, SECRETARIAT_ROLES)


def owner_candidates(campaign: Campaign):
    """Who may handle an obstacle: active users holding a role in the issuing organization or
    below it."""
    org = campaign.issuing_organization
    User = get_user_model()
    ids = User.objects.filter(
        is_active=True, memberships__organization__path__startswith=org.path
    ).values("pk")
    return (
        User.objects.filter(pk__in=ids)
        .select_related("person")
        .order_by("last_name", "first_name", "username")
    )


def _state(obstacle: Obstacle) -> dict:
    return {
        "status": obstacle.status,
        "owner": obstacle.owner_id,
        "owner_name": person_name(obstacle.owner),
        "resolution_note": obstacle.resolution_note,
        "resolved_at": obstacle.resolved_at.isoformat() if obstacle.resolved_at else None,
    }


def update_obstacle(actor, obstacle: Obstacle, status: str, owner, note: str):
    """Sets the status, owner and resolution note of an obstacle; returns (obstacle, changed).

    Resolving needs a resolution note and stamps the time; leaving "resolved" (reopening)
    clears the stamp. Raises PermissionDenied for anyone but the issuing organization's office
    and ValidationError (by field) for a bad value, in which case nothing is written.
    """
    campaign = Campaign.objects.select_related("issuing_organization").get(pk=obstacle.campaign_id)
    if not can_manage(actor, campaign):
        raise PermissionDenied
    note = nfc((note or "").strip())
    errors = {}
    if status not in Obstacle.Status.values:
        errors["status"] = _("Choose one of the statuses in the list.")
    if len(note) > MAX_NOTE_LENGTH:
        errors["resolution_note"] = _(
            "The resolution note is too long (at most %(max)d characters)."
        ) % {"max": MAX_NOTE_LENGTH}
    elif status == Obstacle.Status.RESOLVED and not note:
        errors["resolution_note"] = _(
            "Write how the obstacle was resolved before marking it as resolved."
        )
    if owner is not None and not owner_candidates(campaign).filter(pk=owner.pk).exists():
        errors["owner"] = _(
            "The person in charge must hold a role in %(organization)s or one of its units."
        ) % {"organization": campaign.issuing_organization.name}
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        # Two officers may edit the same entry: lock it and compare with what is stored now.
        locked = (
            # `of`: PostgreSQL refuses to lock the nullable side of the owner's outer join.
            Obstacle.objects.select_for_update(of=("self",))
            .select_related("unit", "owner__person")
            .get(pk=obstacle.pk)
        )
        before = _state(locked)
        was_resolved = locked.status == Obstacle.Status.RESOLVED
        locked.status = status
        locked.owner = owner
        locked.resolution_note = note
        if status == Obstacle.Status.RESOLVED:
            if not was_resolved or locked.resolved_at is None:
                locked.resolved_at = timezone.now()
        else:
            locked.resolved_at = None
        after = _state(locked)
        if after == before:
            return locked, False
        locked.save()
        log_action(
            "campaign.obstacle.updated",
            actor,
            locked,
            {"before": before, "after": after},
            organization=locked.unit,
        )
    return locked, True
