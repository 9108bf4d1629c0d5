"""Access to report jobs and documents. Every reports view goes through these helpers.

The office (Văn phòng) of the campaign's issuing organization generates and downloads every
document of the campaign; the council chair also the minutes of the council's sessions. A job
of an organization the user is not related to is a 404; a related user without the role a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from campaign.access import campaign_for_user
from units.access import get_access

from . import jobs
from .models import Kind, ReportFile, ReportJob

JOB_RELATED = (
    "campaign__issuing_organization",
    "period",
    "session__council__organization",
    "decision",
    "proposal",
    "requested_by",
)


def campaign_for_documents(request, campaign_pk):
    """The campaign whose Documents page the user opens: the office only."""
    campaign, _can_edit = campaign_for_user(request, campaign_pk, manage=True)
    return campaign


def job_for_user(request, pk) -> tuple[ReportJob, dict]:
    """(job, perms) for the office of the campaign, or the chair for minutes."""
    try:
        job = ReportJob.objects.select_related(*JOB_RELATED, "output").get(pk=pk)
    except (ReportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    user = request.user
    office = jobs.is_office(user, job.campaign)
    chair = job.kind == Kind.MINUTES and jobs.is_session_chair(user, job.session)
    if not (office or chair):
        if get_access(user).can_see(job.campaign.issuing_organization):
            raise PermissionDenied
        raise Http404
    return job, {
        "is_office": office,
        "retry": job.status == ReportJob.Status.FAILED,
    }


def file_for_user(request, pk) -> ReportFile:
    """A produced document, for whoever may open its job."""
    try:
        output = ReportFile.objects.get(pk=pk)
    except (ReportFile.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    output.job, _perms = job_for_user(request, output.job_id)
    return output


def versions(job: ReportJob) -> list[ReportFile]:
    """Every version of the job's document, the newest (the default download) first."""
    from .builders import document_key

    try:
        key = job.output.document_key
    except ReportFile.DoesNotExist:
        key = document_key(job)
    return list(ReportFile.objects.filter(document_key=key).order_by("-version"))
