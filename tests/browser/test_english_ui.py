"""The English UI is complete too: after switching the language, the screens of the journeys
show no Vietnamese interface text (the data — names of units, tasks, people — stays as typed)."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Interface words of the Vietnamese catalogue that never occur in the demo data.
VIETNAMESE_UI = re.compile(
    r"Thao tác|Trạng thái|Hạn nộp|Tiếp tục|Trang sau|Lưu nháp|Lưu dự thảo|Đăng xuất|"
    r"Việc cần làm|Vai trò của bạn|Chưa bắt đầu|Bị trả lại|Đã chấp nhận|Lọc|Tải tệp Excel|"
    r"Phiên họp Hội đồng|Hồ sơ chờ thẩm định|Xin chào"
)

PAGES = {
    "ls.canbo": ["/", "/bao-cao/", "/bao-cao/tong-quan/", "/khen-thuong/de-nghi/"],
    "ls.vanphong": ["/", "/duyet-bao-cao/", "/khen-thuong/tham-dinh/", "/khen-thuong/phien-hop/"],
}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_english_ui_has_no_vietnamese_interface_text(journey, username):
    person = journey(username)
    person.goto("/")
    with person.page.expect_navigation():
        person.page.locator("form[action$='/i18n/setlang/'] button[value=en]").click()
    assert person.page.locator("html").get_attribute("lang") == "en"
    for path in PAGES[username]:
        person.goto(path)
        person.timing(path)
        person.axe()
        found = sorted(set(VIETNAMESE_UI.findall(person.page.inner_text("body"))))
        assert not found, f"Vietnamese interface text on {path} in English: {found}"
    person.shot("english")
