"""After a corrected rule is applied to the register, the commune officer finds the
households whose assessed category changed and reads the notice on the household page; a
leader opening an ad-hoc review whose result is still posted sees until when, and no
decision button."""

import dataclasses
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from giamngheo.households.models import Household
from giamngheo.households.reassessment import reassess
from giamngheo.poverty import STANDARD_2022_2025
from giamngheo.poverty.indicators import HousingQualityRule
from giamngheo.reviews import services
from giamngheo.reviews.models import ApplicationKind, Channel

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OLD_RULE = dataclasses.replace(
    STANDARD_2022_2025,
    indicators=tuple(
        dataclasses.replace(i, rule=HousingQualityRule(min_non_durable=1))
        if i.code == "housing_quality"
        else i
        for i in STANDARD_2022_2025.indicators
    ),
)


def _login(page, url, username, password):
    page.goto(f"{url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_officer_lists_changed_assessments_and_leader_waits_for_the_posting(
    live_server, browser, demo, phone_context_args
):
    household = Household.objects.filter(commune=demo.commune_a, members__isnull=False).first()
    # One member deprived on nothing: only the house, the water and the latrine count.
    household.members.exclude(relation="head").delete()
    household.members.update(
        date_of_birth=date(1980, 1, 1), birth_year=None, sex="male", has_health_insurance=True,
        seriously_ill=False, received_medical_care=True, in_school=False,
        at_age_appropriate_level=True, education_level="upper_secondary",
        has_enterprise_training_certificate=False, employment_status="employed",
        is_wage_earner=False, has_labour_contract=False, severe_disability=False,
        receives_monthly_social_allowance=False, stunted=False, underweight=False,
    )  # fmt: skip
    Household.objects.filter(pk=household.pk).update(
        income_per_capita=1_200_000, has_house=True, housing_type="semi_durable",
        walls_durable=None, frame_durable=None, roof_durable=None, floor_area_m2=60,
        water_source="surface", latrine_type="none", any_member_uses_internet=True,
        any_member_uses_telephone=True, has_television=True, waste_handling="collected",
    )  # fmt: skip
    mine = Household.objects.filter(commune=demo.commune_a)
    reassess(mine, on=date(2026, 6, 1), standard=OLD_RULE)
    reassess(mine, on=date(2026, 6, 1))
    household.refresh_from_db()
    assert household.previous_assessed_category == "POOR"
    assert household.assessed_category == "NEAR_POOR"

    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    _login(page, live_server.url, "canbo.tumorong", demo.password)
    page.get_by_role("link", name="Hộ gia đình").first.click()
    page.get_by_role("link", name="Hộ thay đổi phân loại sau khi đánh giá lại").click()
    table = page.locator("#assessment-changes")
    expect(table).to_contain_text(household.code)
    expect(table).to_contain_text("Hộ nghèo")
    expect(table).to_contain_text("Hộ cận nghèo")
    page.screenshot(path="test-results/assessment-changes-phone.png", full_page=True)
    table.get_by_role("link").first.click()
    expect(page.locator("#assessment-changed")).to_contain_text(
        "Trạng thái trong danh sách không thay đổi"
    )
    context.close()

    # An ad-hoc review checked today: its result is posted until three working days later.
    officer = demo.users["canbo.tumorong"]
    today = timezone.localdate()
    other = (
        Household.objects.filter(commune=demo.commune_a, status="NOT_LISTED")
        .exclude(pk=household.pk)
        .first()
    )
    received = today - timedelta(days=20)
    review = services.submit_application(
        household=other, kind=ApplicationKind.INCLUSION, channel=Channel.IN_PERSON,
        applicant_name="Chủ hộ", reason="Ốm đau", received_on=received, by=officer,
    )  # fmt: skip
    review = services.record_adhoc_survey(
        review=review, filled_on=today, by=officer, score_a=120,
        deprived_indicators=["health_insurance", "housing_quality", "latrine"],
    )  # fmt: skip
    review = services.record_adhoc_check(
        review=review, meeting_held_on=today, present=30, agreeing=25, posted_on=today, by=officer
    )
    assert review.posting_ends_on > today
    context = browser.new_context(**phone_context_args)
    page = context.new_page()
    _login(page, live_server.url, "lanhdao.tumorong", demo.password)
    page.goto(f"{live_server.url}/ra-soat/thuong-xuyen/{review.pk}/")
    notice = page.locator("#posting-until")
    expect(notice).to_contain_text(review.posting_ends_on.strftime("%d/%m/%Y"))
    expect(page.get_by_role("link", name="Quyết định công nhận")).to_have_count(0)
    page.screenshot(path="test-results/adhoc-posting-phone.png", full_page=True)
