"""Club members' sex and ethnicity: asked for a person (not an organisation), shown, exported,
and counted in the statistics of the force."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.clubs import services
from giamngheo.clubs.force import members_force
from giamngheo.clubs.models import Member

pytestmark = pytest.mark.django_db


def _post_member(client, club, **fields):
    data = {"full_name": "Hồ Thị Mai", "kind": "individual", "joined_on": "2026-02-01"}
    data.update(fields)
    return client.post(reverse("clubs:member_add", args=[club.pk]), data)


def test_a_person_is_added_with_sex_and_ethnicity_and_an_organisation_without(
    make_club, officer, login
):
    club = make_club()
    client = login(officer)
    response = _post_member(client, club)
    body = response.content.decode()
    assert response.status_code == 200 and "Chọn giới tính" in body and "Chọn dân tộc" in body
    assert 'value="Hồ Thị Mai"' in body  # what was typed is kept
    assert not club.members.exists()
    _post_member(client, club, sex="female", ethnicity="16")
    _post_member(client, club, full_name="HTX Ngọc Linh", kind="organisation", sex="male")
    person, organisation = club.members.order_by("full_name").reverse()
    assert (person.sex, person.ethnicity) == ("female", "16")
    assert (organisation.sex, organisation.ethnicity) == ("", "")
    page = client.get(reverse("clubs:club_detail", args=[club.pk])).content.decode()
    assert "Nữ" in page and "Xơ Đăng" in page


def test_the_force_counts_current_members_by_sex_and_ethnicity_in_the_area(
    make_club, officer, demo
):
    elsewhere = members_force(demo.users["clb.kontum"]).members
    club = make_club()
    for name, sex, ethnicity in (
        ("A", "female", "01"),
        ("B", "female", "16"),
        ("C", "male", "16"),
        ("D", "", ""),
    ):
        services.add_member(
            club=club,
            full_name=name,
            sex=sex,
            ethnicity=ethnicity,
            joined_on=club.founded_on,
            by=officer,
        )
    leaving = Member.objects.get(club=club, full_name="C")
    services.record_member_leaving(
        member=leaving, left_on=club.founded_on, by=officer, reason="Chuyển công tác"
    )
    force = members_force(officer)
    assert (force.members, force.women, force.men, force.sex_unrecorded) == (3, 2, 0, 1)
    assert force.minorities == 1 and force.ethnicity_unrecorded == 1
    assert dict(force.by_ethnicity) == {"Kinh (Việt)": 1, "Xơ Đăng": 1}
    # Another commune's officer counts none of them.
    assert members_force(demo.users["clb.kontum"]).members == elsewhere


def test_the_statistics_and_the_members_export_show_sex_and_ethnicity(make_club, officer, login):
    club = make_club()
    services.add_member(
        club=club,
        full_name="Y Lan",
        sex="female",
        ethnicity="16",
        joined_on=club.founded_on,
        by=officer,
    )
    client = login(officer)
    stats = client.get(reverse("clubs:statistics")).content.decode()
    assert 'id="force-women">1<' in stats and 'id="force-minorities">1<' in stats
    response = client.get(reverse("clubs:member_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2:5] == ("Họ và tên", "Giới tính", "Dân tộc")
    assert ("Y Lan", "Nữ", "Xơ Đăng") in [r[2:5] for r in rows[1:]]
    assert sheet.freeze_panes == "A2"
