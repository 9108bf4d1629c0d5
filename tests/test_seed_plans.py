"""Both seed plans, imported by seed_demo, read on their public pages sentence by sentence."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from .seedtext import SEED_DIR, join_page_breaks, page_text, sentences

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not SEED_DIR.is_dir(), reason=f"the seed documents are not at {SEED_DIR} (shared/ absent)"
    ),
]

# Lines of the Hà Nam news page that belong to the web site or the article, not to the plan.
HA_NAM_NOT_PLAN = {
    "Skip Ribbon Commands",
    "Skip to main content",
    "Tuyên truyền phổ biến",
    "Xem chi tiết Kế hoạch tại file đính kèm./.",
    "KẾ HOẠCH TỔ CHỨC THỰC HIỆN PHONG TRÀO THI ĐUA GIẢI PHÓNG MẶT BẰNG.pdf",
    "phòng Thi đua khen thưởng",
}
HA_NAM_HEADLINE_START = "Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch"
# The journalist introduces the purposes; the plan states them directly.
HA_NAM_PURPOSE_LEAD = ("Theo đó, mục đích của Kế hoạch nhằm phát huy", "Phát huy")


@pytest.fixture
def seeded(db):
    call_command("seed_demo", quiet=True, stderr=io.StringIO())


def _public_page(client, code):
    response = client.get(reverse("plan_detail", args=[code]))
    assert response.status_code == 200
    return page_text(response.content.decode())


def _missing(expected, text):
    return [sentence for sentence in expected if sentence not in text]


def test_every_sentence_of_the_lang_son_plan_is_on_its_page(client, seeded):
    raw = (SEED_DIR / "ke-hoach-lang-son-stnmt-2022.txt").read_text(encoding="utf-8")
    expected = sentences(join_page_breaks(raw))
    assert len(expected) > 60
    text = _public_page(client, "ls-stnmt-gpmb-2022-2025")
    assert _missing(expected, text) == []


def test_lang_son_page_carries_the_official_header(client, seeded):
    text = _public_page(client, "ls-stnmt-gpmb-2022-2025")
    for line in [
        "UBND TỈNH LẠNG SƠN",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /KH-STNMT",
        "Lạng Sơn, ngày tháng 8 năm 2022",
    ]:
        assert line in text


def test_every_sentence_of_the_ha_nam_announcement_is_on_its_page(client, seeded):
    raw = (SEED_DIR / "ke-hoach-ha-nam-2023.txt").read_text(encoding="utf-8")
    paragraphs = join_page_breaks(
        raw, drop=lambda line: line in HA_NAM_NOT_PLAN or line.startswith(HA_NAM_HEADLINE_START)
    )
    paragraphs = [p.replace(*HA_NAM_PURPOSE_LEAD) for p in paragraphs]
    expected = sentences(paragraphs)
    assert len(expected) >= 6
    text = _public_page(client, "hn-ubnd-gpmb-2023-2025")
    assert _missing(expected, text) == []


def test_ha_nam_page_shows_number_date_period_and_households(client, seeded):
    text = _public_page(client, "hn-ubnd-gpmb-2023-2025")
    assert "Số: 1008/KH-UBND" in text
    assert "Hà Nam, ngày 24 tháng 5 năm 2023" in text
    assert "từ ngày 24/05/2023 đến ngày 31/12/2025" in text
    assert "Hộ gia đình" in text
