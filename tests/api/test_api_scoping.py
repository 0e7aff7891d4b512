"""The API answers from the same scoping function as the pages."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db


def _client(user, token=False):
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    else:
        client.force_authenticate(user)
    return client


def _all_codes(client, url, **params):
    codes, response = [], client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        codes += [row["code"] for row in response.json()["results"]]
        if not response.json()["next"]:
            return codes
        response = client.get(response.json()["next"])


def test_anonymous_callers_are_refused(demo):
    assert APIClient().get("/api/v1/ho-gia-dinh/").status_code in (401, 403)


def test_household_list_holds_only_the_callers_commune(demo):
    client = _client(demo.users["canbo.tumorong"], token=True)
    codes = _all_codes(client, "/api/v1/ho-gia-dinh/", page_size=5)
    assert set(codes) == set(
        Household.objects.filter(commune=demo.commune_a).values_list("code", flat=True)
    )


def test_another_communes_household_is_404(demo):
    other = Household.objects.filter(commune=demo.commune_b).first()
    client = _client(demo.users["ctv.tumorong"])
    assert client.get(f"/api/v1/ho-gia-dinh/{other.code}/").status_code == 404


def test_detail_carries_members_status_history_and_deprivations(demo):
    household = (
        Household.objects.filter(commune=demo.commune_a).exclude(status="NOT_LISTED").first()
    )
    body = (
        _client(demo.users["canbo.tumorong"]).get(f"/api/v1/ho-gia-dinh/{household.code}/").json()
    )
    assert body["code"] == household.code and body["commune"] == "23425"
    assert len(body["members"]) == household.members.count()
    assert body["status_records"][0]["decision_number"] == "125/QĐ-UBND"
    assert set(body["deprived_indicators"]) == set(
        household.deprivations.values_list("indicator", flat=True)
    )


def test_filters_match_the_list_page(demo):
    client = _client(demo.users["tinh.quangngai"])
    codes = _all_codes(client, "/api/v1/ho-gia-dinh/", status="POOR", commune=demo.commune_b.pk)
    assert set(codes) == set(
        Household.objects.filter(commune=demo.commune_b, status="POOR").values_list(
            "code", flat=True
        )
    )


def test_units_are_scoped_too(demo):
    client = _client(demo.users["canbo.tumorong"])
    codes = _all_codes(client, "/api/v1/don-vi/")
    assert "23425" in codes and "23293" not in codes
    assert client.get("/api/v1/don-vi/23293/").status_code == 404


def test_openapi_schema_is_served(demo):
    response = _client(demo.users["canbo.tumorong"]).get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/ho-gia-dinh/{code}/" in response.content
