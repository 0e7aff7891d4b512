"""Codes shared by the whole engine: areas, household categories, verification status.

The string values are the stable codes stored by the Django register (glossary.md:
``Area.RURAL``/``Area.URBAN``, ``POOR``/``NEAR_POOR``/``AVERAGE``); the small integer codes
are what the bulk path (``giamngheo.poverty.bulk``) keeps in numpy arrays.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A code written with its Vietnamese label: ``RURAL = "rural", "nông thôn"``; the
    member is the code (``Area("rural")``, ``str(Area.RURAL) == "rural"``), ``.label`` the
    label."""

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Area(LabelledEnum):
    """Area of residence; income lines differ by area.

    Decision 59/2015/QĐ-TTg Art. 2 and Decree 07/2021/NĐ-CP Art. 3(1)(a) set one line for
    rural areas (nông thôn, communes) and another for urban areas (thành thị / đô thị, wards).
    """

    RURAL = "rural", "nông thôn"
    URBAN = "urban", "thành thị"

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


_AREA_CODES = {Area.RURAL: 0, Area.URBAN: 1}
AREA_UNKNOWN = -1
AREA_BY_CODE = {code: area for area, code in _AREA_CODES.items()}


class Category(LabelledEnum):
    """Household category decided by a standard (glossary.md codes).

    ``UNKNOWN`` is not a legal category: it says the facts entered so far cannot decide one,
    so the household must be surveyed further before it can be listed.
    """

    POOR = "POOR", "hộ nghèo"
    NEAR_POOR = "NEAR_POOR", "hộ cận nghèo"
    AVERAGE = "AVERAGE", "hộ có mức sống trung bình"
    NOT_POOR = "NOT_POOR", "hộ không thuộc diện nghèo, cận nghèo"
    UNKNOWN = "UNKNOWN", "chưa đủ thông tin để phân loại"

    @property
    def code(self) -> int:
        """Integer code used in bulk arrays."""
        return _CATEGORY_CODES[self]


_CATEGORY_CODES = {
    Category.NOT_POOR: 0,
    Category.POOR: 1,
    Category.NEAR_POOR: 2,
    Category.AVERAGE: 3,
    Category.UNKNOWN: 4,
}
CATEGORY_BY_CODE = {code: category for category, code in _CATEGORY_CODES.items()}


class Verification(LabelledEnum):
    """How far a value in a standard has been checked against the legal text.

    regulations.md labels every fact; the label travels with the data so a UI can show it
    next to an explanation instead of hiding an uncertain rule.
    """

    VERIFIED = "verified", "đã đối chiếu"
    TO_CONFIRM = "to_confirm", "cần đối chiếu với văn bản gốc"
    UNVERIFIED = "unverified", "CHƯA KIỂM CHỨNG"
    PROVISIONAL = "provisional", "TẠM THỜI (theo dự thảo)"


def format_dong(amount: int | float) -> str:
    """Format an amount of đồng the Vietnamese way: ``1.500.000 đồng``."""
    return f"{int(amount):,}".replace(",", ".") + " đồng"
