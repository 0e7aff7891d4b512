"""Import of the register from a spreadsheet: every row checked, all or nothing.

One row per member; the household's own columns are read from its head's row (Quan hệ
với chủ hộ = Chủ hộ). Values are Vietnamese as officers type them ("Có"/"Không", "Hộ
nghèo", "Bán kiên cố", dates dd/mm/yyyy); an empty cell is "not surveyed" and stays unknown.
Any problem anywhere rejects the whole file with the list of (row, column, message).
"""

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts.scoping import scoped
from giamngheo.core import area_cache
from giamngheo.core.bulk import insert, insert_with_history
from giamngheo.core.citizen_id import citizen_id_problems, normalise_citizen_id
from giamngheo.core.ethnicity import code_for as ethnic_code_for
from giamngheo.core.search import fold, fold_parts
from giamngheo.core.tabular import RowErrors, read_rows
from giamngheo.geo.conversion import CommuneResolver, problem_for_commune
from giamngheo.geo.models import Level, Unit

from .assessment import apply_assessment, assess, standard_in_force
from .import_columns import COLUMNS, HEADERS, Column, allowed_labels
from .models import (
    CauseTag,
    Deprivation,
    Household,
    ImportJob,
    Member,
    NeedTag,
    PolicyGroup,
    PolicyTag,
    PovertyStatus,
    Relation,
    Sex,
    StatusRecord,
)
from .services import CITIZEN_ID_REQUIRED_FROM_AGE, MEMBER_FIELDS, registered_elsewhere

MAX_STORED_ERRORS = 1000
FAILED_MESSAGE = gettext_lazy(
    "The import stopped because of an unexpected error; nothing was saved. Upload the file "
    "again; if it happens again, tell the system administrator."
)
logger = logging.getLogger(__name__)


_RELATION = next(c for c in COLUMNS if c.field == "relation")
_YES = {"co", "x", "1", "yes", "true", "dung"}
_NO = {"khong", "0", "no", "false", "sai"}
_STATUS_WORDS = {
    "ho ngheo": PovertyStatus.POOR,
    "ngheo": PovertyStatus.POOR,
    "ho can ngheo": PovertyStatus.NEAR_POOR,
    "can ngheo": PovertyStatus.NEAR_POOR,
    "ho moi thoat ngheo": PovertyStatus.ESCAPED_POOR,
    "moi thoat ngheo": PovertyStatus.ESCAPED_POOR,
    "ho moi thoat can ngheo": PovertyStatus.ESCAPED_NEAR_POOR,
    "moi thoat can ngheo": PovertyStatus.ESCAPED_NEAR_POOR,
    "khong thuoc danh sach": PovertyStatus.NOT_LISTED,
}


def _choice_lookup(choices) -> dict[str, str]:
    """Codes, English and Vietnamese labels, with and without the part in brackets."""
    lookup = {}
    for language in ("en", "vi"):
        with translation.override(language):
            for value, label in choices:
                text = str(label)
                for variant in (text, text.split(" (")[0], text.split("(")[-1].rstrip(")")):
                    lookup[fold(variant)] = value
    for value, _label in choices:
        lookup[fold(value.replace("_", " "))] = value
    return lookup


# Common short forms officers write in the paper lists.
_EXTRA_CHOICES = {
    "relation": {"vo": Relation.SPOUSE, "chong": Relation.SPOUSE, "con de": Relation.CHILD, "con": Relation.CHILD, "me": Relation.PARENT, "bo": Relation.PARENT, "cha": Relation.PARENT, "chau": Relation.GRANDCHILD, "ong": Relation.GRANDPARENT, "ba": Relation.GRANDPARENT, "anh": Relation.SIBLING, "chi": Relation.SIBLING, "em": Relation.SIBLING, "con dau": Relation.CHILD_IN_LAW, "con re": Relation.CHILD_IN_LAW},
    "sex": {"nam": Sex.MALE, "nu": Sex.FEMALE},
    "employment_status": {"co viec lam": "employed", "that nghiep": "unemployed", "khong tham gia lao dong": "not_in_labour_force"},
    "education_level": {"tieu hoc": "primary", "thcs": "lower_secondary", "thpt": "upper_secondary", "trung hoc co so": "lower_secondary", "trung hoc pho thong": "upper_secondary", "chua hoc xong tieu hoc": "none", "so cap": "vocational_elementary", "trung cap": "vocational_intermediate", "cao dang": "college", "dai hoc": "university"},
}  # fmt: skip


