"""To-dos: what waits for the signed-in user, from every app, on the home page and in the menu.

Apps contribute providers through ``todo_providers`` on their AppConfig: functions taking the
user and returning ``Todo`` items (each runs a few bounded queries; the menu count runs them on
every page, lazily).
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject

from .contributions import collected


@dataclass(frozen=True)
class Todo:
    kind: str  # what area of work it belongs to ("Reviews", "Clubs" …), shown as a label
    text: str
    url: str
    due_on: datetime.date | None = None
    overdue: bool = False


def todos_for(user) -> list[Todo]:
    """Overdue items first, then by due date (undated last)."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = collected("todo_providers", user)
    return sorted(items, key=lambda t: (not t.overdue, t.due_on or datetime.date.max))


def todos(request):
    """Context processor: ``todos`` (lazy list) and ``todo_count`` for the menu."""
    user = getattr(request, "user", None)
    items = SimpleLazyObject(lambda: todos_for(user))
    return {"todos": items, "todo_count": SimpleLazyObject(lambda: len(items))}
