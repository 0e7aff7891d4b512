"""Demo: one self-managed group in Xã Tu Mơ Rông with a cattle project, an inspection of
the support delivered, the office's quarterly report template and some communication
work. Built through the services; running it again changes nothing."""

import datetime

from giamngheo.collaborators.models import Collaborator
from giamngheo.households.models import Household

from . import services
from .catalogues import (
    Audience,
    CollaboratorRating,
    ExampleKind,
    FundingSource,
    InspectionLevel,
    InspectionSubject,
    Programme,
    Severity,
    SponsorKind,
    SupportKind,
)
from .models import ReportTemplate, SelfManagedGroup
from .periods import PeriodKind

D = datetime.date
GROUP_NAME = "Nhóm hộ nuôi bò sinh sản Đăk Chum"
TEMPLATE_NAME = "Báo cáo quý kết quả hỗ trợ phát triển sản xuất"


def build(base, stdout=None) -> int:
    commune = base.communes["tumorong"]
    officer = base.users["canbo.tumorong"]
    leader_user = base.users["lanhdao.tumorong"]
    office = base.users["vanphong.quangngai"]
    added = 0
    if not ReportTemplate.objects.filter(office=base.province, name=TEMPLATE_NAME).exists():
        services.define_template(
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
        added += 1
    if SelfManagedGroup.objects.filter(commune=commune, name=GROUP_NAME).exists():
        return added
    households = list(
        Household.objects.filter(commune=commune, status__in=services.ELIGIBLE_STATUSES).order_by(
            "code"
        )[:5]
    )
    if not households:
        return added
    advisor = Collaborator.objects.filter(commune=commune, user=base.users["ctv.tumorong"]).first()
    group = services.form_group(
        commune=commune,
        name=GROUP_NAME,
        formed_on=D(2026, 3, 2),
        households=households,
        leader=households[0],
        village=households[0].village,
        advisor=advisor,
        purpose="Cùng nuôi bò sinh sản, giúp nhau giữ giống và chăm sóc đàn bò.",
        rules_summary="Họp nhóm mỗi tháng một lần; bò giống không được bán trước 3 năm; "
        "bê đầu tiên chuyển cho hộ chưa có bò trong nhóm.",
        by=officer,
        reason="Dữ liệu mẫu",
    )
    services.approve_rules(
        group=group, decision_no="45/QĐ-UBND", approved_on=D(2026, 3, 16), by=leader_user
    )
    project = services.start_project(
        group=group,
        name="Hỗ trợ bò giống sinh sản 2026",
        programme=Programme.POVERTY_NTP,
        starts_on=D(2026, 4, 1),
        ends_on=D(2027, 12, 31),
        model_description="Mô hình nuôi bò sinh sản luân chuyển trong nhóm.",
        by=officer,
    )
    services.set_funding(
        project=project, source=FundingSource.CENTRAL_BUDGET, amount=75_000_000, by=officer
    )
    services.set_funding(
        project=project, source=FundingSource.HOUSEHOLD, amount=5_000_000, by=officer
    )
    services.sign_commitment(
        project=project,
        text="Nhóm cam kết sử dụng bò giống đúng mục đích, không bán, không giết thịt; "
        "chăm sóc theo hướng dẫn của cán bộ thú y.",
        signed_on=D(2026, 3, 25),
        by=officer,
    )
    services.change_project_state(project=project, action="start", by=officer)
    for household in households:
        services.add_support(
            project=project, household=household, kind=SupportKind.LIVESTOCK,
            description="Bò cái giống", quantity=1, unit_of_measure="con", value=15_000_000,
            source=FundingSource.CENTRAL_BUDGET, delivered_on=D(2026, 4, 10), by=officer,
        )  # fmt: skip
        services.add_support(
            project=project, household=household, kind=SupportKind.TRAINING,
            description="Tập huấn chăm sóc bò", value=1_000_000,
            source=FundingSource.HOUSEHOLD, delivered_on=D(2026, 4, 5), by=officer,
        )  # fmt: skip
    services.add_milestone(
        project=project, title="Bò đẻ lứa đầu", due_on=D(2027, 6, 30), by=officer
    )
    inspection = services.record_inspection(
        commune=commune,
        level=InspectionLevel.COMMUNE,
        subject=InspectionSubject.SUPPORT,
        project=project,
        held_on=D(2026, 9, 15),
        decision_no="120/QĐ-UBND",
        leader_name=leader_user.full_name,
        leader_position="Phó Chủ tịch UBND xã",
        scope="Kiểm tra việc cấp bò giống cho 5 hộ của nhóm.",
        conclusion="Bò giống đến đúng hộ; một hộ chưa làm chuồng đúng hướng dẫn.",
        by=officer,
    )
    if advisor is not None:
        services.add_team_member(
            inspection=inspection, full_name="", collaborator=advisor, by=officer
        )
        services.assess_collaborator(
            inspection=inspection,
            collaborator=advisor,
            rating=CollaboratorRating.GOOD,
            comments="Hướng dẫn nhóm lập quy chế và theo dõi việc chăm sóc bò sát sao.",
            by=officer,
        )
    finding = services.record_finding(
        inspection=inspection,
        severity=Severity.SHORTCOMING,
        text="Hộ chưa làm chuồng bò đúng hướng dẫn.",
        household=households[-1],
        recommendation="Làm lại chuồng có mái che, nền cao.",
        responsible="Trưởng nhóm và cộng tác viên giảm nghèo",
        due_on=D(2026, 10, 15),
        by=officer,
    )
    services.record_follow_up(
        finding=finding, done_on=D(2026, 10, 5), action="Hộ đã làm lại chuồng; nhóm giúp ngày công.",
        closes=True, by=officer,
    )  # fmt: skip
    presenter = advisor
    services.record_outreach(
        commune=commune, held_on=D(2026, 5, 12), place="Nhà rông thôn Đăk Chum 1",
        audience=Audience.ASSOCIATION, topic="Chính sách hỗ trợ phát triển sản xuất cho hộ nghèo",
        attendees=42, presenter=presenter, by=officer,
    )  # fmt: skip
    services.record_good_example(
        commune=commune, kind=ExampleKind.PRACTICE, title="Luân chuyển bê giống trong nhóm",
        story="Bê đầu tiên của mỗi bò giống được chuyển cho hộ chưa có bò, nhờ vậy cả nhóm "
        "cùng có đàn bò sau ba năm.", by=officer,
    )  # fmt: skip
    services.record_resources(
        commune=commune, sponsor="Công ty Cà phê Đăk Tô", sponsor_kind=SponsorKind.ENTERPRISE,
        received_on=D(2026, 6, 1), cash=10_000_000, in_kind="Thức ăn tinh cho bò",
        in_kind_value=4_000_000, project=project, by=officer,
    )  # fmt: skip
    services.record_proposal(
        commune=commune, title="Hỗ trợ thêm chi phí tiêm phòng cho bò giống",
        content="Đề nghị ngân sách tỉnh hỗ trợ vắc xin lở mồm long móng cho bò của nhóm hộ.",
        proposed_on=D(2026, 7, 20), addressed_to="Sở Nông nghiệp và Môi trường", by=officer,
    )  # fmt: skip
    added += 1
    if stdout is not None:
        stdout.write("Demo: a self-managed group with its project, inspection and outreach added.")
    return added
