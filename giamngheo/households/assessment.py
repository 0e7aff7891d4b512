"""Bridge between the register and the pure poverty engine.

Maps a household and its members onto ``giamngheo.poverty`` facts, and keeps the
engine's latest answer on the household (category, counts, deprived indicators) so
lists can filter on it without re-running the engine for every row.
"""

import dataclasses
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.geo.models import Area as UnitArea
from giamngheo.poverty import (
    Area,
    Assessment,
    EducationLevel,
    EmploymentStatus,
    HouseholdFacts,
    HousingType,
    LatrineType,
    MemberFacts,
    Sex,
    Standard,
    WasteHandling,
    WaterSource,
    assess_household,
    standard_for_year,
)

from .models import Deprivation, Household, Member

CATEGORY_LABELS = {
    "POOR": _("Poor"),
    "NEAR_POOR": _("Near-poor"),
    "AVERAGE": _("Average living standard"),
    "NOT_POOR": _("Not poor"),
    "UNKNOWN": _("Cannot be decided yet"),
}


def _enum(enum, value):
    return enum(value) if value else None


# The member's choices the engine reads as its own enums; its other facts are the member's
# fields of the same names.
_MEMBER_ENUMS = {
    "sex": Sex,
    "education_level": EducationLevel,
    "employment_status": EmploymentStatus,
}
_MEMBER_FACTS = tuple(f.name for f in dataclasses.fields(MemberFacts))


def member_facts(member: Member) -> MemberFacts:
    values = {name: getattr(member, name) for name in _MEMBER_FACTS}
    for name, enum in _MEMBER_ENUMS.items():
        values[name] = _enum(enum, values[name])
    return MemberFacts(**values)


def household_facts(household: Household, members, area: str | None = None) -> HouseholdFacts:
    """Facts of a household; ``area`` is the commune's (urban/rural decides the income line)."""
    area = area or household.commune.area
    return HouseholdFacts(
        area=Area.URBAN if area == UnitArea.URBAN else Area.RURAL,
        income_per_capita=household.income_per_capita,
        members=tuple(member_facts(m) for m in members),
        has_house=household.has_house,
        housing_type=_enum(HousingType, household.housing_type),
        walls_durable=household.walls_durable,
        frame_durable=household.frame_durable,
        roof_durable=household.roof_durable,
        floor_area_m2=float(household.floor_area_m2)
        if household.floor_area_m2 is not None
        else None,
        water_source=_enum(WaterSource, household.water_source),
        latrine_type=_enum(LatrineType, household.latrine_type),
        any_member_uses_telephone=household.any_member_uses_telephone,
        any_member_uses_internet=household.any_member_uses_internet,
        has_television=household.has_television,
        has_radio=household.has_radio,
        has_computer=household.has_computer,
        has_phone=household.has_phone,
        has_tablet=household.has_tablet,
        hears_public_loudspeaker=household.hears_public_loudspeaker,
        waste_handling=_enum(WasteHandling, household.waste_handling),
    )


def standard_in_force(on: date | None = None) -> Standard:
    return standard_for_year((on or timezone.localdate()).year)


def assess(
    household: Household, members=None, *, on: date | None = None, standard=None
) -> Assessment:
    """The engine's profile and classification of the household's current facts."""
    on = on or timezone.localdate()
    if members is None:
        members = list(household.members.all())
    return assess_household(
        household_facts(household, members), standard or standard_in_force(on), on=on
    )


def apply_assessment(household: Household, assessment: Assessment) -> None:
    """Copy the assessment onto the household's cached fields (caller saves)."""
    household.assessed_category = str(assessment.category)
    household.assessed_standard = assessment.profile.standard
    household.deprived_count = assessment.profile.deprived_count
    household.unknown_count = assessment.profile.unknown_count
    household.deprivation_mask = deprivation_mask(assessment.profile)


def deprivation_mask(profile) -> int:
    """Bit j set when deprived on the profile's j-th indicator (the standard's order), as
    ``reassessment`` computes it for the whole register."""
    return sum(1 << j for j, result in enumerate(profile.results) if result.deprived is True)


def store_deprivations(assessments: dict[int, Assessment], *, replace: bool = True) -> None:
    """Rewrite the deprivation rows of the given households in two statements."""
    if replace:
        Deprivation.objects.filter(household_id__in=list(assessments)).delete()
    Deprivation.objects.bulk_create(
        [
            Deprivation(household_id=pk, indicator=code)
            for pk, a in assessments.items()
            for code in a.profile.deprived
        ],
        batch_size=5000,
    )


def recompute_per_household(
    queryset, *, on: date | None = None, standard=None, batch: int = 2000, progress=None
) -> int:
    """Re-assess households one ``HouseholdFacts`` at a time through the single path.

    The bulk re-assessment (``reassessment.reassess``) replaces it for national standards;
    it stays as the fallback for a standard with a rule that has no column form, and as
    the baseline of ``bench/bench_reassess.py``. Batches: one query for the households, one
    for their members, one bulk update and one rewrite of the deprivation rows per batch.
    """
    on = on or timezone.localdate()
    standard = standard or standard_in_force(on)
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        households = list(Household.objects.filter(pk__in=chunk).select_related("commune"))
        members: dict[int, list] = {pk: [] for pk in chunk}
        for member in Member.objects.filter(household_id__in=chunk).order_by("id"):
            members[member.household_id].append(member)
        assessments = {}
        for household in households:
            assessment = assess(household, members[household.pk], on=on, standard=standard)
            apply_assessment(household, assessment)
            assessments[household.pk] = assessment
        Household.objects.bulk_update(
            households,
            [
                "assessed_category",
                "assessed_standard",
                "deprived_count",
                "unknown_count",
                "deprivation_mask",
            ],  # fmt: skip
        )
        store_deprivations(assessments)
        done += len(households)
        if progress:
            progress(done, len(ids))
    return done
