"""Vietnamese public holidays and official days off, 2024–2027, as defaults for posting periods.

Each day of an announced break is one row (weekend days of the break included, so the range
reads as announced). Figures not yet confirmed in an official notice are marked "(dự kiến)";
an administrator corrects them in the admin. Make-up working Saturdays are not represented.
"""

import datetime

from django.db import migrations


def _range(first: datetime.date, last: datetime.date, name: str):
    day = first
    while day <= last:
        yield day, name
        day += datetime.timedelta(days=1)


def _days():
    d = datetime.date
    tet = "Tết Nguyên đán"
    rows = []
    # 2024
    rows += [(d(2024, 1, 1), "Tết Dương lịch")]
    rows += _range(d(2024, 2, 8), d(2024, 2, 14), f"{tet} Giáp Thìn")
    rows += [(d(2024, 4, 18), "Giỗ Tổ Hùng Vương (10/3 âm lịch)")]
    rows += [
        (d(2024, 4, 29), "Nghỉ bù dịp 30/4 – 1/5 (hoán đổi với thứ Bảy 04/5)"),
        (d(2024, 4, 30), "Ngày Chiến thắng 30/4"),
        (d(2024, 5, 1), "Ngày Quốc tế Lao động 1/5"),
    ]
    rows += [
        (d(2024, 8, 31), "Quốc khánh 2/9 (nghỉ liền kề)"),
        (d(2024, 9, 1), "Quốc khánh 2/9 (nghỉ liền kề)"),
        (d(2024, 9, 2), "Quốc khánh 2/9"),
        (d(2024, 9, 3), "Quốc khánh 2/9 (ngày liền kề)"),
    ]
    # 2025
    rows += [(d(2025, 1, 1), "Tết Dương lịch")]
    rows += _range(d(2025, 1, 25), d(2025, 2, 2), f"{tet} Ất Tỵ")
    rows += [(d(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)")]
    rows += [
        (d(2025, 4, 30), "Ngày Chiến thắng 30/4"),
        (d(2025, 5, 1), "Ngày Quốc tế Lao động 1/5"),
        (d(2025, 5, 2), "Nghỉ bù dịp 30/4 – 1/5 (hoán đổi với thứ Bảy 26/4)"),
        (d(2025, 5, 3), "Nghỉ dịp 30/4 – 1/5"),
        (d(2025, 5, 4), "Nghỉ dịp 30/4 – 1/5"),
    ]
    rows += _range(d(2025, 8, 30), d(2025, 9, 2), "Quốc khánh 2/9")
    # 2026
    rows += [
        (d(2026, 1, 1), "Tết Dương lịch"),
        (d(2026, 1, 2), "Nghỉ dịp Tết Dương lịch (dự kiến)"),
    ]
    rows += _range(d(2026, 2, 14), d(2026, 2, 22), f"{tet} Bính Ngọ")
    rows += [
        (d(2026, 4, 26), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        (d(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương"),
        (d(2026, 4, 30), "Ngày Chiến thắng 30/4"),
        (d(2026, 5, 1), "Ngày Quốc tế Lao động 1/5"),
    ]
    rows += [
        (d(2026, 9, 1), "Quốc khánh 2/9 (ngày liền kề, dự kiến)"),
        (d(2026, 9, 2), "Quốc khánh 2/9"),
    ]
    # 2027: provisional until the government announces the year's schedule.
    rows += [(d(2027, 1, 1), "Tết Dương lịch")]
    rows += _range(d(2027, 2, 4), d(2027, 2, 10), f"{tet} Đinh Mùi (dự kiến)")
    rows += [
        (d(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        (d(2027, 4, 30), "Ngày Chiến thắng 30/4"),
        (d(2027, 5, 1), "Ngày Quốc tế Lao động 1/5"),
        (d(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động (dự kiến)"),
        (d(2027, 9, 2), "Quốc khánh 2/9"),
        (d(2027, 9, 3), "Quốc khánh 2/9 (ngày liền kề, dự kiến)"),
    ]
    return rows


DAYS = _days()


def add_holidays(apps, schema_editor):
    Holiday = apps.get_model("awards", "Holiday")
    existing = set(Holiday.objects.values_list("day", flat=True))
    Holiday.objects.bulk_create(
        [Holiday(day=day, name=name) for day, name in DAYS if day not in existing]
    )


def remove_holidays(apps, schema_editor):
    Holiday = apps.get_model("awards", "Holiday")
    Holiday.objects.filter(day__in=[day for day, _name in DAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_nominations_councils_registry")]

    operations = [migrations.RunPython(add_holidays, remove_holidays)]
