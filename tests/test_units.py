import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OrganizationFactory
from units.access import get_access
from units.models import OrganizationName, Role
from units.text import fold

pytestmark = pytest.mark.django_db


def test_subtree_path_covers_children(orgs):
    assert orgs.division.is_within(orgs.department)
    assert orgs.division.is_within(orgs.province)
    assert not orgs.division.is_within(orgs.other_division)
    assert set(orgs.department.__class__.objects.subtree_of(orgs.department)) == {
        orgs.department,
        orgs.division,
        orgs.other_division,
    }


def test_moving_an_organization_moves_its_subtree(orgs):
    orgs.department.parent = orgs.outsider_province
    orgs.department.save()
    orgs.division.refresh_from_db()
    assert orgs.division.is_within(orgs.outsider_province)


def test_name_history_picks_the_name_in_force(orgs):
    org = orgs.department
    org.names.all().delete()
    OrganizationName.objects.create(
        organization=org,
        name="Sở Tài nguyên và Môi trường",
        abbreviation="STNMT",
        valid_from=datetime.date(2008, 1, 1),
        valid_to=datetime.date(2025, 2, 28),
    )
    OrganizationName.objects.create(
        organization=org,
        name="Sở Nông nghiệp và Môi trường",
        abbreviation="SNNMT",
        valid_from=datetime.date(2025, 3, 1),
    )
    assert org.name_on(datetime.date(2022, 8, 4)) == "Sở Tài nguyên và Môi trường"
    assert org.name_on(datetime.date(2025, 2, 28)) == "Sở Tài nguyên và Môi trường"
    assert org.name_on(datetime.date(2025, 3, 1)) == "Sở Nông nghiệp và Môi trường"
    assert org.abbreviation_on(datetime.date(2025, 12, 1)) == "SNNMT"


def test_overlapping_names_are_refused(orgs):
    record = OrganizationName(
        organization=orgs.department, name="Tên trùng", valid_from=datetime.date(2010, 1, 1)
    )
    with pytest.raises(ValidationError):
        record.full_clean()


def test_successor_follows_a_merger(orgs):
    merged = OrganizationFactory(code="snnmt", name="Sở Nông nghiệp và Môi trường")
    orgs.department.succeeded_by = merged
    orgs.department.dissolved_on = datetime.date(2025, 3, 1)
    orgs.department.save()
    assert orgs.department.successor_on(datetime.date(2024, 12, 31)) == orgs.department
    assert orgs.department.successor_on(datetime.date(2025, 6, 1)) == merged


def test_roles_cover_the_subtree_only(people, orgs):
    secretariat = get_access(people.secretariat)
    assert secretariat.has_role(orgs.division, [Role.SECRETARIAT])
    assert not secretariat.has_role(orgs.province, [Role.SECRETARIAT])
    staff = get_access(people.staff)
    assert staff.covers(orgs.division)
    assert not staff.covers(orgs.other_division)
    assert staff.can_see(orgs.department)  # reads the plans of the body above
    outsider = get_access(people.outsider)
    assert not outsider.can_see(orgs.department)


def test_fold_removes_marks_and_d_bar():
    assert fold("Đặng Văn Ấn") == "dang van an"
    assert fold("Nguyễn") == "nguyen"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12,5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1.234.567", "1234567"),
        ("12.5", "12.5"),
        ("1 234,5", "1234.5"),
        ("1,234.5", "1,234.5"),  # English grouping: left as typed, so it is refused
        ("1,2,3", "1,2,3"),
    ],
)
def test_numbers_typed_the_vietnamese_way(typed, expected):
    from units.text import normalize_number_text

    assert normalize_number_text(typed) == expected
