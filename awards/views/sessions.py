"""Screens of council sessions: preparation by the office, opening and closing by the chair,
the members' secret ballot, the published results and the minutes. Rules in awards.sessions;
access in awards.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from units.access import COUNCIL_ROLES, get_access
from units.tables import Column, rank, sort_and_paginate

from .. import document_actions
from .. import sessions as services
from ..access import (
    OFFICE_ROLES,
    council_organization_for_office,
    session_for_office,
    session_for_user,
    session_item_for_office,
    session_member_for_office,
    sessions_for_user,
)
from ..forms_sessions import AgendaForm, AttendanceForm, OpinionsForm, ReceiptForm, VoteForm
from ..models import Attendance, Session, Vote, WrittenOpinion
from .councils import _apply_errors


def dossier_url(nomination_pk) -> str | None:
    """The nomination's detail page (its dossier), if the nominations screens are mounted."""
    try:
        return reverse("nomination_detail", args=[nomination_pk])
    except NoReverseMatch:
        return None


def _items(session):
    items = list(
        session.items.select_related(
            "nomination__award_form", "nomination__unit", "nomination__campaign"
        ).order_by("order", "pk")
    )
    for item in items:
        item.dossier_url = dossier_url(item.nomination_id)
    return items


def _error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Lists and the session page ------------------------------------------------------------------


SESSION_COLUMNS = (
    Column("title", gettext_lazy("Session"), "title"),
    Column("date", gettext_lazy("Date and time"), "scheduled_at", descending_first=True),
    Column("council", gettext_lazy("Council"), "council__name"),
    Column("items", gettext_lazy("Items"), "item_count", descending_first=True, css="text-end"),
    Column("status", gettext_lazy("Status"), rank("status", Session.Status.values)),
)


@login_required
def session_list(request):
    # The visible sessions as a subquery: counting items over sessions_for_user()'s join to
    # the council's members (and its DISTINCT) multiplied the rows by the council's size.
    sessions = (
        Session.objects.filter(pk__in=sessions_for_user(request.user).values("pk"))
        .select_related("council__organization", "campaign")
        .annotate(item_count=Count("items"))
    )
    table = sort_and_paginate(request, sessions, SESSION_COLUMNS, default="-date")
    access = get_access(request.user)
    may_list = access.is_superuser or bool(access.roles & {*OFFICE_ROLES, *COUNCIL_ROLES})
    if not table.count and not may_list:
        raise PermissionDenied
    return render(
        request,
        "awards/sessions/list.html",
        {
            "table": table,
            "sessions": table.object_list,
            "office_orgs": access.organizations(OFFICE_ROLES),
        },
    )


@login_required
def session_detail(request, pk):
    session, perms = session_for_user(request, pk)
    items = _items(session)
    members = list(session.council.members.select_related("person"))
    attendance = {a.member_id: a for a in session.attendance.all()}
    present = sum(1 for a in attendance.values() if a.present)
    seat = perms["seat"]
    mine = services.member_participation(session, seat) if seat else {}
    counts = services.participation_counts(session) if session.status != "scheduled" else {}
    opinion_counts = dict(
        WrittenOpinion.objects.filter(item__session=session)
        .values("member_id")
        .annotate(n=Count("pk"))
        .values_list("member_id", "n")
    )
    for item in items:
        item.mine = mine.get(item.pk)
        item.counts = counts.get(item.pk, {"voted": 0, "recused": 0})
        item.took_part = item.counts["voted"] + item.counts["recused"]
    rows = [
        {"member": m, "attendance": attendance.get(m.pk), "opinions": opinion_counts.get(m.pk, 0)}
        for m in members
    ]
    seat_present = seat is not None and getattr(attendance.get(seat.pk), "present", False)
    return render(
        request,
        "awards/sessions/detail.html",
        {
            "session": session,
            "perms": perms,
            "items": items,
            "rows": rows,
            "present": present,
            "attendance_complete": all(m.pk in attendance for m in members) and members,
            "quorum": services.quorum_rows(session, present) if items else [],
            "seat_present": seat_present,
            "left_to_vote": sum(1 for item in items if item.mine is None),
        },
    )


# --- Preparation by the office -------------------------------------------------------------------


