import pytest
from django.urls import reverse

from giamngheo.accounts.models import Role, RoleAssignment, User
from giamngheo.geo.models import Unit

pytestmark = pytest.mark.django_db


def _new(client, unit, **extra):
    data = {
        "username": "ctv.moi", "full_name": "Nguyễn Thị Mới", "phone": "", "password": "Mat-khau-2026!",
        "role-role": Role.COLLABORATOR, "role-unit": unit.pk,
    }  # fmt: skip
    data.update(extra)
    return client.post(reverse("accounts:account_create"), data)


def test_managing_office_creates_an_account_with_a_role_in_its_area(demo, login):
    office = demo.users["vanphong.quangngai"]
    response = _new(login(office), demo.commune_a)
    assert response.status_code == 302
    user = User.objects.get(username="ctv.moi")
    assert user.check_password("Mat-khau-2026!")
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.unit) == (Role.COLLABORATOR, demo.commune_a)
    assert assignment.history.latest().history_user == office


def test_a_role_outside_the_area_cannot_be_given(demo, login):
    hanoi_commune = Unit.objects.get(
        code="00004"
    )  # Phường Ba Đình... any commune outside Quảng Ngãi
    response = _new(login(demo.users["vanphong.quangngai"]), hanoi_commune)
    assert response.status_code == 200
    assert not User.objects.filter(username="ctv.moi").exists()


def test_a_weak_password_is_refused_and_the_form_keeps_its_input(demo, login):
    response = _new(login(demo.users["vanphong.quangngai"]), demo.commune_a, password="123456789")
    body = response.content.decode()
    assert 'value="Nguyễn Thị Mới"' in body
    assert not User.objects.filter(username="ctv.moi").exists()


@pytest.mark.parametrize("username", ["canbo.tumorong", "ctv.kontum", "kiemtra.quangngai"])
def test_commune_staff_and_auditors_cannot_manage_accounts(demo, login, username):
    client = login(demo.users[username])
    assert client.get(reverse("accounts:account_list")).status_code == 403
    assert _new(client, demo.commune_a).status_code == 403
    assert '/tai-khoan/"' not in client.get("/").content.decode()


def test_account_list_shows_people_of_the_area_only(demo, login, django_user_model):
    outsider = django_user_model.objects.create_user("ngoai.tinh", password="x" * 12)
    RoleAssignment.objects.create(
        user=outsider, role=Role.COMMUNE_OFFICER, unit=Unit.objects.get(code="00004")
    )
    client = login(demo.users["vanphong.quangngai"])
    body = client.get(reverse("accounts:account_list"), {"q": ""}).content.decode()
    assert "canbo.tumorong" in body and "ngoai.tinh" not in body
    assert client.get(reverse("accounts:account_detail", args=["ngoai.tinh"])).status_code == 404


def test_removing_a_role_needs_a_reason_and_is_audited(demo, login):
    office = demo.users["vanphong.quangngai"]
    assignment = RoleAssignment.objects.get(user=demo.users["ctv.tumorong"])
    client = login(office)
    client.post(reverse("accounts:role_revoke", args=[assignment.pk]), {"reason": ""})
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    client.post(reverse("accounts:role_revoke", args=[assignment.pk]), {"reason": "Hết hợp đồng"})
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    record = RoleAssignment.history.filter(id=assignment.pk).latest()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        office,
        "Hết hợp đồng",
    )
