"""The 15 review reports of reports.md, as data: title, columns and what each column counts.

Layouts follow the report set of Circular 07/2021/TT-BLĐTBXH as far as public material shows
(VBHN 1315/VBHN-BLĐTBXH of 2023); the exact official layouts were not found, so they live here,
in one place, to be corrected when verified ("bố cục chưa đối chiếu bản gốc").

A column is a ``Figure`` (a count, with the filter that selects what it counts, so the same
filter both aggregates and lists the households behind a number) or a ``Ratio`` of two
figures in percent. Figures count on one of four bases:

- ``end``: households, with ``st`` = the list each was on at the end of the period;
- ``start``: households, with ``st0`` = the list on the day before the period began;
- ``records``: the status decisions signed in the period (their ``movement``);
- ``children``: members under 16 at the end of the period, with ``st`` of their household.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Exists, OuterRef, Q

from giamngheo.core.ethnicity import ETHNIC_GROUPS, KINH, MINORITY_CODES
from giamngheo.households.models import (
    CauseTag,
    Deprivation,
    Movement,
    NeedTag,
    PolicyGroup,
    PolicyTag,
    PovertyCause,
    PovertyStatus,
    SupportNeed,
)
from giamngheo.households.movements import (
    NEAR_POOR_DECREASES,
    NEAR_POOR_INCREASES,
    POOR_DECREASES,
    POOR_INCREASES,
)
from giamngheo.poverty import standard_by_code

P = PovertyStatus
M = Movement
END, START, RECORDS, CHILDREN = "end", "start", "records", "children"
CAVEAT = "Mẫu theo Thông tư 07/2021/TT-BLĐTBXH (bố cục chưa đối chiếu bản gốc)."
STANDARD = "2022-2025"

POOR_VI, NEAR_VI = "Hộ nghèo", "Hộ cận nghèo"
GROUP_VI = {
    PolicyGroup.NO_WORKING_CAPACITY: "Hộ không có khả năng lao động",
    PolicyGroup.PERSON_OF_MERIT: "Hộ có người có công",
    PolicyGroup.SOCIAL_PROTECTION: "Hộ bảo trợ xã hội",
    PolicyGroup.ETHNIC_MINORITY: "Hộ dân tộc thiểu số",
}
NEED_VI = {
    SupportNeed.HEALTH: "Cần hỗ trợ y tế",
    SupportNeed.EDUCATION: "Cần hỗ trợ giáo dục",
    SupportNeed.PRODUCTION: "Cần hỗ trợ sản xuất",
    SupportNeed.CREDIT: "Cần vay vốn tín dụng",
    SupportNeed.HOUSING: "Cần hỗ trợ nhà ở",
    SupportNeed.OTHER: "Cần hỗ trợ khác",
}
CAUSE_VI = {
    PovertyCause.NO_LAND: "Thiếu đất sản xuất",
    PovertyCause.NO_CAPITAL: "Thiếu vốn",
    PovertyCause.NO_LABOUR: "Thiếu lao động",
    PovertyCause.NO_MEANS: "Thiếu phương tiện sản xuất",
    PovertyCause.NO_KNOW_HOW: "Không biết cách làm ăn",
    PovertyCause.NO_SKILLS: "Không có tay nghề",
    PovertyCause.ILLNESS: "Ốm đau, tai nạn",
    PovertyCause.OTHER: "Nguyên nhân khác",
}
ETHNIC_VI = dict(ETHNIC_GROUPS)


@dataclass(frozen=True)
class Tag:
    """A row the household must have in a table of its own (a policy group, a need, a cause,
    a deprivation): counted by a GROUP BY on that table joined to the household, listed by
    an EXISTS. No ``field``: any row of the table."""

    model: type
    field: str = ""
    value: str = ""

    @property
    def condition(self) -> Q:
        """The filter on the table's own rows."""
        return Q(**{self.field: self.value}) if self.field else Q()

    def exists(self, ref: str = "pk") -> Q:
        """The filter on households: they have such a row."""
        rows = self.model.objects.filter(self.condition, household_id=OuterRef(ref))
        return Q(Exists(rows))


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    base: str
    q: Q = field(default_factory=Q)
    group: str = ""
    shown: bool = True
    tag: Tag | None = None

    @property
    def where(self) -> Q:
        """The whole filter on the base (``q`` and the tag), to list what the figure counts."""
        return self.q & self.tag.exists() if self.tag else self.q


