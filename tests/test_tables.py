"""Sorting and pagination of the lists (units.tables): the helper on its own, its header cell
and pagination templates, and the lists that use it — sort by every column, an unknown sort
key, a page out of range, filters kept in the links and a query count that does not grow."""

import datetime
import re
import unicodedata
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardRecord
from campaign.models import Obstacle, ProgressReport, ReportingPeriod, SubjectType
from units import tables
from units.models import Notification, Role
from units.tables import Column, sort_and_paginate
from units.text import fold

from .factories import AwardFormFactory, OrganizationFactory, UserFactory, make_member

STATUS = Obstacle.Status


def params(url: str) -> dict:
    """The query of a link as {name: value}."""
    return {key: values[-1] for key, values in parse_qs(urlsplit(url).query).items()}


# --- The helper on a list built in Python -------------------------------------------------------

ROWS = [
    {"name": "Dương", "amount": 5, "day": datetime.date(2024, 3, 1)},
    {"name": "Đào", "amount": None, "day": datetime.date(2024, 1, 9)},
    {"name": "An", "amount": 12, "day": None},
    {"name": "Ân", "amount": 5, "day": datetime.date(2024, 2, 2)},
    {"name": "Bình", "amount": 1, "day": datetime.date(2023, 12, 31)},
]
COLUMNS = (
    Column("name", "Tên", value=lambda r: r["name"]),
    Column("amount", "Số tiền", value=lambda r: r["amount"], descending_first=True),
    Column("day", "Ngày", value=lambda r: r["day"]),
)


def listing(query: str = "", rows=ROWS, **options) -> tables.Listing:
    return sort_and_paginate(QueryDict(query), rows, COLUMNS, **options)


def names(table) -> list[str]:
    return [row["name"] for row in table.object_list]


