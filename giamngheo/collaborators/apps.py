from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class CollaboratorsConfig(AppConfig):
    name = "giamngheo.collaborators"
    label = "collaborators"
    verbose_name = _("Poverty-reduction collaborators")
    nav_items = [("collaborators:home", _("Collaborators"))]
    capabilities = [
        Capability("manage_collaborators", {Role.MANAGING_OFFICE}, _("manage the collaborators")),
        # The collaborator's own log and reports: held as the commune's collaborator.
        Capability("act_as_collaborator", {Role.COLLABORATOR}, _("act as the collaborator")),
    ]
    todo_providers = [
        "giamngheo.collaborators.todos.collaborator_work",
        "giamngheo.collaborators.todos.reports_to_decide",
    ]
    report_addendum_providers = ["giamngheo.collaborators.addendum.activities_after"]
