"""The roster filters through a FilterSet (core.filters): commune, mass organisation and
status by their query parameters; a value that is not a choice is ignored, never a 500."""

import pytest
from django.urls import reverse

from giamngheo.collaborators.models import Collaborator

pytestmark = pytest.mark.django_db


def _roster(client, params):
    response = client.get(reverse("collaborators:home"), params)
    assert response.status_code == 200
    return set(response.context["page"].paginator.object_list)


def test_each_filter_gives_exactly_the_matching_collaborators(demo, login):
    client = login(demo.users["vanphong.quangngai"])
    everyone = _roster(client, {})
    assert {c.commune_id for c in everyone} >= {demo.commune_a.pk, demo.commune_b.pk}
    in_a = _roster(client, {"xa": demo.commune_a.code})
    assert in_a == {c for c in everyone if c.commune_id == demo.commune_a.pk}
    some = next(iter(everyone))
    assert _roster(client, {"to_chuc": some.organisation}) == {
        c for c in everyone if c.organisation == some.organisation
    }
    assert _roster(client, {"trang_thai": some.status}) == {
        c for c in everyone if c.status == some.status
    }
    assert everyone == set(Collaborator.objects.filter(pk__in=[c.pk for c in everyone]))


@pytest.mark.parametrize("junk", ["bogus", "<b>", "x" * 3000])
def test_values_that_are_not_choices_are_ignored(demo, login, junk):
    client = login(demo.users["vanphong.quangngai"])
    everyone = _roster(client, {})
    assert _roster(client, {"to_chuc": junk, "trang_thai": junk}) == everyone
    assert _roster(client, {"xa": junk}) == set()  # no commune has that code
