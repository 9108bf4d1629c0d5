"""The Excel round trip of a unit's progress report.

`build_workbook` writes the period's workbook pre-filled with the unit's tasks, indicators,
targets, last accepted values and the current draft; `parse_workbook` reads a filled workbook
back, cell by cell; `import_workbook` puts its values into the draft through
`reporting.save_draft` — all of them, or nothing — and names every refused cell
("Chỉ tiêu!I9: …").

Layout (the parser relies on it; the sheets are protected so that it is not broken by accident):

* sheet "Chỉ tiêu": a title block, the header on row `IND_HEADER_ROW`, then one row per
  indicator. Only column I (value this period) and J (reason when below the last accepted
  value) are editable; column K, hidden, holds the indicator id.
* sheet "Công việc": title, instructions, header on row `TASK_HEADER_ROW`, one row per task.
  Column A, hidden, holds the task id; C, D and E are editable.
* a hidden sheet "_meta" records the period, the unit and a signature of both, so a workbook
  uploaded for another unit or period, or altered, is detected.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from units.text import attachment_disposition, nfc, vn_number

from . import reporting
from .models import Indicator, ProgressReport, ReportingPeriod
from .reporting import TaskInput, ValueInput

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_NAME = "thidua-gpmb/progress-report"
FORMAT_VERSION = 1
SIGNING_SALT = "campaign.excel.progress-report"

# Sheet names are identifiers of the workbook (the parser looks them up), so they are fixed
# Vietnamese words and not translated: a workbook keeps working whatever the user's language.
INDICATOR_SHEET = "Chỉ tiêu"
TASK_SHEET = "Công việc"
META_SHEET = "_meta"

IND_HEADER_ROW = 8
IND_FIRST_ROW = IND_HEADER_ROW + 1
COL_VALUE = "I"
COL_REASON = "J"
COL_INDICATOR_ID = "K"
IND_COLUMNS = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K")

TASK_HEADER_ROW = 3
TASK_FIRST_ROW = TASK_HEADER_ROW + 1
COL_TASK_ID = "A"
COL_TASK_TITLE = "B"
COL_DONE = "C"
COL_PROPOSALS = "D"
COL_DATE = "E"

NUMBER_FORMAT = "#,##0.###"
DATE_FORMAT = "DD/MM/YYYY"
MAX_DECIMALS = 3
# A sheet of a unit's report has tens of rows; this bounds the work a crafted file can cause.
MAX_ROWS = 5000
# A zip can expand a lot: refuse archives whose content would not fit in a sane report.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 500


def upload_max_bytes() -> int:
    return getattr(settings, "EXCEL_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)


# --- Results ------------------------------------------------------------------------------------


@dataclass
class CellError:
    """A refused cell ("Chỉ tiêu", "I9", message); sheet and cell are empty for the file."""

    sheet: str
    cell: str
    message: str

    @property
    def reference(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet else ""

    def __str__(self) -> str:
        return f"{self.reference}: {self.message}" if self.sheet else self.message


@dataclass
class CellValueInput(ValueInput):
    """A value with the cells it came from, to name them in errors."""

    row: int = 0


@dataclass
class CellTaskInput(TaskInput):
    row: int = 0


@dataclass
class ImportResult:
    report: ProgressReport | None = None
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    values: int = 0
    tasks: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Small helpers ------------------------------------------------------------------------------


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _signature(period: ReportingPeriod, unit) -> str:
    return signing.dumps(
        {"f": FORMAT_VERSION, "p": period.pk, "u": unit.pk}, salt=SIGNING_SALT, compress=True
    )


def workbook_filename(period: ReportingPeriod, unit) -> str:
    """ "Báo-cáo-tiến-độ_Tháng-03-2024_QLDD.xlsx" (Vietnamese; see `content_disposition`)."""
    if period.frequency == ReportingPeriod.Frequency.MONTHLY:
        label = _("Month %(m)s/%(y)s") % {"m": f"{period.number:02d}", "y": period.year}
    else:
        label = period.label
    parts = [_("Progress report"), str(label), unit.abbreviation or unit.name]
    cleaned = []
    for part in parts:
        part = nfc(str(part))
        part = re.sub(r"[\s/\\:*?\"<>|]+", "-", part).strip("-.")
        cleaned.append(part)
    return "_".join(p for p in cleaned if p) + ".xlsx"


def content_disposition(filename: str) -> str:
    return attachment_disposition(filename, "bao-cao.xlsx")


# --- Download -----------------------------------------------------------------------------------


def build_workbook(period: ReportingPeriod, unit, report: ProgressReport | None) -> bytes:
    """The period's workbook for the unit, pre-filled with the current draft (if any)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = reporting.report_rows(period, unit, report)
    campaign = period.campaign

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    bold = Font(bold=True)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    header_align = Alignment(wrap_text=True, vertical="center", horizontal="center")
    unlocked = Protection(locked=False)

    wb = Workbook()
    wb.properties.title = _("Progress report")
    wb.properties.creator = "Thi đua GPMB"

    # --- Indicators ---------------------------------------------------------------------------
    ws = wb.active
    ws.title = INDICATOR_SHEET
    ws["A1"] = _("PROGRESS REPORT ON ASSIGNED TASKS")
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:J1")
    title_block = [
        (_("Campaign"), campaign.name),
        (_("Unit"), unit.name),
        (
            _("Reporting period"),
            f"{period.label} ({_date(period.start_date)} – {_date(period.end_date)})",
        ),
        (_("Due date"), _date(period.due_date)),
    ]
    for offset, (label, value) in enumerate(title_block, start=2):
        ws.cell(row=offset, column=1, value=f"{label}:").font = bold
        ws.cell(row=offset, column=3, value=value)
        ws.merge_cells(start_row=offset, start_column=3, end_row=offset, end_column=10)
    ws["A7"] = _(
        "Enter the value of this period in column I; when a cumulative value is below the last "
        "accepted one, give the reason in column J. Numbers: 1.234,5. Leave a cell empty when "
        "there is no figure. Other cells are locked."
    )
    ws["A7"].alignment = Alignment(wrap_text=True, vertical="top")
    ws["A7"].font = Font(italic=True)
    ws.merge_cells("A7:J7")
    ws.row_dimensions[7].height = 32

    headers = [
        _("Row no."),
        _("Content item"),
        _("Task"),
        _("Indicator"),
        _("Unit of measure"),
        _("Kind"),
        _("Target"),
        _("Last accepted value"),
        _("Value this period"),
        _("Reason if below the last accepted value"),
        _("Indicator ID"),
    ]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=IND_HEADER_ROW, column=col, value=text)
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = header_align
        cell.border = border
    ws.row_dimensions[IND_HEADER_ROW].height = 45

    kinds = {
        Indicator.Kind.CUMULATIVE: _("Cumulative"),
        Indicator.Kind.PER_PERIOD: _("In the period"),
    }
    row = IND_FIRST_ROW
    number = 0
    for task_row in rows:
        task = task_row.task
        for item in task_row.indicators:
            indicator = item.indicator
            number += 1
            values = [
                number,
                task.content_item.number if task.content_item_id else None,  # optional
                task.title,
                indicator.name,
                indicator.unit_of_measure,
                kinds.get(indicator.kind, indicator.kind),
                indicator.target,
                item.previous,
                item.value,
                item.reason or None,
                indicator.pk,
            ]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.border = border
                cell.alignment = wrap_top
            for col in ("G", "H", "I"):
                ws[f"{col}{row}"].number_format = NUMBER_FORMAT
            for col in (COL_VALUE, COL_REASON):
                ws[f"{col}{row}"].protection = unlocked
                ws[f"{col}{row}"].fill = input_fill
            row += 1
    last_ind_row = row - 1

    widths = {"A": 6, "B": 9, "C": 40, "D": 34, "E": 10, "F": 11, "G": 12, "H": 14, "I": 14}
    widths.update({"J": 34, "K": 10})
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    ws.column_dimensions[COL_INDICATOR_ID].hidden = True
    ws.freeze_panes = f"A{IND_FIRST_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{IND_HEADER_ROW}:{IND_HEADER_ROW}"

    if last_ind_row >= IND_FIRST_ROW:
        validation = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Invalid value"),
            error=_("Enter a number ≥ 0, or leave the cell empty."),
            showInputMessage=True,
            promptTitle=_("Value this period"),
            prompt=_("A number ≥ 0, e.g. 12,5."),
        )
        validation.add(f"{COL_VALUE}{IND_FIRST_ROW}:{COL_VALUE}{last_ind_row}")
        ws.add_data_validation(validation)
    _protect(ws)

    # --- Tasks --------------------------------------------------------------------------------
    wt = wb.create_sheet(TASK_SHEET)
    wt["B1"] = _("WORK DONE IN THE PERIOD")
    wt["B1"].font = Font(bold=True, size=14)
    wt.merge_cells("B1:E1")
    wt["B2"] = _(
        "For each task: what was done, proposals, and the date a milestone was reached "
        "(dd/mm/yyyy, within %(start)s – %(end)s) if any."
    ) % {"start": _date(period.start_date), "end": _date(period.end_date)}
    wt["B2"].font = Font(italic=True)
    wt["B2"].alignment = Alignment(wrap_text=True, vertical="top")
    wt.merge_cells("B2:E2")
    wt.row_dimensions[2].height = 32
    task_headers = [
        _("Task ID"),
        _("Task"),
        _("Work done"),
        _("Proposals"),
        _("Milestone reached on (dd/mm/yyyy)"),
    ]
    for col, text in enumerate(task_headers, start=1):
        cell = wt.cell(row=TASK_HEADER_ROW, column=col, value=text)
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = header_align
        cell.border = border
    wt.row_dimensions[TASK_HEADER_ROW].height = 32
    row = TASK_FIRST_ROW
    for task_row in rows:
        tr = task_row.task_report
        values = [
            task_row.task.pk,
            task_row.task.title,
            (tr.done_text if tr else "") or None,
            (tr.proposals if tr else "") or None,
            tr.completed_on if tr else None,
        ]
        for col, value in enumerate(values, start=1):
            cell = wt.cell(row=row, column=col, value=value)
            cell.border = border
            cell.alignment = wrap_top
        wt[f"{COL_DATE}{row}"].number_format = DATE_FORMAT
        for col in (COL_DONE, COL_PROPOSALS, COL_DATE):
            wt[f"{col}{row}"].protection = unlocked
            wt[f"{col}{row}"].fill = input_fill
        row += 1
    last_task_row = row - 1
    for col, width in {"A": 8, "B": 45, "C": 50, "D": 40, "E": 16}.items():
        wt.column_dimensions[col].width = width
    wt.column_dimensions[COL_TASK_ID].hidden = True
    wt.freeze_panes = f"A{TASK_FIRST_ROW}"
    wt.page_setup.orientation = "landscape"
    if last_task_row >= TASK_FIRST_ROW:
        date_validation = DataValidation(
            type="date",
            operator="between",
            formula1=f"DATE({period.start_date.year},{period.start_date.month},"
            f"{period.start_date.day})",
            formula2=f"DATE({period.end_date.year},{period.end_date.month},{period.end_date.day})",
            allow_blank=True,
            showErrorMessage=True,
            # A warning, not a stop: a date typed as text is still read by the portal.
            errorStyle="warning",
            errorTitle=_("Date outside the period"),
            error=_("The date must fall within the period (%(start)s – %(end)s).")
            % {"start": _date(period.start_date), "end": _date(period.end_date)},
        )
        date_validation.add(f"{COL_DATE}{TASK_FIRST_ROW}:{COL_DATE}{last_task_row}")
        wt.add_data_validation(date_validation)
    _protect(wt)

    # --- What the workbook is for -------------------------------------------------------------
    wm = wb.create_sheet(META_SHEET)
    meta = [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("period", period.pk),
        ("unit", unit.pk),
        ("signature", _signature(period, unit)),
        ("period_label", str(period.label)),
        ("unit_name", unit.name),
    ]
    for index, (key, value) in enumerate(meta, start=1):
        wm.cell(row=index, column=1, value=key)
        wm.cell(row=index, column=2, value=value)
    wm.sheet_state = "hidden"
    _protect(wm)
    # Sheets cannot be renamed, deleted or unhidden; no password: this guards against
    # accidents, the signature guards against the rest.
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _protect(ws) -> None:
    ws.protection.sheet = True
    # Resizing rows and columns stays allowed (long texts); the structure does not.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


