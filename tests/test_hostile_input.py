"""Random and hostile values posted to the portal's forms never give a 500, and a refused form
changes nothing (every change of state writes an audit event: none may appear)."""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.models import Campaign, Obstacle, ProgressReport
from units.models import AuditEvent

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "x" * 100_000,
            "\x00\x01\x02",
            "\u202e\u200b",
            "Nguye\u0302\u0303n Va\u0306n A",  # NFD
            "<script>alert(1)</script>",
            "'; DROP TABLE units_organization; --",
            '=HYPERLINK("http://x")',
            "-1",
            "-0,5",
            "1e309",
            "NaN",
            "Infinity",
            "99999999999999999999999999999",
            "1.234.567,89",
            "12,3,4",
            "31/02/2024",
            "2024-13-45",
            "00/00/0000",
            "9999999999",
            "../../etc/passwd",
        ]
    ),
)

FIELD = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"', re.I)
SKIP = {"csrfmiddlewaretoken"}


def form_fields(html: str) -> list[str]:
    return sorted({name for name in FIELD.findall(html) if name not in SKIP})


def attack(client, url, *, max_examples=25):
    page = client.get(url)
    assert page.status_code == 200, url
    names = form_fields(page.content.decode())
    assert names, f"no form on {url}"

    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries({name: HOSTILE for name in names}))
    def post(data):
        before = AuditEvent.objects.count()
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)
        if response.status_code == 200:
            # Shown again with its errors: nothing was written.
            assert AuditEvent.objects.count() == before, (url, data)

    post()


def test_report_form(client_for, people, orgs, work):
    url = reverse("report_edit", args=[work.periods[0].pk, orgs.division.pk])
    attack(client_for(people.staff), url)
    assert not ProgressReport.objects.filter(values__value__lt=0).exists()


def test_campaign_and_task_forms(client_for, people, work):
    client = client_for(people.secretariat)
    attack(client, reverse("campaign_edit", args=[work.campaign.pk]))
    attack(client, reverse("setup_task_create", args=[work.campaign.pk]))
    assert Campaign.objects.filter(pk=work.campaign.pk).exists()


def test_obstacle_update(client_for, people, orgs, work):
    obstacle = Obstacle.objects.create(
        campaign=work.campaign, unit=orgs.division, description="Vướng mắc về giá đất"
    )
    attack(
        client_for(people.secretariat),
        reverse("obstacle_detail", args=[work.campaign.pk, obstacle.pk]),
    )


def test_nomination_form(client_for, people, work):
    attack(client_for(people.staff), reverse("nomination_create"))


def test_council_session_form(client_for, people, orgs, work):
    from awards.models import Council

    Council.objects.create(organization=orgs.department, name="Hội đồng TĐKT", size=7)
    attack(client_for(people.secretariat), reverse("session_create", args=[orgs.department.pk]))


def test_manual_registry_entry(client_for, people, work):
    attack(client_for(people.secretariat), reverse("registry_manual_create"))


@pytest.mark.django_db
def test_login_form(client):
    attack(client, reverse("login"), max_examples=10)
