"""Demo: the province office's quarterly report template on production support,
inspections and communication work. Built through the services; running it again changes
nothing."""

from giamngheo.core.periods import PeriodKind

from . import periodic
from .models import ReportTemplate

TEMPLATE_NAME = "Báo cáo quý kết quả hỗ trợ phát triển sản xuất"


def build(base, stdout=None) -> int:
    office = base.users["vanphong.quangngai"]
    if ReportTemplate.objects.filter(office=base.province, name=TEMPLATE_NAME).exists():
        return 0
    periodic.define_template(
        office=base.province,
        name=TEMPLATE_NAME,
        period_kind=PeriodKind.QUARTER,
        measures=[
            "groups_formed",
            "households_in_groups",
            "projects_active",
            "state_funds_disbursed",
            "other_funds_disbursed",
            "households_supported_livestock",
            "households_escaped_poverty",
            "inspections_held",
            "findings_open",
            "outreach_sessions",
            "outreach_attendees",
            "resources_mobilised",
        ],
        texts=["Khó khăn, vướng mắc", "Đề xuất, kiến nghị"],
        by=office,
    )
    return 1
