"""On a phone: only permitted actions are offered; refusals are Vietnamese, fit the screen, say
why and the way back, and never lose what was typed; each home lists what waits for its user."""

import datetime

import pytest
from playwright.sync_api import expect

from giamngheo.accounts.models import RoleAssignment
from giamngheo.clubs import services as clubs
from giamngheo.clubs.catalogues import ClubLevel
from giamngheo.clubs.models import Meeting
from giamngheo.geo.models import Unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CLUB = "CLB giảm nghèo tổ dân phố Thu Lộ"


def _sign_in(page, base, username, password):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_collaborator_is_not_offered_founding_a_club_and_is_refused_in_vietnamese(
    live_server, browser, demo, phone_context_args
):
    page = browser.new_context(**phone_context_args).new_page()
    _sign_in(page, live_server.url, "ctv.camthanh", demo.password)
    page.get_by_role("link", name="Câu lạc bộ").first.click()
    expect(page.locator("h1")).to_have_text("Câu lạc bộ công tác giảm nghèo")
    expect(page.get_by_role("link", name="Thành lập câu lạc bộ")).to_have_count(0)

    response = page.goto(f"{live_server.url}/cau-lac-bo/thanh-lap/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Bạn không được làm việc này")
    expect(page.locator("#refusal-reason")).to_contain_text("câu lạc bộ")
    _fits_the_phone(page)
    page.get_by_role("link", name="Về trang chủ").click()
    expect(page.locator("#todos")).to_be_visible()

    response = page.goto(f"{live_server.url}/khong-co-trang-nay/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    _fits_the_phone(page)


def test_what_was_typed_survives_an_ended_session_and_a_withdrawn_role(
    live_server, browser, demo, phone_context_args
):
    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    _sign_in(page, live_server.url, "clb.camthanh", demo.password)
    page.get_by_role("link", name="Câu lạc bộ").first.click()
    page.get_by_role("link", name="Thành lập câu lạc bộ").click()
    page.get_by_label("Tên câu lạc bộ").fill(CLUB)
    page.get_by_label("Cấp *", exact=True).select_option("commune")
    page.get_by_label("Địa bàn").select_option(label="Phường Cẩm Thành")
    page.get_by_label("Số quyết định thành lập").fill("77/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("2026-01-10")

    # The session ends (cookies gone) before sending: the CSRF refusal keeps the values ...
    # (once the page's own requests are done: a late answer would set the CSRF cookie again,
    # and the form would then pass the check and meet the sign-in page instead)
    page.wait_for_load_state("networkidle")
    context.clear_cookies()
    page.get_by_role("button", name="Thành lập", exact=True).click()
    expect(page.locator("h1")).to_have_text("Không gửi được biểu mẫu")
    expect(page.locator("#kept-values")).to_contain_text(CLUB)
    _fits_the_phone(page)

    # ... and after signing in again the form is filled back in on this phone.
    page.goto(f"{live_server.url}/cau-lac-bo/thanh-lap/")
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    page.get_by_label("Tên đăng nhập").fill("clb.camthanh")
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_label("Tên câu lạc bộ")).to_have_value(CLUB)
    expect(page.get_by_label("Số quyết định thành lập")).to_have_value("77/QĐ-UBND")
    expect(page.get_by_label("Địa bàn")).to_have_value(str(Unit.objects.get(code="21025").pk))
    expect(page.locator(".draft-restored")).to_be_visible()

    # The role is withdrawn while the form is open: the 403 shows what was typed.
    RoleAssignment.objects.filter(user__username="clb.camthanh").delete()
    page.get_by_role("button", name="Thành lập", exact=True).click()
    expect(page.locator("h1")).to_have_text("Bạn không được làm việc này")
    expect(page.locator("#kept-values")).to_contain_text(CLUB)
    expect(page.locator("#kept-values")).to_contain_text("77/QĐ-UBND")
    _fits_the_phone(page)


def test_the_club_officer_sees_an_overdue_meeting_in_the_to_dos_and_on_the_club(
    live_server, browser, demo, phone_context_args
):
    officer = demo.users["clb.camthanh"]
    club = clubs.found_club(
        name=CLUB,
        level=ClubLevel.COMMUNE,
        unit=Unit.objects.get(code="21025"),
        decision_no="78/QĐ-UBND",
        founded_on=datetime.date(2026, 1, 5),
        by=officer,
    )
    meeting = clubs.plan_meeting(club=club, planned_on=datetime.date.today(), by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(
        planned_on=datetime.date.today() - datetime.timedelta(days=5)
    )
    page = browser.new_context(**phone_context_args).new_page()
    _sign_in(page, live_server.url, "clb.camthanh", demo.password)
    expect(page.locator("#todo-menu .count")).to_have_text("1")
    todo = page.locator("#todos li", has_text=CLUB)
    expect(todo.locator(".badge.late")).to_contain_text("quá hạn")
    _fits_the_phone(page)
    todo.get_by_role("link").click()
    expect(page.locator("#meeting-overdue")).to_be_visible()
    page.get_by_role("link", name=CLUB).click()
    expect(page.locator("#meetings .badge.overdue")).to_have_count(1)
    _fits_the_phone(page)
