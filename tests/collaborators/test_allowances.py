"""The monthly allowance sheet (.xlsx) from contracts and the base amount in force."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.accounts.models import Role, RoleAssignment, User
from giamngheo.collaborators.allowances import allowance_sheet
from giamngheo.collaborators.models import AllowanceRate
from giamngheo.collaborators.services import terminate_contract
from giamngheo.core.periods import Period
from giamngheo.geo.models import Level, Unit

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def province_office(demo):
    """A managing office on a province of its own, so demo contracts stay out of the sheet."""
    province = Unit.objects.filter(level=Level.PROVINCE).exclude(code="51").order_by("code")[1]
    user = User.objects.create_user(username="vanphong.khac", password="x" * 12)
    RoleAssignment.objects.create(user=user, role=Role.MANAGING_OFFICE, unit=province)
    communes = list(Unit.objects.filter(parent=province, level=Level.COMMUNE).order_by("code")[:3])
    return user, communes


@pytest.fixture
def sheet_of_march(province_office, make_collaborator, make_contract, office):
    """March 2026 (31 days): two whole months at 0.50 and 0.70, one contract ending on the 10th."""
    user, communes = province_office
    AllowanceRate.objects.update_or_create(
        valid_from=D(2026, 7, 1), defaults={"amount": 2_500_000, "legal_basis": "giả định"}
    )
    a = make_collaborator(communes[0], full_name="Nguyễn Thị A")
    make_contract(a, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31), coefficient="0.50")
    b = make_collaborator(communes[1], full_name="Trần Văn B")
    make_contract(b, starts_on=D(2026, 3, 1), ends_on=D(2027, 2, 28), coefficient="0.70")
    c = make_collaborator(communes[2], full_name="Lê Thị C")
    contract = make_contract(c, starts_on=D(2025, 6, 1), ends_on=D(2026, 5, 31), coefficient="0.50")
    terminate_contract(contract=contract, on=D(2026, 3, 10), by=office, reason="Nghỉ việc")
    d = make_collaborator(communes[2], full_name="Ngoài tháng")
    make_contract(d, starts_on=D(2026, 4, 1), ends_on=D(2026, 12, 31))
    return user


def test_amounts_follow_the_base_amount_in_force_and_the_days_covered(sheet_of_march):
    sheet = allowance_sheet(sheet_of_march, period=Period.month(2026, 3))
    # 2,340,000 đ in force on 01/03/2026 (Decree 73/2024/NĐ-CP); the July 2026 rate is not.
    assert sheet.rate.amount == 2_340_000
    amounts = {
        line.contract.collaborator.full_name: (line.days, line.amount) for line in sheet.lines
    }
    assert amounts == {
        "Nguyễn Thị A": (31, 1_170_000),
        "Trần Văn B": (31, 1_638_000),
        # 0.50 × 2,340,000 × 10/31 = 377,419.35… → 377,419
        "Lê Thị C": (10, 377_419),
    }
    assert sheet.total == 1_170_000 + 1_638_000 + 377_419


def test_new_base_amount_changes_the_allowance_from_its_month(sheet_of_march):
    sheet = allowance_sheet(sheet_of_march, period=Period.month(2026, 7))
    amounts = {line.contract.collaborator.full_name: line.amount for line in sheet.lines}
    assert amounts["Nguyễn Thị A"] == 1_250_000


def test_allowance_workbook_opens_and_its_total_adds_up(sheet_of_march, client):
    client.force_login(sheet_of_march, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("collaborators:allowances_export", args=["2026-03"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('phu-cap-ctv-2026-03.xlsx"')
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    body, total = rows[1:-1], rows[-1]
    amounts = {r[1]: r[7] for r in body}
    assert amounts == {"Nguyễn Thị A": 1_170_000, "Trần Văn B": 1_638_000, "Lê Thị C": 377_419}
    assert [r[0] for r in body] == [1, 2, 3]
    assert total[7] == sum(amounts.values()) == 3_185_419
    first = next(r for r in body if r[1] == "Nguyễn Thị A")
    assert (first[4], first[5], first[6]) == (0.5, 2_340_000, 31)


def test_allowance_page_shows_the_total_in_dong(sheet_of_march, client):
    client.force_login(sheet_of_march, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("collaborators:allowances"), {"thang": "2026-03"})
    assert "3.185.419 đ" in response.text


def test_quarter_is_not_an_allowance_month(sheet_of_march, client):
    client.force_login(sheet_of_march, backend="django.contrib.auth.backends.ModelBackend")
    assert (
        client.get(reverse("collaborators:allowances_export", args=["2026-q1"])).status_code == 404
    )


def test_coefficient_is_stored_exactly(sheet_of_march):
    sheet = allowance_sheet(sheet_of_march, period=Period.month(2026, 3))
    assert {line.contract.allowance_coefficient for line in sheet.lines} == {
        Decimal("0.50"),
        Decimal("0.70"),
    }
