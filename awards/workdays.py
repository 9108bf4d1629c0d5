"""Working days for posting periods: Monday to Friday, except the public holidays on record.

Holidays are rows of `Holiday` (editable in the admin), never constants: the government
announces the Tết range and the bridge days every year.
"""

import datetime

from .models import Holiday

# Long enough for any posting period plus the longest Tết break; extended when not.
_WINDOW_DAYS = 120


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    return set(Holiday.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True))


def is_working_day(day: datetime.date, holidays: set[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """The date `n` working days after `day` (`day` itself when n is 0)."""
    if n <= 0:
        return day
    window_end = day + datetime.timedelta(days=_WINDOW_DAYS + 2 * n)
    holidays = holidays_between(day, window_end)
    current, left = day, n
    while left:
        current += datetime.timedelta(days=1)
        if current > window_end:
            window_end = current + datetime.timedelta(days=_WINDOW_DAYS)
            holidays |= holidays_between(current, window_end)
        if is_working_day(current, holidays):
            left -= 1
    return current


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day strictly after `day`."""
    return add_working_days(day, 1)


def posting_period(
    accepted_on: datetime.date, working_days: int
) -> tuple[datetime.date, datetime.date]:
    """(first, last) day of posting: `working_days` working days counted both ends, from the
    next working day after acceptance ("posted for 10 working days" = days 1 to 10)."""
    first = next_working_day(accepted_on)
    return first, add_working_days(first, max(working_days - 1, 0))
