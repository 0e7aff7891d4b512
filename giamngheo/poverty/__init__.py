"""giamngheo.poverty: the multidimensional poverty standards engine, in pure Python.

No Django here (a test enforces it): the engine is usable from scripts, notebooks and
batch jobs, and the Django apps call it with plain facts.

Typical use for one household::

    from datetime import date
    from giamngheo.poverty import HouseholdFacts, MemberFacts, assess_household
    from giamngheo.poverty import standard_for_review

    standard = standard_for_review(2025)           # the review at the end of 2025
    result = assess_household(facts, standard, on=date(2025, 10, 1))
    result.profile.results                         # IndicatorResult per indicator
    result.classification.category                 # Category.POOR ...
    result.classification.explanation              # Vietnamese, with the rule

For millions of rows use ``classify_bulk``; for poverty statistics ``alkire_foster``.
"""

from .bulk import (
    DEPRIVATION_UNKNOWN,
    INCOME_UNKNOWN,
    BulkClassification,
    classify_bulk,
    count_deprivations,
    deprivation_matrix,
    supports_columns,
)
from .classification import (
    Assessment,
    Classification,
    DeprivationProfile,
    assess_household,
    classify,
    classify_profile,
    classify_scores,
    deprivation_profile,
    is_low_income_worker_household,
)
from .codes import AREA_UNKNOWN, Area, Category, Verification
from .columns import Columns, columns_from_facts
from .facts import (
    EducationLevel,
    EmploymentStatus,
    HouseholdFacts,
    HousingType,
    LatrineType,
    MemberFacts,
    Sex,
    WasteHandling,
    WaterSource,
)
from .indicators import IndicatorResult
from .mpi import AlkireFosterResult, GroupBreakdown, alkire_foster, nested_weights
from .national import (
    NATIONAL_STANDARDS,
    STANDARD_2016_2020,
    STANDARD_2022_2025,
    STANDARD_2027_2030,
    NoStandardForYear,
    standard_by_code,
    standard_for_review,
    standard_for_year,
)
from .standards import Band, Dimension, Indicator, Standard, derive_standard

LOW_INCOME_WORKER_LINES = STANDARD_2022_2025.low_income_worker

__all__ = [
    "AREA_UNKNOWN",
    "DEPRIVATION_UNKNOWN",
    "INCOME_UNKNOWN",
    "LOW_INCOME_WORKER_LINES",
    "NATIONAL_STANDARDS",
    "STANDARD_2016_2020",
    "STANDARD_2022_2025",
    "STANDARD_2027_2030",
    "AlkireFosterResult",
    "Area",
    "Assessment",
    "Band",
    "BulkClassification",
    "Category",
    "Classification",
    "DeprivationProfile",
    "Dimension",
    "EducationLevel",
    "EmploymentStatus",
    "GroupBreakdown",
    "HouseholdFacts",
    "HousingType",
    "Indicator",
    "IndicatorResult",
    "LatrineType",
    "MemberFacts",
    "NoStandardForYear",
    "Sex",
    "Standard",
    "Verification",
    "WasteHandling",
    "WaterSource",
    "alkire_foster",
    "assess_household",
    "classify",
    "classify_bulk",
    "classify_profile",
    "classify_scores",
    "Columns",
    "columns_from_facts",
    "count_deprivations",
    "deprivation_matrix",
    "supports_columns",
    "derive_standard",
    "deprivation_profile",
    "is_low_income_worker_household",
    "nested_weights",
    "standard_by_code",
    "standard_for_review",
    "standard_for_year",
]
