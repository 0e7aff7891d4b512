"""Re-assessing the whole register at once: when a rule is corrected or a new standard comes
into force (1 January 2027), every stored assessment is recomputed.

One household at a time (``assessment.recompute_per_household``) costs model instances,
``HouseholdFacts`` objects and a Python call per indicator per household: hours for a
province. Here each chunk of households is read straight from the database as columns
(PostgreSQL streams it with ``COPY … TO STDOUT`` into polars; other databases go through
``values_list``), every indicator is evaluated on the columns (``deprivation_matrix``), the
households are classified with ``classify_bulk`` and only the rows whose assessment differs
are written back (one ``UPDATE … FROM unnest(…)`` and one ``COPY`` of deprivation rows on
PostgreSQL, ``bulk_update``/``bulk_create`` elsewhere).

The run is idempotent (a second run writes nothing) and resumable: each chunk commits with
the run's progress (``Reassessment.last_household_id``), and ``resume=True`` continues an
unfinished run of the same standard, date and scope. Statuses and their history are never
touched: an assessment is advisory, a status changes only through a review decision. A
household whose assessed category changed is marked (``assessment_changed_at`` and the
previous category) so its page says so and the commune officer can list them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import numpy as np
from django.db import connection, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from giamngheo.geo.models import Area as UnitArea
from giamngheo.poverty import (
    INCOME_UNKNOWN,
    Columns,
    Standard,
    classify_bulk,
    deprivation_matrix,
    supports_columns,
)
from giamngheo.poverty.codes import CATEGORY_BY_CODE
from giamngheo.poverty.columns import (
    DOB_UNKNOWN,
    HOUSEHOLD_ENUMS,
    HOUSEHOLD_TRI,
    MEMBER_ENUMS,
    MEMBER_TRI,
    days,
)

from .assessment import recompute_per_household, standard_in_force
from .models import Deprivation, Household, Member, Reassessment

Progress = Callable[[int, int], None]
CHUNK = 50_000
# Other databases bind each id of a written chunk as a parameter (SQLite allows 999).
SMALL_CHUNK = 500
_STRAY_BIT = 1 << 15  # a stored deprivation whose code the standard does not have


def _tri(field: str):
    return Case(
        When(**{field: True}, then=Value(1)),
        When(**{field: False}, then=Value(0)),
        default=Value(-1),
        output_field=IntegerField(),
    )


def _enum(field: str, enum):
    return Case(
        *[When(**{field: member.value}, then=Value(i)) for i, member in enumerate(enum)],
        default=Value(-1),
        output_field=IntegerField(),
    )


_URBAN = Case(
    When(commune__area=UnitArea.URBAN, then=Value(1)), default=Value(0), output_field=IntegerField()
)


def _household_query(chunk):
    """Facts and the stored assessment of the households ``ids``, encoded as numbers."""
    encoded = {
        **{f"x_{name}": _tri(name) for name in HOUSEHOLD_TRI},
        **{f"x_{name}": _enum(name, enum) for name, enum in HOUSEHOLD_ENUMS.items()},
        "x_urban": _URBAN,
    }
    columns = ["pk", "income_per_capita", "floor_area_m2", *encoded]
    stored = ["assessed_category", "assessed_standard", "deprived_count", "unknown_count"]
    return (
        chunk.annotate(**encoded).order_by("pk").values_list(*columns, *stored)
    ), columns + stored


def _member_query(chunk):
    encoded = {
        **{f"x_{name}": _tri(name) for name in MEMBER_TRI},
        **{f"x_{name}": _enum(name, enum) for name, enum in MEMBER_ENUMS.items()},
    }
    columns = ["household_id", "date_of_birth", "birth_year", *encoded]
    return (
        Member.objects.filter(household__in=chunk.values("pk"))
        .annotate(**encoded)
        .order_by()
        .values_list(*columns)
    ), columns


def _fetch(query, names) -> dict[str, np.ndarray | list]:
    """Rows of a values_list query as columns: COPY + polars on PostgreSQL."""
    if connection.vendor == "postgresql":
        import polars as pl
        import psycopg

        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            raw = cursor.connection
            literal = psycopg.ClientCursor(raw).mogrify(sql, params)
            buffer = io.BytesIO()
            with raw.cursor().copy(f"COPY ({literal}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    buffer.write(block)
        if not buffer.getbuffer().nbytes:
            return {name: np.empty(0) for name in names}
        buffer.seek(0)
        frame = pl.read_csv(
            buffer,
            has_header=False,
            new_columns=names,
            schema_overrides={n: pl.Utf8 for n in names if not n.startswith("x_")},
        )
        return {name: frame[name] for name in names}
    rows = list(query)
    return (
        {name: list(values) for name, values in zip(names, zip(*rows, strict=True), strict=True)}
        if rows
        else {name: [] for name in names}
    )


def _ints(values, dtype, missing: int) -> np.ndarray:
    """A column of optional integers as numpy, ``missing`` for NULL."""
    if hasattr(values, "fill_null"):  # a polars Series
        import polars as pl

        return values.cast(pl.Int64, strict=False).fill_null(missing).to_numpy().astype(dtype)
    return np.array([missing if v is None or v == "" else int(v) for v in values], dtype=dtype)


def _floats(values) -> np.ndarray:
    if hasattr(values, "fill_null"):
        import polars as pl

        return values.cast(pl.Float64, strict=False).fill_null(np.nan).to_numpy()
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _texts(values) -> np.ndarray:
    if hasattr(values, "fill_null"):
        return values.fill_null("").to_numpy().astype(object)
    return np.array(["" if v is None else v for v in values], dtype=object)


def _dob_days(values) -> np.ndarray:
    if hasattr(values, "fill_null"):
        import polars as pl

        parsed = values.str.to_date("%Y-%m-%d", strict=False).cast(pl.Int32)
        return parsed.fill_null(DOB_UNKNOWN).to_numpy().astype(np.int32)
    return np.array([DOB_UNKNOWN if v is None else days(v) for v in values], dtype=np.int32)


def read_columns(chunk) -> tuple[np.ndarray, Columns, dict]:
    """Facts of the households of the queryset ``chunk`` and their members as ``Columns``,
    plus the stored assessment."""
    query, names = _household_query(chunk)
    raw = _fetch(query, names)
    pks = _ints(raw["pk"], np.int64, 0)
    households = {
        "area": _ints(raw["x_urban"], np.int8, -1),
        "income": _ints(raw["income_per_capita"], np.int64, INCOME_UNKNOWN),
        "floor_area_m2": _floats(raw["floor_area_m2"]),
        "member_count": np.full(len(pks), -1, dtype=np.int32),
        **{name: _ints(raw[f"x_{name}"], np.int8, -1) for name in HOUSEHOLD_TRI},
        **{name: _ints(raw[f"x_{name}"], np.int8, -1) for name in HOUSEHOLD_ENUMS},
    }
    stored = {
        "category": _texts(raw["assessed_category"]),
        "standard": _texts(raw["assessed_standard"]),
        "deprived": _ints(raw["deprived_count"], np.int16, -1),
        "unknown": _ints(raw["unknown_count"], np.int16, -1),
    }
    query, names = _member_query(chunk)
    raw = _fetch(query, names)
    owner = _ints(raw["household_id"], np.int64, 0)
    members = {
        "household": np.searchsorted(pks, owner).astype(np.int64),
        "dob": _dob_days(raw["date_of_birth"]),
        "birth_year": _ints(raw["birth_year"], np.int32, 0),
        **{name: _ints(raw[f"x_{name}"], np.int8, -1) for name in MEMBER_TRI},
        **{name: _ints(raw[f"x_{name}"], np.int8, -1) for name in MEMBER_ENUMS},
    }
    return pks, Columns(households, members), stored


def _stored_masks(chunk, pks: np.ndarray, standard: Standard) -> np.ndarray:
    """Bitmask per household of the deprivation rows stored now."""
    position = {code: i for i, code in enumerate(standard.indicator_codes)}
    masks = np.zeros(len(pks), dtype=np.int64)
    rows = Deprivation.objects.filter(household__in=chunk.values("pk")).values_list(
        "household_id", "indicator"
    )
    found = list(rows)
    if found:
        owners = np.searchsorted(pks, np.fromiter((h for h, _ in found), np.int64, len(found)))
        bits = np.fromiter(
            ((1 << position[c]) if c in position else _STRAY_BIT for _, c in found),
            np.int64,
            len(found),
        )
        np.bitwise_or.at(masks, owners, bits)
    return masks


def _write(pks, new, changed, moved, stored, standard, masks_changed, matrix, now) -> None:
    """Write the changed assessments and rewrite the changed deprivation rows."""
    rows = np.flatnonzero(changed)
    if not len(rows):
        return
    ids = pks[rows].tolist()
    categories = [str(CATEGORY_BY_CODE[int(c)]) for c in new["category"][rows]]
    deprived = new["deprived"][rows].tolist()
    unknown = new["unknown"][rows].tolist()
    moved_rows = moved[rows].tolist()
    previous = stored["category"][rows].tolist()
    previous_standard = stored["standard"][rows].tolist()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE households_household AS h SET assessed_category = v.category, "
                "assessed_standard = %s, deprived_count = v.deprived, unknown_count = v.unknown, "
                "assessment_changed_at = CASE WHEN v.moved THEN %s ELSE h.assessment_changed_at END, "
                "previous_assessed_category = CASE WHEN v.moved THEN v.previous "
                "ELSE h.previous_assessed_category END, "
                "previous_assessed_standard = CASE WHEN v.moved THEN v.previous_standard "
                "ELSE h.previous_assessed_standard END "
                "FROM unnest(%s::bigint[], %s::text[], %s::int[], %s::int[], %s::bool[], "
                "%s::text[], %s::text[]) AS v(id, category, deprived, unknown, moved, previous, "
                "previous_standard) WHERE h.id = v.id",
                [
                    standard.code,
                    now,
                    ids,
                    categories,
                    deprived,
                    unknown,
                    moved_rows,
                    previous,
                    previous_standard,
                ],
            )
    else:
        objects = []
        for i, pk in enumerate(ids):
            household = Household(
                pk=pk,
                assessed_category=categories[i],
                assessed_standard=standard.code,
                deprived_count=deprived[i],
                unknown_count=unknown[i],
            )
            fields = ["assessed_category", "assessed_standard", "deprived_count", "unknown_count"]
            objects.append(household)
            if moved_rows[i]:
                household.assessment_changed_at = now
                household.previous_assessed_category = previous[i]
                household.previous_assessed_standard = previous_standard[i]
        Household.objects.bulk_update(
            [o for o, m in zip(objects, moved_rows, strict=True) if not m], fields, batch_size=500
        )
        Household.objects.bulk_update(
            [o for o, m in zip(objects, moved_rows, strict=True) if m],
            [
                *fields,
                "assessment_changed_at",
                "previous_assessed_category",
                "previous_assessed_standard",
            ],
            batch_size=500,
        )
    rewrite = np.flatnonzero(masks_changed)
    if not len(rewrite):
        return
    stale = pks[rewrite].tolist()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM households_deprivation WHERE household_id = ANY(%s)", [stale]
            )
    else:
        Deprivation.objects.filter(household_id__in=stale).delete()
    sub = matrix[rewrite] == 1
    owner_rows, indicator_positions = np.nonzero(sub)
    codes = standard.indicator_codes
    owners = pks[rewrite][owner_rows]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.connection
            with raw.cursor().copy(
                "COPY households_deprivation (household_id, indicator) FROM STDIN"
            ) as copy:
                copy.write(
                    "".join(
                        f"{h}\t{codes[p]}\n"
                        for h, p in zip(owners.tolist(), indicator_positions.tolist(), strict=True)
                    )
                )
    else:
        Deprivation.objects.bulk_create(
            [
                Deprivation(household_id=h, indicator=codes[p])
                for h, p in zip(owners.tolist(), indicator_positions.tolist(), strict=True)
            ],
            batch_size=2000,
        )


def reassess_chunk(chunk, standard: Standard, on: date, now) -> tuple[int, int]:
    """Re-assess the households of the queryset ``chunk``; returns (assessments changed,
    categories changed)."""
    pks, columns, stored = read_columns(chunk)
    matrix = deprivation_matrix(standard, columns, on)
    result = classify_bulk(
        standard, columns.households["income"], columns.households["area"], deprivations=matrix
    )
    deprived = (matrix == 1).sum(axis=1).astype(np.int16)
    unknown = (matrix == -1).sum(axis=1).astype(np.int16)
    weights = (1 << np.arange(matrix.shape[1], dtype=np.int64)).astype(np.int64)
    new_masks = ((matrix == 1).astype(np.int64) * weights).sum(axis=1)
    masks_changed = new_masks != _stored_masks(chunk, pks, standard)
    new_categories = np.array(
        [str(CATEGORY_BY_CODE[c]) for c in range(len(CATEGORY_BY_CODE))], dtype=object
    )[result.category]
    category_changed = new_categories != stored["category"]
    changed = (
        category_changed
        | (stored["standard"] != standard.code)
        | (stored["deprived"] != deprived)
        | (stored["unknown"] != unknown)
        | masks_changed
    )
    # A first assessment is not a change of category: only a household assessed before.
    moved = category_changed & (stored["category"] != "")
    new = {"category": result.category, "deprived": deprived, "unknown": unknown}
    _write(pks, new, changed, moved, stored, standard, masks_changed, matrix, now)
    return int(changed.sum()), int(moved.sum())


def reassess(
    queryset,
    *,
    on: date | None = None,
    standard: Standard | None = None,
    scope: str = "",
    chunk: int = CHUNK,
    resume: bool = False,
    progress: Progress | None = None,
) -> Reassessment:
    """Re-assess every household of ``queryset`` under ``standard`` (default: in force on
    ``on``) in chunks of ``chunk`` households, each committed with the run's progress."""
    on = on or timezone.localdate()
    standard = standard or standard_in_force(on)
    run = None
    if resume:
        run = (
            Reassessment.objects.filter(
                standard=standard.code, reference_date=on, scope=scope, finished_at__isnull=True
            )
            .order_by("-started_at", "-id")
            .first()
        )
    if run is None:
        run = Reassessment.objects.create(
            standard=standard.code, reference_date=on, scope=scope, total=queryset.count()
        )
    if not supports_columns(standard):
        done = recompute_per_household(
            queryset.filter(pk__gt=run.last_household_id), on=on, standard=standard
        )
        run.processed += done
        run.finished_at = timezone.now()
        run.save()
        return run
    if connection.vendor != "postgresql":
        chunk = min(chunk, SMALL_CHUNK)
    now = timezone.now()
    ordered = queryset.order_by("pk").values_list("pk", flat=True)
    while True:
        ids = list(ordered.filter(pk__gt=run.last_household_id)[:chunk])
        if not ids:
            break
        with transaction.atomic():
            # The first ``chunk`` households after the last one done, and only them.
            households = queryset.filter(pk__range=(ids[0], ids[-1]))
            changed, moved = reassess_chunk(households, standard, on, now)
            run.processed += len(ids)
            run.changed += changed
            run.category_changed += moved
            run.last_household_id = ids[-1]
            run.save(
                update_fields=["processed", "changed", "category_changed", "last_household_id"]
            )
        if progress:
            progress(run.processed, run.total)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def recompute(queryset, *, on: date | None = None, batch: int = CHUNK, progress=None) -> int:
    """Re-assess ``queryset`` in bulk; returns the number of households processed."""
    return reassess(queryset, on=on, chunk=batch, progress=progress).processed
