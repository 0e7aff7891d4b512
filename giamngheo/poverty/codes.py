"""Codes shared by the whole engine: areas, household categories, verification status.

The string values are the stable codes stored by the Django register (glossary.md:
``Area.RURAL``/``Area.URBAN``, ``POOR``/``NEAR_POOR``/``AVERAGE``); the small integer codes
are what the bulk path (``giamngheo.poverty.bulk``) keeps in numpy arrays.
"""

from __future__ import annotations

from enum import StrEnum


class Area(StrEnum):
    """Area of residence; income lines differ by area.

    Decision 59/2015/QĐ-TTg Art. 2 and Decree 07/2021/NĐ-CP Art. 3(1)(a) set one line for
    rural areas (nông thôn, communes) and another for urban areas (thành thị / đô thị, wards).
    """

    RURAL = "rural"
    URBAN = "urban"

    @property
    def label(self) -> str:
        return _AREA_LABELS[self]

    @property
    def code(self) -> int:
        """Integer code used in bulk arrays (``AREA_UNKNOWN`` = -1 for unknown)."""
        return _AREA_CODES[self]

    @classmethod
    def parse(cls, value: Area | str | None) -> Area | None:
        """Accept an ``Area``, its value in any case (``"RURAL"``, ``"rural"``) or ``None``."""
        if value is None or isinstance(value, Area):
            return value
        return cls(str(value).lower())


_AREA_LABELS = {Area.RURAL: "nông thôn", Area.URBAN: "thành thị"}
_AREA_CODES = {Area.RURAL: 0, Area.URBAN: 1}
AREA_UNKNOWN = -1
AREA_BY_CODE = {code: area for area, code in _AREA_CODES.items()}


class Category(StrEnum):
    """Household category decided by a standard (glossary.md codes).

    ``UNKNOWN`` is not a legal category: it says the facts entered so far cannot decide one,
    so the household must be surveyed further before it can be listed.
    """

    POOR = "POOR"
    NEAR_POOR = "NEAR_POOR"
    AVERAGE = "AVERAGE"
    NOT_POOR = "NOT_POOR"
    UNKNOWN = "UNKNOWN"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]

    @property
    def code(self) -> int:
        """Integer code used in bulk arrays."""
        return _CATEGORY_CODES[self]


_CATEGORY_LABELS = {
    Category.POOR: "hộ nghèo",
    Category.NEAR_POOR: "hộ cận nghèo",
    Category.AVERAGE: "hộ có mức sống trung bình",
    Category.NOT_POOR: "hộ không thuộc diện nghèo, cận nghèo",
    Category.UNKNOWN: "chưa đủ thông tin để phân loại",
}
_CATEGORY_CODES = {
    Category.NOT_POOR: 0,
    Category.POOR: 1,
    Category.NEAR_POOR: 2,
    Category.AVERAGE: 3,
    Category.UNKNOWN: 4,
}
CATEGORY_BY_CODE = {code: category for category, code in _CATEGORY_CODES.items()}


class Verification(StrEnum):
    """How far a value in a standard has been checked against the legal text.

    regulations.md labels every fact; the label travels with the data so a UI can show it
    next to an explanation instead of hiding an uncertain rule.
    """

    VERIFIED = "verified"
    TO_CONFIRM = "to_confirm"
    UNVERIFIED = "unverified"
    PROVISIONAL = "provisional"

    @property
    def label(self) -> str:
        return _VERIFICATION_LABELS[self]


_VERIFICATION_LABELS = {
    Verification.VERIFIED: "đã đối chiếu",
    Verification.TO_CONFIRM: "cần đối chiếu với văn bản gốc",
    Verification.UNVERIFIED: "CHƯA KIỂM CHỨNG",
    Verification.PROVISIONAL: "TẠM THỜI (theo dự thảo)",
}


def format_dong(amount: int | float) -> str:
    """Format an amount of đồng the Vietnamese way: ``1.500.000 đồng``."""
    return f"{int(amount):,}".replace(",", ".") + " đồng"
