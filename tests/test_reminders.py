"""Reminders (đôn đốc), in-app notifications and the secretariat's submission status page.

Dates follow the `work` fixture: the January 2024 period is due on 05/02/2024, February on
05/03/2024. Division (staff + head) and other division (other_staff) have tasks.
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from campaign import reminders
from campaign.models import Campaign, ContentItem, ProgressReport, Reminder, Task
from campaign.tasks import send_due_reminders
from units.context_processors import navigation
from units.models import AuditEvent, Notification, OrganizationKind, Role
from units.notifications import notify

from .factories import CampaignFactory, OrganizationFactory, make_member

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
Kind = Reminder.Kind


def day(month, dd, year=2024):
    return datetime.date(year, month, dd)


@pytest.fixture
def freeze(time_machine):
    """freeze(date): the portal's clock stops at 08:00 local time on that day."""

    def move(date):
        time_machine.move_to(datetime.datetime(date.year, date.month, date.day, 8, tzinfo=TZ))

    return move


@pytest.fixture
def mailboxes(people):
    for user in (people.staff, people.head, people.other_staff, people.secretariat):
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    return people


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Runs the daily job for a day, executing the e-mails queued on commit."""

    def run(date):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.send_reminders(date)

    return run


def report(period, unit, status):
    return ProgressReport.objects.create(period=period, unit=unit, status=status)


def kinds_sent(period, unit):
    return sorted(Reminder.objects.filter(period=period, unit=unit).values_list("kind", flat=True))


# --- Which reminder applies on which day ----------------------------------------------------


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (day(2, 1), None),
        (day(2, 2), Kind.BEFORE_DUE),  # due 05/02 − 3 days
        (day(2, 3), None),
        (day(2, 4), None),
        (day(2, 5), Kind.ON_DUE),
        (day(2, 6), Kind.OVERDUE),  # due + 1
        (day(2, 7), None),
        (day(2, 12), Kind.OVERDUE),  # due + 7 (when nothing went on due + 1)
        (day(2, 13), None),
    ],
)
def test_due_reminders_pick_the_kind_from_the_due_date(orgs, work, today, kind):
    due = reminders.due_reminders(today)
    jan = work.periods[0]
    expected = (
        {(jan.pk, orgs.division.pk, kind), (jan.pk, orgs.other_division.pk, kind)}
        if kind
        else set()
    )
    assert {(d.period.pk, d.unit.pk, d.kind) for d in due} == expected


def test_reminders_are_sent_once_per_kind_however_often_the_job_runs(
    orgs, work, mailboxes, send, freeze
):
    jan = work.periods[0]
    start = day(1, 25)
    for offset in range(27):  # 25/01 … 20/02, twice a day
        today = start + datetime.timedelta(days=offset)
        freeze(today)
        send(today)
        send(today)
    expected = sorted([Kind.BEFORE_DUE, Kind.ON_DUE, Kind.OVERDUE])
    assert kinds_sent(jan, orgs.division) == expected
    assert kinds_sent(jan, orgs.other_division) == expected
    # Three kinds × three people (staff and head of the division, staff of the other one).
    assert len(mail.outbox) == 9
    sent = {(m.to[0], m.subject) for m in mail.outbox}
    assert len(sent) == 9
    assert {m.to[0] for m in mail.outbox} == {
        "canbo@example.vn",
        "lanhdao@example.vn",
        "canbo2@example.vn",
    }
    assert Notification.objects.filter(user=mailboxes.staff).count() == 3


def test_overdue_reminder_goes_on_the_first_matching_day_only(orgs, work, mailboxes, send):
    jan = work.periods[0]
    assert len(send(day(2, 6))) == 2
    assert send(day(2, 12)) == []
    assert kinds_sent(jan, orgs.division) == [Kind.OVERDUE]
    assert len(mail.outbox) == 3


def test_a_missed_day_is_caught_up_on_the_next_overdue_day(orgs, work, mailboxes, send):
    # The worker was down on 06/02: the overdue reminder goes on 12/02.
    assert len(send(day(2, 12))) == 2
    assert kinds_sent(work.periods[0], orgs.division) == [Kind.OVERDUE]


def test_a_second_worker_with_a_stale_list_sends_nothing(orgs, work, mailboxes, send, monkeypatch):
    stale = reminders.due_reminders(day(2, 5))
    send(day(2, 5))
    outbox_after_first = len(mail.outbox)
    # The second worker computed its list before the first one wrote its rows.
    monkeypatch.setattr(reminders, "due_reminders", lambda today=None: stale)
    assert send(day(2, 5)) == []
    assert len(mail.outbox) == outbox_after_first
    assert Reminder.objects.filter(kind=Kind.ON_DUE).count() == 2


def test_nothing_is_sent_to_a_unit_that_submitted(orgs, work, mailboxes, send):
    jan = work.periods[0]
    report(jan, orgs.division, ProgressReport.Status.SUBMITTED)
    report(jan, orgs.other_division, ProgressReport.Status.ACCEPTED)
    assert send(day(2, 5)) == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_returned_report_and_a_draft_are_reminded(orgs, work, mailboxes, send):
    jan = work.periods[0]
    report(jan, orgs.division, ProgressReport.Status.RETURNED)
    report(jan, orgs.other_division, ProgressReport.Status.DRAFT)
    sent = send(day(2, 6))
    assert {r.unit for r in sent} == {orgs.division, orgs.other_division}


def test_days_before_the_due_date_follow_the_settings(orgs, work, send, settings):
    settings.REMINDER_DAYS_BEFORE = 5
    assert send(day(2, 2)) == []
    sent = send(day(1, 31))
    assert {r.kind for r in sent} == {Kind.BEFORE_DUE}
    assert len(sent) == 2


def test_overdue_days_follow_the_settings(orgs, work, send, settings):
    settings.REMINDER_OVERDUE_DAYS = (2,)
    assert send(day(2, 6)) == []
    assert {r.kind for r in send(day(2, 7))} == {Kind.OVERDUE}


def test_kinds_can_be_turned_off_in_the_settings(orgs, work, send, settings):
    settings.REMINDER_KINDS = ("on_due",)
    assert send(day(2, 2)) == []
    assert send(day(2, 6)) == []
    assert {r.kind for r in send(day(2, 5))} == {Kind.ON_DUE}


@pytest.mark.parametrize("status", [Campaign.Status.DRAFT, Campaign.Status.CLOSED])
def test_unpublished_campaigns_send_no_reminders(work, send, status):
    Campaign.objects.filter(pk=work.campaign.pk).update(status=status)
    assert send(day(2, 5)) == []


def test_a_rollback_sends_no_email(orgs, work, mailboxes, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        reminders.send_reminders(day(2, 5))
        raise RuntimeError("the batch failed")
    assert mail.outbox == []
    assert not Reminder.objects.exists()
    assert not Notification.objects.exists()


def test_reminder_notifies_every_unit_member_with_a_link_to_the_report(orgs, work, mailboxes, send):
    jan = work.periods[0]
    send(day(2, 5))
    link = reminders.report_path(jan.pk, orgs.division.pk)
    notes = Notification.objects.filter(user__in=[mailboxes.staff, mailboxes.head])
    assert notes.count() == 2
    assert {n.url for n in notes} == {link}
    assert not Notification.objects.filter(user=mailboxes.secretariat).exists()
    message = next(m for m in mail.outbox if m.to == ["canbo@example.vn"])
    assert link in message.body
    assert orgs.division.name in message.subject
    reminder = Reminder.objects.get(unit=orgs.division, kind=Kind.ON_DUE)
    assert reminder.recipients == 2
    assert AuditEvent.objects.filter(
        action="campaign.reminder.sent", object_id=str(reminder.pk)
    ).exists()


def test_the_address_on_the_person_record_is_used_when_the_login_has_none(orgs, work, people, send):
    people.staff.person.email = "hoso@example.vn"
    people.staff.person.save()
    send(day(2, 5))
    assert [m.to for m in mail.outbox] == [["hoso@example.vn"]]


def test_reminder_emails_are_rendered_in_vietnamese(orgs, work, mailboxes, send, monkeypatch):
    languages = []
    real_render = reminders.render_to_string

    def spy(*args, **kwargs):
        languages.append(translation.get_language())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(reminders, "render_to_string", spy)
    with translation.override("en"):
        send(day(2, 5))
    assert languages
    assert set(languages) == {"vi"}


def test_a_mail_server_failure_keeps_the_reminder_and_the_notification(
    orgs, work, mailboxes, send, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    from units import outbox
    from units.models import OutboxEmail

    monkeypatch.setattr(outbox, "get_connection", broken)
    assert len(send(day(2, 5))) == 2
    assert Notification.objects.filter(user=mailboxes.staff).count() == 1
    # The e-mails wait in the outbox with the reason, for the sweep to try again.
    waiting = OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING, attempts=1)
    assert waiting.count() == 3 and "connection refused" in waiting.first().last_error


def test_the_celery_task_sends_todays_reminders(orgs, work, mailboxes, freeze):
    freeze(day(2, 2))
    assert send_due_reminders.delay().get() == 2
    assert Reminder.objects.filter(kind=Kind.BEFORE_DUE).count() == 2


def _many_units(orgs, campaign, count):
    item = ContentItem.objects.get(campaign=campaign, number=1)
    units = []
    for index in range(count):
        unit = OrganizationFactory(
            parent=orgs.department, kind=OrganizationKind.COMMUNE, name=f"UBND xã {index}"
        )
        Task.objects.create(
            campaign=campaign,
            content_item=item,
            unit=unit,
            title=f"Bàn giao mặt bằng {index}",
            start_date=day(1, 1),
            deadline=day(12, 31),
        )
        make_member(Role.UNIT_STAFF, unit, username=f"xa{index}")
        units.append(unit)
    return units


@pytest.mark.parametrize("count", [3, 60])
def test_finding_due_reminders_takes_a_bounded_number_of_queries(
    orgs, work, count, django_assert_max_num_queries
):
    units = _many_units(orgs, work.campaign, count)
    report(work.periods[0], units[0], ProgressReport.Status.SUBMITTED)
    # periods, already sent, task units, units, report statuses, recipients
    with django_assert_max_num_queries(6):
        due = reminders.due_reminders(day(2, 5))
        reminders.unit_recipients({d.unit.pk for d in due})
    assert len(due) == count + 1  # two fixture units, minus the one that submitted


# --- Urging on demand -------------------------------------------------------------------------


def urge_url(work, unit, period=None):
    period = period or work.periods[0]
    return reverse("campaign_urge_unit", args=[work.campaign.pk, period.pk, unit.pk])


def test_secretariat_urges_a_late_unit(
    client_for, orgs, work, mailboxes, freeze, django_capture_on_commit_callbacks
):
    freeze(day(2, 10))
    client = client_for(mailboxes.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urge_url(work, orgs.division))
    assert response.status_code == 302
    reminder = Reminder.objects.get(kind=Kind.MANUAL)
    assert reminder.unit == orgs.division
    assert reminder.sent_by == mailboxes.secretariat
    assert reminder.recipients == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["canbo@example.vn", "lanhdao@example.vn"]
    assert Notification.objects.filter(user=mailboxes.head).count() == 1
    event = AuditEvent.objects.get(action="campaign.reminder.urged")
    assert event.actor == mailboxes.secretariat
    assert event.organization == orgs.division


@pytest.mark.parametrize("persona", ["staff", "head", "council_member"])
def test_unit_and_council_users_cannot_urge(client_for, people, orgs, work, persona):
    client = client_for(getattr(people, persona))
    assert client.post(urge_url(work, orgs.division)).status_code == 403
    assert (
        client.post(
            reverse("campaign_urge_late_units", args=[work.campaign.pk, work.periods[0].pk])
        ).status_code
        == 403
    )
    assert not Reminder.objects.exists()


def test_an_outsider_cannot_even_see_the_campaign_to_urge(client_for, people, orgs, work):
    client = client_for(people.outsider)
    assert client.post(urge_url(work, orgs.division)).status_code == 404
    assert not Reminder.objects.exists()


def test_urging_is_refused_to_anonymous_visitors_and_to_get(client, client_for, people, orgs, work):
    response = client.post(urge_url(work, orgs.division))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert client_for(people.secretariat).get(urge_url(work, orgs.division)).status_code == 405
    assert not Reminder.objects.exists()


def test_urging_a_unit_without_task_or_another_campaigns_period_is_a_404(
    client_for, people, orgs, work
):
    client = client_for(people.secretariat)
    assert client.post(urge_url(work, orgs.department)).status_code == 404
    other = CampaignFactory(issuing_organization=orgs.department, code="khac")
    period = work.periods[0]
    url = reverse("campaign_urge_unit", args=[other.pk, period.pk, orgs.division.pk])
    assert client.post(url).status_code == 404


def test_a_unit_that_submitted_is_not_urged(client_for, people, orgs, work, mailboxes):
    report(work.periods[0], orgs.division, ProgressReport.Status.SUBMITTED)
    response = client_for(people.secretariat).post(urge_url(work, orgs.division), follow=True)
    assert "đã nộp báo cáo kỳ này" in response.content.decode()
    assert not Reminder.objects.exists()
    assert mail.outbox == []


def test_a_unit_is_urged_once_a_day(client_for, people, orgs, work, freeze):
    freeze(day(2, 10))
    client = client_for(people.secretariat)
    client.post(urge_url(work, orgs.division))
    response = client.post(urge_url(work, orgs.division), follow=True)
    assert "đã được đôn đốc trong hôm nay" in response.content.decode()
    assert Reminder.objects.filter(kind=Kind.MANUAL).count() == 1
    freeze(day(2, 11))
    client.post(urge_url(work, orgs.division))
    assert Reminder.objects.filter(kind=Kind.MANUAL).count() == 2


def test_urging_a_draft_campaign_is_refused(client_for, people, orgs, work):
    Campaign.objects.filter(pk=work.campaign.pk).update(status=Campaign.Status.DRAFT)
    response = client_for(people.secretariat).post(urge_url(work, orgs.division), follow=True)
    assert "phong trào đã công bố" in response.content.decode()
    assert not Reminder.objects.exists()


def test_urge_all_late_units_in_one_click(
    client_for, people, orgs, work, mailboxes, freeze, django_capture_on_commit_callbacks
):
    freeze(day(3, 10))
    feb = work.periods[1]
    report(feb, orgs.other_division, ProgressReport.Status.ACCEPTED)
    client = client_for(people.secretariat)
    url = reverse("campaign_urge_late_units", args=[work.campaign.pk, feb.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert list(
        Reminder.objects.filter(kind=Kind.MANUAL).values_list("unit", "period", "sent_by")
    ) == [(orgs.division.pk, feb.pk, people.secretariat.pk)]
    assert len(mail.outbox) == 2
    # A second click the same day urges nobody again.
    response = client.post(url, follow=True)
    assert "Đã đôn đốc trong hôm nay nên không gửi lại" in response.content.decode()
    assert Reminder.objects.filter(kind=Kind.MANUAL).count() == 1


def test_urge_late_units_service_refuses_unit_staff(people, work):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        reminders.urge_late_units(people.staff, work.periods[0])
    with pytest.raises(PermissionDenied):
        reminders.urge_unit(people.head, work.periods[0], people.head.person.organization)


# --- The submission status page ---------------------------------------------------------------


def status_url(work, period=None):
    url = reverse("campaign_submission_status", args=[work.campaign.pk])
    return f"{url}?period={period.pk}" if period else url


def test_status_page_shows_each_units_status_and_last_reminder(
    client_for, people, orgs, work, freeze
):
    freeze(day(2, 20))
    jan = work.periods[0]
    late = report(jan, orgs.division, ProgressReport.Status.SUBMITTED)
    late.first_submitted_at = late.submitted_at = datetime.datetime(2024, 2, 8, 9, tzinfo=TZ)
    late.version = 1
    late.save()
    Reminder.objects.create(period=jan, unit=orgs.other_division, kind=Kind.OVERDUE)
    response = client_for(people.secretariat).get(status_url(work))
    assert response.status_code == 200
    assert response.context["period"] == jan  # the latest period whose due date has passed
    rows = {row.unit: row for row in response.context["rows"]}
    assert rows[orgs.division].status == "submitted"
    assert rows[orgs.division].report.submitted_late
    assert not rows[orgs.division].can_be_urged
    assert rows[orgs.other_division].status == "late"
    assert rows[orgs.other_division].last_reminder.kind == Kind.OVERDUE
    counts = {status: count for status, _label, count in response.context["counts"]}
    assert counts["late"] == 1
    assert counts["submitted"] == 1
    html = response.content.decode()
    assert "08/02/2024" in html
    assert urge_url(work, orgs.other_division) in html
    assert urge_url(work, orgs.division) not in html
    assert "data-confirm" in html


def test_status_page_defaults_to_the_first_period_before_any_due_date(
    client_for, people, work, freeze
):
    freeze(day(1, 15))
    response = client_for(people.secretariat).get(status_url(work))
    assert response.context["period"] == work.periods[0]
    response = client_for(people.secretariat).get(status_url(work, work.periods[2]))
    assert response.context["period"] == work.periods[2]
    response = client_for(people.secretariat).get(status_url(work) + "?period=abc")
    assert response.status_code == 200


def test_status_page_without_periods_says_so(client_for, people, campaign):
    url = reverse("campaign_submission_status", args=[campaign.pk])
    response = client_for(people.secretariat).get(url)
    assert response.status_code == 200
    assert response.context["period"] is None


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("staff", 403),
        ("head", 403),
        ("council_member", 403),
        ("outsider", 404),
    ],
)
def test_status_page_is_for_the_secretariat_only(client_for, people, work, persona, status):
    response = client_for(getattr(people, persona)).get(status_url(work))
    assert response.status_code == status


def test_status_page_asks_anonymous_visitors_to_log_in(client, work):
    response = client.get(status_url(work))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("count", [3, 60])
def test_status_page_query_budget(
    client_for, people, orgs, work, freeze, count, django_assert_max_num_queries
):
    freeze(day(2, 20))
    jan = work.periods[0]
    units = _many_units(orgs, work.campaign, count)
    for index, unit in enumerate(units):
        if index % 3 == 0:
            report(jan, unit, ProgressReport.Status.SUBMITTED)
        elif index % 3 == 1:
            Reminder.objects.create(period=jan, unit=unit, kind=Kind.OVERDUE)
    client = client_for(people.secretariat)
    # session, user, memberships, campaign, periods, units, reports, reminders, unread count
    with django_assert_max_num_queries(9):
        response = client.get(status_url(work, jan))
    table = response.context["table"]
    assert table.count == count + 2  # every unit, 50 to a page
    assert len(response.context["rows"]) == min(count + 2, 50)


def test_manage_link_card_points_to_the_status_page(work):
    from django.template.loader import render_to_string

    html = render_to_string("campaign/reminders/_manage_link.html", {"campaign": work.campaign})
    assert reverse("campaign_submission_status", args=[work.campaign.pk]) in html


# --- Notifications ----------------------------------------------------------------------------


@pytest.fixture
def notes(people):
    mine = notify([people.staff], "Báo cáo tháng 1 đã bị trả lại", "Bổ sung số liệu.", "/ke-hoach/")
    notify([people.staff], "Nhắc nộp báo cáo", "", "")
    others = notify([people.other_staff], "Thông báo của đơn vị khác", "", "/")
    return SimpleNamespace(mine=mine[0], others=others[0])


def test_notify_writes_one_row_per_distinct_active_user(people, django_assert_num_queries):
    people.head.is_active = False
    with django_assert_num_queries(1):
        rows = notify([people.staff, people.staff, people.head, people.other_staff], "Tiêu đề")
    assert {n.user for n in rows} == {people.staff, people.other_staff}


def test_notification_list_shows_only_my_notifications_newest_first(client_for, people, notes):
    response = client_for(people.staff).get(reverse("notification_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Báo cáo tháng 1 đã bị trả lại" in html
    assert "Thông báo của đơn vị khác" not in html
    titles = [n.title for n in response.context["page"].object_list]
    assert titles == ["Nhắc nộp báo cáo", "Báo cáo tháng 1 đã bị trả lại"]


def test_someone_elses_notification_cannot_be_marked_read(client_for, people, notes):
    response = client_for(people.staff).post(reverse("notification_read", args=[notes.others.pk]))
    assert response.status_code == 404
    notes.others.refresh_from_db()
    assert notes.others.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(client_for, people, notes):
    response = client_for(people.staff).post(reverse("notification_read", args=[notes.mine.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/ke-hoach/"
    notes.mine.refresh_from_db()
    assert notes.mine.read_at is not None


def test_a_notification_link_to_another_site_is_not_followed(client_for, people):
    note = notify([people.staff], "Lừa đảo", "", "https://evil.example/")[0]
    response = client_for(people.staff).post(reverse("notification_read", args=[note.pk]))
    assert response["Location"] == reverse("notification_list")


def test_marking_read_needs_a_post_and_a_login(client, client_for, people, notes):
    url = reverse("notification_read", args=[notes.mine.pk])
    assert client_for(people.staff).get(url).status_code == 405
    client.logout()
    response = client.get(reverse("notification_list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_unread_count_in_the_navigation_drops_after_reading(client_for, people, notes):
    client = client_for(people.staff)
    assert 'data-unread-count="2"' in client.get(reverse("home")).content.decode()
    client.post(reverse("notification_read", args=[notes.mine.pk]))
    assert 'data-unread-count="1"' in client.get(reverse("home")).content.decode()
    client.post(reverse("notification_read_all"))
    html = client.get(reverse("home")).content.decode()
    assert "data-unread-count" not in html
    assert reverse("notification_list") in html
    assert not Notification.objects.filter(user=people.staff, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=notes.others.pk).read_at is None


def test_unread_count_is_counted_only_when_shown(people, notes):
    request = RequestFactory().get("/")
    request.user = people.staff
    with CaptureQueriesContext(connection) as queries:
        context = navigation(request)
    assert not any("notification" in q["sql"] for q in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        assert context["unread_notifications"] == 2
        assert context["unread_notifications"] > 1
    assert len(queries.captured_queries) == 1
