"""ODK Collect / KoboToolbox interchange for the household survey.

The XLSForm is generated from the import's own column definitions (``importer.COLUMNS``: the
names, kinds and choice lists the register's import and forms use), so a form filled in ODK
Collect or KoboCollect asks exactly what the register holds. Submissions come back as ODK
Central's CSV export (question names as headers, plus ``meta-instanceID``, ``KEY`` …) or
KoboToolbox's .xlsx export ("XML values and headers"); each row is matched to a household of
the commune by its code or a member's citizen ID, checked with the import's parser, and the
whole file is written through ``update_household`` in one transaction or not at all.
Members are not in the form: their changes go through the household page or the field app.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from giamngheo.accounts.scoping import scoped
from giamngheo.core.citizen_id import normalise_citizen_id
from giamngheo.core.search import fold
from giamngheo.core.spreadsheets import safe_row
from giamngheo.core.tabular import RowErrors, read_rows

from . import services
from .importer import COLUMNS, _Parser
from .models import Household, Member, PolicyGroup

FORM_ID = "giamngheo_household_survey"
LABEL = "label::Tiếng Việt (vi)"
# The household's survey questions: the import's household columns the edit service takes.
SURVEY_COLUMNS = tuple(c for c in COLUMNS if c.household and c.field in services.HOUSEHOLD_FIELDS)
MATCH = {"household_code": "Mã hộ", "citizen_id": "Số CCCD của một thành viên"}
_TYPES = {"text": "text", "int": "integer", "decimal": "decimal", "date": "date"}


def _question(column) -> list:
    if column.kind == "bool":
        kind = "select_one yes_no"
    elif column.kind == "choice":
        kind = f"select_one {column.field}"
    else:
        kind = _TYPES[column.kind]
    constraint = ". >= 0" if column.kind in ("int", "decimal") else ""
    return [kind, column.field, column.header, "", constraint]


def xlsform_sheets() -> dict[str, list[list]]:
    """The three sheets of the XLSForm (survey, choices, settings), header row first."""
    survey = [["type", "name", LABEL, "required", "constraint"],
              ["text", "household_code", MATCH["household_code"], "", ""],
              ["text", "citizen_id", MATCH["citizen_id"], "", "regex(., '^[0-9]{12}$')"]]  # fmt: skip
    survey += [_question(c) for c in SURVEY_COLUMNS]
    choices = [["list_name", "name", LABEL], ["yes_no", "yes", "Có"], ["yes_no", "no", "Không"]]
    with translation.override("vi"):
        for column in SURVEY_COLUMNS:
            if column.kind == "choice":
                choices += [[column.field, value, str(label)] for value, label in column.choices]
    version = timezone.localdate().strftime("%Y%m%d")
    settings = [["form_title", "form_id", "version", "default_language"],
                ["Phiếu khảo sát hộ gia đình (giamngheo)", FORM_ID, version, "Tiếng Việt (vi)"]]  # fmt: skip
    return {"survey": survey, "choices": choices, "settings": settings}


def write_xlsform(target) -> None:
    """The XLSForm as an .xlsx workbook (a path or a binary file)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in xlsform_sheets().items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(safe_row(row))
    workbook.save(target)


class _SubmissionParser(_Parser):
    """The import's parser, also reading the choice codes ODK sends (``semi_durable``)."""

    def __init__(self):
        super().__init__()
        for column in SURVEY_COLUMNS:
            if column.kind == "choice":
                self.choice_maps[column.field].update({fold(v): v for v, _l in column.choices})


def _match(rows, households, errors) -> list[tuple[int, Household, dict]]:
    """Each row's household by code or citizen ID (in the commune), and its parsed answers."""
    codes = {str(r.get("household_code") or "").strip() for r in rows} - {""}
    ids = {normalise_citizen_id(r.get("citizen_id")) for r in rows} - {""}
    by_code = {h.code: h for h in households.filter(code__in=codes)}
    by_id = dict(Member.objects.filter(household__in=households, citizen_id__in=ids)
                 .values_list("citizen_id", "household_id"))  # fmt: skip
    by_pk = {h.pk: h for h in households.filter(pk__in=set(by_id.values()))} | {
        h.pk: h for h in by_code.values()
    }
    parser, matched, seen = _SubmissionParser(), [], {}
    for row in rows:
        n = row["_row"]
        code = str(row.get("household_code") or "").strip()
        cid = normalise_citizen_id(row.get("citizen_id"))
        household = by_code.get(code) if code else by_pk.get(by_id.get(cid))
        if household is None:
            errors.add(n, MATCH["household_code"],
                       _("No household of this commune has this code or citizen ID."))  # fmt: skip
            continue
        if code and cid and by_id.get(cid) != household.pk:
            errors.add(n, MATCH["citizen_id"], _("The citizen ID is not of a member of household %(code)s.") % {"code": code})  # fmt: skip
        if household.pk in seen:
            errors.add(n, MATCH["household_code"], _("Household %(code)s is already on row %(row)d.") % {"code": household.code, "row": seen[household.pk]})  # fmt: skip
        seen.setdefault(household.pk, n)
        answers = {}
        for column in SURVEY_COLUMNS:
            if column.field not in row:
                continue
            value, problem = parser.parse(column, row[column.field])
            if problem:
                errors.add(n, column.field, problem)
            answers[column.field] = (
                "" if value is None and column.kind in ("text", "choice") else value
            )
        matched.append((n, by_pk[household.pk], answers))
    return matched


def import_submissions(upload, *, commune, by) -> int:
    """Apply a file of survey submissions to the commune's households; all rows or none.

    Raises ``RowErrors`` (every problem, by row and column) or ``ValidationError`` (the file).
    Returns how many households were updated."""
    columns = MATCH | {c.field: c.field for c in SURVEY_COLUMNS}
    columns = {field: field for field in columns}  # ODK and Kobo head columns by question name
    rows = read_rows(upload, columns, required=[], kind="households")
    households = scoped(Household.objects.filter(commune=commune), by, via="commune").prefetch_related("members", "policy_tags")  # fmt: skip
    errors = RowErrors()
    matched = _match(rows, households, errors)
    errors.raise_if_any()
    reason = _("Survey submission imported from %(file)s") % {"file": getattr(upload, "name", "")}
    with transaction.atomic():
        for n, household, answers in matched:
            try:
                services.update_household(
                    household=household, village=household.village, data=answers,
                    members=list(household.members.all()), version=household.version, by=by,
                    policy_groups=[t.group for t in household.policy_tags.all()
                                   if t.group != PolicyGroup.ETHNIC_MINORITY],
                    reason=reason, confirm_duplicates=True,
                )  # fmt: skip
            except ValidationError as exc:
                for message in exc.messages:
                    errors.add(n, "", message)
        errors.raise_if_any()
    return len(matched)


def default_filename() -> str:
    return f"{FORM_ID}_{dt.date.today():%Y%m%d}.xlsx"