# --- Upload: reading cells ----------------------------------------------------------------------

_DIGITS = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


class CellValueError(ValueError):
    pass


def _not_a_number() -> str:
    return _("Not a number: enter a number ≥ 0 (e.g. 12,5).")


def parse_number(raw) -> Decimal | None:
    """A cell's number: numeric cells, or text in the Vietnamese convention ("1.234,5", "12,5").

    Empty → None. Raises CellValueError with the message. Negative numbers are returned:
    refusing them is `reporting.check_inputs`' business.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise CellValueError(_not_a_number())
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise CellValueError(_not_a_number())
        value = Decimal(repr(raw))
        if abs(value) > reporting.MAX_VALUE:
            return value  # refused as too large by check_inputs
        rounded = value.quantize(Decimal(1).scaleb(-MAX_DECIMALS))
        # Excel stores binary floats: 0,1 + 0,2 arrives as 0.30000000000000004.
        if abs(value - rounded) > Decimal("1e-9"):
            raise CellValueError(_("At most 3 digits after the decimal comma."))
        return rounded
    if isinstance(raw, Decimal):
        return raw
    if not isinstance(raw, str):
        raise CellValueError(_not_a_number())
    text = nfc(raw).strip()
    for space in (" ", "\u00a0", "\u202f", "\u2009"):
        text = text.replace(space, "")
    if not text:
        return None
    negative = False
    if text[0] in "-−":
        negative, text = True, text[1:]
    elif text[0] == "+":
        text = text[1:]
    number = _normalize_number_text(text)
    if number is None:
        raise CellValueError(_not_a_number())
    try:
        value = Decimal(number)
    except InvalidOperation as exc:
        raise CellValueError(_not_a_number()) from exc
    if "." in number and len(number.split(".")[1]) > MAX_DECIMALS:
        raise CellValueError(_("At most 3 digits after the decimal comma."))
    return -value if negative else value


def _normalize_number_text(text: str) -> str | None:
    """ "1.234,5" → "1234.5"; None when the text is not a number.

    The form's rule (units.text.normalize_number_text): a comma is the decimal mark and dots
    then group thousands; without a comma several dots group thousands and a single dot is a
    decimal point. Here the groups must be well formed: "1,234.5" or "1.23,4" is refused
    rather than guessed.
    """
    if "," in text:
        whole, _sep, fraction = text.rpartition(",")
        if not _DIGITS.match(fraction):
            return None
        if _DIGITS.match(whole):
            return f"{whole}.{fraction}"
        if _GROUPED.match(whole):
            return f"{whole.replace('.', '')}.{fraction}"
        return None
    if text.count(".") > 1:
        return text.replace(".", "") if _GROUPED.match(text) else None
    if "." in text:
        whole, _sep, fraction = text.partition(".")
        if _DIGITS.match(whole) and _DIGITS.match(fraction):
            return text
        return None
    return text if _DIGITS.match(text) else None


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")


def parse_date(raw) -> datetime.date | None:
    if raw is None:
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        # A date cell that lost its format shows Excel's serial number.
        from openpyxl.utils.datetime import from_excel

        if 1 <= raw <= 2958465:
            try:
                return from_excel(raw).date()
            except (ValueError, OverflowError, TypeError):
                pass
        raise CellValueError(_("Not a date: write it as dd/mm/yyyy."))
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise CellValueError(_("Not a date: write it as dd/mm/yyyy."))


def parse_text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, datetime.datetime | datetime.date):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return nfc(str(raw)).strip()


def _int_id(raw) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return None


# --- Upload: the file ---------------------------------------------------------------------------


class FileRefused(Exception):
    """The upload as a whole is refused; the message says why."""


def _file_error(message: str) -> CellError:
    return CellError("", "", message)


def _read_upload(file) -> bytes:
    limit = upload_max_bytes()
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise FileRefused(_too_large(limit))
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(_too_large(limit))
    if not data:
        raise FileRefused(_("The file is empty."))
    return data


def _too_large(limit: int) -> str:
    size = vn_number((Decimal(limit) / 1048576).quantize(Decimal("0.1")))
    return _("The file is larger than %(size)s MB.") % {"size": size}


def _not_xlsx() -> str:
    return _(
        "This file is not an Excel workbook (.xlsx). Use the workbook downloaded from the "
        "portal; a .xls or .csv file renamed to .xlsx cannot be read."
    )


def _open_workbook(data: bytes):
    """openpyxl workbooks (values, formulas) of an .xlsx file."""
    from openpyxl import load_workbook

    # Check the container before handing it to openpyxl: an .xlsx is a zip whose parts are
    # declared in [Content_Types].xml; refuse renamed files, macro workbooks and zip bombs.
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRefused(_not_xlsx()) from exc
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise FileRefused(_not_xlsx())
        expanded = sum(info.file_size for info in infos)
        if len(infos) > MAX_ZIP_ENTRIES or expanded > MAX_UNCOMPRESSED_BYTES:
            raise FileRefused(_too_large(upload_max_bytes()))
        try:
            content_types = archive.read("[Content_Types].xml")
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError) as exc:
            raise FileRefused(_not_xlsx()) from exc
    if b"macroEnabled" in content_types or b"spreadsheetml.sheet.main" not in content_types:
        raise FileRefused(_not_xlsx())
    try:
        # keep_links=False: external links are neither followed nor kept.
        values = load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
        formulas = load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    except Exception as exc:
        # openpyxl raises many kinds of errors on damaged parts (KeyError, ValueError,
        # TypeError, XML parse errors, zip errors …): they all mean "cannot be read".
        raise FileRefused(_not_xlsx()) from exc
    return values, formulas


def _meta(wb) -> dict:
    if META_SHEET not in wb.sheetnames:
        return {}
    meta = {}
    for key, value in wb[META_SHEET].iter_rows(max_row=20, max_col=2, values_only=True):
        if isinstance(key, str):
            meta[key] = value
    return meta


def _check_identity(wb, period: ReportingPeriod, unit) -> None:
    """The workbook must be the portal's, unaltered, for this unit and period."""
    download_again = _("Download the workbook of this report again.")
    meta = _meta(wb)
    if meta.get("format") != FORMAT_NAME:
        raise FileRefused(
            _("This workbook was not downloaded from the portal.") + " " + download_again
        )
    try:
        signed = signing.loads(str(meta.get("signature") or ""), salt=SIGNING_SALT)
    except signing.BadSignature:
        signed = None
    if (
        not isinstance(signed, dict)
        or signed.get("p") != _int_id(meta.get("period"))
        or signed.get("u") != _int_id(meta.get("unit"))
    ):
        raise FileRefused(
            _("The identification of this workbook has been altered.") + " " + download_again
        )
    if signed.get("p") != period.pk or signed.get("u") != unit.pk:
        raise FileRefused(
            _(
                "This workbook is for another unit or period (%(unit)s — %(period)s), not for "
                "%(this_unit)s — %(this_period)s."
            )
            % {
                "unit": meta.get("unit_name") or "?",
                "period": meta.get("period_label") or "?",
                "this_unit": unit.name,
                "this_period": period.label,
            }
            + " "
            + download_again
        )
    if signed.get("f") != FORMAT_VERSION:
        raise FileRefused(_("This workbook has an old layout.") + " " + download_again)
    for name in (INDICATOR_SHEET, TASK_SHEET):
        if name not in wb.sheetnames:
            raise FileRefused(
                _("The sheet “%(name)s” is missing from the workbook.") % {"name": name}
                + " "
                + download_again
            )


