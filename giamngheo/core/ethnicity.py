"""The 54 ethnic groups of Vietnam (54 dân tộc) with their statistical codes.

Shared catalogue: the household register and the collaborators' roster store the
same two-digit code, so statistics by ethnicity agree across apps.

Source: General Statistics Office, Decision 1019/QĐ-TCTK of 12/11/2008 (Danh mục các
dân tộc Việt Nam), as transcribed in ../shared/domain/regulations.md §11. Codes 01–20
are verified against the published list; the ordering of codes 21–54 is not yet
verified against the official annex (the set of 54 names is). Other code lists are in
use (the 1979 GSO list, social-insurance exports) and differ from this one, so values
imported from elsewhere must be converted, never copied: ``CODE_SYSTEM`` names the list
these codes come from.

Ethnic minorities are the 53 groups other than Kinh (Decree 05/2011/NĐ-CP, Art. 4).
The names are data in Vietnamese, as the statistical list writes them, not UI strings.
"""

from .search import fold

CODE_SYSTEM = "1019/QĐ-TCTK/2008"

KINH = "01"

ETHNIC_GROUPS: tuple[tuple[str, str], ...] = (
    ("01", "Kinh (Việt)"),
    ("02", "Tày"),
    ("03", "Thái"),
    ("04", "Mường"),
    ("05", "Khmer (Khơ me)"),
    ("06", "Hoa (Hán)"),
    ("07", "Nùng"),
    ("08", "Mông (H'mông)"),
    ("09", "Dao"),
    ("10", "Gia Rai"),
    ("11", "Ê Đê"),
    ("12", "Ba Na"),
    ("13", "Sán Chay"),
    ("14", "Chăm"),
    ("15", "Cơ Ho"),
    ("16", "Xơ Đăng"),
    ("17", "Sán Dìu"),
    ("18", "Hrê"),
    ("19", "Ra Glai"),
    ("20", "Mnông"),
    ("21", "Xtiêng"),
    ("22", "Bru-Vân Kiều"),
    ("23", "Thổ"),
    ("24", "Giáy"),
    ("25", "Cơ Tu"),
    ("26", "Giẻ Triêng"),
    ("27", "Mạ"),
    ("28", "Khơ Mú"),
    ("29", "Co"),
    ("30", "Tà Ôi"),
    ("31", "Chơ Ro"),
    ("32", "Kháng"),
    ("33", "Xinh Mun"),
    ("34", "Hà Nhì"),
    ("35", "Chu Ru"),
    ("36", "Lào"),
    ("37", "La Chí"),
    ("38", "La Ha"),
    ("39", "Phù Lá"),
    ("40", "La Hủ"),
    ("41", "Lự"),
    ("42", "Lô Lô"),
    ("43", "Chứt"),
    ("44", "Mảng"),
    ("45", "Pà Thẻn"),
    ("46", "Cơ Lao"),
    ("47", "Cống"),
    ("48", "Bố Y"),
    ("49", "Si La"),
    ("50", "Pu Péo"),
    ("51", "Brâu"),
    ("52", "Ơ Đu"),
    ("53", "Rơ Măm"),
    ("54", "Ngái"),
)

# For a model or form field: ``models.CharField(max_length=2, choices=ETHNICITY_CHOICES)``.
ETHNICITY_CHOICES: list[tuple[str, str]] = [
    (code, f"{code} · {name}") for code, name in ETHNIC_GROUPS
]

NAMES: dict[str, str] = dict(ETHNIC_GROUPS)

# Codes of the 53 minority groups, for database filters (``ethnicity__in=MINORITY_CODES``).
MINORITY_CODES: frozenset[str] = frozenset(code for code, _name in ETHNIC_GROUPS if code != KINH)


def name_of(code: str) -> str:
    """The group's name for a code; a KeyError for a code outside the list."""
    return NAMES[code]


def is_ethnic_minority(code: str) -> bool:
    """True for the 53 groups other than Kinh; a ValueError for an unknown code."""
    if code not in NAMES:
        raise ValueError(f"unknown ethnic-group code {code!r} in {CODE_SYSTEM}")
    return code != KINH


# What people write for a group in a spreadsheet: its name with or without the other names
# in brackets (any case, with or without diacritics), or its code ("01" or "1").
_WRITTEN = (
    {fold(name): code for code, name in ETHNIC_GROUPS}
    | {fold(name.split(" (")[0]): code for code, name in ETHNIC_GROUPS}
    | {code: code for code, _n in ETHNIC_GROUPS}
    | {str(int(code)): code for code, _n in ETHNIC_GROUPS}
)


def code_for(written: str) -> str | None:
    """The group's code for what an import file wrote, or None when it names no group."""
    return _WRITTEN.get(fold(str(written)))