@dataclass(frozen=True)
class Ratio:
    key: str
    label: str
    num: str
    den: str
    group: str = ""
    shown: bool = True
    base: str = "ratio"


@dataclass(frozen=True)
class Report:
    number: int
    title: str
    build: object  # (ethnic codes present) -> tuple of columns; or None for a list report
    list_status: str = ""
    ethnic_columns: bool = False
    landscape: bool = True

    @property
    def slug(self) -> str:
        return f"bieu-{self.number:02d}"

    @property
    def is_list(self) -> bool:
        return self.build is None


def policy(group) -> Tag:
    return Tag(PolicyTag, "group", group)


def need(value) -> Tag:
    return Tag(NeedTag, "need", value)


def any_need() -> Tag:
    return Tag(NeedTag)


def cause(value) -> Tag:
    return Tag(CauseTag, "cause", value)


def deprived(indicator) -> Tag:
    return Tag(Deprivation, "indicator", indicator)


def on(status):
    return Q(st=status)


def report_1(_ethnic=()):
    total = Figure("total", "Tổng số hộ dân cư", END)
    lists = [
        Figure("poor", "Hộ nghèo", END, on(P.POOR)),
        Figure("near", "Hộ cận nghèo", END, on(P.NEAR_POOR)),
        Figure("escaped", "Hộ thoát nghèo", RECORDS, Q(movement=M.ESCAPED_POOR)),
        Figure("escaped_near", "Hộ thoát cận nghèo", RECORDS, Q(movement=M.ESCAPED_NEAR_POOR)),
        Figure(
            "average",
            "Hộ làm nông, lâm, ngư, diêm nghiệp có mức sống trung bình",
            END,
            Q(assessed_category="AVERAGE") & ~Q(st__in=[P.POOR, P.NEAR_POOR]),
            tag=policy(PolicyGroup.AGRICULTURE),
        ),
    ]
    columns = [total]
    for f in lists:
        columns += [
            replace(f, label="Số hộ", group=f.label),
            Ratio(f"{f.key}_pct", "Tỷ lệ (%)", f.key, "total", f.label),
        ]
    return tuple(columns)


def _movements(status, decreases, increases, labels):
    on_list = Q(previous_status=status)
    onto_list = Q(status=status)
    dec = [
        Figure(f"dec_{m}", labels[m], RECORDS, on_list & Q(movement__in=ms), "Giảm trong kỳ")
        for m, ms in decreases
    ]
    inc = [
        Figure(f"inc_{m}", labels[m], RECORDS, onto_list & Q(movement__in=ms), "Tăng trong kỳ")
        for m, ms in increases
    ]
    all_dec = [m for _k, ms in decreases for m in ms]
    all_inc = [m for _k, ms in increases for m in ms]
    return (
        Figure("total", "Tổng số hộ dân cư", END, shown=False),
        Figure("start", "Số hộ đầu kỳ", START, Q(st0=status)),
        Figure("dec", "Tổng số giảm", RECORDS, on_list & Q(movement__in=all_dec), "Giảm trong kỳ"),
        *dec,
        Figure(
            "inc", "Tổng số tăng", RECORDS, onto_list & Q(movement__in=all_inc), "Tăng trong kỳ"
        ),
        *inc,
        Figure("end", "Số hộ cuối kỳ", END, on(status)),
        Ratio("start_pct", "Tỷ lệ đầu kỳ (%)", "start", "total"),
        Ratio("end_pct", "Tỷ lệ cuối kỳ (%)", "end", "total"),
    )


MOVEMENT_VI = {
    M.ESCAPED_POOR: "Thoát nghèo",
    M.POOR_TO_NEAR_POOR: "Chuyển thành hộ cận nghèo",
    M.MOVED_OUT: "Chuyển đi nơi khác",
    M.DISSOLVED: "Hộ giải thể, chết",
    M.NEWLY_POOR: "Hộ nghèo phát sinh mới",
    M.FALLEN_BACK: "Hộ tái nghèo",
    M.MOVED_IN: "Chuyển đến",
    M.ESCAPED_NEAR_POOR: "Thoát cận nghèo",
    "to_poor": "Chuyển thành hộ nghèo",
    M.NEWLY_NEAR_POOR: "Hộ cận nghèo phát sinh mới",
    "from_poor": "Từ hộ nghèo chuyển sang",
}


def report_2(_ethnic=()):
    assert set(POOR_DECREASES) | set(POOR_INCREASES) <= set(MOVEMENT_VI)
    return _movements(
        P.POOR, [(m, [m]) for m in POOR_DECREASES], [(m, [m]) for m in POOR_INCREASES], MOVEMENT_VI
    )


