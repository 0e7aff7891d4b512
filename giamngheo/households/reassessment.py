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
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import numpy as np
import polars as pl
import psycopg
from django.db import connection, transaction
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


HOUSEHOLD_FIELDS = ("income_per_capita", "floor_area_m2", *HOUSEHOLD_TRI, *HOUSEHOLD_ENUMS)
STORED_FIELDS = ("assessed_category", "assessed_standard", "deprived_count", "unknown_count")
MEMBER_FIELDS = ("household_id", "date_of_birth", "birth_year", *MEMBER_TRI, *MEMBER_ENUMS)


def _fetch(query, names) -> dict:
    """Rows of a ``values_list`` query as columns: on PostgreSQL streamed with ``COPY … TO
    STDOUT`` and parsed by polars (text columns), elsewhere Python lists."""
    if connection.vendor != "postgresql":
        rows = list(query)
        if not rows:
            return {name: [] for name in names}
        return dict(zip(names, (list(c) for c in zip(*rows, strict=True)), strict=True))
    sql, params = query.query.sql_with_params()
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        raw = cursor.connection
        literal = psycopg.ClientCursor(raw).mogrify(sql, params)
        with raw.cursor().copy(f"COPY ({literal}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                buffer.write(block)
    if not buffer.getbuffer().nbytes:
        return {name: pl.Series(name, [], dtype=pl.Utf8) for name in names}
    buffer.seek(0)
    frame = pl.read_csv(buffer, has_header=False, new_columns=list(names), infer_schema=False)
    return {name: frame[name] for name in names}


def _ints(values, dtype, missing: int) -> np.ndarray:
    """Optional integers (or decimals cut to their integer part never: see ``_floats``)."""
    if isinstance(values, pl.Series):
        return values.cast(pl.Int64, strict=False).fill_null(missing).to_numpy().astype(dtype)
    return np.array([missing if v is None else int(v) for v in values], dtype=dtype)


def _floats(values) -> np.ndarray:
    if isinstance(values, pl.Series):
        return values.cast(pl.Float64, strict=False).fill_null(np.nan).to_numpy()
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _tris(values) -> np.ndarray:
    """Nullable booleans to 1 / 0 / -1 (PostgreSQL's CSV writes t / f / nothing)."""
    if isinstance(values, pl.Series):
        return values.replace_strict({"t": 1, "f": 0}, default=-1, return_dtype=pl.Int8).to_numpy()
    return np.array([-1 if v is None else int(v) for v in values], dtype=np.int8)


def _codes(values, enum) -> np.ndarray:
    """Enum codes to their index in ``enum`` (-1 for empty or unknown)."""
    index = {member.value: i for i, member in enumerate(enum)}
    if isinstance(values, pl.Series):
        return values.replace_strict(index, default=-1, return_dtype=pl.Int8).to_numpy()
    return np.array([index.get(v, -1) for v in values], dtype=np.int8)


def _texts(values) -> np.ndarray:
    if isinstance(values, pl.Series):
        return values.fill_null("").to_numpy().astype(object)
    return np.array(["" if v is None else v for v in values], dtype=object)


def _dob_days(values) -> np.ndarray:
    if isinstance(values, pl.Series):
        parsed = values.str.to_date("%Y-%m-%d", strict=False).cast(pl.Int32)
        return parsed.fill_null(DOB_UNKNOWN).to_numpy().astype(np.int32)
    return np.array([DOB_UNKNOWN if v is None else days(v) for v in values], dtype=np.int32)


def _of_households(manager, chunk, pks: np.ndarray):
    """Rows of the chunk's households; the id range lets the database use the index on
    ``household_id`` instead of scanning the whole table."""
    if not len(pks):
        return manager.none()
    return manager.filter(
        household_id__gte=int(pks[0]),
        household_id__lte=int(pks[-1]),
        household__in=chunk.values("pk"),
    ).order_by()


def read_columns(chunk) -> tuple[np.ndarray, Columns, dict]:
    """Facts of the households of the queryset ``chunk`` and their members as ``Columns``,
    plus the stored assessment."""
    names = ("pk", "commune__area", *HOUSEHOLD_FIELDS, *STORED_FIELDS)
    raw = _fetch(chunk.order_by("pk").values_list(*names), names)
    pks = _ints(raw["pk"], np.int64, 0)
    area = _texts(raw["commune__area"])
    households = {
        "area": np.where(area == UnitArea.URBAN, 1, 0).astype(np.int8),
        "income": _ints(raw["income_per_capita"], np.int64, INCOME_UNKNOWN),
        "floor_area_m2": _floats(raw["floor_area_m2"]),
        "member_count": np.full(len(pks), -1, dtype=np.int32),
        **{name: _tris(raw[name]) for name in HOUSEHOLD_TRI},
        **{name: _codes(raw[name], enum) for name, enum in HOUSEHOLD_ENUMS.items()},
    }
    stored = {
        "category": _texts(raw["assessed_category"]),
        "standard": _texts(raw["assessed_standard"]),
        "deprived": _ints(raw["deprived_count"], np.int16, -1),
        "unknown": _ints(raw["unknown_count"], np.int16, -1),
    }
    members = _of_households(Member.objects, chunk, pks)
    raw = _fetch(members.values_list(*MEMBER_FIELDS), MEMBER_FIELDS)
    owner = _ints(raw["household_id"], np.int64, 0)
    member_columns = {
        "household": np.searchsorted(pks, owner).astype(np.int64),
        "dob": _dob_days(raw["date_of_birth"]),
        "birth_year": _ints(raw["birth_year"], np.int32, 0),
        **{name: _tris(raw[name]) for name in MEMBER_TRI},
        **{name: _codes(raw[name], enum) for name, enum in MEMBER_ENUMS.items()},
    }
    return pks, Columns(households, member_columns), stored


def _stored_masks(chunk, pks: np.ndarray, standard: Standard) -> np.ndarray:
    """Bitmask per household of the deprivation rows stored now (bit = indicator position;
    ``_STRAY_BIT`` for a code the standard does not have)."""
    names = ("household_id", "indicator")
    rows = _of_households(Deprivation.objects, chunk, pks)
    raw = _fetch(rows.values_list(*names), names)
    masks = np.zeros(len(pks), dtype=np.int64)
    position = {code: i for i, code in enumerate(standard.indicator_codes)}
    if isinstance(raw["indicator"], pl.Series):
        bits = (
            raw["indicator"]
            .replace_strict(
                {c: 1 << i for c, i in position.items()}, default=_STRAY_BIT, return_dtype=pl.Int64
            )
            .to_numpy()
        )
    else:
        bits = np.array(
            [1 << position[c] if c in position else _STRAY_BIT for c in raw["indicator"]],
            dtype=np.int64,
        )
    owners = np.searchsorted(pks, _ints(raw["household_id"], np.int64, 0))
    np.bitwise_or.at(masks, owners, bits)
    return masks


def _update_households(
    ids, categories, standard, deprived, unknown, moved, previous, previous_standard, now, masks
) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE households_household AS h SET assessed_category = v.category, "
                "assessed_standard = %s, deprived_count = v.deprived, unknown_count = v.unknown, "
                "deprivation_mask = v.mask, "
                "assessment_changed_at = CASE WHEN v.moved THEN %s "
                "ELSE h.assessment_changed_at END, "
                "previous_assessed_category = CASE WHEN v.moved THEN v.previous "
                "ELSE h.previous_assessed_category END, "
                "previous_assessed_standard = CASE WHEN v.moved THEN v.previous_standard "
                "ELSE h.previous_assessed_standard END "
                "FROM unnest(%s::bigint[], %s::text[], %s::int[], %s::int[], %s::bool[], "
                "%s::text[], %s::text[], %s::bigint[]) AS v(id, category, deprived, unknown, "
                "moved, previous, previous_standard, mask) WHERE h.id = v.id",
                [
                    standard.code,
                    now,
                    ids,
                    categories,
                    deprived,
                    unknown,
                    moved,
                    previous,
                    previous_standard,
                    masks,
                ],
            )
        return
    fields = [
        "assessed_category", "assessed_standard", "deprived_count", "unknown_count",
        "deprivation_mask",
    ]  # fmt: skip
    marks = ["assessment_changed_at", "previous_assessed_category", "previous_assessed_standard"]
    plain, marked = [], []
    for i, pk in enumerate(ids):
        household = Household(
            pk=pk,
            assessed_category=categories[i],
            assessed_standard=standard.code,
            deprived_count=deprived[i],
            unknown_count=unknown[i],
            deprivation_mask=masks[i],
            assessment_changed_at=now,
            previous_assessed_category=previous[i],
            previous_assessed_standard=previous_standard[i],
        )
        (marked if moved[i] else plain).append(household)
    Household.objects.bulk_update(plain, fields, batch_size=500)
    Household.objects.bulk_update(marked, fields + marks, batch_size=500)


