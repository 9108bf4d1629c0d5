"""Screens of the last step: what waits for a decision or a proposal, the decision (laid out
like the official document with its list), the proposal and its outcome, and the office's list
of a campaign's nominations by status. Rules live in awards.decisions; access in
awards.access."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.access import campaign_for_user
from campaign.models import AwardForm, CampaignAwardForm
from units.tables import Column, rank, sort_and_paginate

from .. import decisions as services
from .. import document_actions, prizes
from ..access import decision_for_user, office_organizations, proposal_for_user
from ..forms_decisions import DecisionForm, OutcomeForm, ProposalForm
from ..models import AwardRecord, Decision, Nomination, Proposal, ProposalItem

LIST_PAGE_SIZE = 20
NOMINATIONS_PAGE_SIZE = 50

DECISION_COLUMNS = (
    Column("number", gettext_lazy("Number"), "year", "number", descending_first=True),
    Column("date", gettext_lazy("Date"), "date", "number", descending_first=True),
    Column("award_form", gettext_lazy("Award form"), "award_form__rank", "award_form__name"),
    Column("campaign", gettext_lazy("Campaign"), "campaign__name"),
    Column("awardees", gettext_lazy("Awardees"), "awardees", descending_first=True, css="text-end"),
    Column(
        "total",
        gettext_lazy("Prize money (VND)"),
        "total",
        descending_first=True,
        css="text-end",
    ),
)
PROPOSAL_COLUMNS = (
    Column("number", gettext_lazy("Number"), "year", "number", descending_first=True),
    Column("date", gettext_lazy("Date"), "date", "number", descending_first=True),
    Column("award_form", gettext_lazy("Award form"), "award_form__rank", "award_form__name"),
    Column("recipient", gettext_lazy("Sent to"), "recipient"),
    Column("nominees", gettext_lazy("Nominees"), "nominees", descending_first=True, css="text-end"),
    Column("status", gettext_lazy("Status"), rank("status", Proposal.Status.values)),
)
CAMPAIGN_NOMINATION_COLUMNS = (
    Column("nominee", gettext_lazy("Nominee"), "nominee_name_folded", "nominee_name"),
    Column("unit", gettext_lazy("Proposing unit"), "unit__name"),
    Column("award_form", gettext_lazy("Award form"), "award_form__rank", "award_form__name"),
    Column("subject", gettext_lazy("Subject type"), "subject_type"),
    Column("year", gettext_lazy("Year"), "year", descending_first=True),
    Column("status", gettext_lazy("Status"), rank("status", Nomination.Status.values)),
)


def nomination_url(nomination_id) -> str:
    """The nomination's own page, when the nominations screens are installed."""
    try:
        return reverse("nomination_detail", args=[nomination_id])
    except NoReverseMatch:
        return ""


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def _place_and_date(place: str, day: datetime.date) -> str:
    """“Lạng Sơn, ngày 05 tháng 01 năm 2025” (days below 10 and months 1–2 take a zero)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {day.day:02d} tháng {month} năm {day.year}"


def _header(organization, campaign, day: datetime.date) -> dict:
    """What the document header prints: the parent body, the issuing body as named on the
    day, the place and date."""
    if campaign.parent_body_name and campaign.issuing_organization_id == organization.pk:
        parent = campaign.parent_body_name
    elif organization.parent_id:
        parent = organization.parent.name_on(day)
    else:
        parent = ""
    return {
        "parent_body": parent,
        "issuing_body": organization.name_on(day),
        "place_and_date": _place_and_date(organization.place_name or campaign.place_name, day),
    }


def _signature(document, campaign) -> dict:
    authority, title, name = services.signature_of(document, campaign)
    return {"authority": authority, "title": title, "name": name}


# --- The office's overview ------------------------------------------------------------------


@login_required
def overview(request):
    organizations = office_organizations(request.user)
    decisions = (
        Decision.objects.filter(organization__in=organizations)
        .select_related("campaign", "award_form")
        .annotate(awardees=Count("awards"), total=Sum("awards__prize_amount"))
    )
    proposals = (
        Proposal.objects.filter(organization__in=organizations)
        .select_related("campaign", "award_form")
        .annotate(nominees=Count("items"))
    )
    # Two lists on one page: each has its own sort and page (decision_sort, proposal_page…).
    decision_table = sort_and_paginate(
        request,
        decisions,
        DECISION_COLUMNS,
        default="-date",
        per_page=LIST_PAGE_SIZE,
        prefix="decision_",
        anchor="decisions-title",
        title=_("Decisions of the department"),
    )
    proposal_table = sort_and_paginate(
        request,
        proposals,
        PROPOSAL_COLUMNS,
        default="-date",
        per_page=LIST_PAGE_SIZE,
        prefix="proposal_",
        anchor="proposals-title",
        title=_("Proposals to the higher level"),
    )
    return render(
        request,
        "awards/decisions/overview.html",
        {
            "awaiting": services.awaiting(organizations),
            "decision_table": decision_table,
            "proposal_table": proposal_table,
            "decisions": list(decision_table.object_list),
            "proposals": list(proposal_table.object_list),
        },
    )


# --- Decisions --------------------------------------------------------------------------------


def _campaign_and_form(request, campaign_pk, award_form_pk):
    """A campaign the user's office manages (403/404 otherwise) and one of its award forms."""
    campaign, _can_edit = campaign_for_user(request, campaign_pk, manage=True)
    award_form = get_object_or_404(AwardForm, pk=award_form_pk)
    in_plan = CampaignAwardForm.objects.filter(campaign=campaign, award_form=award_form)
    nominated = Nomination.objects.filter(campaign=campaign, award_form=award_form)
    if not (in_plan.exists() or nominated.exists()):
        raise Http404
    return campaign, award_form


