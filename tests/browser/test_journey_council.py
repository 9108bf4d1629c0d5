"""Journey 3 of issue 7: a unit nominates a collective, an individual and a household; the office
screens them and schedules a council session; members vote from their own browsers; the chair
closes the session; the results and the minutes appear."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AWARD_FORM = "Giấy khen của Giám đốc Sở"  # decided by the department, no public posting
INDIVIDUAL = "Lộc Văn Thắng"
HOUSEHOLD_HEAD = "Hoàng Văn Páo"
# Council members of the Lạng Sơn demo who have a login (5 of 9 seats; 5 approvals pass).
VOTERS = ["ls.chutich", "ls.hoidong", "ls.vanphong", "ls.lanhdao.ttr", "ls.lanhdao.ddbdvt"]
ABSENT = "Lý Thị Mai"
PASSWORD = "ThiDua@2025"  # the demo's password


def create_nomination(staff, subject_type: str, fill):
    staff.goto("/khen-thuong/de-nghi/")
    staff.follow(staff.page.locator("main a[href$='/de-nghi/moi/']").first)
    staff.page.get_by_label("Hình thức khen thưởng").select_option(label=AWARD_FORM)
    staff.page.get_by_label("Loại đối tượng").select_option(subject_type)
    fill(staff.page)
    staff.submit("main form button[type=submit]")
    assert "/sua/" in staff.page.url, staff.page.inner_text("main")[:500]
    summary = staff.page.locator("textarea[name=summary]")
    if not summary.input_value().strip():
        summary.fill("Đơn vị, cá nhân tích cực tham gia công tác giải phóng mặt bằng năm 2025.")
    achievements = staff.page.locator("textarea[name=achievements]")
    if not achievements.input_value().strip():
        achievements.fill("Bàn giao mặt bằng sớm, đúng tiến độ dự án Cao tốc Đồng Đăng – Trà Lĩnh.")
    staff.submit("button[name=save]")
    assert staff.page.locator(".alert-success").count(), staff.page.inner_text("main")[:800]
    return staff.page.url.replace(staff.base_url, "").replace("sua/", "")


@pytest.fixture
def council_logins(demo_world):
    """Starting data: the two council members the demo keeps without a usable password get
    one, so that five members vote from their own browsers."""
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.filter(username__in=VOTERS):
        if not user.has_usable_password():
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])


def test_nominations_screened_voted_in_session_and_closed_with_minutes(journey, council_logins):
    # The unit's staff draft three nominations.
    staff = journey("ls.canbo")
    staff.goto("/khen-thuong/de-nghi/")
    staff.check("nominations", readme="nominations")

    def collective(page):
        page.get_by_label("Tập thể (đơn vị)").select_option(label="Phòng Quản lý đất đai")

    def individual(page):
        page.locator("select[name=nominee_person]").select_option(
            label=f"{INDIVIDUAL} — Phòng Quản lý đất đai"
        )

    def household(page):
        page.get_by_label("Chủ hộ").fill(HOUSEHOLD_HEAD)
        page.get_by_label("Địa chỉ").fill("Thôn Nà Lầu")
        page.get_by_label("Xã, phường").fill("Xã Hoàng Đồng")
        page.get_by_label("Đóng góp").fill("Tự nguyện bàn giao sớm 1.200 m² đất ở.")

    urls = [
        create_nomination(staff, "collective", collective),
        create_nomination(staff, "individual", individual),
        create_nomination(staff, "household", household),
    ]
    staff.check("nomination-edit")

    # The head submits each one, after a confirmation.
    head = journey("ls.lanhdao")
    for url in urls:
        head.goto(url)
        head.submit("main form[action$='/nop/'] button[type=submit]", confirm=True)
        assert "chờ thẩm định" in head.page.inner_text("main"), head.page.inner_text("main")[:800]
    head.check("nomination-submitted")

    # The office screens and accepts them.
    office = journey("ls.vanphong")
    office.goto("/khen-thuong/tham-dinh/")
    office.check("screening-queue", readme="screening-queue")
    for name in ["Tập thể · Phòng Quản lý đất đai", INDIVIDUAL, HOUSEHOLD_HEAD]:
        office.goto("/khen-thuong/tham-dinh/")
        row = office.page.locator("main tbody tr", has_text=name)
        office.follow(row.first.locator("a").first)
        if name == HOUSEHOLD_HEAD:
            office.check("screening-detail", readme="screening-detail")
        for field in ("dossier_complete", "criteria_met", "prior_awards_checked"):
            office.page.check(f"input[name={field}]")
        office.submit("button[name=action][value=accept]", confirm=True)
        assert "Văn phòng đã tiếp nhận" in office.page.inner_text("main"), office.page.inner_text(
            "main"
        )[:800]

    # The office schedules a session and puts the three nominations on its agenda.
    office.goto("/khen-thuong/phien-hop/")
    office.check("sessions")
    office.follow(office.page.locator("main a[href$='/phien-hop/tao/']").first)
    office.check("session-new")
    office.page.get_by_label("Phong trào").select_option(index=1)
    office.page.locator("input[name=title]").fill("Phiên họp xét tặng Giấy khen năm 2026")
    # Dates are typed day first, whatever the browser's locale; what was typed stays on error.
    office.page.get_by_label("Ngày (dd/mm/yyyy)").fill("23/11/2026")
    office.page.get_by_label("Giờ (HH:MM, 24 giờ)").fill("25:00")
    office.submit("main form button[type=submit]")
    office.check("session-new-error")
    assert office.page.locator("input[name=scheduled_at_0]").input_value() == "23/11/2026"
    assert "HH:MM" in office.page.locator("#div_id_scheduled_at .invalid-feedback").inner_text()
    office.page.get_by_label("Giờ (HH:MM, 24 giờ)").fill("9h00")
    office.page.locator("input[name=place]").fill("Phòng họp tầng 3, Sở Tài nguyên và Môi trường")
    office.submit("main form button[type=submit]")
    match = re.search(r"/khen-thuong/phien-hop/\d+/", office.page.url)
    assert match, office.page.url
    session_url = match.group(0)
    office.goto(session_url + "chuong-trinh/")
    office.check("agenda")
    ours = office.page.locator("main .form-check", has_text="Phòng Quản lý đất đai")
    assert ours.count() == 3
    for index in range(3):
        ours.nth(index).locator("input[type=checkbox]").check()
    office.submit("main form:has(input[name=nominations]) button[type=submit]")

    # Attendance: everyone present but one member.
    office.goto(session_url + "diem-danh/")
    for fieldset in office.page.locator("main form fieldset").all():
        choice = "absent" if ABSENT in fieldset.inner_text() else "present"
        radio = fieldset.locator(f"input[value={choice}]")
        radio.check()
        if choice == "absent":
            seat = radio.get_attribute("name").removeprefix("status_")
            office.page.locator(f"input[name=reason_{seat}]").fill("Đi công tác")
    office.check("attendance")
    office.submit("main form button[type=submit]")

    # The chair opens the session.
    chair = journey("ls.chutich")
    chair.goto(session_url)
    chair.submit(f"main form[action$='{session_url}khai-mac/'] button", confirm=True)
    chair.check("session-open", readme="session-open")

    # Each member votes from a browser of their own; one disagrees on the household.
    people = {"ls.chutich": chair, "ls.vanphong": office}
    for username in VOTERS:
        voter = people.get(username) or journey(username)
        voter.goto(session_url + "bo-phieu/")
        if username == "ls.hoidong":
            voter.check("vote", readme="vote")
        for fieldset in voter.page.locator("main form fieldset").all():
            choice = "approve"
            if username == "ls.lanhdao.ddbdvt" and HOUSEHOLD_HEAD in fieldset.inner_text():
                choice = "reject"
            fieldset.locator(f"input[type=radio][value={choice}]").check()
        voter.submit("main form button[data-confirm]:not([name=only])", confirm=True)
        voter.check("voted")
        assert "/bo-phieu/" in voter.page.url or "/phien-hop/" in voter.page.url

    # The chair closes the session; results and minutes appear.
    chair.goto(session_url)
    chair.follow(chair.page.locator(f"main a[href$='{session_url}be-mac/']"))
    chair.check("close")
    chair.submit("main form button[type=submit]", confirm=False)  # changed their mind
    assert chair.page.url.endswith("/be-mac/")
    chair.submit("main form button[type=submit]", confirm=True)
    chair.goto(session_url + "ket-qua/")
    chair.check("results", readme="session-results")
    results = chair.page.inner_text("main")
    assert "Phòng Quản lý đất đai" in results and INDIVIDUAL in results
    assert HOUSEHOLD_HEAD in results
    # 5 approvals of 9 members pass; the household got 4.
    rows = chair.page.locator("main tbody tr")
    assert "Không đạt" in rows.filter(has_text=HOUSEHOLD_HEAD).inner_text()
    for name in (INDIVIDUAL, "Tập thể"):
        row = rows.filter(has_text=name).inner_text()
        assert "Đạt" in row and "Không đạt" not in row
    chair.goto(session_url + "bien-ban/")
    chair.check("minutes", readme="session-minutes")
    minutes = chair.page.inner_text("main")
    assert "BIÊN BẢN" in minutes.upper()
    assert ABSENT in minutes
