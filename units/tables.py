"""Sorting and pagination of the portal's lists, done by the server.

A view declares the columns its list may be sorted by and hands the rows (a queryset, or a list
built in Python) to `sort_and_paginate`, which reads `?sort=` and `?page=` and returns a
`Listing`: one page of rows, the link and state of every sortable column for the shared header
cell (templates/_sort_th.html), and the links of the shared pagination
(templates/_pagination.html). The other parameters of the query string (the list's filters)
ride along in every link.

- `?sort=unit` sorts by the column "unit", `?sort=-unit` the other way; an unknown key shows the
  default order (a hand-edited address never fails).
- The primary key (querysets) or the rows' original order (lists, sorted stably) breaks ties, so
  that paging never shows a row twice or skips one.
- Empty values sort last, in both directions.
- A page number that is not a number shows the first page; one past the end, the last page
  (Django's `Paginator.get_page`).

Small tables whose size is fixed by the structure (a council's members, a session's agenda) are
sorted in the browser instead: `data-sortable` on the <table>, static/js/table-sort.js.
"""

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

ASCENDING = "ascending"
DESCENDING = "descending"


def page_size() -> int:
    """Rows per page of a list unless the view says otherwise (TABLE_PAGE_SIZE, default 25)."""
    return getattr(settings, "TABLE_PAGE_SIZE", 25)


class Column:
    """A column a list may be sorted by.

    `order_by`: the fields of a queryset, in the ascending order ("-field" runs the other way
    inside an ascending sort), or expressions (a Case that ranks statuses); `value`: the sort
    key of a row of a list (None sorts last).
    `descending_first`: the first click shows the largest or newest first (dates, figures).
    `css`: the classes of the header cell (e.g. "text-end").
    """

    def __init__(
        self,
        key: str,
        label,
        *order_by,
        value: Callable[[Any], Any] | None = None,
        descending_first: bool = False,
        css: str = "",
    ):
        self.key = key
        self.label = label
        self.order_by = order_by
        self.value = value
        self.descending_first = descending_first
        self.css = css

    def __repr__(self) -> str:
        return f"Column({self.key!r})"


def columns_by_key(columns: Iterable[Column]) -> dict[str, Column]:
    return {column.key: column for column in columns}


def split_sort(sort: str) -> tuple[str, bool]:
    """The key and the direction of a sort: "-unit" → ("unit", True)."""
    return (sort[1:], True) if sort.startswith("-") else (sort, False)


def clean_sort(value, columns: Mapping[str, Column], default: str = "") -> str:
    """The sort asked for when it names a column, else the default ("" keeps the rows' order)."""
    value = value if isinstance(value, str) else ""
    key, _descending = split_sort(value)
    return value if key in columns else default


# --- Sorting ------------------------------------------------------------------------------------

# Vietnamese letters that carry a mark of their own come after the plain letter (a < ă < â,
# d < đ, o < ô < ơ, u < ư); the tones (none, huyền, hỏi, ngã, sắc, nặng) only decide between
# words whose letters are the same. The keys are built with str.replace, which runs at C speed
# (str.translate with a table does not, for Vietnamese text): sorting ten thousand rows by name
# stays a matter of milliseconds.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = ("\u0306", "\u0302", "\u031b")  # breve (ă), circumflex (â ê ô), horn (ơ ư)
# A marked letter becomes its plain letter and a character above every letter: "ăn" then
# sorts after "an" and "ab", before "ân" and "b".
_MARKED = (
    ("ă", "a\ue001"),
    ("â", "a\ue002"),
    ("đ", "d\ue001"),
    ("ê", "e\ue002"),
    ("ô", "o\ue002"),
    ("ơ", "o\ue003"),
    ("ư", "u\ue003"),
)


