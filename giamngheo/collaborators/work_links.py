"""The villages and households named by tasks and activities, for pages that list them.

One query for every list of a page (a UNION ALL over the four link tables, in plain SQL),
reading only the columns shown (a village's name, a household's code and head), instead of
one prefetch per relation instantiating whole households and units. Each task or activity
gets ``village_list`` (objects with ``name``) and ``household_list`` (households, shown as
``str(household)``), in the order the relations' ``.all()`` gives: villages by path,
households by code.
"""

from django.db import connection

from giamngheo.geo.models import Unit
from giamngheo.households.models import Household

from .models import Activity, Assignment

# (owner model, relation, kind tag): the tag tells the rows of each link table apart.
_LINKS = (
    (Assignment, "villages", 0),
    (Assignment, "households", 1),
    (Activity, "villages", 2),
    (Activity, "households", 3),
)


class VillageName:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __str__(self) -> str:
        return self.name


def _select(model, relation: str, kind: int, count: int) -> str:
    """One part of the UNION: (kind, owner, sort, first, second) for ``count`` owners.

    Plain SQL built from the models' own table and column names: the ORM spent more time
    compiling this UNION of four joins than the database spent running it."""
    q = connection.ops.quote_name
    through = getattr(model, relation).through
    meta = through._meta
    owner = meta.get_field(model._meta.model_name).column
    if relation == "villages":
        target, column = Unit._meta, meta.get_field("unit").column
        picked = f"t.{q('path')}, t.{q('name')}, ''"
    else:
        target, column = Household._meta, meta.get_field("household").column
        picked = f"t.{q('code')}, t.{q('code')}, t.{q('head_name')}"
    marks = ", ".join(["%s"] * count)
    return (
        f"SELECT {kind}, l.{q(owner)}, {picked} FROM {q(meta.db_table)} l "
        f"INNER JOIN {q(target.db_table)} t ON t.{q(target.pk.column)} = l.{q(column)} "
        f"WHERE l.{q(owner)} IN ({marks})"
    )


def _rows(owners: dict) -> list[tuple]:
    parts, params = [], []
    for model, relation, kind in _LINKS:
        ids = [o.pk for o in owners[model]]
        if ids:
            parts.append(_select(model, relation, kind, len(ids)))
            params += ids
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2, 3", params)
        return cursor.fetchall()


def attach(*, assignments=(), activities=()) -> None:
    """Set ``village_list`` and ``household_list`` on every task and activity given."""
    owners = {Assignment: list(assignments), Activity: list(activities)}
    found: dict[tuple[int, int], list] = {}
    for kind, owner, _sort, first, second in _rows(owners):
        if kind % 2:  # households
            item = Household(code=first, head_name=second or "")
        else:
            item = VillageName(first)
        found.setdefault((kind, owner), []).append(item)
    for model, relation, kind in _LINKS:
        for owner in owners[model]:
            setattr(owner, f"{relation[:-1]}_list", found.get((kind, owner.pk), []))