def _rewrite_deprivations(pks, old_masks, new_masks, standard) -> None:
    """Delete the deprivation rows that no longer hold and add the new ones (only those)."""
    codes = standard.indicator_codes
    removed = old_masks & ~new_masks
    added = new_masks & ~old_masks
    gone: list[tuple[int, str]] = []
    new: list[tuple[int, str]] = []
    for position, code in enumerate(codes):
        bit = 1 << position
        gone += [(h, code) for h in pks[(removed & bit) != 0].tolist()]
        new += [(h, code) for h in pks[(added & bit) != 0].tolist()]
    stray = pks[(old_masks & _STRAY_BIT) != 0].tolist()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if gone:
                cursor.execute(
                    "DELETE FROM households_deprivation AS d USING unnest(%s::bigint[], "
                    "%s::text[]) AS v(household_id, indicator) WHERE "
                    "d.household_id = v.household_id AND d.indicator = v.indicator",
                    [[h for h, _c in gone], [c for _h, c in gone]],
                )
            if stray:
                cursor.execute(
                    "DELETE FROM households_deprivation WHERE household_id = ANY(%s) "
                    "AND NOT indicator = ANY(%s)",
                    [stray, list(codes)],
                )
            if new:
                with cursor.connection.cursor().copy(
                    "COPY households_deprivation (household_id, indicator) FROM STDIN"
                ) as copy:
                    copy.write("".join(f"{h}\t{c}\n" for h, c in new))
        return
    for code in codes:
        ids = [h for h, c in gone if c == code]
        if ids:
            Deprivation.objects.filter(household_id__in=ids, indicator=code).delete()
    if stray:
        Deprivation.objects.filter(household_id__in=stray).exclude(indicator__in=codes).delete()
    Deprivation.objects.bulk_create(
        [Deprivation(household_id=h, indicator=c) for h, c in new], batch_size=500
    )