def parse_workbook(file, period: ReportingPeriod, unit):
    """(values, tasks, errors) read from an uploaded workbook.

    Checks the file (type by content, size), that it is the workbook of this unit and
    period, and the format of every editable cell. Rules on the figures (negative, below the
    last accepted value, dates outside the period) are `reporting.check_inputs`' business:
    see `import_workbook`.
    """
    try:
        wb, wb_formulas = _open_workbook(_read_upload(file))
        _check_identity(wb, period, unit)
    except FileRefused as exc:
        return [], [], [_file_error(str(exc))]
    values, ind_errors = _parse_indicators(wb[INDICATOR_SHEET], wb_formulas[INDICATOR_SHEET])
    tasks, task_errors = _parse_tasks(wb[TASK_SHEET], wb_formulas[TASK_SHEET])
    return values, tasks, ind_errors + task_errors


def _uncomputed_formula(ws_formulas, ref: str) -> bool:
    raw = ws_formulas[ref].value
    return isinstance(raw, str) and raw.startswith("=")


ERROR_CODES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def _cell(ws, ws_formulas, ref: str, errors: list[CellError]):
    """The cell's value; a formula without a computed value is an error (returns None)."""
    value = ws[ref].value
    if value is None and _uncomputed_formula(ws_formulas, ref):
        errors.append(
            CellError(
                ws.title,
                ref,
                _("This formula has no computed value: type the figure itself."),
            )
        )
    if isinstance(value, str) and value in ERROR_CODES:
        # #VALUE!, #DIV/0!, #NAME?, #N/A …: a formula that failed in Excel.
        errors.append(CellError(ws.title, ref, _("This formula gives an error in Excel.")))
        return None
    return value


