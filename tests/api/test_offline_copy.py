"""The offline copy: the caller's area only, citizen IDs always masked, compact, audited."""

import gzip
import json

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from giamngheo.accounts.models import PersonalDataRead
from giamngheo.households.models import Household, Member

pytestmark = pytest.mark.django_db
URL = "/api/v1/ban-sao/"


def _get(user, **params):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(URL, params, HTTP_ACCEPT_ENCODING="gzip")


def _body(response):
    return json.loads(gzip.decompress(response.content))


def test_the_copy_holds_the_callers_commune_with_members_and_masked_ids(demo):
    response = _get(demo.users["canbo.tumorong"])  # an officer who sees full IDs on pages
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    body = _body(response)
    codes = {row[0] for row in body["households"]}
    assert codes == set(
        Household.objects.filter(commune=demo.commune_a).values_list("code", flat=True)
    )
    members = Member.objects.filter(household__commune=demo.commune_a)
    assert len(body["members"]) == members.count()
    at = body["member_columns"].index("citizen_id")
    stored = [row[at] for row in body["members"] if row[at]]
    full = set(members.exclude(citizen_id=None).values_list("citizen_id", flat=True))
    assert stored and all("•" in value for value in stored)
    assert not full & set(stored)
    assert not any(value in response.content.decode("latin-1") for value in full)
    assert PersonalDataRead.objects.filter(subject="api/ban-sao").exists()


def test_another_communes_households_are_never_in_the_copy(demo):
    body = _body(_get(demo.users["ctv.tumorong"]))
    others = set(Household.objects.exclude(commune=demo.commune_a).values_list("code", flat=True))
    assert others and not others & {row[0] for row in body["households"]}
    owner = body["member_columns"].index("household__code")
    assert not others & {row[owner] for row in body["members"]}


@override_settings(OFFLINE_COPY_MAX_HOUSEHOLDS=5)
def test_an_area_too_large_is_refused_until_one_commune_is_chosen(demo):
    response = _get(demo.users["tinh.quangngai"])
    assert response.status_code == 400 and "commune" in response.json()


def test_the_copy_needs_a_login(demo):
    assert APIClient().get(URL).status_code in (401, 403)
