"""Per-organisation results for the emulation targets; the demo is idempotent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from giamngheo.collaborators.models import Activity, Collaborator, Grade, MassOrganisation
from giamngheo.collaborators.selectors import organisation_results
from giamngheo.site.demo import build_demo

pytestmark = pytest.mark.django_db


def test_results_count_each_organisations_collaborators_and_their_work(demo, last_month):
    year = last_month.start.year
    results = {
        r.organisation: r for r in organisation_results(demo.users["vanphong.quangngai"], year=year)
    }
    assert set(results) == set(MassOrganisation.values)
    youth = results[MassOrganisation.YOUTH]
    tumorong = Collaborator.objects.get(user__username="ctv.tumorong")
    assert youth.collaborators == 1
    assert (
        youth.activities
        == Activity.objects.filter(collaborator=tumorong, done_on__year=year).count()
    )
    assert youth.reports_accepted == 1
    assert dict(youth.grade_rows())[Grade.GOOD.label] == 1


def test_results_page_renders_for_the_office(demo, login):
    response = login(demo.users["vanphong.quangngai"]).get(
        reverse("collaborators:organisation_results"), {"nam": timezone.localdate().year}
    )
    assert response.status_code == 200


def test_demo_has_one_collaborator_per_commune_but_ly_son_and_is_idempotent(demo):
    before = (Collaborator.objects.count(), Activity.objects.count())
    build_demo()
    assert (Collaborator.objects.count(), Activity.objects.count()) == before
    communes = set(
        Collaborator.objects.filter(commune__parent=demo.province).values_list(
            "commune__code", flat=True
        )
    )
    assert communes == {"23425", "23473", "23293", "21025"}
