"""Dates are typed day first (dd/mm/yyyy) in text inputs everywhere: never type="date" or
"datetime-local", which Chromium shows in the browser's locale order (mm/dd/yyyy)."""

import datetime
import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone, translation

from awards.forms_sessions import SessionForm
from awards.models import Council, Session
from campaign.forms_setup import date_field

ROOT = Path(__file__).resolve().parents[1]
APPS = ("units", "campaign", "awards", "reports")
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def form_classes():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == info.name:
                    yield cls


def test_no_form_field_uses_the_browsers_date_picker():
    found = []
    for cls in form_classes():
        for name, field in cls.base_fields.items():
            widgets = getattr(field.widget, "widgets", [field.widget])
            for widget in widgets:
                if getattr(widget, "input_type", "") in ("date", "datetime-local", "time"):
                    found.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert not found, found


def test_no_template_writes_a_date_picker_by_hand():
    pattern = re.compile(r"type=[\"']?(date|datetime-local|time)\b")
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


@pytest.mark.parametrize("typed", ["31/12/2025", "31.12.2025", "31-12-2025"])
def test_a_date_is_read_day_first_with_any_usual_separator(typed):
    assert date_field("Ngày").clean(typed) == datetime.date(2025, 12, 31)


@pytest.mark.parametrize("typed", ["12/31/2025", "2025-12-31", "31/12", "hôm nay"])
def test_a_date_typed_month_first_or_incomplete_is_refused_in_vietnamese(typed):
    with translation.override("vi"), pytest.raises(forms.ValidationError) as error:
        date_field("Ngày").clean(typed)
    assert error.value.messages == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 31/12/2025."]


@pytest.mark.parametrize("typed", ["31/02/2026", "29.02.2025", "31-04-2026"])
def test_a_day_the_calendar_does_not_have_is_said_as_such(typed, campaign):
    with translation.override("vi"), pytest.raises(forms.ValidationError) as error:
        date_field("Ngày").clean(typed)
    assert error.value.messages == [
        f"Không có ngày {typed} trong lịch: kiểm tra lại ngày và tháng."
    ]
    form = SessionForm(
        session_data(campaign, typed, "09:00"), campaigns=type(campaign).objects.all()
    )
    with translation.override("vi"):
        assert form.errors["scheduled_at"] == [
            f"Không có ngày {typed} trong lịch: kiểm tra lại ngày và tháng."
        ]


def session_data(campaign, day, time):
    return {
        "campaign": campaign.pk,
        "title": "Phiên họp xét khen thưởng",
        "scheduled_at_0": day,
        "scheduled_at_1": time,
        "place": "Phòng họp tầng 3",
    }


@pytest.mark.parametrize("time", ["09:00", "9:00", "9h00", "9h"])
def test_session_time_is_typed_as_a_person_writes_it(campaign, time):
    form = SessionForm(
        session_data(campaign, "23/11/2026", time),
        campaigns=type(campaign).objects.all(),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["scheduled_at"] == datetime.datetime(2026, 11, 23, 9, 0, tzinfo=HCM)


def test_session_form_shows_dd_mm_yyyy_and_keeps_what_was_typed_on_error(
    client_for, people, orgs, campaign
):
    Council.objects.create(organization=orgs.department, name="Hội đồng TĐKT", size=7)
    client = client_for(people.secretariat)
    url = reverse("session_create", args=[orgs.department.pk])

    page = client.get(url).content.decode()
    assert 'placeholder="dd/mm/yyyy"' in page and 'placeholder="HH:MM"' in page
    assert "datetime-local" not in page

    response = client.post(url, session_data(campaign, "23/11/2026", "25:00"))
    assert response.status_code == 200
    assert not Session.objects.exists()
    form = response.context["form"]
    assert list(form.errors) == ["scheduled_at"]
    html = response.content.decode()
    # What was typed stays, and the error is rendered beside the field.
    assert 'value="23/11/2026"' in html and 'value="25:00"' in html
    field_block = html[html.index('id="div_id_scheduled_at"') :]
    field_block = field_block[: field_block.index('id="div_id_place"')]
    assert "invalid-feedback" in field_block and "is-invalid" in field_block

    response = client.post(url, session_data(campaign, "23/11/2026", "9h00"))
    assert response.status_code == 302
    session = Session.objects.get()
    assert timezone.localtime(session.scheduled_at) == datetime.datetime(
        2026, 11, 23, 9, 0, tzinfo=HCM
    )

    # Editing shows the stored time back day first, in the portal's time zone.
    edit = client.get(reverse("session_edit", args=[session.pk])).content.decode()
    assert 'value="23/11/2026"' in edit and 'value="09:00"' in edit
