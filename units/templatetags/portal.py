from django import template

from units.text import display_name as _display_name
from units.text import vn_number as _vn_number

register = template.Library()


@register.filter
def vn_number(value):
    """1234.5 → "1.234,5"; empty for None or text that is not a number."""
    if value in (None, ""):
        return ""
    try:
        return _vn_number(value)
    except (ValueError, ArithmeticError, TypeError):
        return value


@register.filter
def display_name(user):
    """A login's name with the family name first."""
    return _display_name(user)