def test_vietnamese_words_sort_in_dictionary_order():
    words = ["Đào", "Dương", "ân", "An", "Ăn", "bình", "Ba"]
    assert sorted(words, key=tables.collation_key) == [
        "An",
        "Ăn",
        "ân",
        "Ba",
        "bình",
        "Dương",
        "Đào",
    ]
    # However the text was typed (decomposed on some keyboards), the same place.
    assert (
        tables.collation_key(unicodedata.normalize("NFD", "Đặng"))[:2]
        == (tables.collation_key("Đặng")[:2])
    )
    # Tones only decide between words that are otherwise equal: ma < mà < mả < mã < má < mạ.
    tones = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(tones, key=tables.collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_a_list_sorts_by_each_column_both_ways_with_empty_values_last():
    assert names(listing("sort=name")) == ["An", "Ân", "Bình", "Dương", "Đào"]
    assert names(listing("sort=-name")) == ["Đào", "Dương", "Bình", "Ân", "An"]
    # Equal amounts keep the rows' own order (Dương before Ân) in both directions.
    assert names(listing("sort=amount")) == ["Bình", "Dương", "Ân", "An", "Đào"]
    assert names(listing("sort=-amount")) == ["An", "Dương", "Ân", "Bình", "Đào"]
    assert names(listing("sort=day")) == ["Bình", "Đào", "Ân", "Dương", "An"]
    assert names(listing("sort=-day")) == ["Dương", "Ân", "Đào", "Bình", "An"]


@pytest.mark.parametrize("bad", ["nothing", "--name", "-", "", "name;drop", "\x00", "pk"])
def test_an_unknown_sort_key_shows_the_default_order(bad):
    table = listing(f"sort={bad}", default="-day")
    assert table.sort == "-day"
    assert names(table) == names(listing("sort=-day"))
    assert not table.sort_is_explicit
    # Without a default, the rows' own order.
    assert names(listing(f"sort={bad}")) == [row["name"] for row in ROWS]


def test_header_cells_toggle_the_direction_and_keep_the_filters():
    table = listing("status=late&sort=name&page=2", per_page=2)
    name, amount, day = table.columns["name"], table.columns["amount"], table.columns["day"]
    assert name.state == "ascending" and name.icon == "caret-up-fill"
    assert params(name.url) == {"status": "late", "sort": "-name"}  # a new sort: first page
    assert amount.state == "" and params(amount.url)["sort"] == "-amount"  # largest first
    assert day.state == "" and params(day.url)["sort"] == "day"
    descending = listing("sort=-name")
    assert descending.columns["name"].state == "descending"
    assert params(descending.columns["name"].url)["sort"] == "name"


def test_the_default_sort_leaves_sort_out_of_the_links():
    table = listing("sort=name", default="-day")
    assert table.sort_is_explicit
    back = table.columns["day"]
    assert params(back.url)["sort"] == "day"
    on_default = listing("", default="-day")
    assert on_default.columns["day"].state == "descending"
    assert params(on_default.columns["day"].url) == {"sort": "day"}  # the other way round
    assert params(listing("sort=day", default="-day").columns["day"].url) == {}


@pytest.mark.parametrize(
    ("page", "expected"),
    [("3", 3), ("99", 3), ("abc", 1), ("", 1), ("-1", 3), ("0", 3), ("1e3", 1), ("2.5", 1)],
)
def test_a_bad_or_out_of_range_page_shows_the_first_or_the_last_page(page, expected):
    table = listing(f"page={page}", per_page=2)
    assert table.page.number == expected
    assert table.page.paginator.num_pages == 3


def test_page_links_keep_the_sort_and_the_filters():
    table = listing("q=b%C3%ACnh&sort=-amount&page=2", per_page=2)
    assert params(table.previous_url) == {"q": "bình", "sort": "-amount", "page": "1"}
    assert params(table.next_url) == {"q": "bình", "sort": "-amount", "page": "3"}
    assert table.first_url == "" and table.last_url == ""  # the same as previous and next
    many = sort_and_paginate(QueryDict("page=5"), list(range(100)), per_page=10)
    assert params(many.first_url)["page"] == "1" and params(many.last_url)["page"] == "10"


def test_several_lists_on_one_page_keep_their_own_sort_and_page():
    query = QueryDict("a_sort=-name&a_page=2&b_sort=amount&b_page=1")
    a = sort_and_paginate(query, ROWS, COLUMNS, prefix="a_", per_page=2, anchor="a")
    b = sort_and_paginate(query, ROWS, COLUMNS, prefix="b_", per_page=2)
    assert a.sort == "-name" and a.page.number == 2 and b.sort == "amount"
    link = params(a.next_url)
    assert link["a_page"] == "3" and link["b_sort"] == "amount" and link["b_page"] == "1"
    assert a.next_url.endswith("#a")
    assert "a_page" not in params(a.columns["day"].url)  # a new sort of a: its first page
    assert params(a.columns["day"].url)["b_page"] == "1"


def test_repeated_parameters_are_kept():
    table = listing("unit=1&unit=2&sort=name")
    assert parse_qs(urlsplit(table.columns["day"].url).query)["unit"] == ["1", "2"]


def test_header_cell_template_says_the_state_and_the_action():
    table = listing("sort=-amount")
    html = render_to_string("_sort_th.html", {"column": table.columns["amount"]})
    assert 'aria-sort="descending"' in html and 'scope="col"' in html
    assert re.search(r'<a class="sort-link" href="\?sort=amount">Số tiền<i ', html)
    assert 'class="bi bi-caret-down-fill sort-icon no-print" aria-hidden="true"' in html
    assert 'class="visually-hidden"' in html
    unsorted = render_to_string("_sort_th.html", {"column": table.columns["name"]})
    assert "aria-sort" not in unsorted and "bi-chevron-expand" in unsorted
    plain = render_to_string("_sort_th.html", {"column": tables.PlainCell("STT", "text-end")})
    assert plain == '<th scope="col" class="text-end">STT</th>\n'


def test_pagination_template_is_a_labelled_navigation_that_keeps_the_filters():
    many = sort_and_paginate(QueryDict("q=a&page=4"), list(range(100)), per_page=10)
    html = render_to_string("_pagination.html", {"table": many})
    assert html.count("<nav") == 1 and 'aria-label="' in html
    assert 'aria-current="page"' in html
    for number in ("1", "3", "5", "10"):
        assert f"?q=a&amp;page={number}" in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    single = sort_and_paginate(QueryDict(""), list(range(5)), per_page=10)
    assert render_to_string("_pagination.html", {"table": single}).strip() == ""


# --- The helper on a queryset -------------------------------------------------------------------

NOTIFICATION_COLUMNS = (
    Column("title", "Tiêu đề", "title"),
    Column("read", "Đã đọc", "read_at", descending_first=True),
)


@pytest.fixture
def notifications(db):
    user = UserFactory(username="doc-thong-bao")
    now = timezone.now()
    made = []
    for n, (title, read) in enumerate(
        [("B", 3), ("A", None), ("C", 1), ("A", 2), ("B", None), ("A", 5)]
    ):
        made.append(
            Notification.objects.create(
                user=user,
                title=title,
                created_at=now - datetime.timedelta(minutes=n),
                read_at=None if read is None else now - datetime.timedelta(hours=read),
            )
        )
    return SimpleNamespace(user=user, rows=made)


def ordered(query, **options) -> list[int]:
    queryset = Notification.objects.order_by("-created_at")
    table = sort_and_paginate(QueryDict(query), queryset, NOTIFICATION_COLUMNS, **options)
    return [n.pk for n in table.object_list]


def test_a_queryset_breaks_ties_by_primary_key_in_the_direction_of_the_sort(notifications):
    rows = notifications.rows
    a = sorted((n for n in rows if n.title == "A"), key=lambda n: n.pk)
    b = sorted((n for n in rows if n.title == "B"), key=lambda n: n.pk)
    c = [n for n in rows if n.title == "C"]
    assert ordered("sort=title") == [n.pk for n in a + b + c]
    assert ordered("sort=-title") == [n.pk for n in c + b[::-1] + a[::-1]]


def test_a_queryset_puts_empty_values_last_both_ways(notifications):
    unread = {n.pk for n in notifications.rows if n.read_at is None}
    for query in ("sort=read", "sort=-read"):
        assert set(ordered(query)[-2:]) == unread, query
    read = [n for n in notifications.rows if n.read_at is not None]
    newest_first = [n.pk for n in sorted(read, key=lambda n: n.read_at, reverse=True)]
    assert ordered("sort=-read")[:4] == newest_first


def test_a_queryset_without_sort_keeps_its_own_order(notifications):
    assert ordered("sort=unknown") == [n.pk for n in notifications.rows]


def test_pages_of_a_queryset_never_repeat_or_skip_a_row(notifications):
    seen = []
    for page in (1, 2, 3):
        seen += ordered(f"sort=title&page={page}", per_page=2)
    assert sorted(seen) == sorted(n.pk for n in notifications.rows)


def test_leading_fields_come_first_whatever_the_sort(notifications):
    queryset = Notification.objects.all()
    table = sort_and_paginate(
        QueryDict("sort=-title"), queryset, NOTIFICATION_COLUMNS, leading=("read_at",)
    )
    read = [n.read_at for n in table.object_list]
    assert read == sorted(read, key=lambda value: (value is None, value))


def test_rank_orders_statuses_in_the_given_order(db, orgs, work):
    for status in (STATUS.RESOLVED, STATUS.OPEN, STATUS.ESCALATED, STATUS.HANDLING):
        Obstacle.objects.create(
            campaign=work.campaign, unit=orgs.division, description=status, status=status
        )
    columns = tables.columns_by_key(
        [Column("status", "Trạng thái", tables.rank("status", [STATUS.OPEN, STATUS.HANDLING]))]
    )
    rows = tables.order_queryset(Obstacle.objects.all(), columns, "status")
    statuses = [o.status for o in rows]
    assert statuses[:2] == [STATUS.OPEN, STATUS.HANDLING]
    assert sorted(statuses[2:]) == sorted([STATUS.RESOLVED, STATUS.ESCALATED])


# --- The obstacle register (the sort it had, now through the helper) ----------------------------


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days, hours=1)


