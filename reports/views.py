"""Screens of report jobs: a campaign's Documents page, a job's page with its progress, the
JSON the page polls, retry, and the permission-checked downloads. Rules live in reports.jobs;
access in reports.access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from campaign.access import campaign_for_user
from units.tables import Column, rank, sort_and_paginate
from units.text import attachment_disposition

from . import jobs
from .access import JOB_RELATED, campaign_for_documents, file_for_user, job_for_user, versions
from .builders import subject_label
from .forms import SUBJECT_FIELD, DocumentRequestForm
from .models import Kind, ReportFile, ReportJob

# The Documents page reads this many produced files (every version of the documents), and
# shows documents and requests this many to a page.
RECENT_FILES = 200
ROWS_PER_PAGE = 20

DOCUMENT_COLUMNS = (
    Column("document", gettext_lazy("Document"), value=lambda d: f"{d['kind']} {d['subject']}"),
    Column("number", gettext_lazy("Number"), value=lambda d: d["latest"].number),
    Column(
        "version",
        gettext_lazy("Latest version"),
        value=lambda d: d["latest"].version,
        descending_first=True,
    ),
    Column(
        "produced",
        gettext_lazy("Produced at"),
        value=lambda d: d["latest"].created_at,
        descending_first=True,
    ),
    Column(
        "size",
        gettext_lazy("Size"),
        value=lambda d: d["latest"].size,
        descending_first=True,
        css="text-end",
    ),
)
JOB_COLUMNS = (
    Column("kind", gettext_lazy("Document"), rank("kind", Kind.values)),
    Column("requested", gettext_lazy("Requested at"), "created_at", descending_first=True),
    Column(
        "by",
        gettext_lazy("Requested by"),
        "requested_by__last_name",
        "requested_by__first_name",
    ),
    Column("status", gettext_lazy("Status"), rank("status", ReportJob.Status.values)),
)


def _add_errors(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _documents_context(request, campaign, forms) -> dict:
    files = list(
        ReportFile.objects.filter(job__campaign=campaign)
        .select_related(*(f"job__{name}" for name in JOB_RELATED if name != "campaign"))
        .order_by("document_key", "-version")[:RECENT_FILES]
    )
    documents: dict[str, dict] = {}
    for output in files:
        output.job.campaign = campaign
        entry = documents.setdefault(
            output.document_key,
            {
                "kind": output.job.get_kind_display(),
                "subject": subject_label(output.job),
                "latest": output,
                "older": [],
            },
        )
        if entry["latest"] is not output:
            entry["older"].append(output)
    # Two lists on one page, each with its own sort and page (doc_sort, job_page…); the most
    # recent first.
    document_table = sort_and_paginate(
        request,
        list(documents.values()),
        DOCUMENT_COLUMNS,
        default="-produced",
        per_page=ROWS_PER_PAGE,
        prefix="doc_",
        anchor="produced-title",
        title=_("Documents produced"),
    )
    job_table = sort_and_paginate(
        request,
        ReportJob.objects.filter(campaign=campaign).select_related(
            *(name for name in JOB_RELATED if name != "campaign")
        ),
        JOB_COLUMNS,
        default="-requested",
        per_page=ROWS_PER_PAGE,
        prefix="job_",
        anchor="jobs-title",
        title=_("Recent requests"),
    )
    recent = list(job_table.object_list)
    for job in recent:
        job.campaign = campaign
        job.subject = subject_label(job)
    cards = []
    for value, label in Kind.choices:
        form, field = forms[value], SUBJECT_FIELD[value]
        # A kind whose subject list is empty (no closed session yet…) cannot be produced.
        available = field is None or bool(form.fields[field].choices)
        cards.append(
            {"kind": value, "label": label, "form": form, "field": field, "available": available}
        )
    return {
        "campaign": campaign,
        "cards": cards,
        "document_table": document_table,
        "documents": document_table.object_list,
        "job_table": job_table,
        "recent": recent,
    }


@login_required
def documents(request, campaign_pk):
    """The office's Documents page of a campaign: generate any kind of document, see the jobs
    and download every version (the newest first)."""
    campaign = campaign_for_documents(request, campaign_pk)
    kind = request.POST.get("kind") if request.method == "POST" else None
    forms = {}
    for value in Kind.values:
        data = request.POST if value == kind else None
        forms[value] = DocumentRequestForm(data, campaign=campaign, kind=value)
    if kind is not None:
        form = forms.get(kind)
        if form is None:
            messages.error(request, _("Choose a kind of document."))
            return redirect("report_documents", campaign.pk)
        if form.is_valid():
            try:
                job = jobs.request_report(request.user, kind, campaign, **form.subject)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return redirect("report_job", job.pk)
    return render(
        request, "reports/jobs/documents.html", _documents_context(request, campaign, forms)
    )


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_POST
def request_document(request, campaign_pk):
    """The "produce the document" buttons of other pages (a session's minutes, a decision, a
    proposal): the same request as the Documents page, back to `next` on a refusal."""
    campaign, _can_edit = campaign_for_user(request, campaign_pk)
    kind = request.POST.get("kind", "")
    subject = {
        name: request.POST[name]
        for name in ("year", "period", "session", "decision", "proposal")
        if request.POST.get(name)
    }
    try:
        job = jobs.request_report(request.user, kind, campaign, **subject)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_safe_next(request, reverse("home")))
    return redirect("report_job", job.pk)


def _job_message(job: ReportJob) -> str:
    """The line above the progress bar while the job waits or runs."""
    if job.status == ReportJob.Status.QUEUED:
        if jobs.waits_for_service(job):
            # Not an error: the request is kept and goes through when the service is back.
            return _(
                "Waiting for the document service, which is not available at the moment. "
                "Your request is kept: the document will be built as soon as the service is "
                "back."
            )
        return _("Waiting for a free worker…")
    if job.status == ReportJob.Status.RUNNING:
        return job.step or _("Building the document…")
    return ""


def _job_state(job: ReportJob, latest: ReportFile | None) -> dict:
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "progress": job.progress,
        "step": job.step,
        "message": _job_message(job),
        "waiting_for_service": jobs.waits_for_service(job),
        "error": job.error if job.status == ReportJob.Status.FAILED else "",
        "finished": job.is_finished,
        "attempts": job.attempts,
        "download_url": reverse("report_job_download", args=[job.pk]) if latest else "",
        "filename": latest.filename if latest else "",
        "version": latest.version if latest else None,
    }


@login_required
@require_GET
def job_detail(request, pk):
    job, perms = job_for_user(request, pk)
    all_versions = versions(job) if job.status == ReportJob.Status.SUCCEEDED else []
    latest = all_versions[0] if all_versions else None
    context = {
        "job": job,
        "perms": perms,
        "subject": subject_label(job),
        "versions": all_versions,
        "latest": latest,
        "state": _job_state(job, latest),
    }
    return render(request, "reports/jobs/job_detail.html", context)


@login_required
@require_GET
def job_status(request, pk):
    """What the job page polls every second or two."""
    job, _perms = job_for_user(request, pk)
    # A job the broker could not take (Redis was down), or whose in-process run never started
    # (make run has no beat): the page that waits for it sends it again, now and then.
    if jobs.send_if_waiting(job):
        job.refresh_from_db()
    found = versions(job) if job.status == ReportJob.Status.SUCCEEDED else []
    response = JsonResponse(_job_state(job, found[0] if found else None))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def job_retry(request, pk):
    job, _perms = job_for_user(request, pk)
    try:
        jobs.retry_job(request.user, job)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The document is being built again."))
    return redirect("report_job", job.pk)


def _serve(output: ReportFile) -> FileResponse:
    try:
        handle = output.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("The file of this document is missing.")) from exc
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(output.filename, "document.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def file_download(request, pk):
    """One version of a document."""
    return _serve(file_for_user(request, pk))


@login_required
@require_GET
def job_download(request, pk):
    """The default download: the newest version of the job's document."""
    job, _perms = job_for_user(request, pk)
    all_versions = versions(job)
    if not all_versions:
        raise Http404
    output = all_versions[0]
    output.job = job
    return _serve(output)
