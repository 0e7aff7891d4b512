"""Households concerned: found by search on the phone, kept to the collaborator's commune,
and counted (once each) in the period's report."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from giamngheo.collaborators.duties import Duty
from giamngheo.collaborators.models import Activity
from giamngheo.collaborators.selectors import compile_report
from giamngheo.collaborators.services import log_activity
from giamngheo.households.models import Household

from .conftest import existing_collaborator

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctv(demo):
    return existing_collaborator("ctv.tumorong")


@pytest.fixture
def own_households(ctv):
    households = list(Household.objects.filter(commune=ctv.commune).order_by("code")[:3])
    assert len(households) >= 2, "the demo register has households in Tu Mơ Rông"
    return households


def test_search_shows_matching_households_and_keeps_what_was_typed(login, ctv, own_households):
    target = own_households[0]
    client = login(ctv.user)
    response = client.post(
        reverse("collaborators:activity_add", args=[ctv.pk]),
        {
            "done_on": timezone.localdate().isoformat(),
            "duty": Duty.REQUESTS,
            "description": "Đang gõ dở",
            "household_query": target.code,
            "tim": "1",
        },
    )
    assert response.status_code == 200
    assert "Đang gõ dở" in response.text
    assert f'value="{target.pk}"' in response.text
    assert not Activity.objects.filter(description="Đang gõ dở").exists()


def test_search_ignores_diacritics_and_stays_in_the_commune(login, ctv, own_households, demo):
    head = next(h for h in own_households if h.head_name)
    from giamngheo.core.search import fold

    client = login(ctv.user)
    response = client.post(
        reverse("collaborators:activity_add", args=[ctv.pk]),
        {"household_query": fold(head.head_name), "tim": "1"},
    )
    assert f'value="{head.pk}"' in response.text
    elsewhere = Household.objects.exclude(commune=ctv.commune).first()
    if elsewhere is not None:
        response = client.post(
            reverse("collaborators:activity_add", args=[ctv.pk]),
            {"household_query": elsewhere.code, "tim": "1"},
        )
        assert f'value="{elsewhere.pk}"' not in response.text


def test_activity_records_the_households_and_their_villages(login, ctv, own_households):
    client = login(ctv.user)
    response = client.post(
        reverse("collaborators:activity_add", args=[ctv.pk]),
        {
            "done_on": timezone.localdate().isoformat(),
            "duty": Duty.AD_HOC_REVIEW,
            "description": "Hướng dẫn hộ làm giấy đề nghị",
            "households": [own_households[0].pk, own_households[1].pk],
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(description="Hướng dẫn hộ làm giấy đề nghị")
    assert set(activity.households.all()) == set(own_households[:2])
    assert {h.village_id for h in own_households[:2]} <= set(
        activity.villages.values_list("pk", flat=True)
    )


def test_household_of_another_commune_is_refused(ctv):
    elsewhere = Household.objects.exclude(commune=ctv.commune).first()
    if elsewhere is None:
        pytest.skip("the demo register has households in one commune only")
    with pytest.raises(ValidationError) as exc:
        log_activity(
            collaborator=ctv,
            done_on=timezone.localdate(),
            duty=Duty.REQUESTS,
            description="x",
            households=[elsewhere],
            by=ctv.user,
        )
    assert "households" in exc.value.message_dict


def test_report_counts_each_household_once(make_collaborator, collaborator_user, this_month):
    from giamngheo.geo.models import Unit

    user = collaborator_user(username="ctv.dem", commune_code="23425")
    ctv = make_collaborator(Unit.objects.get(code="23425"), user=user)
    households = list(Household.objects.filter(commune=ctv.commune).order_by("code")[:2])
    for duty, chosen in [
        (Duty.REQUESTS, households),
        (Duty.REQUESTS, households[:1]),
        (Duty.COMMUNICATION, households[:1]),
    ]:
        log_activity(
            collaborator=ctv,
            done_on=this_month.start,
            duty=duty,
            description="thăm",
            households=chosen,
            by=user,
        )
    compiled = compile_report(ctv, this_month)
    lines = {line.duty: line for line in compiled.lines}
    assert (lines["1"].activities, lines["1"].households) == (2, 2)
    assert (lines["6"].activities, lines["6"].households) == (1, 1)
    assert compiled.totals.households == 2