@pytest.fixture
def obstacles(orgs, work):
    owner = make_member(Role.SECRETARIAT, orgs.department, username="xu-ly", last_name="Đỗ")
    rows = [
        ("Vướng mắc giá đất", orgs.division, work.task, 120, STATUS.OPEN, True, None),
        ("Hộ dân chưa đồng ý", orgs.division, work.task, 45, STATUS.HANDLING, False, owner),
        ("Thiếu quỹ đất", orgs.other_division, work.other_task, 75, STATUS.ESCALATED, True, None),
        ("Thiếu chữ ký", orgs.other_division, work.other_task, 5, STATUS.RESOLVED, False, owner),
    ]
    return [
        Obstacle.objects.create(
            campaign=work.campaign,
            unit=unit,
            task=task,
            description=text,
            raised_at=days_ago(days),
            status=status,
            beyond_authority=beyond,
            owner=who,
        )
        for text, unit, task, days, status, beyond, who in rows
    ]


def register(client, work, **query):
    response = client.get(reverse("obstacle_register", args=[work.campaign.pk]), query)
    assert response.status_code == 200
    return response


REGISTER_KEYS = {
    "raised": lambda o: o.raised_at,
    "unit": lambda o: tables.collation_key(o.unit.name),
    "beyond": lambda o: o.beyond_authority,
    "status": lambda o: [STATUS.OPEN, STATUS.HANDLING, STATUS.ESCALATED, STATUS.RESOLVED].index(
        o.status
    ),
    "age": lambda o: -o.raised_at.timestamp(),
}


