from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def dong(amount):
    """An amount in đồng with the locale's thousands separator: 1.500.000 đ."""
    if amount in (None, ""):
        return "—"
    return f"{number_format(int(amount), force_grouping=True)} đ"


@register.filter
def so(number):
    """A count grouped in thousands (12.345 hộ). Integers are not grouped by default, so a
    year never reads "2.026"; a count large enough to need grouping asks for it here."""
    if number in (None, ""):
        return "—"
    return number_format(number, force_grouping=True)
