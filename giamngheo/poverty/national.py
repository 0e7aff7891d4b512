"""The national multidimensional poverty standards, as data, and which one is in force.

Source of truth: /work/shared/domain/standards.md and regulations.md. Every wording that
has not been checked against the legal text keeps its status and a Vietnamese note that
the UI shows next to the explanation:

* ``2016-2020``: Decision 59/2015/QĐ-TTg Art. 2 (in force 2016–2020 and, by Decree
  07/2021/NĐ-CP Art. 2, through 2021). Indicator names verified, thresholds UNVERIFIED.
* ``2022-2025``: Decree 07/2021/NĐ-CP Art. 3, amended by Decree 30/2025/NĐ-CP, kept in
  force through 31/12/2026 by Decree 351/2025/NĐ-CP. Lines, bands, the 12 indicator names,
  the health-insurance age and the 8 m² threshold verified; other wordings to confirm
  against the Decree's annex.
* ``2027-2030``: Decree 351/2025/NĐ-CP, lines verified (secondary sources); indicator
  structure from the September 2025 draft, PROVISIONAL. Confirming it is a data change.
"""

from __future__ import annotations

from collections.abc import Sequence

from .codes import Area, Category, Verification
from .facts import EducationLevel, LatrineType, WasteHandling, WaterSource
from .indicators import (
    AdultEducationRule,
    ChildSchoolAttendanceRule,
    DependantsRule,
    EducationAgeBand,
    EmploymentRule,
    FloorAreaRule,
    HealthInsuranceRule,
    HealthServicesRule,
    HousingQualityRule,
    InformationMeansRule,
    LatrineRule,
    NutritionRule,
    TelecomUseRule,
    WasteHandlingRule,
    WaterSourceRule,
)
from .standards import AreaLines, Band, Dimension, Indicator, Standard, SurveyScoring

R, U = Area.RURAL, Area.URBAN

SAFE_WATER = frozenset(
    {
        WaterSource.PIPED,
        WaterSource.DRILLED_WELL,
        WaterSource.PROTECTED_DUG_WELL,
        WaterSource.PROTECTED_SPRING,
        WaterSource.RAINWATER,
        WaterSource.BOTTLED,
    }
)
HYGIENIC_LATRINES = frozenset(
    {
        LatrineType.SEPTIC,
        LatrineType.SEMI_SEPTIC,
        LatrineType.POUR_FLUSH,
        LatrineType.DOUBLE_VAULT,
        LatrineType.VENTILATED_PIT,
        LatrineType.BIOGAS,
    }
)

HEALTH = Dimension("health", "Y tế")
EDUCATION = Dimension("education", "Giáo dục")
HOUSING = Dimension("housing", "Nhà ở")
WATER_SANITATION = Dimension("water_sanitation", "Nước sạch và vệ sinh")
INFORMATION = Dimension("information", "Thông tin")
EMPLOYMENT = Dimension("employment", "Việc làm")

# ---------------------------------------------------------------------------------------
# 2016–2020: Decision 59/2015/QĐ-TTg
# ---------------------------------------------------------------------------------------
D59 = "Quyết định 59/2015/QĐ-TTg, Điều 2"
D59_NOTE = (
    "Ngưỡng thiếu hụt ghi theo tài liệu thứ cấp, CHƯA đối chiếu với văn bản "
    "Quyết định 59/2015/QĐ-TTg."
)


def _d59(code, dimension, name, deprived_when, rule) -> Indicator:
    return Indicator(
        code, dimension.code, name, deprived_when, rule, D59, Verification.UNVERIFIED, D59_NOTE
    )