@pytest.mark.parametrize("key", sorted(REGISTER_KEYS))
def test_register_sorts_by_each_column_both_ways(client_for, people, work, obstacles, key):
    client = client_for(people.secretariat)
    for sort, reverse_order in ((key, False), (f"-{key}", True)):
        response = register(client, work, sort=sort)
        rows = list(response.context["page"].object_list)
        values = [REGISTER_KEYS[key](o) for o in rows]
        assert values == sorted(values, reverse=reverse_order), sort
        assert response.context["table"].columns[key].state == (
            "descending" if reverse_order else "ascending"
        )
        assert 'aria-sort="' in response.content.decode()


@pytest.mark.parametrize("key", ["task", "owner"])
def test_register_sorts_by_task_and_owner(client_for, people, work, obstacles, key):
    client = client_for(people.secretariat)
    ascending = [o.pk for o in register(client, work, sort=key).context["page"].object_list]
    descending = [o.pk for o in register(client, work, sort=f"-{key}").context["page"].object_list]
    assert sorted(ascending) == sorted(descending) == sorted(o.pk for o in obstacles)
    if key == "owner":  # nobody in charge comes last both ways
        assert {ascending[-1], ascending[-2]} == {descending[-1], descending[-2]}


def test_register_with_an_unknown_sort_shows_the_newest_first(client_for, people, work, obstacles):
    client = client_for(people.secretariat)
    response = register(client, work, sort="description'--", page="9999")
    raised = [o.raised_at for o in response.context["page"].object_list]
    assert raised == sorted(raised, reverse=True)
    assert response.context["table"].columns["raised"].state == "descending"


def test_register_page_out_of_range_and_filters_in_the_sort_links(
    client_for, people, work, obstacles, monkeypatch
):
    from campaign import obstacles as services

    monkeypatch.setattr(services, "PAGE_SIZE", 3)
    client = client_for(people.secretariat)
    response = register(client, work, beyond="yes", sort="unit", page="7")
    table = response.context["table"]
    # 2 beyond the authority: one page only.
    assert table.page.number == 1 and table.count == 2
    response = register(client, work, sort="unit", page="7")
    table = response.context["table"]
    assert table.page.number == 2 and len(table.object_list) == 1
    assert params(table.previous_url) == {"sort": "unit", "page": "1"}
    link = params(register(client, work, beyond="yes").context["table"].columns["age"].url)
    assert link == {"beyond": "yes", "sort": "-age"}


