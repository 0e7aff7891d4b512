"""Writes to the unit tree: the official loader and villages added by users."""

from dataclasses import dataclass

import vietnam_provinces as vp
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from giamngheo.core.concurrency import save_with_version
from giamngheo.core.search import fold, fold_parts

from .models import VILLAGE_KINDS, Area, Kind, Level, Unit

_PROVINCE_KINDS = {
    vp.VietNamDivisionType.TINH: Kind.PROVINCE,
    vp.VietNamDivisionType.THANH_PHO_TRUNG_UONG: Kind.CENTRAL_CITY,
}
_COMMUNE_KINDS = {
    vp.VietNamDivisionType.XA: Kind.COMMUNE,
    vp.VietNamDivisionType.PHUONG: Kind.WARD,
    vp.VietNamDivisionType.DAC_KHU: Kind.SPECIAL_ZONE,
}
# Phường are urban; xã rural. Đặc khu (island special zones) start as rural and an
# officer may change the area of a commune, since the law does not classify them.
_URBAN_KINDS = {Kind.WARD}


@dataclass
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _official_units() -> list[dict]:
    """The post-2025 units from vietnam-provinces, in tree order (provinces first)."""
    rows = []
    for p in sorted(vp.Province.iter_all(), key=lambda p: int(p.code)):
        code = f"{int(p.code):02d}"
        rows.append(
            {
                "code": code,
                "name": p.name,
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


@transaction.atomic
def load_official_units() -> LoadResult:
    """Create or refresh the 34 provinces and 3,321 communes; idempotent.

    One read of the existing units, then bulk writes of only what differs, so a
    second run writes nothing and leaves no audit noise. A commune's area is set
    only when the commune is created: an officer's later correction is kept.
    """
    existing = {u.code: u for u in Unit.objects.filter(level__in=[Level.PROVINCE, Level.COMMUNE])}
    created = updated = unchanged = 0
    for level in (Level.PROVINCE, Level.COMMUNE):
        rows = [r for r in _official_units() if r["level"] == level]
        parents = (
            {u.code: u for u in Unit.objects.filter(level=Level.PROVINCE)}
            if level == Level.COMMUNE
            else {}
        )
        to_create, to_update = [], []
        for row in rows:
            parent = parents.get(row["parent_code"]) if row["parent_code"] else None
            path = f"{parent.path if parent else ''}{row['code']}/"
            unit = existing.get(row["code"])
            if unit is None:
                to_create.append(
                    Unit(
                        code=row["code"],
                        name=row["name"],
                        level=row["level"],
                        kind=row["kind"],
                        parent=parent,
                        path=path,
                        area=row["area"],
                        search_text=fold_parts(row["name"], row["code"]),
                    )
                )
                continue
            changed = (unit.name, unit.kind, unit.parent_id, unit.path, unit.is_active) != (
                row["name"],
                row["kind"],
                parent.pk if parent else None,
                path,
                True,
            )
            if changed:
                unit.name, unit.kind, unit.parent, unit.path = (
                    row["name"],
                    row["kind"],
                    parent,
                    path,
                )
                unit.is_active = True
                unit.search_text = fold_parts(row["name"], row["code"])
                unit.version += 1
                to_update.append(unit)
            else:
                unchanged += 1
        if to_create:
            bulk_create_with_history(to_create, Unit, batch_size=1000)
        if to_update:
            bulk_update_with_history(
                to_update,
                Unit,
                ["name", "kind", "parent", "path", "is_active", "search_text", "version"],
                batch_size=1000,
            )
        created += len(to_create)
        updated += len(to_update)
    return LoadResult(created=created, updated=updated, unchanged=unchanged)


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


def import_villages(*, commune: Unit, rows: list[dict], by) -> list[Unit]:
    """Add many villages at once: every row is checked first and nothing is saved on any error.

    ``rows`` are dicts with ``name`` and ``kind`` (a code or a Vietnamese label) and the
    spreadsheet's row number in ``_row``. Raises :class:`giamngheo.core.tabular.RowErrors`.
    """
    from giamngheo.core.tabular import RowErrors

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
    for row in rows:
        n = row["_row"]
        name = " ".join(str(row.get("name") or "").split())
        kind = parse_village_kind(row.get("kind"))
        if not name:
            errors.add(n, _("Village name"), _("The village name is empty."))
        elif fold(name) in existing:
            errors.add(
                n,
                _("Village name"),
                _("“%(name)s” already exists in this commune.") % {"name": name},
            )
        elif fold(name) in seen:
            errors.add(
                n,
                _("Village name"),
                _("“%(name)s” is repeated (also on row %(row)d).")
                % {"name": name, "row": seen[fold(name)]},
            )
        else:
            seen[fold(name)] = n
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
