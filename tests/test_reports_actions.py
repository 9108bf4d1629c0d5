"""The awards pages offer "produce the PDF" to whoever may ask for that document."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Decision
from campaign.models import AwardForm


@pytest.fixture
def decision(orgs, campaign):
    form = AwardForm.objects.create(
        code="giay-khen-thu",
        name="Giấy khen của Giám đốc Sở",
        authority=AwardForm.Authority.DEPARTMENT_HEAD,
        decided_internally=True,
        individual_coefficient="0.3",
        collective_coefficient="0.6",
    )
    return Decision.objects.create(
        organization=orgs.department,
        campaign=campaign,
        award_form=form,
        year=2024,
        number=5,
        symbol="QĐ-STNMT",
        date=datetime.date(2024, 12, 15),
        signer_name="Nguyễn Văn An",
        signer_title="Giám đốc",
        base_salary=2_340_000,
    )


def test_the_office_sees_the_produce_button_on_a_decision(client_for, people, decision):
    html = client_for(people.secretariat).get(reverse("award_decision_detail", args=[decision.pk]))
    text = html.content.decode()
    assert reverse("report_request", args=[decision.campaign_id]) in text
    assert f'name="decision" value="{decision.pk}"' in text


def test_a_council_member_reads_the_decision_without_the_button(client_for, people, decision):
    response = client_for(people.council_member).get(
        reverse("award_decision_detail", args=[decision.pk])
    )
    if response.status_code == 200:
        assert (
            reverse("report_request", args=[decision.campaign_id]) not in response.content.decode()
        )
    else:
        assert response.status_code in (403, 404)