def load_chunk(queryset, after: int, size: int, standard: Standard):
    """The next ``size`` households after the id ``after``: their ids, the chunk queryset
    and everything read for it (facts, stored assessment, stored deprivation masks)."""
    started = time.perf_counter()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True).filter(pk__gt=after)[:size])
    if not ids:
        return None
    # The first ``size`` households after ``after``, and only them.
    chunk = queryset.filter(pk__range=(ids[0], ids[-1]))
    pks, columns, stored = read_columns(chunk)
    old_masks = _stored_masks(chunk, pks, standard)
    return ids, chunk, (pks, columns, stored, old_masks), time.perf_counter() - started


def _read_ahead(queryset, after, size, standard):
    """``load_chunk`` on a worker thread (its own database connection, closed after)."""
    try:
        return load_chunk(queryset, after, size, standard)
    finally:
        connection.close()


def reassess_chunk(
    loaded, standard: Standard, on: date, now, timings: dict | None = None
) -> tuple[int, int]:
    """Re-assess one loaded chunk (``load_chunk``); returns (assessments changed,
    categories changed). ``timings`` accumulates seconds spent computing and writing."""
    timings = {} if timings is None else timings
    read = time.perf_counter()
    pks, columns, stored, old_masks = loaded
    matrix = deprivation_matrix(standard, columns, on)
    result = classify_bulk(
        standard, columns.households["income"], columns.households["area"], deprivations=matrix
    )
    deprived = (matrix == 1).sum(axis=1).astype(np.int16)
    unknown = (matrix == -1).sum(axis=1).astype(np.int16)
    weights = (1 << np.arange(matrix.shape[1], dtype=np.int64)).astype(np.int64)
    new_masks = ((matrix == 1).astype(np.int64) * weights).sum(axis=1)
    masks_changed = new_masks != old_masks
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
    computed = time.perf_counter()
    timings["compute"] = timings.get("compute", 0.0) + computed - read
    rows = np.flatnonzero(changed)
    if len(rows):
        _update_households(
            pks[rows].tolist(),
            new_categories[rows].tolist(),
            standard,
            deprived[rows].tolist(),
            unknown[rows].tolist(),
            moved[rows].tolist(),
            stored["category"][rows].tolist(),
            stored["standard"][rows].tolist(),
            now,
            new_masks[rows].tolist(),
        )
    households_written = time.perf_counter()
    timings["write households"] = (
        timings.get("write households", 0.0) + households_written - computed
    )
    rewrite = np.flatnonzero(masks_changed)
    if len(rewrite):
        _rewrite_deprivations(pks[rewrite], old_masks[rewrite], new_masks[rewrite], standard)
    timings["write"] = timings.get("write", 0.0) + time.perf_counter() - computed
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
    timings: dict | None = None,
) -> Reassessment:
    """Re-assess every household of ``queryset`` under ``standard`` (default: in force on
    ``on``) in chunks of ``chunk`` households, each committed with the run's progress."""
    on = on or timezone.localdate()
    standard = standard or standard_in_force(on)
    run = _run_to_resume(standard, on, scope) if resume else None
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
    timings = {} if timings is None else timings
    run = _reassess_in_chunks(run, queryset, standard, on, chunk, progress, timings)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def _run_to_resume(standard: Standard, on: date, scope: str) -> Reassessment | None:
    """The latest unfinished run of the same standard, date and scope."""
    return (
        Reassessment.objects.filter(
            standard=standard.code, reference_date=on, scope=scope, finished_at__isnull=True
        )
        .order_by("-started_at", "-id")
        .first()
    )


