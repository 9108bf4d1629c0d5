"""Report jobs: request, retry, build, reap.

The web request only creates a `ReportJob` and enqueues `build_report(job.pk)` on commit. A
worker claims the job with a conditional UPDATE (queued → running, attempts + 1); the attempt
number is the fence every later write checks, so a worker that lost its job (the reaper handed
it to another) can never overwrite it or store a second file. The PDF becomes a `ReportFile`
in the same transaction that marks the job succeeded.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import socket
import threading
import time
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from awards.access import OFFICE_ROLES
from awards.models import CouncilMember, Decision, Proposal, Session
from campaign.models import Campaign, ReportingPeriod
from units.access import get_access
from units.audit import log_action
from units.models import Role

from .builders import BuildError, BuiltDocument, document_key, get_builder
from .models import Kind, ReportFile, ReportJob

logger = logging.getLogger(__name__)

Status = ReportJob.Status
ACTIVE = (Status.QUEUED, Status.RUNNING)
# Progress writes at most this often (seconds) unless the step changes or the build ends.
PROGRESS_EVERY = 1.0
# A job left unsent by a broker outage is sent again by its polling page at most this often,
# and by the reaper once it is this old (before that its on-commit send may still be coming).
RESEND_EVERY = 5


# --- Permissions ----------------------------------------------------------------------------


def is_office(user, campaign: Campaign) -> bool:
    return get_access(user).has_role(campaign.issuing_organization, OFFICE_ROLES)


def is_session_chair(user, session: Session | None) -> bool:
    """The council chair: by the chair role in the council's organization or by the chair's
    seat on the session's council."""
    if session is None or not getattr(user, "is_authenticated", False):
        return False
    access = get_access(user)
    if access.has_role(session.council.organization, [Role.COUNCIL_CHAIR]):
        return True
    return CouncilMember.objects.filter(
        council_id=session.council_id, person__user=user, role=CouncilMember.Role.CHAIR
    ).exists()


def may_request(user, campaign: Campaign, kind: str, session: Session | None = None) -> bool:
    """The office of the campaign's issuing organization; for minutes also the chair."""
    if is_office(user, campaign):
        return True
    return kind == Kind.MINUTES and is_session_chair(user, session)


def _require(user, campaign: Campaign, kind: str, session: Session | None = None) -> None:
    """An outsider gets a 404 (the campaign does not exist for them), a related user without
    the role a 403."""
    if may_request(user, campaign, kind, session):
        return
    if not get_access(user).can_see(campaign.issuing_organization):
        raise Http404
    raise PermissionDenied


# --- Requesting -----------------------------------------------------------------------------


@dataclass
class Subject:
    year: int | None = None
    period: ReportingPeriod | None = None
    session: Session | None = None
    decision: Decision | None = None
    proposal: Proposal | None = None


def campaign_years(campaign: Campaign) -> list[int]:
    return list(range(campaign.start_date.year, campaign.end_date.year + 1))


def _pick(model, value, campaign: Campaign, message: str, **filters):
    """The subject given as an object or a pk, belonging to the campaign; otherwise an error."""
    if value in (None, ""):
        raise ValidationError(message)
    pk = value.pk if isinstance(value, model) else value
    try:
        return model.objects.get(pk=int(pk), campaign=campaign, **filters)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise ValidationError(message) from exc


