from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaboratorsConfig(AppConfig):
    name = "giamngheo.collaborators"
    label = "collaborators"
    verbose_name = _("Poverty-reduction collaborators")
    nav_items = [("collaborators:home", _("Collaborators"))]