def _last_row(ws, first: int, errors: list[CellError]) -> int:
    last = ws.max_row
    if last - first + 1 > MAX_ROWS:
        errors.append(
            CellError(
                ws.title, "", _("The sheet has too many rows (at most %(n)d).") % {"n": MAX_ROWS}
            )
        )
        return first - 1
    return last


def _parse_indicators(ws, ws_formulas):
    errors: list[CellError] = []
    values: list[CellValueInput] = []
    seen: set[int] = set()
    for row in range(IND_FIRST_ROW, _last_row(ws, IND_FIRST_ROW, errors) + 1):
        value_ref = f"{COL_VALUE}{row}"
        reason_ref = f"{COL_REASON}{row}"
        raw_id = ws[f"{COL_INDICATOR_ID}{row}"].value
        raw_value = _cell(ws, ws_formulas, value_ref, errors)
        raw_reason = ws[reason_ref].value
        if raw_id is None or raw_id == "":
            if raw_value not in (None, "") or raw_reason not in (None, ""):
                errors.append(
                    CellError(
                        ws.title,
                        value_ref,
                        _(
                            "This row is not an indicator of the workbook: enter figures only "
                            "on the indicator rows."
                        ),
                    )
                )
            continue
        indicator_id = _int_id(raw_id)
        if indicator_id is None:
            errors.append(
                CellError(
                    ws.title,
                    value_ref,
                    _(
                        "Unknown indicator (the hidden column K was changed). Download the "
                        "workbook again."
                    ),
                )
            )
            continue
        if indicator_id in seen:
            errors.append(
                CellError(ws.title, value_ref, _("This indicator appears twice in the workbook."))
            )
            continue
        seen.add(indicator_id)
        try:
            value = parse_number(raw_value)
        except CellValueError as exc:
            errors.append(CellError(ws.title, value_ref, str(exc)))
            continue
        values.append(
            CellValueInput(
                indicator_id=indicator_id, value=value, reason=parse_text(raw_reason), row=row
            )
        )
    return values, errors