def validate_subject(campaign: Campaign, kind: str, **subject) -> Subject:
    """The subject a document of `kind` is about, checked against the campaign."""
    if kind not in Kind.values:
        raise ValidationError(_("Choose a kind of document."))
    year = subject.get("year")
    if year not in (None, ""):
        try:
            year = int(year)
        except (ValueError, TypeError) as exc:
            raise ValidationError(_("Choose a year of the campaign.")) from exc
    else:
        year = None
    if kind == Kind.ANNUAL:
        if year is None or year not in campaign_years(campaign):
            raise ValidationError(_("Choose a year of the campaign."))
        return Subject(year=year)
    if kind == Kind.FINAL:
        return Subject(year=campaign.final_review_year)
    if kind == Kind.NOMINATIONS:
        if year is not None and year not in campaign_years(campaign):
            raise ValidationError(_("Choose a year of the campaign."))
        return Subject(year=year)
    if kind == Kind.PERIOD:
        period = _pick(
            ReportingPeriod,
            subject.get("period"),
            campaign,
            _("Choose a reporting period of the campaign."),
        )
        return Subject(year=period.year, period=period)
    if kind == Kind.MINUTES:
        session = _pick(
            Session, subject.get("session"), campaign, _("Choose a session of the campaign.")
        )
        if session.status != Session.Status.CLOSED:
            raise ValidationError(_("The minutes can be produced once the session is closed."))
        return Subject(year=timezone.localtime(session.scheduled_at).year, session=session)
    if kind == Kind.DECISION:
        decision = _pick(
            Decision, subject.get("decision"), campaign, _("Choose a decision of the campaign.")
        )
        return Subject(year=decision.year, decision=decision)
    proposal = _pick(
        Proposal, subject.get("proposal"), campaign, _("Choose a proposal of the campaign.")
    )
    return Subject(year=proposal.year, proposal=proposal)


def _session_of(campaign, kind, subject: dict) -> Session | None:
    """The session named by a minutes request, for the chair's permission (before validating)."""
    if kind != Kind.MINUTES:
        return None
    value = subject.get("session")
    pk = value.pk if isinstance(value, Session) else value
    try:
        return Session.objects.select_related("council__organization").get(
            pk=int(pk), campaign=campaign
        )
    except (Session.DoesNotExist, ValueError, TypeError):
        return None


