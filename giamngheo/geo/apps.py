from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class GeoConfig(AppConfig):
    name = "giamngheo.geo"
    label = "geo"
    verbose_name = _("Administrative units")
    capabilities = [
        Capability(
            "manage_units",
            {Role.PROVINCE_STAFF, Role.MANAGING_OFFICE, Role.COMMUNE_OFFICER},
            _("change administrative units"),
        )
    ]
