"""The villages and households named by tasks and activities, for pages that list them.

One query for every list of a page (a UNION over the four link tables), reading only the
columns shown (a village's name, a household's code and head), instead of one prefetch per
relation instantiating whole households and units. Each task or activity gets
``village_list`` (objects with ``name``) and ``household_list`` (households, shown as
``str(household)``), in the order the relations' ``.all()`` gives: villages by path,
households by code.
"""

from django.db.models import F, IntegerField, Value

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


def _rows(model, relation: str, kind: int, ids: list[int]):
    through = getattr(model, relation).through
    owner = model._meta.model_name  # "assignment" / "activity": the through table's column
    if relation == "villages":
        sort, first, second = "unit__path", "unit__name", Value("")
    else:
        sort, first, second = "household__code", "household__code", "household__head_name"
    return (
        through.objects.filter(**{f"{owner}_id__in": ids})
        .annotate(
            kind=Value(kind, output_field=IntegerField()),
            owner=F(f"{owner}_id"),
            sort=F(sort),
            first=F(first),
            second=second if isinstance(second, Value) else F(second),
        )
        .values_list("kind", "owner", "sort", "first", "second")
        .order_by()
    )


def attach(*, assignments=(), activities=()) -> None:
    """Set ``village_list`` and ``household_list`` on every task and activity given."""
    owners = {Assignment: list(assignments), Activity: list(activities)}
    parts = [
        _rows(model, relation, kind, [o.pk for o in owners[model]])
        for model, relation, kind in _LINKS
        if owners[model]
    ]
    found: dict[tuple[int, int], list] = {}
    if parts:
        union = parts[0].union(*parts[1:], all=True).order_by("kind", "owner", "sort")
        for kind, owner, _sort, first, second in union:
            if kind % 2:  # households
                item = Household(code=first, head_name=second or "")
            else:
                item = VillageName(first)
            found.setdefault((kind, owner), []).append(item)
    for model, relation, kind in _LINKS:
        for owner in owners[model]:
            setattr(owner, f"{relation[:-1]}_list", found.get((kind, owner.pk), []))
