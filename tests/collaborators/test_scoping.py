"""A collaborator sees only their own work; the office sees the communes of its area."""

import pytest
from django.urls import reverse

from giamngheo.collaborators.selectors import (
    activities_visible_to,
    assignments_visible_to,
    collaborators_visible_to,
)

from .conftest import existing_collaborator

pytestmark = pytest.mark.django_db


def test_collaborator_sees_only_their_own_record_and_work(demo):
    user = demo.users["ctv.tumorong"]
    own = existing_collaborator("ctv.tumorong")
    assert list(collaborators_visible_to(user)) == [own]
    assert {a.collaborator_id for a in activities_visible_to(user)} == {own.pk}
    assert {a.collaborator_id for a in assignments_visible_to(user)} == {own.pk}


def test_second_collaborator_in_the_same_commune_is_not_visible_to_the_first(
    demo, make_collaborator
):
    other = make_collaborator(demo.commune_a, full_name="Đồng nghiệp")
    user = demo.users["ctv.tumorong"]
    assert other not in collaborators_visible_to(user)


def test_collaborators_page_of_another_collaborator_is_a_404(demo, login):
    other = existing_collaborator("ctv.kontum")
    client = login(demo.users["ctv.tumorong"])
    assert client.get(reverse("collaborators:detail", args=[other.pk])).status_code == 404


def test_office_sees_every_commune_of_its_province(demo):
    names = {c.commune.code for c in collaborators_visible_to(demo.users["vanphong.quangngai"])}
    assert {"23425", "23473", "23293", "21025"} <= names


def test_commune_officer_sees_their_communes_collaborator_only(demo, login):
    officer = demo.users["canbo.tumorong"]
    assert {c.commune_id for c in collaborators_visible_to(officer)} == {demo.commune_a.pk}
    other = existing_collaborator("ctv.kontum")
    client = login(officer)
    assert client.get(reverse("collaborators:detail", args=[other.pk])).status_code == 404
    own = existing_collaborator("ctv.tumorong")
    assert client.get(reverse("collaborators:detail", args=[own.pk])).status_code == 200
    # Reading is not managing: the commune officer may not assign tasks.
    assert client.get(reverse("collaborators:assignment_add", args=[own.pk])).status_code == 403


def test_report_of_another_commune_is_a_404_for_the_collaborator(demo, login, this_month):
    other = existing_collaborator("ctv.kontum")
    client = login(demo.users["ctv.tumorong"])
    url = reverse("collaborators:report", args=[other.pk, this_month.slug])
    assert client.get(url).status_code == 404


def test_auditor_reads_but_cannot_evaluate(demo, login, last_month):
    own = existing_collaborator("ctv.tumorong")
    client = login(demo.users["kiemtra.quangngai"])
    assert (
        client.get(reverse("collaborators:report", args=[own.pk, last_month.slug])).status_code
        == 200
    )
    response = client.post(
        reverse("collaborators:evaluate", args=[own.pk, last_month.slug]), {"grade": "good"}
    )
    assert response.status_code == 403


def test_allowance_sheet_of_a_collaborator_holds_only_their_line(demo, this_month):
    from giamngheo.collaborators.allowances import allowance_sheet

    sheet = allowance_sheet(demo.users["ctv.tumorong"], period=this_month)
    assert [line.contract.collaborator.user for line in sheet.lines] == [demo.users["ctv.tumorong"]]


def test_report_page_takes_a_bounded_number_of_queries(
    demo, login, this_month, django_assert_max_num_queries
):
    own = existing_collaborator("ctv.tumorong")
    client = login(demo.users["vanphong.quangngai"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("collaborators:report", args=[own.pk, this_month.slug]))
    assert response.status_code == 200


def test_collaborator_page_takes_a_bounded_number_of_queries(
    demo, login, django_assert_max_num_queries
):
    own = existing_collaborator("ctv.tumorong")
    client = login(own.user)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("collaborators:detail", args=[own.pk]))
    assert response.status_code == 200
