"""Catalogues of inspections: the team's level, what it inspected, how serious a finding
is and an inspection's view of a collaborator's work (duties 3 and 4 of Kon Tum Decision
29/QĐ-UBND of 16/01/2017, summarised in shared/domain/collaborators.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionLevel(models.TextChoices):
    COMMUNE = "commune", _("Commune inspection team")
    PROVINCE = "province", _("Province inspection team")


class InspectionSubject(models.TextChoices):
    """What an inspection looked at (duty 3: support delivered; duty 4: the rest)."""

    SUPPORT = "support", _("Support delivered to households")
    PROJECT = "project", _("A production-support project")
    REVIEW = "review", _("The poverty review procedure")
    COLLABORATOR = "collaborator", _("A collaborator's work")


# Subjects that need the project inspected named (a collaborator's work names the collaborator).
PROJECT_SUBJECTS = frozenset({InspectionSubject.SUPPORT, InspectionSubject.PROJECT})


class Severity(models.TextChoices):
    NOTE = "note", _("Observation")
    SHORTCOMING = "shortcoming", _("Shortcoming to correct")
    SERIOUS = "serious", _("Serious violation")


class CollaboratorRating(models.TextChoices):
    """An inspection's view of a collaborator's work: an input to the office's grade."""

    GOOD = "good", _("Did the work well")
    ADEQUATE = "adequate", _("Did the work")
    POOR = "poor", _("Did not do the work properly")
