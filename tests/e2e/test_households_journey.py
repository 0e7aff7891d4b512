"""A commune officer finds a household without diacritics, reads why it is deprived,
edits a member, and imports a file with one bad row."""

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from giamngheo.core.search import fold
from giamngheo.households.importer import COLUMNS
from giamngheo.households.models import Household, Member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, url, username, password):
    page.goto(f"{url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    headers = [c.header for c in COLUMNS]
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    wb.save(path)
    return path


def test_officer_finds_reads_edits_and_imports(
    live_server, browser, demo, phone_context_args, tmp_path
):
    household = Household.objects.filter(
        commune=demo.commune_a, deprivations__indicator="health_insurance"
    ).first()
    head = household.members.get(relation="head")
    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    _login(page, live_server.url, "canbo.tumorong", demo.password)

    page.get_by_role("link", name="Hộ gia đình").first.click()
    page.get_by_role("searchbox").fill(fold(head.full_name))
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=head.full_name).first.click()
    expect(page.locator("h1")).to_have_text(head.full_name)
    profile = page.locator("#assessment")
    expect(profile).to_contain_text("không có bảo hiểm y tế")
    page.screenshot(path="test-results/household-detail-phone.png", full_page=True)

    page.get_by_role("link", name="Sửa").click()
    page.locator("#member-1").get_by_label("Họ và tên").fill(head.full_name + " Sửa")
    page.get_by_label("Lý do thay đổi").fill("Sửa tên theo CCCD")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu hộ")
    expect(page.locator("#members")).to_contain_text(head.full_name + " Sửa")
    expect(page.locator(".history").first).to_contain_text("Sửa tên theo CCCD")
    assert Member.objects.get(pk=head.pk).full_name == head.full_name + " Sửa"

    village = household.village.name
    file = _xlsx(tmp_path / "ho-moi.xlsx", [
        {"Mã hộ": "E2E-1", "Thôn": village, "Họ và tên": "Y Điệp", "Quan hệ với chủ hộ": "Chủ hộ", "Giới tính": "Nữ", "Ngày sinh": "01/01/1990", "Số CCCD": "062190001001"},
        {"Mã hộ": "E2E-2", "Thôn": village, "Họ và tên": "A Lăng", "Quan hệ với chủ hộ": "Chủ hộ", "Giới tính": "Nam", "Ngày sinh": "01/01/1988", "Số CCCD": "12345"},
    ])  # fmt: skip
    page.goto(f"{live_server.url}/ho-gia-dinh/nhap/")
    page.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(str(file))
    page.get_by_role("button", name="Nhập").click()
    errors = page.locator("#row-errors")
    expect(errors).to_contain_text("Số CCCD")
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody tr td").first).to_have_text("3")
    expect(page.locator(".error-box")).to_contain_text("không nhập gì cả")
    page.screenshot(path="test-results/import-errors-phone.png", full_page=True)
    assert not Household.objects.filter(code__startswith="E2E-").exists()
    context.close()
