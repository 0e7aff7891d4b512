"""The review procedures as data: durations, windows, forms and their legal basis.

A new circular changes this module (a new ``Procedure`` with its dates), not the
workflow code. Values marked ``verified=False`` are believed but not confirmed against
the official text (regulations.md §5); the pages show them with "theo …" and the note.
"""

import datetime
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Duration:
    days: int
    working: bool
    basis: str
    verified: bool = True

    @property
    def label(self) -> str:
        unit = "ngày làm việc" if self.working else "ngày"
        note = "" if self.verified else " — chưa xác minh với văn bản gốc"
        return f"{self.days} {unit} (theo {self.basis}{note})"


@dataclass(frozen=True)
class FormRef:
    code: str
    name: str
    basis: str

    @property
    def label(self) -> str:
        return f"{self.code} — {self.name} (theo {self.basis})"


@dataclass(frozen=True)
class ScreeningItem:
    """A "clearly not poor" characteristic on the screening form (phiếu A)."""

    code: str
    text: str


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    legal_basis: tuple[str, ...]
    valid_from: datetime.date
    valid_until: datetime.date | None
    # Ad-hoc review: the review starts on this day of the month (None: on receipt).
    adhoc_start_day: int | None
    adhoc_limit: Duration
    # Annual review window as (month, day) pairs in the review year.
    annual_window: tuple[tuple[int, int], tuple[int, int]]
    annual_window_basis: str
    posting: Duration
    complaint_recheck: Duration
    # Share of those present who must agree at the village meeting, as (numerator, denominator).
    meeting_agreement: tuple[int, int]
    meeting_basis: str
    village_meeting_for_adhoc: bool
    consult_level_above: str  # "" when the step does not exist
    report_to: str
    forms: dict[str, FormRef] = field(default_factory=dict)
    screening_items: tuple[ScreeningItem, ...] = ()
    screening_note: str = ""

    def applies_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def annual_window_for(self, year: int) -> tuple[datetime.date, datetime.date]:
        (m1, d1), (m2, d2) = self.annual_window
        return datetime.date(year, m1, d1), datetime.date(year, m2, d2)

    @property
    def meeting_agreement_label(self) -> str:
        n, d = self.meeting_agreement
        return f"≥ {100 * n // d}% số người dự họp (theo {self.meeting_basis})"

    def meeting_agreed(self, present: int, agreeing: int) -> bool:
        n, d = self.meeting_agreement
        return present > 0 and agreeing * d >= present * n


# Circular 07/2021 did not publish its phiếu A list in the sources found; these are the
# characteristics procedures.md names as examples. Kept provisional until the annex is read.
SCREENING_ITEMS = (
    ScreeningItem("car", "Có ô tô (trừ xe phục vụ sản xuất, kinh doanh nhỏ)"),
    ScreeningItem("house_value", "Có nhà ở kiên cố giá trị cao (trên ngưỡng phiếu A quy định)"),
    ScreeningItem("salaried", "Có thành viên hưởng lương trên ngưỡng phiếu A quy định"),
    ScreeningItem("business", "Có cơ sở sản xuất, kinh doanh thuê lao động thường xuyên"),
    ScreeningItem("land", "Có diện tích đất sản xuất lớn trên ngưỡng phiếu A quy định"),
)
SCREENING_NOTE = (
    "Danh sách đặc điểm phiếu A chưa xác minh với phụ lục Thông tư; hộ có một đặc điểm "
    "thì dừng, không khảo sát phiếu B."
)

