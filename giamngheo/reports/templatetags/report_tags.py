from django import template

from ..render import number

register = template.Library()


@register.filter
def figure(values, key):
    """A row's figure for a column, printed the Vietnamese way (1.234 · 40,25)."""
    return number(values.get(key))


@register.filter
def raw(values, key):
    return values.get(key)
