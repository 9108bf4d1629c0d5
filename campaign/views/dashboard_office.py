"""The secretariat's dashboard (bảng điều khiển của Văn phòng Sở) for one campaign: its tables
(campaign.dashboard_tables), charts with the same figures, one-click urging and the panels higher
apps contribute (`campaign.panels`, e.g. nominations by stage).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from units.tables import (
    header_cells,
    header_row,
    page_links,
)

from .. import metrics, panels
from ..access import campaign_for_user
from ..dashboard_tables import (  # noqa: F401 — benchmark_sql, ROWS_PER_PAGE: bench and tests read them here
    ANCHORS,
    GROUP_HEADER_KEYS,
    INDICATOR_HEADER_KEYS,
    PAGE_PARAMS,
    ROWS_PER_PAGE,
    SORT_PARAMS,
    TABLES,
    TASK_HEADER_KEYS,
    TOP_LAGGING_UNITS,
    DisciplineRow,
    Filters,
    Links,
    ProgressRow,
    Table,
    benchmark_sql,
    build_tables,
    campaign_periods,
    campaign_years,
    export_name,
    group_columns,
    indicator_columns,
    load,
    parse_filters,
)
from ..exports import FORMATS, table_response
from ..metrics import Status
from ..models import Campaign


def _number(value) -> float | None:
    return None if value is None else float(value)


def chart_data(tables: dict) -> dict:
    """What static/js/dashboard.js draws; every figure is also in a table of the page."""
    items = tables["content_item"].all_rows
    lagging = lagging_units(tables["unit"].all_rows)
    discipline = tables["discipline"].all_rows
    achieved, expected = str(_("Achieved (%)")), str(_("Expected by elapsed time (%)"))
    return {
        "content_items": {
            "labels": [row.label for row in items],
            "series": [
                {"label": achieved, "data": [_number(r.percent) for r in items]},
                {"label": expected, "data": [_number(r.expected) for r in items]},
            ],
            "percent": True,
        },
        "units": {
            "labels": [row.label for row in lagging],
            "series": [
                {"label": achieved, "data": [_number(r.percent) for r in lagging]},
                {"label": expected, "data": [_number(r.expected) for r in lagging]},
            ],
            "percent": True,
            "horizontal": True,
        },
        "discipline": {
            "labels": [str(row.period.label) for row in discipline],
            "series": [
                {"label": str(_("On time")), "data": [r.on_time for r in discipline]},
                {"label": str(_("Late")), "data": [r.late for r in discipline]},
                {"label": str(_("Missing")), "data": [r.missing for r in discipline]},
            ],
        },
    }


def lagging_units(rows: list[ProgressRow]) -> list[ProgressRow]:
    """The units behind the elapsed time, the TOP_LAGGING_UNITS furthest behind first."""
    behind = [row for row in rows if row.lag > 0]
    return sorted(behind, key=lambda row: row.lag, reverse=True)[:TOP_LAGGING_UNITS]


# --- The view -----------------------------------------------------------------------------------


def _current_period(discipline: list[DisciplineRow], filters: Filters):
    """The period the headline and the urge button speak of: the chosen one, else the latest
    period up to the cut-off whose due date has passed."""
    if filters.period is not None:
        return next((row for row in discipline if row.period.pk == filters.period.pk), None)
    passed = [row for row in discipline if row.due_passed]
    return passed[-1] if passed else None


def _export(campaign, filters, figures, links, today, fmt, key):
    # The file is for the office's records and for the province: always in Vietnamese.
    with translation.override("vi"):
        table = build_tables(figures, filters, links, today)[key]
        filename = export_name(campaign, filters, figures, table)
        return table_response(fmt, filename, table.title, table.headers, table.export_rows())


@login_required
def dashboard(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    today = timezone.localdate()
    periods = campaign_periods(campaign)
    filters = parse_filters(request.GET, campaign, periods, today)
    figures = load(campaign, periods, filters.cutoff, filters.unit_id, today)
    links = Links(campaign, filters, figures)

    tables = build_tables(
        figures,
        filters,
        links,
        today,
        pages={key: request.GET.get(param) for key, param in PAGE_PARAMS.items()},
    )
    export = request.GET.get("export")
    if export is not None:
        key = request.GET.get("table", "")
        if export not in FORMATS or key not in TABLES:
            messages.error(
                request,
                _(
                    "This table cannot be exported. Choose Excel or CSV beside the title of a "
                    "table."
                ),
            )
        elif not tables[key].in_background:
            return _export(campaign, filters, figures, links, today, export, key)
        else:
            messages.info(
                request,
                _(
                    "This table has more than %(limit)s rows: press Excel or CSV beside its title "
                    "and the file will be written in the background."
                )
                % {"limit": intcomma(settings.EXPORT_INLINE_MAX_ROWS)},
            )
    for key in PAGE_PARAMS:
        _sort_and_page_links(request, tables[key], filters)
    current = _current_period(tables["discipline"].all_rows, filters)
    totals = metrics.status_totals(figures.items)
    ages = tables["obstacles"].all_rows
    return render(
        request,
        "campaign/dashboard/office.html",
        {
            "campaign": campaign,
            "filters": filters,
            "years": campaign_years(campaign),
            "periods": figures.periods,
            "units": figures.units,
            "unit": figures.unit,
            "today": today,
            "tables": tables,
            "lagging_units": lagging_units(tables["unit"].all_rows),
            "lagging_headers": [
                _("Unit"),
                _("Achieved (%)"),
                _("Expected by elapsed time (%)"),
                _("Points behind"),
            ],
            "charts": chart_data(tables),
            "status_totals": [
                (status, Status.LABELS[status], Status.BADGES[status], totals[status])
                for status in Status.ORDER
            ],
            "indicator_count": len(figures.items),
            "waiting": figures.waiting,
            "review_queue_url": links.review_queue,
            "open_obstacles": sum(row.total for row in ages),
            "open_beyond": sum(row.beyond for row in ages),
            "obstacles_url": links.obstacles(),
            "obstacles_beyond_url": links.obstacles(beyond="yes"),
            "current": current,
            "can_urge": campaign.status == Campaign.Status.PUBLISHED,
            "panels": panels.render_panels(request, campaign),
        },
    )


def _sort_and_page_links(request, table: Table, filters: Filters) -> None:
    """The header cells (units.tables: the link that sorts by each column, its aria-sort) and
    the first / previous / next / last links of a paginated table: this page with another
    sort or page of the table, the other tables' pages and every filter kept; they land on
    the table's section. A new sort starts on the table's first page."""
    params = request.GET.copy()
    for name in ("export", "table"):  # an export refused above is not asked again
        params.pop(name, None)
    anchor = ANCHORS[table.key]
    if table.key == "indicator":
        columns, keys, sort = indicator_columns(), INDICATOR_HEADER_KEYS, filters.sort
    elif table.key == "task":
        columns, keys, sort = group_columns(task=True), TASK_HEADER_KEYS, filters.task_sort
    else:
        columns, keys = group_columns(), GROUP_HEADER_KEYS
        sort = getattr(filters, f"{table.key}_sort")
    cells = header_cells(
        params,
        columns,
        sort,
        sort_param=SORT_PARAMS[table.key],
        page_param=PAGE_PARAMS[table.key],
        anchor=anchor,
    )
    for key, header in zip(keys, table.headers, strict=True):
        if key is not None:
            cells[key].label = header  # the export's wording (first column: Unit, Task…)
    table.header_cells = header_row(cells, list(zip(table.headers, keys, strict=True)))
    for name, url in page_links(params, table.page, PAGE_PARAMS[table.key], anchor).items():
        setattr(table, name, url)