def test_register_export_follows_the_sort(client_for, people, orgs, work, obstacles):
    """The printable list beyond the authority keeps the register's order (same service)."""
    client = client_for(people.secretariat)
    url = reverse("obstacle_export_print", args=[work.campaign.pk])
    for sort, first in (("unit", orgs.division), ("-unit", orgs.other_division)):
        rows = client.get(url, {"sort": sort}).context["rows"]
        assert len(rows) == 2 and rows[0].unit == first.name, sort


@pytest.mark.parametrize("count", [4, 120])
@pytest.mark.parametrize("sort", ["", "unit", "-owner", "status", "-task"])
def test_register_query_count_does_not_grow_with_any_sort(
    client_for, people, orgs, work, count, sort, django_assert_max_num_queries
):
    Obstacle.objects.bulk_create(
        Obstacle(
            campaign=work.campaign,
            unit=orgs.division if n % 2 else orgs.other_division,
            task=work.task if n % 3 else None,
            description=f"Vướng mắc {n}",
            status=STATUS.values[n % 4],
            raised_at=days_ago(n),
        )
        for n in range(count)
    )
    client = client_for(people.secretariat)
    # session, user, memberships, campaign, count, page rows, summary, units, content items,
    # unread notifications (navigation)
    with django_assert_max_num_queries(10):
        register(client, work, sort=sort, page="2")


# --- The review queue, the unit's reports and the registry --------------------------------------


@pytest.fixture
def submitted(orgs, work, campaign):
    """Reports of the three periods submitted by both units, a day apart."""
    reports = []
    start = timezone.now() - datetime.timedelta(days=10)
    for n, (period, unit) in enumerate(
        (p, u) for p in work.periods for u in (orgs.division, orgs.other_division)
    ):
        reports.append(
            ProgressReport.objects.create(
                period=period,
                unit=unit,
                status=ProgressReport.Status.SUBMITTED,
                submitted_at=start + datetime.timedelta(days=n),
                first_submitted_at=start + datetime.timedelta(days=n),
                version=1 + n % 3,
            )
        )
    return reports


REVIEW_KEYS = {
    "unit": lambda r: tables.collation_key(r.unit.name),
    "period": lambda r: r.period.start_date,
    "submitted": lambda r: r.submitted_at,
    "version": lambda r: r.version,
}


@pytest.mark.parametrize("key", sorted(REVIEW_KEYS))
def test_review_queue_sorts_by_each_column(client_for, people, submitted, key):
    client = client_for(people.secretariat)
    for sort, descending in ((key, False), (f"-{key}", True)):
        rows = client.get(reverse("review_queue"), {"sort": sort}).context["page"].object_list
        values = [REVIEW_KEYS[key](r) for r in rows]
        assert values == sorted(values, reverse=descending), sort
        assert len(values) == len(submitted)


def test_review_queue_pages_keep_the_campaign_filter(client_for, people, orgs, campaign, submitted):
    from .factories import CampaignFactory

    CampaignFactory(issuing_organization=orgs.department)  # two campaigns: a filter form
    client = client_for(people.secretariat)
    response = client.get(reverse("review_queue"), {"campaign": campaign.pk, "sort": "-unit"})
    table = response.context["table"]
    assert params(table.columns["period"].url) == {"campaign": str(campaign.pk), "sort": "period"}
    assert 'name="sort" value="-unit"' in response.content.decode()  # the filter form keeps it


def test_my_reports_sorts_by_each_column_and_ignores_nonsense(client_for, people, work, freeze):
    freeze(datetime.date(2024, 4, 20))
    ProgressReport.objects.create(
        period=work.periods[1], unit=work.task.unit, status=ProgressReport.Status.ACCEPTED
    )
    client = client_for(people.staff)
    url = reverse("my_reports")
    default = [row["period"].pk for row in client.get(url).context["page"].object_list]
    assert default == [p.pk for p in reversed(work.periods)]  # newest due date first
    for key in ("period", "unit", "campaign", "due", "status"):
        for sort in (key, f"-{key}"):
            response = client.get(url, {"sort": sort})
            assert response.status_code == 200
            assert len(response.context["page"].object_list) == len(default)
    by_status = client.get(url, {"sort": "status"}).context["page"].object_list
    assert [row["status"]["code"] for row in by_status][-1] == "accepted"
    assert client.get(url, {"sort": "-nothing", "page": "x"}).context["table"].sort == "-due"


