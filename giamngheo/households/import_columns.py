"""The columns of the register's import file: Vietnamese headers, kinds, coded values.

Shared by the importer (``importer.py``) and the downloadable template (``import_template.py``),
so the drop-downs offer exactly what the import accepts and its errors name.
"""

from dataclasses import dataclass

from django.utils import translation

from giamngheo.core.ethnicity import ETHNIC_GROUPS

from .models import (
    EDUCATION_CHOICES,
    EMPLOYMENT_CHOICES,
    HOUSING_CHOICES,
    LATRINE_CHOICES,
    WASTE_CHOICES,
    WATER_CHOICES,
    PolicyGroup,
    PovertyCause,
    Relation,
    Sex,
    SupportNeed,
)


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str  # text, int, decimal, bool, date, choice, ethnicity, policy, status
    household: bool = False
    required: bool = False
    choices: tuple = ()
    example: object = ""


def _c(*args, **kwargs):
    return Column(*args, **kwargs)


COLUMNS: tuple[Column, ...] = (
    _c("code", "Mã hộ", "text", household=True, required=True, example="23425-00001"),
    _c("village", "Thôn", "text", household=True, required=True, example="Thôn Đăk Chum 1"),
    # Old lists name the units as before July 2025; any of these is optional and, when
    # given, must lead to this commune (geo.conversion). "Xã mới" settles a split commune.
    _c("old_province", "Tỉnh", "text", household=True),
    _c("old_district", "Huyện", "text", household=True),
    _c("old_commune", "Xã", "text", household=True),
    _c("new_commune", "Xã mới", "text", household=True),
    _c("address", "Địa chỉ", "text", household=True),
    _c("phone", "Điện thoại liên hệ", "text", household=True),
    _c(
        "income_per_capita",
        "Thu nhập bình quân (đồng/người/tháng)",
        "int",
        household=True,
        example=1200000,
    ),
    _c("has_house", "Có nhà ở", "bool", household=True, example="Có"),
    _c(
        "housing_type",
        "Loại nhà",
        "choice",
        household=True,
        choices=HOUSING_CHOICES,
        example="Bán kiên cố",
    ),
    _c("floor_area_m2", "Diện tích nhà ở (m²)", "decimal", household=True, example=30),
    _c(
        "water_source",
        "Nguồn nước sinh hoạt",
        "choice",
        household=True,
        choices=WATER_CHOICES,
        example="Giếng khoan",
    ),
    _c(
        "latrine_type",
        "Nhà tiêu",
        "choice",
        household=True,
        choices=LATRINE_CHOICES,
        example="Hố xí đào đơn giản",
    ),
    _c(
        "any_member_uses_telephone",
        "Có người dùng điện thoại",
        "bool",
        household=True,
        example="Có",
    ),
    _c(
        "any_member_uses_internet",
        "Có người dùng internet",
        "bool",
        household=True,
        example="Không",
    ),
    _c("has_television", "Có ti vi", "bool", household=True, example="Có"),
    _c("has_radio", "Có radio", "bool", household=True),
    _c("has_computer", "Có máy tính", "bool", household=True),
    _c("has_phone", "Có điện thoại", "bool", household=True, example="Có"),
    _c("has_tablet", "Có máy tính bảng", "bool", household=True),
    _c("hears_public_loudspeaker", "Nghe được loa truyền thanh", "bool", household=True),
    _c("waste_handling", "Xử lý rác thải", "choice", household=True, choices=WASTE_CHOICES),
    _c("policy_groups", "Nhóm chính sách", "policy", household=True),
    _c(
        "causes", "Nguyên nhân nghèo", "policy", household=True, choices=tuple(PovertyCause.choices)
    ),
    _c("needs", "Nhu cầu hỗ trợ", "policy", household=True, choices=tuple(SupportNeed.choices)),
    _c("status", "Tình trạng", "status", household=True, example="Hộ nghèo"),
    _c("status_year", "Năm", "int", household=True, example=2026),
    _c("decision_number", "Số quyết định", "text", household=True, example="125/QĐ-UBND"),
    _c("decision_date", "Ngày quyết định", "date", household=True, example="20/12/2025"),
    _c("full_name", "Họ và tên", "text", required=True, example="A Blong"),
    _c(
        "relation",
        "Quan hệ với chủ hộ",
        "choice",
        required=True,
        choices=tuple(Relation.choices),
        example="Chủ hộ",
    ),
    _c("sex", "Giới tính", "choice", choices=tuple(Sex.choices), example="Nam"),
    _c("date_of_birth", "Ngày sinh", "date", example="15/03/1985"),
    _c("ethnicity", "Dân tộc", "ethnicity", example="Xơ Đăng"),
    _c("citizen_id", "Số CCCD", "text", example="051085000123"),
    _c("has_health_insurance", "Có BHYT", "bool", example="Có"),
    _c("seriously_ill", "Ốm đau nặng", "bool", example="Không"),
    _c("received_medical_care", "Được khám chữa bệnh", "bool"),
    _c("in_school", "Đang đi học", "bool", example="Không"),
    _c("at_age_appropriate_level", "Học đúng cấp", "bool"),
    _c(
        "education_level",
        "Trình độ học vấn",
        "choice",
        choices=EDUCATION_CHOICES,
        example="Tiểu học",
    ),
    _c("has_enterprise_training_certificate", "Chứng chỉ đào tạo của doanh nghiệp", "bool"),
    _c(
        "employment_status", "Việc làm", "choice", choices=EMPLOYMENT_CHOICES, example="Có việc làm"
    ),
    _c("is_wage_earner", "Làm công ăn lương", "bool", example="Không"),
    _c("has_labour_contract", "Có hợp đồng lao động", "bool"),
    _c("severe_disability", "Khuyết tật nặng", "bool", example="Không"),
    _c("receives_monthly_social_allowance", "Trợ cấp xã hội hằng tháng", "bool"),
    _c("stunted", "Trẻ thấp còi", "bool"),
    _c("underweight", "Trẻ nhẹ cân", "bool"),
)
HEADERS = {c.field: c.header for c in COLUMNS}


STATUS_LABELS = ("Hộ nghèo", "Hộ cận nghèo", "Hộ mới thoát nghèo", "Hộ mới thoát cận nghèo")
BOOL_LABELS = ("Có", "Không")


def allowed_labels(column: Column) -> tuple[str, ...]:
    """The values a coded column accepts, as the template's drop-down and the errors show them."""
    if column.kind == "bool":
        return BOOL_LABELS
    if column.kind == "status":
        return STATUS_LABELS
    if column.kind == "ethnicity":
        return tuple(name for _code, name in ETHNIC_GROUPS)
    choices = column.choices or (PolicyGroup.choices if column.kind == "policy" else ())
    with translation.override("vi"):
        return tuple(str(label) for _value, label in choices)
