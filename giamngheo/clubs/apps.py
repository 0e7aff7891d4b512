from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClubsConfig(AppConfig):
    name = "giamngheo.clubs"
    label = "clubs"
    verbose_name = _("Poverty-reduction clubs")
    nav_items = [("clubs:club_list", _("Clubs"))]
    todo_providers = ["giamngheo.clubs.todos.overdue_meetings"]