def report_3(_ethnic=()):
    dec = [
        (M.ESCAPED_NEAR_POOR, [M.ESCAPED_NEAR_POOR]),
        ("to_poor", [M.NEWLY_POOR, M.FALLEN_BACK]),
        (M.MOVED_OUT, [M.MOVED_OUT]),
        (M.DISSOLVED, [M.DISSOLVED]),
    ]
    inc = [
        (M.NEWLY_NEAR_POOR, [M.NEWLY_NEAR_POOR]),
        ("from_poor", [M.POOR_TO_NEAR_POOR]),
        (M.MOVED_IN, [M.MOVED_IN]),
    ]
    assert {m for _k, ms in dec for m in ms} == set(NEAR_POOR_DECREASES)
    assert {m for _k, ms in inc for m in ms} == set(NEAR_POOR_INCREASES)
    return _movements(P.NEAR_POOR, dec, inc, MOVEMENT_VI)


DEPRIVATION_BUCKETS = [
    ("d1", "1 chỉ số", Q(deprived_count=1)),
    ("d2", "2 chỉ số", Q(deprived_count=2)),
    ("d3", "3 chỉ số", Q(deprived_count=3)),
    ("d4", "4 chỉ số", Q(deprived_count=4)),
    ("d5", "Từ 5 chỉ số trở lên", Q(deprived_count__gte=5)),
]


def _deprivations(status, label, percent):
    listed = on(status)
    indicators = [
        Figure(i.code, i.name, END, listed, "Số hộ thiếu hụt theo chỉ số", tag=deprived(i.code))
        for i in standard_by_code(STANDARD).indicators
    ]
    buckets = [
        Figure(k, text, END, listed & q, "Số hộ theo số chỉ số thiếu hụt")
        for k, text, q in DEPRIVATION_BUCKETS
    ]
    total = Figure("listed", f"Tổng số {label.lower()}", END, listed)
    if not percent:
        return (total, *indicators, *buckets)
    hidden = [replace(f, shown=False) for f in indicators + buckets]
    ratios = [Ratio(f"{f.key}_pct", f.label, f.key, "listed", f"{f.group} (%)") for f in hidden]
    return (total, *hidden, *ratios)


def _groups(status, prefix, label):
    listed = on(status)
    groups = [
        PolicyGroup.NO_WORKING_CAPACITY,
        PolicyGroup.PERSON_OF_MERIT,
        PolicyGroup.SOCIAL_PROTECTION,
    ]
    return (
        Figure(f"{prefix}", "Tổng số", END, listed, label),
        *(Figure(f"{prefix}_{g}", GROUP_VI[g], END, listed, label, tag=policy(g)) for g in groups),
        *(
            Figure(f"{prefix}_need_{n}", NEED_VI[n], END, listed, label, tag=need(n))
            for n in NEED_VI
        ),
    )


def report_8(_ethnic=()):
    return _groups(P.POOR, "poor", POOR_VI) + _groups(P.NEAR_POOR, "near", NEAR_VI)


def report_9(ethnic=()):
    columns = []
    for status, prefix, label in ((P.POOR, "poor", POOR_VI), (P.NEAR_POOR, "near", NEAR_VI)):
        columns += [
            Figure(prefix, "Tổng số", END, on(status), label),
            Figure(f"{prefix}_kinh", "Dân tộc Kinh", END, on(status) & Q(ethnicity=KINH), label),
            Figure(
                f"{prefix}_minority",
                "Dân tộc thiểu số",
                END,
                on(status) & Q(ethnicity__in=sorted(MINORITY_CODES)),
                label,
            ),
        ]
    for code in ethnic:
        name = f"Dân tộc {ETHNIC_VI.get(code, code)}"
        columns += [
            Figure(f"poor_e{code}", POOR_VI, END, on(P.POOR) & Q(ethnicity=code), name),
            Figure(f"near_e{code}", NEAR_VI, END, on(P.NEAR_POOR) & Q(ethnicity=code), name),
        ]
    return tuple(columns)


def report_10(_ethnic=()):
    columns = []
    for status, prefix, label in ((P.POOR, "poor", POOR_VI), (P.NEAR_POOR, "near", NEAR_VI)):
        columns += [Figure(prefix, "Tổng số", END, on(status), label)]
        columns += [
            Figure(f"{prefix}_{c}", CAUSE_VI[c], END, on(status), label, tag=cause(c))
            for c in CAUSE_VI
        ]
    return tuple(columns)


