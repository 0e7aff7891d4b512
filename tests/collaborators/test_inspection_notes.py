import pytest
from django.urls import reverse

from giamngheo.inspections.models import CollaboratorAssessment

pytestmark = pytest.mark.django_db


def test_the_report_page_shows_what_inspections_said_about_the_collaborator(demo, login):
    assessment = CollaboratorAssessment.objects.select_related("inspection", "collaborator").first()
    assert assessment is not None, "the demo records an inspection that assessed a collaborator"
    held = assessment.inspection.held_on
    url = reverse(
        "collaborators:report", args=[assessment.collaborator.pk, f"{held.year}-{held.month:02d}"]
    )
    body = login(demo.users["vanphong.quangngai"]).get(url).content.decode()
    assert 'id="inspection-notes"' in body
    assert str(assessment.get_rating_display()) in body


def test_no_inspection_notes_outside_the_inspection_period(demo, login):
    assessment = CollaboratorAssessment.objects.select_related("inspection", "collaborator").first()
    held = assessment.inspection.held_on
    other_year = held.year - 1
    url = reverse(
        "collaborators:report", args=[assessment.collaborator.pk, f"{other_year}-{held.month:02d}"]
    )
    body = login(demo.users["vanphong.quangngai"]).get(url).content.decode()
    assert 'id="inspection-notes"' not in body
