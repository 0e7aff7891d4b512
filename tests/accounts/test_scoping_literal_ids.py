"""Scoping resolves the user's area to a literal id list first, so PostgreSQL can use the
(commune, …) indexes instead of scanning the province through a path subquery."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.accounts.scoping import scoped, visible_units
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db


def test_a_commune_officers_household_query_names_the_commune_ids(demo):
    officer = demo.users["canbo.tumorong"]
    sql = str(scoped(Household.objects.all(), officer, "commune").query)
    assert "LIKE" not in sql.upper()
    assert "geo_unit" not in sql
    assert str(demo.commune_a.pk) in sql


def test_literal_ids_select_the_same_rows_as_the_unit_subtree(demo):
    for username in ("canbo.tumorong", "tinh.quangngai", "ctv.kontum"):
        user = demo.users[username]
        expected = set(
            Household.objects.filter(commune__in=visible_units(user)).values_list("pk", flat=True)
        )
        got = set(scoped(Household.objects.all(), user, "commune").values_list("pk", flat=True))
        assert got == expected


def test_the_id_list_is_read_once_per_request_user(demo):
    officer = demo.users["canbo.tumorong"]
    list(scoped(Household.objects.all(), officer, "commune"))
    with CaptureQueriesContext(connection) as queries:
        list(scoped(Household.objects.all(), officer, "commune"))
    assert len(queries) == 1
