"""A household and all its members in one page: members added in place (without script the
"add a member" button re-renders with what was typed), one submit saves them all, and the
income typed the Vietnamese way is read as meant."""

import re

import pytest

from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db
ADD = "/ho-gia-dinh/them/"


def _village(demo):
    return Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).order_by("code").first()


def _member(i, name, relation, sex, born, cid=""):
    return {
        f"members-{i}-full_name": name, f"members-{i}-relation": relation,
        f"members-{i}-sex": sex, f"members-{i}-date_of_birth": born, f"members-{i}-ethnicity": "01",
        f"members-{i}-citizen_id": cid,
    }  # fmt: skip


def _data(village, members, **extra):
    data = {
        "village": village.pk, "income_per_capita": "1,5 triệu", "reason": "",
        "members-TOTAL_FORMS": len(members), "members-INITIAL_FORMS": 0,
        "members-MIN_NUM_FORMS": 1, "members-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, member in enumerate(members):
        data.update(_member(i, *member))
    data.update(extra)
    return data


FAMILY = [
    ("Hồ Văn Thử", "head", "male", "01/02/1980", "062080991601"),
    ("Y Thị Thử", "spouse", "female", "03/04/1982", "062182991602"),
    ("Hồ Văn Con", "child", "male", "05/06/2010", "062210991603"),
    ("Hồ Thị Út", "child", "female", "07/08/2015"),
]


def test_a_new_household_starts_with_one_member_who_is_the_head(demo, login):
    body = login(demo.users["canbo.tumorong"]).get(ADD).content.decode()
    assert 'name="members-TOTAL_FORMS" value="1"' in body
    assert re.search(r'<option value="head" selected>', body)
    assert 'name="add_member"' in body and "<template data-empty-form>" in body
    assert "<details" in body  # the survey facts fold


def test_add_a_member_without_script_keeps_what_was_typed_and_saves_nothing(demo, login):
    client = login(demo.users["canbo.tumorong"])
    before = Household.objects.count()
    response = client.post(
        ADD, _data(_village(demo), FAMILY[:1], add_member="1", phone="0912345678")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="members-TOTAL_FORMS" value="2"' in body
    assert 'value="Hồ Văn Thử"' in body and 'value="0912345678"' in body
    assert 'value="1,5 triệu"' in body
    assert 'id="id_members-1-full_name"' in body and "autofocus" in body
    assert 'class="error"' not in body and "aria-invalid" not in body
    assert Household.objects.count() == before


def test_a_household_of_four_is_saved_in_one_submit_with_its_income_read_as_meant(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(ADD, _data(_village(demo), FAMILY))
    assert response.status_code == 302, re.findall(
        r"class=\"error[^>]*>(.*?)</", response.content.decode(), re.S
    )
    household = Household.objects.get(code=response["Location"].rstrip("/").split("/")[-1])
    assert household.members.count() == 4
    assert household.income_per_capita == 1_500_000
    detail = client.get(response["Location"]).content.decode()
    assert 'id="assessment"' in detail


def test_a_removed_member_is_not_saved(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(ADD, _data(_village(demo), FAMILY[:2], **{"members-1-DELETE": "on"}))
    assert response.status_code == 302
    household = Household.objects.get(code=response["Location"].rstrip("/").split("/")[-1])
    assert list(household.members.values_list("full_name", flat=True)) == ["Hồ Văn Thử"]


def test_an_error_is_tied_to_its_field_and_opens_its_section(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(ADD, _data(_village(demo), FAMILY[:1], income_per_capita="1,5"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_income_per_capita_error"' in body
    assert 'id="id_income_per_capita_error"' in body and "1,5 triệu" in body
