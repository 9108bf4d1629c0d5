"""The English UI is complete too: after switching the language, the screens of the journeys
and the main lists show no Vietnamese interface text (the data — names of units, tasks, people,
the Vietnamese official documents — stays as typed)."""

import gettext
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]

# Interface words of the Vietnamese catalogue that never occur in the demo data.
VIETNAMESE_UI = re.compile(
    r"Thao tác|Trạng thái|Hạn nộp|Tiếp tục|Trang sau|Lưu nháp|Lưu dự thảo|Đăng xuất|"
    r"Việc cần làm|Vai trò của bạn|Chưa bắt đầu|Bị trả lại|Đã chấp nhận|Lọc|Tải tệp Excel|"
    r"Phiên họp Hội đồng|Hồ sơ chờ thẩm định|Xin chào"
)

PAGES = {
    "ls.canbo": [
        "/",
        "/bao-cao/",
        "/bao-cao/tong-quan/",
        "/bao-cao/vuong-mac/",
        "/khen-thuong/de-nghi/",
        "/khen-thuong/de-nghi/moi/",
        "/tai-khoan/thong-bao/",
    ],
    "ls.vanphong": [
        "/",
        "/quan-ly/phong-trao/",
        "/duyet-bao-cao/",
        "/khen-thuong/tham-dinh/",
        "/khen-thuong/hoi-dong/",
        "/khen-thuong/phien-hop/",
        "/khen-thuong/quyet-dinh/",
        "/khen-thuong/so-khen-thuong/",
        "/quan-ly/du-an/",
    ],
    "ls.hoidong": ["/", "/hoi-dong/", "/khen-thuong/phien-hop/"],
}

# The rendered text of the page outside the Vietnamese documents (.official-doc, anything
# marked lang="vi"), which stay Vietnamese in the English UI.
INTERFACE_TEXT = """() => {
    const skip = '.official-doc, body [lang="vi"], script, style, noscript';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip) || !parent.checkVisibility()) continue;
      const text = node.textContent.replace(/\\s+/g, ' ').trim();
      if (text) out.push(text);
    }
    return out.join('\\n');
}"""


def vietnamese_sentences() -> set[str]:
    """Whole sentences of the Vietnamese catalogue: interface text, never data. Those with a
    placeholder are left out (shown filled in), and so are the short ones, which the demo's
    data may contain by chance."""
    with (ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)._catalog
    sentences = set()
    for key, text in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or not isinstance(text, str) or text == msgid:
            continue
        if "%" in text or "{" in text or len(text) < 25 or " " not in text:
            continue
        sentences.add(text.strip())
    return sentences


@pytest.mark.parametrize("username", sorted(PAGES))
def test_english_ui_has_no_vietnamese_interface_text(journey, username):
    sentences = vietnamese_sentences()
    assert len(sentences) > 200, "the Vietnamese catalogue is compiled"
    person = journey(username)
    person.goto("/")
    person.follow("form[action$='/i18n/setlang/'] button[value=en]")
    assert person.page.locator("html").get_attribute("lang") == "en"
    for path in PAGES[username]:
        person.goto(path)  # timed and checked by axe, as every page
        found = set(VIETNAMESE_UI.findall(person.page.inner_text("body")))
        interface = person.page.evaluate(INTERFACE_TEXT)
        found |= {sentence for sentence in sentences if sentence in interface}
        assert not found, f"Vietnamese interface text on {path} in English: {sorted(found)}"
    person.shot("english")
