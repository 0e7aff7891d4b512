"""A commune club officer, on a phone, founds a club, adds members and officers, plans and
records a meeting with attendance and minutes, and finds it in the statistics."""

import datetime

import pytest
from playwright.sync_api import expect

from giamngheo.geo.models import Level, Unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# (name, organisation, sex, ethnicity code of core.ethnicity: 01 Kinh, 18 Hrê)
MEMBERS = [
    ("Nguyễn Văn An", "Hội Nông dân phường", "male", "01"),
    ("Trần Thị Bình", "Hội Liên hiệp Phụ nữ phường", "female", "01"),
    ("Lê Minh Châu", "Đoàn Thanh niên", "male", "18"),
    ("Phạm Thị Dung", "Công chức văn hóa – xã hội", "female", "01"),
]


def test_club_officer_founds_a_club_runs_a_meeting_and_sees_it_counted(
    live_server, browser, demo, phone_context_args
):
    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    today = datetime.date.today()
    first_village = (
        Unit.objects.filter(parent__code="21025", level=Level.VILLAGE).order_by("code").first()
    )

    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("clb.camthanh")
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập").click()

    # Found a commune club.
    page.get_by_role("link", name="Câu lạc bộ").first.click()
    page.get_by_role("link", name="Thành lập câu lạc bộ").click()
    page.get_by_label("Tên câu lạc bộ").fill("CLB công tác giảm nghèo phường Cẩm Thành")
    page.get_by_label("Cấp *", exact=True).select_option("commune")
    page.get_by_label("Địa bàn").select_option(label="Phường Cẩm Thành")
    page.get_by_label("Số quyết định thành lập").fill("45/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill(f"{today.year}-01-10")
    page.get_by_label("Văn bản quy chế").fill("Quy chế hoạt động kèm QĐ 45/QĐ-UBND")
    page.get_by_role("button", name="Thành lập", exact=True).click()
    expect(page.locator("h1")).to_have_text("CLB công tác giảm nghèo phường Cẩm Thành")
    expect(page.locator("dl.facts")).to_contain_text("Ban chỉ đạo giảm nghèo Phường Cẩm Thành")
    expect(page.locator("#rotation .badge.turn")).to_have_text(first_village.name)

    # Add members.
    page.get_by_role("link", name="Thêm thành viên").click()
    for name, organisation, sex, ethnicity in MEMBERS:
        page.get_by_label("Họ và tên").fill(name)
        page.get_by_label("Giới tính").select_option(sex)
        page.get_by_label("Dân tộc").select_option(ethnicity)
        page.get_by_label("Đơn vị hoặc chức vụ").fill(organisation)
        page.get_by_role("button", name="Lưu và thêm người khác").click()
        expect(page.locator(".messages")).to_contain_text(f"Đã thêm {name}")
    page.get_by_role("link", name="Hủy").click()
    expect(page.locator("#members .meter")).to_have_text("4/25")

    # Record the election of the chair and two vice-chairs.
    page.get_by_role("link", name="Ghi nhận kết quả bầu").click()
    for name, role in (
        ("Nguyễn Văn An", "Chủ nhiệm"),
        ("Trần Thị Bình", "Phó chủ nhiệm"),
        ("Lê Minh Châu", "Phó chủ nhiệm"),
    ):
        page.get_by_label("Thành viên trúng cử").select_option(label=name)
        page.get_by_label("Chức vụ").select_option(label=role)
        page.get_by_label("Kết quả bầu").fill("4/4 phiếu tán thành")
        page.get_by_role("button", name="Lưu và ghi nhận người khác").click()
        expect(page.locator(".messages")).to_contain_text(name)
    page.get_by_role("link", name="Hủy").click()
    expect(page.locator("#officers")).to_contain_text("Chủ nhiệm: Nguyễn Văn An")
    expect(page.locator("#officers li")).to_have_count(3)

    # Plan a meeting: the first village is proposed as host.
    page.get_by_role("link", name="Lên lịch sinh hoạt").click()
    expect(page.locator(".badge.turn")).to_have_text(first_village.name)
    page.get_by_label("Ngày *", exact=True).fill(today.isoformat())
    page.get_by_label("Tín dụng").check()
    page.get_by_label("Mô hình sản xuất").check()
    page.get_by_label("Chủ đề khác").fill("Nuôi gà thả vườn")
    page.get_by_role("button", name="Lên lịch").click()
    expect(page.locator("h1 .badge")).to_have_text("Dự kiến")

    # Record it: attendance, guests and minutes.
    page.get_by_role("link", name="Ghi kết quả buổi sinh hoạt").click()
    for name, *_rest in MEMBERS[:3]:
        page.get_by_label(name).check()
    page.get_by_label("Khách mời có mặt").fill(
        "Võ Văn Khuyến – Trạm khuyến nông\nHuỳnh Thị Vay – Ngân hàng CSXH"
    )
    page.get_by_label("Biên bản").fill("Giới thiệu vốn vay ưu đãi và mô hình nuôi gà thả vườn.")
    page.screenshot(path="test-results/clubs-meeting-record-phone.png", full_page=True)
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator("h1 .badge")).to_have_text("Đã họp")
    expect(page.locator("dd.attendance")).to_have_text("3/4 thành viên, 2 khách")
    expect(page.locator(".minutes")).to_contain_text("nuôi gà thả vườn")
    page.screenshot(path="test-results/clubs-meeting-phone.png", full_page=True)

    # The club page proposes the next village in turn.
    page.locator(".crumbs a").first.click()
    expect(page.locator("#rotation .badge.turn")).not_to_have_text(first_village.name)
    page.screenshot(path="test-results/clubs-club-phone.png", full_page=True)

    # The statistics count it.
    page.get_by_role("navigation").get_by_role("link", name="Câu lạc bộ").click()
    page.get_by_role("link", name="Thống kê").click()
    expect(page.locator("h1")).to_have_text(f"Thống kê câu lạc bộ năm {today.year}")
    expect(page.locator("#total-clubs")).to_have_text("1")
    expect(page.locator("#meetings-held")).to_have_text("1/1")
    expect(page.locator("#attendance-rate")).to_have_text("75,0%")
    expect(page.locator("#guests")).to_have_text("2")
    expect(page.locator("#by-level tr[data-level=commune] td.num")).to_have_text("1")
    # The force by sex and ethnicity (members' sex and ethnicity were recorded above).
    expect(page.locator("#force-women")).to_have_text("2")
    expect(page.locator("#force-minorities")).to_have_text("1")
    page.screenshot(path="test-results/clubs-statistics-phone.png", full_page=True)
    context.close()
