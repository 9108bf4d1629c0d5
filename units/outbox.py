"""The e-mail outbox: every e-mail the portal sends is first a row written in the transaction
of the change it reports.

`queue_email()` is called inside that transaction. After the commit a worker delivers the row
(`deliver()`, Celery task `units.tasks.deliver_email`); if the process dies between the commit
and the delivery, or the broker is down, the row stays pending and the sweep (Celery beat,
`units.tasks.deliver_pending_email`, every OUTBOX_SWEEP_EVERY seconds) sends it. A mail server
that refuses is tried again after OUTBOX_BACKOFF seconds, then the e-mail is given up after
OUTBOX_MAX_ATTEMPTS with its last error kept (visible in the admin, where it can be tried
again).

Exactly once as far as the database can tell: a worker holds the row's lock (SELECT … FOR
UPDATE SKIP LOCKED on PostgreSQL) from before sending until `sent_at` is committed, so two
sweeps or a sweep and the on-commit delivery never send the same row twice. (A process killed
after the mail server accepted the message but before the commit sends it again: at least
once is the best any outbox can do.)
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from .models import OutboxEmail
from .text import nfc

logger = logging.getLogger(__name__)

Status = OutboxEmail.Status
SUBJECT_MAX = OutboxEmail._meta.get_field("subject").max_length
REFERENCE_MAX = OutboxEmail._meta.get_field("reference").max_length
ERROR_MAX = 2000


def queue_email(
    to: Iterable[str],
    subject: str,
    body: str,
    *,
    from_email: str = "",
    reference: str = "",
) -> OutboxEmail | None:
    """Writes one e-mail to the outbox and delivers it after the commit. Call it inside the
    transaction that makes the change: a rollback sends nothing. None when nobody has an
    address."""
    recipients = sorted({address.strip() for address in to if address and address.strip()})
    if not recipients:
        return None
    email = OutboxEmail.objects.create(
        recipients=recipients,
        # A header cannot hold a line break.
        subject=" ".join(nfc(str(subject)).split())[:SUBJECT_MAX],
        body=nfc(str(body)),
        from_email=from_email,
        reference=reference[:REFERENCE_MAX],
    )
    transaction.on_commit(lambda: send_soon(email.pk))
    return email


def send_soon(email_id: int) -> None:
    """Hands the row to a worker (in-process without a broker). A broker outage leaves it
    pending for the sweep; the request that wrote it is not affected."""
    from .tasks import deliver_email

    try:
        deliver_email.delay(email_id)
    except Exception:  # broker down or hung: the row is the record, the sweep sends it
        logger.warning("E-mail %s not handed to a worker; the sweep will send it.", email_id)


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failure."""
    steps = settings.OUTBOX_BACKOFF
    return datetime.timedelta(seconds=steps[min(attempts, len(steps)) - 1])


def _message(email: OutboxEmail) -> EmailMessage:
    return EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email or None,
        to=list(email.recipients),
    )


def _send_locked(email: OutboxEmail, connection=None) -> bool:
    """Sends a row this transaction holds locked and records the outcome on it."""
    now = timezone.now()
    email.attempts += 1
    try:
        if connection is None:
            connection = get_connection()
        sent = connection.send_messages([_message(email)])
        if not sent:
            raise RuntimeError("the mail backend accepted no message")
    except Exception as exc:  # SMTP, DNS, timeouts, a refused address: any of them
        email.last_error = f"{type(exc).__name__}: {exc}"[:ERROR_MAX]
        if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            email.status = Status.FAILED
            logger.error("E-mail %s given up after %d attempts: %s", email.pk, email.attempts, exc)
        else:
            email.next_attempt_at = now + backoff(email.attempts)
            logger.warning(
                "E-mail %s not sent (attempt %d), next at %s: %s",
                email.pk,
                email.attempts,
                email.next_attempt_at.isoformat(),
                exc,
            )
        email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    email.status = Status.SENT
    email.sent_at = now
    email.save(update_fields=["attempts", "status", "sent_at"])
    return True


def _due():
    return OutboxEmail.objects.filter(status=Status.PENDING, next_attempt_at__lte=timezone.now())


def deliver(email_id: int) -> bool:
    """Sends one pending e-mail if it is due and nobody else is sending it. True when this
    call sent it."""
    with transaction.atomic():
        # Another worker holding the row is sending it: skip, do not wait.
        email = _due().select_for_update(skip_locked=True).filter(pk=email_id).first()
        if email is None:
            return False
        return _send_locked(email)


def _close(connection) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except Exception:  # closing a broken SMTP session: nothing left to do
        logger.debug("Closing the mail connection failed", exc_info=True)


def sweep(limit: int = 200) -> dict:
    """Sends the due pending e-mails, oldest first, one row per transaction so that two
    sweeps share the work instead of sending anything twice."""
    sent = failed = 0
    connection = None
    try:
        for _n in range(limit):
            with transaction.atomic():
                email = (
                    _due().select_for_update(skip_locked=True).order_by("next_attempt_at", "pk")
                ).first()
                if email is None:
                    break
                if connection is None:
                    connection = get_connection()
                if _send_locked(email, connection):
                    sent += 1
                else:
                    failed += 1
                    # The session may be broken: the next e-mail opens a new one.
                    _close(connection)
                    connection = None
    finally:
        _close(connection)
    if sent or failed:
        logger.info("E-mail outbox: %d sent, %d failed", sent, failed)
    return {"sent": sent, "failed": failed}


def retry(emails) -> int:
    """The administrator's "try again now": given-up or waiting e-mails get a fresh count of
    attempts and are handed to a worker after the commit."""
    with transaction.atomic():
        ids = list(
            OutboxEmail.objects.select_for_update()
            .filter(pk__in=[e.pk for e in emails])
            .exclude(status=Status.SENT)
            .values_list("pk", flat=True)
        )
        OutboxEmail.objects.filter(pk__in=ids).update(
            status=Status.PENDING, next_attempt_at=timezone.now(), attempts=0
        )
        for pk in ids:
            transaction.on_commit(lambda pk=pk: send_soon(pk))
    return len(ids)
