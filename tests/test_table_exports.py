"""Dashboard tables too big to write during a request are written by a worker: the page offers
a button (POST) instead of a link, the file holds the same figures as the direct download, only
its requester reaches it, a broker that is down or a worker that dies loses nothing, and old
files are purged. Dates and data follow tests/test_dashboard_office.py (`work`, `history`)."""

import datetime
from types import SimpleNamespace
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign import table_exports
from campaign.models import TableExport
from units.models import AuditEvent, Notification

from .test_dashboard_office import (  # noqa: F401 — fixtures used by name
    history,
    normalised,
    read_csv,
    read_xlsx,
    today,
    url,
)

# Real commits: the request hands the job to the (in-process) worker on commit, as in production.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("history")]


@pytest.fixture
def small_limit(settings):
    """The indicator table of `history` has a handful of rows: a limit of 2 makes it big."""
    settings.EXPORT_INLINE_MAX_ROWS = 2


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def request_url(work, **params):
    base = reverse("dashboard_export_request", args=[work.campaign.pk])
    if not params:
        return base
    from urllib.parse import urlencode

    return f"{base}?{urlencode(params)}"


def test_a_big_table_offers_a_background_button_and_a_small_one_a_direct_link(
    client_for, people, work, small_limit
):
    response = client_for(people.secretariat).get(url(work.campaign))
    html = response.content.decode()
    action = reverse("dashboard_export_request", args=[work.campaign.pk])
    assert f'action="{action}' in html
    assert 'name="table" value="indicator"' in html
    # The content item table has fewer rows than the limit: still a direct download.
    assert "export=xlsx&amp;table=content_item" in html
    assert "export=xlsx&amp;table=indicator" not in html


def test_a_direct_link_to_a_big_table_shows_the_page_with_the_way_to_get_it(
    client_for, people, work, small_limit
):
    response = client_for(people.secretariat).get(
        url(work.campaign, export="xlsx", table="indicator")
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert [m.level_tag for m in response.context["messages"]] == ["info"]
    assert not TableExport.objects.exists()


@pytest.mark.parametrize(("fmt", "read"), [("xlsx", read_xlsx), ("csv", read_csv)])
def test_the_background_file_holds_what_the_direct_download_holds(
    client_for, people, orgs, work, settings, fmt, read
):
    client = client_for(people.secretariat)
    filters = {"unit": orgs.division.pk, "sort": "-percent"}
    direct = client.get(url(work.campaign, export=fmt, table="indicator", **filters))
    assert direct.status_code == 200

    settings.EXPORT_INLINE_MAX_ROWS = 1
    response = client.post(request_url(work, **filters), {"table": "indicator", "format": fmt})
    export = TableExport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "table_export", args=[export.pk]
    )
    assert export.status == TableExport.Status.SUCCEEDED  # tasks run in-process in tests
    assert export.params == f"unit={orgs.division.pk}&sort=-percent"
    page = client.get(response["Location"])
    assert reverse("table_export_download", args=[export.pk]) in page.content.decode()

    download = client.get(reverse("table_export_download", args=[export.pk]))
    assert download.status_code == 200
    assert f".{fmt}" in download["Content-Disposition"]
    written = SimpleNamespace(content=b"".join(download.streaming_content))
    assert read(written) == read(direct)
    assert normalised(read(written)[1]) and export.rows == len(read(direct)[1])


def test_the_requester_is_notified_and_both_steps_are_audited(
    client_for, people, work, small_limit
):
    client_for(people.secretariat).post(request_url(work), {"table": "indicator", "format": "xlsx"})
    export = TableExport.objects.get()
    note = Notification.objects.get(user=people.secretariat)
    assert note.url == reverse("table_export", args=[export.pk])
    assert export.title in note.title
    actions = set(
        AuditEvent.objects.filter(object_id=str(export.pk)).values_list("action", flat=True)
    )
    assert actions == {"campaign.export.requested", "campaign.export.written"}