class _Parser:
    def __init__(self):
        self.choice_maps = {
            c.field: _choice_lookup(c.choices) | _EXTRA_CHOICES.get(c.field, {})
            for c in COLUMNS
            if c.kind == "choice"
        }
        self.multi_maps = {
            c.field: _choice_lookup(c.choices or PolicyGroup.choices)
            for c in COLUMNS
            if c.kind == "policy"
        }
        self.allowed = {c.field: ", ".join(allowed_labels(c)) for c in COLUMNS if c.choices}
        self.today = timezone.localdate()

    def parse(self, column: Column, raw):
        """(value, error message or None); an empty cell is (None or "", None)."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if column.required:
                return None, _("This column is required.")
            return ("" if column.kind in ("text", "choice", "ethnicity", "status") else None), None
        readers = {
            "text": self._text,
            "int": self._int,
            "decimal": self._decimal,
            "bool": self._bool,
            "date": self._date,
            "choice": self._choice,
            "ethnicity": self._ethnicity,
            "status": self._status,
            "policy": self._policy,
        }
        return readers[column.kind](column, raw)

    @staticmethod
    def _text(column, raw):
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return " ".join(str(raw).split()), None

    @staticmethod
    def _int(column, raw):
        try:
            value = int(
                Decimal(str(raw).replace(".", "").replace(",", "").replace(" ", ""))
                if isinstance(raw, str)
                else raw
            )
        except (InvalidOperation, ValueError, TypeError):
            return None, _("“%(value)s” is not a whole number.") % {"value": raw}
        if value < 0:
            return None, _("The value cannot be negative.")
        return value, None

    @staticmethod
    def _decimal(column, raw):
        try:
            value = (
                Decimal(str(raw).replace(",", ".")) if isinstance(raw, str) else Decimal(str(raw))
            )
        except InvalidOperation:
            return None, _("“%(value)s” is not a number.") % {"value": raw}
        if value < 0:
            return None, _("The value cannot be negative.")
        return value.quantize(Decimal("0.1")), None

    @staticmethod
    def _bool(column, raw):
        word = fold(str(raw))
        if word in _YES:
            return True, None
        if word in _NO:
            return False, None
        return None, _(
            "Write “Có” or “Không” (or leave empty if not surveyed), not “%(value)s”."
        ) % {"value": raw}

    def _choice(self, column, raw):
        value = self.choice_maps[column.field].get(fold(str(raw)))
        if value is None:
            return None, _("“%(value)s” is not one of the allowed values: %(allowed)s.") % {
                "value": raw,
                "allowed": self.allowed[column.field],
            }
        return value, None

    @staticmethod
    def _ethnicity(column, raw):
        value = ethnic_code_for(str(raw).removesuffix(".0"))
        if value is None:
            return None, _(
                "“%(value)s” is not one of the 54 ethnic groups (listed on the template's "
                "sheet of allowed values, e.g. Kinh, Tày, Xơ Đăng)."
            ) % {"value": raw}
        return value, None

    def _status(self, column, raw):
        value = _STATUS_WORDS.get(fold(str(raw))) or self.choice_maps.get("status", {}).get(
            fold(str(raw))
        )
        if value is None:
            return None, _(
                "The status must be Hộ nghèo, Hộ cận nghèo, Hộ mới thoát nghèo or Hộ mới thoát cận nghèo, not “%(value)s”."
            ) % {"value": raw}
        return value, None

    def _policy(self, column, raw):
        values, unknown = [], []
        for part in str(raw).replace(";", ",").split(","):
            if part.strip():
                value = self.multi_maps[column.field].get(fold(part))
                (values if value else unknown).append(value or part.strip())
        if unknown:
            return None, _("Unknown policy group(s): %(groups)s. Allowed: %(allowed)s.") % {
                "groups": ", ".join(unknown),
                "allowed": ", ".join(allowed_labels(column)),
            }
        return values, None

    def _date(self, column, raw):
        if isinstance(raw, dt.datetime):
            value = raw.date()
        elif isinstance(raw, dt.date):
            value = raw
        elif isinstance(raw, int | float) and 1900 <= raw <= 2100:
            return ("year", int(raw)), None
        else:
            text = str(raw).strip()
            if text.isdigit() and len(text) == 4:
                return ("year", int(text)), None
            value = None
            for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
                try:
                    value = dt.datetime.strptime(text, fmt).date()
                    break
                except ValueError:
                    continue
            if value is None:
                return None, _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": raw}
        if value > self.today:
            return None, _("The date %(date)s is in the future.") % {
                "date": value.strftime("%d/%m/%Y")
            }
        return value, None


@dataclass
class ParsedHousehold:
    row: int
    values: dict
    members: list


def check_rows(rows: list[dict], *, commune: Unit, by, progress=None) -> list[ParsedHousehold]:
    """Parse and check every row; raise RowErrors with every problem, or return the households."""
    parser = _Parser()
    errors = RowErrors()
    groups: dict[str, ParsedHousehold] = {}
    first_row_of_code: dict[str, int] = {}
    id_rows: dict[str, int] = {}
    for index, row in enumerate(rows):
        n = row["_row"]
        parsed = _parse_row(parser, row, errors)
        if code := parsed["code"]:
            if code not in groups:
                groups[code] = ParsedHousehold(row=n, values={}, members=[])
                first_row_of_code[code] = n
            _add_member(groups[code], n, parsed, errors)
        _check_citizen_id(parser, n, row, parsed, id_rows, errors)
        if progress and index % 2000 == 0:
            progress(index)
    villages = {
        fold(name): pk
        for pk, name in Unit.objects.filter(
            parent=commune, level=Level.VILLAGE, is_active=True
        ).values_list("pk", "name")
    }
    resolvers: list[CommuneResolver] = []
    for code, household in groups.items():
        if not household.values:
            errors.add(
                first_row_of_code[code],
                HEADERS["relation"],
                _("Household %(code)s has no row for its head (Chủ hộ).") % {"code": code},
            )
            continue
        _check_household(household, commune, villages, resolvers, errors)
    _check_against_database(groups, id_rows, errors, by=by)
    errors.raise_if_any()
    if progress:
        progress(len(rows))
    return list(groups.values())


def _parse_row(parser: _Parser, row: dict, errors: RowErrors) -> dict:
    """One row's values by field; a problem in a cell is added to ``errors``. The household's
    own columns are read on its head's row only; a year alone in the date of birth becomes
    ``birth_year``."""
    n = row["_row"]
    parsed = {}
    relation, _problem = parser.parse(_RELATION, row.get("relation"))
    for column in COLUMNS:
        if column.household and column.field != "code" and relation != Relation.HEAD:
            parsed[column.field] = None  # household columns count on the head's row only
            continue
        value, problem = parser.parse(column, row.get(column.field))
        if problem:
            errors.add(n, column.header, problem)
        parsed[column.field] = value
    dob = parsed["date_of_birth"]
    if isinstance(dob, tuple):
        parsed["birth_year"], parsed["date_of_birth"] = dob[1], None
    else:
        parsed["birth_year"] = None
    return parsed


def _add_member(household: ParsedHousehold, n: int, parsed: dict, errors: RowErrors) -> None:
    """Add a member's row to its household; the head's row gives the household's values, and
    a second head is an error."""
    household.members.append((n, parsed))
    if parsed["relation"] != Relation.HEAD:
        return
    if household.values:
        errors.add(
            n,
            HEADERS["relation"],
            _("Household %(code)s already has a head on row %(row)d.")
            % {"code": parsed["code"], "row": household.row},
        )
    else:
        household.row = n
        household.values = parsed


def _check_citizen_id(parser, n, row, parsed, id_rows: dict[str, int], errors) -> None:
    """The member's citizen ID: well formed and matching the birth date and sex, not repeated
    in the file (``id_rows`` remembers where each was seen), and present from age 14."""
    cid = normalise_citizen_id(row.get("citizen_id"))
    parsed["citizen_id"] = cid or None
    if not cid:
        year = parsed["date_of_birth"].year if parsed["date_of_birth"] else parsed["birth_year"]
        if year and parser.today.year - year - 1 >= CITIZEN_ID_REQUIRED_FROM_AGE:
            errors.add(n, HEADERS["citizen_id"], _("A citizen ID is required from age 14."))
        return
    for problem in citizen_id_problems(
        cid,
        date_of_birth=parsed["date_of_birth"],
        birth_year=parsed["birth_year"],
        sex=parsed["sex"] or "",
    ):
        errors.add(n, HEADERS["citizen_id"], problem)
    if cid in id_rows:
        errors.add(
            n,
            HEADERS["citizen_id"],
            _("The citizen ID %(id)s is repeated in the file (also row %(row)d).")
            % {"id": cid, "row": id_rows[cid]},
        )
    else:
        id_rows[cid] = n


def _check_household(household, commune, villages, resolvers, errors) -> None:
    """The household's own columns (on its head's row): a village of the commune, the former
    units, and the decision behind an initial status."""
    values, n = household.values, household.row
    if values["village"]:
        village_pk = villages.get(fold(values["village"]))
        if village_pk is None:
            errors.add(
                n,
                HEADERS["village"],
                _("“%(village)s” is not a village of %(commune)s.")
                % {"village": values["village"], "commune": commune.name},
            )
        values["village_id"] = village_pk
    _check_unit_columns(values, n, commune, errors, resolvers)
    if values["status"] and values["status"] != PovertyStatus.NOT_LISTED:
        for field in ("decision_number", "decision_date", "status_year"):
            if not values[field]:
                errors.add(
                    n,
                    HEADERS[field],
                    _("An initial status needs its decision: number, date and year."),
                )


_UNIT_FIELDS = ("old_province", "old_district", "old_commune", "new_commune")


def _check_unit_columns(values, n, commune, errors, resolvers) -> None:
    """A row naming its province/district/commune (old or new) must lead to this commune."""
    if not any(values.get(f) for f in _UNIT_FIELDS):
        return
    if not resolvers:
        resolvers.append(CommuneResolver(within=commune))
    problem = problem_for_commune(
        resolvers[0],
        commune,
        province=values["old_province"],
        district=values["old_district"],
        commune=values["old_commune"],
        new_commune=values["new_commune"],
        village=values["village"],
    )
    if problem:
        column = HEADERS["new_commune"] if values["new_commune"] else HEADERS["old_commune"]
        errors.add(n, column, *problem)


def _chunks(items, size=5000):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _check_against_database(groups, id_rows, errors, *, by) -> None:
    """Codes and citizen IDs already in the register; people are named only inside ``by``'s area."""
    for chunk in _chunks(groups):
        for code in Household.objects.filter(code__in=chunk).values_list("code", flat=True):
            errors.add(
                groups[code].row,
                HEADERS["code"],
                _("Household code %(code)s is already in the register.") % {"code": code},
            )
    visible = scoped(Household.objects.all(), by, via="commune").values("pk")
    for chunk in _chunks(id_rows):
        taken = Member.objects.filter(citizen_id__in=chunk).values_list(
            "citizen_id", "full_name", "household__code"
        )
        inside = set(
            Member.objects.filter(citizen_id__in=chunk, household__in=visible).values_list(
                "citizen_id", flat=True
            )
        )
        for cid, name, code in taken:
            if cid in inside:
                message = _(
                    "The citizen ID %(id)s is already registered to %(name)s in household %(code)s."
                ) % {"id": cid, "name": name, "code": code}
            else:
                message = registered_elsewhere(cid)
            errors.add(id_rows[cid], HEADERS["citizen_id"], message)