@pytest.fixture
def freeze(monkeypatch):
    def move(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args: day)

    return move


@pytest.fixture
def records(orgs):
    gk = AwardFormFactory()
    bk = AwardFormFactory(code="bang-khen", name="Bằng khen", rank=2, decided_internally=False)
    rows = []
    for n, (name, form, year, prize) in enumerate(
        [
            ("Đặng Văn Bình", gk, 2021, 447_000),
            ("An Thị Hoa", bk, 2023, 2_235_000),
            ("Ân Văn Cường", gk, 2022, 0),
            ("Dương Thị Lan", bk, 2021, 1_000_000),
        ]
    ):
        rows.append(
            AwardRecord.objects.create(
                source=AwardRecord.Source.MANUAL,
                award_form=form,
                subject_type=SubjectType.INDIVIDUAL,
                recipient_name=name,
                owner=orgs.department,
                year=year,
                decision_number=f"{n + 1}/QĐ-STNMT",
                decision_date=datetime.date(year, 3, n + 1),
                issuer="Giám đốc Sở",
                prize_amount=prize,
            )
        )
    return rows


# Names sort as the registry searches them: without diacritics (the database has no Vietnamese
# collation on every backend), so "Đặng" comes with the D's.
REGISTRY_KEYS = {
    "awardee": lambda r: fold(r.recipient_name),
    "award_form": lambda r: r.award_form.rank,
    "year": lambda r: r.year,
    "date": lambda r: r.decision_date,
    "prize": lambda r: r.prize_amount,
    "number": lambda r: r.decision_number,
}


@pytest.mark.parametrize("key", sorted(REGISTRY_KEYS))
def test_registry_sorts_by_each_column(client_for, people, records, key):
    client = client_for(people.secretariat)
    for sort, descending in ((key, False), (f"-{key}", True)):
        rows = client.get(reverse("registry_list"), {"sort": sort}).context["rows"]
        values = [REGISTRY_KEYS[key](row["record"]) for row in rows]
        assert values == sorted(values, reverse=descending), sort


def test_registry_export_follows_the_sort_and_the_filters(client_for, people, records):
    client = client_for(people.secretariat)
    page = client.get(reverse("registry_list"), {"sort": "-prize", "year": "2021"})
    assert [row["record"].prize_amount for row in page.context["rows"]] == [1_000_000, 447_000]
    csv_link = page.context["export_csv"]
    assert params(csv_link) == {"sort": "-prize", "year": "2021", "export": "csv"}
    text = client.get(reverse("registry_list") + csv_link).content.decode("utf-8-sig")
    assert text.index("Dương Thị Lan") < text.index("Đặng Văn Bình")
    assert "An Thị Hoa" not in text


def test_public_awardees_drop_the_group_headings_when_sorted_by_name(client, orgs, records):
    from campaign.models import Campaign

    campaign = Campaign.objects.filter(status=Campaign.Status.PUBLISHED).first()
    if campaign is None:
        from .factories import CampaignFactory

        campaign = CampaignFactory(issuing_organization=orgs.department)
    AwardRecord.objects.update(campaign=campaign)
    url = reverse("public_awardees", args=[campaign.code])
    grouped = client.get(url)
    assert grouped.context["grouped"] and grouped.content.decode().count('scope="rowgroup"') == 2
    by_name = client.get(url, {"sort": "awardee"})
    assert not by_name.context["grouped"] and 'scope="rowgroup"' not in by_name.content.decode()
    assert [r["record"].recipient_name for r in by_name.context["rows"]] == [
        "An Thị Hoa",
        "Ân Văn Cường",
        "Đặng Văn Bình",
        "Dương Thị Lan",
    ]


# --- Lists that only page (no column to sort) ---------------------------------------------------


