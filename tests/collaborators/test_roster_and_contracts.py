"""The roster and work contracts: person data, renewals and their history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from giamngheo.collaborators.models import Collaborator, Contract
from giamngheo.collaborators.services import renew_contract, terminate_contract
from giamngheo.core.history import history_entries

pytestmark = pytest.mark.django_db

D = datetime.date


def _form_data(commune, office_unit, **overrides):
    data = {
        "full_name": "Y Nhung",
        "citizen_id": "062190000123",
        "sex": "female",
        "ethnicity": "16",
        "commune": commune.pk,
        "managing_office": office_unit.pk,
        "organisation": "women",
        "qualification": "intermediate",
        "status": "active",
        "phone": "0905111222",
    }
    data.update(overrides)
    return data


def test_office_adds_a_collaborator_with_person_data(demo, login, lyson):
    client = login(demo.users["vanphong.quangngai"])
    response = client.post(reverse("collaborators:add"), _form_data(lyson, demo.province))
    assert response.status_code == 302
    ctv = Collaborator.objects.get(citizen_id="062190000123")
    assert (ctv.commune, ctv.ethnicity, ctv.get_organisation_display()) == (
        lyson,
        "16",
        str(ctv.get_organisation_display()),
    )
    assert ctv.history.first().history_user == demo.users["vanphong.quangngai"]


def test_invalid_roster_form_keeps_what_was_typed(demo, login, lyson):
    client = login(demo.users["vanphong.quangngai"])
    response = client.post(
        reverse("collaborators:add"), _form_data(lyson, demo.province, citizen_id="12345")
    )
    assert response.status_code == 200
    assert 'value="Y Nhung"' in response.text
    assert 'value="0905111222"' in response.text
    assert not Collaborator.objects.filter(full_name="Y Nhung").exists()


def test_commune_officer_cannot_add_collaborators(demo, login, lyson):
    client = login(demo.users["canbo.lyson"])
    response = client.post(reverse("collaborators:add"), _form_data(lyson, demo.province))
    assert response.status_code == 403
    assert not Collaborator.objects.filter(full_name="Y Nhung").exists()


def test_citizen_id_is_unique_in_the_database_too(make_collaborator):
    make_collaborator(citizen_id="062190000999")
    with pytest.raises(ValidationError):
        make_collaborator(citizen_id="062190000999")
    first = Collaborator.objects.get(citizen_id="062190000999")
    with pytest.raises(IntegrityError), transaction.atomic():
        Collaborator.objects.create(
            full_name="Trùng",
            citizen_id="062190000999",
            sex="male",
            ethnicity="01",
            commune=first.commune,
            managing_office=first.managing_office,
            organisation="none",
            qualification="primary",
        )


def test_stale_edit_is_refused_with_409_and_keeps_the_input(demo, login, make_collaborator):
    ctv = make_collaborator(full_name="Bản gốc")
    client = login(demo.users["vanphong.quangngai"])
    data = _form_data(
        ctv.commune, demo.province, full_name="Sửa muộn", citizen_id="", version=ctv.version
    )
    Collaborator.objects.filter(pk=ctv.pk).update(version=ctv.version + 1)
    response = client.post(reverse("collaborators:edit", args=[ctv.pk]), data)
    assert response.status_code == 409
    assert 'value="Sửa muộn"' in response.text
    ctv.refresh_from_db()
    assert ctv.full_name == "Bản gốc"


def test_contracts_of_a_collaborator_may_not_overlap(make_collaborator, make_contract):
    ctv = make_collaborator()
    make_contract(ctv, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    with pytest.raises(ValidationError) as exc:
        make_contract(ctv, starts_on=D(2026, 6, 1), ends_on=D(2027, 5, 31))
    assert "starts_on" in exc.value.message_dict


def test_contract_period_is_checked_by_the_database(make_collaborator):
    ctv = make_collaborator()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.create(
            collaborator=ctv,
            office=ctv.managing_office,
            number="X",
            starts_on=D(2026, 5, 1),
            ends_on=D(2026, 4, 1),
            allowance_coefficient=Decimal("0.5"),
            signer_name="A",
            signed_on=D(2026, 5, 1),
        )


def test_renewal_starts_the_day_after_and_keeps_the_chain(office, make_collaborator, make_contract):
    ctv = make_collaborator()
    first = make_contract(ctv, starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31), number="01/2025")
    second = renew_contract(
        contract=first,
        number="01/2026",
        ends_on=D(2026, 12, 31),
        signer_name="Lê Văn Dũng",
        signed_on=D(2025, 12, 20),
        by=office,
    )
    assert (second.starts_on, second.renews, second.allowance_coefficient) == (
        D(2026, 1, 1),
        first,
        first.allowance_coefficient,
    )
    with pytest.raises(ValidationError):
        renew_contract(
            contract=first,
            number="02/2026",
            ends_on=D(2026, 12, 31),
            signer_name="x",
            signed_on=D(2026, 1, 1),
            by=office,
        )
    assert list(ctv.contracts.order_by("starts_on").values_list("number", flat=True)) == [
        "01/2025",
        "01/2026",
    ]


def test_termination_is_in_the_contracts_history_with_its_reason(
    office, make_collaborator, make_contract
):
    ctv = make_collaborator()
    contract = make_contract(ctv, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    terminate_contract(contract=contract, on=D(2026, 3, 31), by=office, reason="Xin nghỉ việc")
    entries = history_entries(contract)
    assert entries[0].reason == "Xin nghỉ việc"
    assert entries[0].who == office
    assert not contract.in_force_on(D(2026, 4, 1))


def test_contract_form_accepts_a_decimal_comma_and_keeps_input_on_error(
    demo, login, make_collaborator
):
    ctv = make_collaborator()
    client = login(demo.users["vanphong.quangngai"])
    url = reverse("collaborators:contract_add", args=[ctv.pk])
    data = {
        "number": "05/2026/HĐCV",
        "starts_on": "2026-01-01",
        "ends_on": "2025-12-31",
        "allowance_coefficient": "0,5",
        "signer_name": "Lê Văn Dũng",
        "signed_on": "2026-01-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'value="05/2026/HĐCV"' in response.text
    data["ends_on"] = "2026-12-31"
    assert client.post(url, data).status_code == 302
    assert ctv.contracts.get().allowance_coefficient == Decimal("0.50")


def test_roster_list_takes_a_bounded_number_of_queries(
    demo, login, make_collaborator, django_assert_max_num_queries
):
    for _i in range(15):
        make_collaborator()
    client = login(demo.users["vanphong.quangngai"])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("collaborators:home"))
    assert response.status_code == 200


def test_roster_search_ignores_diacritics(demo, login, make_collaborator):
    make_collaborator(full_name="Đinh Thị Hồng")
    client = login(demo.users["vanphong.quangngai"])
    response = client.get(reverse("collaborators:home"), {"q": "dinh thi hong"})
    assert "Đinh Thị Hồng" in response.text
