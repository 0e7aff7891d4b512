from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseholdsConfig(AppConfig):
    name = "giamngheo.households"
    label = "households"
    verbose_name = _("Household register")
    nav_items = [("households:household_list", _("Households"))]

    def ready(self):
        from . import exports  # noqa: F401 - registers the register's export with core.exports
