"""The request and shock lists filter through FilterSets (core.filters): the commune and
"still open" filters, and values that are not choices are ignored, never a 500."""

import datetime

import pytest

from giamngheo.assistance import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_ab(household_a, household_b, users):
    made = [
        services.record_request(
            household=household, need="housing", statement="Nhà dột",
            received_on=datetime.date(2026, 2, 2), by=by,
        )
        for household, by in ((household_a, users.ctv), (household_b, users.ctv_b))
    ]  # fmt: skip
    return made


def _listed(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    return set(response.context["page"].object_list)


def test_commune_and_open_filters(requests_ab, users, login, household_a):
    a, b = requests_ab
    office = login(users.office)
    assert _listed(office, "/tro-giup/", {}) >= {a, b}
    only_a = _listed(office, "/tro-giup/", {"xa": household_a.commune.code})
    assert a in only_a and b not in only_a
    assert {a, b} <= _listed(office, "/tro-giup/", {"trang_thai": "open"})
    assert not {a, b} & _listed(office, "/tro-giup/", {"trang_thai": "informed"})


@pytest.mark.parametrize("junk", ["bogus", "<b>", "1' OR 1=1", "x" * 3000])
def test_values_that_are_not_choices_are_ignored(requests_ab, users, login, junk):
    a, b = requests_ab
    office = login(users.office)
    shown = _listed(office, "/tro-giup/", {"trang_thai": junk, "nhu_cau": junk, "qua_han": junk})
    assert {a, b} <= shown
    assert office.get("/tro-giup/rui-ro/", {"trang_thai": junk}).status_code == 200