def _parse_tasks(ws, ws_formulas):
    errors: list[CellError] = []
    tasks: list[CellTaskInput] = []
    seen: set[int] = set()
    for row in range(TASK_FIRST_ROW, _last_row(ws, TASK_FIRST_ROW, errors) + 1):
        raw_id = ws[f"{COL_TASK_ID}{row}"].value
        done = ws[f"{COL_DONE}{row}"].value
        proposals = ws[f"{COL_PROPOSALS}{row}"].value
        date_ref = f"{COL_DATE}{row}"
        raw_date = _cell(ws, ws_formulas, date_ref, errors)
        if raw_id is None or raw_id == "":
            if any(v not in (None, "") for v in (done, proposals, raw_date)):
                errors.append(
                    CellError(
                        ws.title,
                        f"{COL_DONE}{row}",
                        _("This row is not a task of the workbook: write only on the task rows."),
                    )
                )
            continue
        task_id = _int_id(raw_id)
        if task_id is None or task_id in seen:
            errors.append(
                CellError(
                    ws.title,
                    f"{COL_TASK_TITLE}{row}",
                    _(
                        "Unknown task (the hidden column A was changed). Download the workbook "
                        "again."
                    ),
                )
            )
            continue
        seen.add(task_id)
        try:
            completed_on = parse_date(raw_date)
        except CellValueError as exc:
            errors.append(CellError(ws.title, date_ref, str(exc)))
            continue
        tasks.append(
            CellTaskInput(
                task_id=task_id,
                done_text=parse_text(done),
                proposals=parse_text(proposals),
                completed_on=completed_on,
                row=row,
            )
        )
    return tasks, errors


