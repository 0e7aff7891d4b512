from datetime import date

import pytest
from django.core.exceptions import ValidationError

from giamngheo.core.concurrency import EditConflict
from giamngheo.households.models import (
    Deprivation,
    Household,
    PolicyGroup,
    PovertyStatus,
    Relation,
    StatusRecord,
)
from giamngheo.households.services import (
    DuplicateWarning,
    MemberProblems,
    create_household,
    record_status,
    update_household,
)

from .conftest import member

pytestmark = pytest.mark.django_db

FACTS = {"income_per_capita": 1_000_000, "floor_area_m2": 20, "address": "", "phone": ""}


def _create(village, by, members=None, **kwargs):
    return create_household(
        village=village, data=FACTS, members=members or [member()], by=by, **kwargs
    )


def test_household_takes_the_commune_and_area_from_its_village(demo, village_a):
    household = _create(village_a, demo.users["canbo.tumorong"])
    assert household.commune == demo.commune_a
    assert household.code.startswith("23425-")
    assert household.head_name == "Đinh Văn Hà"


def test_minority_head_tags_the_household_as_ethnic_minority(demo, village_a):
    household = _create(village_a, demo.users["canbo.tumorong"], members=[member(ethnicity="16")])
    assert list(household.policy_tags.values_list("group", flat=True)) == [
        PolicyGroup.ETHNIC_MINORITY
    ]


def test_engine_assessment_is_kept_for_filters(demo, village_a):
    members = [member(has_health_insurance=False)]
    household = _create(village_a, demo.users["canbo.tumorong"], members=members)
    assert household.assessed_standard == "2022-2025"
    assert "health_insurance" in set(
        Deprivation.objects.filter(household=household).values_list("indicator", flat=True)
    )
    assert household.deprived_count >= 1


@pytest.mark.parametrize(
    ("cid", "message"),
    [
        ("12345", "đúng 12 chữ số"),
        ("999080123456", "không phải mã tỉnh"),
        ("062090123456", "năm sinh là 1980"),
        ("062180123456", "không khớp với giới tính"),
    ],
)
def test_citizen_id_is_validated(demo, village_a, cid, message):
    with pytest.raises(MemberProblems) as exc:
        _create(village_a, demo.users["canbo.tumorong"], members=[member(cid=cid)])
    assert any(message in str(m) for m in exc.value.messages)


def test_citizen_id_is_optional_for_children_but_required_from_14(demo, village_a):
    child = member("Đinh Thị Na", Relation.CHILD, date(2016, 1, 1), None, "female")
    _create(village_a, demo.users["canbo.tumorong"], members=[member(), child])
    teen = member("Đinh Văn Tí", Relation.CHILD, date(2008, 1, 1), None)
    with pytest.raises(MemberProblems) as exc:
        _create(village_a, demo.users["canbo.tumorong"], members=[member(cid="062080654321"), teen])
    assert "bắt buộc có số CCCD từ 14 tuổi" in " ".join(exc.value.messages)


def test_the_same_citizen_id_in_another_household_is_refused_with_a_link(demo, village_a):
    first = _create(village_a, demo.users["canbo.tumorong"])
    with pytest.raises(MemberProblems) as exc:
        _create(village_a, demo.users["canbo.tumorong"], members=[member(name="Người Khác")])
    text = " ".join(exc.value.messages)
    assert f'href="/ho-gia-dinh/{first.code}/"' in text
    assert "đã được đăng ký" in text


def test_a_household_needs_exactly_one_head(demo, village_a):
    with pytest.raises(MemberProblems):
        _create(village_a, demo.users["canbo.tumorong"], members=[member(relation=Relation.SPOUSE)])
    with pytest.raises(MemberProblems):
        _create(
            village_a,
            demo.users["canbo.tumorong"],
            members=[member(), member("B", cid="062080111111")],
        )


def test_same_name_and_birth_date_in_the_commune_is_a_warning_that_can_be_confirmed(
    demo, village_a
):
    _create(village_a, demo.users["canbo.tumorong"])
    twin = member(cid="062080999999")
    with pytest.raises(DuplicateWarning) as exc:
        _create(village_a, demo.users["canbo.tumorong"], members=[twin])
    assert "có phải cùng một người" in exc.value.warnings[0]
    household = _create(
        village_a,
        demo.users["canbo.tumorong"],
        members=[member(cid="062080999999")],
        confirm_duplicates=True,
    )
    assert household.pk


def test_second_save_of_the_same_version_is_refused(demo, village_a):
    household = _create(village_a, demo.users["canbo.tumorong"])
    opened = household.version
    members = list(household.members.all())
    update_household(
        household=household,
        village=village_a,
        data={**FACTS, "phone": "0905000111"},
        members=members,
        version=opened,
        by=demo.users["canbo.tumorong"],
    )
    stale = Household.objects.get(pk=household.pk)
    with pytest.raises(EditConflict):
        update_household(
            household=stale,
            village=village_a,
            data={**FACTS, "phone": "0905999999"},
            members=list(stale.members.all()),
            version=opened,
            by=demo.users["ctv.tumorong"],
        )
    assert Household.objects.get(pk=household.pk).phone == "0905000111"


def test_edits_are_in_the_audit_trail_with_who_and_why(demo, village_a):
    officer = demo.users["canbo.tumorong"]
    household = _create(village_a, officer)
    update_household(
        household=household,
        village=village_a,
        data={**FACTS, "income_per_capita": 2_500_000},
        members=list(household.members.all()),
        version=household.version,
        by=officer,
        reason="Phúc tra thu nhập",
    )
    record = household.history.latest()
    assert record.history_user == officer and record.history_change_reason == "Phúc tra thu nhập"
    change = {c.field: (c.old, c.new) for c in record.diff_against(record.prev_record).changes}
    assert change["income_per_capita"] == (1_000_000, 2_500_000)


def test_status_changes_only_with_a_decision_and_keeps_history(demo, village_a):
    officer = demo.users["canbo.tumorong"]
    household = _create(village_a, officer)
    with pytest.raises(ValidationError):
        record_status(
            household=household,
            status=PovertyStatus.POOR,
            year=2026,
            standard="2022-2025",
            decision_number="",
            decision_date=None,
            source="import",
            by=officer,
        )
    record_status(
        household=household,
        status=PovertyStatus.POOR,
        year=2026,
        standard="2022-2025",
        decision_number="12/QĐ-UBND",
        decision_date=date(2025, 12, 20),
        source=StatusRecord.Source.IMPORT,
        by=officer,
    )
    record_status(
        household=household,
        status=PovertyStatus.ESCAPED_POOR,
        year=2027,
        standard="2027-2030",
        decision_number="30/QĐ-UBND",
        decision_date=date(2026, 6, 1),
        source=StatusRecord.Source.REVIEW,
        by=demo.users["lanhdao.tumorong"],
        reason="Thoát nghèo",
    )
    household.refresh_from_db()
    assert (household.status, household.status_year) == (PovertyStatus.ESCAPED_POOR, 2027)
    records = list(
        household.status_records.values_list("status", "previous_status", "decision_number")
    )
    assert records == [("ESCAPED_POOR", "POOR", "30/QĐ-UBND"), ("POOR", "NOT_LISTED", "12/QĐ-UBND")]
    latest = household.history.latest()
    assert latest.history_user == demo.users["lanhdao.tumorong"]
    assert latest.history_change_reason == "Thoát nghèo"
