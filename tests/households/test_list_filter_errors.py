"""The register's HTML list answers an invalid filter value (not a number, out of range,
another area's unit) with a 400 and the form's Vietnamese error, never with the whole area."""

import pytest
from django.urls import reverse

from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db


def _bad_values(demo):
    village_b = Unit.objects.filter(parent=demo.commune_b, level=Level.VILLAGE).first()
    return [
        {"commune": "99999999999999999999"},
        {"commune": "x"},
        {"village": "x"},
        {"village": "-1"},
        {"village": "99999999999999999999"},
        {"commune": str(demo.commune_b.pk)},  # another commune: outside the officer's area
        {"village": str(village_b.pk)},
    ]


def test_an_invalid_filter_is_a_400_with_the_error_and_no_rows(demo, login):
    client = login(demo.users["canbo.tumorong"])
    codes = list(Household.objects.filter(commune=demo.commune_a).values_list("code", flat=True))
    for params in _bad_values(demo):
        response = client.get(reverse("households:household_list"), params)
        body = response.content.decode()
        assert response.status_code == 400, params
        assert 'id="filter-errors"' in body
        assert "Danh sách không hiển thị" in body  # the page says why the list is empty
        assert "Hãy chọn một lựa chọn hợp lệ" in body or "Chọn một lựa chọn hợp lệ" in body
        assert not [code for code in codes if code in body], params
        assert list(response.context["households"]) == []


def test_an_invalid_filter_posted_with_a_search_is_also_refused(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(reverse("households:household_list"), {"q": "nguyen", "village": "x"})
    page = client.get(response["Location"])
    assert page.status_code == 400 and 'id="filter-errors"' in page.content.decode()


def test_a_valid_filter_still_lists(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.get(reverse("households:household_list"), {"commune": demo.commune_a.pk})
    assert response.status_code == 200
    assert 'id="filter-errors"' not in response.content.decode()
    assert len(response.context["households"]) > 0
