"""Household and member facts as numpy columns, for evaluating indicators in bulk.

Re-assessing a register (a corrected rule, a new standard on 1 January) means evaluating
every indicator for every household. Doing it one ``HouseholdFacts`` at a time costs a few
hundred microseconds per household; on columns it is a handful of array operations per
indicator. Each deprivation rule in ``indicators`` has an ``evaluate_columns`` twin of its
``evaluate`` and the tests hold the two to the same answer on random households.

Encoding:

* three-valued facts (``bool | None``): int8, 1 true, 0 false, -1 unknown;
* enums (water source, latrine, waste, housing type, sex, education, employment): int8
  index into the enum's members (``list(Enum)``), -1 unknown;
* ``floor_area_m2``: float64, NaN unknown; ``member_count``: int32, -1 unknown;
* income: int64 with ``INCOME_UNKNOWN``; area: 0 rural, 1 urban, -1 unknown;
* members: one row per member, ``household`` = the row of its household, rows grouped by
  household (non-decreasing ``household``); dates of birth as days since 1970-01-01
  (``DOB_UNKNOWN`` when not known), ``birth_year`` 0 when not known.

Inside the rules a three-valued state is computed in Kleene form K (0 false, 1 unknown,
2 true), where AND is the minimum, OR the maximum and NOT is ``2 - k``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from .ages import WORKING_AGE_FROM_MONTHS, retirement_age_months
from .codes import AREA_UNKNOWN
from .facts import (
    EducationLevel,
    EmploymentStatus,
    HouseholdFacts,
    HousingType,
    LatrineType,
    Sex,
    WasteHandling,
    WaterSource,
)

# Income not known: the smallest int64, so no real income can be mistaken for it.
INCOME_UNKNOWN = np.iinfo(np.int64).min

DOB_UNKNOWN = np.iinfo(np.int32).min
K_FALSE, K_UNKNOWN, K_TRUE = 0, 1, 2

HOUSEHOLD_TRI = (
    "has_house",
    "walls_durable",
    "frame_durable",
    "roof_durable",
    "any_member_uses_telephone",
    "any_member_uses_internet",
    "has_television",
    "has_radio",
    "has_computer",
    "has_phone",
    "has_tablet",
    "hears_public_loudspeaker",
)
HOUSEHOLD_ENUMS = {
    "housing_type": HousingType,
    "water_source": WaterSource,
    "latrine_type": LatrineType,
    "waste_handling": WasteHandling,
}
MEMBER_TRI = (
    "has_health_insurance",
    "seriously_ill",
    "received_medical_care",
    "in_school",
    "at_age_appropriate_level",
    "has_enterprise_training_certificate",
    "is_wage_earner",
    "has_labour_contract",
    "severe_disability",
    "receives_monthly_social_allowance",
    "stunted",
    "underweight",
)
MEMBER_ENUMS = {
    "sex": Sex,
    "education_level": EducationLevel,
    "employment_status": EmploymentStatus,
}


def enum_index(enum, value) -> int:
    """Index of ``value`` (a member or its string code) in ``enum``; -1 for unknown/empty."""
    if value is None or value == "":
        return -1
    return _ENUM_POSITIONS[enum][enum(value)]


_ENUM_POSITIONS = {
    enum: {member: i for i, member in enumerate(enum)}
    for enum in (*HOUSEHOLD_ENUMS.values(), *MEMBER_ENUMS.values())
}


def enum_mask(enum, members) -> np.ndarray:
    """Boolean lookup over the enum's indexes, true for ``members``."""
    mask = np.zeros(len(enum), dtype=bool)
    for member in members:
        mask[_ENUM_POSITIONS[enum][member]] = True
    return mask


