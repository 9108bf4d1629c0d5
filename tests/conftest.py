"""Personas: one user per role of DESIGN §1 in one province, plus an outsider province."""

from types import SimpleNamespace

import pytest

from units.models import OrganizationKind, Role

from .factories import CampaignFactory, OrganizationFactory, UserFactory, make_member


@pytest.fixture
def orgs(db):
    province = OrganizationFactory(
        code="ubnd-a", name="UBND tỉnh A", abbreviation="UBND", kind=OrganizationKind.PROVINCE
    )
    department = OrganizationFactory(
        code="so-a", name="Sở Tài nguyên và Môi trường", abbreviation="STNMT", parent=province
    )
    division = OrganizationFactory(
        code="phong-a",
        name="Phòng Quản lý đất đai",
        abbreviation="QLDD",
        parent=department,
        kind=OrganizationKind.DIVISION,
    )
    other_division = OrganizationFactory(
        code="phong-b",
        name="Trung tâm Phát triển quỹ đất",
        abbreviation="TTPTQD",
        parent=department,
        kind=OrganizationKind.DIVISION,
    )
    outsider_province = OrganizationFactory(
        code="ubnd-b", name="UBND tỉnh B", abbreviation="UBND", kind=OrganizationKind.PROVINCE
    )
    return SimpleNamespace(
        province=province,
        department=department,
        division=division,
        other_division=other_division,
        outsider_province=outsider_province,
    )


@pytest.fixture
def people(orgs):
    """Users of every role; `outsider` is the secretariat of another province."""
    return SimpleNamespace(
        staff=make_member(Role.UNIT_STAFF, orgs.division, username="canbo"),
        head=make_member(Role.UNIT_HEAD, orgs.division, username="lanhdao"),
        other_staff=make_member(Role.UNIT_STAFF, orgs.other_division, username="canbo2"),
        secretariat=make_member(Role.SECRETARIAT, orgs.department, username="vanphong"),
        council_member=make_member(Role.COUNCIL_MEMBER, orgs.department, username="hoidong"),
        council_chair=make_member(Role.COUNCIL_CHAIR, orgs.department, username="chutich"),
        admin=UserFactory(username="quantri", is_staff=True, is_superuser=True),
        outsider=make_member(Role.SECRETARIAT, orgs.outsider_province, username="ngoai"),
    )


@pytest.fixture
def campaign(orgs):
    return CampaignFactory(issuing_organization=orgs.department, code="ke-hoach-a")


@pytest.fixture
def draft_campaign(orgs):
    from campaign.models import Campaign

    return CampaignFactory(
        issuing_organization=orgs.department, code="du-thao-a", status=Campaign.Status.DRAFT
    )


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Test databases reuse primary keys: figures kept by one test must not leak into another."""
    from django.core.cache import cache

    from campaign import metrics

    cache.clear()
    metrics.forget_computed()
    yield
    metrics.forget_computed()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_in_process(request, settings):
    """Unit tests run Celery tasks in-process; integration tests talk to a real worker."""
    if request.node.get_closest_marker("integration") is None:
        from config.celery import app

        app.conf.task_always_eager = True
        yield
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    else:
        yield


@pytest.fixture
def work(orgs, campaign):
    """Tasks with indicators for two units and three monthly periods of the campaign.

    `work.task` (division): indicators `area` (ha, cumulative, target 10) and `households`
    (hộ, cumulative, target 50); `work.other_task` (other division): indicator `files`
    (hồ sơ, per period, target 12). Periods: Jan, Feb, Mar 2024, due on the 5th after.
    """
    import datetime
    from decimal import Decimal

    from campaign.models import Indicator, ReportingPeriod, Task

    item = campaign.content_items.get(number=1)
    task = Task.objects.create(
        campaign=campaign,
        content_item=item,
        unit=orgs.division,
        title="Thẩm định phương án bồi thường dự án đường cao tốc",
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 12, 31),
    )
    area = Indicator.objects.create(
        task=task, order=1, name="Diện tích đã bàn giao", unit_of_measure="ha", target=Decimal("10")
    )
    households = Indicator.objects.create(
        task=task, order=2, name="Số hộ đã nhận tiền", unit_of_measure="hộ", target=Decimal("50")
    )
    other_task = Task.objects.create(
        campaign=campaign,
        content_item=item,
        unit=orgs.other_division,
        title="Thẩm định trích đo ranh giới",
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 12, 31),
    )
    files = Indicator.objects.create(
        task=other_task,
        order=1,
        name="Hồ sơ trích đo đã thẩm định",
        unit_of_measure="hồ sơ",
        target=Decimal("12"),
        kind=Indicator.Kind.PER_PERIOD,
    )
    periods = []
    for month in (1, 2, 3):
        start = datetime.date(2024, month, 1)
        end = datetime.date(2024, month + 1, 1) - datetime.timedelta(days=1)
        periods.append(
            ReportingPeriod.objects.create(
                campaign=campaign,
                frequency=ReportingPeriod.Frequency.MONTHLY,
                year=2024,
                number=month,
                start_date=start,
                end_date=end,
                due_date=end + datetime.timedelta(days=5),
            )
        )
    return SimpleNamespace(
        campaign=campaign,
        task=task,
        area=area,
        households=households,
        other_task=other_task,
        files=files,
        periods=periods,
    )
