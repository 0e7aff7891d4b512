"""Movement types and the status lists as they stood on a date, read from the status history.

A movement says how one status decision moved a household relative to its previous list
(newly poor, fallen back into poverty — tái nghèo —, continuing, escaped …): reports 2 and 3
of the review report set (Circular 07/2021/TT-BLĐTBXH) count them. It is derived, never typed:
one SQL expression over the record, its previous status, its source and the household's
earlier records, so the writers (``record_status``/``record_statuses``), the data migration and
any recomputation derive it the same way, in the database, with no per-household loop.
"""

from datetime import date

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from .models import Household, Movement, PovertyStatus, StatusRecord

P = PovertyStatus
M = Movement

# What each movement does to the poor and the near-poor lists (reports 2 and 3). A record
# counts as a decrease of a list when its previous status was on it and its status is not.
POOR_DECREASES = (M.ESCAPED_POOR, M.POOR_TO_NEAR_POOR, M.MOVED_OUT, M.DISSOLVED)
POOR_INCREASES = (M.NEWLY_POOR, M.FALLEN_BACK, M.MOVED_IN)
NEAR_POOR_DECREASES = (M.ESCAPED_NEAR_POOR, M.NEWLY_POOR, M.FALLEN_BACK, M.MOVED_OUT, M.DISSOLVED)
NEAR_POOR_INCREASES = (M.NEWLY_NEAR_POOR, M.POOR_TO_NEAR_POOR, M.MOVED_IN)


def movement_expression(model=StatusRecord):
    """The movement of each row of ``model`` (StatusRecord, or its historical model in a
    migration), as a database expression for ``update(movement=...)`` or ``annotate``.

    - a household that moved in, moved away or dissolved (the record's source) is that;
    - an imported list (taken over with its original decision) has no movement;
    - the same list again is "continuing" (poor or near-poor);
    - onto the poor list: "fallen back" when the household was poor before (an earlier
      record, or it comes from the escaped-poverty list), else "newly poor";
    - onto the near-poor list: from poor "poor → near-poor", else "newly near-poor";
    - off the poor list: "escaped poverty"; off the near-poor list: "escaped near-poverty".
    """
    earlier = Q(decision_date__lt=OuterRef("decision_date")) | Q(
        decision_date=OuterRef("decision_date"), pk__lt=OuterRef("pk")
    )
    was_poor = Exists(
        model.objects.filter(earlier, household_id=OuterRef("household_id"), status=P.POOR)
    )
    return Case(
        When(source=StatusRecord.Source.MOVED_OUT, then=Value(M.MOVED_OUT)),
        When(source=StatusRecord.Source.DISSOLVED, then=Value(M.DISSOLVED)),
        When(source=StatusRecord.Source.MOVED_IN, then=Value(M.MOVED_IN)),
        When(Q(source=StatusRecord.Source.IMPORT) | Q(previous_status=""), then=Value("")),
        When(
            status=F("previous_status"),
            status__in=[P.POOR, P.NEAR_POOR],
            then=Value(M.CONTINUING),
        ),
        When(status=F("previous_status"), then=Value("")),
        When(status=P.POOR, previous_status=P.ESCAPED_POOR, then=Value(M.FALLEN_BACK)),
        When(Q(status=P.POOR) & Q(was_poor), then=Value(M.FALLEN_BACK)),
        When(status=P.POOR, then=Value(M.NEWLY_POOR)),
        When(status=P.NEAR_POOR, previous_status=P.POOR, then=Value(M.POOR_TO_NEAR_POOR)),
        When(status=P.NEAR_POOR, then=Value(M.NEWLY_NEAR_POOR)),
        When(previous_status=P.POOR, then=Value(M.ESCAPED_POOR)),
        When(previous_status=P.NEAR_POOR, then=Value(M.ESCAPED_NEAR_POOR)),
        default=Value(""),
        output_field=CharField(),
    )


def derive_movements(records: QuerySet) -> int:
    """Write the derived movement on ``records`` (one UPDATE); returns how many rows."""
    return records.update(movement=movement_expression(records.model))


def status_on(on: date | None, household: str = ""):
    """The household's status on the date ``on`` (its latest decision dated up to then),
    as an expression to annotate a Household queryset; ``None`` means today's lists.
    ``household`` is the path to the household from another model (``"household"`` on members).

    Decisions cannot be dated in the future, so today's lists are the ``status`` column
    itself and need no look-up in the history.
    """
    if on is None:
        return F(f"{household}__status" if household else "status")
    ref = OuterRef(f"{household}_id" if household else "pk")
    latest = (
        StatusRecord.objects.filter(household_id=ref, decision_date__lte=on)
        .order_by("-decision_date", "-id")
        .values("status")[:1]
    )
    return Coalesce(Subquery(latest), Value(P.NOT_LISTED), output_field=CharField())


def with_status_on(households: QuerySet[Household], on: date | None) -> QuerySet[Household]:
    """``households`` annotated with ``status_on``: the list each was on at the date ``on``."""
    return households.annotate(status_on=status_on(on))


def records_between(households: QuerySet[Household], start: date, end: date) -> QuerySet:
    """The status records of ``households`` decided from ``start`` to ``end`` inclusive."""
    return StatusRecord.objects.filter(
        household__in=households.values("pk"), decision_date__range=(start, end)
    )


def movement_counts(
    households: QuerySet[Household], start: date, end: date, by: str | None = None
) -> list[dict]:
    """How many decisions of each movement type the households had in the period, one GROUP BY.

    ``by`` groups further on a household lookup (``"household__village"``,
    ``"household__commune"``); each row is ``{"movement": …, [by: …,] "households": n}``.
    Records with no movement (a first import, a list left without a change) are left out.
    """
    keys = ["movement", by] if by else ["movement"]
    return list(
        records_between(households, start, end)
        .exclude(movement="")
        .values(*keys)
        .annotate(households=Count("household_id", distinct=True))
        .order_by(*keys)
    )