_FORMS_2016 = {
    "inclusion": FormRef(
        "Phụ lục số 1a",
        "Giấy đề nghị xét duyệt bổ sung hộ nghèo, hộ cận nghèo",
        "Thông tư 17/2016/TT-BLĐTBXH",
    ),
    "exit": FormRef(
        "Phụ lục số 1b",
        "Giấy đề nghị công nhận hộ thoát nghèo, thoát cận nghèo",
        "Thông tư 17/2016/TT-BLĐTBXH (số phụ lục chưa xác minh)",
    ),
    "screening": FormRef("Phiếu A", "Phiếu nhận dạng nhanh", "Thông tư 17/2016/TT-BLĐTBXH"),
    "survey": FormRef("Phiếu B", "Phiếu rà soát hộ gia đình", "Thông tư 17/2016/TT-BLĐTBXH"),
    "decision": FormRef(
        "Quyết định",
        "Quyết định công nhận hộ nghèo, hộ cận nghèo",
        "Thông tư 17/2016/TT-BLĐTBXH",
    ),
    "summary": FormRef(
        "Biểu tổng hợp",
        "Tổng hợp kết quả rà soát hộ nghèo, hộ cận nghèo",
        "Thông tư 17/2016/TT-BLĐTBXH (mẫu biểu chưa xác minh)",
    ),
}
_FORMS_2022 = {
    "inclusion": FormRef(
        "Mẫu số 01",
        "Giấy đề nghị rà soát hộ nghèo, hộ cận nghèo hoặc xác định hộ có mức sống trung bình",
        "Quyết định 24/2021/QĐ-TTg",
    ),
    "exit": FormRef(
        "Mẫu số 04",
        "Giấy đề nghị công nhận hộ thoát nghèo, hộ thoát cận nghèo",
        "Quyết định 24/2021/QĐ-TTg",
    ),
    "screening": FormRef(
        "Phiếu A", "Phiếu nhận diện nhanh đặc điểm hộ gia đình", "Thông tư 07/2021/TT-BLĐTBXH"
    ),
    "survey": FormRef(
        "Phiếu B", "Phiếu rà soát thu nhập và mức độ thiếu hụt", "Thông tư 07/2021/TT-BLĐTBXH"
    ),
    "decision": FormRef(
        "Mẫu số 02",
        "Quyết định công nhận danh sách hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo",
        "Quyết định 24/2021/QĐ-TTg",
    ),
    "certificate": FormRef(
        "Mẫu số 03", "Giấy chứng nhận hộ nghèo, hộ cận nghèo", "Quyết định 24/2021/QĐ-TTg"
    ),
    "summary": FormRef(
        "Biểu tổng hợp",
        "Tổng hợp kết quả rà soát hộ nghèo, hộ cận nghèo",
        "Thông tư 07/2021/TT-BLĐTBXH (mẫu biểu chưa xác minh)",
    ),
}

_POSTING_2022 = Duration(3, True, "Quyết định 24/2021/QĐ-TTg, Điều 4", verified=False)
_RECHECK_2022 = Duration(3, True, "Quyết định 24/2021/QĐ-TTg, Điều 4", verified=False)

_QD24 = Procedure(
    code="qd24-2021",
    name="Quy trình rà soát theo Quyết định 24/2021/QĐ-TTg",
    legal_basis=(
        "Quyết định 24/2021/QĐ-TTg",
        "Thông tư 07/2021/TT-BLĐTBXH, sửa đổi bởi Thông tư 02/2022/TT-BLĐTBXH",
    ),
    # Decision 24/2021/QĐ-TTg took effect on 01/09/2021: the annual review at the end of
    # 2021 (for the 2022–2025 standard) ran under it (procedures.md).
    valid_from=datetime.date(2021, 9, 1),
    valid_until=datetime.date(2025, 6, 30),
    adhoc_start_day=15,
    adhoc_limit=Duration(15, False, "Quyết định 24/2021/QĐ-TTg, Điều 5"),
    annual_window=((9, 1), (12, 14)),
    annual_window_basis="Quyết định 24/2021/QĐ-TTg, Điều 3",
    posting=_POSTING_2022,
    complaint_recheck=_RECHECK_2022,
    meeting_agreement=(1, 2),
    meeting_basis="Quyết định 24/2021/QĐ-TTg, Điều 4",
    village_meeting_for_adhoc=True,
    consult_level_above="Chủ tịch UBND cấp huyện",
    report_to="UBND cấp huyện",
    forms=_FORMS_2022,
    screening_items=SCREENING_ITEMS,
    screening_note=SCREENING_NOTE,
)

PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        code="tt17-2016",
        name="Quy trình rà soát theo Thông tư 17/2016/TT-BLĐTBXH",
        legal_basis=(
            "Thông tư 17/2016/TT-BLĐTBXH",
            "Thông tư 14/2018/TT-BLĐTBXH (sửa đổi, bổ sung)",
        ),
        valid_from=datetime.date(2016, 8, 15),
        # Replaced by Decision 24/2021/QĐ-TTg from its effective date, 01/09/2021.
        valid_until=datetime.date(2021, 8, 31),
        adhoc_start_day=None,
        adhoc_limit=Duration(7, True, "Thông tư 14/2018/TT-BLĐTBXH"),
        annual_window=((9, 1), (12, 14)),
        annual_window_basis="Thông tư 17/2016/TT-BLĐTBXH (thời gian chưa xác minh)",
        posting=Duration(3, True, "Thông tư 17/2016/TT-BLĐTBXH", verified=False),
        complaint_recheck=Duration(3, True, "Thông tư 17/2016/TT-BLĐTBXH", verified=False),
        meeting_agreement=(1, 2),
        meeting_basis="Thông tư 17/2016/TT-BLĐTBXH",
        village_meeting_for_adhoc=False,
        consult_level_above="Chủ tịch UBND cấp huyện",
        report_to="UBND cấp huyện",
        forms=_FORMS_2016,
        screening_items=SCREENING_ITEMS,
        screening_note=SCREENING_NOTE,
    ),
    _QD24,
    # Since 01/07/2025 the two-level local government: the same procedure without the
    # district step (Decree 131/2025).
    replace(
        _QD24,
        code="qd24-2021-2cap",
        name="Quy trình rà soát theo Quyết định 24/2021/QĐ-TTg (chính quyền hai cấp)",
        legal_basis=(
            *_QD24.legal_basis,
            "Nghị định 131/2025/NĐ-CP; Thông tư 13/2025/TT-BNNMT (bỏ bước cấp huyện)",
        ),
        valid_from=datetime.date(2025, 7, 1),
        valid_until=None,
        consult_level_above="",
        report_to="UBND tỉnh (cơ quan chuyên môn về giảm nghèo) — chưa xác minh",
    ),
)


def procedure_on(day: datetime.date) -> Procedure:
    """The procedure in force on ``day`` (before 15/08/2016 the 2016 circular is used)."""
    for procedure in PROCEDURES:
        if procedure.applies_on(day):
            return procedure
    return PROCEDURES[0]


def procedure_by_code(code: str) -> Procedure:
    for procedure in PROCEDURES:
        if procedure.code == code:
            return procedure
    raise KeyError(code)


PROCEDURE_CHOICES = [(p.code, p.name) for p in PROCEDURES]


def add_working_days(start: datetime.date, days: int, holidays=()) -> datetime.date:
    """The last day of a period of ``days`` working days starting on ``start`` (inclusive).

    Saturdays, Sundays and the given public holidays do not count; a period starting on a
    day off starts on the next working day.
    """
    holidays = set(holidays)
    day = start
    counted = 0
    while True:
        if day.weekday() < 5 and day not in holidays:
            counted += 1
            if counted >= days:
                return day
        day += datetime.timedelta(days=1)


def period_end(start: datetime.date, duration: Duration, holidays=()) -> datetime.date:
    if duration.working:
        return add_working_days(start, duration.days, holidays)
    return start + datetime.timedelta(days=duration.days - 1)


def adhoc_start(procedure: Procedure, received_on: datetime.date) -> datetime.date:
    """When the ad-hoc review of an application starts: the next 15th (Decision 24/2021
    Art. 5: monthly, from the 15th), or the day of receipt (Circular 14/2018)."""
    day = procedure.adhoc_start_day
    if day is None or received_on.day == day:
        return received_on
    if received_on.day < day:
        return received_on.replace(day=day)
    month = received_on.month % 12 + 1
    year = received_on.year + (received_on.month == 12)
    return datetime.date(year, month, day)


def adhoc_deadline(procedure: Procedure, received_on: datetime.date, holidays=()) -> datetime.date:
    """The chair's decision is due within the limit counted from the review's start."""
    start = adhoc_start(procedure, received_on)
    if procedure.adhoc_limit.working:
        # "within 7 working days of the request": the day of receipt does not count.
        return add_working_days(
            start + datetime.timedelta(days=1), procedure.adhoc_limit.days, holidays
        )
    return start + datetime.timedelta(days=procedure.adhoc_limit.days)
