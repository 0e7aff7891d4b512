"""A club officer's to-dos: meetings planned for a day that has passed and not yet recorded
(held or cancelled), in the clubs the user runs."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.accounts.scoping import CAPABILITIES, current_assignments, sees_everything
from giamngheo.core.todos import Todo

from .models import Meeting, MeetingState

LIMIT = 20


def overdue_meetings(user) -> list[Todo]:
    if sees_everything(user):
        return []
    condition = Q()
    for assignment in current_assignments(user):
        if assignment.role in CAPABILITIES["manage_clubs"]:
            condition |= Q(club__unit__path__startswith=assignment.unit.path)
    if not condition:
        return []
    today = timezone.localdate()
    rows = (
        Meeting.objects.filter(condition, state=MeetingState.PLANNED, planned_on__lt=today)
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
