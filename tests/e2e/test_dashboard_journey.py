"""Province staff read the area dashboard on a phone, offline-safe, and drill into a commune."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, url, username, password):
    page.goto(f"{url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_province_staff_open_the_dashboard_and_drill_into_a_commune(
    live_server, browser, demo, phone_context_args
):
    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    _login(page, live_server.url, "tinh.quangngai", demo.password)

    # The home page is the province's dashboard; its charts are drawn by the local Chart.js.
    expect(page.locator("#dash-title")).to_contain_text(demo.province.name)
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('[data-chart=chart-sub]'))"
    )
    sub = page.locator("#sub-areas")
    expect(sub).to_contain_text(demo.commune_b.name)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="test-results/dashboard-province-phone.png", full_page=True)

    # Sort the communes by poverty rate, then open one.
    rate = sub.get_by_role("button", name="Tỷ lệ hộ nghèo (%)")
    rate.click()
    expect(sub.locator("th[aria-sort]")).to_have_count(1)
    expect(sub.locator("thead th").nth(3)).to_have_attribute("aria-sort", "ascending")
    sub.get_by_role("link", name=demo.commune_b.name).click()

    expect(page.locator("#dash-title")).to_contain_text(demo.commune_b.name)
    expect(page.locator("#af-summary")).to_contain_text("M0")
    expect(page.locator("#deprivations")).to_contain_text("Bảo hiểm y tế")
    page.wait_for_function(
        "() => Chart.getChart(document.querySelector('[data-chart=chart-indicators]'))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="test-results/dashboard-commune-phone.png", full_page=True)
    assert outside == [], outside
    context.close()
