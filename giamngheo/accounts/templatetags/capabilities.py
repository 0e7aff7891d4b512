"""``{% may "manage_clubs" club.unit as can_manage %}``: offer an action only to whoever may do it.

Templates ask the same question the view asks before acting (``accounts.scoping.can``, or
``can_anywhere`` when no unit is known yet, e.g. a "found a club" button on a list), so a
button is shown exactly when following it would not end in a refusal. The one place to repoint
when the capability registry changes.
"""

from django import template

from giamngheo.accounts.capabilities import can, can_anywhere

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, capability, unit=None):
    user = context["request"].user
    if unit is None:
        return can_anywhere(user, capability)
    return can(user, capability, unit)
