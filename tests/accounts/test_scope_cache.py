"""The user's scope (current roles, the ids of the units under them) is kept in the shared cache
between requests, and any change of roles or units is seen on the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from giamngheo.accounts.models import Role, RoleAssignment
from giamngheo.accounts.scoping import current_assignments, scope_version, scoped
from giamngheo.geo.models import Level, Unit
from giamngheo.geo.services import add_village, load_official_units
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The same account as a new request would load it (nothing kept on the object)."""
    return type(user).objects.get(pk=user.pk)


def _queries(fn):
    with CaptureQueriesContext(connection) as queries:
        fn()
    return [q["sql"] for q in queries.captured_queries]


def test_a_second_request_reads_roles_and_area_from_the_cache(demo):
    officer = demo.users["canbo.tumorong"]
    first = _queries(lambda: list(scoped(Household.objects.all(), _fresh(officer), "commune")))
    user = _fresh(officer)
    second = _queries(lambda: list(scoped(Household.objects.all(), user, "commune")))
    assert any("accounts_roleassignment" in q for q in first)
    assert any('"geo_unit"' in q for q in first)
    assert len(second) == 1 and "households_household" in second[0]


def test_a_new_role_is_seen_on_the_next_request(demo, django_user_model):
    user = django_user_model.objects.create_user("moi", password="x")
    assert list(scoped(Household.objects.all(), _fresh(user), "commune")) == []
    RoleAssignment.objects.create(user=user, role=Role.COMMUNE_OFFICER, unit=demo.commune_a)
    seen = set(
        scoped(Household.objects.all(), _fresh(user), "commune").values_list("pk", flat=True)
    )
    assert seen == set(
        Household.objects.filter(commune=demo.commune_a).values_list("pk", flat=True)
    )
    assert seen


def test_a_removed_role_is_gone_on_the_next_request(demo, login, client):
    officer = demo.users["canbo.tumorong"]
    household = Household.objects.filter(commune=demo.commune_a).first()
    login(officer)
    url = reverse("households:household_detail", args=[household.code])
    assert client.get(url, secure=True).status_code == 200
    RoleAssignment.objects.filter(user=officer).delete()
    assert client.get(url, secure=True).status_code == 404
    assert current_assignments(_fresh(officer)) == []


def test_a_new_village_is_inside_the_communes_scope_at_once(demo):
    officer = demo.users["canbo.tumorong"]
    list(scoped(Unit.objects.all(), _fresh(officer), None))  # scope cached
    village = add_village(commune=demo.commune_a, name="Thôn Mới Lập", kind="thon", by=officer)
    ids = set(scoped(Unit.objects.all(), _fresh(officer), None).values_list("pk", flat=True))
    assert village.pk in ids
    assert demo.commune_b.pk not in ids


def test_officers_of_one_commune_share_the_unit_list_but_not_another_communes(demo):
    officer, other = demo.users["canbo.tumorong"], demo.users["canbo.kontum"]
    list(scoped(Unit.objects.all(), _fresh(officer), None))
    mine = set(scoped(Unit.objects.all(), _fresh(officer), None).values_list("pk", flat=True))
    theirs = set(scoped(Unit.objects.all(), _fresh(other), None).values_list("pk", flat=True))
    assert mine and theirs and not mine & theirs
    assert demo.commune_a.pk in mine and demo.commune_a.pk not in theirs
    assert Unit.objects.filter(pk__in=theirs, level=Level.COMMUNE).exists()


def test_the_bulk_load_of_official_units_renews_every_scope(demo):
    """``load_official_units`` writes with bulk updates (no ``save`` signals): it says so."""
    before = scope_version()
    load_official_units()
    assert scope_version() != before
