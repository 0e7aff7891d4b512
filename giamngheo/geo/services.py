"""Writes to the unit tree: the official loader and villages added by users."""

from dataclasses import dataclass
from datetime import date

import vietnam_provinces as vp
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from giamngheo.core.bulk import insert_with_history
from giamngheo.core.concurrency import save_with_version
from giamngheo.core.search import fold, fold_parts
from giamngheo.core.tabular import RowErrors

from .conversion import CommuneResolver, problem_for_commune
from .models import FORMER_PREFIX, VILLAGE_KINDS, Area, Kind, Level, Succession, Unit
from .signals import units_changed

_PROVINCE_KINDS = {
    vp.VietNamDivisionType.TINH: Kind.PROVINCE,
    vp.VietNamDivisionType.THANH_PHO_TRUNG_UONG: Kind.CENTRAL_CITY,
}
_COMMUNE_KINDS = {
    vp.VietNamDivisionType.XA: Kind.COMMUNE,
    vp.VietNamDivisionType.PHUONG: Kind.WARD,
    vp.VietNamDivisionType.DAC_KHU: Kind.SPECIAL_ZONE,
}
_LEGACY_KINDS = {
    "tỉnh": Kind.PROVINCE,
    "thành phố trung ương": Kind.CENTRAL_CITY,
    "huyện": Kind.DISTRICT,
    "quận": Kind.URBAN_DISTRICT,
    "thị xã": Kind.TOWN,
    "thành phố": Kind.PROVINCIAL_CITY,
    "xã": Kind.COMMUNE,
    "phường": Kind.WARD,
    "thị trấn": Kind.TOWNSHIP,
}
# Phường are urban; xã rural. Đặc khu (island special zones) start as rural and an
# officer may change the area of a commune, since the law does not classify them.
# Before 2025 a thị trấn (district town) was urban too.
_URBAN_KINDS = {Kind.WARD, Kind.TOWNSHIP}
# The conversion tables' date (vietnam_provinces._ward_conversion_2025.EFFECTIVE_DATE):
# districts ceased and the merged communes and provinces began on 1 July 2025.
REFORM_DATE = date(2025, 7, 1)
_LOAD_REASON = f"vietnam-provinces {vp.__version__}"


def former_code(code: int, level: str) -> str:
    width = {Level.FORMER_PROVINCE: 2, Level.DISTRICT: 3, Level.FORMER_COMMUNE: 5}[level]
    return f"{FORMER_PREFIX}{int(code):0{width}d}"


def _without_tinh(name: str) -> str:
    """Provinces are named without "Tỉnh" (cities keep "Thành phố"), as before 2026.9.0."""
    return name.removeprefix("Tỉnh ")


_PUNCTUATION = str.maketrans({"’": "'", "–": "-", "—": "-"})


def _name_key(name: str) -> str:
    """A name as compared across releases, which changed apostrophes, dashes and spaces."""
    return fold(name.translate(_PUNCTUATION))


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: "LoadResult") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


def _official_units() -> list[dict]:
    """The post-2025 units from vietnam-provinces, in tree order (provinces first)."""
    rows = []
    for p in sorted(vp.Province.iter_all(), key=lambda p: int(p.code)):
        rows.append(
            {
                "code": f"{int(p.code):02d}",
                "name": _without_tinh(p.name),
                "level": Level.PROVINCE,
                "kind": _PROVINCE_KINDS[p.division_type],
                "parent_code": None,
                "area": Area.RURAL,  # area matters for communes only
            }
        )
    for w in sorted(vp.Ward.iter_all(), key=lambda w: int(w.code)):
        kind = _COMMUNE_KINDS[w.division_type]
        rows.append(
            {
                "code": f"{int(w.code):05d}",
                "name": w.name,
                "level": Level.COMMUNE,
                "kind": kind,
                "parent_code": f"{int(w.province_code):02d}",
                "area": Area.URBAN if kind in _URBAN_KINDS else Area.RURAL,
            }
        )
    return rows