@dataclass
class Columns:
    """Households (``n`` rows) and their members as columns; see the module docstring."""

    households: dict[str, np.ndarray]
    members: dict[str, np.ndarray]
    # Ages and counts shared by several rules, computed once per reference date.
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.households["area"])

    @property
    def member_household(self) -> np.ndarray:
        return self.members["household"]

    def member_counts(self) -> np.ndarray:
        if "member_counts" not in self.cache:
            self.cache["member_counts"] = np.bincount(
                self.member_household, minlength=self.n
            ).astype(np.int32)
        return self.cache["member_counts"]

    def size(self) -> np.ndarray:
        """``HouseholdFacts.size``: the member count if given, else the members listed (-1)."""
        listed = self.member_counts()
        given = self.households["member_count"]
        return np.where(given >= 0, given, np.where(listed > 0, listed, -1))


def tri(value: bool | None) -> int:
    return -1 if value is None else int(value)


def columns_from_facts(households: Sequence[HouseholdFacts]) -> Columns:
    """Columns for a list of facts (tests, benchmarks; the register builds them from SQL)."""
    n = len(households)
    h: dict[str, np.ndarray] = {
        "area": np.array(
            [AREA_UNKNOWN if f.area is None else f.area.code for f in households], dtype=np.int8
        ),
        "income": np.array(
            [
                INCOME_UNKNOWN if f.income_per_capita is None else f.income_per_capita
                for f in households
            ],
            dtype=np.int64,
        ),
        "floor_area_m2": np.array(
            [np.nan if f.floor_area_m2 is None else f.floor_area_m2 for f in households],
            dtype=np.float64,
        ),
        "member_count": np.array(
            [-1 if f.member_count is None else f.member_count for f in households], dtype=np.int32
        ),
    }
    for name in HOUSEHOLD_TRI:
        h[name] = np.array([tri(getattr(f, name)) for f in households], dtype=np.int8)
    for name, enum in HOUSEHOLD_ENUMS.items():
        h[name] = np.array([enum_index(enum, getattr(f, name)) for f in households], np.int8)
    rows = [(i, m) for i, f in enumerate(households) for m in (f.members or ())]
    m: dict[str, np.ndarray] = {
        "household": np.array([i for i, _ in rows], dtype=np.int64),
        "dob": np.array(
            [DOB_UNKNOWN if x.date_of_birth is None else days(x.date_of_birth) for _, x in rows],
            dtype=np.int32,
        ),
        "birth_year": np.array([x.birth_year or 0 for _, x in rows], dtype=np.int32),
    }
    for name in MEMBER_TRI:
        m[name] = np.array([tri(getattr(x, name)) for _, x in rows], dtype=np.int8)
    for name, enum in MEMBER_ENUMS.items():
        m[name] = np.array([enum_index(enum, getattr(x, name)) for _, x in rows], np.int8)
    assert n == len(h["area"])
    return Columns(h, m)


_EPOCH = date(1970, 1, 1).toordinal()


def days(day: date) -> int:
    return day.toordinal() - _EPOCH


# ---- three-valued helpers (K form) --------------------------------------------------------


def k(values: np.ndarray) -> np.ndarray:
    """1/0/-1 facts to K form."""
    return np.where(values < 0, K_UNKNOWN, values * 2).astype(np.int8)


def k_not(state: np.ndarray) -> np.ndarray:
    return (K_TRUE - state).astype(np.int8)


def k_all(*states: np.ndarray) -> np.ndarray:
    return np.minimum.reduce(states) if len(states) > 1 else states[0]


def k_any(*states: np.ndarray) -> np.ndarray:
    return np.maximum.reduce(states) if len(states) > 1 else states[0]


def k_fact_eq(codes: np.ndarray, enum, member) -> np.ndarray:
    """K form of ``code == member`` with unknown codes unknown."""
    return np.where(codes < 0, K_UNKNOWN, (codes == _ENUM_POSITIONS[enum][member]) * 2).astype(
        np.int8
    )


def to_verdict(state: np.ndarray) -> np.ndarray:
    """K form to the bulk matrix convention: 1 deprived, 0 not, -1 unknown."""
    return np.array([0, -1, 1], dtype=np.int8)[state]


# ---- ages ---------------------------------------------------------------------------------