def _session_form(request, council, session=None):
    from ..forms_sessions import SessionForm

    initial = {}
    if session is not None:
        initial = {
            "campaign": session.campaign_id,
            "title": session.title,
            "scheduled_at": session.scheduled_at,
            "place": session.place,
            "notes": session.notes,
        }
    return SessionForm(
        request.POST or None,
        campaigns=services.campaigns_for_council(council),
        initial=initial,
    )


@login_required
def session_create(request, org_pk):
    organization, council = council_organization_for_office(request, org_pk)
    if council is None:
        messages.error(request, _("Set up the council before scheduling a session."))
        return redirect("council_manage", org_pk=organization.pk)
    form = _session_form(request, council)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.schedule_session(request.user, council, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The session is scheduled. Now build its agenda."))
            return redirect("session_agenda", pk=session.pk)
    return render(
        request,
        "awards/sessions/form.html",
        {"form": form, "council": council, "organization": organization, "session": None},
    )


@login_required
def session_edit(request, pk):
    session, perms = session_for_office(request, pk)
    if session.status != Session.Status.SCHEDULED:
        messages.error(request, _("The session is open or closed: it can no longer change."))
        return redirect("session_detail", pk=session.pk)
    form = _session_form(request, session.council, session)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(request.user, session, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("session_detail", pk=session.pk)
    return render(
        request,
        "awards/sessions/form.html",
        {
            "form": form,
            "council": session.council,
            "organization": session.council.organization,
            "session": session,
        },
    )


@login_required
def session_agenda(request, pk):
    session, perms = session_for_office(request, pk)
    eligible = list(services.eligible_nominations(session)) if perms["manage"] else []
    form = AgendaForm(request.POST or None, eligible=eligible)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_items(request.user, session, form.cleaned_data["nominations"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s nomination put on the agenda.",
                    "%(count)s nominations put on the agenda.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return redirect("session_agenda", pk=session.pk)
    for nomination in eligible:
        nomination.dossier_url = dossier_url(nomination.pk)
    return render(
        request,
        "awards/sessions/agenda.html",
        {
            "session": session,
            "perms": perms,
            "items": _items(session),
            "eligible": eligible,
            "form": form,
            "editable": session.status == Session.Status.SCHEDULED,
        },
    )


@login_required
@require_POST
def session_item_remove(request, pk, item_pk):
    item, session, perms = session_item_for_office(request, pk, item_pk)
    try:
        services.remove_item(request.user, item)
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(
            request,
            _("“%(nominee)s” is off the agenda and back among the accepted nominations.")
            % {"nominee": item.nomination.nominee_name},
        )
    return redirect("session_agenda", pk=session.pk)


@login_required
def session_attendance(request, pk):
    session, perms = session_for_office(request, pk)
    members = list(session.council.members.select_related("person"))
    attendance = {a.member_id: a for a in session.attendance.all()}
    form = AttendanceForm(request.POST or None, members=members, attendance=attendance)
    editable = session.status == Session.Status.SCHEDULED
    if request.method == "POST" and not editable:
        messages.error(
            request, _("The session is open or closed: attendance can no longer change.")
        )
        return redirect("session_detail", pk=session.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(request.user, session, form.attendance_rows())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Attendance is recorded."))
            return redirect("session_detail", pk=session.pk)
    return render(
        request,
        "awards/sessions/attendance.html",
        {"session": session, "form": form, "editable": editable, "members": members},
    )


@login_required
def session_opinions(request, pk, member_pk):
    member, session, perms = session_member_for_office(request, pk, member_pk)
    items = _items(session)
    current = {
        o.item_id: o for o in WrittenOpinion.objects.filter(item__session=session, member=member)
    }
    form = OpinionsForm(request.POST or None, items=items, opinions=current)
    record = Attendance.objects.filter(session=session, member=member).first()
    editable = session.status != Session.Status.CLOSED and record is not None and not record.present
    if request.method == "POST":
        if not editable:
            messages.error(
                request,
                _("Written opinions are for members recorded as absent, before the close."),
            )
            return redirect("session_detail", pk=session.pk)
        if form.is_valid():
            try:
                services.record_opinions(request.user, session, member, form.opinions())
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The written opinions of %(name)s are recorded.")
                    % {"name": member.person.full_name},
                )
                return redirect("session_detail", pk=session.pk)
    return render(
        request,
        "awards/sessions/opinions.html",
        {"session": session, "member": member, "form": form, "editable": editable},
    )


# --- Opening and closing by the chair ------------------------------------------------------------


@login_required
@require_POST
def session_open(request, pk):
    session, perms = session_for_user(request, pk)
    if not perms["is_chair"]:
        raise PermissionDenied
    try:
        services.open_session(request.user, session)
    except ValidationError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, _("The session is open: members can vote now."))
    return redirect("session_detail", pk=session.pk)


@login_required
def session_close(request, pk):
    session, perms = session_for_user(request, pk)
    if not perms["is_chair"]:
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.close_session(request.user, session)
        except ValidationError as exc:
            _error_messages(request, exc)
            return redirect("session_detail", pk=session.pk)
        messages.success(request, _("The session is closed and the results are published."))
        return redirect("session_results", pk=session.pk)
    if session.status != Session.Status.OPEN:
        messages.error(request, _("The session is not open for voting."))
        return redirect("session_detail", pk=session.pk)
    items = _items(session)
    counts = services.participation_counts(session)
    present = session.attendance.filter(present=True).count()
    for item in items:
        c = counts.get(item.pk, {"voted": 0, "recused": 0})
        item.took_part = c["voted"] + c["recused"]
        item.missing = present - item.took_part
    return render(
        request,
        "awards/sessions/close.html",
        {
            "session": session,
            "items": items,
            "present": present,
            "incomplete": [item for item in items if item.missing > 0],
        },
    )


# --- The member's ballot -------------------------------------------------------------------------


@login_required
def session_vote(request, pk):
    session, perms = session_for_user(request, pk)
    seat = perms["seat"]
    if seat is None:
        raise PermissionDenied
    present = Attendance.objects.filter(session=session, member=seat, present=True).exists()
    items = _items(session)
    mine = services.member_participation(session, seat)
    for item in items:
        item.mine = mine.get(item.pk)
    open_items = [item for item in items if item.mine is None]
    can_vote = session.status == Session.Status.OPEN and present
    form = VoteForm(request.POST or None, items=open_items if can_vote else [])
    if request.method == "POST":
        if not can_vote:
            messages.error(
                request,
                _("Only members recorded as present can vote, while the session is open."),
            )
            return redirect("session_detail", pk=session.pk)
        if form.is_valid():
            try:
                results = services.cast_votes(
                    session, seat, form.cleaned_data["entries"], actor=request.user
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                # The receipt codes are shown in this response only: no redirect, no message
                # (messages are stored), no cache.
                response = render(
                    request,
                    "awards/sessions/receipt.html",
                    {
                        "session": session,
                        "results": results,
                        "remaining": len(open_items) - len(results),
                    },
                )
                add_never_cache_headers(response)
                response["Cache-Control"] += ", no-store"
                return response
    return render(
        request,
        "awards/sessions/vote.html",
        {
            "session": session,
            "seat": seat,
            "present": present,
            "items": items,
            "form": form,
            "can_vote": can_vote,
            "choices": {"approve": Vote.APPROVE, "reject": Vote.REJECT, "recuse": services.RECUSE},
        },
    )


# --- Results and minutes -------------------------------------------------------------------------


@login_required
def session_results(request, pk):
    session, perms = session_for_user(request, pk)
    if session.status != Session.Status.CLOSED:
        messages.info(request, _("The results are published when the chair closes the session."))
        return redirect("session_detail", pk=session.pk)
    form = ReceiptForm(request.POST or None)
    found, checked = None, False
    if request.method == "POST" and form.is_valid():
        checked = True
        found = services.check_receipt(session, form.cleaned_data["code"])
        form = ReceiptForm()  # the code is not echoed back into the page
    fingerprints = services.fingerprints(session)
    items = _items(session)
    for item in items:
        item.fingerprints = fingerprints.get(item.pk, [])
    response = render(
        request,
        "awards/sessions/results.html",
        {
            "session": session,
            "perms": perms,
            "items": items,
            "form": form,
            "found": found,
            "checked": checked,
            "document_actions": document_actions.render_actions(request, session),
        },
    )
    if checked:
        add_never_cache_headers(response)
    return response


@login_required
def session_minutes(request, pk):
    session, perms = session_for_user(request, pk)
    if session.status != Session.Status.CLOSED:
        messages.info(request, _("The minutes are drawn up when the chair closes the session."))
        return redirect("session_detail", pk=session.pk)
    context = services.minutes(session)
    return render(
        request,
        "awards/sessions/minutes.html",
        {
            "session": session,
            "perms": perms,
            "document_actions": document_actions.render_actions(request, session),
            **context,
        },
    )
