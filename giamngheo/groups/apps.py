from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "giamngheo.groups"
    label = "groups"
    verbose_name = _("Self-managed groups and projects")
    nav_items = [("groups:home", _("Groups and projects"))]
