"""On a phone: the office assigns a monthly task, the collaborator logs an activity for a
household against it, and the office opens the compiled monthly report and evaluates it."""

import pytest
from playwright.sync_api import expect

from giamngheo.collaborators.models import Activity, Evaluation, PeriodReport
from giamngheo.core.periods import Period
from giamngheo.households.models import Household

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(browser, phone_context_args, live_server, username, password):
    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("h1")).to_contain_text("Xin chào")
    return context, page


def test_office_assigns_collaborator_logs_office_evaluates_on_a_phone(
    live_server, browser, demo, phone_context_args
):
    household = Household.objects.filter(commune=demo.commune_a).order_by("code").first()
    assert household is not None

    # 1. The managing office gives the Tu Mơ Rông collaborator a task for this month.
    office_context, office = _log_in(
        browser, phone_context_args, live_server, "vanphong.quangngai", demo.password
    )
    office.get_by_role("link", name="Cộng tác viên", exact=True).first.click()
    expect(office.locator("h1")).to_have_text("Cộng tác viên giảm nghèo")
    expect(office.locator("#warnings-title")).to_be_visible()
    office.screenshot(path="test-results/ctv-office-dashboard-phone.png", full_page=True)
    office.get_by_role("link", name="Lê Minh Tuấn").click()
    office.get_by_role("link", name="Giao việc").click()
    office.get_by_label("2. Theo dõi hộ phát sinh nghèo, thoát nghèo").check()
    office.locator("#id_description").fill("Hướng dẫn hộ gặp rủi ro làm giấy đề nghị")
    office.locator("#id_target").fill("Các hộ bị ảnh hưởng mưa lũ")
    office.screenshot(path="test-results/ctv-assign-phone.png", full_page=True)
    office.get_by_role("button", name="Giao việc").click()
    expect(office.locator(".messages")).to_contain_text("Đã giao việc")
    expect(office.locator(".tasks").first).to_contain_text("Hướng dẫn hộ gặp rủi ro")

    # 2. The collaborator, on their phone, logs what they did for a household.
    ctv_context, ctv = _log_in(
        browser, phone_context_args, live_server, "ctv.tumorong", demo.password
    )
    ctv.get_by_role("link", name="Cộng tác viên", exact=True).first.click()
    expect(ctv.locator("h1")).to_have_text("Lê Minh Tuấn")
    ctv.get_by_role("link", name="Ghi hoạt động", exact=True).click()
    ctv.get_by_label("2. Theo dõi hộ phát sinh nghèo, thoát nghèo").check()
    ctv.get_by_label("Thuộc công việc được giao").select_option(
        label="2. Theo dõi hộ phát sinh nghèo, thoát nghèo: Hướng dẫn hộ gặp rủi ro làm giấy đề nghị"
    )
    ctv.locator("#id_description").fill("Hướng dẫn hộ làm giấy đề nghị bổ sung hộ cận nghèo")
    ctv.get_by_label("Tìm hộ").fill(household.code)
    ctv.get_by_role("button", name="Tìm").click()
    # What was typed before the search is still there.
    expect(ctv.locator("#id_description")).to_have_value(
        "Hướng dẫn hộ làm giấy đề nghị bổ sung hộ cận nghèo"
    )
    ctv.get_by_label(str(household)).check()
    ctv.screenshot(path="test-results/ctv-log-activity-phone.png", full_page=True)
    ctv.get_by_role("button", name="Lưu hoạt động").click()
    expect(ctv.locator(".messages")).to_contain_text("Đã lưu hoạt động")
    expect(ctv.locator(".tasks").first).to_contain_text("1/1")
    activity = Activity.objects.get(description__startswith="Hướng dẫn hộ làm giấy đề nghị")
    assert list(activity.households.all()) == [household]

    month = Period.containing(activity.done_on)
    ctv.get_by_role("link", name=f"Báo cáo {month.label}").click()
    ctv.get_by_role("button", name="Nộp cho cơ quan quản lý").click()
    expect(ctv.locator("#report-state")).to_have_text("Đã nộp")
    ctv.screenshot(path="test-results/ctv-report-submitted-phone.png", full_page=True)
    ctv_context.close()

    # 3. The office opens the compiled monthly report, accepts it and evaluates the month.
    office.goto(f"{live_server.url}/cong-tac-vien/")
    office.locator(".card", has_text="Báo cáo chờ").get_by_role("link").first.click()
    compilation = office.locator("#compilation")
    expect(compilation).to_contain_text("2. Theo dõi hộ phát sinh nghèo, thoát nghèo")
    duty_row = compilation.locator("tr", has_text="2. Theo dõi hộ")
    expect(duty_row.locator("td.n").nth(0)).to_have_text("1")  # tasks
    expect(duty_row.locator("td.n").nth(1)).to_have_text("1")  # tasks met
    expect(duty_row.locator("td.n").nth(4)).to_have_text("1")  # households
    office.get_by_label("Chấp nhận").check()
    office.get_by_role("button", name="Ghi ý kiến").click()
    expect(office.locator("#report-state")).to_have_text("Đã chấp nhận")
    office.get_by_label("Hoàn thành tốt nhiệm vụ").check()
    office.locator("#id_comments").fill("Bám sát hộ, hướng dẫn kịp thời")
    office.get_by_role("button", name="Lưu đánh giá").click()
    expect(office.locator("#evaluation")).to_contain_text("Hoàn thành tốt nhiệm vụ")
    office.screenshot(path="test-results/ctv-report-evaluated-phone.png", full_page=True)
    compilation.screenshot(path="test-results/ctv-report-compilation-phone.png")
    office.locator("section.card", has_text="Đánh giá").first.screenshot(
        path="test-results/ctv-evaluation-phone.png"
    )
    office_context.close()

    report = PeriodReport.objects.get(collaborator=activity.collaborator, period_start=month.start)
    assert report.state == "accepted"
    assert (
        Evaluation.objects.get(
            collaborator=activity.collaborator, period_kind="month", period_start=month.start
        ).grade
        == "good"
    )
