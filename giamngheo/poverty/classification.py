"""Classifying one household: deprivation profile, category and the rule that decided it.

The rule of every standard is data (``Standard.income_bands``): the first band whose line
the income per person does not exceed decides, outright or by the number of deprived
indicators (Decision 59/2015/QĐ-TTg Art. 2; Decree 07/2021/NĐ-CP Art. 3(2); Decree
351/2025/NĐ-CP). Unknowns are handled honestly:

* unknown income (or area) → ``UNKNOWN``; the review must collect it;
* unknown indicators only matter when they could change the outcome: with ``d`` deprived
  and ``u`` unknown against a threshold ``t``, the household is decided when ``d >= t``
  (whatever the unknowns) or ``d + u < t`` (even if all unknowns were deprived), and is
  ``UNKNOWN`` otherwise, with an explanation of what would decide it.

``giamngheo.poverty.bulk`` applies the same table to millions of rows at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .codes import Area, Category, format_dong
from .facts import HouseholdFacts
from .indicators import IndicatorResult
from .national import standard_for_year
from .standards import FEWER, MET, UNDECIDED, Band, RuleTable, Standard, band_rules


@dataclass(frozen=True)
class Classification:
    """The category of one household and the rule that decided it."""

    category: Category
    rule_id: str
    rule: str
    explanation: str
    standard: str


@dataclass(frozen=True)
class DeprivationProfile:
    """The result of every indicator of a standard for one household at a reference date."""

    standard: str
    on: date
    results: tuple[IndicatorResult, ...]

    @property
    def deprived(self) -> tuple[str, ...]:
        return tuple(r.indicator for r in self.results if r.deprived is True)

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(r.indicator for r in self.results if r.deprived is None)

    @property
    def deprived_count(self) -> int:
        return len(self.deprived)

    @property
    def unknown_count(self) -> int:
        return len(self.unknown)

    def as_row(self) -> tuple[int, ...]:
        """1 deprived, 0 not deprived, -1 unknown: one row of a bulk deprivation matrix."""
        return tuple(-1 if r.deprived is None else int(r.deprived) for r in self.results)

    def result(self, indicator: str) -> IndicatorResult:
        for result in self.results:
            if result.indicator == indicator:
                return result
        raise KeyError(indicator)


@dataclass(frozen=True)
class Assessment:
    """Profile and classification of one household, as shown to a reviewer."""

    profile: DeprivationProfile
    classification: Classification

    @property
    def category(self) -> Category:
        return self.classification.category


def deprivation_profile(
    household: HouseholdFacts, standard: Standard, *, on: date
) -> DeprivationProfile:
    """Evaluate every indicator of ``standard`` with ages computed at ``on``."""
    results = tuple(indicator.evaluate(household, on) for indicator in standard.indicators)
    return DeprivationProfile(standard.code, on, results)


def assess_household(
    household: HouseholdFacts, standard: Standard | None = None, *, on: date
) -> Assessment:
    """Deprivation profile and classification of one household.

    Without ``standard``, the standard in force in the year of ``on`` is used; an annual
    review passes ``standard_for_review(year)`` explicitly.
    """
    standard = standard or standard_for_year(on.year)
    profile = deprivation_profile(household, standard, on=on)
    classification = classify(
        standard,
        income_per_capita=household.income_per_capita,
        area=household.area,
        deprived_count=profile.deprived_count,
        unknown_count=profile.unknown_count,
    )
    return Assessment(profile, classification)


def classify(
    standard: Standard,
    *,
    income_per_capita: int | None,
    area: Area | str | None,
    deprived_count: int,
    unknown_count: int = 0,
) -> Classification:
    """Classify one household from its income per person per month and deprivation counts."""
    if deprived_count < 0 or unknown_count < 0:
        raise ValueError("Số chỉ số thiếu hụt không được âm")
    if deprived_count + unknown_count > len(standard.indicators):
        raise ValueError(
            f"Chuẩn {standard.code} chỉ có {len(standard.indicators)} chỉ số thiếu hụt"
        )
    return _classify_bands(
        standard.code,
        standard.income_bands,
        standard.rule_table,
        value=income_per_capita,
        area=Area.parse(area),
        deprived=deprived_count,
        unknown=unknown_count,
        describe_value=lambda v: f"thu nhập bình quân {format_dong(v)}/người/tháng",
        describe_count=lambda d: f"thiếu hụt {d} chỉ số",
        unit="chỉ số",
    )


def decide(
    bands: tuple[Band, ...],
    table: RuleTable,
    value: int | float | None,
    area: Area | None,
    deprived: int,
    unknown: int,
) -> int:
    """Index in ``table.rules`` of the rule that decides (the single-household path)."""
    if value is None:
        return table.measure_unknown
    if area is None:
        return table.area_unknown
    band = next(
        (index for index, item in enumerate(bands) if value <= item.lines[area]), len(bands)
    )
    return decide_in_band(bands, table, band, deprived, unknown)


def decide_in_band(
    bands: tuple[Band, ...], table: RuleTable, band: int, deprived: int, unknown: int
) -> int:
    """The rule within band number ``band`` (``len(bands)`` = above every line).

    With ``d`` deprived and ``u`` unknown against the band's threshold ``t``: ``d >= t``
    decides the band's category whatever the unknowns; ``d + u < t`` decides the lower one
    even if every unknown were deprived; otherwise the unknowns could change the outcome.
    """
    if band == len(bands):
        return table.above
    threshold = bands[band].min_deprivations
    outcomes = table.by_band[band]
    if deprived >= threshold:
        return outcomes[MET]
    if deprived + unknown < threshold:
        return outcomes[FEWER]
    return outcomes[UNDECIDED]


def _classify_bands(
    standard_code: str,
    bands: tuple[Band, ...],
    table: RuleTable,
    *,
    value: int | float | None,
    area: Area | None,
    deprived: int,
    unknown: int,
    describe_value,
    describe_count,
    unit: str,
) -> Classification:
    index = decide(bands, table, value, area, deprived, unknown)
    rule = table.rules[index]
    facts: list[str] = []
    if value is not None:
        facts.append(describe_value(value))
    if area is not None:
        facts.append(f"khu vực {area.label}")
    facts.append(describe_count(deprived))
    if unknown:
        facts.append(f"chưa rõ {unknown} chỉ số")
    explanation = f"{rule.text}. Hộ có {', '.join(facts)}."
    if rule.category is Category.UNKNOWN and value is not None and area is not None:
        band = next(b for b in bands if value <= b.lines[area])
        needed = band.min_deprivations - deprived
        assert band.category_if_fewer is not None
        explanation += (
            f" Nếu thiếu hụt thêm từ {needed} {unit} trở lên trong số {unknown} {unit} chưa rõ "
            f"thì là {band.category.label}, nếu không thì là {band.category_if_fewer.label}: "
            "cần thu thập thêm thông tin."
        )
    return Classification(rule.category, rule.id, rule.text, explanation, standard_code)


def classify_profile(
    profile: DeprivationProfile,
    standard: Standard,
    *,
    income_per_capita: int | None,
    area: Area | str | None,
) -> Classification:
    """Classify from an already computed profile (e.g. after the village meeting edits)."""
    return classify(
        standard,
        income_per_capita=income_per_capita,
        area=area,
        deprived_count=profile.deprived_count,
        unknown_count=profile.unknown_count,
    )


def classify_scores(
    standard: Standard,
    *,
    area: Area | str | None,
    score_a: int | float | None,
    score_b: int | None = None,
    deprived_indicators: Iterable[str] | int | None = None,
) -> Classification:
    """Classify from the survey-form (phiếu B) scores as entered from the paper form.

    2022–2026 (Circular 07/2021/TT-BLĐTBXH): poor when A ≤ 140 (rural) / 175 (urban) and
    B ≥ 30; near-poor when A ≤ line and B < 30. 2016–2021 (Circular 17/2016/TT-BLĐTBXH as
    amended by Circular 14/2018/TT-BLĐTBXH): B1 ≤ 120 / 140 poor; 120 < B1 ≤ 150 (140 < B1 ≤
    175 urban) poor when B2 ≥ 30, near-poor otherwise. B is ``score_b`` or, when not given,
    ``points_per_deprivation`` per deprived indicator (a count or the indicator codes).
    """
    scoring = standard.survey_scoring
    if scoring is None:
        raise ValueError(f"Chuẩn {standard.code} chưa có quy định chấm điểm phiếu B")
    if score_b is None:
        if deprived_indicators is None:
            raise ValueError(f"Cần {scoring.deprivation_score_name} hoặc các chỉ số thiếu hụt")
        count = (
            deprived_indicators
            if isinstance(deprived_indicators, int)
            else len(set(deprived_indicators))
        )
        score_b = count * scoring.points_per_deprivation
    table = _score_table(standard)
    return _classify_bands(
        standard.code,
        scoring.bands,
        table,
        value=score_a,
        area=Area.parse(area),
        deprived=score_b,
        unknown=0,
        describe_value=lambda v: f"{scoring.score_name.lower()} {v}",
        describe_count=lambda b: f"{scoring.deprivation_score_name} {b}",
        unit="điểm",
    )


def _score_table(standard: Standard) -> RuleTable:
    scoring = standard.survey_scoring
    assert scoring is not None
    return band_rules(
        f"{standard.code}/score",
        scoring.bands,
        scoring.score_name,
        "score",
        "điểm",
        f"điểm ({scoring.deprivation_score_name})",
    )


def is_low_income_worker_household(
    standard: Standard,
    *,
    income_per_capita: int | None,
    area: Area | str | None,
    category: Category,
) -> bool | None:
    """Whether members of the household count as low-income workers (Decree 30/2025/NĐ-CP).

    A low-income worker belongs to a household that is neither poor nor near-poor with an
    income per person of at most 2,250,000 (rural) / 3,000,000 (urban) đồng a month.
    ``None`` when the category, income or area is unknown.
    """
    lines = standard.low_income_worker
    if lines is None:
        raise ValueError(f"Chuẩn {standard.code} không có quy định người lao động thu nhập thấp")
    if category in (Category.POOR, Category.NEAR_POOR):
        return False
    parsed = Area.parse(area)
    if category is Category.UNKNOWN or income_per_capita is None or parsed is None:
        return None
    return income_per_capita <= lines.lines[parsed]
