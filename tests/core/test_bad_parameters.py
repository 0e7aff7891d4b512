"""Bad values in the address are a 400 with a Vietnamese message, never a 500.

Run on PostgreSQL too: NUL in a text parameter is harmless on SQLite but PostgreSQL refuses
it ("A string literal cannot contain NUL"), which was a 500 on 22 of 283 URLs.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from giamngheo.collaborators.models import Collaborator
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_500s_as_responses(client):
    client.raise_request_exception = False
    return client


def _plain_get_urls(resolver=None, prefix=""):
    """Every URL of the site that takes no argument in its path (list and statistics pages)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if "<" in route or route.startswith(("quan-tri", "^")):
            continue
        if isinstance(entry, URLResolver):
            yield from _plain_get_urls(entry, prefix + route)
        elif isinstance(entry, URLPattern) and "." not in route:
            yield "/" + prefix + route


def test_nul_in_any_query_string_is_a_400(demo, login, client_500s_as_responses):
    login(demo.users["admin"])
    urls = sorted(set(_plain_get_urls()))
    assert len(urls) > 40
    failures = {}
    for url in urls:
        for query in ("?q=%00", "?xa=%00&page=1", "?%00=1"):
            response = client_500s_as_responses.get(url + query)
            if response.status_code != 400:
                failures[url + query] = response.status_code
    assert not failures


@pytest.mark.parametrize(
    "url",
    [
        "/ho-gia-dinh/23293-00001%00/",
        "/ho-gia-dinh/23293-00001%00/sua/",
        "/don-vi/23425%00/",
        "/nhom-ho/?q=%00",
        "/ho-gia-dinh/?q=%00",
        "/api/v1/households/?q=%00",
    ],
)
def test_the_issues_nul_urls_answer_400_in_vietnamese(demo, login, client_500s_as_responses, url):
    login(demo.users["canbo.kontum"])
    response = client_500s_as_responses.get(url)
    assert response.status_code == 400
    if not url.startswith("/api/"):
        assert "ký tự NUL" in response.content.decode()


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/cau-lac-bo/thong-ke/?nam=99999999999", "nam"),
        ("/cau-lac-bo/thong-ke/?nam=-1", "nam"),
        ("/cong-tac-vien/ket-qua-to-chuc/?nam=-1", "nam"),
        ("/cong-tac-vien/ket-qua-to-chuc/?nam=99999999999", "nam"),
        ("/nhom-ho/kiem-tra/them/?du_an=abc", "du_an"),
        ("/nhom-ho/kiem-tra/them/?du_an=99999999999999999999", "du_an"),
    ],
)
def test_numbers_out_of_range_are_a_400_naming_the_parameter(
    demo, login, client_500s_as_responses, url, parameter
):
    login(demo.users["admin"])
    response = client_500s_as_responses.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert f"không phải giá trị hợp lệ của “{parameter}”" in body


def test_a_task_id_that_is_not_a_number_is_a_400_for_the_collaborator(
    demo, login, client_500s_as_responses
):
    collaborator = Collaborator.objects.get(user=demo.users["ctv.tumorong"])
    login(demo.users["ctv.tumorong"])
    url = f"/cong-tac-vien/{collaborator.pk}/hoat-dong/them/"
    assert client_500s_as_responses.get(url).status_code == 200
    for bad in ("abc", "99999999999999999999", "-3"):
        assert client_500s_as_responses.get(f"{url}?nhiem_vu={bad}").status_code == 400


def test_sensible_values_still_work(demo, login):
    client = login(demo.users["admin"])
    # The register pages by keyset (?after=/?before= a household code): no page number to
    # overflow; any code, even one past the end, is just a place in the order.
    assert client.get("/ho-gia-dinh/?page=99999999999999999999").status_code == 200
    assert client.get("/ho-gia-dinh/?after=99999999999999999999").status_code == 200
    assert client.get("/ho-gia-dinh/?before=zzz").status_code == 200
    assert client.get("/cau-lac-bo/thong-ke/?nam=2026").status_code == 200
    assert client.get("/cong-tac-vien/ket-qua-to-chuc/?nam=2025").status_code == 200
    assert client.get("/cau-lac-bo/thong-ke/").status_code == 200


def test_a_household_edit_without_its_version_is_a_409_that_keeps_the_input(demo, login):
    from tests.households.test_pages import _form_data

    household = Household.objects.filter(commune=demo.commune_a).first()
    data = _form_data(household, phone="0911222333")
    del data["version"]
    client = login(demo.users["canbo.tumorong"])
    response = client.post(f"/ho-gia-dinh/{household.code}/sua/", data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Biểu mẫu thiếu số phiên bản" in body
    assert 'value="0911222333"' in body
    household.refresh_from_db()
    assert household.phone != "0911222333"
    data["version"] = "not-a-number"
    assert client.post(f"/ho-gia-dinh/{household.code}/sua/", data).status_code in (200, 409)
