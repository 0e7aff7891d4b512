"""Collaborators' supervision notes: on each step, in their activity log and reports."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from giamngheo.collaborators.models import Activity
from giamngheo.reviews import services
from giamngheo.reviews.models import ApplicationKind, Channel, SupervisedStep, Verdict
from giamngheo.reviews.selectors import supervision_notes_for


@pytest.fixture
def application(make_household, people):
    return services.submit_application(
        household=make_household(), kind=ApplicationKind.INCLUSION, channel=Channel.IN_PERSON,
        applicant_name="Hộ Thử", reason="Ốm đau", received_on=date(2025, 10, 6), by=people.officer,
        today=date(2025, 10, 6),
    )  # fmt: skip


def test_a_supervision_note_enters_the_collaborators_activity_log(application, people):
    today = timezone.localdate()
    note = services.add_supervision_note(
        review=application, step=SupervisedStep.VILLAGE_MEETING, verdict=Verdict.PROPER,
        text="Họp đúng thành phần, đủ 50%", noted_on=today, by=people.collaborator,
    )  # fmt: skip
    assert note.activity is not None
    activity = Activity.objects.get(pk=note.activity_id)
    assert activity.duty == "2" and "Họp đúng thành phần" in activity.description
    assert list(activity.households.all()) == [application.household]
    assert list(supervision_notes_for(people.collaborator, start=today, end=today)) == [note]


def test_only_the_collaborator_writes_supervision_notes(application, people):
    with pytest.raises(PermissionDenied):
        services.add_supervision_note(
            review=application, step=SupervisedStep.POSTING, verdict=Verdict.ISSUES, text="x",
            noted_on=date(2025, 10, 20), by=people.officer,
        )  # fmt: skip
