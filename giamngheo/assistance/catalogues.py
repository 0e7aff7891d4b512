"""Catalogues of the assistance part, as data with their sources.

- Kinds of need a household asks help for, each mapped to the deprivation indicators of
  the poverty standards it concerns (collaborators.md, duty 1: "production support,
  livelihood, and deprivations in health, education, housing, clean water and
  sanitation, information — the standard's indicators").
- Kinds of shock and family change that start an ad-hoc review (regulations.md §5.4).
- Default deadlines of the follow-up workflow. No national text sets them: the province
  does (for Kon Tum, through the collaborators' mechanism of Decision 29/QĐ-UBND), so
  the values below are defaults that a province overrides with a ``DeadlinePolicy``.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from giamngheo.poverty import Standard


class NeedKind(models.TextChoices):
    PRODUCTION = "production", _("Production support")
    LIVELIHOOD = "livelihood", _("Livelihood and jobs")
    HEALTH = "health", _("Health care")
    # Context: the register abbreviates the same words to "BHYT" in its tables.
    HEALTH_INSURANCE = "health_insurance", pgettext_lazy("need", "Health insurance")
    EDUCATION = "education", _("Education")
    HOUSING = "housing", _("Housing")
    WATER_SANITATION = "water_sanitation", _("Clean water and sanitation")
    INFORMATION = "information", _("Information")
    OTHER = "other", _("Other")


# Indicator codes of giamngheo.poverty (any standard) each need concerns. Production
# support has no indicator of its own; livelihood falls under the employment dimension
# (2022 onwards); codes absent from a standard are simply not shown for it.
NEED_INDICATORS: dict[str, tuple[str, ...]] = {
    NeedKind.PRODUCTION: (),
    NeedKind.LIVELIHOOD: ("employment", "dependants"),
    NeedKind.HEALTH: ("health_services", "nutrition"),
    NeedKind.HEALTH_INSURANCE: ("health_insurance",),
    NeedKind.EDUCATION: ("adult_education", "child_school_attendance"),
    NeedKind.HOUSING: ("housing_quality", "floor_area"),
    NeedKind.WATER_SANITATION: ("water_source", "latrine", "waste_handling"),
    NeedKind.INFORMATION: ("telecom_use", "information_means"),
    NeedKind.OTHER: (),
}

NEED_SOURCE = _(
    "Duty 1 of the commune poverty-reduction collaborators (Kon Tum Decision "
    "29/QĐ-UBND of 16/01/2017); indicators of the multidimensional poverty standard."
)


def indicators_for_need(need: str, standard: Standard):
    """The indicators of ``standard`` a kind of need concerns, in the standard's order."""
    codes = NEED_INDICATORS.get(need, ())
    return [i for i in standard.indicators if i.code in codes]


class ShockKind(models.TextChoices):
    NATURAL_DISASTER = "natural_disaster", _("Natural disaster (drought, flood, storm, whirlwind)")
    POLLUTION = "pollution", _("Heavy environmental pollution")
    ACCIDENT = "accident", _("Labour or traffic accident")
    SERIOUS_ILLNESS = "serious_illness", _("Serious illness")
    ECONOMIC_LOSS = (
        "economic_loss",
        _("Economic loss (house, production tools, land, crops, livestock, epidemic)"),
    )
    SOCIAL_RISK = "social_risk", _("Social risk (fraud, crime)")
    BIRTH = "birth", _("Family change: birth")
    MARRIAGE = "marriage", _("Family change: a new daughter- or son-in-law")
    DEATH_OF_EARNER = "death_of_earner", _("Family change: death of the main earner")
    MILITARY_RETURN = "military_return", _("Family change: return from military service")
    FAMILY_OTHER = "family_other", _("Family change: other")


FAMILY_CHANGES = frozenset(
    {
        ShockKind.BIRTH,
        ShockKind.MARRIAGE,
        ShockKind.DEATH_OF_EARNER,
        ShockKind.MILITARY_RETURN,
        ShockKind.FAMILY_OTHER,
    }
)

# The 2016 list of events of the ad-hoc review (households falling into poverty during the
# year). Verified from a secondary source (lawnet.vn), regulations.md §5.4; Decision
# 24/2021/QĐ-TTg, Art. 5 keeps the ad-hoc review without its own list of events.
SHOCK_SOURCE = (
    "Thông tư 17/2016/TT-BLĐTBXH (sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH), rà soát "
    "thường xuyên hộ nghèo, hộ cận nghèo phát sinh trong năm"
)


class InformChannel(models.TextChoices):
    VISIT = "visit", _("Home visit")
    PHONE = "phone", _("Phone call")
    MEETING = "meeting", _("Village meeting")
    WRITTEN = "written", _("Written notice")


@dataclass(frozen=True)
class Deadlines:
    """Days allowed for each step, counted in calendar days from the previous step."""

    forward: int
    answer: int
    carry_out: int
    inform: int


DEFAULT_DEADLINES = Deadlines(forward=3, answer=10, carry_out=30, inform=5)
DEADLINE_NOTE = _(
    "No national text sets these deadlines: the province does. These are the system's "
    "defaults until the province records its own."
)
