"""The two workflows of the app as data (``core.workflow``).

A group forms, its rules are approved by a decision of the commune People's Committee,
and it may be dissolved once its projects are done; a project is planned, started once the
group's rules are approved, then completed or cancelled.
"""

from django.utils.translation import gettext_lazy as _

from giamngheo.accounts import capabilities
from giamngheo.core.workflow import Transition, Workflow

from .models import GroupState as G
from .models import ProjectState as P

# Capabilities over the group's commune (``apps.GroupsConfig``).
MANAGE = "manage_groups"
APPROVE = "approve_rules"


def _projects_done(group, attempt):
    if group.projects.filter(state__in=[P.PLANNED, P.RUNNING]).exists():
        return _("Complete or cancel the group's projects first.")
    return None


def _group_active(project, attempt):
    if project.group.state != G.ACTIVE:
        return _("The group's rules must be approved by the commune People's Committee first.")
    return None


GROUPS = Workflow(
    [
        Transition("approve_rules", _("Approve the rules"), {G.FORMING}, G.ACTIVE, APPROVE),
        Transition(
            "dissolve",
            _("Dissolve the group"),
            {G.FORMING, G.ACTIVE},
            G.DISSOLVED,
            MANAGE,
            guard=_projects_done,
        ),
    ],  # fmt: skip
    states=G,
    access=capabilities,
)

PROJECTS = Workflow(
    [
        Transition("start", _("Start"), {P.PLANNED}, P.RUNNING, MANAGE, guard=_group_active),
        Transition("complete", _("Complete"), {P.RUNNING}, P.COMPLETED, MANAGE),
        Transition("cancel", _("Cancel the project"), {P.PLANNED, P.RUNNING}, P.CANCELLED, MANAGE),
    ],
    states=P,
    access=capabilities,
)