_HOUSEHOLD_FIELDS = [
    c.field
    for c in COLUMNS
    if c.household
    and c.field
    not in (
        "code",
        "village",
        *_UNIT_FIELDS,
        "policy_groups",
        "causes",
        "needs",
        "status",
        "status_year",
        "decision_number",
        "decision_date",
    )
]


@transaction.atomic
def write_households(
    parsed: list[ParsedHousehold], *, commune: Unit, by, source_name: str
) -> tuple[int, int]:
    """Create every household, member, tag, status record and assessment in bulk."""
    reason = _("Imported from %(file)s") % {"file": source_name}
    on = timezone.localdate()
    standard = standard_in_force(on)
    households, member_lists = [], []
    for p in parsed:
        v = p.values
        members = [Member(**{f: m[f] for f in MEMBER_FIELDS}) for _n, m in p.members]
        head = next(m for m in members if m.relation == Relation.HEAD)
        household = Household(
            code=v["code"],
            commune=commune,
            village_id=v["village_id"],
            head_name=head.full_name,
            ethnicity=head.ethnicity or "",
            **{f: v[f] for f in _HOUSEHOLD_FIELDS},
        )
        household.search_text = fold_parts(
            household.code,
            household.phone,
            *[m.full_name for m in members],
            *[m.citizen_id for m in members],
        )
        assessment = assess(household, members, on=on, standard=standard)
        apply_assessment(household, assessment)
        if v["status"] and v["status"] != PovertyStatus.NOT_LISTED:
            household.status, household.status_year = v["status"], v["status_year"]
        households.append(household)
        member_lists.append((members, assessment))
    created = insert_with_history(Household, households, by=by, reason=reason)
    members, tags, statuses, deprivations = [], [], [], []
    for p, household, (household_members, assessment) in zip(
        parsed, created, member_lists, strict=True
    ):
        for m in household_members:
            m.household_id = household.pk
            members.append(m)
        groups = PolicyGroup.of_household(p.values["policy_groups"], household.ethnicity)
        tags += [PolicyTag(household_id=household.pk, group=g) for g in groups]
        deprivations += [
            Deprivation(household_id=household.pk, indicator=c) for c in assessment.profile.deprived
        ]
        if household.status != PovertyStatus.NOT_LISTED:
            statuses.append(StatusRecord(
                household_id=household.pk, status=household.status, previous_status="", year=household.status_year,
                standard=standard.code, decision_number=p.values["decision_number"],
                decision_date=p.values["decision_date"], source=StatusRecord.Source.IMPORT,
                reason=reason, recorded_by=by,
            ))  # fmt: skip
    insert_with_history(Member, members, by=by, reason=reason)
    insert(PolicyTag, tags, need_ids=False)
    insert(CauseTag, [CauseTag(household_id=h.pk, cause=c) for p, h in zip(parsed, created, strict=True) for c in p.values.get("causes") or []], need_ids=False)  # fmt: skip
    insert(NeedTag, [NeedTag(household_id=h.pk, need=n) for p, h in zip(parsed, created, strict=True) for n in p.values.get("needs") or []], need_ids=False)  # fmt: skip
    insert(StatusRecord, statuses, need_ids=False)
    insert(Deprivation, deprivations, need_ids=False)
    area_cache.changed([commune.path])
    return len(created), len(members)


