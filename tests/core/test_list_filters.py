"""core.filters.ListFilter: old parameter names keep bookmarked links working."""

import django_filters
from django.http import QueryDict

from giamngheo.core.filters import ListFilter
from giamngheo.geo.models import Unit


class _UnitFilter(ListFilter):
    aliases = {"level": "cap", "trang-thai": "trang_thai"}
    cap = django_filters.CharFilter(field_name="level")
    trang_thai = django_filters.BooleanFilter(field_name="is_active")

    class Meta:
        model = Unit
        fields = []


def test_old_names_are_read_as_the_new_ones_and_the_new_name_wins():
    f = _UnitFilter(QueryDict("level=commune&trang-thai=true"), queryset=Unit.objects.none())
    assert f.data.get("cap") == "commune" and "level" not in f.data
    assert f.value("cap") == "commune" and f.value("trang_thai") is True
    both = _UnitFilter(QueryDict("level=village&cap=commune"), queryset=Unit.objects.none())
    assert both.value("cap") == "commune"


def test_the_request_data_is_not_changed_and_unbound_filters_have_defaults():
    data = QueryDict("level=commune")
    _UnitFilter(data, queryset=Unit.objects.none()).is_valid()
    assert data.get("level") == "commune"
    assert _UnitFilter(queryset=Unit.objects.none()).value("cap", "—") == "—"


def test_an_invalid_value_is_ignored_not_an_error_page():
    f = _UnitFilter(QueryDict("trang_thai=perhaps&cap=commune"), queryset=Unit.objects.none())
    assert f.value("trang_thai", None) is None and f.value("cap") == "commune"
