"""Screens of the obstacles register: the office's list, detail and exports, and a unit's own
obstacles. Rules live in campaign.obstacles; access in campaign.access."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.audit import action_label
from units.forms import NFCFormMixin
from units.models import AuditEvent, Organization
from units.tables import sort_and_paginate

from .. import obstacles as services
from ..access import campaign_for_user, obstacle_for_manager, obstacles_for_unit_user
from ..models import Obstacle

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- Forms --------------------------------------------------------------------------------------


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = services.person_name(obj)
        return name if name == obj.username else f"{name} ({obj.username})"


class ObstacleUpdateForm(NFCFormMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Obstacle.Status.choices)
    owner = OwnerChoiceField(
        label=gettext_lazy("Person in charge"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("— nobody yet —"),
    )
    resolution_note = forms.CharField(
        label=gettext_lazy("Resolution note"),
        required=False,
        max_length=services.MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Required when the obstacle is marked as resolved."),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = services.owner_candidates(campaign)
        self.helper = FormHelper()
        self.helper.form_tag = False


# --- Helpers ------------------------------------------------------------------------------------


def _filter_choices(campaign):
    """Units with obstacles in the campaign and the campaign's content items (two queries)."""
    units = (
        Organization.objects.filter(obstacles__campaign=campaign)
        .distinct()
        .order_by("name")
        .only("pk", "name")
    )
    return {
        "units": list(units),
        "items": list(campaign.content_items.order_by("number")),
        "statuses": [(services.UNRESOLVED, _("Not resolved")), *Obstacle.Status.choices],
        "ages": services.AGE_DAYS,
    }


def _listing(request, queryset):
    """One page of obstacles in the asked order (units.tables), each with its age in days."""
    table = sort_and_paginate(
        request,
        queryset,
        services.COLUMNS.values(),
        default=services.DEFAULT_SORT,
        per_page=services.PAGE_SIZE,
    )
    table.page.object_list = services.with_age(table.page.object_list)
    return table


def _history_row(event) -> dict:
    """An audit event of an obstacle as the office reads it: what changed, in words."""
    labels = dict(Obstacle.Status.choices)
    before, after = event.data.get("before") or {}, event.data.get("after") or {}
    changes = []
    if before.get("status") != after.get("status"):
        changes.append(
            _("Status: %(before)s → %(after)s")
            % {
                "before": labels.get(before.get("status"), before.get("status") or "—"),
                "after": labels.get(after.get("status"), after.get("status") or "—"),
            }
        )
    if before.get("owner") != after.get("owner"):
        changes.append(
            _("Person in charge: %(before)s → %(after)s")
            % {
                "before": before.get("owner_name") or "—",
                "after": after.get("owner_name") or "—",
            }
        )
    if before.get("resolution_note") != after.get("resolution_note"):
        changes.append(_("Resolution note changed."))
    return {
        "event": event,
        "label": action_label(event.action),
        "actor": services.person_name(event.actor) or _("system"),
        "changes": changes,
    }


def _register_url(campaign, filters) -> str:
    url = reverse("obstacle_register", args=[campaign.pk])
    query = filters.urlencoded
    return f"{url}?{query}" if query else url


def _today_label(place: str) -> str:
    """“Lạng Sơn, ngày 05 tháng 3 năm 2025” (months 1 and 2 take a leading zero)."""
    today = timezone.localdate()
    month = f"{today.month:02d}" if today.month < 3 else str(today.month)
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {today.day:02d} tháng {month} năm {today.year}"


# --- The office's register ----------------------------------------------------------------------


@login_required
def register(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    filters = services.parse_filters(request.GET)
    table = _listing(
        request, services.filter_obstacles(services.register_queryset(campaign), filters)
    )
    return render(
        request,
        "campaign/obstacles/register.html",
        {
            "campaign": campaign,
            "table": table,
            "page": table.page,
            "filters": filters,
            "counts": services.summary(campaign),
            **_filter_choices(campaign),
        },
    )


@login_required
def obstacle_detail(request, pk, obstacle_pk):
    campaign, obstacle = obstacle_for_manager(request, pk, obstacle_pk)
    # The register's filters ride along so that "back" returns to the same page of the list.
    filters = services.parse_filters(request.GET)
    initial = {
        "status": obstacle.status,
        "owner": obstacle.owner_id,
        "resolution_note": obstacle.resolution_note,
    }
    form = ObstacleUpdateForm(request.POST or None, initial=initial, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _obstacle, changed = services.update_obstacle(
                request.user,
                obstacle,
                data["status"],
                data["owner"],
                data["resolution_note"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            if changed:
                messages.success(request, _("The obstacle was updated."))
            else:
                messages.info(request, _("Nothing was changed."))
            url = reverse("obstacle_detail", args=[campaign.pk, obstacle.pk])
            query = filters.urlencoded
            return redirect(f"{url}?{query}" if query else url)
    events = AuditEvent.objects.filter(
        content_type__app_label="campaign",
        content_type__model="obstacle",
        object_id=str(obstacle.pk),
    ).select_related("actor__person")[:20]
    return render(
        request,
        "campaign/obstacles/detail.html",
        {
            "campaign": campaign,
            "obstacle": obstacle,
            "age_days": services.age_in_days(obstacle),
            "owner_name": services.person_name(obstacle.owner),
            "form": form,
            "filters": filters,
            "back_url": _register_url(campaign, filters),
            "events": [_history_row(event) for event in events],
        },
    )


# --- The list beyond the department's authority -------------------------------------------------


@login_required
def export_beyond_authority_xlsx(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    content, filename = services.beyond_authority_workbook(
        campaign, services.parse_filters(request.GET)
    )
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def export_beyond_authority_print(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    filters = services.parse_filters(request.GET)
    with translation.override("vi"):
        rows = services.export_rows(campaign, filters)
    return render(
        request,
        "campaign/obstacles/beyond_authority_print.html",
        {
            "campaign": campaign,
            "rows": rows,
            "filters": filters,
            "back_url": _register_url(campaign, filters),
            "place_and_date": _today_label(
                campaign.issuing_organization.place_name or campaign.place_name
            ),
            "as_of": timezone.localdate(),
        },
    )


# --- A unit's own obstacles ---------------------------------------------------------------------


@login_required
def unit_obstacles(request):
    queryset = obstacles_for_unit_user(request.user).select_related(
        "campaign", "unit", "task__content_item", "task__project", "report__period"
    )
    filters = services.parse_filters(request.GET)
    table = _listing(request, services.filter_obstacles(queryset, filters))
    return render(
        request,
        "campaign/obstacles/unit_list.html",
        {
            "table": table,
            "page": table.page,
            "several_campaigns": len({o.campaign_id for o in table.object_list}) > 1,
            "filters": filters,
            "statuses": [(services.UNRESOLVED, _("Not resolved")), *Obstacle.Status.choices],
        },
    )