def purge_old_import_data(*, now=None) -> int:
    """Clear the row errors and delete the stored file of imports finished long enough ago.

    Both hold citizen IDs and names; they serve the officer fixing the file, not an archive
    (Decree 13/2023/NĐ-CP: personal data kept no longer than its purpose needs). Kept for
    ``settings.IMPORT_ERRORS_RETENTION_DAYS``. The job row itself (who, when, counts) stays.
    Returns how many jobs were cleared.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.IMPORT_ERRORS_RETENTION_DAYS)
    jobs = ImportJob.objects.filter(finished_at__lt=cutoff).exclude(Q(errors=[]) & Q(file=""))
    cleared = 0
    for job in jobs.only("pk", "file").iterator():
        if job.file:
            job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(errors=[], file="")
        cleared += 1
    return cleared


def _set_state(job, **fields) -> None:
    """Record the job's progress or outcome, in the row and on the instance."""
    ImportJob.objects.filter(pk=job.pk).update(**fields)
    for k, v in fields.items():
        setattr(job, k, v)


def _check_and_write(job) -> None:
    """Read the job's stored file, check every row, then write the households."""

    def set_state(**fields):
        _set_state(job, **fields)

    with job.file.open("rb") as stored:
        # Named as uploaded (the extension decides the reader), sized from the stored file.
        rows = read_rows(
            File(stored.file, name=job.original_name),
            HEADERS,
            required=[c.header for c in COLUMNS if c.required],
            kind="households",
        )
    set_state(state=ImportJob.State.CHECKING, total_rows=len(rows), processed_rows=0)
    parsed = check_rows(
        rows,
        commune=job.commune,
        by=job.created_by,
        progress=lambda i: set_state(processed_rows=i),
    )
    set_state(state=ImportJob.State.WRITING, processed_rows=len(rows))
    households, members = write_households(
        parsed, commune=job.commune, by=job.created_by, source_name=job.original_name
    )
    set_state(
        state=ImportJob.State.DONE,
        households_created=households,
        members_created=members,
        finished_at=timezone.now(),
    )


