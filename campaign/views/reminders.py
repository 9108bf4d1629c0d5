"""The secretariat's submission status page for a period, and urging units (đôn đốc)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from units.models import Organization
from units.tables import Column, sort_and_paginate

from .. import reminders
from ..access import campaign_for_user
from ..models import Campaign, ReportingPeriod, Task

UNITS_PER_PAGE = 50
# Who needs urging first: late, returned, not started, draft, then submitted and accepted.
_STATUS_RANK = {
    status: rank
    for rank, status in enumerate(
        ("late", "returned", "not_started", "draft", "submitted", "accepted")
    )
}
STATUS_COLUMNS = (
    Column("unit", gettext_lazy("Unit"), value=lambda row: row.unit.name),
    Column("status", gettext_lazy("Status"), value=lambda row: _STATUS_RANK.get(row.status, 9)),
    Column(
        "submitted",
        gettext_lazy("Submitted on"),
        value=lambda row: row.report.first_submitted_at if row.report else None,
    ),
    Column(
        "reminder",
        gettext_lazy("Last reminder"),
        value=lambda row: row.last_reminder.sent_at if row.last_reminder else None,
        descending_first=True,
    ),
)


def _status_url(campaign, period) -> str:
    return f"{reverse('campaign_submission_status', args=[campaign.pk])}?period={period.pk}"


def _period_of(campaign, period_pk) -> ReportingPeriod:
    period = get_object_or_404(ReportingPeriod, pk=period_pk, campaign=campaign)
    period.campaign = campaign
    return period


@login_required
def submission_status(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    today = timezone.localdate()
    periods = list(campaign.periods.order_by("start_date", "pk"))
    by_pk = {str(p.pk): p for p in periods}
    period = by_pk.get(request.GET.get("period", "")) or reminders.default_period(periods, today)
    rows = reminders.submission_rows(period, today) if period else []
    urgeable = [row for row in rows if row.can_be_urged]
    table = sort_and_paginate(request, rows, STATUS_COLUMNS, per_page=UNITS_PER_PAGE)
    return render(
        request,
        "campaign/reminders/status.html",
        {
            "campaign": campaign,
            "periods": periods,
            "period": period,
            "table": table,
            "rows": table.page.object_list,
            "counts": reminders.status_counts(rows),
            "urgeable_count": len(urgeable),
            "can_urge": campaign.status == Campaign.Status.PUBLISHED,
            "due_passed": bool(period and period.due_date < today),
            "today": today,
        },
    )


@login_required
@require_POST
def urge_unit(request, pk, period_pk, unit_pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    period = _period_of(campaign, period_pk)
    if not Task.objects.filter(campaign=campaign, unit_id=unit_pk).exists():
        raise Http404
    unit = get_object_or_404(Organization, pk=unit_pk)
    try:
        reminder = reminders.urge_unit(request.user, period, unit)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "%(unit)s was urged: %(count)d person notified.",
                "%(unit)s was urged: %(count)d people notified.",
                reminder.recipients,
            )
            % {"unit": unit.name, "count": reminder.recipients},
        )
    return redirect(_status_url(campaign, period))


@login_required
@require_POST
def urge_late_units(request, pk, period_pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    period = _period_of(campaign, period_pk)
    try:
        result = reminders.urge_late_units(request.user, period)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_status_url(campaign, period))
    if result.sent:
        messages.success(
            request,
            ngettext("%(count)d unit was urged.", "%(count)d units were urged.", len(result.sent))
            % {"count": len(result.sent)},
        )
    if result.already_urged:
        messages.info(
            request,
            _("Already urged today, not urged again: %(units)s.")
            % {"units": ", ".join(u.name for u in result.already_urged)},
        )
    if result.nobody_to_remind:
        messages.warning(
            request,
            _("Nobody has a portal account to remind in: %(units)s.")
            % {"units": ", ".join(u.name for u in result.nobody_to_remind)},
        )
    if not (result.sent or result.already_urged or result.nobody_to_remind):
        messages.info(request, _("Every unit has submitted its report for this period."))
    return redirect(_status_url(campaign, period))