STANDARD_2016_2020 = Standard(
    code="2016-2020",
    name="Chuẩn nghèo tiếp cận đa chiều giai đoạn 2016–2020",
    years=range(2016, 2022),
    legal_basis=(
        "Quyết định 59/2015/QĐ-TTg ngày 19/11/2015 của Thủ tướng Chính phủ",
        "Nghị định 07/2021/NĐ-CP, Điều 2 (tiếp tục áp dụng trong năm 2021)",
    ),
    income_bands=(
        Band(
            "poverty_line",
            "chuẩn nghèo",
            {R: 700_000, U: 900_000},
            Category.POOR,
            source="Quyết định 59/2015/QĐ-TTg, Điều 2, khoản 1 và 2",
        ),
        Band(
            "near_poverty_line",
            "mức sống tối thiểu",
            {R: 1_000_000, U: 1_300_000},
            Category.POOR,
            min_deprivations=3,
            category_if_fewer=Category.NEAR_POOR,
            source="Quyết định 59/2015/QĐ-TTg, Điều 2, khoản 1 và 2",
        ),
        Band(
            "average",
            "mức sống trung bình",
            {R: 1_500_000, U: 1_950_000},
            Category.AVERAGE,
            source="Quyết định 59/2015/QĐ-TTg, Điều 2, khoản 3",
            verification=Verification.UNVERIFIED,
            note="Theo tài liệu thứ cấp, CHƯA đối chiếu với văn bản Quyết định 59/2015/QĐ-TTg "
            "(nông thôn trên 1.000.000 đến 1.500.000 đồng; thành thị trên 1.300.000 đến "
            "1.950.000 đồng).",
        ),
    ),
    dimensions=(HEALTH, EDUCATION, HOUSING, WATER_SANITATION, INFORMATION),
    indicators=(
        _d59(
            "health_services",
            HEALTH,
            "Tiếp cận các dịch vụ y tế",
            "Hộ có thành viên bị ốm đau nặng (phải nằm một chỗ, không làm được các hoạt động "
            "bình thường) nhưng không được khám chữa bệnh",
            HealthServicesRule(),
        ),
        _d59(
            "health_insurance",
            HEALTH,
            "Bảo hiểm y tế",
            "Hộ có ít nhất 01 thành viên từ 6 tuổi trở lên không có bảo hiểm y tế",
            HealthInsuranceRule(min_age=6),
        ),
        _d59(
            "adult_education",
            EDUCATION,
            "Trình độ giáo dục của người lớn",
            "Hộ có thành viên từ 15 đến 30 tuổi chưa tốt nghiệp trung học cơ sở "
            "và hiện không đi học",
            AdultEducationRule(
                bands=(
                    EducationAgeBand(
                        15, 31, EducationLevel.LOWER_SECONDARY, "chưa tốt nghiệp trung học cơ sở"
                    ),
                )
            ),
        ),
        _d59(
            "child_school_attendance",
            EDUCATION,
            "Tình trạng đi học của trẻ em",
            "Hộ có ít nhất 01 trẻ em từ 5 đến dưới 15 tuổi hiện không đi học",
            ChildSchoolAttendanceRule(from_age=5, below_age=15),
        ),
        _d59(
            "housing_quality",
            HOUSING,
            "Chất lượng nhà ở",
            "Hộ đang ở trong nhà thiếu kiên cố hoặc nhà đơn sơ",
            HousingQualityRule(min_non_durable=2),
        ),
        _d59(
            "floor_area",
            HOUSING,
            "Diện tích nhà ở bình quân đầu người",
            "Diện tích nhà ở bình quân đầu người của hộ nhỏ hơn 8 m²",
            FloorAreaRule(min_m2_per_person=8),
        ),
        _d59(
            "water_source",
            WATER_SANITATION,
            "Nguồn nước sinh hoạt",
            "Hộ không được tiếp cận nguồn nước hợp vệ sinh",
            WaterSourceRule(SAFE_WATER),
        ),
        _d59(
            "latrine",
            WATER_SANITATION,
            "Hố xí/nhà tiêu hợp vệ sinh",
            "Hộ không sử dụng hố xí/nhà tiêu hợp vệ sinh",
            LatrineRule(HYGIENIC_LATRINES),
        ),
        _d59(
            "telecom_use",
            INFORMATION,
            "Sử dụng dịch vụ viễn thông",
            "Hộ không có thành viên nào sử dụng thuê bao điện thoại hoặc internet",
            TelecomUseRule(telephone_counts=True),
        ),
        _d59(
            "information_means",
            INFORMATION,
            "Tài sản phục vụ tiếp cận thông tin",
            "Hộ không có tài sản nào trong số: tivi, radio, máy vi tính; và không nghe được "
            "hệ thống loa truyền thanh xã/thôn",
            InformationMeansRule(
                means=("has_television", "has_radio", "has_computer"), loudspeaker_counts=True
            ),
        ),
    ),
    verification=Verification.VERIFIED,
    note=D59_NOTE,
    survey_scoring=SurveyScoring(
        score_name="Điểm B1",
        deprivation_score_name="điểm B2",
        bands=(
            Band(
                "b1_poverty",
                "mức điểm nghèo theo thu nhập",
                {R: 120, U: 140},
                Category.POOR,
                source="Thông tư 17/2016/TT-BLĐTBXH, sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH",
            ),
            Band(
                "b1_near_poverty",
                "mức điểm cận nghèo",
                {R: 150, U: 175},
                Category.POOR,
                min_deprivations=30,
                category_if_fewer=Category.NEAR_POOR,
                source="Thông tư 17/2016/TT-BLĐTBXH, sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH",
            ),
        ),
        points_per_deprivation=10,
        source="Thông tư 17/2016/TT-BLĐTBXH, sửa đổi bởi Thông tư 14/2018/TT-BLĐTBXH",
        note="Chưa có bảng điểm chi tiết của phiếu B: nhập điểm B1 từ phiếu giấy.",
    ),
)

