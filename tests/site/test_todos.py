"""Each user's home lists what waits for them, contributed by the apps, with a count in the menu."""

import datetime

import pytest
from django.urls import reverse

from giamngheo.clubs import services as clubs
from giamngheo.clubs.catalogues import ClubLevel
from giamngheo.clubs.models import Meeting
from giamngheo.core.contributions import providers
from giamngheo.core.todos import todos_for
from giamngheo.geo.models import Unit
from giamngheo.reviews.models import AdHocReview, AdHocState

pytestmark = pytest.mark.django_db


def _texts(user):
    return [t.text for t in todos_for(user)]


def test_apps_contribute_their_providers_through_their_app_config():
    names = {f"{p.__module__}.{p.__name__}" for p in providers("todo_providers")}
    assert {
        "giamngheo.reviews.todos.reviews_waiting",
        "giamngheo.assistance.todos.help_requests",
        "giamngheo.collaborators.todos.collaborator_work",
        "giamngheo.clubs.todos.overdue_meetings",
    } <= names


def test_a_review_waits_for_whoever_takes_its_next_step(demo):
    review = AdHocReview.objects.filter(commune=demo.commune_a).get()
    officer, leader = demo.users["canbo.tumorong"], demo.users["lanhdao.tumorong"]
    assert review.state == AdHocState.SURVEYED
    assert any(str(review.household) in t for t in _texts(officer))
    assert not any(str(review.household) in t for t in _texts(leader))
    AdHocReview.objects.filter(pk=review.pk).update(state=AdHocState.CHECKED)
    decisions = [t for t in todos_for(leader) if str(review.household) in t.text]
    assert decisions and decisions[0].text.startswith("Quyết định")
    assert decisions[0].url == reverse("reviews:adhoc_detail", args=[review.pk])
    # Never across areas: another commune's leader does not see it.
    assert not any(str(review.household) in t for t in _texts(demo.users["lanhdao.kontum"]))


def test_a_past_planned_meeting_is_an_overdue_to_do_of_the_club_officer(demo, login):
    officer = demo.users["clb.camthanh"]
    club = clubs.found_club(
        name="CLB thử việc cần làm",
        level=ClubLevel.COMMUNE,
        unit=Unit.objects.get(code="21025"),
        decision_no="9/QĐ-UBND",
        founded_on=datetime.date(2026, 1, 5),
        by=officer,
    )
    meeting = clubs.plan_meeting(club=club, planned_on=datetime.date.today(), by=officer)
    assert not meeting.is_overdue
    Meeting.objects.filter(pk=meeting.pk).update(
        planned_on=datetime.date.today() - datetime.timedelta(days=3)
    )
    (todo,) = [t for t in todos_for(officer) if club.name in t.text]
    assert todo.overdue and todo.url == reverse("clubs:meeting_detail", args=[meeting.pk])
    assert not any(club.name in t for t in _texts(demo.users["ctv.camthanh"]))
    client = login(officer)
    home = client.get("/").content.decode()
    assert 'id="todos"' in home and club.name in home
    count = len(todos_for(officer))
    assert f'<span class="count">{count}</span>' in home
    assert 'id="todo-menu"' in home
    assert client.get(reverse("core:todo_count")).json() == {"count": count}
    detail = client.get(reverse("clubs:club_detail", args=[club.pk])).content.decode()
    assert "badge overdue" in detail
