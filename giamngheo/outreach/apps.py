from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class OutreachConfig(AppConfig):
    name = "giamngheo.outreach"
    label = "outreach"
    verbose_name = _("Communication work")
    capabilities = [
        Capability(
            "communicate",
            {Role.COMMUNE_OFFICER, Role.COLLABORATOR, Role.MANAGING_OFFICE},
            _("record communication work"),
        )
    ]
