"""Deprivation rules: each indicator of a standard computed from household and member facts.

A rule is a small frozen dataclass whose fields are the thresholds written in the legal
text (ages, m², lists of acceptable water sources ...), so two standards that share a rule
with different thresholds are two instances, not two branches. ``evaluate`` returns the
three-valued answer (deprived ``True`` / ``False`` / unknown ``None``) and the reasons in
Vietnamese, naming members and their ages at the reference date. An unknown answer lists
the facts to collect. The household is deprived as soon as one member is clearly deprived,
even if other members are unknown (Kleene logic, see ``tristate``).

The legal wording of each rule, its source and how far it is verified are on the
``Indicator`` that uses it (``giamngheo.poverty.national``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from . import columns as col
from .ages import age_between, describe_member, of_working_age, past_working_age
from .facts import (
    EducationLevel,
    EmploymentStatus,
    HouseholdFacts,
    HousingType,
    LatrineType,
    MemberFacts,
    WasteHandling,
    WaterSource,
)
from .tristate import FALSE, TRUE, Tri, all_of, any_of, fact, not_

Verdict = tuple[bool | None, tuple[str, ...]]

_NO_MEMBERS = "Chưa có danh sách thành viên của hộ"


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """The outcome of one indicator for one household."""

    indicator: str
    deprived: bool | None
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def _unknown_text(who: str, tri: Tri) -> str:
    return f"{who}: chưa rõ {', '.join(tri.missing)}"


def _age(member: MemberFacts, on: date, low: int, below: int | None) -> Tri:
    value = age_between(member, on, low, below)
    if value is not None:
        return TRUE if value else FALSE
    if member.date_of_birth is None and member.birth_year is not None:
        return Tri(None, ("ngày sinh đầy đủ",))
    return Tri(None, ("ngày sinh",))


def _birth_label(member: MemberFacts) -> str:
    if member.date_of_birth is None and member.birth_year is not None:
        return "ngày sinh đầy đủ"
    return "ngày sinh"


def _over_members(
    household: HouseholdFacts,
    on: date,
    check: Callable[[MemberFacts], tuple[Tri, str]],
    nobody: str,
    in_group: Callable[[MemberFacts], Tri] | None = None,
    no_one_in_group: str = "",
) -> Verdict:
    """Household deprived if any member is; unknown if none is and some member is unknown.

    ``check`` returns the member's three-valued state and the phrase that says why the
    member is deprived ("không có bảo hiểm y tế"). When the rule concerns an age group
    (``in_group``) and no member can belong to it, the reason says so
    (``no_one_in_group``) instead of claiming something about "every member aged …".
    """
    if not household.members:
        return None, (_NO_MEMBERS,)
    deprived: list[str] = []
    unknown: list[str] = []
    for position, member in enumerate(household.members, start=1):
        state, phrase = check(member)
        if state.value is True:
            deprived.append(f"{describe_member(member, position, on)} {phrase}")
        elif state.value is None:
            unknown.append(_unknown_text(describe_member(member, position, on), state))
    if deprived:
        return True, tuple(deprived)
    if unknown:
        return None, tuple(unknown)
    if in_group is not None and all(in_group(m).value is False for m in household.members):
        return False, (no_one_in_group,)
    return False, (nobody,)


def _household(state: Tri, deprived: str, not_deprived: str) -> Verdict:
    if state.value is True:
        return True, (deprived,)
    if state.value is False:
        return False, (not_deprived,)
    return None, (f"Chưa rõ {', '.join(state.missing)}",)


@dataclass(frozen=True, slots=True)
class HealthServicesRule:
    """A member was seriously ill and got no medical care (2016–2020 standard)."""

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        def check(member: MemberFacts) -> tuple[Tri, str]:
            state = all_of(
                fact(member.seriously_ill, "có bị ốm đau nặng trong 12 tháng qua không"),
                not_(fact(member.received_medical_care, "có được khám chữa bệnh không")),
            )
            return state, "bị ốm đau nặng nhưng không được khám chữa bệnh"

        return _over_members(
            household, on, check, "Không có thành viên ốm đau nặng mà không được khám chữa bệnh"
        )

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        m = c.members
        state = col.k_all(col.k(m["seriously_ill"]), col.k_not(col.k(m["received_medical_care"])))
        return col.over_members(c, state)


@dataclass(frozen=True, slots=True)
class HealthInsuranceRule:
    """A member aged ``min_age`` or over has no health insurance."""

    min_age: int = 6

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        def check(member: MemberFacts) -> tuple[Tri, str]:
            state = all_of(
                _age(member, on, self.min_age, None),
                not_(fact(member.has_health_insurance, "có thẻ bảo hiểm y tế không")),
            )
            return state, "không có bảo hiểm y tế"

        return _over_members(
            household,
            on,
            check,
            f"Mọi thành viên từ {self.min_age} tuổi trở lên đều có bảo hiểm y tế",
            lambda member: _age(member, on, self.min_age, None),
            f"Hộ không có thành viên từ {self.min_age} tuổi trở lên",
        )

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        ages = col.age_months(c, on)
        state = col.k_all(
            col.k_age_between(ages, self.min_age, None),
            col.k_not(col.k(c.members["has_health_insurance"])),
        )
        return col.over_members(c, state)


@dataclass(frozen=True, slots=True)
class EducationAgeBand:
    """Members aged ``from_age`` to under ``below_age`` must have ``required`` or be studying."""

    from_age: int
    below_age: int
    required: EducationLevel
    shortfall: str


@dataclass(frozen=True, slots=True)
class AdultEducationRule:
    """A young adult is out of school without the qualification expected for their age."""

    bands: tuple[EducationAgeBand, ...]
    enterprise_certificate_counts: bool = False

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        def check(member: MemberFacts) -> tuple[Tri, str]:
            level = member.education_level
            by_band = []
            for band in self.bands:
                qualified = fact(
                    None if level is None else level.rank >= band.required.rank,
                    "trình độ học vấn",
                )
                conditions = [
                    _age(member, on, band.from_age, band.below_age),
                    not_(fact(member.in_school, "có đang đi học không")),
                    not_(qualified),
                ]
                if self.enterprise_certificate_counts:
                    conditions.append(
                        not_(
                            fact(
                                member.has_enterprise_training_certificate,
                                "có chứng chỉ đào tạo tại doanh nghiệp không",
                            )
                        )
                    )
                by_band.append((band, all_of(*conditions)))
            state = any_of(*(tri for _, tri in by_band))
            band = next((b for b, tri in by_band if tri.value is True), self.bands[0])
            return state, f"không đi học và {band.shortfall}"

        youngest = min(b.from_age for b in self.bands)
        below = max(b.below_age for b in self.bands)
        return _over_members(
            household,
            on,
            check,
            f"Mọi thành viên từ {youngest} đến {below - 1} tuổi đều đang đi học "
            "hoặc đạt trình độ theo độ tuổi",
            lambda member: _age(member, on, youngest, below),
            f"Hộ không có thành viên từ {youngest} đến {below - 1} tuổi",
        )

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        m = c.members
        ages = col.age_months(c, on)
        level = m["education_level"]
        ranks = np.array([lv.rank for lv in EducationLevel], dtype=np.int8)
        rank = np.where(level >= 0, ranks[np.maximum(level, 0)], -1)
        out_of_school = col.k_not(col.k(m["in_school"]))
        by_band = []
        for band in self.bands:
            qualified = np.where(
                rank < 0, col.K_UNKNOWN, (rank >= band.required.rank) * col.K_TRUE
            ).astype(np.int8)
            conditions = [
                col.k_age_between(ages, band.from_age, band.below_age),
                out_of_school,
                col.k_not(qualified),
            ]
            if self.enterprise_certificate_counts:
                conditions.append(col.k_not(col.k(m["has_enterprise_training_certificate"])))
            by_band.append(col.k_all(*conditions))
        return col.over_members(c, col.k_any(*by_band))


@dataclass(frozen=True, slots=True)
class ChildSchoolAttendanceRule:
    """A child aged ``from_age`` to under ``below_age`` is not in school (at their level)."""

    from_age: int
    below_age: int
    requires_age_appropriate_level: bool = False

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        def check(member: MemberFacts) -> tuple[Tri, str]:
            out_of_school = not_(fact(member.in_school, "có đang đi học không"))
            if self.requires_age_appropriate_level:
                wrong_level = not_(
                    fact(member.at_age_appropriate_level, "có học đúng cấp học theo độ tuổi không")
                )
                not_attending = any_of(out_of_school, wrong_level)
            else:
                not_attending = out_of_school
            state = all_of(_age(member, on, self.from_age, self.below_age), not_attending)
            if out_of_school.value is True or not self.requires_age_appropriate_level:
                return state, "không đi học"
            return state, "không học đúng cấp học so với độ tuổi"

        return _over_members(
            household,
            on,
            check,
            f"Mọi trẻ em từ {self.from_age} đến dưới {self.below_age} tuổi đều đi học"
            + (" đúng cấp học" if self.requires_age_appropriate_level else ""),
            lambda member: _age(member, on, self.from_age, self.below_age),
            f"Hộ không có trẻ em từ {self.from_age} đến dưới {self.below_age} tuổi",
        )

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        m = c.members
        not_attending = col.k_not(col.k(m["in_school"]))
        if self.requires_age_appropriate_level:
            wrong_level = col.k_not(col.k(m["at_age_appropriate_level"]))
            not_attending = col.k_any(not_attending, wrong_level)
        ages = col.age_months(c, on)
        state = col.k_all(col.k_age_between(ages, self.from_age, self.below_age), not_attending)
        return col.over_members(c, state)


@dataclass(frozen=True, slots=True)
class HousingQualityRule:
    """No house, or at least ``min_non_durable`` of the three main structures not durable.

    The three main structures are walls, frame (columns) and roof. A house type entered
    from the form stands for a count: semi-durable 1, less-durable 2, makeshift 3. Every
    national standard uses 2: a less-durable or makeshift house is deprived, a semi-durable
    one is not (standards.md, corrected 2026-11-29).
    """

    min_non_durable: int

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        if household.has_house is False:
            return True, ("Hộ không có nhà ở",)
        structures = (household.walls_durable, household.frame_durable, household.roof_durable)
        if any(value is not None for value in structures):
            non_durable = sum(1 for value in structures if value is False)
            unknown = sum(1 for value in structures if value is None)
            described = f"{non_durable}/3 kết cấu chính (tường, khung-cột, mái) không bền chắc"
        elif household.housing_type is not None:
            non_durable = household.housing_type.non_durable_structures
            unknown = 0
            described = f"Hộ ở {household.housing_type.label}"
        else:
            return None, ("Chưa rõ loại nhà ở và vật liệu tường, khung-cột, mái",)
        if non_durable >= self.min_non_durable:
            return True, (described,)
        if non_durable + unknown < self.min_non_durable:
            return False, (
                f"{described}: không thiếu hụt (thiếu hụt khi từ {self.min_non_durable}/3 "
                "kết cấu chính không bền chắc)",
            )
        return None, (f"{described}; chưa rõ vật liệu của {unknown} kết cấu còn lại",)

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        h = c.households
        structures = np.stack([h["walls_durable"], h["frame_durable"], h["roof_durable"]])
        entered = (structures >= 0).any(axis=0)
        by_type = np.array([t.non_durable_structures for t in HousingType], dtype=np.int8)
        kind = h["housing_type"]
        non_durable = np.where(entered, (structures == 0).sum(axis=0), by_type[np.maximum(kind, 0)])
        unknown = np.where(entered, (structures < 0).sum(axis=0), 0)
        verdict = np.where(
            non_durable >= self.min_non_durable,
            1,
            np.where(non_durable + unknown < self.min_non_durable, 0, -1),
        ).astype(np.int8)
        verdict[~entered & (kind < 0)] = -1
        verdict[h["has_house"] == 0] = 1
        return verdict


@dataclass(frozen=True, slots=True)
class FloorAreaRule:
    """Living floor area per person below ``min_m2_per_person``."""

    min_m2_per_person: float = 8.0

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        if household.has_house is False:
            return True, ("Hộ không có nhà ở",)
        size = household.size
        if household.floor_area_m2 is None or not size:
            missing = []
            if household.floor_area_m2 is None:
                missing.append("diện tích nhà ở")
            if not size:
                missing.append("số nhân khẩu")
            return None, (f"Chưa rõ {', '.join(missing)}",)
        per_person = household.floor_area_m2 / size
        text = (
            f"Diện tích nhà ở bình quân {_m2(per_person)} m²/người "
            f"({_m2(household.floor_area_m2)} m², {size} người)"
        )
        # Compare totals rather than a quotient so that exactly 8 m² per person is not
        # turned into 7.999... by floating-point division.
        if household.floor_area_m2 < self.min_m2_per_person * size:
            return True, (f"{text}, dưới {_m2(self.min_m2_per_person)} m²/người",)
        return False, (f"{text}, từ {_m2(self.min_m2_per_person)} m²/người trở lên",)

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        area = c.households["floor_area_m2"]
        size = c.size()
        known = ~np.isnan(area) & (size > 0)
        with np.errstate(invalid="ignore"):
            below = area < self.min_m2_per_person * size
        verdict = np.where(known, below.astype(np.int8), -1).astype(np.int8)
        verdict[c.households["has_house"] == 0] = 1
        return verdict


def _m2(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


@dataclass(frozen=True, slots=True)
class WaterSourceRule:
    """The main domestic water source is not one of ``safe_sources``."""

    safe_sources: frozenset[WaterSource]

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        source = household.water_source
        if source is None:
            return None, ("Chưa rõ nguồn nước sinh hoạt",)
        if source in self.safe_sources:
            return False, (f"Nguồn nước sinh hoạt là {source.label}, hợp vệ sinh",)
        return True, (f"Nguồn nước sinh hoạt là {source.label}, không hợp vệ sinh",)

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        return _by_enum(c.households["water_source"], WaterSource, self.safe_sources)


@dataclass(frozen=True, slots=True)
class LatrineRule:
    """The household does not use a latrine of one of the ``hygienic_types``."""

    hygienic_types: frozenset[LatrineType]

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        latrine = household.latrine_type
        if latrine is None:
            return None, ("Chưa rõ loại nhà tiêu",)
        if latrine in self.hygienic_types:
            return False, (f"Hộ dùng {latrine.label}, hợp vệ sinh",)
        return True, (f"Hộ dùng {latrine.label}, không hợp vệ sinh",)

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        return _by_enum(c.households["latrine_type"], LatrineType, self.hygienic_types)


@dataclass(frozen=True, slots=True)
class TelecomUseRule:
    """No member uses the internet (nor, when ``telephone_counts``, a telephone)."""

    telephone_counts: bool = False

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        uses = [fact(household.any_member_uses_internet, "có thành viên dùng internet không")]
        services = "internet"
        if self.telephone_counts:
            uses.append(
                fact(household.any_member_uses_telephone, "có thành viên dùng điện thoại không")
            )
            services = "điện thoại hoặc internet"
        return _household(
            not_(any_of(*uses)),
            f"Không thành viên nào sử dụng {services}",
            f"Có thành viên sử dụng {services}",
        )

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        uses = [col.k(c.households["any_member_uses_internet"])]
        if self.telephone_counts:
            uses.append(col.k(c.households["any_member_uses_telephone"]))
        return col.to_verdict(col.k_not(col.k_any(*uses)))


_MEANS_LABELS = {
    "has_television": "tivi",
    "has_radio": "radio",
    "has_computer": "máy vi tính",
    "has_phone": "điện thoại",
    "has_tablet": "máy tính bảng",
}


@dataclass(frozen=True, slots=True)
class InformationMeansRule:
    """The household owns none of ``means`` (and, if asked, cannot hear the loudspeaker)."""

    means: tuple[str, ...]
    loudspeaker_counts: bool = False

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        names = [_MEANS_LABELS[field] for field in self.means]
        owned = [
            fact(getattr(household, field), f"có {label} không")
            for field, label in zip(self.means, names, strict=True)
        ]
        lacking = f"Hộ không có {', '.join(names)}"
        if self.loudspeaker_counts:
            owned.append(
                fact(household.hears_public_loudspeaker, "có nghe được loa truyền thanh không")
            )
            lacking += " và không nghe được hệ thống loa truyền thanh"
        return _household(not_(any_of(*owned)), lacking, "Hộ có phương tiện tiếp cận thông tin")

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        owned = [col.k(c.households[field]) for field in self.means]
        if self.loudspeaker_counts:
            owned.append(col.k(c.households["hears_public_loudspeaker"]))
        return col.to_verdict(col.k_not(col.k_any(*owned)))


@dataclass(frozen=True, slots=True)
class EmploymentRule:
    """A member of working age is unemployed, or works for wages without a contract."""

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        def check(member: MemberFacts) -> tuple[Tri, str]:
            status = member.employment_status
            status_missing = "tình trạng việc làm"
            unemployed = fact(
                None if status is None else status == EmploymentStatus.UNEMPLOYED, status_missing
            )
            employed = fact(
                None if status is None else status == EmploymentStatus.EMPLOYED, status_missing
            )
            no_contract = all_of(
                employed,
                fact(member.is_wage_earner, "có làm công ăn lương không"),
                not_(fact(member.has_labour_contract, "có hợp đồng lao động không")),
            )
            working_age = of_working_age(member, on)
            age = (
                Tri(None, (_birth_label(member) + ", giới tính",))
                if working_age is None
                else fact(working_age, "")
            )
            state = all_of(age, any_of(unemployed, no_contract))
            if unemployed.value is True:
                return state, "trong độ tuổi lao động bị thất nghiệp"
            return state, "làm công ăn lương không có hợp đồng lao động"

        return _over_members(
            household,
            on,
            check,
            "Không có thành viên trong độ tuổi lao động thất nghiệp hoặc làm công ăn lương "
            "không có hợp đồng lao động",
            lambda member: fact(of_working_age(member, on), ""),
            "Hộ không có thành viên trong độ tuổi lao động",
        )

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        m = c.members
        status = m["employment_status"]
        unemployed = col.k_fact_eq(status, EmploymentStatus, EmploymentStatus.UNEMPLOYED)
        employed = col.k_fact_eq(status, EmploymentStatus, EmploymentStatus.EMPLOYED)
        no_contract = col.k_all(
            employed, col.k(m["is_wage_earner"]), col.k_not(col.k(m["has_labour_contract"]))
        )
        age = col.k_of_working_age(c, col.age_months(c, on), on)
        return col.over_members(c, col.k_all(age, col.k_any(unemployed, no_contract)))


@dataclass(frozen=True, slots=True)
class DependantsRule:
    """Dependants are more than ``max_share`` of the household's members.

    Who counts as a dependant is data: children under ``child_below_age``, and, as the
    standard says, people past working age, people with severe disabilities, people
    receiving the monthly social allowance.
    """

    max_share: float = 0.5
    child_below_age: int = 16
    past_working_age_counts: bool = True
    severe_disability_counts: bool = True
    social_allowance_counts: bool = False

    def _dependant(self, member: MemberFacts, on: date) -> Tri:
        criteria = [_age(member, on, 0, self.child_below_age)]
        if self.past_working_age_counts:
            past = past_working_age(member, on)
            criteria.append(
                Tri(None, (_birth_label(member) + ", giới tính",))
                if past is None
                else fact(past, "")
            )
        if self.severe_disability_counts:
            criteria.append(fact(member.severe_disability, "có khuyết tật nặng không"))
        if self.social_allowance_counts:
            criteria.append(
                fact(
                    member.receives_monthly_social_allowance,
                    "có hưởng trợ cấp xã hội hằng tháng không",
                )
            )
        return any_of(*criteria)

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        if not household.members:
            return None, (_NO_MEMBERS,)
        size = max(household.size or 0, len(household.members))
        dependants: list[str] = []
        unknown: list[str] = []
        for position, member in enumerate(household.members, start=1):
            state = self._dependant(member, on)
            who = describe_member(member, position, on)
            if state.value is True:
                dependants.append(who)
            elif state.value is None:
                unknown.append(_unknown_text(who, state))
        missing_members = size - len(household.members)
        undecided = len(unknown) + missing_members
        share = f"{len(dependants)}/{size} thành viên là người phụ thuộc"
        listed = f" ({', '.join(dependants)})" if dependants else ""
        limit = f"{self.max_share:.0%}".replace(".", ",")
        if len(dependants) > self.max_share * size:
            return True, (f"{share}{listed}, trên {limit}",)
        if len(dependants) + undecided <= self.max_share * size:
            return False, (f"{share}{listed}, không quá {limit}",)
        reasons = [f"{share}{listed}; chưa xác định được {undecided} thành viên"]
        reasons.extend(unknown)
        if missing_members:
            reasons.append(f"Thiếu thông tin {missing_members} thành viên")
        return None, tuple(reasons)

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        m = c.members
        ages = col.age_months(c, on)
        criteria = [col.k_age_between(ages, 0, self.child_below_age)]
        if self.past_working_age_counts:
            criteria.append(col.k_past_working_age(c, ages, on))
        if self.severe_disability_counts:
            criteria.append(col.k(m["severe_disability"]))
        if self.social_allowance_counts:
            criteria.append(col.k(m["receives_monthly_social_allowance"]))
        state = col.k_any(*criteria)
        dependants = col.count_per_household(c, state == col.K_TRUE)
        unknown = col.count_per_household(c, state == col.K_UNKNOWN)
        listed = c.member_counts()
        size = np.maximum(np.maximum(c.households["member_count"], 0), listed)
        undecided = unknown + (size - listed)
        limit = self.max_share * size
        verdict = np.where(
            dependants > limit, 1, np.where(dependants + undecided <= limit, 0, -1)
        ).astype(np.int8)
        verdict[listed == 0] = -1
        return verdict


@dataclass(frozen=True, slots=True)
class NutritionRule:
    """A child under ``below_age`` is stunted or underweight."""

    below_age: int = 16

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        def check(member: MemberFacts) -> tuple[Tri, str]:
            state = all_of(
                _age(member, on, 0, self.below_age),
                any_of(
                    fact(member.stunted, "có thấp còi không"),
                    fact(member.underweight, "có nhẹ cân không"),
                ),
            )
            return state, "bị suy dinh dưỡng (thấp còi hoặc nhẹ cân)"

        return _over_members(
            household,
            on,
            check,
            f"Không có trẻ em dưới {self.below_age} tuổi bị suy dinh dưỡng",
            lambda member: _age(member, on, 0, self.below_age),
            f"Hộ không có trẻ em dưới {self.below_age} tuổi",
        )

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        m = c.members
        state = col.k_all(
            col.k_age_between(col.age_months(c, on), 0, self.below_age),
            col.k_any(col.k(m["stunted"]), col.k(m["underweight"])),
        )
        return col.over_members(c, state)


@dataclass(frozen=True, slots=True)
class WasteHandlingRule:
    """Household solid waste is not handled in one of the ``adequate`` ways."""

    adequate: frozenset[WasteHandling]

    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict:
        handling = household.waste_handling
        if handling is None:
            return None, ("Chưa rõ cách xử lý rác thải sinh hoạt",)
        if handling in self.adequate:
            return False, (f"Rác thải sinh hoạt {handling.label}",)
        return True, (f"Rác thải sinh hoạt {handling.label}, không được xử lý hợp vệ sinh",)

    def evaluate_columns(self, c: col.Columns, on: date) -> np.ndarray:
        return _by_enum(c.households["waste_handling"], WasteHandling, self.adequate)


def _by_enum(codes: np.ndarray, enum, acceptable) -> np.ndarray:
    """Deprived unless the code is one of ``acceptable``; unknown when no code."""
    ok = col.enum_mask(enum, acceptable)
    return np.where(codes < 0, -1, (~ok[np.maximum(codes, 0)]).astype(np.int8)).astype(np.int8)
