"""A club meeting's workflow as data: planned → held, or planned → cancelled."""

from django.utils.translation import gettext_lazy as _

from giamngheo.accounts import capabilities
from giamngheo.core.workflow import Transition, Workflow

from .models import MeetingState as S

MANAGE = "manage_clubs"  # ``apps.ClubsConfig``

MEETINGS = Workflow(
    [
        Transition("hold", _("Record the meeting as held"), {S.PLANNED}, S.HELD, MANAGE),
        Transition("cancel", _("Cancel the meeting"), {S.PLANNED}, S.CANCELLED, MANAGE),
    ],
    states=S,
    access=capabilities,
)
