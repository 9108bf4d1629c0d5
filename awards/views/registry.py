"""Screens of the award registry: the list with search and filters and its exports, totals,
a person's and a unit's history, manual entry, and the public list of a campaign's awardees.
Rules live in awards.registry; access in awards.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.access import public_campaign
from campaign.exports import FORMATS, table_response
from units.tables import Column, clean_sort, columns_by_key, order_queryset, sort_and_paginate

from .. import registry as services
from ..access import (
    person_history_for_user,
    registry_organizations,
    unit_history_for_user,
)
from ..forms_decisions import ManualAwardForm
from .decisions import _add_errors

PUBLIC_PAGE_SIZE = 100

# The registry's sortable columns, by the position of their header in services.headers();
# the row number and the unit (computed per row) do not sort.
REGISTRY_COLUMNS = (
    Column("awardee", gettext_lazy("Awardee"), "recipient_name_folded", "recipient_name"),
    Column("subject", gettext_lazy("Subject type"), "subject_type"),
    Column("award_form", gettext_lazy("Award form"), "award_form__rank", "award_form__name"),
    Column("year", gettext_lazy("Year"), "year", descending_first=True),
    Column("number", gettext_lazy("Decision number"), "decision_number"),
    Column(
        "date",
        gettext_lazy("Decision date"),
        "decision_date",
        "-recipient_name_folded",
        descending_first=True,
    ),
    Column("issuer", gettext_lazy("Issued by"), "issuer"),
    Column(
        "prize",
        gettext_lazy("Prize money (VND)"),
        "prize_amount",
        descending_first=True,
        css="text-end",
    ),
    Column("campaign", gettext_lazy("Campaign"), "campaign__name"),
    Column("source", gettext_lazy("Source"), "source"),
)
REGISTRY_HEADER_KEYS = (
    None,
    "awardee",
    None,
    "subject",
    "award_form",
    "year",
    "number",
    "date",
    "issuer",
    "prize",
    "campaign",
    "source",
)
REGISTRY_DEFAULT_SORT = "-date"
PUBLIC_COLUMNS = (
    Column("awardee", gettext_lazy("Awardee"), "recipient_name_folded", "recipient_name"),
    Column(
        "award_form",
        gettext_lazy("Award form"),
        "award_form__rank",
        "-decision_date",
        "decision_number",
    ),
    Column("decision", gettext_lazy("Decision"), "decision_date", "decision_number"),
)


@login_required
def registry_list(request):
    organizations = registry_organizations(request.user)
    filters = services.parse_filters(request.GET)
    queryset = services.apply_filters(services.records(organizations), filters)
    fmt = request.GET.get("export", "")
    if fmt in FORMATS:
        # The file holds every line of the list, in the order the page shows them.
        columns = columns_by_key(REGISTRY_COLUMNS)
        sort = clean_sort(request.GET.get("sort"), columns, REGISTRY_DEFAULT_SORT)
        rows = (
            services.record_row(number, record)
            for number, record in enumerate(
                order_queryset(queryset, columns, sort).iterator(chunk_size=500), start=1
            )
        )
        return table_response(
            fmt, _("Award registry"), _("Award registry"), services.headers(), rows
        )
    table = sort_and_paginate(
        request,
        queryset,
        REGISTRY_COLUMNS,
        default=REGISTRY_DEFAULT_SORT,
        per_page=services.PAGE_SIZE,
    )
    page = table.page
    start = page.start_index()
    rows = [
        {"record": record, "cells": services.record_row(start + index, record)}
        for index, record in enumerate(page.object_list)
    ]
    try:
        can_manage = bool(registry_organizations(request.user, manage=True))
    except PermissionDenied:  # a council member reads the registry but adds nothing
        can_manage = False
    return render(
        request,
        "awards/registry/list.html",
        {
            "table": table,
            "page": page,
            "rows": rows,
            "headers": services.headers(),
            "header_cells": table.headers(
                list(zip(services.headers(), REGISTRY_HEADER_KEYS, strict=True))
            ),
            "export_xlsx": table.url(export="xlsx", page=None),
            "export_csv": table.url(export="csv", page=None),
            "filters": filters,
            "can_manage": can_manage,
            **services.filter_choices(organizations),
        },
    )


@login_required
def registry_totals(request):
    organizations = registry_organizations(request.user)
    filters = services.parse_filters(request.GET)
    rows = services.totals(organizations, filters)
    return render(
        request,
        "awards/registry/totals.html",
        {
            "rows": rows,
            "filters": filters,
            "grand_count": sum(r["count"] for r in rows),
            "grand_total": sum(r["total"] or 0 for r in rows),
            **services.filter_choices(organizations),
        },
    )


@login_required
def manual_create(request):
    owners = registry_organizations(request.user, manage=True)
    form = ManualAwardForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.create_manual(request.user, data["owner"], data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The award of %(name)s was added to the registry.")
                % {"name": record.recipient_name},
            )
            return redirect(reverse("registry_list"))
    return render(request, "awards/registry/manual_form.html", {"form": form})


@login_required
def person_history(request, pk):
    person = person_history_for_user(request, pk)
    return render(
        request,
        "awards/registry/person.html",
        {"person": person, "records": services.person_history(person)},
    )


@login_required
def unit_history(request, pk):
    unit = unit_history_for_user(request, pk)
    collective, individuals = services.unit_history(unit)
    return render(
        request,
        "awards/registry/unit.html",
        {"unit": unit, "collective": collective, "individuals": individuals},
    )


def public_awardees(request, code):
    """No login: the awardees of a published campaign (DESIGN §1, published lists)."""
    campaign = public_campaign(code)
    # A province's campaign awards thousands: a page at a time keeps the list readable and fast.
    table = sort_and_paginate(
        request,
        services.public_awardees(campaign),
        PUBLIC_COLUMNS,
        default="award_form",
        per_page=PUBLIC_PAGE_SIZE,
    )
    page = table.page
    rows = [{"record": r, "unit": services.unit_label(r)} for r in page.object_list]
    return render(
        request,
        "awards/registry/public.html",
        {
            "campaign": campaign,
            "table": table,
            "rows": rows,
            "page": page,
            "first": page.start_index(),
            # Award form by award form, under a heading each, unless sorted otherwise.
            "grouped": table.sort.lstrip("-") == "award_form",
        },
    )