def _match_recoded(rows: list[dict], existing: dict[str, Unit]) -> dict[str, Unit]:
    """Which existing unit each official row is, when the statistics office re-coded units.

    vietnam-provinces 2026.9.0 gave 114 communes a new code (same name, same province) and
    rotated a few names among codes. A unit whose code and name both still match keeps its
    code; otherwise a unit is the one with the same name in the same province (when that name
    is unique there); failing that, the one with the same code (a renamed unit). Records keep
    pointing at the same row, whatever its code becomes.
    """
    matched: dict[str, Unit] = {}
    free = dict(existing)
    for row in rows:
        unit = free.get(row["code"])
        if unit is not None and _name_key(unit.name) == _name_key(row["name"]):
            matched[row["code"]] = free.pop(row["code"])

    def by_name(units, parent_of):
        groups: dict[tuple, list] = {}
        for item in units:
            groups.setdefault(
                (parent_of(item), _name_key(item.name if isinstance(item, Unit) else item["name"])),
                [],
            ).append(item)
        return groups

    free_by_name = by_name(free.values(), lambda u: u.path.rsplit("/", 2)[0] if u.parent_id else "")
    pending = [r for r in rows if r["code"] not in matched]
    rows_by_name = by_name(pending, lambda r: r["parent_code"] or "")
    for row in pending:
        key = (row["parent_code"] or "", _name_key(row["name"]))
        units = [u for u in free_by_name.get(key, []) if u.code in free]
        if len(units) == 1 and len(rows_by_name[key]) == 1:
            matched[row["code"]] = free.pop(units[0].code)
    for row in pending:
        if row["code"] not in matched and row["code"] in free:
            matched[row["code"]] = free.pop(row["code"])
    return matched


_SYNCED_FIELDS = [
    "code", "name", "kind", "parent", "path", "is_active", "abolished_on", "successor",
    "search_text", "version",
]  # fmt: skip


def _sync_level(
    rows: list[dict], level: str, parents: dict[str, Unit], units: dict[str, Unit], *, recode: bool
) -> LoadResult:
    """Create or refresh the units of one level; ``units`` (code → unit) is updated in place.

    Rows carry code, name, kind, parent_code, area and optionally is_active, abolished_on
    and successor (a unit). Only what differs is written, with its history record. A unit's
    area is set when it is created: an officer's later correction is kept.
    """
    existing = {u.code: u for u in Unit.objects.filter(level=level)}
    matched = (
        _match_recoded(rows, existing)
        if recode
        else {r["code"]: existing[r["code"]] for r in rows if r["code"] in existing}
    )
    result = LoadResult()
    to_create, to_update, recoded = [], [], []
    for row in rows:
        parent = parents.get(row["parent_code"]) if row["parent_code"] else None
        path = f"{parent.path if parent else ''}{row['code']}/"
        unit = matched.get(row["code"])
        if unit is None:
            to_create.append(
                Unit(
                    code=row["code"], name=row["name"], level=level, kind=row["kind"],
                    parent=parent, path=path, area=row["area"],
                    is_active=row.get("is_active", True), abolished_on=row.get("abolished_on"),
                    successor=row.get("successor"),
                    search_text=fold_parts(row["name"], row["code"]),
                )
            )  # fmt: skip
            continue
        old_code = unit.code
        if not _refresh_unit(unit, row, parent, path):
            result.unchanged += 1
            continue
        if old_code != row["code"]:
            recoded.append(unit)
        to_update.append(unit)
    _write_units(to_create, to_update, recoded)
    result.created, result.updated = len(to_create), len(to_update)
    units.update({u.code: u for u in Unit.objects.filter(level=level)})
    return result


def _refresh_unit(unit: Unit, row: dict, parent: Unit | None, path: str) -> bool:
    """Bring ``unit`` in line with its row (not its area); False when nothing differs."""
    successor = row.get("successor")
    wanted = (
        row["code"], row["name"], row["kind"], parent.pk if parent else None, path,
        row.get("is_active", True), row.get("abolished_on"),
        successor.pk if successor else None,
    )  # fmt: skip
    current = (
        unit.code, unit.name, unit.kind, unit.parent_id, unit.path, unit.is_active,
        unit.abolished_on, unit.successor_id,
    )  # fmt: skip
    if current == wanted:
        return False
    unit.code, unit.name, unit.kind, unit.parent, unit.path = (
        wanted[0],
        wanted[1],
        row["kind"],
        parent,
        path,
    )
    unit.is_active, unit.abolished_on, unit.successor = wanted[5], wanted[6], successor
    unit.search_text = fold_parts(row["name"], row["code"])
    unit.version += 1
    return True


