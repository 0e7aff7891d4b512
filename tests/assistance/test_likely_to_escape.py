"""Listed households whose latest facts put them above the line under the standard in force."""

import datetime

import pytest

from giamngheo.assistance.selectors import likely_to_escape, listed_with_stale_assessment
from giamngheo.households.models import Household

D = datetime.date
pytestmark = pytest.mark.django_db
TODAY = D(2026, 6, 1)  # the 2022-2025 standard is in force for all of 2026


def _set(household, status, category, standard="2022-2025"):
    Household.objects.filter(pk=household.pk).update(
        status=status, assessed_category=category, assessed_standard=standard
    )


@pytest.fixture
def hh(demo):
    return list(Household.objects.filter(commune=demo.commune_a).order_by("code")[4:10])


def test_poor_and_near_poor_above_the_line_are_listed_and_nobody_else(demo, hh, users):
    Household.objects.filter(commune=demo.commune_a).update(status="NOT_LISTED")
    _set(hh[0], "POOR", "NOT_POOR")
    _set(hh[1], "NEAR_POOR", "AVERAGE")
    _set(hh[2], "POOR", "POOR")  # still poor
    _set(hh[3], "NOT_LISTED", "NOT_POOR")  # not on the lists
    _set(hh[4], "NEAR_POOR", "NOT_POOR", standard="2016-2020")  # old standard's answer
    _set(hh[5], "ESCAPED_POOR", "NOT_POOR")
    found = list(likely_to_escape(users.officer, today=TODAY))
    assert found == [hh[0], hh[1]]
    assert listed_with_stale_assessment(users.officer, today=TODAY) == 1


def test_the_list_follows_the_standard_in_force_on_the_day(demo, hh, users):
    Household.objects.filter(commune=demo.commune_a).update(status="NOT_LISTED")
    _set(hh[0], "POOR", "NOT_POOR", standard="2027-2030")
    assert list(likely_to_escape(users.officer, today=TODAY)) == []
    assert list(likely_to_escape(users.officer, today=D(2027, 2, 1))) == [hh[0]]


def test_the_list_is_scoped_and_one_query(demo, hh, users, django_assert_max_num_queries):
    _set(hh[0], "POOR", "NOT_POOR")
    assert hh[0] not in likely_to_escape(users.officer_b, today=TODAY)
    assert hh[0] in likely_to_escape(users.office, today=TODAY)
    users.officer._current_assignments = None
    likely_to_escape(users.officer, today=TODAY)  # role cache
    with django_assert_max_num_queries(1):
        rows = list(likely_to_escape(users.officer, today=TODAY))
        [(h.village.name, h.commune.name) for h in rows]