def _reassess_in_chunks(run, queryset, standard, on, chunk, progress, timings) -> Reassessment:
    """Compute and write the households after the run's last one, chunk by chunk."""
    now = timezone.now()
    # Read the next chunk on a second connection while this one is computed and written:
    # the database and Python then work at the same time. Only on PostgreSQL (SQLite locks
    # a table being written against other connections) and outside a caller's transaction,
    # whose uncommitted rows another connection could not see.
    parallel = connection.vendor == "postgresql" and not connection.in_atomic_block
    ahead = ThreadPoolExecutor(max_workers=1) if parallel else None
    pending = None
    try:
        after = run.last_household_id
        while True:
            started = time.perf_counter()
            loaded = pending.result() if pending else load_chunk(queryset, after, chunk, standard)
            timings["read"] = timings.get("read", 0.0) + time.perf_counter() - started
            pending = None
            if loaded is None:
                return run
            ids, _households, data, _seconds = loaded
            after = ids[-1]
            if ahead is not None:
                pending = ahead.submit(_read_ahead, queryset, after, chunk, standard)
            run = _commit_chunk(run, ids, data, standard, on, now, timings)
            if progress:
                progress(run.processed, run.total)
    finally:
        if pending is not None:
            pending.cancel()
        if ahead is not None:
            ahead.shutdown(wait=True)


def _commit_chunk(run, ids, data, standard, on, now, timings) -> Reassessment:
    """Write one chunk and the run's progress in one transaction."""
    with transaction.atomic():
        changed, moved = reassess_chunk(data, standard, on, now, timings)
        run.processed += len(ids)
        run.changed += changed
        run.category_changed += moved
        run.last_household_id = ids[-1]
        run.save(update_fields=["processed", "changed", "category_changed", "last_household_id"])
    return run


def recompute(queryset, *, on: date | None = None, batch: int = CHUNK, progress=None) -> int:
    """Re-assess ``queryset`` in bulk; returns the number of households processed."""
    return reassess(queryset, on=on, chunk=batch, progress=progress).processed
