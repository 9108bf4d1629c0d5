"""Any table of the portal as an Excel or CSV download with Vietnamese headers."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from units.text import fold

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


def table_response(fmt: str, filename: str, title: str, headers: list, rows) -> HttpResponse:
    """An attachment holding one table; `filename` without extension, in Vietnamese."""
    if fmt == "csv":
        buffer = io.StringIO()
        # The BOM lets Excel open Vietnamese text in UTF-8.
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow([str(h) for h in headers])
        for row in rows:
            writer.writerow(["" if v is None else _safe(str(v)) for v in row])
        content = buffer.getvalue().encode("utf-8")
        content_type = "text/csv; charset=utf-8"
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = str(title)[:31] or "Sheet1"
        sheet.append([str(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(str(h)) for h in headers]
        for row in rows:
            values = [_cell(v) for v in row]
            sheet.append(values)
            for index, value in enumerate(values):
                widths[index] = max(widths[index], min(len(str(value)), 60))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width + 2
        sheet.freeze_panes = "A2"
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    ascii_name = fold(filename).replace(" ", "-") or "bang"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}.{fmt}\"; filename*=UTF-8''{quote(filename)}.{fmt}"
    )
    return response
