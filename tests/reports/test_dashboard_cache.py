"""The dashboard's figures are cached per area and recomputed when a household's status
changes there (core.area_cache): not before, not in other areas, and the page says when they
were computed."""

import datetime

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone, translation

from giamngheo.households.assessment import standard_in_force
from giamngheo.households.models import Household, PovertyStatus, StatusRecord
from giamngheo.households.services import record_status
from giamngheo.reports.dashboard import cached_area_figures

pytestmark = pytest.mark.django_db


def _count(figures, status):
    return next(c["count"] for c in figures["categories"] if c["status"] == status)


def _make_poor(demo, household):
    record_status(
        household=household,
        status=PovertyStatus.POOR,
        year=timezone.localdate().year,
        standard=standard_in_force(timezone.localdate()).code,
        decision_number="12/QĐ-UBND",
        decision_date=timezone.localdate() - datetime.timedelta(days=1),
        source=StatusRecord.Source.REVIEW,
        by=demo.users["canbo.tumorong"],
    )


def _not_poor_household(demo):
    return (
        Household.objects.filter(commune=demo.commune_a)
        .exclude(status=PovertyStatus.POOR)
        .order_by("pk")
        .first()
    )


def _cached_then_invalidated(demo, django_assert_num_queries, capture_on_commit):
    province = cached_area_figures(demo.province)
    commune_b = cached_area_figures(demo.commune_b)
    with django_assert_num_queries(0):
        again = cached_area_figures(demo.province)
    assert again["as_of"] == province["as_of"]
    assert again["households"] == province["households"]

    household = _not_poor_household(demo)
    with capture_on_commit(execute=True):
        _make_poor(demo, household)
    village = household.village
    fresh = cached_area_figures(demo.province)
    assert fresh["as_of"] > province["as_of"]
    assert _count(fresh, PovertyStatus.POOR) == _count(province, PovertyStatus.POOR) + 1
    commune_a = cached_area_figures(demo.commune_a)
    assert (
        _count(commune_a, PovertyStatus.POOR)
        == Household.objects.filter(commune=demo.commune_a, status=PovertyStatus.POOR).count()
    )
    assert cached_area_figures(village)["as_of"] >= fresh["as_of"]
    # Another commune's figures did not change and are still served from the cache.
    assert cached_area_figures(demo.commune_b)["as_of"] == commune_b["as_of"]


def test_figures_come_from_the_cache_until_a_status_changes_in_the_area(
    demo, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _cached_then_invalidated(demo, django_assert_num_queries, django_capture_on_commit_callbacks)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "giamngheo_cache",
        }
    }
)
def test_the_database_cache_of_production_without_redis_works_the_same(
    demo, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """Without REDIS_URL the cache is the table core's migration creates: a hit is two small
    reads of it (the version, the figures) instead of the ~20 grouped queries."""
    first = cached_area_figures(demo.province)
    with django_assert_max_num_queries(2):
        assert cached_area_figures(demo.province)["as_of"] == first["as_of"]
    with django_capture_on_commit_callbacks(execute=True):
        _make_poor(demo, _not_poor_household(demo))
    assert _count(cached_area_figures(demo.province), PovertyStatus.POOR) == (
        _count(first, PovertyStatus.POOR) + 1
    )


def test_nothing_is_bumped_when_the_decision_rolls_back(demo, django_capture_on_commit_callbacks):
    first = cached_area_figures(demo.province)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _make_poor(demo, _not_poor_household(demo))
    assert len(callbacks) == 1  # the bump waits for the commit; dropped with a rollback
    assert cached_area_figures(demo.province)["as_of"] == first["as_of"]


def test_the_page_says_when_its_figures_were_computed(demo, login):
    client = login(demo.users["tinh.quangngai"])
    page = client.get("/").content.decode()
    figures = cached_area_figures(demo.province)  # what the page showed, from the cache
    shown = timezone.localtime(figures["as_of"]).strftime("%H:%M %d/%m/%Y")
    assert 'id="dash-as-of"' in page
    assert f"Số liệu tính lúc {shown}" in page


def _poor_cell(page: str, label: str) -> str:
    """The count beside the "poor" category in the page's categories table."""
    table = page.split('id="categories"', 1)[1].split("</tbody>", 1)[0]
    row = table.split(f'<th scope="row">{label}</th>', 1)[1]
    return row.split('<td class="num">', 1)[1].split("<", 1)[0]


def test_the_rendered_figures_follow_the_cache_and_the_language(
    demo, login, django_capture_on_commit_callbacks
):
    """The dashboard's HTML is kept with its figures: the same page again reuses it, a status
    change shows at once, and each language gets its own."""
    client = login(demo.users["tinh.quangngai"])
    before = _poor_cell(client.get("/").content.decode(), "Hộ nghèo")
    assert int(before) == _count(cached_area_figures(demo.province), PovertyStatus.POOR)
    assert _poor_cell(client.get("/").content.decode(), "Hộ nghèo") == before
    with django_capture_on_commit_callbacks(execute=True):
        _make_poor(demo, _not_poor_household(demo))
    assert int(_poor_cell(client.get("/").content.decode(), "Hộ nghèo")) == int(before) + 1
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/").content.decode()
    assert "Hộ nghèo" not in english
    with translation.override("en"):
        label = str(PovertyStatus.POOR.label)
    assert int(_poor_cell(english, label)) == int(before) + 1
