"""Fixtures for the review tests: the demo commune's people and fresh households with a
known status, so each test controls the facts it reviews."""

import itertools
from datetime import date
from types import SimpleNamespace

import pytest

from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import PovertyStatus, StatusRecord
from giamngheo.households.services import create_household, record_status
from tests.households.conftest import member

_serial = itertools.count(1)


@pytest.fixture
def people(demo):
    u = demo.users
    return SimpleNamespace(
        officer=u["canbo.tumorong"],
        leader=u["lanhdao.tumorong"],
        collaborator=u["ctv.tumorong"],
        other_officer=u["canbo.kontum"],
        other_leader=u["lanhdao.kontum"],
    )


@pytest.fixture
def villages(demo):
    return list(Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).order_by("code"))


@pytest.fixture
def make_household(demo, villages, people):
    """``make_household(status=…, village=…, income=…)``: a registered household whose status
    was set by an (imported) decision of 20/12/2024."""

    def _make(status=PovertyStatus.NOT_LISTED, village=None, income=1_200_000, members=1):
        n = next(_serial)
        people_list = [member(name=f"Hộ Thử {n}", cid=f"062080{n + 700000:06d}")]
        for k in range(members - 1):
            people_list.append(
                member(
                    name=f"Con Thử {n}-{k}",
                    relation="child",
                    born=date(2015, 1, 1),
                    cid=None,
                )
            )
        household = create_household(
            village=village or villages[0],
            data={"income_per_capita": income, "has_house": True, "floor_area_m2": 30},
            members=people_list,
            by=people.officer,
            reason="test",
            confirm_duplicates=True,
            code=f"T-{n:05d}",
        )
        if status != PovertyStatus.NOT_LISTED:
            record_status(
                household=household, status=status, year=2025, standard="2022-2025",
                decision_number="1/QĐ-UBND", decision_date=date(2024, 12, 20),
                source=StatusRecord.Source.IMPORT, by=people.officer,
            )  # fmt: skip
        return household

    return _make