def collation_key(text: str) -> tuple:
    """A sort key that puts Vietnamese words in dictionary order ("Đà Lạt" after "Dương",
    "Ân" after "An", "ma" < "mà" < "mả" < "mã" < "má" < "mạ"), whatever the case and however
    the text was typed (NFC or NFD)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    letters, tones = decomposed, decomposed
    for rank, tone in enumerate(_TONES, start=1):
        letters = letters.replace(tone, "")
        tones = tones.replace(tone, chr(0xF000 + rank))
    for mark in _LETTER_MARKS:
        tones = tones.replace(mark, "")
    letters = unicodedata.normalize("NFC", letters)
    for letter, spelled in _MARKED:
        letters = letters.replace(letter, spelled)
    return (letters, tones, text)


def _comparable(value):
    return collation_key(value) if isinstance(value, str) else value


def sort_rows(rows: Iterable, columns: Mapping[str, Column], sort: str) -> list:
    """The rows of a list sorted by `sort` (a clean sort string); the original order breaks
    ties and rows without a value come last in both directions."""
    rows = list(rows)
    key, descending = split_sort(sort)
    column = columns.get(key)
    if column is None or column.value is None:
        return rows
    keyed, empty = [], []
    for row in rows:
        value = column.value(row)
        if value is None or value == "":
            empty.append(row)
        else:
            keyed.append((_comparable(value), row))
    # sorted() is stable in both directions: equal rows keep their original order.
    keyed.sort(key=lambda pair: pair[0], reverse=descending)
    return [row for _value, row in keyed] + empty


def order_queryset(
    queryset: QuerySet,
    columns: Mapping[str, Column],
    sort: str,
    *,
    leading: Sequence[str] = (),
    tiebreaker: Sequence[str] = ("pk",),
) -> QuerySet:
    """The queryset in the order of `sort`, then the tiebreaker (in the same direction).
    `leading`: fields that always come first, whatever the sort (a list grouped by campaign).
    Without a sort the queryset keeps its own order (or takes the primary key's)."""
    key, descending = split_sort(sort)
    column = columns.get(key)
    if column is None or not column.order_by:
        return queryset if queryset.ordered else queryset.order_by(*leading, *tiebreaker)
    expressions = [_expression(name, False) for name in leading]
    for name in (*column.order_by, *tiebreaker):
        expressions.append(_expression(name, descending))
    return queryset.order_by(*expressions)


def rank(field: str, values: Sequence) -> Case:
    """An ORDER BY term that ranks the values of `field` in the given order (statuses in the
    order of the work rather than alphabetically); any other value comes after them."""
    return Case(
        *(When(**{field: value}, then=Value(index)) for index, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


def _expression(name, flip: bool):
    """A field name ("unit__name", "-raised_at") or an expression (a Case ranking the statuses)
    as an ORDER BY term, turned round when `flip`."""
    if isinstance(name, str):
        descending = name.startswith("-") != flip
        field = F(name.lstrip("-"))
    else:
        descending, field = flip, name
    return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)


# --- Links --------------------------------------------------------------------------------------


def query_url(params: Mapping, anchor: str = "", **changes) -> str:
    """An address "?a=1&b=2#anchor": `params` (a QueryDict or a dict) with some values changed;
    a change to None or "" drops the parameter."""
    if hasattr(params, "lists"):
        pairs = {key: list(values) for key, values in params.lists()}
    else:
        pairs = {key: [value] for key, value in params.items()}
    for key, value in changes.items():
        if value in (None, ""):
            pairs.pop(key, None)
        else:
            pairs[key] = [value]
    query = urlencode([(key, value) for key, values in pairs.items() for value in values])
    return f"?{query}" + (f"#{anchor}" if anchor else "")


class HeaderCell:
    """What the header cell of a sortable column shows: its label, the link that sorts by it
    (the other direction when it is the current sort) and its state for aria-sort."""

    def __init__(self, column: Column, url: str, state: str):
        self.key = column.key
        self.label = column.label
        self.css = column.css
        self.url = url
        self.state = state  # "ascending", "descending" or ""
        self.sortable = True

    @property
    def icon(self) -> str:
        if self.state == ASCENDING:
            return "caret-up-fill"
        if self.state == DESCENDING:
            return "caret-down-fill"
        return "chevron-expand"

    @property
    def hint(self) -> str:
        """What the link does, for a screen reader (the arrow is hidden from it)."""
        if self.state == ASCENDING:
            return _("sorted ascending; activate to sort descending")
        if self.state == DESCENDING:
            return _("sorted descending; activate to sort ascending")
        return _("activate to sort by this column")


class PlainCell:
    """A header cell that does not sort (Action, a computed column…)."""

    sortable = False
    state = ""
    url = ""

    def __init__(self, label, css: str = ""):
        self.label = label
        self.css = css


def header_cells(
    params: Mapping,
    columns: Mapping[str, Column],
    sort: str,
    *,
    default: str = "",
    sort_param: str = "sort",
    page_param: str = "page",
    anchor: str = "",
) -> dict[str, HeaderCell]:
    """Per column key, its HeaderCell. A new sort starts on the first page; the default sort
    leaves `sort` out of the address."""
    current, descending = split_sort(sort)
    cells = {}
    for key, column in columns.items():
        if key == current:
            state = DESCENDING if descending else ASCENDING
            target = key if descending else f"-{key}"
        else:
            state = ""
            target = f"-{key}" if column.descending_first else key
        url = query_url(
            params,
            anchor,
            **{sort_param: "" if target == default else target, page_param: None},
        )
        cells[key] = HeaderCell(column, url, state)
    return cells


def header_row(cells: Mapping[str, HeaderCell], headers: Sequence[tuple]) -> list:
    """Header cells in the order of a table: `headers` holds (label, column key or None) or
    (label, key, css); a key names a sortable column (its HeaderCell), None a plain one."""
    result = []
    for label, key, *css in headers:
        if key is not None:
            result.append(cells[key])
        else:
            result.append(PlainCell(label, css[0] if css else ""))
    return result


def page_links(params: Mapping, page: Page, page_param: str = "page", anchor: str = "") -> dict:
    """first_url, previous_url, next_url, last_url of a page ("" where there is none): this
    address with another page number, every other parameter kept. First and last are offered
    only when they differ from previous and next."""
    number, total = page.number, page.paginator.num_pages

    def to(target: int) -> str:
        return query_url(params, anchor, **{page_param: str(target)})

    return {
        "first_url": to(1) if number > 2 else "",
        "previous_url": to(number - 1) if page.has_previous() else "",
        "next_url": to(number + 1) if page.has_next() else "",
        "last_url": to(total) if number < total - 1 else "",
    }


# --- The whole list -----------------------------------------------------------------------------


class Listing:
    """One page of a sorted list and everything its template needs (see `sort_and_paginate`)."""

    def __init__(
        self,
        params: Mapping,
        source,
        columns: Iterable[Column] = (),
        *,
        default: str = "",
        per_page: int | None = None,
        prefix: str = "",
        anchor: str = "",
        title: str = "",
        leading: Sequence[str] = (),
        tiebreaker: Sequence[str] = ("pk",),
    ):
        self.params = params
        self.columns_spec = columns_by_key(columns)
        self.default = clean_sort(default, self.columns_spec)
        self.sort_param = f"{prefix}sort"
        self.page_param = f"{prefix}page"
        self.anchor = anchor
        self.title = title
        self.sort = clean_sort(params.get(self.sort_param), self.columns_spec, self.default)
        if isinstance(source, QuerySet):
            self.rows = order_queryset(
                source, self.columns_spec, self.sort, leading=leading, tiebreaker=tiebreaker
            )
        else:
            self.rows = sort_rows(source, self.columns_spec, self.sort)
        self.paginator = Paginator(self.rows, per_page or page_size())
        self.page = self.paginator.get_page(params.get(self.page_param))
        self.columns = header_cells(
            params,
            self.columns_spec,
            self.sort,
            default=self.default,
            sort_param=self.sort_param,
            page_param=self.page_param,
            anchor=anchor,
        )
        links = page_links(params, self.page, self.page_param, anchor)
        self.first_url = links["first_url"]
        self.previous_url = links["previous_url"]
        self.next_url = links["next_url"]
        self.last_url = links["last_url"]

    @property
    def object_list(self):
        return self.page.object_list

    @property
    def count(self) -> int:
        return self.paginator.count

    @property
    def sort_is_explicit(self) -> bool:
        """The sort differs from the default: a filter form carries it in a hidden field."""
        return self.sort != self.default

    def headers(self, headers: Sequence[tuple]) -> list:
        """This list's header cells in the order of its table (see `header_row`)."""
        return header_row(self.columns, headers)

    def url(self, **changes) -> str:
        """This list's address with some parameters changed (e.g. an export of the same rows)."""
        return query_url(self.params, "", **changes)


def sort_and_paginate(request_or_params, source, columns: Iterable[Column] = (), **options):
    """A `Listing` of `source` (queryset or list) for `request.GET` (or any mapping).

    Options: `default` sort ("-raised"; "" keeps the source's order), `per_page`, `prefix` of
    the parameters when a page holds several lists ("decision_" → decision_sort,
    decision_page), `anchor` the links land on, `title` (the pagination's label), `leading`
    fields always ordered first, `tiebreaker` (default the primary key).
    """
    params = getattr(request_or_params, "GET", request_or_params)
    return Listing(params, source, columns, **options)
