from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class InspectionsConfig(AppConfig):
    name = "giamngheo.inspections"
    label = "inspections"
    verbose_name = _("Inspections")
    capabilities = [
        Capability(
            "inspect",
            {Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.MANAGING_OFFICE, Role.PROVINCE_STAFF},
            _("record inspections"),
        )
    ]
    # What inspections said about a collaborator, shown where the office grades the period:
    # the collaborators app reads it from here, so it never imports this app (which needs it).
    collaborator_evaluation_notes = "giamngheo.inspections.selectors.inspection_findings_for"
