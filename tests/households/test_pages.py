import pytest
from django.urls import reverse

from giamngheo.households.models import Household, Member, PolicyGroup, PovertyStatus

pytestmark = pytest.mark.django_db
LIST = "/ho-gia-dinh/"


def _codes(response):
    import re

    return set(re.findall(r"<td>(\d{5}-\d{5})</td>", response.content.decode()))


def test_list_shows_only_the_users_commune(demo, login):
    page = login(demo.users["canbo.tumorong"]).get(LIST)
    codes = _codes(page)
    assert codes and all(code.startswith("23425-") for code in codes)


def test_province_staff_see_every_demo_commune(demo, login):
    client = login(demo.users["tinh.quangngai"])
    first = client.get(LIST)
    after = first.context["page"].last_code
    prefixes = {c.split("-")[0] for c in _codes(first) | _codes(client.get(LIST, {"after": after}))}
    assert {"23425", "23293"} <= prefixes


def test_search_without_diacritics_finds_a_member_by_name(demo, login):
    member = Member.objects.filter(household__commune=demo.commune_a, relation="spouse").first()
    from giamngheo.core.search import fold

    page = login(demo.users["canbo.tumorong"]).get(LIST, {"q": fold(member.full_name)})
    assert member.household.code in _codes(page)


def test_search_by_citizen_id_and_code(demo, login):
    member = (
        Member.objects.filter(household__commune=demo.commune_a).exclude(citizen_id=None).first()
    )
    client = login(demo.users["canbo.tumorong"])
    assert _codes(client.get(LIST, {"q": member.citizen_id})) == {member.household.code}
    assert _codes(client.get(LIST, {"q": member.household.code})) == {member.household.code}


@pytest.mark.parametrize("field", ["status", "village", "ethnicity", "policy_group", "indicator"])
def test_each_filter_gives_exactly_the_matching_households(demo, login, field):
    client = login(demo.users["canbo.tumorong"])
    mine = Household.objects.filter(commune=demo.commune_a)
    value, expected = {
        "status": lambda: (PovertyStatus.POOR, mine.filter(status=PovertyStatus.POOR)),
        "village": lambda: (mine.first().village_id, mine.filter(village=mine.first().village_id)),
        "ethnicity": lambda: ("16", mine.filter(ethnicity="16")),
        "policy_group": lambda: (
            PolicyGroup.ETHNIC_MINORITY,
            mine.filter(policy_tags__group=PolicyGroup.ETHNIC_MINORITY),
        ),
        "indicator": lambda: (
            "health_insurance",
            mine.filter(deprivations__indicator="health_insurance"),
        ),
    }[field]()
    assert expected.exists()
    assert _codes(client.get(LIST, {field: value})) == set(expected.values_list("code", flat=True))


def test_filtering_on_another_communes_village_gives_an_error_not_data(demo, login):
    other = Household.objects.filter(commune=demo.commune_b).first()
    page = login(demo.users["canbo.tumorong"]).get(LIST, {"village": other.village_id})
    assert other.code not in _codes(page)


def test_other_communes_household_is_404_on_detail_and_edit(demo, login):
    other = Household.objects.filter(commune=demo.commune_b).first()
    client = login(demo.users["canbo.tumorong"])
    assert client.get(reverse("households:household_detail", args=[other.code])).status_code == 404
    assert client.get(reverse("households:household_edit", args=[other.code])).status_code == 404
    assert (
        client.post(reverse("households:household_edit", args=[other.code]), {}).status_code == 404
    )


def test_list_takes_a_bounded_number_of_queries(demo, login, django_assert_max_num_queries):
    client = login(demo.users["tinh.quangngai"])
    with django_assert_max_num_queries(12):
        client.get(LIST, {"status": PovertyStatus.POOR, "q": "a"})


def test_detail_explains_each_indicator(demo, login):
    household = Household.objects.filter(
        commune=demo.commune_a, deprivations__indicator="health_insurance"
    ).first()
    body = (
        login(demo.users["ctv.tumorong"])
        .get(reverse("households:household_detail", args=[household.code]))
        .content.decode()
    )
    assert "không có bảo hiểm y tế" in body
    assert "Thiếu hụt" in body
    assert "07/2021/NĐ-CP" in body


def _form_data(household, **changes):
    data = {
        "village": household.village_id, "version": household.version, "reason": "",
        "income_per_capita": household.income_per_capita or "", "floor_area_m2": household.floor_area_m2 or "",
        "members-TOTAL_FORMS": household.members.count() + 1, "members-INITIAL_FORMS": household.members.count(),
        "members-MIN_NUM_FORMS": 1, "members-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, m in enumerate(household.members.order_by("id")):
        data.update({
            f"members-{i}-id": m.pk, f"members-{i}-household": household.pk, f"members-{i}-full_name": m.full_name,
            f"members-{i}-relation": m.relation, f"members-{i}-sex": m.sex,
            f"members-{i}-date_of_birth": m.date_of_birth.strftime("%d/%m/%Y") if m.date_of_birth else "",
            f"members-{i}-ethnicity": m.ethnicity, f"members-{i}-citizen_id": m.citizen_id or "",
        })  # fmt: skip
    data.update(changes)
    return data


def test_edit_form_keeps_what_was_typed_when_a_citizen_id_is_wrong(demo, login):
    household = Household.objects.filter(commune=demo.commune_a).first()
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        reverse("households:household_edit", args=[household.code]),
        _form_data(
            household,
            **{
                "members-0-citizen_id": "0620",
                "phone": "0912345678",
                "members-0-full_name": "Tên Mới Gõ",
            },
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "đúng 12 chữ số" in body
    assert 'value="0912345678"' in body and 'value="Tên Mới Gõ"' in body
    household.refresh_from_db()
    assert household.phone != "0912345678"


def test_a_stale_edit_is_refused_with_409_and_the_input_kept(demo, login):
    household = Household.objects.filter(commune=demo.commune_a).first()
    data = _form_data(household, phone="0900000001")
    client = login(demo.users["canbo.tumorong"])
    assert (
        client.post(reverse("households:household_edit", args=[household.code]), data).status_code
        == 302
    )
    second = login(demo.users["ctv.tumorong"]).post(
        reverse("households:household_edit", args=[household.code]), {**data, "phone": "0900000002"}
    )
    assert second.status_code == 409
    assert "Người khác đã lưu hộ này" in second.content.decode()
    assert 'value="0900000002"' in second.content.decode()
    household.refresh_from_db()
    assert household.phone == "0900000001"


def test_status_cannot_be_set_through_the_edit_form(demo, login):
    household = Household.objects.filter(
        commune=demo.commune_a, status=PovertyStatus.NOT_LISTED
    ).first()
    client = login(demo.users["canbo.tumorong"])
    client.post(
        reverse("households:household_edit", args=[household.code]),
        _form_data(household, status="POOR"),
    )
    household.refresh_from_db()
    assert household.status == PovertyStatus.NOT_LISTED


def test_auditor_reads_but_cannot_edit(demo, login):
    household = Household.objects.filter(commune=demo.commune_a).first()
    client = login(demo.users["kiemtra.quangngai"])
    assert (
        client.get(reverse("households:household_detail", args=[household.code])).status_code == 200
    )
    assert (
        client.get(reverse("households:household_edit", args=[household.code])).status_code == 403
    )
    assert client.get(reverse("households:household_create")).status_code == 403
