"""Screens where the office sets up its organization's council. Rules in awards.councils."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import councils as services
from ..access import (
    council_member_for_office,
    council_organization_for_office,
    office_organizations,
)
from ..forms_sessions import CouncilForm, CouncilMemberForm
from ..models import Council, Session


def _apply_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: by field when it names one."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def council_list(request):
    organizations = office_organizations(request.user)
    councils = {
        c.organization_id: c
        for c in Council.objects.filter(organization__in=organizations).prefetch_related("members")
    }
    rows = [{"organization": org, "council": councils.get(org.pk)} for org in organizations]
    return render(request, "awards/councils/list.html", {"rows": rows})


@login_required
def council_manage(request, org_pk):
    organization, council = council_organization_for_office(request, org_pk)
    council_form = CouncilForm(
        initial={"name": council.name, "size": council.size}
        if council
        else {"name": _("Emulation and Reward Council of %(org)s") % {"org": organization.name}}
    )
    candidates = services.candidates(organization)
    member_form = CouncilMemberForm(candidates=candidates)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "council":
            council_form = CouncilForm(request.POST)
            if council_form.is_valid():
                try:
                    services.save_council(
                        request.user,
                        organization,
                        name=council_form.cleaned_data["name"],
                        size=council_form.cleaned_data["size"],
                    )
                except ValidationError as exc:
                    _apply_errors(council_form, exc)
                else:
                    messages.success(request, _("The council is saved."))
                    return redirect("council_manage", org_pk=organization.pk)
        elif action == "member" and council is not None:
            member_form = CouncilMemberForm(request.POST, candidates=candidates)
            if member_form.is_valid():
                data = member_form.cleaned_data
                try:
                    services.add_member(
                        request.user,
                        council,
                        person=data["person"],
                        role=data["role"],
                        order=data.get("order") or 0,
                    )
                except ValidationError as exc:
                    _apply_errors(member_form, exc)
                else:
                    messages.success(request, _("The member is added."))
                    return redirect("council_manage", org_pk=organization.pk)
        else:
            messages.error(request, _("Save the council before adding members."))
    members = list(council.members.select_related("person__organization")) if council else []
    sessions = (
        list(council.sessions.select_related("campaign").order_by("-scheduled_at")[:10])
        if council
        else []
    )
    return render(
        request,
        "awards/councils/manage.html",
        {
            "organization": organization,
            "council": council,
            "council_form": council_form,
            "member_form": member_form,
            "members": members,
            "sessions": sessions,
            "has_open_session": any(s.status == Session.Status.OPEN for s in sessions),
        },
    )


@login_required
def council_member_edit(request, pk):
    member = council_member_for_office(request, pk)
    organization = member.council.organization
    form = CouncilMemberForm(
        request.POST or None,
        fixed_person=True,
        initial={"role": member.role, "order": member.order},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(
                request.user,
                member,
                role=form.cleaned_data["role"],
                order=form.cleaned_data.get("order") or 0,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The seat is saved."))
            return redirect("council_manage", org_pk=organization.pk)
    return render(
        request,
        "awards/councils/member_form.html",
        {"member": member, "organization": organization, "form": form},
    )


@login_required
@require_POST
def council_member_remove(request, pk):
    member = council_member_for_office(request, pk)
    try:
        services.remove_member(request.user, member)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(name)s no longer sits on the council.") % {"name": member.person}
        )
    return redirect("council_manage", org_pk=member.council.organization_id)