def enqueue(job_id: int) -> bool:
    """Sends the job to the workers; True when the broker took it (then `sent_at` is set).

    The job row is the outbox: a broker outage (Redis down, or hung — the broker timeouts in
    the settings keep this call around a second) leaves it waiting without `sent_at`; the
    job page says the document service is unavailable, and the reaper or the polling page
    sends it again once the broker answers."""
    from .tasks import build_report

    try:
        build_report.delay(job_id)
    except Exception as exc:  # any broker failure: the job waits in the database
        logger.warning("Report job %s not sent to the workers (%s); it waits", job_id, exc)
        return False
    # In-process (no broker) the job is built by now and no longer waiting: nothing to mark.
    ReportJob.objects.filter(pk=job_id, status=Status.QUEUED, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    return True


def waits_for_service(job: ReportJob) -> bool:
    """The job could not be handed to the workers yet (the broker was unreachable)."""
    return (
        job.status == Status.QUEUED
        and job.sent_at is None
        and not settings.CELERY_TASK_ALWAYS_EAGER
    )


def send_if_waiting(job: ReportJob, now=None) -> bool:
    """The polling page's share of the reaper's work: a job still waiting without a message
    (the broker was down, or an in-process run never started) is sent again, at most once
    every RESEND_EVERY seconds however many pages poll it. True when it was sent."""
    now = now or timezone.now()
    if job.status != Status.QUEUED or job.sent_at is not None:
        return False
    touched = job.heartbeat_at or job.created_at
    if now - touched < datetime.timedelta(seconds=RESEND_EVERY):
        return False
    # Conditional on what was read: of two polls at once, one sends.
    same = Q(heartbeat_at=job.heartbeat_at) if job.heartbeat_at else Q(heartbeat_at__isnull=True)
    if (
        not ReportJob.objects.filter(pk=job.pk, status=Status.QUEUED, sent_at__isnull=True)
        .filter(same)
        .update(heartbeat_at=now)
    ):
        return False
    return enqueue(job.pk)


def create_job(
    campaign: Campaign,
    kind: str,
    actor=None,
    parameters: dict | None = None,
    *,
    send: bool = True,
    reuse: bool = True,
    **subject,
) -> tuple[ReportJob, bool]:
    """(job, created): a new job, or (`reuse`) the one already waiting or running for the same
    document, so a double click builds once. `send`: enqueue it on commit (the command builds
    its own job in-process). No permission check: callers check (or are the system)."""
    checked = validate_subject(campaign, kind, **subject)
    with transaction.atomic():
        # One request at a time per campaign, so two clicks cannot both create a job.
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
        job = ReportJob(
            kind=kind,
            campaign=campaign,
            year=checked.year,
            period=checked.period,
            session=checked.session,
            decision=checked.decision,
            proposal=checked.proposal,
            parameters=parameters or {},
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        key = document_key(job)
        if reuse:
            for active in ReportJob.objects.filter(campaign=campaign, kind=kind, status__in=ACTIVE):
                if document_key(active) == key:
                    return active, False
        job.save()
        log_action(
            "reports.job.requested",
            actor,
            job,
            {"kind": kind, "document": key},
            organization=campaign.issuing_organization,
        )
        if send:
            transaction.on_commit(lambda: enqueue(job.pk))
    return job, True


def request_report(actor, kind: str, campaign: Campaign, **subject) -> ReportJob:
    """The office (or, for minutes, the chair) asks for a document. Only creates the job and
    enqueues it on commit; the build happens in a worker."""
    _require(actor, campaign, kind, _session_of(campaign, kind, subject))
    job, _created = create_job(campaign, kind, actor, **subject)
    return job


def retry_job(actor, job: ReportJob) -> ReportJob:
    """A failed job goes back to the queue (same job, a new attempt)."""
    _require(actor, job.campaign, job.kind, job.session)
    with transaction.atomic():
        now = timezone.now()
        # Conditional: a double click or a retry racing the reaper re-queues once.
        changed = ReportJob.objects.filter(pk=job.pk, status=Status.FAILED).update(
            status=Status.QUEUED,
            progress=0,
            step="",
            error="",
            worker="",
            finished_at=None,
            heartbeat_at=now,
            sent_at=None,
        )
        if not changed:
            raise ValidationError(_("Only a failed job can be tried again."))
        log_action(
            "reports.job.retried",
            actor,
            job,
            {"attempts": job.attempts},
            organization=job.campaign.issuing_organization,
        )
        transaction.on_commit(lambda: enqueue(job.pk))
    job.refresh_from_db()
    return job


# --- Building -------------------------------------------------------------------------------


def worker_name() -> str:
    return socket.gethostname()[:200]


def claim(job_id: int, worker: str) -> int | None:
    """Queued → running in one conditional UPDATE. Returns the attempt number that now owns the
    job, or None when someone else has it (or it is finished)."""
    now = timezone.now()
    claimed = ReportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        worker=worker,
        progress=0,
        step="",
        error="",
        finished_at=None,
    )
    if not claimed:
        return None
    return ReportJob.objects.values_list("attempts", flat=True).get(pk=job_id)


def _mine(job_id: int, attempt: int):
    return ReportJob.objects.filter(pk=job_id, status=Status.RUNNING, attempts=attempt)


class _Heartbeat(threading.Thread):
    """Keeps the job's heartbeat fresh while a long step (rendering the PDF) runs without
    reporting progress. Stops when the build ends; dies with the worker."""

    def __init__(self, job_id: int, attempt: int, interval: float):
        super().__init__(daemon=True, name=f"report-job-{job_id}-heartbeat")
        self.job_id, self.attempt, self.interval = job_id, attempt, interval
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(self.interval):
                _mine(self.job_id, self.attempt).update(heartbeat_at=timezone.now())
        except Exception:
            logger.exception("Heartbeat of report job %s stopped", self.job_id)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=5)


