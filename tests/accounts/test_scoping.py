"""A commune's staff see only their commune: other communes' records are absent (404)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.accounts.capabilities import can
from giamngheo.accounts.models import Role, RoleAssignment
from giamngheo.accounts.scoping import scoped, visible_units
from giamngheo.geo.models import Level, Unit

pytestmark = pytest.mark.django_db


def _village(commune):
    return Unit.objects.filter(parent=commune, level=Level.VILLAGE).order_by("code").first()


def test_commune_officer_sees_only_units_inside_the_commune(demo):
    officer = demo.users["canbo.tumorong"]
    codes = set(visible_units(officer).values_list("code", flat=True))
    assert "23425" in codes
    assert all(code == "23425" or code.startswith("23425-") for code in codes)
    assert "23293" not in codes and "51" not in codes


def test_province_staff_see_every_commune_of_the_province_and_no_other(demo):
    staff = demo.users["tinh.quangngai"]
    communes = visible_units(staff).filter(level=Level.COMMUNE)
    assert communes.count() == 96
    assert not communes.exclude(parent__code="51").exists()


def test_user_without_a_role_sees_nothing(demo, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x" * 12)
    assert not visible_units(nobody).exists()
    assert not scoped(Unit.objects.all(), nobody, via=None).exists()


def test_expired_role_no_longer_gives_access(demo, django_user_model):
    from datetime import date

    user = django_user_model.objects.create_user("old.officer", password="x" * 12)
    RoleAssignment.objects.create(
        user=user, role=Role.COMMUNE_OFFICER, unit=demo.commune_a, valid_until=date(2020, 1, 1)
    )
    assert not visible_units(user).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "geo:unit_detail",
        "geo:village_add",
        "geo:village_import",
        "geo:commune_area",
        "geo:village_template",
    ],
)
def test_other_communes_pages_are_404_for_a_commune_officer(demo, login, url_name):
    client = login(demo.users["canbo.tumorong"])
    assert client.get(reverse(url_name, args=["23293"])).status_code == 404


def test_other_communes_village_is_404_for_view_and_edit(demo, login):
    other_village = _village(demo.commune_b)
    client = login(demo.users["canbo.tumorong"])
    assert client.get(reverse("geo:unit_detail", args=[other_village.code])).status_code == 404
    response = client.post(
        reverse("geo:village_edit", args=[other_village.code]),
        {"name": "Chiếm", "kind": "thon", "version": other_village.version},
    )
    assert response.status_code == 404
    other_village.refresh_from_db()
    assert other_village.name != "Chiếm"


def test_list_and_export_never_include_other_communes(demo, login):
    client = login(demo.users["canbo.tumorong"])
    page = client.get(reverse("geo:commune_list")).content.decode()
    assert "Xã Tu Mơ Rông" in page and "Phường Kon Tum" not in page
    export = client.get(reverse("geo:commune_export"))
    ws = load_workbook(io.BytesIO(export.content)).active
    codes = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert codes == ["23425"]


def test_province_export_lists_the_whole_province(demo, login):
    client = login(demo.users["tinh.quangngai"])
    ws = load_workbook(io.BytesIO(client.get(reverse("geo:commune_export")).content)).active
    assert ws.max_row - 1 == 96


def test_auditor_reads_but_cannot_change(demo, login):
    auditor = demo.users["kiemtra.quangngai"]
    client = login(auditor)
    assert client.get(reverse("geo:unit_detail", args=["23425"])).status_code == 200
    response = client.post(
        reverse("geo:village_add", args=["23425"]), {"name": "X", "kind": "thon"}
    )
    assert response.status_code == 403
    assert not can(auditor, "manage_units", demo.commune_a)


def test_collaborator_reads_the_commune_but_does_not_manage_units(demo, login):
    ctv = demo.users["ctv.tumorong"]
    client = login(ctv)
    assert client.get(reverse("geo:unit_detail", args=["23425"])).status_code == 200
    assert client.get(reverse("geo:village_add", args=["23425"])).status_code == 403
    assert can(ctv, "edit_register", demo.commune_a)
    assert not can(ctv, "decide", demo.commune_a)


def test_only_the_leader_holds_the_decide_capability(demo):
    assert can(demo.users["lanhdao.tumorong"], "decide", demo.commune_a)
    assert not can(demo.users["lanhdao.tumorong"], "decide", demo.commune_b)
    assert not can(demo.users["canbo.tumorong"], "decide", demo.commune_a)


def test_anonymous_visitors_are_sent_to_the_login_page(client, demo):
    response = client.get(reverse("geo:unit_detail", args=["23425"]))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_commune_list_takes_a_bounded_number_of_queries(demo, login, django_assert_max_num_queries):
    client = login(demo.users["tinh.quangngai"])
    with django_assert_max_num_queries(8):
        client.get(reverse("geo:commune_list"))
