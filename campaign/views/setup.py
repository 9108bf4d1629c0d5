"""Secretariat screens that set up a campaign's land-clearance work: key projects, tasks and
indicators, bulk assignment and reporting periods. Thin: access helpers decide who, forms
validate, `campaign.setup` writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from units.tables import Column, sort_and_paginate
from units.text import nfc

from .. import setup
from ..access import (
    campaign_for_user,
    period_of_campaign,
    project_for_user,
    project_owner_choices,
    projects_for_manager,
    task_of_campaign,
)
from ..forms_setup import (
    UNITS_OF_MEASURE,
    BulkAssignForm,
    GeneratePeriodsForm,
    KeyProjectForm,
    PeriodDueDateForm,
    ProjectSearchForm,
    TaskFilterForm,
    TaskForm,
    indicator_formset,
    template_indicator_formset,
)
from ..models import Campaign, Indicator, IndicatorValue, KeyProject, Task, TaskReport

TASKS_PER_PAGE = 50
PROJECTS_PER_PAGE = 25
PERIODS_PER_PAGE = 60  # five years of monthly periods on one page

TASK_COLUMNS = (
    Column("item", gettext_lazy("Item"), "content_item__number", "unit__path"),
    Column("task", gettext_lazy("Task"), "title"),
    Column("unit", gettext_lazy("Responsible unit"), "unit__name"),
    Column("time", gettext_lazy("Time"), "deadline", "start_date"),
)
PROJECT_COLUMNS = (
    Column("name", gettext_lazy("Project"), "name"),
    Column("location", gettext_lazy("Location"), "location"),
    Column(
        "area", gettext_lazy("Area (ha)"), "land_area_ha", descending_first=True, css="text-end"
    ),
    Column(
        "households",
        gettext_lazy("Households"),
        "affected_households",
        descending_first=True,
        css="text-end",
    ),
    Column(
        "organizations",
        gettext_lazy("Organizations"),
        "affected_organizations",
        descending_first=True,
        css="text-end",
    ),
    Column(
        "compensation",
        gettext_lazy("Compensation (billion VND)"),
        "compensation_estimate",
        descending_first=True,
        css="text-end",
    ),
    Column(
        "lots",
        gettext_lazy("Resettlement lots"),
        "resettlement_lots",
        descending_first=True,
        css="text-end",
    ),
    Column("handover", gettext_lazy("Hand-over by"), "handover_deadline"),
    Column("tasks", gettext_lazy("Tasks"), "task_count", descending_first=True, css="text-end"),
)
PERIOD_COLUMNS = (
    Column("period", gettext_lazy("Reporting period"), "start_date"),
    Column("first", gettext_lazy("First day"), "start_date", css="text-nowrap"),
    Column("last", gettext_lazy("Last day"), "end_date", css="text-nowrap"),
    Column("due", gettext_lazy("Due date"), "due_date", css="text-nowrap"),
    Column(
        "received",
        gettext_lazy("Reports received"),
        "received",
        descending_first=True,
        css="text-end",
    ),
)


def _apply_errors(form, exc: ValidationError) -> None:
    """Shows a service's refusal on the form: next to its field when there is one."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        form.add_error(None, exc)


def _refuse_if_closed(request, campaign):
    if campaign.status == Campaign.Status.CLOSED:
        messages.error(request, _("A closed campaign can no longer be changed."))
        return redirect("setup_task_list", pk=campaign.pk)
    return None


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- Tasks --------------------------------------------------------------------------------------


