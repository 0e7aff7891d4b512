"""A collaborator records a housing request on a phone, the commune officer forwards it,
the leader accepts it, the officer marks it carried out, the collaborator marks the
household informed, and the summary counts the household."""

import pytest
from playwright.sync_api import expect

from giamngheo.assistance.models import HelpRequest
from giamngheo.assistance.selectors import summary
from giamngheo.households.models import Household

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(browser, context_args, live_server, username, password):
    context = browser.new_context(**context_args)
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("h1")).to_contain_text("Xin chào")
    return context, page


def _open_request(page, live_server, household):
    page.goto(f"{live_server.url}/tro-giup/")
    page.get_by_role("link", name=str(household)).first.click()
    expect(page.locator("h1")).to_contain_text("Yêu cầu trợ giúp: Nhà ở")


def _households_informed(demo, user):
    from django.utils import timezone

    today = timezone.localdate()
    s = summary(user, start=today.replace(month=1, day=1), end=today, commune=demo.commune_a.code)
    return s.total["households_informed"]


def test_housing_request_from_the_collaborators_phone_to_the_household_informed(
    live_server, browser, demo, phone_context_args
):
    household = Household.objects.filter(commune=demo.commune_a).order_by("code")[8]
    assert not HelpRequest.objects.filter(household=household).exists()
    informed_before = _households_informed(demo, demo.users["vanphong.quangngai"])

    # 1. The collaborator, on a phone, records what the household asked for.
    ctv_context, ctv = _log_in(
        browser, phone_context_args, live_server, "ctv.tumorong", demo.password
    )
    ctv.get_by_role("link", name="Yêu cầu trợ giúp", exact=True).first.click()
    ctv.get_by_role("link", name="Ghi yêu cầu trợ giúp").click()
    ctv.get_by_label("Tìm hộ").fill(household.head_name)
    ctv.get_by_role("button", name="Tìm").click()
    ctv.locator("#matches a", has_text=household.code).click()
    ctv.get_by_label("Nhà ở", exact=True).check()
    ctv.get_by_label("Nội dung hộ phản ánh").fill(
        "Nhà tạm vách gỗ mục, mái tôn thủng; hộ xin hỗ trợ sửa nhà trước mùa mưa."
    )
    ctv.screenshot(path="test-results/assistance-record-request-phone.png", full_page=True)
    ctv.get_by_role("button", name="Lưu và gửi công chức xã").click()
    expect(ctv.locator(".messages")).to_contain_text("Đã ghi yêu cầu và gửi công chức xã")
    expect(ctv.locator("#request-state")).to_contain_text("Đã ghi nhận, chờ công chức xã")
    request = HelpRequest.objects.get(household=household)
    assert request.need == "housing" and request.received_by.username == "ctv.tumorong"

    # 2. The commune officer forwards it to the commune People's Committee.
    officer_context, officer = _log_in(
        browser, {"viewport": {"width": 1280, "height": 900}}, live_server, "canbo.tumorong",
        demo.password,
    )  # fmt: skip
    _open_request(officer, live_server, household)
    officer.get_by_label("Ý kiến trình UBND xã").fill("Đề nghị xem xét hỗ trợ nhà ở.")
    officer.get_by_role("button", name="Trình UBND xã").click()
    expect(officer.locator("#request-state")).to_contain_text("Đã trình, chờ UBND xã trả lời")

    # 3. The leader accepts it, with the action and who is responsible.
    leader_context, leader = _log_in(
        browser, {"viewport": {"width": 1280, "height": 900}}, live_server, "lanhdao.tumorong",
        demo.password,
    )  # fmt: skip
    _open_request(leader, live_server, household)
    leader.get_by_label("Biện pháp giải quyết").fill("Hỗ trợ sửa nhà từ nguồn Quỹ Vì người nghèo")
    leader.get_by_label("Người chịu trách nhiệm").fill("Công chức Văn hóa - Xã hội")
    leader.get_by_role("button", name="Chấp nhận", exact=True).click()
    expect(leader.locator("#request-state")).to_contain_text("Được chấp nhận, chờ thực hiện")
    leader_context.close()

    # 4. The officer records it carried out.
    officer.reload()
    officer.get_by_label("Nội dung đã làm").fill("Đã cấp 20 tấm tôn và 2 khối gỗ")
    officer.get_by_role("button", name="Xác nhận đã thực hiện").click()
    expect(officer.locator("#request-state")).to_contain_text("Đã thực hiện, chờ thông báo")
    officer_context.close()

    # 5. The collaborator tells the household and marks it informed.
    ctv.reload()
    ctv.get_by_label("Đến tận nhà").check()
    ctv.get_by_role("button", name="Đã thông báo cho hộ").click()
    expect(ctv.locator("#request-state")).to_contain_text("Đã thông báo cho hộ")
    expect(ctv.locator("#steps li")).to_have_count(5)
    ctv.screenshot(path="test-results/assistance-request-informed-phone.png", full_page=True)

    # 6. The summary counts the household informed.
    ctv.get_by_role("link", name="Yêu cầu trợ giúp", exact=True).first.click()
    ctv.get_by_role("link", name="Tổng hợp").click()
    row = ctv.locator("#by-commune tr", has_text=demo.commune_a.name)
    expect(row.locator("td[data-label='Số hộ đã được thông báo']")).to_have_text(
        str(informed_before + 1)
    )
    ctv.screenshot(path="test-results/assistance-summary-phone.png", full_page=True)
    ctv_context.close()
    request.refresh_from_db()
    assert request.state == "informed" and request.informed_how == "visit"
