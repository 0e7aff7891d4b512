"""Demo households for the demo communes: deterministic, varied enough to show every list."""

import random
from datetime import date

from .models import (
    Household,
    Member,
    PolicyGroup,
    PovertyCause,
    PovertyStatus,
    Relation,
    StatusRecord,
    SupportNeed,
)
from .services import create_household, record_status

HOUSEHOLDS_PER_COMMUNE = 12
# The commune lists recognised at the end of the 2025 review (an invented decision).
INITIAL_DECISION = ("125/QĐ-UBND", date(2025, 12, 20))

# Causes and needs as a review would record them for the poorer demo households.
DEMO_CAUSES = (
    [PovertyCause.NO_LAND, PovertyCause.NO_CAPITAL],
    [PovertyCause.NO_KNOW_HOW],
    [PovertyCause.ILLNESS, PovertyCause.NO_LABOUR],
    [PovertyCause.NO_SKILLS, PovertyCause.NO_MEANS],
)
DEMO_NEEDS = (
    [SupportNeed.PRODUCTION, SupportNeed.CREDIT],
    [SupportNeed.HEALTH],
    [SupportNeed.HOUSING, SupportNeed.EDUCATION],
)
_FAMILY = ("A", "Y", "Nguyễn", "Trần", "Lê", "Đinh", "Hồ", "Phạm", "Võ", "Huỳnh")
_MEN = ("Blong", "Văn Hùng", "Minh Tuấn", "Văn Thắng", "Thanh", "Hyơk", "Văn Nam", "Đức")
_WOMEN = ("Thị Lan", "Thị Hoa", "H'Nga", "Thị Mai", "Y Hen", "Thị Thu", "Thị Hường", "Pơ")
_ETHNIC = ("16", "16", "16", "01", "12", "18")  # Xơ Đăng, Kinh, Ba Na, Hrê


def _citizen_id(rng, born: date, female: bool) -> str:
    century = 0 if born.year < 2000 else 2
    return f"062{century + int(female)}{born.year % 100:02d}{rng.randrange(10**6):06d}"


def _members(rng, poorer: bool) -> list[Member]:
    family = rng.choice(_FAMILY)
    ethnicity = rng.choice(_ETHNIC)
    head_born = date(rng.randint(1960, 1995), rng.randint(1, 12), rng.randint(1, 28))
    spouse_born = date(head_born.year + rng.randint(-3, 3), rng.randint(1, 12), rng.randint(1, 28))
    members = [
        Member(full_name=f"{family} {rng.choice(_MEN)}", relation=Relation.HEAD, sex="male", date_of_birth=head_born, ethnicity=ethnicity,
               citizen_id=_citizen_id(rng, head_born, False), has_health_insurance=not poorer or rng.random() < 0.6,
               education_level="primary" if poorer else "upper_secondary", employment_status="employed",
               is_wage_earner=False, seriously_ill=False, severe_disability=False),
        Member(full_name=f"{rng.choice(_FAMILY)} {rng.choice(_WOMEN)}", relation=Relation.SPOUSE, sex="female", date_of_birth=spouse_born,
               ethnicity=ethnicity, citizen_id=_citizen_id(rng, spouse_born, True), has_health_insurance=True,
               education_level="primary", employment_status="employed", is_wage_earner=False, seriously_ill=False, severe_disability=False),
    ]  # fmt: skip
    for _ in range(rng.randint(0, 3)):
        born = date(rng.randint(2013, 2022), rng.randint(1, 12), rng.randint(1, 28))
        female = rng.random() < 0.5
        members.append(
            Member(full_name=f"{family} {rng.choice(_WOMEN if female else _MEN)}", relation=Relation.CHILD, sex="female" if female else "male",
                   date_of_birth=born, ethnicity=ethnicity, has_health_insurance=True, in_school=not poorer or rng.random() < 0.7,
                   at_age_appropriate_level=True, seriously_ill=False, severe_disability=False, stunted=poorer and rng.random() < 0.3, underweight=False)
        )  # fmt: skip
    return members


def build(base, stdout=None) -> int:
    """Create the demo households once; return how many were added."""
    rng = random.Random(2026)
    added = 0
    for slug, commune in base.communes.items():
        villages = list(commune.children.filter(level="village").order_by("code"))
        officer = base.users[f"canbo.{slug}"]
        existing = Household.objects.filter(commune=commune).count()
        for i in range(HOUSEHOLDS_PER_COMMUNE):
            poorer = i % 3 != 2
            members = _members(rng, poorer)  # drawn even when skipped, so the data stays the same
            facts = {
                "income_per_capita": rng.choice([900_000, 1_300_000, 1_500_000]) if poorer else rng.choice([2_400_000, 3_500_000]),
                "has_house": True, "housing_type": "less_durable" if poorer else "durable",
                "walls_durable": not poorer, "frame_durable": True, "roof_durable": not poorer or rng.random() < 0.5,
                "floor_area_m2": rng.choice([18, 24, 36]) if poorer else 80,
                "water_source": rng.choice(["unprotected_spring", "protected_dug_well", "piped"]) if poorer else "piped",
                "latrine_type": rng.choice(["simple_pit", "none", "double_vault"]) if poorer else "septic",
                "any_member_uses_telephone": True, "any_member_uses_internet": not poorer,
                "has_television": not poorer or rng.random() < 0.5, "has_radio": False, "has_computer": not poorer,
                "has_phone": True, "has_tablet": False, "hears_public_loudspeaker": True, "waste_handling": "collected",
                "address": "", "phone": "",
            }  # fmt: skip
            if i < existing:
                continue
            household = create_household(
                village=villages[i % len(villages)], data=facts, members=members,
                policy_groups=[PolicyGroup.NO_WORKING_CAPACITY] if i == 4 else [], by=officer,
                causes=DEMO_CAUSES[i % len(DEMO_CAUSES)] if poorer else [],
                needs=DEMO_NEEDS[i % len(DEMO_NEEDS)] if poorer else [],
                reason="Dữ liệu mẫu", confirm_duplicates=True,
            )  # fmt: skip
            status = {
                0: PovertyStatus.POOR,
                1: PovertyStatus.NEAR_POOR,
                3: PovertyStatus.POOR,
                5: PovertyStatus.ESCAPED_POOR,
            }.get(i % 6)
            if status:
                record_status(
                    household=household, status=status, year=2026, standard="2022-2025",
                    decision_number=INITIAL_DECISION[0], decision_date=INITIAL_DECISION[1],
                    source=StatusRecord.Source.IMPORT, by=officer, reason="Danh sách đầu kỳ (dữ liệu mẫu)",
                )  # fmt: skip
            added += 1
    if stdout is not None:
        stdout.write(f"Demo: {added} households added.")
    return added
