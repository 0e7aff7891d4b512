"""Clubs built in Phường Cẩm Thành (21025), where the demo has none, so counts are exact."""

import datetime

import pytest

from giamngheo.clubs import services
from giamngheo.clubs.catalogues import ClubLevel
from giamngheo.geo.models import Unit

D = datetime.date


@pytest.fixture
def camthanh(demo):
    return Unit.objects.get(code="21025")


@pytest.fixture
def officer(demo):
    return demo.users["clb.camthanh"]


@pytest.fixture
def make_club(camthanh, officer):
    def _make(name="CLB giảm nghèo phường Cẩm Thành", level=ClubLevel.COMMUNE, unit=None, **kw):
        kw.setdefault("decision_no", "12/QĐ-UBND")
        kw.setdefault("founded_on", D(2026, 1, 15))
        return services.found_club(
            name=name, level=level, unit=unit or camthanh, by=kw.pop("by", officer), **kw
        )

    return _make


@pytest.fixture
def add_members(officer):
    def _add(club, n, start=1, joined_on=None):
        joined_on = joined_on or D(2026, 1, 15)
        return [
            services.add_member(
                club=club, full_name=f"Thành viên {i}", joined_on=joined_on, by=officer
            )
            for i in range(start, start + n)
        ]

    return _add
