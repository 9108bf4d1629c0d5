"""Login throttling, security headers and the Content-Security-Policy."""

import pytest
from django.urls import reverse

from units.models import AuditEvent

from .factories import UserFactory


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_login_out_and_are_audited(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(username="canbo.thu")
    user.set_password("DungMatKhau@2025")
    user.save()
    url = reverse("login")
    for _attempt in range(3):
        response = client.post(url, {"username": "canbo.thu", "password": "sai"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    # Even the right password is refused while locked out.
    response = client.post(url, {"username": "canbo.thu", "password": "DungMatKhau@2025"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="units.login.locked_out").exists()


@pytest.mark.django_db
def test_a_right_password_after_a_few_failures_still_logs_in(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory(username="canbo.nam")
    user.set_password("DungMatKhau@2025")
    user.save()
    url = reverse("login")
    client.post(url, {"username": "canbo.nam", "password": "sai"})
    client.post(url, {"username": "canbo.nam", "password": "DungMatKhau@2025"})
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_pages_carry_a_strict_policy_without_inline_script(client):
    response = client.get(reverse("plan_list"))
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    html = response.content.decode()
    # Every script is a file of this site; data blocks are not executed.
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or "application/json" in tag, tag