def _write_units(to_create: list[Unit], to_update: list[Unit], recoded: list[Unit]) -> None:
    """Write a level's new and changed units with their history; paths below follow."""
    if recoded:
        # Codes and paths are unique and may be swapped among units: park them first.
        Unit.objects.bulk_update(
            [Unit(pk=u.pk, code=f"~{u.pk}", path=f"~{u.pk}/") for u in recoded],
            ["code", "path"],
        )
    if to_create:
        insert_with_history(Unit, to_create, by=None, reason=_LOAD_REASON)
    if to_update:
        bulk_update_with_history(
            to_update, Unit, _SYNCED_FIELDS, batch_size=1000, default_change_reason=_LOAD_REASON
        )
        _repath_children(to_update)


def _repath_children(units: list[Unit]) -> None:
    """Villages (and anything else) under a unit whose path changed follow it."""
    for unit in units:
        children = list(unit.children.exclude(path__startswith=unit.path))
        if not children:
            continue
        for child in children:
            child.path = f"{unit.path}{child.code}/"
        Unit.objects.bulk_update(children, ["path"])
        _repath_children(children)


@transaction.atomic
def load_official_units(*, legacy: bool = False) -> LoadResult:
    """Create or refresh the 34 provinces and 3,321 communes, and the former units; idempotent.

    With ``legacy`` also the 63 provinces, 696 districts and 10,051 communes in force until
    30/06/2025, abolished on 01/07/2025, each linked to what it became by the conversion
    tables of vietnam-provinces. One read of the existing units per level, then bulk writes
    of only what differs, so a second run writes nothing and leaves no audit noise.
    """
    rows = _official_units()
    units: dict[str, Unit] = {}
    result = LoadResult()
    result.add(
        _sync_level(
            [r for r in rows if r["level"] == Level.PROVINCE],
            Level.PROVINCE,
            {},
            units,
            recode=True,
        )
    )
    result.add(
        _sync_level(
            [r for r in rows if r["level"] == Level.COMMUNE],
            Level.COMMUNE,
            units,
            units,
            recode=True,
        )
    )
    if legacy:
        result.add(_load_former_units(units))
    units_changed.send(sender=Unit)
    return result


def _load_former_units(units: dict[str, Unit]) -> LoadResult:
    from vietnam_provinces import legacy
    from vietnam_provinces._province_conversion_2025 import NEW_TO_OLD as PROVINCES_NEW_TO_OLD
    from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCES_OLD_TO_NEW
    from vietnam_provinces._ward_conversion_2025 import NEW_TO_OLD, OLD_TO_NEW

    result = LoadResult()
    new_province = {
        o: [f"{n.code:02d}" for n in e.new_provinces] for o, e in PROVINCES_OLD_TO_NEW.items()
    }
    province_rows, province_parent = _former_province_rows(
        legacy.Province.iter_all(), new_province, PROVINCES_NEW_TO_OLD, units
    )
    result.add(_sync_level(province_rows, Level.FORMER_PROVINCE, units, units, recode=False))
    district_rows = [
        {
            "code": former_code(d.code, Level.DISTRICT), "name": d.name,
            "kind": _LEGACY_KINDS[d.division_type.value],
            "parent_code": province_parent[int(d.province_code)], "area": Area.RURAL, **_FORMER,
        }
        for d in sorted(legacy.District.iter_all(), key=lambda d: int(d.code))
    ]  # fmt: skip
    result.add(_sync_level(district_rows, Level.DISTRICT, units, units, recode=False))
    commune_rows = _former_commune_rows(legacy.Ward.iter_all(), OLD_TO_NEW, units)
    result.add(_sync_level(commune_rows, Level.FORMER_COMMUNE, units, units, recode=False))
    result.add(_sync_successions(_succession_pairs(new_province, OLD_TO_NEW, units)))
    result.add(_sync_former_districts(units, NEW_TO_OLD))
    return result