# ---------------------------------------------------------------------------------------
# 2022–2025 (and 2026): Decree 07/2021/NĐ-CP amended by Decree 30/2025/NĐ-CP
# ---------------------------------------------------------------------------------------
N07 = "Nghị định 07/2021/NĐ-CP, Điều 3 và Phụ lục"
TO_CONFIRM_07 = "Cách hiểu ngưỡng thiếu hụt cần đối chiếu với Nghị định 07/2021/NĐ-CP (Phụ lục)."


def _n07(code, dimension, name, deprived_when, rule, verified=False, note="") -> Indicator:
    if verified:
        return Indicator(code, dimension.code, name, deprived_when, rule, N07)
    return Indicator(
        code,
        dimension.code,
        name,
        deprived_when,
        rule,
        N07,
        Verification.TO_CONFIRM,
        " ".join(filter(None, [TO_CONFIRM_07, note])),
    )


# standards.md, corrected 2026-11-29: an earlier reading ("not all three structures durable")
# counted every semi-durable house (one non-durable structure) as deprived.
HOUSING_QUALITY_WHEN = (
    "Hộ không có nhà ở, hoặc đang ở nhà thiếu kiên cố hoặc nhà đơn sơ (ít nhất 2 trong 3 "
    "kết cấu chính — tường, khung-cột, mái — không bền chắc). Nhà bán kiên cố (1 kết cấu "
    "không bền chắc) không bị coi là thiếu hụt"
)
HOUSING_QUALITY_NOTE = (
    "Đính chính ngày 29/11/2026: trước đây hệ thống coi nhà bán kiên cố (chỉ 1 kết cấu "
    "không bền chắc) là thiếu hụt; nay chỉ nhà thiếu kiên cố, nhà đơn sơ hoặc không có nhà."
)

ADULT_EDUCATION_2022 = AdultEducationRule(
    bands=(
        EducationAgeBand(16, 18, EducationLevel.LOWER_SECONDARY, "chưa tốt nghiệp trung học cơ sở"),
        EducationAgeBand(
            18,
            31,
            EducationLevel.VOCATIONAL_ELEMENTARY,
            "chưa tốt nghiệp trung học phổ thông và chưa có trình độ giáo dục nghề nghiệp "
            "(sơ cấp, trung cấp, cao đẳng)",
        ),
    ),
    enterprise_certificate_counts=True,
)

