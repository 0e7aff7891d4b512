"""Fixtures of the reports tests.

The periodic reports hang on the groups' fixtures (Xã Măng Đen, its households, a group with
its project). The review reports use a small commune whose every figure the tests compute by hand:

Xã Thử Nghiệm, two villages (Thôn Một, Thôn Hai), ten households; the period is 2025, whose
start lists are those decided by 31/12/2024:

    code  village  history (decision dates)                         movement in 2025
    H01   Một      POOR 20/12/2024 (import) → POOR 15/12/2025         continuing
    H02   Một      POOR 2024 (import) → ESCAPED_POOR 10/06/2025       escaped poverty
    H03   Một      ESCAPED_POOR 2024 (import) → POOR 15/12/2025       fallen back (tái nghèo)
    H04   Hai      — → POOR 15/12/2025                                newly poor
    H05   Hai      NEAR_POOR 2024 (import) → POOR 15/12/2025          newly poor (from near-poor)
    H06   Hai      POOR 2024 (import) → NEAR_POOR 15/12/2025          poor → near-poor
    H07   Hai      POOR 2024 (import) → NOT_LISTED 01/08/2025 (moved away)   moved out
    H08   Một      NEAR_POOR 01/03/2025 (moved in)                    moved in
    H09   Một      NEAR_POOR 2024 (import) → ESCAPED_NEAR_POOR 15/12/2025   escaped near-poverty
    H10   Hai      never listed; assessed AVERAGE, agricultural household

Facts (the register's recorded deprivations, groups, causes, needs, ethnicity, children) are
listed in ``FACTS``; the tests read the expected figures from this table by hand.
"""

from datetime import date
from types import SimpleNamespace

import pytest

from giamngheo.accounts.models import Role, RoleAssignment, User
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import (
    Deprivation,
    Household,
    Member,
    PolicyTag,
    PovertyStatus,
    Relation,
    StatusRecord,
)
from giamngheo.households.services import create_household, record_status
from tests.core.test_exports import run_worker  # noqa: F401
from tests.groups.conftest import (  # noqa: F401
    active_group,
    collaborator,
    committed,
    eligible,
    leader,
    make_group,
    mangden,
    not_eligible,
    officer,
    project,
)

P = PovertyStatus
S = StatusRecord.Source
Y2024, DEC, JUN, AUG, MAR = (
    date(2024, 12, 20), date(2025, 12, 15), date(2025, 6, 10), date(2025, 8, 1), date(2025, 3, 1),
)  # fmt: skip

# code: (village, ethnicity, [(status, date, source)], deprivations, groups, causes, needs,
#        children [(born, has_insurance, stunted, underweight, in_school)])
FACTS = {
    "H01": ("Một", "16", [(P.POOR, Y2024, S.IMPORT), (P.POOR, DEC, S.REVIEW)],
            ["health_insurance", "nutrition"], ["person_of_merit"], ["no_land", "no_capital"],
            ["production", "credit"], [(date(2015, 4, 2), False, True, False, True)]),
    "H02": ("Một", "01", [(P.POOR, Y2024, S.IMPORT), (P.ESCAPED_POOR, JUN, S.REVIEW)],
            ["latrine"], [], [], ["health"], [(date(2016, 1, 5), False, False, False, False)]),
    "H03": ("Một", "16", [(P.ESCAPED_POOR, Y2024, S.IMPORT), (P.POOR, DEC, S.REVIEW)],
            ["employment", "housing_quality", "floor_area"],
            ["social_protection", "no_working_capacity"], ["illness", "no_labour"], [],
            [(date(2013, 9, 9), True, False, False, False)]),
    "H04": ("Hai", "01", [(P.POOR, DEC, S.REVIEW)], ["health_insurance"], [], [], ["health"],
            [(date(2020, 6, 1), False, False, True, None)]),
    "H05": ("Hai", "12", [(P.NEAR_POOR, Y2024, S.IMPORT), (P.POOR, DEC, S.REVIEW)], [], [],
            ["no_capital"], [], []),
    "H06": ("Hai", "01", [(P.POOR, Y2024, S.IMPORT), (P.NEAR_POOR, DEC, S.REVIEW)], ["latrine"],
            ["no_working_capacity"], ["no_skills"], ["housing"],
            [(date(2018, 2, 2), False, False, False, True)]),
    "H07": ("Hai", "01", [(P.POOR, Y2024, S.IMPORT), (P.NOT_LISTED, AUG, S.MOVED_OUT)], [], [], [],
            [], []),
    "H08": ("Một", "18", [(P.NEAR_POOR, MAR, S.MOVED_IN)],
            ["water_source", "latrine", "telecom_use", "information_means", "housing_quality"], [],
            [], ["education", "other"], []),
    "H09": ("Một", "01", [(P.NEAR_POOR, Y2024, S.IMPORT), (P.ESCAPED_NEAR_POOR, DEC, S.REVIEW)],
            [], [], [], [], []),
    "H10": ("Hai", "01", [], [], ["agriculture"], [], [], []),
}  # fmt: skip


