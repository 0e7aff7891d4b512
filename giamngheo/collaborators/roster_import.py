"""Import of a collaborators' roster from a spreadsheet, old lists included.

Rosters kept before July 2025 name the former district and commune ("Huyện Tu Mơ Rông",
"Xa Dak Ro Ong"); each row is mapped to today's commune through the conversion tables
(geo.conversion). Every row is checked first: nothing is saved until every row maps, and a
split former commune is reported with the communes it could be.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.ethnicity import code_for as ethnic_code_for
from giamngheo.core.search import fold
from giamngheo.core.tabular import RowErrors
from giamngheo.geo.conversion import CommuneResolver

from .models import MassOrganisation, Qualification, Sex
from .services import register_collaborator

COLUMNS = {
    "full_name": "Họ và tên",
    "sex": "Giới tính",
    "ethnicity": "Dân tộc",
    "organisation": "Tổ chức",
    "qualification": "Trình độ",
    "province": "Tỉnh",
    "district": "Huyện",
    "commune": "Xã",
    "new_commune": "Xã mới",
    "village": "Thôn",
    "phone": "Điện thoại",
}
REQUIRED = [COLUMNS[f] for f in ("full_name", "sex", "ethnicity", "commune")]

_SEX = {"nu": Sex.FEMALE, "nam": Sex.MALE, "female": Sex.FEMALE, "male": Sex.MALE}
# The words the paper rosters use for each organisation (Decision 29/QĐ-UBND's list).
_ORGANISATION = {
    "hoi nong dan": MassOrganisation.FARMERS,
    "nong dan": MassOrganisation.FARMERS,
    "doan thanh nien": MassOrganisation.YOUTH,
    "thanh nien": MassOrganisation.YOUTH,
    "hoi phu nu": MassOrganisation.WOMEN,
    "phu nu": MassOrganisation.WOMEN,
    "hoi cuu chien binh": MassOrganisation.VETERANS,
    "cuu chien binh": MassOrganisation.VETERANS,
    "hoi chu thap do": MassOrganisation.RED_CROSS,
    "chu thap do": MassOrganisation.RED_CROSS,
    "hoi nan nhan chat doc da cam": MassOrganisation.AGENT_ORANGE,
    "nan nhan chat doc da cam": MassOrganisation.AGENT_ORANGE,
    "khong": MassOrganisation.NONE,
    "": MassOrganisation.NONE,
}
_QUALIFICATION = {
    "dai hoc": Qualification.UNIVERSITY,
    "cao dang": Qualification.UNIVERSITY,
    "trung cap": Qualification.INTERMEDIATE,
    "so cap": Qualification.PRIMARY,
    "khong": Qualification.PRIMARY,
    "": Qualification.PRIMARY,
}


# Each coded column: how its text is read, and what is said when it cannot be.
_CODED = (
    ("sex", lambda text: _SEX.get(fold(text)),
     gettext_lazy("Write “Nam” or “Nữ”, not “%(value)s”.")),
    ("ethnicity", ethnic_code_for,
     gettext_lazy("“%(value)s” is not one of the 54 ethnic groups.")),
    ("organisation", lambda text: _ORGANISATION.get(fold(text)),
     gettext_lazy("“%(value)s” is not one of the mass organisations.")),
    ("qualification", lambda text: _QUALIFICATION.get(fold(text)),
     gettext_lazy("Write Đại học, Cao đẳng, Trung cấp or Sơ cấp, not “%(value)s”.")),
)  # fmt: skip


def import_roster(*, rows: list[dict], managing_office, by, reason: str = "") -> list:
    """Register every row's collaborator under ``managing_office``, or none of them.

    Raises :class:`giamngheo.core.tabular.RowErrors` listing (row, column, message,
    candidates) for every problem.
    """
    resolver = CommuneResolver(within=managing_office)
    errors = RowErrors()
    cleaned = [_clean_row(row, resolver, errors) for row in rows]
    if not rows:
        errors.add(0, "", _("The file has no data rows."))
    errors.raise_if_any()
    with transaction.atomic():
        return [
            register_collaborator(
                by=by,
                reason=reason or _("Imported from file"),
                managing_office=managing_office,
                **fields,
            )
            for fields in cleaned
        ]


def _clean_row(row: dict, resolver: CommuneResolver, errors: RowErrors) -> dict:
    """One row's collaborator: its coded columns read and its commune (former or current)
    mapped to today's; each problem is added to ``errors``."""
    n = row["_row"]
    value = {k: " ".join(str(row.get(k) or "").split()) for k in COLUMNS}
    if not value["full_name"]:
        errors.add(n, COLUMNS["full_name"], _("The name is empty."))
    fields = {"full_name": value["full_name"], "phone": value["phone"]}
    for field, read, message in _CODED:
        fields[field] = read(value[field])
        if fields[field] is None:
            errors.add(n, COLUMNS[field], message % {"value": value[field]})
    match = resolver.resolve(
        commune=value["commune"], district=value["district"], province=value["province"],
        new_commune=value["new_commune"], village=value["village"],
    )  # fmt: skip
    if match.commune is None:
        column = COLUMNS["new_commune"] if value["new_commune"] else COLUMNS["commune"]
        errors.add(n, column, match.message, match.candidate_labels())
    fields["commune"] = match.commune
    return fields