@login_required
def task_list(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    filter_form = TaskFilterForm(request.GET or None, campaign=campaign)
    filters = filter_form.filters()
    tasks = (
        Task.objects.filter(campaign=campaign)
        .select_related("content_item", "unit", "project")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk"))
        )
        .annotate(
            has_values=Exists(IndicatorValue.objects.filter(indicator__task=OuterRef("pk"))),
            has_task_reports=Exists(TaskReport.objects.filter(task=OuterRef("pk"))),
        )
        .order_by("content_item__number", "unit__path", "pk")
    )
    if "item" in filters:
        tasks = tasks.filter(content_item=filters["item"])
    if "unit" in filters:
        # A unit's filter covers the units under it (a district and its communes).
        tasks = tasks.filter(unit__path__startswith=filters["unit"].path)
    if "project" in filters:
        tasks = tasks.filter(project=filters["project"])
    if "q" in filters:
        tasks = tasks.filter(title__icontains=nfc(filters["q"]).strip())
    table = sort_and_paginate(request, tasks, TASK_COLUMNS, per_page=TASKS_PER_PAGE)
    return render(
        request,
        "campaign/setup/task_list.html",
        {
            "campaign": campaign,
            "table": table,
            "page": table.page,
            "filter_form": filter_form,
            "filtered": bool(filters),
            "closed": campaign.status == Campaign.Status.CLOSED,
        },
    )


def _task_form(request, campaign, task):
    refusal = _refuse_if_closed(request, campaign)
    if refusal:
        return refusal
    data = request.POST if request.method == "POST" else None
    form = TaskForm(data, instance=task, campaign=campaign)
    formset = indicator_formset(task, data)
    creating = task.pk is None
    if data is not None:
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if form_ok and formset_ok:
            try:
                task = setup.save_task(request.user, campaign, form, formset)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if creating:
                    messages.success(
                        request,
                        _("The task “%(title)s” was given to %(unit)s.")
                        % {"title": task.title, "unit": task.unit.name},
                    )
                else:
                    messages.success(request, _("The task was saved."))
                if "another" in request.POST:
                    return redirect("setup_task_create", pk=campaign.pk)
                return redirect(_safe_next(request, reverse("setup_task_list", args=[campaign.pk])))
    return render(
        request,
        "campaign/setup/task_form.html",
        {
            "campaign": campaign,
            "task": task if not creating else None,
            "form": form,
            "formset": formset,
            "units_of_measure": UNITS_OF_MEASURE,
            "next": _safe_next(request, ""),
        },
    )


