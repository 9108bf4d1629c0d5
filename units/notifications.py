"""In-app notifications: one function writes them, the navigation counts the unread ones.

Higher apps (reminders, report reviews …) call `notify`; the texts are stored as rendered, so a
caller renders them in the recipient's language (Vietnamese) before calling.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .models import Notification
from .text import nfc

TITLE_MAX = Notification._meta.get_field("title").max_length
URL_MAX = Notification._meta.get_field("url").max_length


def notify(users: Iterable, title: str, body: str = "", url: str = "") -> list[Notification]:
    """One notification per distinct active user, written in a single INSERT."""
    title = nfc(str(title)).strip()[:TITLE_MAX]
    body = nfc(str(body)).strip()
    url = url if len(url) <= URL_MAX else ""
    seen: set[int] = set()
    rows = []
    now = timezone.now()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(Notification(user=user, title=title, body=body, url=url, created_at=now))
    if not rows:
        return []
    return Notification.objects.bulk_create(rows)


def unread_count(user) -> int:
    """One COUNT on the (user, read_at) index."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user):
    """The user's own notifications, newest first (the only ones they may see)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def mark_read(notification: Notification) -> Notification:
    """Marks one notification read (idempotent: the first reading time is kept)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        # Conditional update: two tabs opening the same notification keep the first time.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(user) -> int:
    """Marks every unread notification of `user` read; returns how many changed."""
    with transaction.atomic():
        return Notification.objects.filter(user=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
