"""The figures of a report: one GROUP BY per base, rows per sub-area, a total, and the
households behind any number (the same filter lists them as counted them).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from giamngheo.accounts.scoping import scoped
from giamngheo.core.ethnicity import ETHNIC_GROUPS
from giamngheo.geo.models import Unit
from giamngheo.households.models import Household, Member, StatusRecord
from giamngheo.households.movements import status_on
from giamngheo.poverty import standard_by_code

from .catalogue import CHILDREN, END, RECORDS, STANDARD, START, Figure, Ratio, Report
from .scope import ReportPeriod, group_field, households_in, in_area, sub_areas

ETHNIC_VI = dict(ETHNIC_GROUPS)
CHILD_AGE = 16


@dataclass
class Row:
    unit: Unit | None
    label: str
    values: dict = field(default_factory=dict)


@dataclass
class ReportTable:
    report: Report
    area: Unit
    period: ReportPeriod
    columns: list
    rows: list[Row]
    total: Row

    @property
    def shown(self) -> list:
        return [c for c in self.columns if c.shown]


def columns_for(report: Report, area: Unit, period: ReportPeriod) -> tuple:
    """The report's columns; report 9 adds a pair for each ethnic group listed in the area."""
    ethnic = ()
    if report.ethnic_columns:
        ethnic = tuple(
            households_in(area)
            .annotate(st=status_on(period.end_or_today))
            .filter(st__in=["POOR", "NEAR_POOR"])
            .exclude(ethnicity="")
            .values_list("ethnicity", flat=True)
            .distinct()
            .order_by("ethnicity")
        )
    return report.build(ethnic)


def under(age: int, on: date, member: str = "") -> Q:
    """Members younger than ``age`` on the date ``on`` (by full date, else by year of birth)."""
    born_after = date(on.year - age, on.month, min(on.day, 28))
    return Q(**{f"{member}date_of_birth__gt": born_after}) | Q(
        **{f"{member}date_of_birth__isnull": True, f"{member}birth_year__gt": on.year - age}
    )


def base_queryset(base: str, area: Unit, period: ReportPeriod) -> QuerySet:
    """What a base counts, in the area, annotated as the report's filters expect."""
    if base == RECORDS:
        return StatusRecord.objects.filter(
            in_area(area, "household__"), decision_date__range=(period.start, period.end)
        )
    if base == CHILDREN:
        return Member.objects.filter(
            in_area(area, "household__"), under(CHILD_AGE, period.end)
        ).annotate(st=status_on(period.end_or_today, "household"))
    households = households_in(area).annotate(st=status_on(period.end_or_today))
    if base == START:
        households = households.annotate(st0=status_on(period.day_before))
    return households


def _key(base: str, area: Unit) -> str:
    return ("household__" if base in (RECORDS, CHILDREN) else "") + group_field(area)


def _aggregate(base: str, figures: list[Figure], area: Unit, period: ReportPeriod) -> dict:
    """``{sub-area id: {figure key: count}}`` in one GROUP BY."""
    key = _key(base, area)
    aggregates = {f"c_{f.key}": Count("pk", filter=f.q) for f in figures}
    rows = base_queryset(base, area, period).values(key).annotate(**aggregates).order_by()
    return {r[key]: {f.key: r[f"c_{f.key}"] for f in figures} for r in rows}


def _ratio(values: dict, column: Ratio):
    den = values.get(column.den) or 0
    return round(100 * values.get(column.num, 0) / den, 2) if den else None


def build_table(report: Report, area: Unit, period: ReportPeriod) -> ReportTable:
    columns = list(columns_for(report, area, period))
    figures = [c for c in columns if isinstance(c, Figure)]
    by_base: dict[str, list[Figure]] = {}
    for f in figures:
        by_base.setdefault(END if f.base == START else f.base, []).append(f)
    if any(f.base == START for f in figures):
        by_base[START] = by_base.pop(END)
    counts: dict = {}
    for base, group in by_base.items():
        for unit_id, values in _aggregate(base, group, area, period).items():
            counts.setdefault(unit_id, {}).update(values)
    units = sub_areas(area)
    known = {u.pk for u in units}
    units += list(Unit.objects.filter(pk__in=set(counts) - known - {None}).order_by("name"))
    rows = [
        Row(u, u.name, {f.key: counts.get(u.pk, {}).get(f.key, 0) for f in figures}) for u in units
    ]
    total = Row(None, "Tổng cộng", {f.key: sum(r.values[f.key] for r in rows) for f in figures})
    for row in [*rows, total]:
        for c in columns:
            if isinstance(c, Ratio):
                row.values[c.key] = _ratio(row.values, c)
    return ReportTable(report, area, period, columns, rows, total)


