from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(value):
    """A share as officials write it, with the locale's decimal mark: 55,9 %."""
    if value is None or value == "":
        return "—"
    return f"{floatformat(value, 1)} %"
