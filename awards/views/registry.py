"""Screens of the award registry: the list with search and filters and its exports, totals,
a person's and a unit's history, manual entry, and the public list of a campaign's awardees.
Rules live in awards.registry; access in awards.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from campaign.access import public_campaign
from campaign.exports import FORMATS, table_response

from .. import registry as services
from ..access import (
    person_history_for_user,
    registry_organizations,
    unit_history_for_user,
)
from ..forms_decisions import ManualAwardForm
from .decisions import _add_errors

PUBLIC_PAGE_SIZE = 100


@login_required
def registry_list(request):
    organizations = registry_organizations(request.user)
    filters = services.parse_filters(request.GET)
    queryset = services.apply_filters(services.records(organizations), filters).order_by(
        "-decision_date", "recipient_name_folded", "pk"
    )
    fmt = request.GET.get("export", "")
    if fmt in FORMATS:
        rows = (
            services.record_row(number, record)
            for number, record in enumerate(queryset.iterator(chunk_size=500), start=1)
        )
        return table_response(
            fmt, _("Award registry"), _("Award registry"), services.headers(), rows
        )
    page = Paginator(queryset, services.PAGE_SIZE).get_page(request.GET.get("page"))
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
            "page": page,
            "rows": rows,
            "headers": services.headers(),
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
    page = Paginator(services.public_awardees(campaign), PUBLIC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [{"record": r, "unit": services.unit_label(r)} for r in page.object_list]
    return render(
        request,
        "awards/registry/public.html",
        {"campaign": campaign, "rows": rows, "page": page, "first": page.start_index()},
    )