def _date_parts(day_numbers: np.ndarray):
    as_dates = day_numbers.astype("datetime64[D]")
    years = as_dates.astype("datetime64[Y]").astype(np.int64) + 1970
    months = as_dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (as_dates - as_dates.astype("datetime64[M]")).astype(np.int64) + 1
    return years, months, day


def age_months(columns: Columns, on: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Youngest and oldest possible age in completed months, and whether it is known
    (``ages.age_months_range`` for every member)."""
    key = ("age_months", on)
    if key not in columns.cache:
        columns.cache[key] = _age_months(columns, on)
    return columns.cache[key]


def _age_months(columns: Columns, on: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m = columns.members
    dob = m["dob"]
    known_dob = dob != DOB_UNKNOWN
    y, mo, d = _date_parts(np.where(known_dob, dob, 0))
    exact = (on.year - y) * 12 + (on.month - mo) - (on.day < d)
    by = m["birth_year"].astype(np.int64)
    youngest_by = (on.year - by) * 12 + (on.month - 12) - (on.day < 31)
    oldest_by = (on.year - by) * 12 + (on.month - 1)
    known_year = ~known_dob & (by > 0)
    youngest = np.where(known_dob, exact, youngest_by)
    oldest = np.where(known_dob, exact, oldest_by)
    return youngest, oldest, known_dob | known_year


def k_age_between(ages, low: int, below: int | None) -> np.ndarray:
    """K form of ``ages.age_between``."""
    youngest, oldest, known = ages
    young_years, old_years = youngest // 12, oldest // 12
    upper = below if below is not None else 10**6
    true = known & (young_years >= low) & (old_years < upper)
    false = known & ((old_years < low) | (young_years >= upper))
    return np.where(true, K_TRUE, np.where(false, K_FALSE, K_UNKNOWN)).astype(np.int8)


def _retirement_bounds(columns: Columns, on: date) -> tuple[np.ndarray, np.ndarray]:
    sex = columns.members["sex"]
    by_sex = np.array([retirement_age_months(s, on.year) for s in Sex], dtype=np.int64)
    known = sex >= 0
    low = np.where(known, by_sex[np.maximum(sex, 0)], by_sex.min())
    high = np.where(known, by_sex[np.maximum(sex, 0)], by_sex.max())
    return low, high


def k_of_working_age(columns: Columns, ages, on: date) -> np.ndarray:
    """K form of ``ages.of_working_age``."""
    youngest, oldest, known = ages
    low, high = _retirement_bounds(columns, on)
    true = known & (youngest >= WORKING_AGE_FROM_MONTHS) & (oldest < low)
    false = known & ((oldest < WORKING_AGE_FROM_MONTHS) | (youngest >= high))
    return np.where(true, K_TRUE, np.where(false, K_FALSE, K_UNKNOWN)).astype(np.int8)


def k_past_working_age(columns: Columns, ages, on: date) -> np.ndarray:
    """K form of ``ages.past_working_age``."""
    youngest, oldest, known = ages
    low, high = _retirement_bounds(columns, on)
    true = known & (youngest >= high)
    false = known & (oldest < low)
    return np.where(true, K_TRUE, np.where(false, K_FALSE, K_UNKNOWN)).astype(np.int8)


# ---- from members to households -----------------------------------------------------------


def over_members(columns: Columns, member_state: np.ndarray) -> np.ndarray:
    """``indicators._over_members`` on columns: deprived if a member is, unknown if none is
    and one is unknown, unknown without members. Returns the 1/0/-1 verdicts."""
    state = np.zeros(columns.n, dtype=np.int8)
    np.maximum.at(state, columns.member_household, member_state)
    state[columns.member_counts() == 0] = K_UNKNOWN
    return to_verdict(state)


def count_per_household(columns: Columns, flags: np.ndarray) -> np.ndarray:
    return np.bincount(columns.member_household, weights=flags, minlength=columns.n).astype(
        np.int64
    )