STANDARD_2022_2025 = Standard(
    code="2022-2025",
    name="Chuẩn nghèo đa chiều giai đoạn 2022–2025",
    years=range(2022, 2027),
    legal_basis=(
        "Nghị định 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ, Điều 3",
        "Nghị định 30/2025/NĐ-CP ngày 24/02/2025 sửa đổi, bổ sung Nghị định 07/2021/NĐ-CP",
        "Nghị định 351/2025/NĐ-CP ngày 30/12/2025 (tiếp tục áp dụng đến 31/12/2026)",
    ),
    income_bands=(
        Band(
            "poverty_line",
            "chuẩn nghèo",
            {R: 1_500_000, U: 2_000_000},
            Category.POOR,
            min_deprivations=3,
            category_if_fewer=Category.NEAR_POOR,
            source="Nghị định 07/2021/NĐ-CP, Điều 3, khoản 2, điểm a và b",
        ),
        Band(
            "average",
            "mức sống trung bình",
            {R: 2_250_000, U: 3_000_000},
            Category.AVERAGE,
            source="Nghị định 07/2021/NĐ-CP, Điều 3, khoản 2, điểm c",
            note="Dùng cho hộ làm nông, lâm, ngư, diêm nghiệp có mức sống trung bình.",
        ),
    ),
    dimensions=(EMPLOYMENT, HEALTH, EDUCATION, HOUSING, WATER_SANITATION, INFORMATION),
    indicators=(
        _n07(
            "employment",
            EMPLOYMENT,
            "Việc làm",
            "Hộ có ít nhất 01 người trong độ tuổi lao động thất nghiệp, hoặc làm công "
            "ăn lương không có hợp đồng lao động",
            EmploymentRule(),
            note="Độ tuổi lao động: từ 15 tuổi đến tuổi nghỉ hưu (Bộ luật Lao động 2019, "
            "Nghị định 135/2020/NĐ-CP).",
        ),
        _n07(
            "dependants",
            EMPLOYMENT,
            "Người phụ thuộc trong hộ gia đình",
            "Người phụ thuộc (trẻ em dưới 16 tuổi, người quá tuổi lao động, người khuyết "
            "tật nặng) chiếm trên 50% số thành viên của hộ",
            DependantsRule(max_share=0.5, child_below_age=16),
        ),
        _n07(
            "nutrition",
            HEALTH,
            "Dinh dưỡng",
            "Hộ có ít nhất 01 trẻ em dưới 16 tuổi bị suy dinh dưỡng thấp còi hoặc nhẹ cân",
            NutritionRule(below_age=16),
        ),
        _n07(
            "health_insurance",
            HEALTH,
            "Bảo hiểm y tế",
            "Hộ có ít nhất 01 người từ 6 tuổi trở lên không có bảo hiểm y tế",
            HealthInsuranceRule(min_age=6),
            verified=True,
        ),
        _n07(
            "adult_education",
            EDUCATION,
            "Trình độ giáo dục của người lớn",
            "Hộ có ít nhất 01 người từ 16 đến 30 tuổi không tham gia học tập và chưa đạt "
            "trình độ theo độ tuổi (16 đến dưới 18 tuổi: trung học cơ sở; 18 đến 30 tuổi: "
            "trung học phổ thông hoặc sơ cấp, trung cấp, cao đẳng; hoặc có chứng chỉ đào tạo "
            "tại doanh nghiệp)",
            ADULT_EDUCATION_2022,
        ),
        _n07(
            "child_school_attendance",
            EDUCATION,
            "Tình trạng đi học của trẻ em",
            "Hộ có ít nhất 01 trẻ em từ 3 đến dưới 16 tuổi không được học đúng bậc, cấp học "
            "phù hợp với độ tuổi",
            ChildSchoolAttendanceRule(
                from_age=3, below_age=16, requires_age_appropriate_level=True
            ),
        ),
        _n07(
            "housing_quality",
            HOUSING,
            "Chất lượng nhà ở",
            HOUSING_QUALITY_WHEN,
            HousingQualityRule(min_non_durable=2),
            note=HOUSING_QUALITY_NOTE,
        ),
        _n07(
            "floor_area",
            HOUSING,
            "Diện tích nhà ở bình quân đầu người",
            "Diện tích nhà ở bình quân đầu người của hộ nhỏ hơn 8 m²",
            FloorAreaRule(min_m2_per_person=8),
            verified=True,
        ),
        _n07(
            "water_source",
            WATER_SANITATION,
            "Nguồn nước sinh hoạt",
            "Hộ không được tiếp cận nguồn nước sinh hoạt an toàn, hợp vệ sinh",
            WaterSourceRule(SAFE_WATER),
        ),
        _n07(
            "latrine",
            WATER_SANITATION,
            "Nhà tiêu hợp vệ sinh",
            "Hộ không sử dụng nhà tiêu hợp vệ sinh",
            LatrineRule(HYGIENIC_LATRINES),
        ),
        _n07(
            "telecom_use",
            INFORMATION,
            "Sử dụng dịch vụ viễn thông",
            "Hộ không có thành viên nào sử dụng dịch vụ internet",
            TelecomUseRule(telephone_counts=False),
            note="Ngưỡng này CHƯA KIỂM CHỨNG.",
        ),
        _n07(
            "information_means",
            INFORMATION,
            "Phương tiện phục vụ tiếp cận thông tin",
            "Hộ không có phương tiện nào trong số: tivi, radio, máy tính để bàn hoặc xách tay, "
            "điện thoại, máy tính bảng",
            InformationMeansRule(
                means=("has_television", "has_radio", "has_computer", "has_phone", "has_tablet")
            ),
            note="Ngưỡng này CHƯA KIỂM CHỨNG.",
        ),
    ),
    verification=Verification.TO_CONFIRM,
    note="Chuẩn nghèo, mức sống trung bình, 6 chiều và 12 chỉ số đã đối chiếu; "
    "một số ngưỡng thiếu hụt cần đối chiếu với Phụ lục Nghị định 07/2021/NĐ-CP.",
    survey_scoring=SurveyScoring(
        score_name="Điểm A",
        deprivation_score_name="điểm B",
        bands=(
            Band(
                "score_a_line",
                "mức điểm chuẩn nghèo",
                {R: 140, U: 175},
                Category.POOR,
                min_deprivations=30,
                category_if_fewer=Category.NEAR_POOR,
                source="Thông tư 07/2021/TT-BLĐTBXH",
            ),
        ),
        points_per_deprivation=10,
        source="Thông tư 07/2021/TT-BLĐTBXH, sửa đổi bởi Thông tư 02/2022/TT-BLĐTBXH",
        note="Chưa có bảng điểm chi tiết của phiếu B: nhập điểm A từ phiếu giấy.",
    ),
    low_income_worker=AreaLines(
        {R: 2_250_000, U: 3_000_000},
        source="Nghị định 30/2025/NĐ-CP (người lao động có thu nhập thấp)",
    ),
)

