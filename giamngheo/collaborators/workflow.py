"""The report workflow as data: draft → submitted → accepted / returned → resubmitted.

The collaborator hands in the period's report; the managing office accepts it or returns
it with what to change (Decision 29/QĐ-UBND: monthly, quarterly and yearly reports).
"""

from django.utils.translation import gettext_lazy as _

from giamngheo.accounts import capabilities
from giamngheo.core.workflow import Transition, Workflow

from .models import ReportState as S

# Capabilities over the collaborator's commune (``apps.CollaboratorsConfig``).
COLLABORATOR = "act_as_collaborator"
OFFICE = "manage_collaborators"

REPORTS = Workflow(
    [
        Transition("submit", _("Hand in the report"), {S.DRAFT}, S.SUBMITTED, COLLABORATOR),
        Transition(
            "resubmit", _("Hand in the reworked report"), {S.RETURNED}, S.RESUBMITTED, COLLABORATOR
        ),
        Transition(
            "accept", _("Accept the report"), {S.SUBMITTED, S.RESUBMITTED}, S.ACCEPTED, OFFICE
        ),
        Transition(
            "return", _("Return the report"), {S.SUBMITTED, S.RESUBMITTED}, S.RETURNED, OFFICE
        ),
    ],
    states=S,
    access=capabilities,
)
