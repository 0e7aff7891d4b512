"""The office's at-a-glance warnings (Decision 29/QĐ-UBND; Kon Tum 2018 review)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from giamngheo.collaborators.models import MassOrganisation, Qualification, Status
from giamngheo.collaborators.selectors import compliance_warnings
from giamngheo.collaborators.services import record_training
from giamngheo.geo.models import Unit

from .conftest import existing_collaborator

pytestmark = pytest.mark.django_db


def _names(people):
    return {p.full_name for p in people}


def test_commune_without_a_collaborator_is_flagged(demo, office, lyson):
    warnings = compliance_warnings(office)
    assert lyson in warnings.communes_without
    assert demo.commune_a not in warnings.communes_without


def test_second_collaborator_in_a_commune_is_a_warning_not_a_block(demo, office, make_collaborator):
    make_collaborator(demo.commune_a, full_name="Người thứ hai")
    warnings = compliance_warnings(office)
    several = {c.code: c.n for c in warnings.communes_with_several}
    assert several == {demo.commune_a.code: 2}


def test_collaborator_who_left_does_not_count_for_the_commune(demo, office, make_collaborator):
    make_collaborator(demo.commune_a, status=Status.LEFT)
    assert compliance_warnings(office).communes_with_several == []


def test_expired_contract_is_flagged_and_a_current_one_is_not(
    office, make_collaborator, make_contract
):
    today = timezone.localdate()
    expired = make_collaborator(full_name="Hết hợp đồng")
    make_contract(
        expired,
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=1),
    )
    current = make_collaborator(full_name="Còn hợp đồng")
    make_contract(current, starts_on=today, ends_on=today + datetime.timedelta(days=30))
    none = make_collaborator(full_name="Chưa ký")
    warnings = compliance_warnings(office)
    assert "Hết hợp đồng" in _names(warnings.contract_expired)
    assert "Còn hợp đồng" not in _names(warnings.contract_expired + warnings.no_contract)
    assert none.full_name in _names(warnings.no_contract)


def test_demo_collaborator_whose_contract_ended_last_year_is_flagged(demo, office):
    assert existing_collaborator("ctv.camthanh").full_name in _names(
        compliance_warnings(office).contract_expired
    )


def test_collaborator_outside_the_mass_organisations_is_flagged(office, make_collaborator):
    outsider = make_collaborator(organisation=MassOrganisation.NONE)
    member = make_collaborator(organisation=MassOrganisation.RED_CROSS)
    flagged = _names(compliance_warnings(office).outside_organisations)
    assert outsider.full_name in flagged
    assert member.full_name not in flagged


def test_qualification_below_intermediate_is_flagged(office, make_collaborator):
    low = make_collaborator(qualification=Qualification.PRIMARY)
    mid = make_collaborator(qualification=Qualification.INTERMEDIATE)
    flagged = _names(compliance_warnings(office).low_qualification)
    assert low.full_name in flagged
    assert mid.full_name not in flagged


def test_training_only_counts_in_the_year_it_was_held(office, make_collaborator):
    today = timezone.localdate()
    trained = make_collaborator(full_name="Đã tập huấn")
    record_training(collaborator=trained, title="Tập huấn", held_on=today, by=office)
    last_year = make_collaborator(full_name="Tập huấn năm ngoái")
    record_training(
        collaborator=last_year,
        title="Tập huấn",
        held_on=today.replace(year=today.year - 1),
        by=office,
    )
    flagged = _names(compliance_warnings(office).no_training)
    assert "Tập huấn năm ngoái" in flagged
    assert "Đã tập huấn" not in flagged


def test_warnings_of_a_commune_officer_stay_in_their_commune(demo, make_collaborator):
    make_collaborator(qualification=Qualification.PRIMARY, full_name="Ở Lý Sơn")
    warnings = compliance_warnings(demo.users["canbo.tumorong"])
    assert "Ở Lý Sơn" not in _names(warnings.low_qualification)
    assert {c.code for c in warnings.communes_without} <= {demo.commune_a.code}


def test_warnings_take_a_fixed_number_of_queries(
    office, make_collaborator, django_assert_max_num_queries
):
    for _i in range(5):
        make_collaborator(organisation=MassOrganisation.NONE)
    with django_assert_max_num_queries(4):
        compliance_warnings(office)


def test_dashboard_shows_the_warnings(demo, login, lyson):
    response = login(demo.users["vanphong.quangngai"]).get(reverse("collaborators:home"))
    assert response.status_code == 200
    assert lyson.name in response.text
    assert Unit.objects.get(code="21548").name in response.text
