"""Reading old lists: a province, district or commune named as before July 2025 → today's commune.

Lists of 2016–2025 name the 63 provinces, their districts and ~10,000 former communes, by
code or by name, often typed without diacritics. The former units and what each became are
in the unit tree (``load_units``); this module reads a row's values against them. A former
commune split among several new communes cannot be mapped by its name alone: the row must
say the new commune or a village that only one of them has.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from giamngheo.core.search import fold

from .models import FORMER_LEVELS, FORMER_PREFIX, Level, Succession, Unit

_PREFIXES = (
    "thanh pho ", "tinh ", "huyen ", "quan ", "thi xa ", "thi tran ", "xa ", "phuong ",
    "dac khu ", "tp. ", "tp ", "h. ", "x. ", "p. ", "tt. ", "tt ",
)  # fmt: skip


def _keys(text) -> set[str]:
    """A name's folded forms with and without its type word ("Xã Đắk Rơ Ông" → "dak ro ong")."""
    folded = fold(str(text or "").replace("’", "'"))
    if not folded:
        return set()
    keys = {folded}
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            keys.add(folded.removeprefix(prefix).strip())
    return keys


def _codes(text) -> set[str]:
    value = str(text or "").strip().removesuffix(".0")
    return {str(int(value))} if value.isdigit() else set()


def _official(unit: Unit) -> str:
    """A unit's official code without the former-unit prefix, as lists write it."""
    return str(int(unit.code.removeprefix(FORMER_PREFIX))) if unit.code[-1].isdigit() else ""


@dataclass
class Match:
    """A row's current commune, or why there is none (with the communes it could be)."""

    commune: Unit | None = None
    message: str = ""
    candidates: list[Unit] = field(default_factory=list)
    split: bool = False

    def candidate_labels(self) -> list[str]:
        return [f"{c.name} ({c.code})" for c in self.candidates]


