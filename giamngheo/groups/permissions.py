"""The app's role rules (catalogues.RULES) applied through the project's area scoping."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from giamngheo.accounts.scoping import current_assignments, roles_over, sees_everything

from .catalogues import RULES


def allowed(user, rule: str, unit) -> bool:
    if sees_everything(user):
        return True
    return bool(roles_over(user, unit) & RULES[rule])


def allowed_anywhere(user, rule: str) -> bool:
    if sees_everything(user):
        return True
    return any(a.role in RULES[rule] for a in current_assignments(user))


def require_rule(user, rule: str, unit) -> None:
    """Outside the user's area a 404 (the record is not theirs to know of); inside, a 403."""
    if not sees_everything(user) and not roles_over(user, unit):
        raise Http404
    if not allowed(user, rule, unit):
        raise PermissionDenied
