"""The capability registry: what each role may do, contributed by the apps.

Each app lists its capabilities on its ``AppConfig`` (``capabilities = [Capability(...)]``),
the way it lists its menu entries (``nav_items``). ``can``/``require`` are the one way to
ask whether a user may do something to a record:

- outside the user's area the record does not exist for them: ``require`` raises ``Http404``;
- inside the area without a role that has the capability: ``PermissionDenied`` with a
  sentence that names the roles which may;
- a superuser may do everything everywhere.

The record's unit is found by ``unit_of``: a ``Unit`` is its own unit; other records give
theirs through an ``area_unit`` attribute, else their ``commune``, else their ``unit``.
"""

from functools import cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from giamngheo.geo.models import Unit

from .roles import Capability, Role
from .scoping import current_assignments, in_area, roles_over, sees_everything

__all__ = ["Capability", "can", "can_anywhere", "capability", "holds", "require", "unit_of"]


@cache
def _registry() -> dict[str, Capability]:
    found: dict[str, Capability] = {}
    for config in apps.get_app_configs():
        for item in getattr(config, "capabilities", ()):
            known = found.get(item.name)
            if known is not None and known.roles != item.roles:
                raise ImproperlyConfigured(
                    f"capability {item.name!r} is declared twice with different roles"
                )
            found[item.name] = item
    return found


def capability(name: str) -> Capability:
    try:
        return _registry()[name]
    except KeyError:
        raise ImproperlyConfigured(f"no app declares the capability {name!r}") from None


def unit_of(obj) -> Unit | None:
    """The administrative unit a record belongs to (see the module docstring)."""
    if obj is None or isinstance(obj, Unit):
        return obj
    for attribute in ("area_unit", "commune", "unit"):
        if hasattr(obj, attribute):
            return getattr(obj, attribute)
    raise TypeError(f"{type(obj).__name__} has no area_unit, commune or unit")


def holds(user, name: str, obj) -> bool:
    """Whether the user holds, over the record's unit, a role with the capability.

    Unlike ``can``, a superuser's blanket access does not count: use it where the role
    itself matters (a step taken *as* the commune's collaborator).
    """
    unit = unit_of(obj)
    return unit is not None and bool(roles_over(user, unit) & capability(name).roles)


def can(user, name: str, obj=None) -> bool:
    """Whether the user may do this to the record (``obj``), or anywhere when ``obj`` is None."""
    if obj is None:
        return can_anywhere(user, name)
    if sees_everything(user):
        capability(name)
        return True
    return holds(user, name, obj)


def roots_where(user, name: str) -> tuple[str, ...] | None:
    """Paths of the units over which the user holds a role with the capability (everything
    below them included); ``None`` for a superuser, who has it everywhere. For checking many
    rows at once (exports) without a query per row."""
    if sees_everything(user):
        return None
    roles = capability(name).roles
    return tuple(a.unit.path for a in current_assignments(user) if a.role in roles)


def can_anywhere(user, name: str) -> bool:
    """Whether the user may do this somewhere in their area (to show or hide a button)."""
    roles = capability(name).roles
    if sees_everything(user):
        return True
    return any(a.role in roles for a in current_assignments(user))


def refusal(name: str, doing=None) -> str:
    """The one sentence every refusal for want of a role reads."""
    item = capability(name)
    roles = ", ".join(str(Role(r).label) for r in sorted(item.roles))
    what = doing or item.label
    if not what:
        return _("Only %(roles)s may do this.") % {"roles": roles}
    return _("Only %(roles)s may do this: %(action)s.") % {"roles": roles, "action": what}


def require(user, name: str, obj=None, *, doing=None) -> None:
    """Refuse an action: a record outside the area is a 404, inside without the role a 403.

    ``doing`` names the action in the refusal when it says more than the capability's label.
    """
    if obj is not None and not in_area(user, unit_of(obj)):
        raise Http404
    if not can(user, name, obj):
        raise PermissionDenied(refusal(name, doing))
