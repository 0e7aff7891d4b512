"""A collaborator registers a household of four on a phone in one page submit: members added
in place by the page's script, the survey facts folded, the income typed "1,5 triệu", and
the engine's result shown right after."""

import pytest
from playwright.sync_api import expect

from giamngheo.households.models import Household

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAMILY = [
    ("Rơ Châm Thử", "Chủ hộ", "Nam", "01/02/1980", "062080991701"),
    ("Y Thử", "Vợ/chồng", "Nữ", "03/04/1982", "062182991702"),
    ("Rơ Châm Con", "Con", "Nam", "05/06/2014", ""),
    ("Y Út", "Con", "Nữ", "07/08/2016", ""),
]


def test_a_household_of_four_in_one_submit_on_a_phone(live_server, browser, demo):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("ctv.tumorong")
    page.get_by_label("Mật khẩu").fill(demo.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/ho-gia-dinh/them/")
    requests = []
    page.on("request", lambda r: requests.append(r) if r.method == "POST" else None)

    page.get_by_label("Thôn").select_option(index=1)
    page.get_by_label("Thu nhập bình quân đầu người/tháng (đồng)").fill("1,5 triệu")
    for _ in FAMILY[1:]:
        page.get_by_role("button", name="Thêm thành viên").click()
    expect(page.locator("fieldset.member")).to_have_count(4)
    assert not requests  # the rows came from the page's script, not a round trip
    for n, (name, relation, sex, born, cid) in enumerate(FAMILY, start=1):
        member = page.locator(f"#member-{n}")
        member.get_by_label("Họ và tên").fill(name)
        member.get_by_label("Quan hệ với chủ hộ").select_option(label=relation)
        member.get_by_label("Giới tính").select_option(label=sex)
        member.get_by_label("Ngày sinh").fill(born)
        member.get_by_label("Dân tộc").select_option(value="30")
        if cid:
            member.get_by_label("Số CCCD").fill(cid)
    expect(page.locator("#member-1 details")).not_to_have_attribute("open", "")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    page.screenshot(path="test-results/household-one-screen-phone.png", full_page=True)
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator(".messages")).to_contain_text("Đã lưu hộ")
    expect(page.locator("#assessment")).to_be_visible()
    assert len(requests) == 1
    household = Household.objects.get(members__citizen_id="062080991701")
    assert household.members.count() == 4 and household.income_per_capita == 1_500_000
    expect(page.locator("#members")).to_contain_text("Y Út")
    context.close()
