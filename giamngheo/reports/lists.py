"""Reports 14 and 15, the detailed lists: one row per household on the list at the end of the
period, with its policy groups, deprivations, support needs and members in words.

One query per report: each household's tags and members come joined into one text by a
correlated aggregate (``string_agg`` on PostgreSQL, ``group_concat`` on SQLite), read from a
server-side cursor in chunks, so a province list of 100,000 households streams in constant
memory into the constant-memory writer (``render.list_xlsx``) with no query per household.
"""

from django.db.models import Aggregate, CharField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat, ExtractYear

from giamngheo.core.ethnicity import ETHNIC_GROUPS
from giamngheo.households.models import Deprivation, Member, NeedTag, PolicyTag
from giamngheo.households.movements import status_on
from giamngheo.poverty import standard_by_code

from .catalogue import STANDARD, Report
from .scope import ReportPeriod, households_in

ETHNIC_VI = dict(ETHNIC_GROUPS)
ITEM, PART = "\x1e", "\x1f"  # record and unit separators: never typed in a name
CHUNK = 5000

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
LIST_WIDTHS = (6, 16, 24, 18, 12, 26, 40, 22, 60)
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


class Joined(Aggregate):
    """The group's texts joined by ``ITEM`` (order is restored in Python)."""

    function = "STRING_AGG"
    template = f"%(function)s(%(expressions)s, '{ITEM}')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def _joined(model, expression):
    """A correlated subquery: the household's rows of ``model`` as one text."""
    rows = model.objects.filter(household_id=OuterRef("pk")).order_by().values("household_id")
    return Subquery(rows.annotate(joined=Joined(expression)).values("joined"))


def _member_text():
    year = Coalesce(ExtractYear("date_of_birth"), "birth_year")
    return Concat(
        Cast("id", CharField()), Value(PART), "full_name", Value(PART),
        Cast(year, CharField()), Value(PART), "relation", output_field=TextField(),
    )  # fmt: skip


def _words(joined: str | None, labels: dict) -> str:
    """Codes joined in the database as their labels, in the labels' order."""
    codes = set(joined.split(ITEM)) if joined else set()
    return ", ".join([labels[c] for c in labels if c in codes] + sorted(codes - labels.keys()))


def _members(joined: str | None) -> str:
    people = []
    for item in joined.split(ITEM) if joined else ():
        pk, name, year, relation = item.split(PART)
        people.append((int(pk), f"{name} ({year or '?'}, {RELATION_VI.get(relation, relation)})"))
    return "; ".join(text for _pk, text in sorted(people))


def list_rows(report: Report, area, period: ReportPeriod, limit: int | None = None):
    """``(household code, row values)`` for every household on the report's list (the first
    ``limit``), in village and code order, from one query."""
    indicators = {i.code: i.name for i in standard_by_code(STANDARD).indicators}
    rows = (
        households_in(area)
        .annotate(st=status_on(period.end_or_today))
        .filter(st=report.list_status)
        .annotate(
            groups=_joined(PolicyTag, "group"),
            deprived=_joined(Deprivation, "indicator"),
            needs=_joined(NeedTag, "need"),
            people=_joined(Member, _member_text()),
        )
        .order_by("village__name", "code")
        .values_list(
            "code",
            "head_name",
            "village__name",
            "ethnicity",
            "groups",
            "deprived",
            "needs",
            "people",
        )  # fmt: skip
    )
    rows = rows[:limit] if limit is not None else rows.iterator(chunk_size=CHUNK)
    for n, (code, head, village, ethnicity, groups, deprived, needs, people) in enumerate(
        rows, start=1
    ):
        yield (
            code,
            [
                n,
                code,
                head,
                village,
                ETHNIC_VI.get(ethnicity, ""),
                _words(groups, GROUPS_VI),
                _words(deprived, indicators),
                _words(needs, NEEDS_VI),
                _members(people),
            ],
        )


def list_count(report: Report, area, period: ReportPeriod) -> int:
    """How many households the list holds (the job's progress bar)."""
    return (
        households_in(area)
        .annotate(st=status_on(period.end_or_today))
        .filter(st=report.list_status)
        .count()
    )
