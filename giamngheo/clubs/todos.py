"""A club officer's to-dos: meetings planned for a day that has passed and not yet recorded
(held or cancelled), in the clubs the user runs."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.capabilities import can_anywhere, capability
from giamngheo.accounts.scoping import scoped, sees_everything
from giamngheo.core.todos import Todo

from .models import Meeting, MeetingState

LIMIT = 20


def overdue_meetings(user) -> list[Todo]:
    if sees_everything(user) or not can_anywhere(user, "manage_clubs"):
        return []
    today = timezone.localdate()
    planned = Meeting.objects.filter(state=MeetingState.PLANNED, planned_on__lt=today)
    rows = (
        scoped(planned, user, "club__unit", roles=capability("manage_clubs").roles)
        .select_related("club")
        .order_by("planned_on", "id")[:LIMIT]
    )
    kind = _("Clubs")
    return [
        Todo(
            kind,
            _("Record or cancel the meeting of %(club)s") % {"club": m.club.name},
            reverse("clubs:meeting_detail", args=[m.pk]),
            m.planned_on,
            True,
        )
        for m in rows
    ]