def test_notifications_page_out_of_range_shows_the_last_page(client_for, people):
    Notification.objects.bulk_create(
        Notification(user=people.staff, title=f"Thông báo {n}") for n in range(45)
    )
    client = client_for(people.staff)
    response = client.get(reverse("notification_list"), {"page": "999"})
    assert response.status_code == 200
    assert response.context["page"].number == 3 and len(response.context["page"]) == 5
    html = response.content.decode()
    assert "?page=2" in html and "?page=1" in html


@pytest.mark.parametrize(
    "name",
    [
        "review_queue",
        "screening_queue",
        "registry_list",
        "session_list",
        "award_decisions",
        "campaign_manage_list",
        "setup_project_list",
    ],
)
def test_office_lists_never_fail_on_bad_sort_or_page(client_for, people, name):
    client = client_for(people.secretariat)
    for query in (
        {"sort": "-", "page": "-5"},
        {"sort": "x" * 500, "page": "1" * 40},
        {"decision_sort": "??", "proposal_page": "abc", "sort": "\u0000"},
    ):
        assert client.get(reverse(name), query).status_code == 200, query


def test_campaign_lists_never_fail_on_bad_sort_or_page(client_for, people, work):
    client = client_for(people.secretariat)
    pk = work.campaign.pk
    for url in (
        reverse("setup_task_list", args=[pk]),
        reverse("setup_period_list", args=[pk]),
        reverse("campaign_submission_status", args=[pk]),
        reverse("campaign_nominations_by_status", args=[pk]),
        reverse("report_documents", args=[pk]),
        reverse("dashboard_office", args=[pk]),
    ):
        for query in ({"sort": "--", "page": "0"}, {"unit_sort": "?", "task_page": "-1"}):
            assert client.get(url, query).status_code == 200, (url, query)


def test_period_list_sorts_by_due_date_and_received_reports(client_for, people, work):
    ProgressReport.objects.create(
        period=work.periods[2],
        unit=work.task.unit,
        status=ProgressReport.Status.SUBMITTED,
        first_submitted_at=timezone.now(),
    )
    client = client_for(people.secretariat)
    url = reverse("setup_period_list", args=[work.campaign.pk])
    due = [p.pk for p in client.get(url, {"sort": "-due"}).context["periods"]]
    assert due == [p.pk for p in reversed(work.periods)]
    received = list(client.get(url, {"sort": "-received"}).context["periods"])
    assert received[0].pk == work.periods[2].pk and received[0].received == 1
    assert isinstance(received[0], ReportingPeriod)


def test_dashboard_unit_table_sorts_before_the_page_is_cut(client_for, people, orgs, work):
    client = client_for(people.secretariat)
    url = reverse("dashboard_office", args=[work.campaign.pk])
    for sort in ("label", "-label", "percent", "-status", "deadline"):
        tables_ = client.get(url, {"unit_sort": sort, "task_sort": sort}).context["tables"]
        labels = [row.label for row in tables_["unit"].rows]
        assert sorted(labels) == sorted([orgs.division.name, orgs.other_division.name])
    response = client.get(url, {"unit_sort": "-label"})
    unit = response.context["tables"]["unit"]
    assert [row.label for row in unit.rows] == [orgs.other_division.name, orgs.division.name]
    cell = next(c for c in unit.header_cells if getattr(c, "key", "") == "label")
    assert cell.state == "descending" and cell.label == "Đơn vị"
    assert params(cell.url) == {"unit_sort": "label"} and cell.url.endswith("#units")


def test_unit_obstacles_sort_and_empty_state(client_for, people, work, obstacles):
    client = client_for(people.staff)
    response = client.get(reverse("unit_obstacles"), {"sort": "age"})
    ages = [o.age_days for o in response.context["page"].object_list]
    assert ages == sorted(ages)
    other = make_member(Role.UNIT_STAFF, OrganizationFactory(), username="khong-co")
    empty = client_for(other).get(reverse("unit_obstacles"))
    assert reverse("my_reports") in empty.content.decode()


def test_request_factory_params_are_read_like_request_get():
    request = RequestFactory().get("/", {"sort": "-name"})
    assert names(sort_and_paginate(request, ROWS, COLUMNS))[0] == "Đào"