# ---------------------------------------------------------------------------------------
# 2027–2030: Decree 351/2025/NĐ-CP (indicators: September 2025 draft, PROVISIONAL)
# ---------------------------------------------------------------------------------------
N351 = "Nghị định 351/2025/NĐ-CP"
PROVISIONAL_351 = (
    "TẠM THỜI: chỉ số theo dự thảo tháng 9/2025, chưa đối chiếu với văn bản "
    "Nghị định 351/2025/NĐ-CP."
)
WATER_SANITATION_ENVIRONMENT = Dimension(
    "water_sanitation_environment", "Nước sinh hoạt, vệ sinh và môi trường"
)


def _n351(code, dimension, name, deprived_when, rule) -> Indicator:
    return Indicator(
        code,
        dimension.code,
        name,
        deprived_when,
        rule,
        N351,
        Verification.PROVISIONAL,
        PROVISIONAL_351,
    )


STANDARD_2027_2030 = Standard(
    code="2027-2030",
    name="Chuẩn nghèo đa chiều quốc gia giai đoạn 2027–2030",
    years=range(2027, 2031),
    legal_basis=("Nghị định 351/2025/NĐ-CP ngày 30/12/2025 của Chính phủ",),
    income_bands=(
        Band(
            "poverty_line",
            "chuẩn nghèo",
            {R: 2_200_000, U: 2_800_000},
            Category.POOR,
            min_deprivations=3,
            category_if_fewer=Category.NEAR_POOR,
            source=N351,
            note="Theo tài liệu thứ cấp (báo chí đưa tin về Nghị định).",
        ),
    ),
    dimensions=(
        EMPLOYMENT,
        HEALTH,
        EDUCATION,
        HOUSING,
        INFORMATION,
        WATER_SANITATION_ENVIRONMENT,
    ),
    indicators=(
        _n351(
            "employment",
            EMPLOYMENT,
            "Việc làm",
            "Hộ có ít nhất 01 người trong độ tuổi lao động thất nghiệp, hoặc làm công "
            "ăn lương không có hợp đồng lao động",
            EmploymentRule(),
        ),
        _n351(
            "dependants",
            EMPLOYMENT,
            "Người phụ thuộc trong hộ gia đình",
            "Người phụ thuộc (trẻ em dưới 16 tuổi, người cao tuổi hoặc người khuyết tật "
            "hưởng trợ cấp xã hội hằng tháng) chiếm trên 50% số thành viên của hộ",
            DependantsRule(
                max_share=0.5,
                child_below_age=16,
                past_working_age_counts=False,
                severe_disability_counts=False,
                social_allowance_counts=True,
            ),
        ),
        _n351(
            "health_insurance",
            HEALTH,
            "Bảo hiểm y tế",
            "Hộ có ít nhất 01 người từ 6 tuổi trở lên không có bảo hiểm y tế",
            HealthInsuranceRule(min_age=6),
        ),
        _n351(
            "nutrition",
            HEALTH,
            "Dinh dưỡng",
            "Hộ có ít nhất 01 trẻ em dưới 16 tuổi bị suy dinh dưỡng thấp còi hoặc nhẹ cân",
            NutritionRule(below_age=16),
        ),
        _n351(
            "adult_education",
            EDUCATION,
            "Trình độ giáo dục của người lớn",
            "Hộ có ít nhất 01 người từ 16 đến 30 tuổi không tham gia học tập và chưa đạt "
            "trình độ theo độ tuổi",
            ADULT_EDUCATION_2022,
        ),
        _n351(
            "child_school_attendance",
            EDUCATION,
            "Tình trạng đi học của trẻ em",
            "Hộ có ít nhất 01 trẻ em từ 3 đến dưới 16 tuổi không được học đúng bậc, cấp học "
            "phù hợp với độ tuổi",
            ChildSchoolAttendanceRule(
                from_age=3, below_age=16, requires_age_appropriate_level=True
            ),
        ),
        _n351(
            "floor_area",
            HOUSING,
            "Diện tích nhà ở bình quân đầu người",
            "Diện tích nhà ở bình quân đầu người của hộ nhỏ hơn 8 m²",
            FloorAreaRule(min_m2_per_person=8),
        ),
        _n351(
            "housing_quality",
            HOUSING,
            "Chất lượng nhà ở",
            HOUSING_QUALITY_WHEN,
            HousingQualityRule(min_non_durable=2),
        ),
        _n351(
            "telecom_use",
            INFORMATION,
            "Sử dụng dịch vụ viễn thông (dịch vụ số, internet)",
            "Hộ không có thành viên nào sử dụng dịch vụ số hoặc internet",
            TelecomUseRule(telephone_counts=False),
        ),
        _n351(
            "water_source",
            WATER_SANITATION_ENVIRONMENT,
            "Nguồn nước sinh hoạt",
            "Hộ không được tiếp cận nguồn nước sinh hoạt an toàn, hợp vệ sinh",
            WaterSourceRule(SAFE_WATER),
        ),
        _n351(
            "latrine",
            WATER_SANITATION_ENVIRONMENT,
            "Nhà tiêu hợp vệ sinh (công trình phụ trợ)",
            "Hộ không sử dụng nhà tiêu hợp vệ sinh",
            LatrineRule(HYGIENIC_LATRINES),
        ),
        _n351(
            "waste_handling",
            WATER_SANITATION_ENVIRONMENT,
            "Xử lý rác thải sinh hoạt",
            "Rác thải sinh hoạt của hộ không được thu gom hoặc xử lý hợp vệ sinh",
            WasteHandlingRule(frozenset({WasteHandling.COLLECTED, WasteHandling.TREATED_ON_SITE})),
        ),
    ),
    verification=Verification.PROVISIONAL,
    note=PROVISIONAL_351 + " Chưa có quy định về hộ có mức sống trung bình cho giai đoạn này.",
)

