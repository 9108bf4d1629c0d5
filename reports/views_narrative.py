"""Văn phòng writes the narrative sections of the sơ kết / tổng kết before generating them,
and previews the whole report in the browser (the PDF's own template, rendered as a page).

Every view: the office of the campaign's issuing organization only (campaign_for_user with
manage=True: an unrelated organization's campaign is a 404, a related user without the role a
403). The form is pre-filled with a draft from the units' own reports until it is saved.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaign.access import campaign_for_user
from units.audit import log_action

from . import layout, numbering, summary
from .builders import document_key
from .forms_narrative import NarrativeForm
from .models import Kind, Narrative, ReportJob

# Kept here rather than in hooks.py (another area's file): imported with the URLs.

KIND_SLUGS = {"so-ket": Kind.ANNUAL, "tong-ket": Kind.FINAL}
SLUG_OF = {kind: slug for slug, kind in KIND_SLUGS.items()}


def kind_slug(kind) -> str:
    return SLUG_OF[Kind(kind)]


def _report_for(request, pk, slug, year):
    """(campaign, kind, year) of a report the campaign has: a year of the campaign for a sơ
    kết, its final review year for the tổng kết; anything else is a 404."""
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    kind = KIND_SLUGS.get(slug)
    if kind is None:
        raise Http404
    if kind == Kind.FINAL and year != campaign.final_review_year:
        raise Http404
    if kind == Kind.ANNUAL and year not in summary.report_years(campaign):
        raise Http404
    return campaign, kind, year


def _title(campaign, kind, year) -> str:
    if kind == Kind.FINAL:
        return _("Final report (tổng kết) of the whole campaign")
    return _("Preliminary report (sơ kết) of %(year)s") % {"year": year}


@login_required
def narrative_list(request, pk):
    campaign, _can_edit = campaign_for_user(request, pk, manage=True)
    saved = {
        (n.kind, n.year): n
        for n in Narrative.objects.filter(campaign=campaign).select_related("updated_by")
    }
    rows = []
    for year in summary.report_years(campaign):
        rows.append((Kind.ANNUAL, year))
    rows.append((Kind.FINAL, campaign.final_review_year))
    reports = [
        {
            "title": _title(campaign, kind, year),
            "kind": kind,
            "year": year,
            "narrative": saved.get((kind, year)),
            "edit_url": reverse("report_narrative_edit", args=[campaign.pk, SLUG_OF[kind], year]),
            "preview_url": reverse("report_preview", args=[campaign.pk, SLUG_OF[kind], year]),
        }
        for kind, year in rows
    ]
    return render(
        request,
        "reports/narrative/list.html",
        {"campaign": campaign, "reports": reports},
    )


@login_required
def narrative_edit(request, pk, kind, year):
    campaign, kind, year = _report_for(request, pk, kind, year)
    narrative = summary.narrative_for(campaign, kind, year)
    drafted = narrative is None
    if request.method == "POST":
        form = NarrativeForm(request.POST, instance=narrative)
        if form.is_valid():
            with transaction.atomic():
                # Two office users saving at once: the later save wins whole, never a mix.
                existing = (
                    Narrative.objects.select_for_update()
                    .filter(campaign=campaign, kind=kind, year=year)
                    .first()
                )
                before = {f: getattr(existing, f) for f in form.Meta.fields} if existing else None
                obj = existing or Narrative(campaign=campaign, kind=kind, year=year)
                for field in form.Meta.fields:
                    setattr(obj, field, form.cleaned_data[field])
                obj.updated_by = request.user
                obj.save()
                changed = [
                    f for f in form.Meta.fields if not before or before[f] != getattr(obj, f)
                ]
                log_action(
                    "reports.narrative.saved",
                    request.user,
                    obj,
                    {"kind": str(kind), "year": year, "changed": changed},
                    organization=campaign.issuing_organization,
                )
            messages.success(request, _("The narrative is saved."))
            return redirect("report_narrative_edit", campaign.pk, SLUG_OF[kind], year)
        messages.error(request, _("Please correct the errors below. Nothing has been saved yet."))
    else:
        initial = summary.draft_narrative(campaign, kind, year) if drafted else None
        form = NarrativeForm(instance=narrative, initial=initial)
    return render(
        request,
        "reports/narrative/edit.html",
        {
            "campaign": campaign,
            "kind": kind,
            "year": year,
            "title": _title(campaign, kind, year),
            "form": form,
            "drafted": drafted,
            "narrative": narrative,
            "preview_url": reverse("report_preview", args=[campaign.pk, SLUG_OF[kind], year]),
            "list_url": reverse("report_narratives", args=[campaign.pk]),
        },
    )


@login_required
def report_preview(request, pk, kind, year):
    """The whole report as a page: the PDF's template and figures, the number it holds if it
    was generated already (else blank), today's date."""
    campaign, kind, year = _report_for(request, pk, kind, year)
    narrative = summary.narrative_for(campaign, kind, year)
    today = timezone.localdate()
    with translation.override("vi"):
        figures = summary.collect(campaign, kind, year, today=today)
        scope = figures.scope
        key = document_key(ReportJob(kind=kind, campaign=campaign, year=year))
        number = numbering.existing_number(campaign.issuing_organization, "BC", today.year, key)
        doc = summary.header(campaign, scope, narrative, number, today)
        context = summary.context(figures, narrative, doc)
    html = layout.render_html(
        "reports/pdf/summary.html",
        context,
        preview={
            "back_url": reverse("report_narrative_edit", args=[campaign.pk, SLUG_OF[kind], year]),
            "back_label": _("Back to the narrative"),
        },
    )
    return HttpResponse(html)