_FORMER = {"abolished_on": REFORM_DATE, "is_active": False}


def _former_province_rows(provinces, new_province, new_to_old, units):
    """Rows of the former provinces that merged, and where each former province's districts
    hang (the former province, or the unchanged province itself)."""
    province_rows, province_parent = [], {}
    for p in sorted(provinces, key=lambda p: int(p.code)):
        code = int(p.code)
        successors = new_province[code]
        unchanged = successors == [f"{code:02d}"] and len(new_to_old[code].old_provinces) == 1
        if unchanged:
            # A province that merged with none (Hà Nội, Huế, Cao Bằng …) was not abolished:
            # its former districts hang under it directly.
            province_parent[code] = successors[0]
            continue
        fcode = former_code(code, Level.FORMER_PROVINCE)
        province_parent[code] = fcode
        province_rows.append({
            "code": fcode, "name": _without_tinh(p.name), "kind": _LEGACY_KINDS[p.division_type.value],
            "parent_code": successors[0], "area": Area.RURAL,
            "successor": units[successors[0]] if len(successors) == 1 else None, **_FORMER,
        })  # fmt: skip
    return province_rows, province_parent


def _former_commune_rows(wards, old_to_new, units) -> list[dict]:
    """Rows of the former communes, each with the current commune it became when only one."""
    rows = []
    for w in sorted(wards, key=lambda w: int(w.code)):
        entry = old_to_new.get(int(w.code))
        new = [units[f"{n.code:05d}"] for n in entry.new_wards] if entry else []
        kind = _LEGACY_KINDS[w.division_type.value]
        rows.append({
            "code": former_code(w.code, Level.FORMER_COMMUNE), "name": w.name, "kind": kind,
            "parent_code": former_code(w.district_code, Level.DISTRICT),
            "area": Area.URBAN if kind in _URBAN_KINDS else Area.RURAL,
            "successor": new[0] if len(new) == 1 else None, **_FORMER,
        })  # fmt: skip
    return rows


def _succession_pairs(new_province, old_to_new, units) -> dict[tuple[int, int], bool]:
    """(former unit, current unit) -> whether only part of the former unit went there."""
    pairs: dict[tuple[int, int], bool] = {}
    for p_code, successors in new_province.items():
        fcode = former_code(p_code, Level.FORMER_PROVINCE)
        if fcode in units:
            for s in successors:
                pairs[(units[fcode].pk, units[s].pk)] = len(successors) > 1
    for old_code, entry in old_to_new.items():
        commune = units.get(former_code(old_code, Level.FORMER_COMMUNE))
        if commune is None:
            continue  # a few rows of the table name a commune missing from the former list
        district = units[former_code(entry.old_ward.district_code, Level.DISTRICT)]
        for n in entry.new_wards:
            new = units[f"{n.code:05d}"].pk
            pairs[(commune.pk, new)] = entry.old_ward.is_partly_merged
            pairs[(district.pk, new)] = True  # a district went to many communes
    return pairs


def _sync_successions(pairs: dict[tuple[int, int], bool]) -> LoadResult:
    result = LoadResult()
    existing = {(s.predecessor_id, s.successor_id): s for s in Succession.objects.all()}
    to_create = [
        Succession(predecessor_id=a, successor_id=b, partly=partly, effective_on=REFORM_DATE)
        for (a, b), partly in pairs.items()
        if (a, b) not in existing
    ]
    to_update = []
    for key, s in existing.items():
        if key in pairs and (s.partly, s.effective_on) != (pairs[key], REFORM_DATE):
            s.partly, s.effective_on = pairs[key], REFORM_DATE
            to_update.append(s)
    stale = [s for key, s in existing.items() if key not in pairs]
    for s in stale:
        s.delete()  # a correction of the tables: one history record each
    if to_create:
        insert_with_history(Succession, to_create, by=None, reason=_LOAD_REASON)
    if to_update:
        bulk_update_with_history(to_update, Succession, ["partly", "effective_on"], batch_size=2000)
    result.created = len(to_create)
    result.updated = len(to_update) + len(stale)
    result.unchanged = len(existing) - len(to_update) - len(stale)
    return result