def _unit(code, name, level, kind, parent):
    unit, _created = Unit.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "kind": kind, "parent": parent}
    )
    return unit


def _members(n, ethnicity, children):
    members = [
        Member(full_name=f"Chủ Hộ {n:02d}", relation=Relation.HEAD, sex="male",
               date_of_birth=date(1980, 5, 17), ethnicity=ethnicity,
               citizen_id=f"062080{900000 + n:06d}"),
        Member(full_name=f"Vợ Hộ {n:02d}", relation=Relation.SPOUSE, sex="female",
               date_of_birth=date(1985, 3, 3), ethnicity=ethnicity,
               citizen_id=f"062185{900000 + n:06d}"),
    ]  # fmt: skip
    for i, (born, insured, stunted, underweight, in_school) in enumerate(children, start=1):
        members.append(
            Member(full_name=f"Con {i} Hộ {n:02d}", relation=Relation.CHILD, sex="female",
                   date_of_birth=born, ethnicity=ethnicity, has_health_insurance=insured,
                   stunted=stunted, underweight=underweight, in_school=in_school)
        )  # fmt: skip
    return members


def build_small_commune(province, officer_user):
    commune = _unit("99901", "Xã Thử Nghiệm", Level.COMMUNE, "xa", province)
    villages = {
        "Một": _unit("9990101", "Thôn Một", Level.VILLAGE, "thon", commune),
        "Hai": _unit("9990102", "Thôn Hai", Level.VILLAGE, "thon", commune),
    }
    households = {}
    for n, (code, facts) in enumerate(FACTS.items(), start=1):
        village, ethnicity, history, deprived, groups, causes, needs, children = facts
        h = create_household(
            village=villages[village], data={}, members=_members(n, ethnicity, children),
            policy_groups=groups, causes=causes, needs=needs, by=officer_user,
            confirm_duplicates=True, code=f"99901-{code}",
        )  # fmt: skip
        Deprivation.objects.filter(household=h).delete()
        Deprivation.objects.bulk_create([Deprivation(household=h, indicator=i) for i in deprived])
        category = "AVERAGE" if code == "H10" else "POOR"
        Household.objects.filter(pk=h.pk).update(
            deprived_count=len(deprived), assessed_category=category
        )
        for status, on, source in history:
            record_status(
                household=h, status=status, year=on.year + 1, standard="2022-2025",
                decision_number=f"{on:%d%m%Y}/QĐ-UBND", decision_date=on, source=source,
                by=officer_user,
            )  # fmt: skip
        households[code] = h
    assert PolicyTag.objects.filter(household__commune=commune, group="agriculture").count() == 1
    return commune, villages, households


@pytest.fixture
def small(demo):
    user, _created = User.objects.get_or_create(username="canbo.thunghiem")
    commune, villages, households = build_small_commune(demo.province, user)
    RoleAssignment.objects.get_or_create(user=user, role=Role.COMMUNE_OFFICER, unit=commune)
    return SimpleNamespace(
        commune=commune,
        villages=villages,
        households=households,
        officer=user,
        province_staff=demo.users["tinh.quangngai"],
        other_officer=demo.users["canbo.tumorong"],
        demo=demo,
    )
