"""Every collaborators' page answers for the office and for the collaborator."""

import pytest
from django.urls import reverse

from .conftest import existing_collaborator

pytestmark = pytest.mark.django_db


def test_office_pages_render(demo, login, this_month):
    client = login(demo.users["vanphong.quangngai"])
    ctv = existing_collaborator("ctv.tumorong")
    for url in [
        reverse("collaborators:home"),
        reverse("collaborators:add"),
        reverse("collaborators:duties"),
        reverse("collaborators:warnings"),
        reverse("collaborators:statistics"),
        reverse("collaborators:organisation_results"),
        reverse("collaborators:allowances"),
        reverse("collaborators:detail", args=[ctv.pk]),
        reverse("collaborators:edit", args=[ctv.pk]),
        reverse("collaborators:contract_add", args=[ctv.pk]),
        reverse("collaborators:training_add", args=[ctv.pk]),
        reverse("collaborators:assignment_add", args=[ctv.pk]),
        reverse("collaborators:report", args=[ctv.pk, this_month.slug]),
        reverse("collaborators:report", args=[ctv.pk, this_month.quarter_of.slug]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_collaborator_home_leads_to_their_own_page(demo, login):
    client = login(demo.users["ctv.tumorong"])
    response = client.get(reverse("collaborators:home"), follow=True)
    assert response.status_code == 200
    assert (
        reverse("collaborators:activity_add", args=[response.context["collaborator"].pk])
        in response.text
    )
    response = client.get(reverse("collaborators:my_activity_add"), follow=True)
    assert response.status_code == 200
