"""Checks on the 12-digit citizen ID (căn cước công dân, CCCD).

Structure (Circular 59/2021/TT-BCA, Art. 7; earlier Circular 07/2016/TT-BCA): 3 digits for
the province where the birth was registered, 1 digit for sex and century of birth, 2 digits
for the year of birth, 6 random digits. The province codes are the pre-2025 ones, since IDs
already issued keep them. The checks catch typing errors (a digit dropped, a wrong
century); they cannot prove an ID real.
"""

from datetime import date

from django.utils.translation import gettext as _

# Province codes of the place of birth registration (63 pre-2025 provinces).
PROVINCE_PREFIXES = frozenset(
    f"{code:03d}"
    for code in (
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    )
)
# 4th digit: century of birth and sex — 0/1 twentieth century male/female, 2/3 twenty-first …
_CENTURY_START = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 2300,
    9: 2300,
}


def citizen_id_problems(
    value: str, *, date_of_birth: date | None = None, birth_year: int | None = None, sex: str = ""
) -> list[str]:
    """Vietnamese messages for what is wrong with ``value``; empty when it looks right."""
    if not value.isdigit() or len(value) != 12:
        return [_("A citizen ID has exactly 12 digits.")]
    problems = []
    if value[:3] not in PROVINCE_PREFIXES:
        problems.append(
            _("The first three digits (%(code)s) are not a province code.") % {"code": value[:3]}
        )
    digit = int(value[3])
    year = _CENTURY_START[digit] + int(value[4:6])
    known_year = date_of_birth.year if date_of_birth else birth_year
    if known_year and known_year != year:
        problems.append(
            _("Digits 4–6 say born in %(id_year)d, but the year of birth is %(year)d.")
            % {"id_year": year, "year": known_year}
        )
    if sex in ("male", "female") and (digit % 2 == 1) != (sex == "female"):
        problems.append(_("The 4th digit does not match the sex entered."))
    return problems


def normalise_citizen_id(value) -> str:
    """Digits only: spaces and dots typed or pasted from documents are dropped."""
    if value is None:
        return ""
    if isinstance(value, int | float):  # a number cell: the spreadsheet dropped leading zeros
        return str(int(value)).zfill(12)
    text = str(value).strip()
    return "".join(ch for ch in text if not ch.isspace() and ch not in ".-")


def looks_like_citizen_id(text: str) -> bool:
    """Whether a search term is (most of) a citizen ID: 9 to 12 digits once spaces are gone."""
    digits = normalise_citizen_id(text)
    return digits.isdigit() and 9 <= len(digits) <= 12
