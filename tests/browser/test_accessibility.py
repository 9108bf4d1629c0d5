"""Accessibility of the main pages of each kind of user, beyond the journeys: every page below
goes through the journeys' audit (tests/browser/conftest.py), which fails on a serious or
critical axe-core violation, on English left in the Vietnamese UI and on a page slower than
the budget. Identifiers are looked up in the demo data; everything else is the UI."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAMPAIGN = "ls-stnmt-gpmb-2022-2025"


def demo_ids() -> dict:
    from awards.models import Nomination, Session
    from campaign.models import Campaign

    campaign = Campaign.objects.get(code=CAMPAIGN)
    sessions = Session.objects.filter(campaign=campaign)
    closed = sessions.filter(status=Session.Status.CLOSED).first()
    pending = sessions.exclude(status=Session.Status.CLOSED).first() or closed
    posted = Nomination.objects.filter(campaign=campaign, posted_until__isnull=False).first()
    org = campaign.issuing_organization
    return {
        "c": campaign.pk,
        "code": campaign.code,
        "org": org.code,
        "closed": closed.pk,
        "pending": pending.pk,
        "posted": posted.pk if posted else None,
    }


PAGES = {
    # Văn phòng (the office): its lists, dashboards and queues.
    "ls.vanphong": [
        "/",
        "/quan-ly/phong-trao/",
        "/quan-ly/phong-trao/{c}/",
        "/quan-ly/phong-trao/{c}/bang-dieu-khien/",
        "/quan-ly/phong-trao/{c}/nhiem-vu/",
        "/quan-ly/phong-trao/{c}/ky-bao-cao/",
        "/quan-ly/du-an/",
        "/quan-ly/phong-trao/{c}/tinh-hinh-nop/",
        "/quan-ly/phong-trao/{c}/vuong-mac/",
        "/quan-ly/phong-trao/{c}/de-nghi-khen-thuong/",
        "/duyet-bao-cao/",
        "/khen-thuong/tham-dinh/",
        "/khen-thuong/hoi-dong/",
        "/khen-thuong/phien-hop/",
        "/khen-thuong/phien-hop/{pending}/",
        "/khen-thuong/quyet-dinh/",
        "/khen-thuong/so-khen-thuong/",
        "/khen-thuong/so-khen-thuong/tong-hop/",
        "/bao-cao/phong-trao/{c}/",
        "/bao-cao-tong-ket/phong-trao/{c}/",
        "/tai-khoan/thong-bao/",
        "/tai-khoan/ho-so/",
    ],
    # A unit's staff and its head.
    "ls.canbo": [
        "/",
        "/bao-cao/",
        "/bao-cao/tong-quan/",
        "/bao-cao/vuong-mac/",
        "/khen-thuong/de-nghi/",
        "/khen-thuong/de-nghi/moi/",
        "/tai-khoan/thong-bao/",
    ],
    "ls.lanhdao": ["/", "/bao-cao/", "/bao-cao/tong-quan/", "/khen-thuong/de-nghi/"],
    # A council member.
    "ls.hoidong": [
        "/",
        "/hoi-dong/",
        "/khen-thuong/phien-hop/",
        "/khen-thuong/phien-hop/{closed}/",
        "/khen-thuong/phien-hop/{closed}/ket-qua/",
        "/khen-thuong/phien-hop/{closed}/bien-ban/",
        "/khen-thuong/so-khen-thuong/",
    ],
    # The public, without logging in.
    "": [
        "/",
        "/ke-hoach/",
        "/ke-hoach/{code}/",
        "/cong-khai/",
        "/cong-khai/don-vi/{org}/",
        "/cong-khai/ke-hoach/{code}/",
        "/cong-khai/de-nghi/{posted}/",
        "/khen-thuong/cong-khai/{code}/",
        "/tai-khoan/dang-nhap/",
        "/tai-khoan/quen-mat-khau/",
    ],
}


@pytest.mark.parametrize("username", sorted(PAGES), ids=lambda u: u or "public")
def test_main_pages_of_each_role_have_no_serious_accessibility_violation(journey, username):
    ids = demo_ids()
    person = journey(username or None)
    for template in PAGES[username]:
        if "{posted}" in template and ids["posted"] is None:
            continue
        path = template.format(**ids)
        response = person.goto(path)  # audited: axe, timing, no English
        assert response.status == 200, f"{path}: {response.status}"
        assert not person.page.url.endswith("/tai-khoan/dang-nhap/") or "dang-nhap" in path, (
            f"{path} sent {username or 'the public'} to the login page"
        )
    person.shot("last-page")
