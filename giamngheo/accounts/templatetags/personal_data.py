from django import template

from giamngheo.accounts.personal_data import citizen_id_for

register = template.Library()


@register.simple_tag(takes_context=True)
def citizen_id(context, value, unit, capability="view_citizen_id"):
    """``{% citizen_id member.citizen_id household.commune %}``: full or masked by role."""
    return citizen_id_for(context["request"].user, value, unit, capability) or "—"
