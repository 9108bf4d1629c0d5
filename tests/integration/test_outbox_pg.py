"""The e-mail outbox on PostgreSQL: sweeps running at the same time (two beat runs that
overlap, a sweep and the on-commit delivery) send every e-mail exactly once — the row lock
(SELECT … FOR UPDATE SKIP LOCKED) is held from before sending until `sent_at` is committed."""

import threading
import time
from collections import Counter

import pytest
from django.db import connection, transaction

from units import outbox
from units.models import OutboxEmail

from .support import ON_POSTGRESQL

pytestmark = ON_POSTGRESQL

EMAILS = 24


class SlowBackend:
    """A mail server that takes a while per message, so concurrent sweeps overlap."""

    lock = threading.Lock()
    sent: Counter = Counter()
    senders: dict = {}

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        time.sleep(0.05)
        with self.lock:
            for message in messages:
                type(self).sent[message.to[0]] += 1
                type(self).senders[message.to[0]] = threading.current_thread().name
        return len(messages)

    def close(self):
        pass


@pytest.fixture
def slow_mail(settings, monkeypatch):
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    SlowBackend.sent = Counter()
    SlowBackend.senders = {}
    # Written as if the process had died after the commit: only the sweeps deliver.
    monkeypatch.setattr(outbox.transaction, "on_commit", lambda *args, **kwargs: None)
    with transaction.atomic():
        for n in range(EMAILS):
            outbox.queue_email([f"u{n}@example.vn"], f"Nhắc {n}", "Nội dung")
    return SlowBackend


def _in_threads(*targets):
    errors = []

    def run(target):
        try:
            target()
        except Exception as exc:  # reported below, with the thread's name
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(t,), name=f"sweeper-{n}") for n, t in enumerate(targets)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_two_sweeps_at_once_send_every_email_exactly_once(slow_mail):
    results = []
    _in_threads(lambda: results.append(outbox.sweep()), lambda: results.append(outbox.sweep()))
    assert sum(r["sent"] for r in results) == EMAILS
    assert len(slow_mail.sent) == EMAILS and set(slow_mail.sent.values()) == {1}
    # They shared the work rather than one waiting for the other's lock.
    assert set(slow_mail.senders.values()) == {"sweeper-0", "sweeper-1"}
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count() == EMAILS


def test_on_commit_deliveries_racing_a_sweep_send_each_email_once(slow_mail):
    ids = list(OutboxEmail.objects.order_by("pk").values_list("pk", flat=True))

    def deliveries():
        for pk in ids:
            outbox.deliver(pk)

    _in_threads(deliveries, outbox.sweep)
    assert len(slow_mail.sent) == EMAILS and set(slow_mail.sent.values()) == {1}
    assert not OutboxEmail.objects.exclude(status=OutboxEmail.Status.SENT).exists()
