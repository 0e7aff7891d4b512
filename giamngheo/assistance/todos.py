"""Requests for help waiting for the user's step (the reminders of ``selectors.reminders_for``)."""

from django.utils.translation import gettext as _

from giamngheo.core.todos import Todo

from .selectors import reminders_for


def help_requests(user) -> list[Todo]:
    kind = _("Requests for help")
    return [Todo(kind, r.text, r.url, r.due_on, r.overdue) for r in reminders_for(user)]
