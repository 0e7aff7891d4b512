from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaboratorsConfig(AppConfig):
    name = "giamngheo.collaborators"
    label = "collaborators"
    verbose_name = _("Poverty-reduction collaborators")
    nav_items = [("collaborators:home", _("Collaborators"))]
    todo_providers = [
        "giamngheo.collaborators.todos.collaborator_work",
        "giamngheo.collaborators.todos.reports_to_decide",
    ]
    report_addendum_providers = ["giamngheo.collaborators.addendum.activities_after"]
