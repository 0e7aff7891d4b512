"""The register pages by keyset on the household code: page 10,000 costs what page 1 costs."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.households.models import Household, PovertyStatus

pytestmark = pytest.mark.django_db
LIST = "/ho-gia-dinh/"


@pytest.fixture
def many(demo, village_a):
    Household.objects.bulk_create(
        Household(code=f"23425-9{i:04d}", commune=demo.commune_a, village=village_a,
                  status=PovertyStatus.POOR if i % 2 else PovertyStatus.NEAR_POOR)
        for i in range(600)
    )  # fmt: skip
    return Household.objects.filter(commune=demo.commune_a).order_by("code")


def _codes(response):
    return re.findall(r"<td>(\d{5}-\d{5})</td>", response.content.decode())


def _next(response):
    match = re.search(r'rel="next" href="\?([^"]+)"', response.content.decode())
    return match.group(1).replace("&amp;", "&") if match else None


def test_following_next_visits_every_household_once_in_order(many, login, demo):
    client = login(demo.users["canbo.tumorong"])
    seen, query = [], ""
    while query is not None:
        response = client.get(f"{LIST}?{query}")
        seen += _codes(response)
        query = _next(response)
    assert seen == list(many.values_list("code", flat=True))


def test_previous_returns_to_the_page_before(many, login, demo):
    client = login(demo.users["canbo.tumorong"])
    first = client.get(LIST)
    second = client.get(f"{LIST}?{_next(first)}")
    assert 'rel="prev"' not in first.content.decode()
    back = re.search(r'rel="prev" href="\?([^"]+)"', second.content.decode()).group(1)
    assert _codes(client.get(f"{LIST}?{back.replace('&amp;', '&')}")) == _codes(first)


def test_filters_are_kept_across_pages(many, login, demo):
    client = login(demo.users["canbo.tumorong"])
    response = client.get(LIST, {"status": PovertyStatus.POOR})
    query = _next(response)
    assert "status=POOR" in query
    codes = _codes(response) + _codes(client.get(f"{LIST}?{query}"))
    assert set(Household.objects.filter(code__in=codes).values_list("status", flat=True)) == {
        PovertyStatus.POOR
    }


def test_a_deep_page_costs_the_same_queries_as_the_first(many, login, demo):
    client = login(demo.users["canbo.tumorong"])
    deep_after = many.values_list("code", flat=True)[549]
    client.get(LIST)  # the user's scope and the filters' unit options are now cached
    with CaptureQueriesContext(connection) as first:
        assert len(_codes(client.get(LIST))) == 50
    with CaptureQueriesContext(connection) as deep:
        assert len(_codes(client.get(LIST, {"after": deep_after}))) == 50
    assert len(deep.captured_queries) == len(first.captured_queries)
    register = [q["sql"] for q in deep.captured_queries if "households_household" in q["sql"]]
    assert register and not any("OFFSET" in sql.upper() for sql in register)
    # The page is one range read of 51 rows, whatever its depth.
    assert any(re.search(r"LIMIT 51\b", sql) for sql in register)
