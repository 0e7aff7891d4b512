from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "giamngheo.inspections"
    label = "inspections"
    verbose_name = _("Inspections")
    # What inspections said about a collaborator, shown where the office grades the period:
    # the collaborators app reads it from here, so it never imports this app (which needs it).
    collaborator_evaluation_notes = "giamngheo.inspections.selectors.inspection_findings_for"
