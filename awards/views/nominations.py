"""Units draft nominations with their achievement report and attachments; the head submits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaign.models import Campaign
from units.audit import action_label
from units.models import AuditEvent
from units.tables import Column, rank, sort_and_paginate
from units.text import display_name

from .. import nominations as services
from ..access import attachment_for_user, nomination_for_user, unit_organizations
from ..forms_nominations import AttachmentForm, NominationFilterForm, NominationForm
from ..models import Nomination

STATUS_BADGES = {
    Nomination.Status.DRAFT: "secondary",
    Nomination.Status.SUBMITTED: "primary",
    Nomination.Status.RETURNED: "warning",
    Nomination.Status.ACCEPTED: "success",
    Nomination.Status.ON_AGENDA: "info",
    Nomination.Status.PASSED: "success",
    Nomination.Status.NOT_PASSED: "danger",
    Nomination.Status.PROPOSED: "info",
    Nomination.Status.AWARDED: "success",
    Nomination.Status.REJECTED: "danger",
}


NOMINATION_COLUMNS = (
    Column("nominee", gettext_lazy("Nominee"), "nominee_name_folded", "nominee_name"),
    Column("award_form", gettext_lazy("Award form"), "award_form__rank", "award_form__name"),
    Column("status", gettext_lazy("Status"), rank("status", Nomination.Status.values)),
    Column("updated", gettext_lazy("Last change"), "updated_at", descending_first=True),
)


def filters_query(request, names) -> QueryDict:
    """The list's filters, kept in the pagination links."""
    query = QueryDict(mutable=True)
    for name in names:
        value = request.GET.get(name)
        if value:
            query[name] = value
    return query


def history(nomination) -> list[tuple]:
    events = AuditEvent.objects.filter(
        content_type__app_label="awards",
        content_type__model="nomination",
        object_id=str(nomination.pk),
    ).select_related("actor")[:50]
    return [
        (
            event,
            action_label(event.action),
            display_name(event.actor) if event.actor else _("the public"),
        )
        for event in events
    ]


def report_context(nomination) -> dict:
    """What the achievement report shows, on the unit's and the office's pages."""
    return {
        "nomination": nomination,
        "status_badge": STATUS_BADGES.get(nomination.status, "secondary"),
        "prior_awards": list(services.prior_awards(nomination)),
        "attachments": list(nomination.attachments.select_related("uploaded_by")),
        "category": services.criteria_guidance(nomination.campaign_id, nomination.subject_type),
    }


# --- The unit's list ----------------------------------------------------------------------------


@login_required
def nomination_list(request):
    units = unit_organizations(request.user)
    filters = NominationFilterForm(request.GET)
    rows = services.nominations_for_units(units)
    campaign_id, status = filters.value("campaign"), filters.value("status")
    if campaign_id:
        rows = rows.filter(campaign_id=campaign_id)
    if status and status != "all":
        rows = rows.filter(status=status)
    table = sort_and_paginate(request, rows, NOMINATION_COLUMNS, default="-updated")
    campaign_ids = set()
    for unit in units:
        campaign_ids |= set(services.campaigns_for_unit(unit).values_list("pk", flat=True))
    return render(
        request,
        "awards/nominations/list.html",
        {
            "table": table,
            "page": table.page,
            "badges": STATUS_BADGES,
            "campaigns": list(
                Campaign.objects.filter(pk__in=campaign_ids).only("pk", "name").order_by("name")
            ),
            "statuses": Nomination.Status.choices,
            "campaign_id": campaign_id,
            "status": status or "",
            "filters": filters_query(request, ["campaign", "status"]),
            "can_create": bool(campaign_ids),
        },
    )


# --- Create and edit ----------------------------------------------------------------------------


@login_required
def nomination_create(request):
    units = unit_organizations(request.user)
    form = NominationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.create_nomination(
                request.user, form.cleaned_data["unit"], form.service_data()
            )
        except ValidationError as exc:
            form.attach_errors(exc)
        else:
            messages.success(
                request,
                _(
                    "The draft was created. Sections I and II are pre-filled from the records: "
                    "check and complete them."
                ),
            )
            return redirect("nomination_edit", pk=nomination.pk)
    return render(request, "awards/nominations/create.html", {"form": form})


@login_required
def nomination_edit(request, pk):
    nomination, perms = nomination_for_user(request, pk)
    if not perms["edit"]:
        if perms["is_unit"]:
            messages.info(
                request, _("This nomination has been submitted and can no longer change.")
            )
            return redirect("nomination_detail", pk=nomination.pk)
        raise PermissionDenied
    form = NominationForm(
        request.POST or None, units=[nomination.unit], sections=True, nomination=nomination
    )
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.save_nomination(request.user, nomination, form.service_data())
        except ValidationError as exc:
            form.attach_errors(exc)
        else:
            if "submit" in request.POST:
                return _submit(request, nomination)
            messages.success(request, _("The draft was saved."))
            return redirect("nomination_edit", pk=nomination.pk)
    context = report_context(nomination)
    context.update(
        {
            "form": form,
            "perms": perms,
            "attachment_form": AttachmentForm(),
        }
    )
    return render(request, "awards/nominations/edit.html", context)


def _submit(request, nomination):
    try:
        services.submit_nomination(request.user, nomination)
    except PermissionDenied:
        messages.error(request, _("Only the head of the unit can submit."))
        return redirect("nomination_edit", pk=nomination.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("nomination_edit", pk=nomination.pk)
    messages.success(request, _("The nomination was submitted to the department office."))
    return redirect("nomination_detail", pk=nomination.pk)


@login_required
@require_POST
def nomination_submit(request, pk):
    nomination, perms = nomination_for_user(request, pk)
    if not perms["is_unit"]:
        raise PermissionDenied
    if not perms["submit"]:
        if nomination.is_editable:
            raise PermissionDenied
        messages.error(request, _("This nomination has already been submitted."))
        return redirect("nomination_detail", pk=nomination.pk)
    return _submit(request, nomination)


@login_required
@require_POST
def nomination_refill(request, pk):
    nomination, perms = nomination_for_user(request, pk)
    if not perms["edit"]:
        raise PermissionDenied
    try:
        services.refill_achievements(request.user, nomination)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Section II was filled again from the accepted figures."))
    return redirect("nomination_edit", pk=nomination.pk)


# --- Read ---------------------------------------------------------------------------------------


@login_required
def nomination_detail(request, pk):
    nomination, perms = nomination_for_user(request, pk)
    context = report_context(nomination)
    context.update({"perms": perms, "events": history(nomination)})
    return render(request, "awards/nominations/detail.html", context)


# --- Attachments --------------------------------------------------------------------------------


@login_required
@require_POST
def attachment_upload(request, pk):
    nomination, perms = nomination_for_user(request, pk)
    if not perms["edit"]:
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("nomination_edit", pk=nomination.pk)
    try:
        services.add_attachment(
            request.user,
            nomination,
            form.cleaned_data["file"],
            form.cleaned_data.get("description", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The file was attached."))
    return redirect("nomination_edit", pk=nomination.pk)


@login_required
def attachment_download(request, pk):
    attachment, _nomination, _perms = attachment_for_user(request, pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment, nomination, perms = attachment_for_user(request, pk)
    if not perms["edit"]:
        raise PermissionDenied
    try:
        services.delete_attachment(request.user, attachment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The file was removed."))
    return redirect("nomination_edit", pk=nomination.pk)
