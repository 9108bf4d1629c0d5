"""Tables: a small table sorted in the browser (`data-sortable`, static/js/table-sort.js) and a
long list sorted and paged by the server (units/tables.py), with the mouse and the keyboard,
on a desktop and on a 360-px phone."""

import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LS_CAMPAIGN = "ls-stnmt-gpmb-2022-2025"


def campaign_pk() -> int:
    from campaign.models import Campaign

    return Campaign.objects.get(code=LS_CAMPAIGN).pk


def column(page, table: str, index: int) -> list[str]:
    """The texts of one column of a table's body, top to bottom."""
    return page.locator(f"{table} tbody tr").evaluate_all(
        "(rows, i) => rows.map(r => r.cells[i].textContent.replace(/\\s+/g, ' ').trim())", index
    )


def dates(texts: list[str]) -> list[datetime.date]:
    return [datetime.datetime.strptime(text[:10], "%d/%m/%Y").date() for text in texts]


def numbers(texts: list[str]) -> list[float]:
    return [float(text.replace(".", "").replace(",", ".")) for text in texts]


def sort_states(page, table: str) -> list[str | None]:
    return page.locator(f"{table} thead tr:last-child > th").evaluate_all(
        "cells => cells.map(c => c.getAttribute('aria-sort'))"
    )


def test_a_small_table_sorts_in_the_browser_with_mouse_and_keyboard(journey):
    office = journey("ls.vanphong")
    office.goto(f"/quan-ly/phong-trao/{campaign_pk()}/bang-dieu-khien/")
    table = "#table-discipline"
    headers = office.page.locator(f"{table} thead th")
    due = headers.nth(1).get_by_role("button")
    on_time = headers.nth(3).get_by_role("button")
    assert due.is_visible() and on_time.is_visible()
    assert sort_states(office.page, table) == [None] * headers.count()
    before = column(office.page, table, 0)

    # Dates dd/mm/yyyy sort as dates, oldest first, then newest first.
    due.click()
    assert headers.nth(1).get_attribute("aria-sort") == "ascending"
    assert dates(column(office.page, table, 1)) == sorted(dates(column(office.page, table, 1)))
    due.click()
    assert headers.nth(1).get_attribute("aria-sort") == "descending"
    shown = dates(column(office.page, table, 1))
    assert shown == sorted(shown, reverse=True)
    assert sorted(column(office.page, table, 0)) == sorted(before)  # the same rows, moved

    # With the keyboard: the header is a button that Tab reaches and Enter presses.
    on_time.focus()
    office.page.keyboard.press("Enter")
    states = sort_states(office.page, table)
    assert states[3] == "ascending" and states.count(None) == len(states) - 1
    counts = numbers(column(office.page, table, 3))
    assert counts == sorted(counts)
    office.page.keyboard.press("Space")
    assert headers.nth(3).get_attribute("aria-sort") == "descending"
    counts = numbers(column(office.page, table, 3))
    assert counts == sorted(counts, reverse=True)
    # The header still reads as its label, the arrow is hidden from screen readers.
    assert on_time.get_attribute("aria-label") is None
    assert on_time.locator(".sort-icon").get_attribute("aria-hidden") == "true"
    office.check("dashboard-table-sorted")


def test_a_long_list_sorts_and_pages_on_the_server(journey):
    office = journey("ls.vanphong")
    register = f"/quan-ly/phong-trao/{campaign_pk()}/vuong-mac/"
    office.goto(register)
    page = office.page
    pages = page.get_by_role("navigation", name="Số trang")
    assert pages.get_by_text("Trang 1/2").is_visible()  # 27 obstacles, 25 to a page
    raised = page.locator("main table thead th").first
    assert raised.get_attribute("aria-sort") == "descending"  # the newest first
    shown = dates(column(page, "main table", 0))
    assert shown == sorted(shown, reverse=True) and len(shown) == 25
    office.check("register-page-1")

    # The next page keeps the order.
    office.follow(pages.get_by_role("link", name="Trang sau"))
    assert "page=2" in page.url
    assert page.get_by_text("Trang 2/2").is_visible()
    assert len(column(page, "main table", 0)) == 2

    # Sorting by a column from the keyboard starts again on the first page, oldest first.
    link = raised.get_by_role("link")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    office.audit()
    assert "sort=raised" in page.url and "page=" not in page.url
    raised = page.locator("main table thead th").first
    assert raised.get_attribute("aria-sort") == "ascending"
    shown = dates(column(page, "main table", 0))
    assert shown == sorted(shown) and len(shown) == 25

    # A filter keeps the sort (a hidden field of the filter form).
    page.select_option("#filter-beyond", "yes")
    office.submit("form[aria-label] button[type=submit]")
    assert "sort=raised" in page.url and "beyond=yes" in page.url
    shown = dates(column(page, "main table", 0))
    assert shown == sorted(shown)
    office.check("register-sorted-filtered")

    # On a phone the table scrolls sideways inside its box; the page itself does not.
    page.set_viewport_size({"width": 360, "height": 780})
    office.goto(register + "?sort=unit&page=2")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 362, width  # a 2-px rounding of the summary badges
    assert page.locator("main table thead th").nth(1).get_attribute("aria-sort") == "ascending"
    office.check("register-phone")
