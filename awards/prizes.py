"""Prize money (tiền thưởng): a coefficient of the award form times the base salary in force on
the decision date (facts/legal.md). Integer VND, Decimal arithmetic, never floats.

A household receives `household_multiplier` × the individual amount. Rounding up to the next
AWARDS_PRIZE_ROUNDING VND (10,000 was the 2017 rule) applies to the final amount; 0 = none.
"""

import datetime
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from campaign.models import AwardForm, SubjectType

from .models import BaseSalary


class NoBaseSalary(ValidationError):
    """No base salary is recorded as in force on the date: prize money cannot be computed."""


def base_salary_on(day: datetime.date) -> BaseSalary:
    salary = BaseSalary.objects.in_force_on(day)
    if salary is None:
        raise NoBaseSalary(
            _(
                "No base salary is recorded as in force on %(date)s, so the prize money cannot "
                "be computed. An administrator must enter the base salary of that date first."
            )
            % {"date": date_format(day, "d/m/Y")},
            code="no_base_salary",
        )
    return salary


def coefficient(award_form: AwardForm, subject_type: str) -> Decimal:
    """The multiple of the base salary: household = multiplier × the individual coefficient."""
    if subject_type == SubjectType.COLLECTIVE:
        return Decimal(award_form.collective_coefficient)
    if subject_type == SubjectType.INDIVIDUAL:
        return Decimal(award_form.individual_coefficient)
    if subject_type == SubjectType.HOUSEHOLD:
        return Decimal(award_form.individual_coefficient) * Decimal(award_form.household_multiplier)
    raise ValueError(f"unknown subject type {subject_type!r}")


def rounding_step() -> int:
    step = int(getattr(settings, "AWARDS_PRIZE_ROUNDING", 0) or 0)
    return max(step, 0)


def amount_for_base(award_form: AwardForm, subject_type: str, base_amount: int) -> int:
    """Prize money for a base salary already read (a decision reads it once for every line)."""
    exact = coefficient(award_form, subject_type) * Decimal(base_amount)
    step = rounding_step()
    if step:
        return int((exact / step).to_integral_value(rounding=ROUND_CEILING) * step)
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


def prize_amount(award_form: AwardForm, subject_type: str, on_date: datetime.date) -> int:
    """Prize money in VND for an award decided on `on_date`; NoBaseSalary when none in force.

    Worked example (legal.md): Giấy khen decided 15/12/2024 → individual 702,000; collective
    1,404,000; household 1,053,000.
    """
    return amount_for_base(award_form, subject_type, base_salary_on(on_date).amount)
