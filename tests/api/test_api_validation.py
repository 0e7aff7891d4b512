"""The API refuses what it cannot answer exactly: no schema for strangers, no silently
ignored filter, no page size outside 1–1000, no citizen ID in the address."""

import pytest
from rest_framework.test import APIClient

from giamngheo.households.models import Household, Member

pytestmark = pytest.mark.django_db
LIST = "/api/v1/ho-gia-dinh/"


@pytest.fixture
def officer(demo):
    client = APIClient()
    client.force_authenticate(demo.users["canbo.tumorong"])
    return client


def test_the_openapi_schema_needs_a_login(demo, officer):
    assert APIClient().get("/api/v1/schema/").status_code in (401, 403)
    assert officer.get("/api/v1/schema/").status_code == 200


@pytest.mark.parametrize(
    "params, field",
    [
        ({"commune": "99999999999999999999"}, "commune"),
        ({"commune": "x"}, "commune"),
        ({"village": "x"}, "village"),
        ({"village": "-1"}, "village"),
        ({"status": "RICH"}, "status"),
        ({"indicator": "nope"}, "indicator"),
    ],
)
def test_an_invalid_filter_is_a_400_naming_it(officer, params, field):
    response = officer.get(LIST, params)
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_a_commune_outside_the_area_is_refused_not_ignored(officer, demo):
    response = officer.get(LIST, {"commune": demo.commune_b.pk})
    assert response.status_code == 400
    assert officer.get(LIST, {"commune": demo.commune_a.pk}).status_code == 200


@pytest.mark.parametrize("size", ["0", "-5", "x", "1001", "99999999999999999999", "2.5"])
def test_an_invalid_page_size_is_refused_in_vietnamese(officer, size):
    response = officer.get(LIST, {"page_size": size})
    assert response.status_code == 400
    assert "từ 1 đến 1000" in response.json()["page_size"]


def test_valid_page_sizes_are_honoured(officer):
    assert len(officer.get(LIST, {"page_size": "3"}).json()["results"]) == 3


def test_an_unknown_unit_level_is_refused(officer):
    assert officer.get("/api/v1/don-vi/", {"level": "x"}).status_code == 400
    assert officer.get("/api/v1/don-vi/", {"level": "village"}).status_code == 200


def test_a_citizen_id_in_the_address_is_refused_and_the_post_search_finds_it(demo, officer):
    member = Member.objects.filter(household__commune=demo.commune_a).exclude(citizen_id=None)[0]
    assert officer.get(LIST, {"q": member.citizen_id}).status_code == 400
    response = officer.post(f"{LIST}tim-cccd/", {"citizen_id": member.citizen_id}, format="json")
    assert response.status_code == 200
    assert [h["code"] for h in response.json()] == [member.household.code]
    assert officer.post(f"{LIST}tim-cccd/", {"citizen_id": "12"}).status_code == 400


def test_the_post_search_never_crosses_the_area(demo, officer):
    other = Member.objects.filter(household__commune=demo.commune_b).exclude(citizen_id=None)[0]
    response = officer.post(f"{LIST}tim-cccd/", {"citizen_id": other.citizen_id}, format="json")
    assert response.status_code == 200 and response.json() == []
    assert Household.objects.filter(members=other).exists()
