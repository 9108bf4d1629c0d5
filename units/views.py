import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import get_access
from .forms import LoginForm
from .home import next_steps
from .models import Role

logger = logging.getLogger(__name__)


def home(request):
    access = get_access(request.user)
    context = {"access": access}
    if access.is_authenticated:
        context["steps"] = next_steps(request, access)
        context["memberships"] = sorted(
            access.memberships, key=lambda m: (m.organization.path, m.role)
        )
        context["role_labels"] = dict(Role.choices)
    return render(request, "home.html", context)


@require_GET
@never_cache
def healthz(request):
    """Liveness for load balancers: the database must answer; the broker state is reported."""
    result = {"status": "ok", "database": "ok", "broker": "ok"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means the database is unusable
        logger.exception("healthz: database check failed")
        result["database"] = "error"
        result["status"] = "error"
        status = 503
    if not settings.REDIS_URL:
        result["broker"] = "in-process"
    else:
        try:
            import redis

            client = redis.Redis.from_url(
                settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
            )
            client.ping()
        except Exception:
            logger.warning("healthz: broker unreachable")
            result["broker"] = "error"
            if result["status"] == "ok":
                result["status"] = "degraded"
    return JsonResponse(result, status=status)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request):
    access = get_access(request.user)
    person = getattr(request.user, "person", None)
    return render(
        request,
        "registration/profile.html",
        {"access": access, "person": person, "memberships": access.memberships},
    )
