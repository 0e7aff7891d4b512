from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def dong(amount):
    """An amount in đồng with the locale's thousands separator: 1.500.000 đ."""
    if amount in (None, ""):
        return "—"
    return f"{number_format(int(amount), force_grouping=True)} đ"