def report_11(_ethnic=()):
    columns = []
    for status, prefix, label in ((P.POOR, "poor", POOR_VI), (P.NEAR_POOR, "near", NEAR_VI)):
        group = f"Trẻ em dưới 16 tuổi thuộc {label.lower()}"
        columns += [
            Figure(prefix, "Tổng số trẻ em", CHILDREN, on(status), group),
            Figure(
                f"{prefix}_no_insurance",
                "Không có thẻ BHYT",
                CHILDREN,
                on(status) & Q(has_health_insurance=False),
                group,
            ),
            Figure(
                f"{prefix}_nutrition",
                "Thiếu hụt dinh dưỡng (thấp còi hoặc nhẹ cân)",
                CHILDREN,
                on(status) & (Q(stunted=True) | Q(underweight=True)),
                group,
            ),
            Figure(
                f"{prefix}_school",
                "Không được đi học",
                CHILDREN,
                on(status) & Q(in_school=False),
                group,
            ),
        ]
    return tuple(columns)


def _summary(status, label):
    listed = on(status)
    return (
        Figure("listed", f"Tổng số {label.lower()}", END, listed),
        Figure("minority", "Hộ dân tộc thiểu số", END, listed & Q(ethnicity__in=sorted(MINORITY_CODES)), "Trong đó"),
        *(
            Figure(g, GROUP_VI[g], END, listed, "Trong đó", tag=policy(g))
            for g in (PolicyGroup.PERSON_OF_MERIT, PolicyGroup.SOCIAL_PROTECTION, PolicyGroup.NO_WORKING_CAPACITY)
        ),
        Figure("needs", "Hộ có nhu cầu hỗ trợ", END, listed, "Trong đó", tag=any_need()),
        Figure("dep_1_2", "Thiếu hụt 1–2 chỉ số", END, listed & Q(deprived_count__in=[1, 2]), "Số chỉ số thiếu hụt"),
        Figure("dep_3", "Thiếu hụt từ 3 chỉ số trở lên", END, listed & Q(deprived_count__gte=3), "Số chỉ số thiếu hụt"),
        Figure("children", "Số trẻ em dưới 16 tuổi", CHILDREN, listed),
    )  # fmt: skip


REPORTS: tuple[Report, ...] = (
    Report(1, "Tổng hợp kết quả rà soát hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo, hộ làm nông, lâm, ngư, diêm nghiệp có mức sống trung bình", report_1),
    Report(2, "Tổng hợp diễn biến hộ nghèo", report_2),
    Report(3, "Tổng hợp diễn biến hộ cận nghèo", report_3),
    Report(4, "Phân tích chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ nghèo", lambda _e=(): _deprivations(P.POOR, POOR_VI, False)),
    Report(5, "Phân tích tỷ lệ các chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ nghèo", lambda _e=(): _deprivations(P.POOR, POOR_VI, True)),
    Report(6, "Phân tích chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ cận nghèo", lambda _e=(): _deprivations(P.NEAR_POOR, NEAR_VI, False)),
    Report(7, "Phân tích tỷ lệ các chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ cận nghèo", lambda _e=(): _deprivations(P.NEAR_POOR, NEAR_VI, True)),
    Report(8, "Phân tích hộ nghèo, hộ cận nghèo theo các nhóm đối tượng", report_8),
    Report(9, "Phân tích hộ nghèo, hộ cận nghèo theo dân tộc", report_9, ethnic_columns=True),
    Report(10, "Phân tích hộ nghèo, hộ cận nghèo theo nguyên nhân nghèo", report_10),
    Report(11, "Tổng hợp chỉ tiêu thiếu hụt của trẻ em thuộc hộ nghèo, hộ cận nghèo", report_11),
    Report(12, "Tổng hợp kết quả rà soát hộ nghèo theo chuẩn nghèo đa chiều", lambda _e=(): _summary(P.POOR, POOR_VI)),
    Report(13, "Tổng hợp kết quả rà soát hộ cận nghèo theo chuẩn nghèo đa chiều", lambda _e=(): _summary(P.NEAR_POOR, NEAR_VI)),
    Report(14, "Danh sách chi tiết hộ cận nghèo", None, list_status=P.NEAR_POOR),
    Report(15, "Danh sách chi tiết hộ nghèo", None, list_status=P.POOR),
)  # fmt: skip
BY_SLUG = {r.slug: r for r in REPORTS}