class CommuneResolver:
    """Resolves rows against the current and former units under ``within``.

    ``within`` is the import's province or commune: only current communes under it are an
    answer (a former commune split between this commune and another resolves to this one).
    Everything is read in a few queries up front; each row is then looked up in memory.
    """

    def __init__(self, *, within: Unit | None = None):
        self.within = within
        current = Unit.objects.filter(level=Level.COMMUNE)
        province_path = ""
        if within is not None:
            province_path = within.path.split("/")[0] + "/"
            current = current.filter(path__startswith=province_path)
        self.current = {u.pk: u for u in current}
        links = Succession.objects.filter(successor_id__in=self.current.keys())
        self.successors: dict[int, set[int]] = {}
        for predecessor_id, successor_id in links.values_list("predecessor_id", "successor_id"):
            self.successors.setdefault(predecessor_id, set()).add(successor_id)
        former = Unit.objects.filter(
            Q(pk__in=self.successors.keys()) | Q(level=Level.FORMER_PROVINCE)
        ).filter(level__in=FORMER_LEVELS)
        self.former = {u.pk: u for u in former}
        provinces = Unit.objects.filter(Q(level=Level.PROVINCE) | Q(level=Level.FORMER_PROVINCE))
        self.provinces = list(provinces)
        self.by_pk = self.current | self.former | {p.pk: p for p in self.provinces}
        self._index()

    def _index(self) -> None:
        self.names: dict[str, dict[str, set[int]]] = {}
        self.code_index: dict[str, dict[str, set[int]]] = {}
        for unit in self.by_pk.values():
            kind = {
                Level.COMMUNE: "commune",
                Level.FORMER_COMMUNE: "commune",
                Level.DISTRICT: "district",
                Level.PROVINCE: "province",
                Level.FORMER_PROVINCE: "province",
            }[unit.level]
            for key in _keys(unit.name):
                self.names.setdefault(kind, {}).setdefault(key, set()).add(unit.pk)
            if code := _official(unit):
                self.code_index.setdefault(kind, {}).setdefault(code, set()).add(unit.pk)

    def _find(self, kind: str, value) -> set[int]:
        found = set()
        for code in _codes(value):
            found |= self.code_index.get(kind, {}).get(code, set())
        for key in _keys(value):
            found |= self.names.get(kind, {}).get(key, set())
        return found

    def _now(self, pk: int) -> set[int]:
        """The current communes a unit is (itself) or became."""
        if pk in self.current:
            return {pk}
        return {s for s in self.successors.get(pk, ()) if s in self.current}

    def _under(self, unit: Unit, paths: list[str], former_pks: set[int]) -> bool:
        if any(unit.path.startswith(p) for p in paths):
            return True
        # A current commune is "in" a former district or province it was formed from.
        return any(unit.pk in self.successors.get(pk, ()) for pk in former_pks)

    def resolve(self, *, commune="", district="", province="", new_commune="", village="") -> Match:
        if str(new_commune or "").strip():
            return self._resolve_new_commune(new_commune, commune, district, province)
        found = self._find("commune", commune)
        if not found:
            return Match(
                message=_("No commune, former or current, is called “%(value)s”.")
                % {"value": commune}
            )
        for kind, value in (("district", district), ("province", province)):
            if str(value or "").strip():
                found = self._under_named(found, kind, value, commune)
                if isinstance(found, Match):
                    return found
        return self._current_commune(found, commune, village)

    def _resolve_new_commune(self, new_commune, commune, district, province) -> Match:
        """The current commune written in "Xã mới"; a former commune written beside it must
        be one that became it."""
        found = {pk for pk in self._find("commune", new_commune) if pk in self.current}
        found = self._inside(found)
        if len(found) != 1:
            return Match(
                message=_("“%(value)s” is not a current commune here.") % {"value": new_commune},
                candidates=self._units(found),
            )
        chosen = self.current[found.pop()]
        if str(commune or "").strip():
            match = self.resolve(commune=commune, district=district, province=province)
            options = match.candidates if match.commune is None else [match.commune]
            if options and chosen not in options:
                return Match(
                    message=_("%(old)s did not become %(new)s.")
                    % {"old": commune, "new": chosen.name},
                    candidates=options,
                )
        return Match(commune=chosen)

    def _under_named(self, found: set[int], kind: str, value, commune) -> set[int] | Match:
        """The communes of ``found`` inside the district or province named ``value`` (former
        or current), or the Match that says why there is none."""
        units = [self.by_pk[pk] for pk in self._find(kind, value)]
        if not units:
            return Match(
                message=_("No former or current %(level)s is called “%(value)s”.")
                % {
                    "level": _("district") if kind == "district" else _("province"),
                    "value": value,
                }
            )
        paths = [u.path for u in units]
        former_pks = {u.pk for u in units if u.level in FORMER_LEVELS}
        found = {pk for pk in found if self._under(self.by_pk[pk], paths, former_pks)}
        if not found:
            return Match(
                message=_("There is no commune “%(commune)s” in %(unit)s.")
                % {"commune": commune, "unit": ", ".join(u.name for u in units)}
            )
        return found

    def _current_commune(self, found: set[int], commune, village) -> Match:
        """The one current commune (inside the resolver's unit) the units ``found`` are or
        became; a village name may tell apart the communes a former one was split among."""
        now = set().union(*(self._now(pk) for pk in found))
        inside = self._inside(now)
        if len(inside) == 1:
            return Match(commune=self.current[inside.pop()])
        if not now:
            return Match(
                message=_("%(value)s did not become a commune of %(unit)s.")
                % {"value": commune, "unit": self.within.name if self.within else "—"}
            )
        if not inside:
            return Match(
                message=_("%(value)s is now %(communes)s, outside %(unit)s.")
                % {
                    "value": commune,
                    "communes": ", ".join(u.name for u in self._units(now)) or "—",
                    "unit": self.within.name if self.within else "",
                },
                candidates=self._units(now),
            )
        if str(village or "").strip():
            with_village = set(
                Unit.objects.filter(parent_id__in=inside, level=Level.VILLAGE, is_active=True)
                .filter(search_text__startswith=fold(village))
                .values_list("parent_id", flat=True)
            )
            if len(with_village) == 1:
                return Match(commune=self.current[with_village.pop()])
        return self._ambiguous(found, inside, commune)

    def _ambiguous(self, found: set[int], inside: set[int], commune) -> Match:
        """Several current communes fit: say which, and what to write to choose."""
        split = len(found) == 1 and self.by_pk[next(iter(found))].level == Level.FORMER_COMMUNE
        candidates = self._units(inside)
        labels = ", ".join(f"{c.name} ({c.code})" for c in candidates)
        if split:
            message = _(
                "%(value)s was split among %(communes)s in 2025: write the new commune (column “Xã mới”) or a village that only one of them has."
            ) % {"value": self.by_pk[next(iter(found))].name, "communes": labels}
        else:
            message = _(
                "“%(value)s” may be %(communes)s: add the district and province, or the new commune (column “Xã mới”)."
            ) % {"value": commune, "communes": labels}
        return Match(message=message, candidates=candidates, split=split)

    def _inside(self, pks: set[int]) -> set[int]:
        if self.within is None:
            return set(pks)
        return {pk for pk in pks if self.current[pk].path.startswith(self.within.path)}

    def _units(self, pks) -> list[Unit]:
        return sorted((self.by_pk[pk] for pk in pks if pk in self.by_pk), key=lambda u: u.code)


def problem_for_commune(
    resolver: CommuneResolver, target: Unit, *, province="", district="", commune="",
    new_commune="", village="",
) -> tuple[str, list[str]] | None:  # fmt: skip
    """For imports into one commune: None when the row's units (old or new) lead to
    ``target``, else (message, candidates). A row naming no unit is fine."""
    if not any(str(v or "").strip() for v in (province, district, commune, new_commune)):
        return None
    match = resolver.resolve(
        commune=commune or new_commune, district=district, province=province,
        new_commune=new_commune, village=village,
    )  # fmt: skip
    if match.commune is None:
        return match.message, match.candidate_labels()
    if match.commune.pk != target.pk:
        return (
            _("%(value)s is now %(commune)s, not %(this)s.")
            % {"value": commune or new_commune, "commune": match.commune.name, "this": target.name},
            [f"{match.commune.name} ({match.commune.code})"],
        )
    return None
