"""Report jobs: request, claim, build, fail, reap, versions, downloads, the command."""

import contextlib
import datetime
import hashlib
from types import SimpleNamespace
from unittest import mock
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from awards.models import Council, CouncilMember, Session
from reports import jobs
from reports.builders import BuildError, BuiltDocument, override_builder
from reports.models import Kind, ReportFile, ReportJob
from units.models import AuditEvent, Person

from .factories import CampaignFactory

Status = ReportJob.Status
PDF = b"%PDF-1.4\n% fake report\n"
FILENAME = "Báo cáo sơ kết năm 2024 - Sở TN&MT Lạng Sơn.pdf"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def fake_build(job, progress):
    progress(40, "Đang tổng hợp số liệu")
    progress(90, "Đang dựng PDF")
    return BuiltDocument(pdf=PDF + str(job.pk).encode(), filename=FILENAME, number="01/BC-STNMT")


@contextlib.contextmanager
def builders(builder):
    """`builder` builds every kind of document inside the block."""
    with contextlib.ExitStack() as stack:
        for kind in Kind.values:
            stack.enter_context(override_builder(kind, builder))
        yield


@pytest.fixture
def fake_builders():
    with builders(fake_build):
        yield


@pytest.fixture
def council(orgs, people, campaign):
    council = Council.objects.create(organization=orgs.department, name="Hội đồng TĐKT", size=5)
    CouncilMember.objects.create(
        council=council,
        person=Person.objects.get(user=people.council_chair),
        role=CouncilMember.Role.CHAIR,
    )
    CouncilMember.objects.create(
        council=council, person=Person.objects.get(user=people.council_member)
    )
    closed = Session.objects.create(
        council=council,
        campaign=campaign,
        title="Phiên họp xét khen thưởng năm 2024",
        scheduled_at=timezone.make_aware(datetime.datetime(2024, 12, 20, 8, 0)),
        place="Phòng họp tầng 3",
        status=Session.Status.CLOSED,
    )
    scheduled = Session.objects.create(
        council=council,
        campaign=campaign,
        title="Phiên họp sắp tới",
        scheduled_at=timezone.make_aware(datetime.datetime(2025, 6, 1, 8, 0)),
        place="Phòng họp tầng 3",
    )
    return SimpleNamespace(council=council, closed=closed, scheduled=scheduled)


def queued_job(campaign, kind=Kind.ANNUAL, **subject):
    subject.setdefault("year", 2024) if kind == Kind.ANNUAL else None
    job, _created = jobs.create_job(campaign, kind, None, send=False, reuse=False, **subject)
    return job


def built_job(campaign, **subject):
    job = queued_job(campaign, **subject)
    jobs.execute(job.pk, worker="test")
    job.refresh_from_db()
    return job


# --- Building, failing, claiming --------------------------------------------------------------


def test_job_whose_builder_raises_ends_failed_with_a_plain_reason(campaign, caplog):
    def broken(job, progress):
        progress(10, "Bắt đầu")
        raise RuntimeError("psycopg2 says: relation does not exist")

    job = queued_job(campaign)
    with builders(broken):
        jobs.execute(job.pk, worker="test")
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.finished_at is not None and job.attempts == 1
    # The user reads what to do; the technical detail stays in the log.
    assert "psycopg2" not in job.error and job.error
    assert "psycopg2 says" in caplog.text
    assert not ReportFile.objects.exists()


def test_build_error_message_becomes_the_reason(campaign):
    def refuses(job, progress):
        raise BuildError("Hãy viết phần đánh giá trước khi tạo báo cáo.")

    job = queued_job(campaign)
    with builders(refuses):
        jobs.execute(job.pk, worker="test")
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.error == "Hãy viết phần đánh giá trước khi tạo báo cáo."


def test_kind_without_builder_fails_with_a_clear_reason(campaign):
    job = queued_job(campaign)
    with builders(None):
        jobs.execute(job.pk, worker="test")
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.error


def test_second_claim_of_a_running_job_does_nothing(campaign):
    job = queued_job(campaign)
    assert jobs.claim(job.pk, "worker-1") == 1
    assert jobs.claim(job.pk, "worker-2") is None
    called = []
    with builders(lambda j, p: called.append(j) or fake_build(j, p)):
        assert jobs.execute(job.pk, worker="worker-2") is None
    job.refresh_from_db()
    assert job.status == Status.RUNNING and job.worker == "worker-1" and job.attempts == 1
    assert called == []


