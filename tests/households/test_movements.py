"""Movement types are derived from the status history by the writers and by the migration."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps

from giamngheo.households.models import Movement, PovertyStatus, StatusRecord
from giamngheo.households.movements import movement_counts, with_status_on
from giamngheo.households.services import create_household, record_status, record_statuses

from .conftest import member

P = PovertyStatus
S = StatusRecord.Source


def _household(village, officer, cid):
    return create_household(
        village=village, data={}, members=[member(cid=cid)], by=officer, confirm_duplicates=True
    )


def _record(household, officer, status, on, source=S.REVIEW):
    return record_status(
        household=household, status=status, year=on.year, standard="2022-2025",
        decision_number=f"{on:%d%m%Y}/QĐ-UBND", decision_date=on, source=source, by=officer,
    )  # fmt: skip


@pytest.fixture
def officer(demo):
    return demo.users["canbo.tumorong"]


@pytest.mark.django_db
def test_each_history_gives_its_movements(village_a, officer):
    ids = iter(f"06208{n:07d}" for n in range(100, 200))
    paths = {
        # each household's successive statuses → the movement of each decision
        (P.POOR, P.POOR, P.ESCAPED_POOR, P.POOR): [
            "", Movement.CONTINUING, Movement.ESCAPED_POOR, Movement.FALLEN_BACK
        ],
        (P.NEAR_POOR, P.POOR, P.NEAR_POOR, P.NOT_LISTED, P.POOR): [
            "", Movement.NEWLY_POOR, Movement.POOR_TO_NEAR_POOR, Movement.ESCAPED_NEAR_POOR,
            Movement.FALLEN_BACK,
        ],
        (P.NOT_LISTED, P.NEAR_POOR, P.ESCAPED_NEAR_POOR, P.NOT_LISTED): [
            "", Movement.NEWLY_NEAR_POOR, Movement.ESCAPED_NEAR_POOR, ""
        ],
    }  # fmt: skip
    for statuses, expected in paths.items():
        h = _household(village_a, officer, next(ids))
        got = [
            _record(
                h, officer, s, date(2021 + i, 12, 20), S.IMPORT if i == 0 else S.REVIEW
            ).movement
            for i, s in enumerate(statuses)
        ]
        assert got == expected, statuses


@pytest.mark.django_db
def test_moves_and_dissolution_come_from_the_source_of_the_record(village_a, officer):
    came = _household(village_a, officer, "062080000201")
    left = _household(village_a, officer, "062080000202")
    _record(left, officer, P.POOR, date(2024, 12, 20), S.IMPORT)
    assert _record(came, officer, P.POOR, date(2025, 3, 2), S.MOVED_IN).movement == "moved_in"
    gone = _record(left, officer, P.NOT_LISTED, date(2025, 4, 2), S.MOVED_OUT)
    assert gone.movement == Movement.MOVED_OUT and gone.previous_status == P.POOR


@pytest.mark.django_db
def test_a_decision_for_many_households_derives_each_movement(village_a, officer):
    a, b = (_household(village_a, officer, f"06208000030{i}") for i in (1, 2))
    _record(a, officer, P.POOR, date(2024, 12, 20), S.IMPORT)
    records = record_statuses(
        changes=[(a, P.NEAR_POOR), (b, P.POOR)], year=2025, standard="2022-2025",
        decision_number="9/QĐ-UBND", decision_date=date(2025, 12, 20), source=S.REVIEW, by=officer,
    )  # fmt: skip
    assert {r.household_id: r.movement for r in records} == {
        a.pk: Movement.POOR_TO_NEAR_POOR,
        b.pk: Movement.NEWLY_POOR,
    }
    counts = movement_counts(
        type(a).objects.filter(pk__in=[a.pk, b.pk]), date(2025, 1, 1), date(2025, 12, 31)
    )
    assert {c["movement"]: c["households"] for c in counts} == {
        Movement.POOR_TO_NEAR_POOR: 1,
        Movement.NEWLY_POOR: 1,
    }


@pytest.mark.django_db
def test_status_on_a_date_reads_the_history(village_a, officer):
    h = _household(village_a, officer, "062080000401")
    _record(h, officer, P.POOR, date(2024, 12, 20), S.IMPORT)
    _record(h, officer, P.ESCAPED_POOR, date(2025, 12, 20))
    qs = type(h).objects.filter(pk=h.pk)
    assert with_status_on(qs, date(2024, 12, 19)).get().status_on == P.NOT_LISTED
    assert with_status_on(qs, date(2025, 6, 1)).get().status_on == P.POOR
    assert with_status_on(qs, None).get().status_on == P.ESCAPED_POOR


@pytest.mark.django_db
def test_the_data_migration_recomputes_existing_history(village_a, officer):
    h = _household(village_a, officer, "062080000501")
    _record(h, officer, P.POOR, date(2023, 12, 20), S.IMPORT)
    _record(h, officer, P.NOT_LISTED, date(2024, 12, 20))
    _record(h, officer, P.POOR, date(2025, 12, 20))
    StatusRecord.objects.filter(household=h).update(movement="")
    migration = importlib.import_module("giamngheo.households.migrations.0005_derive_movements")
    migration.derive(django_apps, None)
    assert list(
        StatusRecord.objects.filter(household=h)
        .order_by("decision_date")
        .values_list("movement", flat=True)
    ) == ["", Movement.ESCAPED_POOR, Movement.FALLEN_BACK]