NATIONAL_STANDARDS: tuple[Standard, ...] = (
    STANDARD_2016_2020,
    STANDARD_2022_2025,
    STANDARD_2027_2030,
)


class NoStandardForYear(ValueError):
    """No standard in the given list is in force in that year."""


def standard_for_year(year: int, standards: Sequence[Standard] = NATIONAL_STANDARDS) -> Standard:
    """The standard in force in ``year`` (regulations.md §1).

    2016–2021 → ``2016-2020`` (Decree 07/2021/NĐ-CP Art. 2 extends it through 2021);
    2022–2026 → ``2022-2025`` (Decree 351/2025/NĐ-CP keeps it for 2026);
    2027–2030 → ``2027-2030``. The answer comes from each standard's ``years``.
    """
    for standard in standards:
        if year in standard.years:
            return standard
    covered = ", ".join(f"{s.years.start}–{s.years.stop - 1}" for s in standards)
    raise NoStandardForYear(
        f"Không có chuẩn nghèo áp dụng cho năm {year} (có dữ liệu cho các năm: {covered})."
    )


def standard_for_review(
    review_year: int, standards: Sequence[Standard] = NATIONAL_STANDARDS
) -> Standard:
    """The standard for the annual review held at the end of ``review_year``.

    The review at the end of year Y identifies the lists for Y+1, so it uses the standard
    in force in Y+1 (standards.md; Decision 24/2021/QĐ-TTg Art. 3): the review at the end of
    2026 uses ``2027-2030``.
    """
    return standard_for_year(review_year + 1, standards)


def standard_by_code(code: str, standards: Sequence[Standard] = NATIONAL_STANDARDS) -> Standard:
    for standard in standards:
        if standard.code == code:
            return standard
    raise KeyError(f"Không có chuẩn nghèo mã {code}")