def test_succeeded_job_is_never_built_twice(campaign, fake_builders):
    job = built_job(campaign)
    assert job.status == Status.SUCCEEDED
    assert jobs.execute(job.pk, worker="again") is None
    assert ReportFile.objects.filter(job=job).count() == 1
    assert ReportFile.objects.count() == 1


def test_success_stores_the_file_with_checksum_and_progress(campaign, fake_builders):
    job = built_job(campaign)
    output = job.output
    content = PDF + str(job.pk).encode()
    assert job.progress == 100 and job.finished_at is not None
    assert output.sha256 == hashlib.sha256(content).hexdigest()
    assert output.size == len(content)
    assert output.filename == FILENAME and output.number == "01/BC-STNMT"
    assert output.document_key == f"annual:campaign={campaign.pk}:year=2024"
    with output.file.open("rb") as handle:
        assert handle.read() == content
    assert AuditEvent.objects.filter(action="reports.file.produced").count() == 1


def test_progress_is_recorded_while_building(campaign):
    seen = []

    def watching(job, progress):
        progress(30, "Bước một")
        seen.append(ReportJob.objects.values_list("progress", "step").get(pk=job.pk))
        return fake_build(job, lambda *a: None)

    job = queued_job(campaign)
    with builders(watching):
        jobs.execute(job.pk, worker="test")
    assert seen == [(30, "Bước một")]


def test_worker_that_lost_its_job_stores_nothing(campaign):
    """The reaper handed the job to another attempt while this builder was still running."""
    job = queued_job(campaign)

    def slow_then_superseded(job, progress):
        ReportJob.objects.filter(pk=job.pk).update(attempts=5)
        return fake_build(job, progress)

    with builders(slow_then_superseded):
        jobs.execute(job.pk, worker="old")
    job.refresh_from_db()
    assert job.status == Status.RUNNING  # the newer attempt's business, not ours
    assert not ReportFile.objects.exists()


def test_soft_time_limit_fails_the_job_with_a_reason(campaign):
    from celery.exceptions import SoftTimeLimitExceeded

    def too_slow(job, progress):
        raise SoftTimeLimitExceeded()

    job = queued_job(campaign)
    with builders(too_slow):
        jobs.execute(job.pk, worker="test")
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.error


# --- Versions -----------------------------------------------------------------------------------


