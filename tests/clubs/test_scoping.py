"""Another commune's club is absent (404); the auditor reads but cannot write (403)."""

import datetime

import pytest

from giamngheo.clubs import services
from giamngheo.clubs.catalogues import ClubLevel
from giamngheo.clubs.models import Club

pytestmark = pytest.mark.django_db


@pytest.fixture
def kontum_club(demo):
    return services.found_club(
        name="CLB thử phường Kon Tum",
        level=ClubLevel.COMMUNE,
        unit=demo.commune_b,
        decision_no="77/QĐ-UBND",
        founded_on=datetime.date(2026, 1, 1),
        by=demo.users["clb.kontum"],
    )


@pytest.mark.parametrize(
    "path",
    [
        "/cau-lac-bo/{pk}/",
        "/cau-lac-bo/{pk}/sua/",
        "/cau-lac-bo/{pk}/thanh-vien/them/",
        "/cau-lac-bo/{pk}/ban-chu-nhiem/bau/",
        "/cau-lac-bo/{pk}/hop/len-lich/",
    ],
)
def test_commune_a_officer_gets_404_for_commune_bs_club(kontum_club, demo, login, path):
    client = login(demo.users["canbo.tumorong"])
    assert client.get(path.format(pk=kontum_club.pk)).status_code == 404


def test_commune_bs_meeting_is_404_for_commune_a(kontum_club, demo, login):
    meeting = services.plan_meeting(
        club=kontum_club, planned_on=datetime.date(2026, 2, 1), by=demo.users["admin"]
    )
    client = login(demo.users["clb.tumorong"])
    assert client.get(f"/cau-lac-bo/hop/{meeting.pk}/").status_code == 404
    assert client.get(f"/cau-lac-bo/hop/{meeting.pk}/ghi-ket-qua/").status_code == 404


def test_commune_bs_club_is_absent_from_commune_as_list_and_export(kontum_club, demo, login):
    from io import BytesIO

    from openpyxl import load_workbook

    client = login(demo.users["canbo.tumorong"])
    body = client.get("/cau-lac-bo/").content.decode()
    assert "CLB công tác giảm nghèo xã Tu Mơ Rông" in body
    assert kontum_club.name not in body
    response = client.get("/cau-lac-bo/xuat.xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [r[0] for r in rows[1:]]
    assert "CLB công tác giảm nghèo xã Tu Mơ Rông" in names
    assert kontum_club.name not in names


def test_commune_a_cannot_found_a_club_in_commune_b(demo, login):
    client = login(demo.users["clb.tumorong"])
    response = client.post(
        "/cau-lac-bo/thanh-lap/",
        {
            "name": "CLB lấn sân",
            "level": "commune",
            "unit": demo.commune_b.pk,
            "decision_no": "1/QĐ",
            "founded_on": "2026-01-01",
            "frequency": "monthly",
        },
    )
    assert response.status_code == 200  # not among the choices: the form refuses it
    assert not Club.objects.filter(name="CLB lấn sân").exists()


def test_the_auditor_reads_clubs_but_cannot_write(kontum_club, demo, login):
    client = login(demo.users["kiemtra.quangngai"])
    detail = client.get(f"/cau-lac-bo/{kontum_club.pk}/")
    assert detail.status_code == 200
    assert "Thêm thành viên" not in detail.content.decode()
    assert client.get(f"/cau-lac-bo/{kontum_club.pk}/sua/").status_code == 403
    response = client.post(
        f"/cau-lac-bo/{kontum_club.pk}/thanh-vien/them/",
        {"full_name": "Kiểm tra", "kind": "individual", "joined_on": "2026-02-01"},
    )
    assert response.status_code == 403
    assert not kontum_club.members.exists()
    response = client.post(
        "/cau-lac-bo/thanh-lap/",
        {
            "name": "CLB của kiểm tra",
            "level": "commune",
            "unit": demo.commune_b.pk,
            "decision_no": "1/QĐ",
            "founded_on": "2026-01-01",
            "frequency": "monthly",
        },
    )
    assert response.status_code == 403


def test_a_collaborator_reads_but_cannot_manage_clubs(demo, login):
    club = Club.objects.get(name="CLB công tác giảm nghèo xã Tu Mơ Rông")
    client = login(demo.users["ctv.tumorong"])
    assert client.get(f"/cau-lac-bo/{club.pk}/").status_code == 200
    assert client.get(f"/cau-lac-bo/{club.pk}/hop/len-lich/").status_code == 403
