"""Only the user's area: another commune's dashboard or API aggregate is a 404."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_commune_officer_sees_own_commune_on_home_and_page(demo, login):
    client = login(demo.users["canbo.tumorong"])
    home = client.get("/")
    assert home.status_code == 200
    assert home.context["dashboard"]["area"]["code"] == demo.commune_a.code
    page = client.get(f"/bao-cao/tong-quan/{demo.commune_a.code}/")
    assert page.status_code == 200
    assert demo.commune_a.name in page.content.decode()


def test_commune_officer_asking_for_another_commune_gets_404(demo, login):
    client = login(demo.users["canbo.tumorong"])
    assert client.get(f"/bao-cao/tong-quan/{demo.commune_b.code}/").status_code == 404
    assert client.get(f"/bao-cao/tong-quan/{demo.province.code}/").status_code == 404
    assert client.get("/bao-cao/tong-quan/khong-co/").status_code == 404


def test_api_aggregate_of_another_commune_is_404(demo):
    api = APIClient()
    api.force_authenticate(demo.users["canbo.tumorong"])
    assert api.get(f"/api/v1/tong-quan/{demo.commune_b.code}/").status_code == 404
    response = api.get(f"/api/v1/tong-quan/{demo.commune_a.code}/")
    assert response.status_code == 200
    assert response.json()["area"]["code"] == demo.commune_a.code


def test_province_staff_drill_from_province_to_commune(demo, login):
    client = login(demo.users["tinh.quangngai"])
    home = client.get("/")
    assert home.context["dashboard"]["area"]["code"] == demo.province.code
    page = client.get(f"/bao-cao/tong-quan/{demo.province.code}/").content.decode()
    assert f'href="/bao-cao/tong-quan/{demo.commune_b.code}/"' in page
    assert client.get(f"/bao-cao/tong-quan/{demo.commune_b.code}/").status_code == 200


def test_collaborator_has_no_area_dashboard(demo, login):
    client = login(demo.users["ctv.tumorong"])
    assert "dashboard" not in client.get("/").context
    assert client.get(f"/bao-cao/tong-quan/{demo.commune_a.code}/").status_code == 404


def test_anonymous_api_caller_is_refused(demo):
    assert APIClient().get(f"/api/v1/tong-quan/{demo.commune_a.code}/").status_code in (401, 403)


def test_the_aggregate_is_in_the_openapi_schema(demo):
    api = APIClient()
    api.force_authenticate(demo.users["tinh.quangngai"])
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/tong-quan/{code}/"]["get"]
    assert operation["operationId"] == "area_dashboard"
    assert "Dashboard" in schema["components"]["schemas"]
    assert "alkire_foster" in schema["components"]["schemas"]["Dashboard"]["properties"]