def _sync_former_districts(units: dict[str, Unit], new_to_old) -> LoadResult:
    """Each current commune's main former district: the one most of its former communes
    were in; on a tie, the one of the former commune whose code it kept."""
    result = LoadResult()
    changed = []
    for commune in Unit.objects.filter(level=Level.COMMUNE):
        entry = new_to_old.get(int(commune.code))
        district = None
        if entry:
            counts: dict[int, int] = {}
            for old in entry.old_wards:
                counts[old.district_code] = counts.get(old.district_code, 0) + 1
            kept = next(
                (o.district_code for o in entry.old_wards if o.code == int(commune.code)), None
            )
            best = max(counts.values())
            tied = sorted(c for c, n in counts.items() if n == best)
            chosen = kept if kept in tied else tied[0]
            district = units[former_code(chosen, Level.DISTRICT)]
        if commune.former_district_id != (district.pk if district else None):
            commune.former_district = district
            commune.version += 1
            changed.append(commune)
    by_district: dict[int | None, list[int]] = {}
    for commune in changed:
        by_district.setdefault(commune.former_district_id, []).append(commune.pk)
    # One UPDATE per district: bulk_update's CASE over 3,321 rows takes seconds.
    for district_id, pks in by_district.items():
        Unit.objects.filter(pk__in=pks).update(
            former_district_id=district_id, version=F("version") + 1
        )
    if changed:
        Unit.history.bulk_history_create(
            changed, update=True, default_change_reason=_LOAD_REASON, batch_size=2000
        )
    result.updated = len(changed)
    return result


def _require_commune(commune: Unit) -> None:
    if commune.level != Level.COMMUNE:
        raise ValidationError(
            _("Villages can only be added under a commune, ward or special zone.")
        )


def _check_unique_name(commune: Unit, name: str, exclude_pk: int | None = None) -> None:
    siblings = Unit.objects.filter(parent=commune, level=Level.VILLAGE, is_active=True)
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    folded = fold(name)
    if any(fold(n) == folded for n in siblings.values_list("name", flat=True)):
        raise ValidationError(
            {
                "name": _("“%(name)s” already exists in %(commune)s.")
                % {"name": name, "commune": commune}
            }
        )


def _next_village_code(commune: Unit) -> str:
    """Villages have no national code; they get ``<commune code>-NNN`` in order of creation."""
    last = (
        Unit.objects.filter(
            parent=commune, level=Level.VILLAGE, code__startswith=f"{commune.code}-"
        )
        .aggregate(m=Max("code"))
        .get("m")
    )
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{commune.code}-{seq:03d}"


def _validate_village(name: str, kind: str) -> str:
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = _("Enter the village name.")
    if kind not in VILLAGE_KINDS:
        errors["kind"] = _("Choose a village type (thôn, ấp, bản, tổ dân phố …).")
    if errors:
        raise ValidationError(errors)
    return name


@transaction.atomic
def add_village(*, commune: Unit, name: str, kind: str, by, reason: str = "") -> Unit:
    """A village (thôn, ấp, bản, tổ dân phố) under a commune; it takes the commune's area."""
    _require_commune(commune)
    name = _validate_village(name, kind)
    _check_unique_name(commune, name)
    village = Unit(
        code=_next_village_code(commune),
        name=name,
        level=Level.VILLAGE,
        kind=kind,
        parent=commune,
        area=commune.area,
    )
    village._history_user = by
    village._change_reason = reason
    village.save()
    return village


@transaction.atomic
def update_village(
    *, village: Unit, name: str, kind: str, version: int, by, reason: str = ""
) -> Unit:
    """Rename or retype a village; refused if someone else saved it since it was opened."""
    if village.level != Level.VILLAGE:
        raise ValidationError(_("Only villages can be edited here."))
    name = _validate_village(name, kind)
    _check_unique_name(village.parent, name, exclude_pk=village.pk)
    village.name, village.kind = name, kind
    return save_with_version(village, expected_version=version, by=by, reason=reason)


