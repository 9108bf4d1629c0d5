"""The department office screens submitted nominations and reads the public comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaign.models import AwardForm, CampaignAwardForm, SubjectType
from units.tables import Column, rank, sort_and_paginate

from .. import screening as services
from ..access import nomination_for_screening
from ..forms_nominations import NominationFilterForm, ScreeningForm
from ..models import Nomination, Screening
from .nominations import STATUS_BADGES, filters_query, history, report_context

QUEUE_COLUMNS = (
    Column("nominee", gettext_lazy("Nominee"), "nominee_name_folded", "nominee_name"),
    Column("award_form", gettext_lazy("Award form"), "award_form__rank", "award_form__name"),
    Column("submitted", gettext_lazy("Submitted"), "submitted_at"),
    Column("status", gettext_lazy("Status"), rank("status", Nomination.Status.values)),
    Column("comments", gettext_lazy("Public comments"), "comment_count", descending_first=True),
)


@login_required
def screening_queue(request):
    campaigns = services.office_campaigns(request.user)
    filters = NominationFilterForm(request.GET)
    status = filters.value("status") or Nomination.Status.SUBMITTED
    rows = services.queue(
        request.user,
        campaign=filters.value("campaign"),
        award_form=filters.value("award_form"),
        subject_type=filters.value("subject_type"),
        status=status,
    )
    table = sort_and_paginate(request, rows, QUEUE_COLUMNS, default="submitted")
    campaign_list = list(campaigns.only("pk", "name").order_by("-start_date"))
    award_forms = AwardForm.objects.filter(
        pk__in=CampaignAwardForm.objects.filter(campaign__in=campaigns).values("award_form_id")
    ).order_by("rank", "name")
    return render(
        request,
        "awards/screening/queue.html",
        {
            "table": table,
            "page": table.page,
            "badges": STATUS_BADGES,
            "campaigns": campaign_list,
            "award_forms": list(award_forms),
            "subject_types": SubjectType.choices,
            "statuses": [
                (value, label)
                for value, label in Nomination.Status.choices
                if value != Nomination.Status.DRAFT
            ],
            "current": {
                "campaign": filters.value("campaign"),
                "award_form": filters.value("award_form"),
                "subject_type": filters.value("subject_type") or "",
                "status": status,
            },
            "filters": filters_query(request, ["campaign", "award_form", "subject_type", "status"]),
        },
    )


@login_required
def screening_detail(request, pk):
    nomination, perms = nomination_for_screening(request, pk)
    screening = Screening.objects.filter(nomination=nomination).first()
    form = ScreeningForm(request.POST or None, instance=screening)
    if request.method == "POST" and perms["screen"] and form.is_valid():
        data = form.cleaned_data
        action = request.POST.get("action")
        try:
            if action == "accept":
                nomination = services.accept_nomination(request.user, nomination, data)
                if nomination.posted_from:
                    messages.success(
                        request,
                        _(
                            "The nomination was accepted. It is posted publicly from %(start)s "
                            "to %(end)s."
                        )
                        % {
                            "start": nomination.posted_from.strftime("%d/%m/%Y"),
                            "end": nomination.posted_until.strftime("%d/%m/%Y"),
                        },
                    )
                else:
                    messages.success(request, _("The nomination was accepted."))
            elif action == "return":
                services.return_nomination(
                    request.user, nomination, data, data.get("return_reason", "")
                )
                messages.success(request, _("The nomination was returned to the unit."))
            else:
                services.save_checklist(request.user, nomination, data)
                messages.success(request, _("The checklist was saved."))
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            return redirect("screening_detail", pk=nomination.pk)
    context = report_context(nomination)
    context.update(
        {
            "perms": perms,
            "form": form,
            "screening": screening,
            "warnings": services.compute_warnings(nomination),
            "subject_allowed": nomination.award_form.allows(nomination.subject_type),
            "comments": list(nomination.comments.all()),
            "events": history(nomination),
        }
    )
    return render(request, "awards/screening/detail.html", context)


@login_required
@require_POST
def screening_comments_read(request, pk):
    nomination, _perms = nomination_for_screening(request, pk)
    count = services.mark_comments_read(request.user, nomination)
    if count:
        messages.success(request, _("The comments were marked as read."))
    return redirect("screening_detail", pk=nomination.pk)