def run_import(job) -> None:
    """Check the job's file and write it; the job row records progress and the outcome."""

    def set_state(**fields):
        _set_state(job, **fields)

    try:
        _check_and_write(job)
    except RowErrors as exc:
        stored = [[e.row, e.column, e.message] for e in exc.rows[:MAX_STORED_ERRORS]]
        set_state(
            state=ImportJob.State.REJECTED,
            # Raised only once every row has been checked: the count says so.
            processed_rows=job.total_rows,
            errors=stored,
            error_count=len(exc.rows),
            message=str(exc.message),
            finished_at=timezone.now(),
        )
    except ValidationError as exc:
        set_state(
            state=ImportJob.State.REJECTED,
            errors=[[0, "", m] for m in exc.messages],
            error_count=len(exc.messages),
            message=" ".join(exc.messages),
            finished_at=timezone.now(),
        )
    except Exception:
        # The page says something useful without quoting the exception, whose text can hold
        # file contents (names, citizen IDs); the traceback goes to the operator's log only.
        logger.exception("Import job %s failed", job.pk)
        set_state(
            state=ImportJob.State.FAILED,
            message=str(FAILED_MESSAGE),
            finished_at=timezone.now(),
        )
    # Each import ends by clearing old jobs' personal data; `purge_import_errors` does the
    # same on demand (cron) for a site where nothing has been imported for a while.
    purge_old_import_data()
