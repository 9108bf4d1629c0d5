"""Public posting: only what is posted today is shown, anyone may comment, within limits."""

import datetime
import unicodedata

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from awards.models import Nomination, PostingComment
from units.models import AuditEvent

from .test_awards_nominations import create_award_forms, make_nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def award_forms(campaign):
    return create_award_forms(campaign)


TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def posted(campaign, unit, award_form, name, start=TODAY - DAY, end=TODAY + DAY, **kwargs):
    kwargs.setdefault("status", Nomination.Status.ACCEPTED)
    return make_nomination(
        campaign,
        unit,
        award_form,
        nominee_name=name,
        posted_from=start,
        posted_until=end,
        **kwargs,
    )


@pytest.fixture
def postings(campaign, orgs, award_forms):
    form = award_forms.bang_khen
    return {
        "current": posted(campaign, orgs.division, form, "Đang niêm yết"),
        "last_day": posted(
            campaign, orgs.division, form, "Ngày cuối", start=TODAY - 5 * DAY, end=TODAY
        ),
        "future": posted(campaign, orgs.division, form, "Sắp niêm yết", start=TODAY + DAY),
        "ended": posted(campaign, orgs.division, form, "Đã hết hạn", end=TODAY - DAY),
        "submitted": posted(
            campaign, orgs.division, form, "Chưa duyệt", status=Nomination.Status.SUBMITTED
        ),
        "unposted": make_nomination(
            campaign,
            orgs.division,
            award_forms.giay_khen,
            status=Nomination.Status.ACCEPTED,
            nominee_name="Không niêm yết",
        ),
    }


def test_public_page_shows_only_nominations_posted_today(client, postings, campaign, orgs):
    for url in (
        reverse("posting_index"),
        reverse("posting_campaign", args=[campaign.code]),
        reverse("posting_organization", args=[orgs.department.code]),
        reverse("posting_organization", args=[orgs.province.code]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Đang niêm yết" in page and "Ngày cuối" in page, url
        for name in ("Sắp niêm yết", "Đã hết hạn", "Chưa duyệt", "Không niêm yết"):
            assert name not in page, (url, name)
    # Dates as Vietnamese write them.
    assert (
        postings["current"].posted_until.strftime("%d/%m/%Y")
        in client.get(reverse("posting_index")).content.decode()
    )


def test_other_organizations_page_does_not_show_them(client, postings, orgs):
    response = client.get(reverse("posting_organization", args=[orgs.outsider_province.code]))
    assert "Đang niêm yết" not in response.content.decode()


def test_draft_campaign_and_unknown_codes_are_404(client, draft_campaign):
    assert client.get(reverse("posting_campaign", args=[draft_campaign.code])).status_code == 404
    assert client.get(reverse("posting_organization", args=["khong-co"])).status_code == 404


def test_detail_of_a_nomination_not_posted_is_404(client, postings):
    for key in ("future", "ended", "submitted", "unposted"):
        url = reverse("posting_detail", args=[postings[key].pk])
        assert client.get(url).status_code == 404, key
        assert client.post(url, {"author_name": "A", "body": "B"}).status_code == 404, key
    assert not PostingComment.objects.exists()


def test_anyone_comments_and_the_text_is_stored_in_nfc(client, postings):
    nomination = postings["current"]
    body = unicodedata.normalize("NFD", "Tôi xác nhận gia đình đã bàn giao đất đúng hạn.")
    response = client.post(
        reverse("posting_detail", args=[nomination.pk]),
        {
            "author_name": unicodedata.normalize("NFD", "Nguyễn Thị Hoà"),
            "contact": "",
            "body": body,
        },
    )
    assert response.status_code == 302
    comment = PostingComment.objects.get()
    assert comment.nomination == nomination
    assert comment.body == unicodedata.normalize("NFC", body)
    assert comment.author_name == "Nguyễn Thị Hoà"
    assert comment.read_at is None
    assert AuditEvent.objects.filter(action="awards.posting.comment_received").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"author_name": "", "body": "Nội dung"}, "author_name"),
        ({"author_name": "An", "body": "   "}, "body"),
        ({"author_name": "A" * 151, "body": "Nội dung"}, "author_name"),
        ({"author_name": "An", "body": "x" * 3001}, "body"),
        ({"author_name": "An", "contact": "0" * 151, "body": "Nội dung"}, "contact"),
    ],
)
def test_comment_validation(client, postings, data, field):
    response = client.post(reverse("posting_detail", args=[postings["current"].pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not PostingComment.objects.exists()


def test_comments_are_rate_limited_per_address(client, postings, settings):
    settings.AWARDS_COMMENTS_PER_HOUR = 2
    url = reverse("posting_detail", args=[postings["current"].pk])
    data = {"author_name": "An", "body": "Góp ý"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert PostingComment.objects.count() == 2
    # Another address is not affected.
    assert client.post(url, data, REMOTE_ADDR="10.0.0.9").status_code == 302
    assert PostingComment.objects.count() == 3


@pytest.mark.parametrize("count", [2, 20])
def test_public_list_uses_a_fixed_number_of_queries(
    client,
    campaign,
    orgs,
    award_forms,
    django_assert_max_num_queries,
    count,
):
    for index in range(count):
        posted(campaign, orgs.division, award_forms.bang_khen, f"Tập thể {index}")
    # One query: the posted nominations with their campaign, body, award form and unit.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("posting_index"))
    assert response.content.decode().count("Tập thể ") >= count
