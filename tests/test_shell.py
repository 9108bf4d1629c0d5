import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "broker": "in-process",
    }


@pytest.mark.django_db
def test_healthz_says_degraded_when_the_broker_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    body = json.loads(client.get(reverse("healthz")).content)
    assert body["broker"] == "error"
    assert body["status"] == "degraded"


def _run_check(env_overrides, *args):
    # Only the variables given here: others (a benchmark's SECURE_SSL_REDIRECT=0) must not leak.
    env = {
        k: v
        for k, v in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set for the browser tests' process, never in production.
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
        and not k.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_"))
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run_check({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_bad_boolean_in_environment_is_refused():
    result = _run_check({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_deploy_check_passes_with_production_settings():
    result = _run_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "thidua.example.vn",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_home_shows_next_steps_per_role(client_for, people):
    html = client_for(people.secretariat).get(reverse("home")).content.decode()
    assert reverse("campaign_manage_list") in html
    html = client_for(people.staff).get(reverse("home")).content.decode()
    assert reverse("campaign_manage_list") not in html
    assert reverse("plan_list") in html


@pytest.mark.django_db
def test_login_page_is_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html
    assert 'lang="vi"' in html


@pytest.mark.django_db
def test_language_switch_gives_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in html


@pytest.mark.django_db
def test_password_reset_mail_is_sent(client, people, mailoutbox):
    people.staff.email = "canbo@example.vn"
    people.staff.save()
    response = client.post(reverse("password_reset"), {"email": "canbo@example.vn"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/tai-khoan/dat-lai-mat-khau/" in mailoutbox[0].body


@pytest.mark.django_db
def test_english_browser_still_gets_vietnamese_by_default(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in html