def _checked(request, form, nominations, field="nominations") -> set[int]:
    """Which boxes show ticked: what was sent back, or every one on a fresh form."""
    if form.is_bound:
        return {int(v) for v in request.POST.getlist(field) if v.isdigit()}
    return {n.pk for n in nominations}


def _preview(nominations, award_form, day, checked) -> tuple[list, int, object, str]:
    """(rows (nomination, prize money, ticked), total, base salary, error) on the form's date."""
    try:
        base = prizes.base_salary_on(day)
    except prizes.NoBaseSalary as exc:
        return [(n, None, n.pk in checked) for n in nominations], 0, None, exc.messages[0]
    rows = [
        (n, prizes.amount_for_base(award_form, n.subject_type, base.amount), n.pk in checked)
        for n in nominations
    ]
    return rows, sum(amount for _n, amount, _c in rows), base, ""


@login_required
def decision_create(request, campaign_pk, award_form_pk):
    campaign, award_form = _campaign_and_form(request, campaign_pk, award_form_pk)
    if not award_form.decided_internally:
        messages.info(request, _("This award form is proposed to the higher level."))
        return redirect("award_proposal_create", campaign.pk, award_form.pk)
    nominations = services.passed_nominations(campaign, award_form)
    today = timezone.localdate()
    initial = {**services.document_defaults(campaign, today), "nominations": nominations}
    form = DecisionForm(request.POST or None, initial=initial, nominations=nominations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.create_decision(
                request.user,
                campaign,
                award_form,
                [n.pk for n in data["nominations"]],
                date=data["date"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                signer_authority=data["signer_authority"],
                authority=data["authority"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Decision %(number)s was recorded.") % {"number": decision.number_symbol},
            )
            return redirect("award_decision_detail", decision.pk)
    day = form.cleaned_data.get("date") if form.is_bound else None
    nomination_list = list(nominations)
    checked = _checked(request, form, nomination_list)
    rows, total, base, base_error = _preview(nomination_list, award_form, day or today, checked)
    return render(
        request,
        "awards/decisions/decision_form.html",
        {
            "campaign": campaign,
            "award_form": award_form,
            "form": form,
            "rows": rows,
            "total": total,
            "base": base,
            "base_error": base_error,
            "preview_date": day or today,
        },
    )


@login_required
def decision_detail(request, pk):
    decision, perms = decision_for_user(request, pk)
    awards = list(
        AwardRecord.objects.filter(decision=decision)
        .select_related("person__organization", "organization__parent", "nomination__unit")
        .order_by("pk")
    )
    campaign = decision.campaign
    rows = [
        {"record": record, "unit": _unit(record), "url": nomination_url(record.nomination_id)}
        for record in awards
    ]
    return render(
        request,
        "awards/decisions/decision_detail.html",
        {
            "decision": decision,
            "campaign": campaign,
            "perms": perms,
            "rows": rows,
            "total": sum(r.prize_amount for r in awards),
            "header": _header(decision.organization, campaign, decision.date),
            "signature": _signature(decision, campaign),
            "bases": list(campaign.legal_bases.all()),
            "document_actions": document_actions.render_actions(request, decision),
        },
    )


def _unit(record) -> str:
    from ..registry import unit_label

    return unit_label(record)


# --- Proposals --------------------------------------------------------------------------------


@login_required
def proposal_create(request, campaign_pk, award_form_pk):
    campaign, award_form = _campaign_and_form(request, campaign_pk, award_form_pk)
    if award_form.decided_internally:
        messages.info(request, _("This award form is decided by the organization itself."))
        return redirect("award_decision_create", campaign.pk, award_form.pk)
    nominations = services.passed_nominations(campaign, award_form)
    defaults = services.document_defaults(campaign, timezone.localdate())
    initial = {
        "date": defaults["date"],
        "signer_name": defaults["signer_name"],
        "signer_title": defaults["signer_title"],
        "signer_authority": defaults["signer_authority"],
        "recipient": services.default_recipient(award_form),
        "nominations": nominations,
    }
    form = ProposalForm(request.POST or None, initial=initial, nominations=nominations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.create_proposal(
                request.user,
                campaign,
                award_form,
                [n.pk for n in data["nominations"]],
                date=data["date"],
                recipient=data["recipient"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                signer_authority=data["signer_authority"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Proposal %(number)s was recorded.") % {"number": proposal.number_symbol},
            )
            return redirect("award_proposal_detail", proposal.pk)
    nomination_list = list(nominations)
    checked = _checked(request, form, nomination_list)
    return render(
        request,
        "awards/decisions/proposal_form.html",
        {
            "campaign": campaign,
            "award_form": award_form,
            "form": form,
            "rows": [(n, n.pk in checked) for n in nomination_list],
        },
    )


def _proposal_items(proposal):
    return list(
        ProposalItem.objects.filter(proposal=proposal)
        .select_related(
            "nomination__unit", "nomination__nominee_person__organization", "nomination__award"
        )
        .order_by("order", "pk")
    )


@login_required
def proposal_detail(request, pk):
    proposal, perms = proposal_for_user(request, pk)
    items = _proposal_items(proposal)
    campaign = proposal.campaign
    return render(
        request,
        "awards/decisions/proposal_detail.html",
        {
            "proposal": proposal,
            "campaign": campaign,
            "perms": perms,
            "items": [{"item": item, "url": nomination_url(item.nomination_id)} for item in items],
            "header": _header(proposal.organization, campaign, proposal.date),
            "signature": _signature(proposal, campaign),
            "document_actions": document_actions.render_actions(request, proposal),
            "total": sum(
                item.nomination.award.prize_amount
                for item in items
                if item.outcome == ProposalItem.Outcome.APPROVED
                and hasattr(item.nomination, "award")
            ),
        },
    )


@login_required
def proposal_outcome(request, pk):
    proposal, perms = proposal_for_user(request, pk)
    if not perms["is_office"]:
        raise PermissionDenied
    if not perms["record_outcome"]:
        messages.info(request, _("The outcome of this proposal is already recorded."))
        return redirect("award_proposal_detail", proposal.pk)
    nominations = (
        Nomination.objects.filter(proposal_item__proposal=proposal)
        .select_related("unit")
        .order_by("proposal_item__order", "pk")
    )
    form = OutcomeForm(
        request.POST or None,
        initial={"approved": nominations, "issuer": proposal.recipient},
        nominations=nominations,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_outcome(
                request.user,
                proposal,
                number=data["number"],
                date=data["date"],
                issuer=data["issuer"],
                approved_ids=[n.pk for n in data["approved"]],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("award_proposal_detail", proposal.pk)
    nomination_list = list(nominations)
    checked = _checked(request, form, nomination_list, field="approved")
    return render(
        request,
        "awards/decisions/proposal_outcome.html",
        {
            "proposal": proposal,
            "form": form,
            "rows": [(n, n.pk in checked) for n in nomination_list],
        },
    )


# --- A campaign's nominations by status ----------------------------------------------------------


@login_required
def campaign_nominations(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    status = request.GET.get("status", "")
    if status not in Nomination.Status.values:
        status = ""
    queryset = (
        Nomination.objects.filter(campaign=campaign)
        .select_related("unit", "award_form")
        .order_by("award_form__rank", "unit__path", "nominee_name_folded", "pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    table = sort_and_paginate(
        request, queryset, CAMPAIGN_NOMINATION_COLUMNS, per_page=NOMINATIONS_PAGE_SIZE
    )
    page = table.page
    rows = [{"nomination": n, "url": nomination_url(n.pk)} for n in page.object_list]
    return render(
        request,
        "awards/decisions/campaign_nominations.html",
        {
            "campaign": campaign,
            "table": table,
            "page": page,
            "rows": rows,
            "status": status,
            "status_label": dict(Nomination.Status.choices).get(status, ""),
            "statuses": Nomination.Status.choices,
        },
    )
