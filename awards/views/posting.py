"""Public posting (no login): the nominations open for comments, and the comment form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.access import public_campaign
from units.models import Organization
from units.tables import Column, sort_and_paginate

from .. import screening as services
from ..forms_nominations import CommentForm
from ..models import Nomination


def _client_ip(request) -> str:
    # REMOTE_ADDR only: a forwarded header is set by the client and would dodge the limit.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


POSTED_PER_PAGE = 50
POSTED_COLUMNS = (
    Column("nominee", gettext_lazy("Nominee"), "nominee_name_folded", "nominee_name"),
    Column("unit", gettext_lazy("Proposing unit"), "unit__name"),
    Column("award_form", gettext_lazy("Award form"), "award_form__rank", "nominee_name_folded"),
    Column("posted", gettext_lazy("Posted"), "posted_from", "posted_until"),
)


def _render(request, nominations, scope):
    """A page of the posted nominations, campaign by campaign (the newest campaign first):
    the sort orders the rows inside each campaign."""
    table = sort_and_paginate(
        request,
        nominations,
        POSTED_COLUMNS,
        default="award_form",
        per_page=POSTED_PER_PAGE,
        leading=("-campaign__start_date", "campaign_id"),
    )
    return render(
        request,
        "awards/posting/list.html",
        {
            "table": table,
            "groups": _grouped(table.object_list),
            "today": timezone.localdate(),
            "scope": scope,
        },
    )


def _grouped(nominations) -> list[dict]:
    groups: dict[int, dict] = {}
    for nomination in nominations:
        group = groups.setdefault(
            nomination.campaign_id, {"campaign": nomination.campaign, "nominations": []}
        )
        group["nominations"].append(nomination)
    return list(groups.values())


def posting_index(request):
    return _render(request, services.posted_nominations(), None)


def posting_organization(request, code):
    org = get_object_or_404(Organization, code=code)
    nominations = services.posted_nominations().filter(
        campaign__issuing_organization__path__startswith=org.path
    )
    return _render(request, nominations, org.name)


def posting_campaign(request, code):
    campaign = public_campaign(code)
    return _render(request, services.posted_nominations().filter(campaign=campaign), campaign.name)


def posting_detail(request, pk):
    try:
        nomination = services.posted_nominations().get(pk=pk)
    except (Nomination.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_public_comment(nomination, form.cleaned_data, _client_ip(request))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                for error in exc.messages:
                    form.add_error(None, error)
        else:
            messages.success(
                request, _("Thank you. Your comment was sent to the department office.")
            )
            return redirect("posting_detail", pk=nomination.pk)
    return render(
        request,
        "awards/posting/detail.html",
        {"nomination": nomination, "form": form},
    )
