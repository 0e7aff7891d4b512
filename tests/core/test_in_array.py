"""``field__in_array``: the ids of a province sent as one array on PostgreSQL, ``IN`` elsewhere,
selecting exactly what ``__in`` selects."""

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.accounts.scoping import scoped, visible_units
from giamngheo.core.lookups import IdList
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db


def test_in_array_selects_what_in_selects_on_a_foreign_key_and_a_primary_key(demo):
    ids = [
        demo.commune_a.pk,
        *Unit.objects.filter(level=Level.COMMUNE).values_list("pk", flat=True)[:2],
    ]
    for lookup, model in (("commune", Household), ("pk", Unit)):
        expected = set(model.objects.filter(**{f"{lookup}__in": ids}).values_list("pk", flat=True))
        got = set(model.objects.filter(**{f"{lookup}__in_array": ids}).values_list("pk", flat=True))
        assert expected and got == expected


def test_an_empty_list_selects_nothing_without_a_query(demo):
    with CaptureQueriesContext(connection) as queries:
        assert list(Household.objects.filter(commune__in_array=[])) == []
    assert len(queries) == 0


def test_a_province_is_one_array_parameter_on_postgresql(demo):
    """Hundreds of units: one placeholder on PostgreSQL (short to compile), the same rows."""
    staff = demo.users["tinh.quangngai"]
    queryset = scoped(Household.objects.all(), staff, "commune")
    sql, params = queryset.query.sql_with_params()
    units = list(visible_units(staff).values_list("pk", flat=True))
    assert len(units) > 100
    if connection.vendor == "postgresql":
        assert "= ANY(%s::bigint[])" in sql
        assert sorted(int(i) for i in params[0].strip("{}").split(",")) == sorted(units)
    else:
        assert len(params) == len(units)
    expected = set(Household.objects.filter(commune__in=units).values_list("pk", flat=True))
    assert set(queryset.values_list("pk", flat=True)) == expected


def test_an_id_list_selects_what_a_list_selects_and_survives_the_cache(demo):
    others = Unit.objects.filter(level=Level.COMMUNE).exclude(pk=demo.commune_b.pk)
    ids = [
        demo.commune_a.pk,
        *others.exclude(pk=demo.commune_a.pk).values_list("pk", flat=True)[:40],
    ]
    wrapped = pickle.loads(pickle.dumps(IdList(ids)))
    assert wrapped == IdList(ids) and wrapped.literal == "{" + ",".join(map(str, ids)) + "}"
    expected = set(Household.objects.filter(commune__in=ids).values_list("pk", flat=True))
    got = set(Household.objects.filter(commune__in_array=wrapped).values_list("pk", flat=True))
    assert expected and got == expected
    assert not Household.objects.filter(commune__in_array=wrapped, commune=demo.commune_b).exists()
    with CaptureQueriesContext(connection) as queries:
        assert list(Household.objects.filter(commune__in_array=IdList(()))) == []
    assert len(queries) == 0
