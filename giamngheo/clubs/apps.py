from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class ClubsConfig(AppConfig):
    name = "giamngheo.clubs"
    label = "clubs"
    verbose_name = _("Poverty-reduction clubs")
    nav_items = [("clubs:club_list", _("Clubs"))]
    capabilities = [
        Capability(
            "manage_clubs",
            {Role.CLUB_OFFICER, Role.COMMUNE_OFFICER, Role.MANAGING_OFFICE},
            _("manage clubs"),
        )
    ]
    todo_providers = ["giamngheo.clubs.todos.overdue_meetings"]