def figure_for(report: Report, area: Unit, period: ReportPeriod, key: str) -> Figure | None:
    """The figure behind a column (a ratio's numerator); ``None`` for an unknown key."""
    columns = {c.key: c for c in columns_for(report, area, period)}
    column = columns.get(key)
    if isinstance(column, Ratio):
        column = columns.get(column.num)
    return column


def households_behind(
    user, report: Report, area: Unit, period: ReportPeriod, figure: Figure, unit_id: int | None
) -> QuerySet[Household]:
    """The households a number counts, in the user's area (scoped once more)."""
    selected = base_queryset(figure.base, area, period).filter(figure.q)
    if unit_id is not None:
        selected = selected.filter(**{_key(figure.base, area): unit_id})
    if figure.base in (RECORDS, CHILDREN):
        households = Household.objects.filter(pk__in=selected.values("household_id"))
    else:
        households = Household.objects.filter(pk__in=selected.values("pk"))
    return (
        scoped(households, user, "commune")
        .select_related("village")
        .order_by("village__name", "code")
    )


def list_rows(report: Report, area: Unit, period: ReportPeriod):
    """Reports 14 and 15: one row per household on the list at the end of the period, with
    its members; read in chunks with their tags prefetched (no query per household)."""
    indicators = {i.code: i.name for i in standard_by_code(STANDARD).indicators}
    households = (
        households_in(area)
        .annotate(st=status_on(period.end_or_today))
        .filter(st=report.list_status)
        .select_related("village")
        .prefetch_related("members", "policy_tags", "need_tags", "deprivations")
        .order_by("village__name", "code")
    )
    for n, h in enumerate(households.iterator(chunk_size=2000), start=1):
        members = "; ".join(
            f"{m.full_name} ({m.date_of_birth.year if m.date_of_birth else m.birth_year or '?'}, "
            f"{RELATION_VI.get(m.relation, m.relation)})"
            for m in h.members.all()
        )
        yield (
            h,
            [
                n,
                h.code,
                h.head_name,
                h.village.name,
                ETHNIC_VI.get(h.ethnicity, ""),
                ", ".join(GROUPS_VI.get(t.group, t.group) for t in h.policy_tags.all()),
                ", ".join(indicators.get(d.indicator, d.indicator) for d in h.deprivations.all()),
                ", ".join(NEEDS_VI.get(t.need, t.need) for t in h.need_tags.all()),
                members,
            ],
        )


LIST_HEADERS = [
    "STT",
    "Mã hộ",
    "Họ và tên chủ hộ",
    "Thôn",
    "Dân tộc",
    "Nhóm đối tượng chính sách",
    "Chỉ số thiếu hụt",
    "Nhu cầu hỗ trợ",
    "Thành viên (năm sinh, quan hệ với chủ hộ)",
]
RELATION_VI = {
    "head": "chủ hộ", "spouse": "vợ/chồng", "child": "con", "child_in_law": "con dâu/rể",
    "grandchild": "cháu", "parent": "bố/mẹ", "grandparent": "ông/bà", "sibling": "anh/chị/em",
    "other": "khác",
}  # fmt: skip
GROUPS_VI = {
    "ethnic_minority": "Dân tộc thiểu số", "person_of_merit": "Người có công",
    "no_working_capacity": "Không có khả năng lao động", "social_protection": "Bảo trợ xã hội",
    "agriculture": "Nông, lâm, ngư, diêm nghiệp",
}  # fmt: skip
NEEDS_VI = {
    "health": "Y tế", "education": "Giáo dục", "production": "Sản xuất", "credit": "Tín dụng",
    "housing": "Nhà ở", "other": "Khác",
}  # fmt: skip
