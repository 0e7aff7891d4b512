"""A collaborator records a household's application on a phone, the commune officer surveys
and checks it, the commune leader decides, and the household page shows the new status
with the decision."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from giamngheo.core.search import fold
from giamngheo.households.models import Household, PovertyStatus
from giamngheo.reviews.models import AdHocReview

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(context, url, username, password):
    page = context.new_page()
    page.goto(f"{url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("h1")).to_contain_text("Xin chào")
    return page


def test_application_survey_decision_and_the_household_page(
    live_server, browser, demo, phone_context_args
):
    household = (
        Household.objects.filter(
            commune=demo.commune_a, status=PovertyStatus.NOT_LISTED, adhoc_reviews__isnull=True
        )
        .order_by("code")
        .first()
    )
    today = timezone.localdate()
    received = today - datetime.timedelta(days=20)
    meeting = today - datetime.timedelta(days=12)
    posted = today - datetime.timedelta(days=10)  # 3 working days end well before today

    phone = browser.new_context(**phone_context_args)
    page = _login(phone, live_server.url, "ctv.tumorong", demo.password)
    page.get_by_role("link", name="Rà soát").first.click()
    page.get_by_role("link", name="Ghi nhận đơn đề nghị").click()
    page.get_by_role("searchbox").fill(fold(household.head_name))
    page.get_by_role("button", name="Tìm").click()
    # the search is posted with the form: the match is a button that fills the code
    page.locator("#matches").get_by_role("button", name=household.code).first.click()
    assert "q=" not in page.url and "tim" not in page.url
    expect(page.get_by_label("Mã hộ")).to_have_value(household.code)
    page.get_by_label("Đề nghị rà soát, công nhận hộ nghèo, hộ cận nghèo").check()
    page.get_by_label("Hình thức tiếp nhận").select_option("collaborator")
    page.get_by_label("Người đề nghị").fill(household.head_name)
    page.get_by_label("Lý do đề nghị").fill(
        "Chủ hộ bị tai nạn lao động, không còn khả năng lao động"
    )
    page.get_by_label("Ngày tiếp nhận").fill(received.isoformat())
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận đơn đề nghị")
    expect(page.locator("#review-state")).to_have_text("Đã tiếp nhận đơn")
    expect(page.locator("dl.facts")).to_contain_text("Mẫu số 01")
    page.screenshot(path="test-results/reviews-application-phone.png", full_page=True)
    review_url = page.url
    phone.close()

    desk = browser.new_context()
    page = _login(desk, live_server.url, "canbo.tumorong", demo.password)
    page.goto(review_url)
    page.get_by_role("link", name="Nhập phiếu A, phiếu B").click()
    page.get_by_label("Ngày rà soát").fill(meeting.isoformat())
    page.get_by_label("Điểm A theo phiếu B").fill("120")
    for code in ("health_insurance", "housing_quality", "latrine"):
        page.locator(f'input[name="deprived_indicators"][value="{code}"]').check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#proposed-status")).to_have_text("Hộ nghèo")
    page.get_by_role("link", name="Ghi nhận thẩm định của xã").click()
    page.get_by_label("Ngày họp dân").fill(meeting.isoformat())
    page.get_by_label("Số người dự họp").fill("42")
    page.get_by_label("Số người đồng ý").fill("35")
    page.get_by_label("Niêm yết kết quả từ ngày").fill(posted.isoformat())
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#review-state")).to_have_text("Xã đã thẩm định")
    expect(page.locator("#check")).to_contain_text("theo Quyết định 24/2021/QĐ-TTg")
    expect(page.get_by_role("link", name="Quyết định công nhận")).to_have_count(0)
    desk.close()

    desk = browser.new_context()
    page = _login(desk, live_server.url, "lanhdao.tumorong", demo.password)
    page.goto(review_url)
    page.get_by_role("link", name="Quyết định công nhận").click()
    page.get_by_label("Số quyết định").fill("77/QĐ-UBND")
    page.get_by_label("Ngày ký").fill(today.isoformat())
    page.get_by_label("Người ký (Chủ tịch UBND xã)").fill("Y Hen")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#review-state")).to_have_text("Đã công nhận bằng quyết định")
    expect(page.locator("#decision")).to_contain_text("77/QĐ-UBND")
    page.screenshot(path="test-results/reviews-decided.png", full_page=True)

    page.get_by_role("link", name=household.code).first.click()
    expect(page.locator(".status").first).to_contain_text("Hộ nghèo")
    history = page.locator("#status-history")
    expect(history).to_contain_text("77/QĐ-UBND")
    expect(history).to_contain_text(today.strftime("%d/%m/%Y"))
    page.screenshot(path="test-results/reviews-household-status.png", full_page=True)
    desk.close()

    review = AdHocReview.objects.get(household=household)
    assert review.state == "recognised"
    assert list(review.steps.values_list("by__username", flat=True)) == [
        "ctv.tumorong", "canbo.tumorong", "canbo.tumorong", "lanhdao.tumorong",
    ]  # fmt: skip