@transaction.atomic
def set_commune_area(*, commune: Unit, area: str, version: int, by, reason: str) -> Unit:
    """Correct a commune's urban/rural area; its villages follow, since lines depend on it."""
    _require_commune(commune)
    if area not in Area.values:
        raise ValidationError({"area": _("Choose rural or urban.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for changing the area.")})
    commune.area = area
    save_with_version(commune, expected_version=version, by=by, reason=reason)
    villages = list(Unit.objects.filter(parent=commune, level=Level.VILLAGE).exclude(area=area))
    for v in villages:
        v.area = area
    if villages:
        bulk_update_with_history(
            villages, Unit, ["area"], default_user=by, default_change_reason=reason
        )
    return commune


def parse_village_kind(value) -> str | None:
    """Accept "Thôn", "thon", "to_dan_pho" or a label such as "Hamlet (thôn)"."""
    folded = fold(str(value or "")).replace("_", " ")
    if "(" in folded:
        folded = folded.split("(")[-1].rstrip(")").strip()
    return {code.replace("_", " "): code for code in VILLAGE_KINDS}.get(folded)


def _check_village_name(n: int, name: str, existing: set[str], seen: dict[str, int], errors):
    """A village name must be given, new in the commune and not repeated in the file
    (``seen`` remembers the row of each name)."""
    key = fold(name)
    if not name:
        errors.add(n, _("Village name"), _("The village name is empty."))
    elif key in existing:
        errors.add(
            n,
            _("Village name"),
            _("“%(name)s” already exists in this commune.") % {"name": name},
        )
    elif key in seen:
        errors.add(
            n,
            _("Village name"),
            _("“%(name)s” is repeated (also on row %(row)d).") % {"name": name, "row": seen[key]},
        )
    else:
        seen[key] = n


def import_villages(*, commune: Unit, rows: list[dict], by) -> list[Unit]:
    """Add many villages at once: every row is checked first and nothing is saved on any error.

    ``rows`` are dicts with ``name`` and ``kind`` (a code or a Vietnamese label) and the
    spreadsheet's row number in ``_row``; old lists may add the row's ``province``,
    ``district``, ``commune`` (as before July 2025) and ``new_commune``, which must lead to
    this commune. Raises :class:`giamngheo.core.tabular.RowErrors`.
    """
    _require_commune(commune)
    existing = {
        fold(n)
        for n in Unit.objects.filter(parent=commune, level=Level.VILLAGE).values_list(
            "name", flat=True
        )
    }
    errors = RowErrors()
    seen: dict[str, int] = {}
    cleaned = []
    resolver = None
    for row in rows:
        n = row["_row"]
        name = " ".join(str(row.get("name") or "").split())
        kind = parse_village_kind(row.get("kind"))
        units = {k: row.get(k) or "" for k in ("province", "district", "commune", "new_commune")}
        if any(str(v).strip() for v in units.values()):
            resolver = resolver or CommuneResolver(within=commune)
            problem = problem_for_commune(resolver, commune, **units)
            if problem:
                column = "Xã mới" if units["new_commune"] else "Xã"  # the file's headers
                errors.add(n, column, *problem)
        _check_village_name(n, name, existing, seen, errors)
        if kind not in VILLAGE_KINDS:
            errors.add(
                n,
                _("Type"),
                _(
                    "“%(value)s” is not a village type (thôn, ấp, bản, làng, buôn, plei, tổ dân phố, khu phố)."
                )
                % {"value": row.get("kind") or ""},
            )
        cleaned.append((name, kind))
    if not cleaned:
        errors.add(0, "", _("The file has no data rows."))
    errors.raise_if_any()
    with transaction.atomic():
        return [
            add_village(
                commune=commune, name=name, kind=kind, by=by, reason=_("Imported from file")
            )
            for name, kind in cleaned
        ]
