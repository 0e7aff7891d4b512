"""Catalogues of communication work: audiences, kinds of good example and of sponsor
(duty 6 of Kon Tum Decision 29/QĐ-UBND of 16/01/2017)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    ASSOCIATION = "association", _("Members of a mass organisation")
    VILLAGE = "village", _("Village meeting")
    POOR_HOUSEHOLDS = "poor", _("Poor and near-poor households")
    GROUP = "group", _("A self-managed group")
    OFFICERS = "officers", _("Village and association officers")
    PUBLIC = "public", _("General public")


class ExampleKind(models.TextChoices):
    ESCAPED = "escaped", _("Household that escaped poverty")
    PRACTICE = "practice", _("Good practice")


class SponsorKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    ORGANISATION = "organisation", _("Organisation or association")
    INDIVIDUAL = "individual", _("Individual sponsor")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