@pytest.mark.parametrize(("table", "fmt"), [("indicator", "pdf"), ("nothing", "xlsx"), ("", "")])
def test_a_request_for_a_table_that_does_not_exist_changes_nothing(
    client_for, people, work, table, fmt
):
    response = client_for(people.secretariat).post(
        request_url(work), {"table": table, "format": fmt}, follow=True
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not TableExport.objects.exists()


def test_only_the_requester_reaches_the_file(client_for, people, orgs, work, small_limit):
    from units.models import Role

    from .conftest import make_member

    client_for(people.secretariat).post(request_url(work), {"table": "indicator", "format": "csv"})
    export = TableExport.objects.get()
    colleague = make_member(Role.SECRETARIAT, orgs.department, username="vanphong2")
    names = ("table_export", "table_export_status", "table_export_download")
    for user, expected in (
        (colleague, 404),
        (people.outsider, 404),
        (people.staff, 404),
        (people.admin, 404),
    ):
        client = client_for(user)
        for name in names:
            assert client.get(reverse(name, args=[export.pk])).status_code == expected, (
                user,
                name,
            )


def test_unit_staff_and_the_council_cannot_ask_for_a_file(client_for, people, work):
    for user in (people.staff, people.head, people.council_member):
        response = client_for(user).post(
            request_url(work), {"table": "indicator", "format": "xlsx"}
        )
        assert response.status_code == 403
    assert client_for(people.outsider).post(request_url(work), {}).status_code == 404
    assert not TableExport.objects.exists()


def test_a_requester_who_lost_the_role_cannot_download(client_for, people, work, small_limit):
    client = client_for(people.secretariat)
    client.post(request_url(work), {"table": "indicator", "format": "csv"})
    export = TableExport.objects.get()
    people.secretariat.memberships.all().delete()
    assert client.get(reverse("table_export_download", args=[export.pk])).status_code == 403


def test_with_the_broker_down_the_job_waits_and_the_page_sends_it_again(
    client_for, people, work, small_limit, time_machine
):
    client = client_for(people.secretariat)
    with mock.patch(
        "campaign.tasks.build_table_export.delay", side_effect=ConnectionError("redis down")
    ):
        response = client.post(request_url(work), {"table": "indicator", "format": "xlsx"})
        export = TableExport.objects.get()
        assert response.status_code == 302
        assert export.status == TableExport.Status.QUEUED
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert "data-job-root" in page.content.decode()
        state = client.get(reverse("table_export_status", args=[export.pk])).json()
        assert state["status"] == "queued" and not state["finished"]

    # The broker is back; the page polls after the wait: the job is sent again and built.
    time_machine.move_to(timezone.now() + table_exports.RESEND_AFTER + datetime.timedelta(1))
    state = client.get(reverse("table_export_status", args=[export.pk])).json()
    assert state["status"] == "succeeded" and state["download_url"]


def test_a_job_whose_worker_died_is_built_again(client_for, people, work, small_limit):
    client = client_for(people.secretariat)
    with mock.patch("campaign.tasks.build_table_export.delay"):
        client.post(request_url(work), {"table": "indicator", "format": "xlsx"})
    export = TableExport.objects.get()
    started = timezone.now() - table_exports.STALE_AFTER - datetime.timedelta(minutes=1)
    TableExport.objects.filter(pk=export.pk).update(
        status=TableExport.Status.RUNNING, started_at=started, attempts=1
    )
    state = client.get(reverse("table_export_status", args=[export.pk])).json()
    assert state["status"] == "succeeded"
    export.refresh_from_db()
    assert export.attempts == 2


def test_a_job_that_keeps_failing_ends_failed_with_its_reason(
    client_for, people, work, small_limit
):
    client = client_for(people.secretariat)
    with mock.patch(
        "campaign.table_exports.table_for_export", side_effect=RuntimeError("disk full")
    ):
        response = client.post(request_url(work), {"table": "indicator", "format": "xlsx"})
    export = TableExport.objects.get()
    # Tried again in-process on each commit until the last attempt.
    assert export.status == TableExport.Status.FAILED
    assert export.attempts == table_exports.MAX_ATTEMPTS
    assert "disk full" in export.error
    page = client.get(response["Location"]).content.decode()
    assert "disk full" in page and ("Try again" in page or "Thử lại" in page)
    assert client.get(reverse("table_export_download", args=[export.pk])).status_code == 404


def test_a_built_job_is_not_built_twice(client_for, people, work, small_limit):
    client_for(people.secretariat).post(request_url(work), {"table": "indicator", "format": "xlsx"})
    export = TableExport.objects.get()
    assert table_exports.build(export.pk) is None
    export.refresh_from_db()
    assert export.attempts == 1


def test_files_older_than_a_week_are_purged_with_their_rows(client_for, people, work, small_limit):
    client_for(people.secretariat).post(request_url(work), {"table": "indicator", "format": "xlsx"})
    export = TableExport.objects.get()
    path = export.file.path
    assert table_exports.purge_old() == 0
    later = timezone.now() + table_exports.KEEP_FOR + datetime.timedelta(hours=1)
    assert table_exports.purge_old(now=later) == 1
    assert not TableExport.objects.exists()
    import os

    assert not os.path.exists(path)
