"""On a phone, the commune officer of Xã Măng Đen forms a self-managed group of five poor
households, has its rules approved, attaches a project and gives each household its
support, records an inspection with a finding and its follow-up, and exports the
quarter's report in the office's template."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from giamngheo.core.periods import Period, PeriodKind
from giamngheo.groups.models import ProductionProject, SelfManagedGroup, Support
from giamngheo.households.models import Household, PovertyStatus, StatusRecord
from giamngheo.households.services import record_status
from giamngheo.inspections.models import Finding
from giamngheo.reports.demo import TEMPLATE_NAME

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _five_poor_households(demo):
    """The demo gives Măng Đen four poor households; a decision adds a fifth."""
    commune = Household.objects.get(code="23473-00001").commune
    poor = list(Household.objects.filter(commune=commune, status=PovertyStatus.POOR))
    if len(poor) < 5:
        near = Household.objects.filter(commune=commune, status=PovertyStatus.NEAR_POOR).first()
        record_status(
            household=near, status=PovertyStatus.POOR, year=2026, standard="2022-2025",
            decision_number="88/QĐ-UBND", decision_date=datetime.date(2026, 6, 15),
            source=StatusRecord.Source.REVIEW, by=demo.users["canbo.mangden"],
            reason="Rà soát thường xuyên",
        )  # fmt: skip
        poor.append(near)
    return sorted(poor, key=lambda h: h.code)[:5]


def test_officer_forms_a_group_supports_it_inspects_and_exports_the_report(
    live_server, browser, demo, phone_context_args
):
    households = _five_poor_households(demo)
    context = browser.new_context(**phone_context_args, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.mangden")
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập").click()

    # 1. Form the group with five poor households; its leader is one of them.
    page.get_by_role("link", name="Nhóm hộ và dự án").first.click()
    expect(page.locator("h1")).to_have_text("Nhóm hộ tự quản")
    page.get_by_role("link", name="Thành lập nhóm").click()
    page.locator("#id_name").fill("Nhóm hộ trồng sâm Măng Đen")
    page.locator("#id_purpose").fill("Trồng sâm dưới tán rừng, giúp nhau giống và kỹ thuật")
    for household in households:
        page.locator("#households").get_by_label(household.code).check()
    page.locator("#id_leader").select_option(str(households[0].pk))
    page.locator("#id_rules_summary").fill("Họp nhóm hằng tháng; không bán giống được hỗ trợ.")
    page.get_by_role("button", name="Thành lập nhóm").click()
    expect(page.locator(".messages")).to_contain_text("Đã thành lập nhóm")
    expect(page.locator("#members h2")).to_have_text("5 hộ thành viên")

    # 2. The commune People's Committee's decision approves the group's rules.
    page.get_by_text("Ghi quyết định phê duyệt quy chế", exact=True).click()
    page.locator("#approve-decision_no").fill("46/QĐ-UBND")
    page.get_by_role("button", name="Phê duyệt quy chế").click()
    expect(page.locator("#group-state")).to_contain_text("Đang hoạt động")

    # 3. Attach a project, its state funding and the group's commitment.
    page.get_by_role("link", name="Gắn dự án").click()
    page.locator("#id_name").fill("Hỗ trợ giống sâm Ngọc Linh")
    page.locator("#id_programme").select_option("poverty_ntp")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã gắn dự án")
    page.get_by_text("Ghi nguồn vốn", exact=True).click()
    page.locator("#funding-source").select_option("central")
    page.locator("#funding-amount").fill("60000000")
    page.locator("#funding").get_by_role("button", name="Lưu").click()
    page.get_by_text("Ghi cam kết", exact=True).click()
    page.locator("#commitment-text").fill("Nhóm cam kết dùng giống sâm đúng mục đích, không bán.")
    page.locator("#commitment").get_by_role("button", name="Lưu").click()
    expect(page.locator("#commitment")).to_contain_text("Ký ngày")
    page.get_by_role("link", name="Bắt đầu").click()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#project-state")).to_have_text("Đang thực hiện")

    # 4. Support for each household: seedlings from the state budget.
    for household in households:
        form = page.locator("#support details")
        if not form.get_attribute("open") == "":
            page.get_by_text("Ghi hỗ trợ cho hộ", exact=True).click()
        page.locator("#support-household").select_option(str(household.pk))
        page.locator("#support-kind").select_option("seed")
        page.locator("#support-description").fill("Cây sâm giống")
        page.locator("#support-quantity").fill("200")
        page.locator("#support-unit_of_measure").fill("cây")
        page.locator("#support-value").fill("12000000")
        page.locator("#support-source").select_option("central")
        page.get_by_role("button", name="Lưu hỗ trợ").click()
        expect(page.locator(".messages")).to_contain_text("Đã ghi hỗ trợ")
    expect(page.locator("#support tbody tr")).to_have_count(5)
    expect(page.locator("#results")).to_contain_text("60.000.000 đ")
    page.screenshot(path="test-results/groups-project-phone.png", full_page=True)
    project = ProductionProject.objects.get(name="Hỗ trợ giống sâm Ngọc Linh")
    assert Support.objects.filter(project=project, delivered_on__isnull=False).count() == 5

    # 5. An inspection of the support, a finding, and the follow-up that closes it.
    page.get_by_role("link", name="Ghi cuộc kiểm tra dự án này").click()
    expect(page.locator("#id_project")).to_have_value(str(project.pk))
    page.locator("#id_leader_name").fill("Nguyễn Văn Hùng")
    page.locator("#id_leader_position").fill("Phó Chủ tịch UBND xã")
    page.locator("#id_scope").fill("Kiểm tra việc cấp giống sâm cho 5 hộ")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi cuộc kiểm tra")
    page.locator("#finding-severity").select_option("shortcoming")
    page.locator("#finding-text").fill("Một hộ trồng sâm chưa có lưới che nắng")
    page.locator("#finding-recommendation").fill("Làm lưới che trước mùa khô")
    page.locator("#finding-responsible").fill("Trưởng nhóm")
    page.get_by_role("button", name="Lưu phát hiện").click()
    expect(page.locator("#findings")).to_contain_text("Chưa khắc phục")
    page.get_by_text("Ghi việc khắc phục", exact=True).click()
    page.locator("#findings textarea").first.fill("Nhóm đã giúp hộ làm lưới che")
    page.locator("#findings input[type=checkbox]").first.check()
    page.get_by_role("button", name="Lưu việc khắc phục").click()
    expect(page.locator("#findings")).to_contain_text("Đã khắc phục")
    expect(page.locator("#findings")).to_contain_text("Nhóm đã giúp hộ làm lưới che")
    page.screenshot(path="test-results/groups-inspection-phone.png", full_page=True)
    assert Finding.objects.get(inspection__project=project).state == "closed"

    # 6. The quarter's report in the office's template, exported to .xlsx.
    quarter = Period.of(PeriodKind.QUARTER, timezone.localdate())
    page.get_by_role("link", name="Báo cáo định kỳ").click()
    page.get_by_role("link", name=TEMPLATE_NAME).click()
    page.locator("#id_unit").select_option(label="Xã Măng Đen")
    page.locator("#id_period").fill(quarter.slug)
    page.get_by_role("button", name="Xem báo cáo").click()
    expect(page.locator("h1")).to_contain_text("Xã Măng Đen")
    expect(page.locator("#report-lines")).to_contain_text("60.000.000 đ")
    page.screenshot(path="test-results/groups-report-phone.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất .xlsx").click()
    sheet = load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read())).active
    values = {row[1]: row[2] for row in sheet.iter_rows(min_row=7, values_only=True) if row[1]}
    assert values["Số nhóm hộ tự quản được thành lập"] == 1
    assert values["Số hộ tham gia nhóm hộ tự quản"] == 5
    assert values["Hỗ trợ của Nhà nước đã trao cho hộ"] == 60_000_000
    assert values["Số cuộc kiểm tra"] == 1
    assert values["Số phát hiện chưa khắc phục cuối kỳ"] == 0
    assert SelfManagedGroup.objects.get(name="Nhóm hộ trồng sâm Măng Đen").state == "active"
    context.close()
