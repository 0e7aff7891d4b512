from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class GroupsConfig(AppConfig):
    name = "giamngheo.groups"
    label = "groups"
    verbose_name = _("Self-managed groups and projects")
    nav_items = [("groups:home", _("Groups and projects"))]
    capabilities = [
        # Collaborators advise groups (duty 3) and keep them with the commune officer.
        Capability(
            "manage_groups",
            {Role.COMMUNE_OFFICER, Role.COLLABORATOR},
            _("manage self-managed groups and their projects"),
        ),
        # The rules are approved by a decision of the commune People's Committee.
        Capability(
            "approve_rules",
            {Role.COMMUNE_LEADER, Role.COMMUNE_OFFICER},
            _("record the approval of a group's rules"),
        ),
    ]
