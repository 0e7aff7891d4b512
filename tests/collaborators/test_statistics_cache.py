"""The force's statistics are cached per area (core.area_cache) and recomputed as soon as a
collaborator of the area changes; another area never sees them; the page says when they
were computed; the collaborator's own page costs a fixed number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from giamngheo.accounts.models import Role, RoleAssignment, User
from giamngheo.collaborators import selectors
from giamngheo.collaborators.duties import Duty
from giamngheo.collaborators.models import (
    Collaborator,
    MassOrganisation,
    Status,
)
from giamngheo.collaborators.selectors import cached_force_statistics, force_statistics
from giamngheo.collaborators.services import (
    assign_task,
    log_activity,
    submit_report,
    update_collaborator,
)
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household
from giamngheo.reports.dashboard import cached_area_figures

from .conftest import existing_collaborator

pytestmark = pytest.mark.django_db


def _office_of(unit, name):
    user = User.objects.create_user(username=name, password="x" * 12)
    RoleAssignment.objects.create(user=user, role=Role.MANAGING_OFFICE, unit=unit)
    return user


def test_statistics_are_the_sums_of_the_communes(demo, make_collaborator, lyson):
    make_collaborator(lyson, organisation=MassOrganisation.YOUTH, ethnicity="16")
    stats = force_statistics(demo.users["vanphong.quangngai"])
    assert sum(f.total for f in stats.provinces) == sum(c.total for c in stats.communes)
    assert sum(f.total for f in stats.former_districts) <= stats.total.total
    assert stats.total.total == sum(c.total for c in stats.communes)
    assert stats.total.organisations == {
        o: sum(c.organisations[o] for c in stats.communes) for o in MassOrganisation.values
    }
    assert [c.name for c in stats.communes] == sorted(c.name for c in stats.communes)
    assert [p.code for p in stats.provinces] == [demo.province.code]


def test_the_figures_come_from_the_cache_until_a_collaborator_changes(
    demo,
    office,
    make_collaborator,
    lyson,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    first, as_of = cached_force_statistics(office)
    with django_assert_num_queries(0):
        again, again_as_of = cached_force_statistics(office)
    assert (again, again_as_of) == (first, as_of)

    with django_capture_on_commit_callbacks(execute=True):
        added = make_collaborator(lyson)
    fresh, fresh_as_of = cached_force_statistics(office)
    assert fresh.total.total == first.total.total + 1
    assert fresh_as_of > as_of

    with django_capture_on_commit_callbacks(execute=True):
        update_collaborator(
            collaborator=Collaborator.objects.select_related("commune").get(pk=added.pk),
            version=added.version,
            by=office,
            reason="Nghỉ việc",
            status=Status.LEFT,
        )
    assert cached_force_statistics(office)[0].total.total == first.total.total


def test_a_change_shows_on_the_page_at_once(
    demo, office, login, lyson, django_capture_on_commit_callbacks
):
    client = login(office)
    page = client.get(reverse("collaborators:statistics"))
    assert 'id="stats-as-of"' in page.text
    before = page.context["stats"].total.women
    ctv = Collaborator.objects.select_related("commune").get(
        pk=existing_collaborator("ctv.tumorong").pk
    )
    assert ctv.sex != "female"
    with django_capture_on_commit_callbacks(execute=True):
        update_collaborator(collaborator=ctv, version=ctv.version, by=office, sex="female")
    page = client.get(reverse("collaborators:statistics"))
    assert page.context["stats"].total.women == before + 1


def test_another_area_never_sees_the_figures(demo, office, make_collaborator, lyson):
    province_stats, _ = cached_force_statistics(office)
    commune_office = _office_of(demo.commune_b, "vanphong.xa.b")
    commune_stats, _ = cached_force_statistics(commune_office)
    assert {c.code for c in commune_stats.communes} <= {demo.commune_b.code}
    other_province = Unit.objects.filter(level=Level.PROVINCE).exclude(pk=demo.province.pk)[0]
    outsider = _office_of(other_province, "vanphong.tinh.khac")
    outside_stats, _ = cached_force_statistics(outsider)
    assert outside_stats.total.total == 0
    assert province_stats.total.total > 0
    # The province's figures were not replaced by the narrower ones.
    assert cached_force_statistics(office)[0] == province_stats


def test_the_commune_filter_has_figures_of_its_own(demo, office):
    whole, _ = cached_force_statistics(office)
    one, _ = cached_force_statistics(office, commune=demo.commune_b.code)
    assert {c.code for c in one.communes} <= {demo.commune_b.code}
    assert cached_force_statistics(office)[0] == whole


def test_the_cache_keys_name_areas_not_people(demo, office):
    cached_force_statistics(office)
    keys = [k for k in cache._cache if "collaborator-force" in k]  # locmem: the test cache
    assert keys
    for key in keys:
        assert office.username not in key and str(office.pk) not in key.split(":")
        assert demo.province.path in key


def test_a_collaborator_sees_their_own_figures_uncached(demo, login):
    user = demo.users["ctv.tumorong"]
    stats, as_of = cached_force_statistics(user)
    assert as_of is None
    assert stats.total.total == 1
    page = login(user).get(reverse("collaborators:statistics"))
    assert 'id="stats-as-of"' not in page.text


def test_the_collaborators_page_takes_a_fixed_number_of_queries(
    demo, office, login, this_month, django_assert_max_num_queries
):
    """Tasks and activities with villages and households: one query for all of their links,
    listed as the relations list them."""
    user = demo.users["ctv.tumorong"]
    ctv = existing_collaborator("ctv.tumorong")
    households = list(Household.objects.filter(commune=ctv.commune).order_by("-pk")[:3])
    villages = list(Unit.objects.filter(parent=ctv.commune, level=Level.VILLAGE)[:2])
    for i in range(3):
        assign_task(
            collaborator=ctv,
            month=this_month.start,
            duty=Duty.REQUESTS,
            description=f"Nhiệm vụ {i}",
            due_on=this_month.end,
            by=office,
            villages=villages,
            households=households,
        )
        log_activity(
            collaborator=ctv,
            by=user,
            done_on=this_month.start + datetime.timedelta(days=i),
            duty=Duty.REQUESTS,
            description=f"Thăm hộ {i}",
            households=households[i:],
            villages=villages,
        )
    client = login(user)
    client.get(reverse("collaborators:home"), follow=True)
    # Session, user, roles, the record, tasks, activities, their links, history, contracts,
    # trainings, evaluations, reports (15 before the links were read in one query).
    with django_assert_max_num_queries(12):
        response = client.get(reverse("collaborators:detail", args=[ctv.pk]))
    assert str(households[0]) in response.text
    for item in [*response.context["tasks"], *response.context["activities"]]:
        assert [str(h) for h in item.household_list] == [str(h) for h in item.households.all()]
        assert [v.name for v in item.village_list] == [v.name for v in item.villages.all()]
    with django_assert_max_num_queries(4):  # session, user, roles, the record's pk
        assert client.get(reverse("collaborators:home")).status_code == 302
    assert selectors.own_record_pk(user) == ctv.pk


def test_the_dashboard_counts_a_new_collaborator_at_once(
    demo, make_collaborator, lyson, django_capture_on_commit_callbacks
):
    """The dashboard's figures count the working collaborators too: the same bump
    refreshes them."""
    before = cached_area_figures(demo.province)["collaborators"]["in_post"]
    with django_capture_on_commit_callbacks(execute=True):
        make_collaborator(lyson)
    assert cached_area_figures(demo.province)["collaborators"]["in_post"] == before + 1


def test_a_report_handed_in_shows_on_the_dashboard_at_once(
    demo, make_collaborator, lyson, last_month, django_capture_on_commit_callbacks
):
    user = demo.users["ctv.lyson"]
    with django_capture_on_commit_callbacks(execute=True):
        ctv = make_collaborator(lyson, user=user)
    before = cached_area_figures(demo.province)["collaborators"]["reports_missing"]
    with django_capture_on_commit_callbacks(execute=True):
        submit_report(collaborator=ctv, period=last_month, by=user)
    assert cached_area_figures(demo.province)["collaborators"]["reports_missing"] == before - 1
