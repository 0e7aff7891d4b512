from datetime import date

from giamngheo.reviews.procedures import (
    add_working_days,
    adhoc_deadline,
    adhoc_start,
    procedure_by_code,
    procedure_on,
)


def test_working_days_skip_weekends_and_public_holidays():
    friday = date(2025, 11, 14)
    assert add_working_days(friday, 3) == date(2025, 11, 18)
    assert add_working_days(friday, 3, holidays={date(2025, 11, 17)}) == date(2025, 11, 19)
    assert add_working_days(date(2025, 11, 15), 1) == date(2025, 11, 17)  # starts on Monday


def test_the_procedure_follows_the_date_and_the_district_step_ends_on_1_july_2025():
    assert procedure_on(date(2019, 5, 1)).code == "tt17-2016"
    assert procedure_on(date(2023, 5, 1)).code == "qd24-2021"
    assert procedure_on(date(2025, 6, 30)).consult_level_above
    assert procedure_on(date(2025, 7, 1)).consult_level_above == ""


def test_ad_hoc_reviews_start_on_the_15th_and_are_answered_within_15_days():
    procedure = procedure_by_code("qd24-2021-2cap")
    assert adhoc_start(procedure, date(2025, 10, 6)) == date(2025, 10, 15)
    assert adhoc_start(procedure, date(2025, 10, 20)) == date(2025, 11, 15)
    assert adhoc_start(procedure, date(2025, 12, 20)) == date(2026, 1, 15)
    assert adhoc_deadline(procedure, date(2025, 10, 6)) == date(2025, 10, 30)


def test_the_2016_rule_answers_within_7_working_days_of_receipt():
    procedure = procedure_by_code("tt17-2016")
    assert adhoc_deadline(procedure, date(2019, 3, 1)) == date(2019, 3, 12)  # Fri + 7 working days


def test_unverified_durations_say_so_with_their_legal_basis():
    label = procedure_by_code("qd24-2021-2cap").posting.label
    assert "3 ngày làm việc" in label and "Quyết định 24/2021/QĐ-TTg" in label
    assert "chưa xác minh" in label


def test_decision_24_2021_applies_from_its_effective_date_1_september_2021():
    assert procedure_on(date(2021, 8, 31)).code == "tt17-2016"
    assert procedure_on(date(2021, 9, 1)).code == "qd24-2021"
    assert procedure_on(date(2021, 12, 31)).code == "qd24-2021"