# --- Upload: into the draft ---------------------------------------------------------------------


def _map_checked(messages: dict, values, tasks, previous: dict) -> list[CellError]:
    """`check_inputs` keys → the cells they came from."""
    rows_by_indicator = {v.indicator_id: v.row for v in values}
    rows_by_task = {t.task_id: t.row for t in tasks}
    mapped = []
    for (kind, pk), message in messages.items():
        if kind in ("value", "reason") and pk in rows_by_indicator:
            ref = f"{COL_VALUE}{rows_by_indicator[pk]}"
            if kind == "reason":
                message = _(
                    "Below the last accepted value (%(last)s): give the reason in column %(col)s."
                ) % {"last": vn_number(previous.get(pk)), "col": COL_REASON}
            mapped.append(CellError(INDICATOR_SHEET, ref, str(message)))
        elif kind == "completed_on" and pk in rows_by_task:
            mapped.append(CellError(TASK_SHEET, f"{COL_DATE}{rows_by_task[pk]}", str(message)))
        elif kind == "task" and pk in rows_by_task:
            mapped.append(
                CellError(TASK_SHEET, f"{COL_TASK_TITLE}{rows_by_task[pk]}", str(message))
            )
        else:
            mapped.append(_file_error(str(message)))
    return mapped


def _sort_key(error: CellError):
    order = {INDICATOR_SHEET: 1, TASK_SHEET: 2}.get(error.sheet, 0)
    match = re.match(r"([A-Z]+)(\d+)$", error.cell or "")
    if match:
        return (order, int(match.group(2)), match.group(1))
    return (order, 0, error.cell)


