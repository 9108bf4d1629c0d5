"""The e-mail outbox (units/outbox.py): e-mails are rows written with the change they report,
delivered after the commit, swept when that delivery is lost, retried with a growing wait and
given up with their error kept. Concurrent sweeps on PostgreSQL: tests/integration/
test_outbox_pg.py."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaign import reminders
from campaign.models import Reminder
from units import outbox
from units.models import OutboxEmail
from units.tasks import deliver_pending_email

Status = OutboxEmail.Status


@pytest.fixture
def mailboxes(people):
    for user in (people.staff, people.head, people.other_staff):
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])
    return people


class FlakyBackend:
    """A mail server that refuses the first `failures` messages, then accepts."""

    failures = 0
    calls = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise OSError("421 try again later")
        mail.outbox.extend(messages)
        return len(messages)

    def close(self):
        pass


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.calls = 0

    def failing(times):
        FlakyBackend.failures = times
        return FlakyBackend

    return failing


def lose_on_commit_callbacks(monkeypatch):
    """The process dies right after COMMIT: what was to run on commit never runs."""
    monkeypatch.setattr(outbox.transaction, "on_commit", lambda *args, **kwargs: None)


# --- Writing and delivering ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_queued_email_is_sent_after_the_commit():
    with transaction.atomic():
        email = outbox.queue_email(["a@example.vn", "a@example.vn ", ""], "Nhắc\nnộp", "Nội dung")
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.vn"]
    assert mail.outbox[0].subject == "Nhắc nộp"  # no line break in a header
    email.refresh_from_db()
    assert email.status == Status.SENT and email.sent_at is not None and email.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_rolled_back_email_is_neither_kept_nor_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.queue_email(["a@example.vn"], "Tiêu đề", "Nội dung")
        raise RuntimeError("the change failed")
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_nobody_with_an_address_writes_nothing():
    assert outbox.queue_email(["", "  "], "Tiêu đề", "Nội dung") is None
    assert not OutboxEmail.objects.exists()


# --- The crash between the commit and the delivery ----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_crash_after_commit_loses_no_reminder_email_and_the_sweep_sends_each_once(
    orgs, work, mailboxes, monkeypatch
):
    lose_on_commit_callbacks(monkeypatch)
    sent = reminders.send_reminders(datetime.date(2024, 2, 2))
    # The reminders are recorded as sent, the e-mails are not out yet, but they are kept.
    assert len(sent) == 2 and Reminder.objects.count() == 2
    assert mail.outbox == []
    pending = OutboxEmail.objects.filter(status=Status.PENDING)
    assert sorted(a for e in pending for a in e.recipients) == [
        "canbo2@example.vn",
        "canbo@example.vn",
        "lanhdao@example.vn",
    ]
    assert {e.reference.split(":")[0] for e in pending} == {"campaign.reminder"}
    # The beat task sweeps them; running it again sends nothing twice.
    assert deliver_pending_email.delay().get() == {"sent": 3, "failed": 0}
    assert deliver_pending_email.delay().get() == {"sent": 0, "failed": 0}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "canbo2@example.vn",
        "canbo@example.vn",
        "lanhdao@example.vn",
    ]
    assert not OutboxEmail.objects.exclude(status=Status.SENT).exists()


@pytest.mark.django_db(transaction=True)
def test_late_on_commit_delivery_after_the_sweep_sends_nothing_twice(monkeypatch):
    lose_on_commit_callbacks(monkeypatch)
    with transaction.atomic():
        email = outbox.queue_email(["a@example.vn"], "Tiêu đề", "Nội dung")
    assert outbox.sweep() == {"sent": 1, "failed": 0}
    # The lost delivery turns up after all (a slow worker): it finds the e-mail sent.
    assert outbox.deliver(email.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_broker_down_at_commit_leaves_the_email_for_the_sweep(monkeypatch):
    from units import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_email, "delay", broker_down)
    with transaction.atomic():
        outbox.queue_email(["a@example.vn"], "Tiêu đề", "Nội dung")
    assert OutboxEmail.objects.get().status == Status.PENDING
    assert outbox.sweep()["sent"] == 1
    assert len(mail.outbox) == 1


# --- Failures, retries, giving up ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_refused_email_is_retried_after_the_backoff_and_then_sent(flaky, settings, time_machine):
    settings.OUTBOX_BACKOFF = (60, 300)
    time_machine.move_to(datetime.datetime(2024, 3, 1, 8, tzinfo=datetime.UTC), tick=False)
    flaky(2)
    with transaction.atomic():
        email = outbox.queue_email(["a@example.vn"], "Tiêu đề", "Nội dung")
    email.refresh_from_db()
    assert email.status == Status.PENDING and email.attempts == 1
    assert "421 try again later" in email.last_error
    assert email.next_attempt_at == timezone.now() + datetime.timedelta(seconds=60)

    assert outbox.sweep() == {"sent": 0, "failed": 0}  # not due yet
    time_machine.shift(datetime.timedelta(seconds=61))
    assert outbox.sweep() == {"sent": 0, "failed": 1}
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at == timezone.now() + datetime.timedelta(seconds=300)

    time_machine.shift(datetime.timedelta(seconds=301))
    assert outbox.sweep() == {"sent": 1, "failed": 0}
    email.refresh_from_db()
    assert email.status == Status.SENT and email.attempts == 3
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_email_is_given_up_after_the_last_attempt_with_its_error_kept(
    flaky, settings, time_machine
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    settings.OUTBOX_BACKOFF = (10,)
    time_machine.move_to(datetime.datetime(2024, 3, 1, 8, tzinfo=datetime.UTC), tick=False)
    flaky(5)
    with transaction.atomic():
        email = outbox.queue_email(["a@example.vn"], "Tiêu đề", "Nội dung")
    time_machine.shift(datetime.timedelta(seconds=11))
    assert outbox.sweep() == {"sent": 0, "failed": 1}
    email.refresh_from_db()
    assert email.status == Status.FAILED and email.attempts == 2
    assert "421 try again later" in email.last_error
    time_machine.shift(datetime.timedelta(days=1))
    assert outbox.sweep() == {"sent": 0, "failed": 0}  # given up: the sweep leaves it
    assert mail.outbox == []


def test_backoff_grows_then_repeats_its_last_step(settings):
    settings.OUTBOX_BACKOFF = (60, 300, 900)
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4, 9)] == [
        60,
        300,
        900,
        900,
        900,
    ]


# --- The administrator's view -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_admin_lists_given_up_emails_and_sends_them_again(client, flaky, settings):
    from tests.factories import UserFactory

    settings.OUTBOX_MAX_ATTEMPTS = 1
    flaky(1)
    with transaction.atomic():
        email = outbox.queue_email(["a@example.vn"], "Nhắc nộp báo cáo", "Nội dung")
    email.refresh_from_db()
    assert email.status == Status.FAILED

    admin = UserFactory(username="quantri-outbox", is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = reverse("admin:units_outboxemail_changelist")
    page = client.get(changelist, {"status": "failed"})
    assert page.status_code == 200
    assert "Nhắc nộp báo cáo" in page.content.decode()
    assert client.get(reverse("admin:units_outboxemail_change", args=[email.pk])).status_code == 200

    response = client.post(
        changelist, {"action": "send_again", "_selected_action": [email.pk]}, follow=True
    )
    assert response.status_code == 200
    email.refresh_from_db()
    assert email.status == Status.SENT and email.attempts == 1
    assert len(mail.outbox) == 1
