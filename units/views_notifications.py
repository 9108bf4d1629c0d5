"""The signed-in user's notifications: list, open (mark read) and mark all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import notifications as service
from .models import Notification
from .tables import sort_and_paginate

PAGE_SIZE = 20


@login_required
def notification_list(request):
    table = sort_and_paginate(request, service.notifications_for(request.user), per_page=PAGE_SIZE)
    return render(request, "units/notifications.html", {"table": table, "page": table.page})


@login_required
@require_POST
def notification_read(request, pk):
    # Someone else's notification does not exist for this user.
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    service.mark_read(notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notification_list")


@login_required
@require_POST
def notification_read_all(request):
    count = service.mark_all_read(request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("You have no unread notifications."))
    return redirect("notification_list")
