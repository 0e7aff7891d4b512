"""The club list filters through a FilterSet (core.filters): ``cap`` for the level, the old
``level`` of bookmarked links still obeyed, values that are not a level ignored."""

import pytest
from django.urls import reverse

from giamngheo.clubs.catalogues import ClubLevel
from giamngheo.geo.models import Level, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_clubs(make_club, camthanh):
    village = Unit.objects.filter(parent=camthanh, level=Level.VILLAGE).order_by("code").first()
    ward = make_club(name="CLB phường lọc")
    hamlet = make_club(name="CLB khu phố lọc", level=ClubLevel.VILLAGE, unit=village)
    return ward, hamlet


def _names(client, params):
    response = client.get(reverse("clubs:club_list"), params)
    assert response.status_code == 200
    return {c.name for c in response.context["page"].object_list}


def test_level_filter_new_and_old_names(two_clubs, officer, login):
    ward, hamlet = two_clubs
    client = login(officer)
    assert {ward.name, hamlet.name} <= _names(client, {})
    for params in ({"cap": "commune"}, {"level": "commune"}):
        names = _names(client, params)
        assert ward.name in names and hamlet.name not in names
    names = _names(client, {"cap": "village", "level": "commune"})  # the current name wins
    assert hamlet.name in names and ward.name not in names
    page = client.get(reverse("clubs:club_list"), {"level": "village"}).content.decode()
    assert 'name="cap"' in page and 'value="village" selected' in page


@pytest.mark.parametrize("junk", ["province2", "<b>", "x" * 3000])
def test_a_value_that_is_not_a_level_is_ignored(two_clubs, officer, login, junk):
    ward, hamlet = two_clubs
    assert {ward.name, hamlet.name} <= _names(login(officer), {"cap": junk})
