"""Province staff on a phone opens the review reports and downloads report 2 (movements of
poor households, .xlsx) and report 15 (detailed list of poor households, PDF), then opens both.
A province's file is written by the background worker: the button queues it, the job's page
offers the download once the worker has run."""

import subprocess

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from giamngheo.households.models import Household, PovertyStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _download_through_the_job(page, button: str):
    """Queue the file, let the worker write it, download it from the job's page."""
    page.get_by_role("button", name=button).click()
    expect(page.locator("#job-state")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    page.reload()
    with page.expect_download() as info:
        page.locator("#export-download").click()
    return info


def test_province_staff_downloads_reports_2_and_15_on_a_phone(
    live_server, browser, demo, phone_context_args, tmp_path
):
    poor = Household.objects.filter(commune__parent=demo.province, status=PovertyStatus.POOR)
    poor_codes = set(poor.values_list("code", flat=True))
    assert poor_codes, "the demo province has poor households"
    phone = browser.new_context(**phone_context_args, accept_downloads=True)
    page = phone.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("tinh.quangngai")
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Báo cáo", exact=True).first.click()
    expect(page.locator("h1")).to_contain_text("Báo cáo rà soát")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("link", name="Tổng hợp diễn biến hộ nghèo", exact=True).click()
    expect(page.locator("#report-table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    info = _download_through_the_job(page, "Tải tệp .xlsx")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    ws = load_workbook(path).active
    cells = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("TỔNG HỢP DIỄN BIẾN HỘ NGHÈO" in str(v) for v in cells)
    totals = next(row for row in ws.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    start, decreases, increases, end = totals[2], totals[3], totals[8], totals[12]
    assert start - decreases + increases == end == len(poor_codes)

    page.goto(f"{live_server.url}/bao-cao/")
    page.get_by_role("link", name="Danh sách chi tiết hộ nghèo", exact=True).click()
    expect(page.locator("#report-list")).to_be_visible()
    info = _download_through_the_job(page, "Tải tệp PDF")
    pdf = tmp_path / info.value.suggested_filename
    info.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "DANH SÁCH CHI TIẾT HỘ NGHÈO" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert all(code in text for code in poor_codes)
    assert f"Tổng cộng: {len(poor_codes)} hộ" in text
