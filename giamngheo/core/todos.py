"""To-dos: what waits for the signed-in user, from every app, on the home page and in the menu.

Apps contribute providers through ``todo_providers`` on their AppConfig: functions taking the
user and returning ``Todo`` items, each running a few bounded queries.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

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
    """Context processor: ``todos``, a lazy list (queried only by the page that shows it)."""
    user = getattr(request, "user", None)
    return {"todos": SimpleLazyObject(lambda: todos_for(user))}


@login_required
@never_cache
def todo_count(request):
    """The menu's count, fetched by ``core/todos.js`` after the page has loaded, so that no page
    waits for every app's to-do queries (the home page lists them itself)."""
    return JsonResponse({"count": len(todos_for(request.user))})
