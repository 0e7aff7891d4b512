"""Record pages show their history with the same number of queries, however long it is.

Each history entry here changes a foreign key (the household's village, the club's unit), the
case that used to cost one query per change.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from giamngheo.clubs.models import Club
from giamngheo.core.history import history_entries
from giamngheo.geo.models import Kind, Level, Unit
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _move(record, field, places, times, by):
    """``times`` saves, each switching ``field`` to the next of ``places`` (a history entry)."""
    for i in range(times):
        setattr(record, field, places[i % len(places)])
        record._history_user = by
        record.save()


def test_household_history_costs_the_same_at_5_and_50_entries(demo, login):
    villages = list(
        Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).order_by("code")[:3]
    )
    household = Household.objects.filter(commune=demo.commune_a).order_by("code").first()
    officer = demo.users["canbo.tumorong"]
    client = login(officer)
    url = reverse("households:household_detail", args=[household.code])
    client.get(url)  # warm per-process caches (sessions, content types)

    household.village = villages[0]
    household.save()
    _move(household, "village", villages[1:] + villages[:1], 5, officer)
    at_5, page = _queries(client, url)
    assert page.count(villages[1].name) >= 2  # a village change is shown by name

    _move(household, "village", villages, 45, officer)
    at_50, page = _queries(client, url)
    assert household.history.count() >= 51
    assert at_50 == at_5
    assert page.count(villages[2].name) >= 20


def test_club_history_costs_the_same_at_5_and_50_entries(demo, login):
    club = Club.objects.get(name="CLB công tác giảm nghèo xã Tu Mơ Rông")
    admin = demo.users["admin"]
    client = login(admin)
    url = reverse("clubs:club_detail", args=[club.pk])
    client.get(url)
    villages = list(
        Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).order_by("code")[:2]
    )
    places = [villages[0], demo.commune_a, villages[1]]

    _move(club, "unit", places, 5, admin)
    at_5, page = _queries(client, url)
    assert villages[1].name in page

    _move(club, "unit", places, 45, admin)
    at_50, page = _queries(client, url)
    assert club.history.count() >= 50
    assert at_50 == at_5
    assert page.count(villages[1].name) >= 15


def test_a_deleted_related_record_is_shown_by_its_key(demo):
    """The batch lookup keeps the old behaviour for a key whose record is gone."""
    household = Household.objects.filter(commune=demo.commune_a).order_by("code").first()
    village = Unit.objects.create(
        code="99999001",
        name="Thôn tạm",
        level=Level.VILLAGE,
        kind=Kind.HAMLET,
        parent=demo.commune_a,
    )
    old_village = household.village
    household.village = village
    household.save()
    household.village = old_village
    household.save()
    Unit.objects.filter(pk=village.pk).delete()
    newest = history_entries(household, limit=1)[0]
    change = next(c for c in newest.changes if c.old != c.new)
    assert change.old == village.pk
    assert change.new == str(old_village)
