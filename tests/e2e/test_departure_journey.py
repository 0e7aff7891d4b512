"""On a phone: a commune officer records that a household moved away. A missing reason is
refused in Vietnamese with what was typed kept; once recorded, the household is off the lists,
the decision is in its history, and the button is no longer offered."""

import pytest
from playwright.sync_api import expect

from giamngheo.households.models import Household, PovertyStatus, StatusRecord

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_commune_officer_records_a_household_moving_away(
    live_server, browser, demo, phone_context_args
):
    household = (
        Household.objects.filter(commune=demo.commune_a, status=PovertyStatus.POOR)
        .order_by("code")
        .first()
    )
    page = browser.new_context(**phone_context_args).new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.tumorong")
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{live_server.url}/ho-gia-dinh/{household.code}/")
    page.locator("#record-departure").click()
    page.get_by_label("Hộ chuyển đi nơi khác").check()
    page.get_by_label("Số quyết định").fill("12/QĐ-UBND")
    page.get_by_label("Lý do").fill("   ")
    page.get_by_role("button", name="Ghi nhận chuyển đi / giải thể").click()
    expect(page.locator("#departure-form")).to_contain_text("bắt buộc")
    expect(page.get_by_label("Số quyết định")).to_have_value("12/QĐ-UBND")
    assert not StatusRecord.objects.filter(household=household, source="moved_out").exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("Lý do").fill("Cả hộ chuyển vào TP Hồ Chí Minh làm ăn")
    page.get_by_role("button", name="Ghi nhận chuyển đi / giải thể").click()
    expect(page.get_by_text("Đã ghi nhận:")).to_be_visible()
    expect(page.locator("#record-departure")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("12/QĐ-UBND")

    household.refresh_from_db()
    assert household.status == PovertyStatus.NOT_LISTED
    record = StatusRecord.objects.get(household=household, source="moved_out")
    assert record.decision_number == "12/QĐ-UBND" and record.movement == "moved_out"
