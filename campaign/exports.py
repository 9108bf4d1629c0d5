"""Any table of the portal as an Excel or CSV download with Vietnamese headers."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from units.text import attachment_disposition

FORMATS = {"xlsx", "csv"}
_FORMULA_START = ("=", "+", "-", "@")


def _safe(value):
    """Text that a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    if isinstance(value, date | datetime | int | float):
        return value
    return _safe(str(value))


def _xlsx(title: str, headers: list, rows) -> bytes:
    """A streamed (write-only) workbook: several times faster than a normal one on the
    10,000 rows of a province's indicator table. Dates show as dd/mm/yyyy."""
    values = [[_cell(v) for v in row] for row in rows]
    widths = [len(str(h)) for h in headers]
    for row in values:
        for index, value in enumerate(row):
            text = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
            widths[index] = max(widths[index], min(len(text), 60))
    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(title)[:31] or "Sheet1")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font, cell.alignment = bold, wrap
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in values:
        if any(isinstance(v, date) for v in row):
            row = [_date_cell(sheet, v) if isinstance(v, date) else v for v in row]
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _date_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(value, datetime) else "DD/MM/YYYY"
    return cell


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_content(fmt: str, title: str, headers: list, rows) -> tuple[bytes, str]:
    """(file content, content type) of one table."""
    if fmt == "csv":
        buffer = io.StringIO()
        # The BOM lets Excel open Vietnamese text in UTF-8.
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow([str(h) for h in headers])
        for row in rows:
            writer.writerow(["" if v is None else _safe(str(v)) for v in row])
        return buffer.getvalue().encode("utf-8"), "text/csv; charset=utf-8"
    return _xlsx(title, headers, rows), XLSX_TYPE


def table_response(fmt: str, filename: str, title: str, headers: list, rows) -> HttpResponse:
    """An attachment holding one table; `filename` without extension, in Vietnamese."""
    content, content_type = table_content(fmt, title, headers, rows)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_disposition(f"{filename}.{fmt}", f"bang.{fmt}")
    return response
