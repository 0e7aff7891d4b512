"""A commune officer logs in, sees the home page, switches language and logs out."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_switches_language_and_logs_out(live_server, page, demo):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/tai-khoan/dang-nhap/?next=/")
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    page.get_by_label("Tên đăng nhập").fill("canbo.tumorong")
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.locator("h1")).to_contain_text("Xin chào")
    expect(page.locator(".roles")).to_contain_text("Xã Tu Mơ Rông")
    # The stylesheet is served by the app itself (whitenoise), no separate web server.
    expect(page.locator("header.top")).to_have_css("background-color", "rgb(176, 38, 28)")
    page.screenshot(path="test-results/home-vi.png", full_page=True)

    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_contain_text("Hello")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    page.goto(f"{live_server.url}/don-vi/")
    expect(page).to_have_url(f"{live_server.url}/tai-khoan/dang-nhap/?next=/don-vi/")


def test_collaborator_on_a_phone_finds_a_commune_without_diacritics(
    live_server, browser, demo, phone_context_args
):
    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("tinh.quangngai")
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Đơn vị").first.click()
    page.get_by_role("searchbox").fill("tu mo rong")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("link", name="Xã Tu Mơ Rông")).to_be_visible()
    page.screenshot(path="test-results/units-phone.png", full_page=True)
    context.close()