@login_required
def task_create(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    return _task_form(request, campaign, Task(campaign=campaign))


@login_required
def task_edit(request, pk, task_pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    task = task_of_campaign(campaign, task_pk)
    return _task_form(request, campaign, task)


@login_required
def task_delete(request, pk, task_pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    task = task_of_campaign(campaign, task_pk)
    if request.method == "POST":
        try:
            setup.delete_task(request.user, campaign, task)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The task “%(title)s” was deleted.") % {"title": task.title}
            )
        return redirect("setup_task_list", pk=campaign.pk)
    return render(
        request,
        "campaign/setup/task_confirm_delete.html",
        {
            "campaign": campaign,
            "task": task,
            "indicators": task.indicators.order_by("order", "pk"),
            "has_reports": setup.task_has_reports(task),
            "closed": campaign.status == Campaign.Status.CLOSED,
        },
    )


@login_required
def task_bulk_assign(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    refusal = _refuse_if_closed(request, campaign)
    if refusal:
        return refusal
    data = request.POST if request.method == "POST" else None
    form = BulkAssignForm(data, campaign=campaign)
    formset = template_indicator_formset(data)
    if data is not None:
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if form_ok and formset_ok:
            indicators = [row.cleaned_data for row in formset.kept_rows()]
            try:
                created, skipped = setup.bulk_assign(
                    request.user,
                    campaign,
                    form.template_data(),
                    indicators,
                    form.cleaned_data["units"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if created:
                    messages.success(
                        request,
                        ngettext(
                            "The task was given to %(count)d unit.",
                            "The task was given to %(count)d units.",
                            len(created),
                        )
                        % {"count": len(created)},
                    )
                if skipped:
                    if form.cleaned_data["content_item"] is None:
                        text = _(
                            "Skipped because they already have a task with this title: %(units)s."
                        )
                    else:
                        text = _(
                            "Skipped because they already have a task with this title under "
                            "this content item: %(units)s."
                        )
                    messages.warning(
                        request, text % {"units": ", ".join(unit.name for unit in skipped)}
                    )
                url = reverse("setup_task_list", args=[campaign.pk])
                item = form.cleaned_data["content_item"]  # None when the plan has none
                return redirect(f"{url}?item={item.pk}" if item else url)
    return render(
        request,
        "campaign/setup/task_bulk.html",
        {
            "campaign": campaign,
            "form": form,
            "formset": formset,
            "units_of_measure": UNITS_OF_MEASURE,
        },
    )


# --- Reporting periods --------------------------------------------------------------------------


def _period_page(request, campaign, generate_form, status=200):
    # Received = submitted at least once, whatever happened to it since.
    received = Count("reports", filter=Q(reports__first_submitted_at__isnull=False))
    periods = campaign.periods.annotate(received=received).order_by("start_date", "pk")
    table = sort_and_paginate(request, periods, PERIOD_COLUMNS, per_page=PERIODS_PER_PAGE)
    return render(
        request,
        "campaign/setup/period_list.html",
        {
            "campaign": campaign,
            "table": table,
            "periods": table.page.object_list,
            "generate_form": generate_form,
            "closed": campaign.status == Campaign.Status.CLOSED,
        },
        status=status,
    )


@login_required
def period_list(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    frequency = campaign.periods.values_list("frequency", flat=True).first()
    initial = {"frequency": frequency} if frequency else None
    return _period_page(request, campaign, GeneratePeriodsForm(initial=initial))


@login_required
@require_POST
def period_generate(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    refusal = _refuse_if_closed(request, campaign)
    if refusal:
        return refusal
    form = GeneratePeriodsForm(request.POST)
    if form.is_valid():
        try:
            created = setup.generate_periods(
                request.user,
                campaign,
                form.cleaned_data["frequency"],
                form.cleaned_data["due_days"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if created:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d reporting period was created.",
                        "%(count)d reporting periods were created.",
                        created,
                    )
                    % {"count": created},
                )
            else:
                messages.info(
                    request,
                    _("Every period already existed: nothing was created or changed."),
                )
            return redirect("setup_period_list", pk=campaign.pk)
    return _period_page(request, campaign, form)


@login_required
def period_edit(request, pk, period_pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    period = period_of_campaign(campaign, period_pk)
    if request.method == "POST":
        refusal = _refuse_if_closed(request, campaign)
        if refusal:
            return refusal
    form = PeriodDueDateForm(request.POST or None, period=period)
    if request.method == "POST" and form.is_valid():
        try:
            setup.set_period_due_date(request.user, campaign, period, form.cleaned_data["due_date"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The due date of %(period)s is now %(date)s.")
                % {
                    "period": period.label,
                    "date": setup.fmt_date(form.cleaned_data["due_date"]),
                },
            )
            return redirect("setup_period_list", pk=campaign.pk)
    return render(
        request,
        "campaign/setup/period_form.html",
        {"campaign": campaign, "period": period, "form": form},
    )


# --- Key projects -------------------------------------------------------------------------------


@login_required
def project_list(request):
    projects = (
        projects_for_manager(request.user)
        .select_related("organization")
        .annotate(task_count=Count("tasks"))
        .order_by("organization__path", "name", "pk")
    )
    search = ProjectSearchForm(request.GET or None)
    query = ""
    if search.is_valid():
        query = nfc(search.cleaned_data["q"]).strip()
    if query:
        projects = projects.filter(
            Q(name__icontains=query)
            | Q(code__icontains=query)
            | Q(investor__icontains=query)
            | Q(location__icontains=query)
        )
    table = sort_and_paginate(request, projects, PROJECT_COLUMNS, per_page=PROJECTS_PER_PAGE)
    return render(
        request,
        "campaign/setup/project_list.html",
        {"table": table, "page": table.page, "search": search, "query": query},
    )


def _project_form(request, project, owners=None):
    form = KeyProjectForm(request.POST or None, instance=project, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            project = setup.save_project(request.user, form)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request, _("The key project “%(name)s” was saved.") % {"name": project.name}
            )
            return redirect(_safe_next(request, reverse("setup_project_list")))
    return render(
        request,
        "campaign/setup/project_form.html",
        {"form": form, "project": project if project.pk else None, "next": _safe_next(request, "")},
    )


@login_required
def project_create(request):
    owners = project_owner_choices(request.user)
    return _project_form(request, KeyProject(), owners=owners)


@login_required
def project_edit(request, project_pk):
    project = project_for_user(request, project_pk)
    return _project_form(request, project)