def _progress_callback(job_id: int, attempt: int):
    last = {"at": 0.0, "step": None}

    def progress(percent: int, step: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        now = time.monotonic()
        if now - last["at"] < PROGRESS_EVERY and step == last["step"]:
            return
        last["at"], last["step"] = now, step
        _mine(job_id, attempt).update(
            progress=percent, step=str(step)[:255], heartbeat_at=timezone.now()
        )

    return progress


def _fail(job_id: int, attempt: int, reason: str) -> None:
    _mine(job_id, attempt).update(status=Status.FAILED, error=reason, finished_at=timezone.now())


def _discard(output: ReportFile | None) -> None:
    """The bytes of a file row that was rolled back."""
    if output is not None and output.file.name:
        output.file.storage.delete(output.file.name)


def _store(job: ReportJob, attempt: int, built: BuiltDocument) -> ReportFile | None:
    """The file and the success in one transaction; None when the job is no longer ours."""
    if not isinstance(built, BuiltDocument) or not built.pdf:
        raise BuildError(_("The document came out empty."))
    key = document_key(job)
    digest = hashlib.sha256(built.pdf).hexdigest()
    for _try in range(3):
        output = None
        try:
            with transaction.atomic():
                locked = ReportJob.objects.select_for_update().filter(pk=job.pk).first()
                if (
                    locked is None
                    or locked.status != Status.RUNNING
                    or locked.attempts != attempt
                    or ReportFile.objects.filter(job_id=job.pk).exists()
                ):
                    return None
                latest = ReportFile.objects.filter(document_key=key).aggregate(v=Max("version"))
                output = ReportFile(
                    job=locked,
                    document_key=key,
                    version=(latest["v"] or 0) + 1,
                    filename=built.filename[:255],
                    size=len(built.pdf),
                    sha256=digest,
                    pages=built.pages or 0,
                    number=(built.number or "")[:60],
                )
                # Saves the row too; the unique (document_key, version) settles a tie.
                output.file.save(f"job-{job.pk}-v{output.version}.pdf", ContentFile(built.pdf))
                now = timezone.now()
                ReportJob.objects.filter(pk=job.pk).update(
                    status=Status.SUCCEEDED,
                    progress=100,
                    step="",
                    error="",
                    finished_at=now,
                    heartbeat_at=now,
                )
                log_action(
                    "reports.file.produced",
                    None,
                    output,
                    {"job": job.pk, "version": output.version, "sha256": digest},
                    organization=job.campaign.issuing_organization,
                )
            return output
        except IntegrityError:
            # Another job of the same document took this version number first: count again.
            _discard(output)
        except Exception:
            _discard(output)
            raise
    raise BuildError(_("The document could not be saved. Try again."))


def execute(job_id: int, *, worker: str | None = None, heartbeat: bool = False) -> ReportJob | None:
    """Claims and builds one job. Returns the finished job, or None when it was not ours to
    build. Never raises for a failing builder: the job ends failed with a reason."""
    worker = worker or worker_name()
    attempt = claim(job_id, worker)
    if attempt is None:
        return None
    job = ReportJob.objects.select_related(
        "campaign__issuing_organization",
        "period",
        "session__council__organization",
        "decision",
        "proposal",
        "requested_by",
    ).get(pk=job_id)
    beat = None
    try:
        builder = get_builder(job.kind)
        if builder is None:
            raise BuildError(
                _("This kind of document cannot be produced yet: its template is not installed.")
            )
        if heartbeat:
            beat = _Heartbeat(job_id, attempt, settings.REPORT_HEARTBEAT_INTERVAL)
            beat.start()
        with translation.override("vi"):
            built = builder(job, _progress_callback(job_id, attempt))
            _store(job, attempt, built)
    except SoftTimeLimitExceeded:
        logger.warning("Report job %s hit the soft time limit", job_id)
        _fail(
            job_id,
            attempt,
            _(
                "Building the document took longer than allowed (%(seconds)s seconds). Try "
                "again later; if it fails again, tell the administrator."
            )
            % {"seconds": settings.CELERY_TASK_SOFT_TIME_LIMIT},
        )
    except BuildError as exc:
        _fail(job_id, attempt, str(exc))
    except ValidationError as exc:
        _fail(job_id, attempt, " ".join(exc.messages))
    except Exception:
        # The detail is for the log; the page says what the user can do.
        logger.exception("Report job %s failed", job_id)
        _fail(
            job_id,
            attempt,
            _(
                "The document could not be built because of an error in the system. Try "
                "again; if it fails again, tell the administrator."
            ),
        )
    finally:
        if beat is not None:
            beat.stop()
    job.refresh_from_db()
    return job


# --- The reaper and the schedule ------------------------------------------------------------


def reap_stale_jobs(now=None) -> dict:
    """Running jobs whose worker stopped writing its heartbeat go back to the queue (or fail
    after REPORT_MAX_ATTEMPTS); waiting jobs whose message seems lost are enqueued again.
    Every change is conditional on what was read, so two reapers never act twice."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.REPORT_HEARTBEAT_STALE)
    requeued, failed, resent = [], [], []
    running = ReportJob.objects.filter(status=Status.RUNNING).filter(
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, started_at__lt=stale)
    )
    for job in running.select_related("campaign__issuing_organization"):
        mine = ReportJob.objects.filter(
            pk=job.pk, status=Status.RUNNING, attempts=job.attempts, heartbeat_at=job.heartbeat_at
        )
        with transaction.atomic():
            if job.attempts < settings.REPORT_MAX_ATTEMPTS:
                if mine.update(
                    status=Status.QUEUED, worker="", step="", heartbeat_at=now, sent_at=None
                ):
                    requeued.append(job.pk)
                    transaction.on_commit(lambda pk=job.pk: enqueue(pk))
                    log_action(
                        "reports.job.requeued",
                        None,
                        job,
                        {"worker": job.worker, "attempts": job.attempts},
                        organization=job.campaign.issuing_organization,
                    )
            elif mine.update(
                status=Status.FAILED,
                error=_("The worker stopped while building the document. Try again."),
                finished_at=now,
            ):
                failed.append(job.pk)
                log_action(
                    "reports.job.abandoned",
                    None,
                    job,
                    {"worker": job.worker, "attempts": job.attempts},
                    organization=job.campaign.issuing_organization,
                )
    # Waiting jobs a broker outage kept from the workers (sent as soon as the broker answers),
    # and jobs whose message seems lost.
    unsent = now - datetime.timedelta(seconds=RESEND_EVERY)
    lost = now - datetime.timedelta(seconds=settings.REPORT_REQUEUE_AFTER)
    waiting = (
        ReportJob.objects.annotate(touched=Coalesce("heartbeat_at", "created_at"))
        .filter(status=Status.QUEUED)
        .filter(Q(sent_at__isnull=True, touched__lt=unsent) | Q(touched__lt=lost))
        .order_by("created_at")
    )
    for pk, touched in waiting.values_list("pk", "touched"):
        # Touch it so the next run waits another REPORT_REQUEUE_AFTER before sending again.
        if (
            ReportJob.objects.filter(pk=pk, status=Status.QUEUED)
            .filter(Q(heartbeat_at=touched) | Q(heartbeat_at__isnull=True))
            .update(heartbeat_at=now)
        ):
            if not enqueue(pk):
                break  # the broker is down: the others wait for the next run
            resent.append(pk)
    if requeued or failed or resent:
        logger.warning(
            "Report jobs reaped: requeued %s, failed %s, resent %s", requeued, failed, resent
        )
    return {"requeued": requeued, "failed": failed, "resent": resent}


def create_annual_drafts(today=None) -> list[int]:
    """December: a draft of this year's sơ kết for every published campaign that holds one this
    year, unless a job for it was already created this month."""
    today = today or timezone.localdate()
    created = []
    campaigns = Campaign.objects.filter(status=Campaign.Status.PUBLISHED).select_related(
        "issuing_organization"
    )
    for campaign in campaigns:
        if ("annual", today.year, None) not in campaign.review_schedule():
            continue
        if ReportJob.objects.filter(
            campaign=campaign,
            kind=Kind.ANNUAL,
            year=today.year,
            created_at__year=today.year,
            created_at__month=today.month,
        ).exists():
            continue
        job, was_created = create_job(
            campaign, Kind.ANNUAL, None, {"draft": True, "scheduled": True}, year=today.year
        )
        if was_created:
            created.append(job.pk)
    return created


def create_final_drafts(today=None) -> list[int]:
    """In a campaign's final review quarter: a draft of the tổng kết, once per quarter."""
    today = today or timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    quarter_start = today.replace(month=3 * (quarter - 1) + 1, day=1)
    created = []
    campaigns = Campaign.objects.filter(
        status=Campaign.Status.PUBLISHED,
        final_review_year=today.year,
        final_review_quarter=quarter,
    ).select_related("issuing_organization")
    for campaign in campaigns:
        if ReportJob.objects.filter(
            campaign=campaign, kind=Kind.FINAL, created_at__date__gte=quarter_start
        ).exists():
            continue
        job, was_created = create_job(
            campaign, Kind.FINAL, None, {"draft": True, "scheduled": True}
        )
        if was_created:
            created.append(job.pk)
    return created