def import_workbook(actor, file, period: ReportingPeriod, unit) -> ImportResult:
    """Reads the workbook and saves every value in the draft, or nothing with the refused
    cells listed. Raises PermissionDenied when the actor may not edit the unit's reports."""
    if not reporting.can_edit_for_unit(actor, unit):
        raise PermissionDenied
    result = ImportResult()
    values, tasks, errors = parse_workbook(file, period, unit)
    if errors and not values and not tasks:
        result.errors = errors
        return result
    previous = reporting.previous_accepted_values(unit, period, [v.indicator_id for v in values])
    if errors:
        # Report every problem at once: the rules on the cells that were readable too.
        checked = reporting.check_inputs(period, unit, values, tasks)
        errors += _map_checked(checked.errors, values, tasks, previous)
        result.errors = sorted(errors, key=_sort_key)
        return result
    try:
        report, checked = reporting.save_draft(actor, period, unit, values, tasks, source="excel")
    except ValidationError as exc:
        result.errors = [_file_error(" ".join(exc.messages))]
        return result
    if not checked.ok:
        result.errors = sorted(_map_checked(checked.errors, values, tasks, previous), key=_sort_key)
        return result
    result.report = report
    result.values = len(values)
    result.tasks = len(tasks)
    result.warnings = sorted(_map_checked(checked.warnings, values, tasks, previous), key=_sort_key)
    return result
