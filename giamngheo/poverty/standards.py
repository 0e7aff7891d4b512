"""The shape of a multidimensional poverty standard, as data.

A ``Standard`` carries everything the engine needs and nothing it has to branch on: its
legal basis, the years it is in force, the income bands by area with the rule that turns
income and the number of deprivations into a category, the dimensions and indicators
(each with its own rule object, legal source and verification status), the survey-form
(phiếu B) score thresholds and the low-income-worker lines. Adding a standard means adding
one definition in ``national.py``; a province's own standard is ``derive_standard(...)``.

The classification rule of every national standard so far is a list of income bands read
from the bottom up (Decision 59/2015/QĐ-TTg Art. 2; Decree 07/2021/NĐ-CP Art. 3(2);
Decree 351/2025/NĐ-CP): the first band whose line the income does not exceed decides,
either outright or by comparing the number of deprivations with a threshold. The same
shape serves the survey-form scores, with points instead of đồng.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Protocol

from .codes import Area, Category, Verification, format_dong
from .facts import HouseholdFacts
from .indicators import IndicatorResult, Verdict


class Rule(Protocol):
    def evaluate(self, household: HouseholdFacts, on: date) -> Verdict: ...


def _frozen_lines(lines: Mapping[Area | str, int]) -> Mapping[Area, int]:
    parsed = {Area.parse(area): int(amount) for area, amount in lines.items()}
    missing = set(Area) - set(parsed)
    if missing:
        raise ValueError(f"Thiếu mức cho khu vực: {', '.join(a.label for a in missing)}")
    return MappingProxyType(parsed)


@dataclass(frozen=True)
class Band:
    """One band of the classification rule, bounded above (inclusive) by ``lines[area]``.

    ``min_deprivations`` = 0 means the band decides ``category`` outright; otherwise
    ``category`` needs at least that many deprivations and ``category_if_fewer`` applies
    below it. The unit is đồng for income bands and points for survey-form score bands.
    """

    code: str
    name: str
    lines: Mapping[Area, int]
    category: Category
    min_deprivations: int = 0
    category_if_fewer: Category | None = None
    source: str = ""
    verification: Verification = Verification.VERIFIED
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _frozen_lines(self.lines))
        if self.min_deprivations and self.category_if_fewer is None:
            raise ValueError(f"Band {self.code}: category_if_fewer is required")


@dataclass(frozen=True)
class ClassificationRule:
    """One outcome of the classification: a stable id, its category and its wording."""

    id: str
    category: Category
    text: str


# Outcomes within a band: the deprivation threshold is met, not met, or undecided.
MET, FEWER, UNDECIDED = 0, 1, 2


@dataclass(frozen=True)
class RuleTable:
    """Every outcome of a list of bands, and where each outcome sits in ``rules``.

    ``by_band[i][outcome]`` is the index of the rule for band ``i`` and outcome ``MET`` /
    ``FEWER`` / ``UNDECIDED``. Single and bulk classification both read this table, which
    is why they give the same rule ids.
    """

    rules: tuple[ClassificationRule, ...]
    by_band: tuple[tuple[int, int, int], ...]
    above: int
    measure_unknown: int
    area_unknown: int


def band_rules(
    standard_code: str,
    bands: Sequence[Band],
    measure: str,
    measure_code: str,
    unit: str,
    deprivation_unit: str,
) -> RuleTable:
    """Build the rule table of a list of bands, with generated Vietnamese wording."""

    def amount(band: Band) -> str:
        lines = ", ".join(f"{area.label} {_amount(band.lines[area], unit)}" for area in Area)
        return f"{band.name} ({lines})"

    rules: list[ClassificationRule] = []
    table: list[tuple[int, int, int]] = []
    for position, band in enumerate(bands):
        if position == 0:
            span = f"{measure} không vượt quá {amount(band)}"
        else:
            span = f"{measure} trên {bands[position - 1].name} và không vượt quá {amount(band)}"
        index = len(rules)
        of_band = _rules_of_band(standard_code, band, span, deprivation_unit)
        rules.extend(of_band)
        # One rule serves every outcome when the band does not count deprivations.
        table.append((index, index, index) if len(of_band) == 1 else (index, index + 1, index + 2))
    above = len(rules)
    rules.extend(
        [
            ClassificationRule(
                f"{standard_code}/above_lines",
                Category.NOT_POOR,
                f"{measure} trên {bands[-1].name}: {Category.NOT_POOR.label}",
            ),
            ClassificationRule(
                f"{standard_code}/{measure_code}_unknown",
                Category.UNKNOWN,
                f"Chưa có {measure.lower()}: chưa phân loại được",
            ),
            ClassificationRule(
                f"{standard_code}/area_unknown",
                Category.UNKNOWN,
                "Chưa rõ hộ ở khu vực nông thôn hay thành thị: chưa chọn được chuẩn áp dụng",
            ),
        ]
    )
    return RuleTable(tuple(rules), tuple(table), above, above + 1, above + 2)


def _rules_of_band(
    standard_code: str, band: Band, span: str, deprivation_unit: str
) -> list[ClassificationRule]:
    """The rule of a band that does not count deprivations, or its three rules (deprived,
    not deprived, undecided) when it does."""
    cite = f" ({band.source})" if band.source else ""
    prefix = f"{standard_code}/{band.code}"
    if not band.min_deprivations:
        return [ClassificationRule(prefix, band.category, f"{span}: {band.category.label}{cite}")]
    threshold = f"{band.min_deprivations} {deprivation_unit}"
    assert band.category_if_fewer is not None
    return [
        ClassificationRule(
            f"{prefix}/deprived",
            band.category,
            f"{span} và thiếu hụt từ {threshold} trở lên: {band.category.label}{cite}",
        ),
        ClassificationRule(
            f"{prefix}/not_deprived",
            band.category_if_fewer,
            f"{span} và thiếu hụt dưới {threshold}: {band.category_if_fewer.label}{cite}",
        ),
        ClassificationRule(
            f"{prefix}/undecided",
            Category.UNKNOWN,
            f"{span} nhưng còn chỉ số chưa rõ có thể làm thay đổi kết quả "
            f"({band.category.label} hay {band.category_if_fewer.label})",
        ),
    ]


def _amount(value: int, unit: str) -> str:
    return format_dong(value) if unit == "đồng" else f"{value} {unit}"


@dataclass(frozen=True)
class Dimension:
    code: str
    name: str


@dataclass(frozen=True)
class Indicator:
    """A deprivation indicator: its wording, legal source, status and computing rule."""

    code: str
    dimension: str
    name: str
    deprived_when: str
    rule: Rule
    source: str
    verification: Verification = Verification.VERIFIED
    note: str = ""

    def evaluate(self, household: HouseholdFacts, on: date) -> IndicatorResult:
        deprived, reasons = self.rule.evaluate(household, on)
        return IndicatorResult(self.code, deprived, reasons)


@dataclass(frozen=True)
class SurveyScoring:
    """Score-based classification of the survey form (phiếu B).

    The points per household characteristic were not found (regulations.md §0), so the
    income-proxy score (A, or B1 before 2022) is entered from the paper form; the
    deprivation score (B, or B2) is ``points_per_deprivation`` per deprived indicator.
    """

    score_name: str
    deprivation_score_name: str
    bands: tuple[Band, ...]
    points_per_deprivation: int
    source: str
    verification: Verification = Verification.VERIFIED
    note: str = ""


@dataclass(frozen=True)
class AreaLines:
    """Income lines by area with their legal source (e.g. the low-income-worker lines)."""

    lines: Mapping[Area, int]
    source: str
    verification: Verification = Verification.VERIFIED
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _frozen_lines(self.lines))


@dataclass(frozen=True)
class Standard:
    """A multidimensional poverty standard (chuẩn nghèo đa chiều) for a period."""

    code: str
    name: str
    years: range
    legal_basis: tuple[str, ...]
    income_bands: tuple[Band, ...]
    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    verification: Verification = Verification.VERIFIED
    note: str = ""
    survey_scoring: SurveyScoring | None = None
    low_income_worker: AreaLines | None = None
    base: str | None = None
    province: str | None = None

    def __post_init__(self) -> None:
        codes = [indicator.code for indicator in self.indicators]
        if len(set(codes)) != len(codes):
            raise ValueError(f"{self.code}: duplicate indicator codes")
        dimensions = {dimension.code for dimension in self.dimensions}
        for indicator in self.indicators:
            if indicator.dimension not in dimensions:
                raise ValueError(f"{self.code}: unknown dimension {indicator.dimension}")
        for area in Area:
            lines = [band.lines[area] for band in self.income_bands]
            if lines != sorted(lines) or len(set(lines)) != len(lines):
                raise ValueError(f"{self.code}: income lines must increase band by band")

    def __hash__(self) -> int:
        return hash((self.code, self.province))

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        return tuple(indicator.code for indicator in self.indicators)

    def indicator(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def dimension_of(self) -> dict[str, str]:
        """Indicator code → dimension code (used for Alkire–Foster nested weights)."""
        return {indicator.code: indicator.dimension for indicator in self.indicators}

    @property
    def has_average_band(self) -> bool:
        return any(band.category is Category.AVERAGE for band in self.income_bands)

    @property
    def notes(self) -> tuple[str, ...]:
        """Every caveat in the data, in Vietnamese, for an explanation page."""
        found = [self.note] if self.note else []
        found += [f"{band.name}: {band.note}" for band in self.income_bands if band.note]
        found += [f"{ind.name}: {ind.note}" for ind in self.indicators if ind.note]
        return tuple(found)

    @cached_property
    def rule_table(self) -> RuleTable:
        return band_rules(
            self.code,
            self.income_bands,
            "Thu nhập bình quân đầu người",
            "income",
            "đồng",
            "chỉ số",
        )

    @property
    def rules(self) -> tuple[ClassificationRule, ...]:
        """Every possible outcome of the classification, indexed by the bulk rule codes."""
        return self.rule_table.rules

    def rule(self, rule_id: str) -> ClassificationRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def derive_standard(
    base: Standard,
    *,
    code: str,
    income_lines: Mapping[str, Mapping[Area | str, int]] | Mapping[Area | str, int],
    legal_basis: Sequence[str],
    name: str | None = None,
    province: str | None = None,
    note: str = "",
) -> Standard:
    """A province's own standard derived from a national one (Decree 351/2025/NĐ-CP).

    Provinces may set a standard above the national one, so a line may be raised but not
    lowered. ``income_lines`` maps band codes (``"poverty_line"``, ``"near_poverty_line"``,
    ``"average"``) to lines by area; a mapping keyed by area alone sets the poverty line
    (the first band). Indicators and the classification rule stay the national ones. The
    survey-form score thresholds are calibrated on the national lines, so they are dropped.
    """
    if all(_is_area(key) for key in income_lines):
        by_band: dict[str, Mapping] = {base.income_bands[0].code: income_lines}
    else:
        by_band = dict(income_lines)  # type: ignore[arg-type]
    known = {band.code for band in base.income_bands}
    unknown = set(by_band) - known
    if unknown:
        raise ValueError(f"Chuẩn {base.code} không có mức: {', '.join(sorted(unknown))}")
    bands = []
    for band in base.income_bands:
        if band.code not in by_band:
            bands.append(band)
            continue
        lines = _frozen_lines(by_band[band.code])
        for area in Area:
            if lines[area] < band.lines[area]:
                raise ValueError(
                    f"Chuẩn địa phương không được thấp hơn chuẩn quốc gia: {band.name} "
                    f"{area.label} {format_dong(lines[area])} < {format_dong(band.lines[area])}"
                )
        bands.append(dataclasses.replace(band, lines=lines, source="; ".join(legal_basis)))
    return dataclasses.replace(
        base,
        code=code,
        name=name or f"{base.name} (địa phương)",
        legal_basis=tuple(legal_basis) + base.legal_basis,
        income_bands=tuple(bands),
        survey_scoring=None,
        base=base.code,
        province=province,
        note=note or base.note,
    )


def _is_area(key: object) -> bool:
    try:
        Area.parse(key)  # type: ignore[arg-type]
    except ValueError:
        return False
    return True