def test_versions_count_per_document_and_latest_is_the_default_download(
    campaign, fake_builders, people, client_for
):
    first = built_job(campaign, year=2024)
    second = built_job(campaign, year=2024)
    other_year = built_job(campaign, year=2023)
    assert first.output.version == 1
    assert second.output.version == 2
    assert other_year.output.version == 1
    client = client_for(people.secretariat)
    # The first job's default download is the newest version of its document.
    response = client.get(reverse("report_job_download", args=[first.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF + str(second.pk).encode()
    # Each version stays downloadable.
    response = client.get(reverse("report_file_download", args=[first.output.pk]))
    assert b"".join(response.streaming_content) == PDF + str(first.pk).encode()
    page = client.get(reverse("report_job", args=[first.pk]))
    assert [v.version for v in page.context["versions"]] == [2, 1]
    assert page.context["latest"].pk == second.output.pk


def test_download_has_a_vietnamese_filename_with_ascii_fallback(
    campaign, fake_builders, people, client_for
):
    job = built_job(campaign)
    response = client_for(people.secretariat).get(reverse("report_job_download", args=[job.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="Bao cao so ket nam 2024 - So TN&MT Lang Son.pdf"' in disposition
    assert f"filename*=UTF-8''{quote(FILENAME, safe='')}" in disposition
    assert response["Content-Type"] == "application/pdf"


def test_missing_file_is_a_404_not_an_error(campaign, fake_builders, people, client_for):
    job = built_job(campaign)
    job.output.file.storage.delete(job.output.file.name)
    response = client_for(people.secretariat).get(reverse("report_job_download", args=[job.pk]))
    assert response.status_code == 404


# --- The reaper -------------------------------------------------------------------------------


def _running_since(job, seconds, attempts=1):
    at = timezone.now() - datetime.timedelta(seconds=seconds)
    ReportJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, attempts=attempts, heartbeat_at=at, started_at=at, worker="dead"
    )


def test_stale_job_is_requeued_then_failed_after_max_attempts(campaign, settings, fake_builders):
    settings.REPORT_MAX_ATTEMPTS = 2
    job = queued_job(campaign)
    _running_since(job, settings.REPORT_HEARTBEAT_STALE + 5, attempts=1)
    with mock.patch.object(jobs, "enqueue") as enqueue:
        result = jobs.reap_stale_jobs()
    assert result["requeued"] == [job.pk]
    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.worker == ""
    _running_since(job, settings.REPORT_HEARTBEAT_STALE + 5, attempts=2)
    with mock.patch.object(jobs, "enqueue"):
        result = jobs.reap_stale_jobs()
    assert result["failed"] == [job.pk]
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.error and job.finished_at
    assert not ReportFile.objects.exists()
    # Re-enqueued on commit (the test transaction never commits: nothing sent yet).
    assert enqueue.call_count == 0


def test_requeued_job_is_sent_again_on_commit(
    campaign, settings, django_capture_on_commit_callbacks
):
    job = queued_job(campaign)
    _running_since(job, settings.REPORT_HEARTBEAT_STALE + 5)
    with (
        mock.patch.object(jobs, "enqueue") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        jobs.reap_stale_jobs()
    enqueue.assert_called_once_with(job.pk)


def test_job_with_a_fresh_heartbeat_is_left_alone(campaign, settings):
    job = queued_job(campaign)
    _running_since(job, settings.REPORT_HEARTBEAT_STALE - 30)
    result = jobs.reap_stale_jobs()
    assert result == {"requeued": [], "failed": [], "resent": []}
    job.refresh_from_db()
    assert job.status == Status.RUNNING


def test_waiting_job_whose_message_was_lost_is_sent_again_once(campaign, settings):
    job = queued_job(campaign)
    old = timezone.now() - datetime.timedelta(seconds=settings.REPORT_REQUEUE_AFTER + 10)
    ReportJob.objects.filter(pk=job.pk).update(created_at=old, heartbeat_at=None)
    with mock.patch.object(jobs, "enqueue") as enqueue:
        assert jobs.reap_stale_jobs()["resent"] == [job.pk]
        # Touched: the next run waits another REPORT_REQUEUE_AFTER.
        assert jobs.reap_stale_jobs()["resent"] == []
    enqueue.assert_called_once_with(job.pk)


# --- Requesting -------------------------------------------------------------------------------


def test_request_only_creates_the_job_and_enqueues_on_commit(
    campaign, people, fake_builders, django_capture_on_commit_callbacks
):
    with mock.patch("reports.tasks.build_report.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            job = jobs.request_report(people.secretariat, Kind.ANNUAL, campaign, year=2024)
        assert job.status == Status.QUEUED and delay.call_count == 0
        for callback in callbacks:
            callback()
    delay.assert_called_once_with(job.pk)
    assert AuditEvent.objects.filter(action="reports.job.requested").count() == 1


def test_without_redis_the_request_builds_in_process(
    campaign, people, fake_builders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.request_report(people.secretariat, Kind.ANNUAL, campaign, year=2024)
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.output.version == 1


def test_broker_down_leaves_the_job_waiting(campaign, people, django_capture_on_commit_callbacks):
    with (
        mock.patch("reports.tasks.build_report.delay", side_effect=ConnectionError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = jobs.request_report(people.secretariat, Kind.ANNUAL, campaign, year=2024)
    job.refresh_from_db()
    assert job.status == Status.QUEUED


def test_double_request_reuses_the_waiting_job(campaign, people):
    first = jobs.request_report(people.secretariat, Kind.ANNUAL, campaign, year=2024)
    second = jobs.request_report(people.secretariat, Kind.ANNUAL, campaign, year=2024)
    third = jobs.request_report(people.secretariat, Kind.ANNUAL, campaign, year=2023)
    assert first.pk == second.pk != third.pk
    assert ReportJob.objects.count() == 2


@pytest.mark.parametrize(
    "kind, subject",
    [
        (Kind.ANNUAL, {"year": 2019}),
        (Kind.ANNUAL, {}),
        (Kind.ANNUAL, {"year": "hai nghìn"}),
        (Kind.PERIOD, {"period": 999999}),
        (Kind.MINUTES, {}),
        (Kind.DECISION, {"decision": "x"}),
        ("unknown", {}),
    ],
)
def test_bad_subject_is_refused_and_creates_nothing(campaign, people, kind, subject):
    with pytest.raises(ValidationError):
        jobs.request_report(people.secretariat, kind, campaign, **subject)
    assert not ReportJob.objects.exists()


def test_minutes_of_an_open_session_are_refused(campaign, people, council):
    with pytest.raises(ValidationError):
        jobs.request_report(people.secretariat, Kind.MINUTES, campaign, session=council.scheduled)
    job = jobs.request_report(people.council_chair, Kind.MINUTES, campaign, session=council.closed)
    assert job.session_id == council.closed.pk and job.year == 2024


def test_period_of_another_campaign_is_refused(campaign, people, work, orgs):
    other = CampaignFactory(issuing_organization=orgs.department)
    with pytest.raises(ValidationError):
        jobs.request_report(people.secretariat, Kind.PERIOD, other, period=work.periods[0].pk)
    job = jobs.request_report(people.secretariat, Kind.PERIOD, campaign, period=work.periods[0].pk)
    assert job.period_id == work.periods[0].pk


def test_only_the_office_requests_and_outsiders_do_not_see_the_campaign(campaign, people, council):
    for user in (people.staff, people.council_member):
        with pytest.raises(PermissionDenied):
            jobs.request_report(user, Kind.ANNUAL, campaign, year=2024)
    with pytest.raises(PermissionDenied):
        jobs.request_report(people.council_chair, Kind.ANNUAL, campaign, year=2024)
    with pytest.raises(Http404):
        jobs.request_report(people.outsider, Kind.ANNUAL, campaign, year=2024)
    assert not ReportJob.objects.exists()


def test_retry_puts_the_failed_job_back_in_the_queue(
    campaign, people, django_capture_on_commit_callbacks
):
    job = queued_job(campaign)
    with builders(lambda j, p: 1 / 0):
        jobs.execute(job.pk, worker="test")
    with builders(fake_build), django_capture_on_commit_callbacks(execute=True):
        jobs.retry_job(people.secretariat, job)
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.attempts == 2 and job.error == ""
    assert ReportJob.objects.count() == 1
    with pytest.raises(ValidationError):
        jobs.retry_job(people.secretariat, job)


# --- The schedule -----------------------------------------------------------------------------


def test_december_creates_one_annual_draft_per_campaign_and_month(campaign, draft_campaign):
    day = datetime.date(2024, 12, 2)
    with mock.patch.object(jobs, "enqueue"):
        created = jobs.create_annual_drafts(day)
        assert jobs.create_annual_drafts(day + datetime.timedelta(days=1)) == []
    assert len(created) == 1
    job = ReportJob.objects.get(pk=created[0])
    assert (job.campaign, job.kind, job.year) == (campaign, Kind.ANNUAL, 2024)
    assert job.parameters["draft"] is True and job.requested_by is None


def test_no_annual_draft_in_the_final_review_year(campaign):
    # The 2025 review of this campaign is the final one (tổng kết), not a sơ kết.
    assert jobs.create_annual_drafts(datetime.date(2025, 12, 2)) == []


def test_final_report_draft_is_created_once_in_the_final_quarter(campaign):
    with mock.patch.object(jobs, "enqueue"):
        assert jobs.create_final_drafts(datetime.date(2025, 9, 30)) == []
        created = jobs.create_final_drafts(datetime.date(2025, 10, 1))
        assert jobs.create_final_drafts(datetime.date(2025, 10, 2)) == []
    assert len(created) == 1
    assert ReportJob.objects.get(pk=created[0]).kind == Kind.FINAL


def test_visibility_timeout_is_above_the_hard_time_limit():
    from django.conf import settings

    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > (
        settings.CELERY_TASK_TIME_LIMIT
    )
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert "reports.tasks.reap_stale_jobs" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }


# --- Views ------------------------------------------------------------------------------------


@pytest.fixture
def matrix(campaign, council, fake_builders):
    annual = built_job(campaign)
    minutes = queued_job(campaign, Kind.MINUTES, session=council.closed)
    jobs.execute(minutes.pk, worker="test")
    minutes.refresh_from_db()
    failed = queued_job(campaign, year=2023)
    with builders(lambda j, p: 1 / 0):
        jobs.execute(failed.pk, worker="test")
    return SimpleNamespace(annual=annual, minutes=minutes, failed=failed, session=council.closed)


ROLES = ["secretariat", "council_chair", "council_member", "staff", "outsider", "anonymous"]
# Expected status per role, in the order of ROLES.
OFFICE_ONLY = [200, 403, 403, 403, 404, 302]
OFFICE_OR_CHAIR = [200, 200, 403, 403, 404, 302]
URLS = {
    "documents": (
        "get",
        lambda m, c: reverse("report_documents", args=[c.pk]),
        OFFICE_ONLY,
    ),
    "generate annual": (
        "post",
        lambda m, c: reverse("report_documents", args=[c.pk]),
        [302, 403, 403, 403, 404, 302],
    ),
    "request minutes": (
        "post",
        lambda m, c: reverse("report_request", args=[c.pk]),
        [302, 302, 403, 403, 404, 302],
    ),
    "annual job": ("get", lambda m, c: reverse("report_job", args=[m.annual.pk]), OFFICE_ONLY),
    "minutes job": (
        "get",
        lambda m, c: reverse("report_job", args=[m.minutes.pk]),
        OFFICE_OR_CHAIR,
    ),
    "minutes status": (
        "get",
        lambda m, c: reverse("report_job_status", args=[m.minutes.pk]),
        OFFICE_OR_CHAIR,
    ),
    "annual status": (
        "get",
        lambda m, c: reverse("report_job_status", args=[m.annual.pk]),
        OFFICE_ONLY,
    ),
    "annual download": (
        "get",
        lambda m, c: reverse("report_job_download", args=[m.annual.pk]),
        OFFICE_ONLY,
    ),
    "annual file": (
        "get",
        lambda m, c: reverse("report_file_download", args=[m.annual.output.pk]),
        OFFICE_ONLY,
    ),
    "minutes download": (
        "get",
        lambda m, c: reverse("report_job_download", args=[m.minutes.pk]),
        OFFICE_OR_CHAIR,
    ),
    "retry": (
        "post",
        lambda m, c: reverse("report_job_retry", args=[m.failed.pk]),
        [302, 403, 403, 403, 404, 302],
    ),
}


@pytest.mark.parametrize("name", list(URLS))
@pytest.mark.parametrize("role_index, role", list(enumerate(ROLES)))
def test_permission_matrix(name, role_index, role, matrix, campaign, people, client, settings):
    # Unit tests never reach a worker: requests stay queued.
    method, url_for, expected = URLS[name]
    if role != "anonymous":
        client.force_login(getattr(people, role))
    data = {}
    if name == "generate annual":
        data = {"kind": "annual", "annual-year": "2024"}
    elif name == "request minutes":
        data = {"kind": "minutes", "session": str(matrix.session.pk)}
    with mock.patch.object(jobs, "enqueue"):
        response = getattr(client, method)(url_for(matrix, campaign), data)
    assert response.status_code == expected[role_index], (name, role)
    if role == "anonymous":
        assert reverse("login") in response["Location"]


def test_other_organizations_job_and_file_are_404_for_its_office(matrix, orgs, client_for):
    from units.models import Role

    from .factories import make_member

    other_office = make_member(Role.SECRETARIAT, orgs.outsider_province, username="vp-b")
    client = client_for(other_office)
    assert client.get(reverse("report_job", args=[matrix.annual.pk])).status_code == 404
    assert (
        client.get(reverse("report_file_download", args=[matrix.annual.output.pk])).status_code
        == 404
    )
    assert client.get(reverse("report_file_download", args=[999999])).status_code == 404


def test_generate_from_the_documents_page_opens_the_job(
    campaign, people, client_for, fake_builders, django_capture_on_commit_callbacks
):
    client = client_for(people.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("report_documents", args=[campaign.pk]),
            {"kind": "annual", "annual-year": "2024"},
        )
    job = ReportJob.objects.get()
    assert response["Location"] == reverse("report_job", args=[job.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["state"]["status"] == Status.SUCCEEDED
    assert reverse("report_job_download", args=[job.pk]).encode() in page.content


def test_bad_year_on_the_documents_page_is_a_form_error(campaign, people, client_for):
    response = client_for(people.secretariat).post(
        reverse("report_documents", args=[campaign.pk]), {"kind": "annual", "annual-year": "1999"}
    )
    assert response.status_code == 200
    card = next(c for c in response.context["cards"] if c["kind"] == "annual")
    assert card["form"].errors
    assert not ReportJob.objects.exists()


def test_unknown_kind_on_the_documents_page_changes_nothing(campaign, people, client_for):
    response = client_for(people.secretariat).post(
        reverse("report_documents", args=[campaign.pk]), {"kind": "<script>"}
    )
    assert response.status_code == 302
    assert not ReportJob.objects.exists()


def test_request_for_an_open_session_goes_back_with_a_message(
    campaign, people, council, client_for
):
    back = reverse("home")
    response = client_for(people.council_chair).post(
        reverse("report_request", args=[campaign.pk]),
        {"kind": "minutes", "session": council.scheduled.pk, "next": back},
    )
    assert response.status_code == 302 and response["Location"] == back
    assert not ReportJob.objects.exists()


def test_status_json_reports_progress_and_the_reason(matrix, people, client_for):
    client = client_for(people.secretariat)
    ok = client.get(reverse("report_job_status", args=[matrix.annual.pk])).json()
    assert ok["status"] == "succeeded" and ok["finished"] and ok["progress"] == 100
    assert ok["download_url"] == reverse("report_job_download", args=[matrix.annual.pk])
    failed = client.get(reverse("report_job_status", args=[matrix.failed.pk])).json()
    assert failed["status"] == "failed" and failed["error"] and failed["download_url"] == ""
    page = client.get(reverse("report_job", args=[matrix.failed.pk]))
    assert reverse("report_job_retry", args=[matrix.failed.pk]).encode() in page.content


def _many_documents(campaign, count):
    for year in range(2022, 2022 + count):
        built_job(campaign, year=min(year, 2025))


@pytest.mark.parametrize("count", [1, 6])
def test_documents_page_queries_do_not_grow(
    campaign,
    council,
    people,
    client_for,
    fake_builders,
    work,
    count,
    django_assert_max_num_queries,
):
    _many_documents(campaign, count)
    queued_job(campaign, Kind.MINUTES, session=council.closed)
    client = client_for(people.secretariat)
    # Session, user, memberships, campaign, produced files (with their jobs and subjects),
    # the count and the page of the requests, the navbar's unread notifications, one choice
    # list each for periods, sessions, decisions and proposals: 12, whatever the number of
    # documents.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("report_documents", args=[campaign.pk]))
    assert response.status_code == 200
    assert len(response.context["documents"]) == min(count, 4)


# --- The command ------------------------------------------------------------------------------


def test_generate_report_command_writes_the_file(campaign, fake_builders, tmp_path, capsys):
    target = tmp_path / "so-ket-2024.pdf"
    call_command(
        "generate_report", campaign=campaign.code, kind="annual", year=2024, output=str(target)
    )
    job = ReportJob.objects.get()
    assert job.status == Status.SUCCEEDED
    assert target.read_bytes() == PDF + str(job.pk).encode()
    out = capsys.readouterr().out
    assert str(target) in out and job.output.sha256 in out


def test_generate_report_command_fails_with_the_reason(campaign, tmp_path):
    with builders(None), pytest.raises(CommandError):
        call_command(
            "generate_report",
            campaign=campaign.code,
            kind="annual",
            year=2024,
            output=str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError):
        call_command(
            "generate_report", campaign="khong-co", kind="final", output=str(tmp_path / "x.pdf")
        )
    assert not (tmp_path / "x.pdf").exists()


def test_kinds_without_a_subject_yet_cannot_be_produced(campaign, people, client_for):
    response = client_for(people.secretariat).get(reverse("report_documents", args=[campaign.pk]))
    available = {card["kind"]: card["available"] for card in response.context["cards"]}
    assert available == {
        "annual": True,
        "final": True,
        "minutes": False,
        "decision": False,
        "proposal": False,
        "nominations": True,
        "period": False,
    }


def test_without_a_broker_the_polling_page_sends_a_job_that_never_started(
    client_for, people, campaign, settings, monkeypatch
):
    """make run has no beat: a job whose in-process run was lost is sent by the page."""
    from django.utils import timezone

    from reports import jobs as job_services

    settings.CELERY_TASK_ALWAYS_EAGER = True
    job = ReportJob.objects.create(
        kind=Kind.ANNUAL,
        campaign=campaign,
        year=campaign.start_date.year,
        created_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    sent = []
    monkeypatch.setattr(job_services, "enqueue", sent.append)
    response = client_for(people.secretariat).get(reverse("report_job_status", args=[job.pk]))
    assert response.status_code == 200
    assert sent == [job.pk]
