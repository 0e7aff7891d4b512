"""Facts about a household and its members: the contract with the households app.

The Django register maps its models onto these plain dataclasses; the engine never reads
the database. Every field is optional and ``None`` means *unknown* (not asked, not
answered): an indicator that needs an unknown fact is reported as unknown, never silently
as "not deprived". Field names are English and stable; the string values of the enums are
the codes to store.

HouseholdFacts
    area                    rural / urban (``Area``); chooses the income line.
    income_per_capita       income per person per month, in đồng (thu nhập bình quân đầu
                            người/tháng), as estimated by the review.
    members                 the members (``MemberFacts``); ``None`` = list not entered.
    member_count            number of members when the list is incomplete; defaults to
                            ``len(members)``. Used for floor area and dependants.
    has_house               the household has a house to live in (False = homeless).
    housing_type            durable / semi-durable / less-durable / makeshift
                            (kiên cố / bán kiên cố / thiếu kiên cố / đơn sơ).
    walls_durable, frame_durable, roof_durable
                            each of the three main structures (tường, khung-cột, mái) is of
                            durable material; when given they take precedence over
                            ``housing_type``.
    floor_area_m2           living floor area of the house in m².
    water_source            main domestic water source (``WaterSource``).
    latrine_type            latrine used by the household (``LatrineType``).
    any_member_uses_telephone
                            at least one member uses a telephone subscription.
    any_member_uses_internet
                            at least one member uses internet / digital services.
    has_television, has_radio, has_computer, has_phone, has_tablet
                            the household owns the means of information access.
    hears_public_loudspeaker
                            the commune/village loudspeaker can be heard at home.
    waste_handling          how household solid waste is handled (``WasteHandling``).

MemberFacts
    full_name               shown in reasons ("Nguyễn Văn B (12 tuổi) ...").
    date_of_birth           exact date of birth; ages are computed at a reference date.
    birth_year              used when only the year is known (an age is then a range).
    sex                     male / female; the retirement age depends on it.
    has_health_insurance    holds a valid health-insurance card (thẻ BHYT).
    seriously_ill           was ill or injured badly enough to be bedridden or unable to
                            do normal activities in the last 12 months.
    received_medical_care   when seriously ill, was examined or treated.
    in_school               currently attends school or training.
    at_age_appropriate_level
                            a child attends the education level (bậc/cấp học) for their age.
    education_level         highest completed level (``EducationLevel``).
    has_enterprise_training_certificate
                            trained on the job by an enterprise, with a certificate.
    employment_status       employed / unemployed / not in the labour force.
    is_wage_earner          works for a wage or salary (làm công ăn lương).
    has_labour_contract     a wage earner with a labour contract (hợp đồng lao động).
    severe_disability       severe or especially severe disability (khuyết tật nặng,
                            đặc biệt nặng).
    receives_monthly_social_allowance
                            receives the monthly social allowance (trợ cấp xã hội hằng tháng).
    stunted                 a child is stunted (height-for-age below standard).
    underweight             a child is underweight (weight-for-age below standard).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .codes import Area, LabelledEnum


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class HousingType(LabelledEnum):
    """Housing type by the number of main structures of durable material.

    Durable (kiên cố): walls, frame and roof all durable; semi-durable (bán kiên cố): two;
    less-durable (thiếu kiên cố): one; makeshift (đơn sơ): none.
    """

    DURABLE = "durable", "nhà kiên cố"
    SEMI_DURABLE = "semi_durable", "nhà bán kiên cố"
    LESS_DURABLE = "less_durable", "nhà thiếu kiên cố"
    MAKESHIFT = "makeshift", "nhà đơn sơ"

    @property
    def non_durable_structures(self) -> int:
        return _NON_DURABLE_STRUCTURES[self]


_NON_DURABLE_STRUCTURES = {
    HousingType.DURABLE: 0,
    HousingType.SEMI_DURABLE: 1,
    HousingType.LESS_DURABLE: 2,
    HousingType.MAKESHIFT: 3,
}


class WaterSource(LabelledEnum):
    PIPED = "piped", "nước máy"
    DRILLED_WELL = "drilled_well", "giếng khoan"
    PROTECTED_DUG_WELL = "protected_dug_well", "giếng đào được bảo vệ"
    UNPROTECTED_DUG_WELL = "unprotected_dug_well", "giếng đào không được bảo vệ"
    PROTECTED_SPRING = "protected_spring", "nước khe, mó được bảo vệ"
    UNPROTECTED_SPRING = "unprotected_spring", "nước khe, mó không được bảo vệ"
    RAINWATER = "rainwater", "nước mưa"
    BOTTLED = "bottled", "nước đóng chai, bình"
    SURFACE = "surface", "nước sông, suối, ao, hồ"
    OTHER = "other", "nguồn khác"


class LatrineType(LabelledEnum):
    SEPTIC = "septic", "nhà tiêu tự hoại"
    SEMI_SEPTIC = "semi_septic", "nhà tiêu bán tự hoại"
    POUR_FLUSH = "pour_flush", "nhà tiêu thấm dội nước"
    DOUBLE_VAULT = "double_vault", "nhà tiêu khô hai ngăn"
    VENTILATED_PIT = "ventilated_pit", "nhà tiêu chìm có ống thông hơi"
    BIOGAS = "biogas", "nhà tiêu biogas"
    SIMPLE_PIT = "simple_pit", "hố xí đào đơn giản"
    OVERHANG = "overhang", "cầu tiêu trên ao, sông"
    NONE = "none", "không có nhà tiêu"
    OTHER = "other", "loại khác"


class WasteHandling(LabelledEnum):
    COLLECTED = "collected", "được thu gom"
    TREATED_ON_SITE = "treated_on_site", "được phân loại, xử lý hợp vệ sinh tại hộ"
    BURNED_OPENLY = "burned_openly", "đốt lộ thiên"
    DUMPED = "dumped", "vứt ra môi trường"
    OTHER = "other", "cách khác"


class EducationLevel(LabelledEnum):
    """Highest completed level, in increasing order (see ``rank``)."""

    NONE = "none", "chưa tốt nghiệp tiểu học"
    PRIMARY = "primary", "tốt nghiệp tiểu học"
    LOWER_SECONDARY = "lower_secondary", "tốt nghiệp trung học cơ sở"
    VOCATIONAL_ELEMENTARY = "vocational_elementary", "trình độ sơ cấp"
    UPPER_SECONDARY = "upper_secondary", "tốt nghiệp trung học phổ thông"
    VOCATIONAL_INTERMEDIATE = "vocational_intermediate", "trình độ trung cấp"
    COLLEGE = "college", "trình độ cao đẳng"
    UNIVERSITY = "university", "trình độ đại học trở lên"

    @property
    def rank(self) -> int:
        """Position in the order above; a higher rank includes the lower ones."""
        return _EDUCATION_ORDER.index(self)


_EDUCATION_ORDER = list(EducationLevel)


class EmploymentStatus(StrEnum):
    EMPLOYED = "employed"
    UNEMPLOYED = "unemployed"
    NOT_IN_LABOUR_FORCE = "not_in_labour_force"


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """One member of a household; every field ``None`` = unknown (see module docstring)."""

    full_name: str | None = None
    date_of_birth: date | None = None
    birth_year: int | None = None
    sex: Sex | None = None
    has_health_insurance: bool | None = None
    seriously_ill: bool | None = None
    received_medical_care: bool | None = None
    in_school: bool | None = None
    at_age_appropriate_level: bool | None = None
    education_level: EducationLevel | None = None
    has_enterprise_training_certificate: bool | None = None
    employment_status: EmploymentStatus | None = None
    is_wage_earner: bool | None = None
    has_labour_contract: bool | None = None
    severe_disability: bool | None = None
    receives_monthly_social_allowance: bool | None = None
    stunted: bool | None = None
    underweight: bool | None = None


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    """One household; every field ``None`` = unknown (see module docstring)."""

    area: Area | None = None
    income_per_capita: int | None = None
    members: tuple[MemberFacts, ...] | None = None
    member_count: int | None = None
    has_house: bool | None = None
    housing_type: HousingType | None = None
    walls_durable: bool | None = None
    frame_durable: bool | None = None
    roof_durable: bool | None = None
    floor_area_m2: float | None = None
    water_source: WaterSource | None = None
    latrine_type: LatrineType | None = None
    any_member_uses_telephone: bool | None = None
    any_member_uses_internet: bool | None = None
    has_television: bool | None = None
    has_radio: bool | None = None
    has_computer: bool | None = None
    has_phone: bool | None = None
    has_tablet: bool | None = None
    hears_public_loudspeaker: bool | None = None
    waste_handling: WasteHandling | None = None

    @property
    def size(self) -> int | None:
        """Number of members: ``member_count`` if given, else the length of ``members``."""
        if self.member_count is not None:
            return self.member_count
        if self.members:
            return len(self.members)
        return None
