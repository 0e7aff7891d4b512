"""Every page renders for the people who use it, with a bounded number of queries; forms
refused by a service come back with the input kept."""

import datetime

import pytest
from django.urls import reverse

from giamngheo.groups import services
from giamngheo.groups.catalogues import FundingSource, SupportKind
from giamngheo.groups.models import SelfManagedGroup
from giamngheo.inspections import services as inspection_services
from giamngheo.inspections.catalogues import InspectionLevel, InspectionSubject

D = datetime.date


@pytest.fixture
def busy(committed, eligible, officer, mangden, make_group):
    for household in eligible[:5]:
        services.add_support(project=committed, household=household, kind=SupportKind.LIVESTOCK,
                             description="Bò", value=5_000_000, source=FundingSource.CENTRAL_BUDGET,
                             delivered_on=D(2026, 4, 1), by=officer)  # fmt: skip
    for i in range(4):
        make_group(name=f"Nhóm {i}", households=eligible[:3])
        inspection_services.record_inspection(commune=mangden, level=InspectionLevel.COMMUNE,
                                   subject=InspectionSubject.SUPPORT, project=committed,
                                   held_on=D(2026, 9, i + 1), leader_name="Trưởng đoàn", by=officer)  # fmt: skip
    return committed


def test_lists_take_a_bounded_number_of_queries(
    busy, login, officer, django_assert_max_num_queries
):
    client = login(officer)
    for name in ("groups:home", "groups:project_list", "inspections:inspection_list", "outreach:communication",
                 "periodic:template_list"):  # fmt: skip
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name)).status_code == 200, name


def test_detail_pages_render(busy, login, officer):
    client = login(officer)
    inspection = busy.inspections.first()
    for url in (
        reverse("groups:group_detail", args=[busy.group_id]),
        reverse("groups:project_detail", args=[busy.pk]),
        reverse("inspections:inspection_detail", args=[inspection.pk]),
        reverse("groups:group_add"),
        reverse("inspections:inspection_add"),
        reverse("outreach:outreach_add"),
        reverse("outreach:example_add"),
        reverse("outreach:resource_add"),
        reverse("outreach:proposal_add"),
    ):
        assert client.get(url).status_code == 200, url


def test_a_refused_group_comes_back_with_the_input_and_the_reason(
    login, officer, eligible, not_eligible
):
    response = login(officer).post(
        reverse("groups:group_add"),
        {"name": "Nhóm thử", "formed_on": "2026-03-01", "purpose": "Nuôi gà",
         "households": [eligible[0].pk, not_eligible.pk]},
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert not_eligible.code in page and 'value="Nhóm thử"' in page and "Nuôi gà" in page
    assert not SelfManagedGroup.objects.filter(name="Nhóm thử").exists()


def test_an_edit_conflict_answers_409_and_keeps_what_was_typed(make_group, login, officer):
    group = make_group()
    opened = group.version
    services.update_group(group=group, version=opened, by=officer, name="Đổi trước")
    response = login(officer).post(
        reverse("groups:group_edit", args=[group.pk]),
        {"name": "Tên tôi gõ", "purpose": "Mục đích mới", "version": opened, "reason": "Sửa"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="Tên tôi gõ"' in page and "Mục đích mới" in page
    group.refresh_from_db()
    assert group.name == "Đổi trước"


def test_a_province_user_chooses_the_commune_first(login, demo):
    response = login(demo.users["tinh.quangngai"]).get(reverse("groups:group_add"))
    assert response.status_code == 403  # province staff do not form groups
    response = login(demo.users["admin"]).get(reverse("groups:group_add"))
    assert "xa" in response.content.decode()
    response = login(demo.users["admin"]).get(reverse("groups:group_add") + "?xa=23473")
    assert 'name="households"' in response.content.decode()


def test_the_demo_builds_once(demo):
    from giamngheo.site.demo import build_demo

    count = SelfManagedGroup.objects.count()
    summary = build_demo()
    assert summary["groups"] == 0
    assert SelfManagedGroup.objects.count() == count
    group = SelfManagedGroup.objects.get(name="Nhóm hộ nuôi bò sinh sản Đăk Chum")
    assert group.memberships.count() == 5 and group.projects.get().support.count() == 10
