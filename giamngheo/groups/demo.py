"""Demo: one self-managed group in Xã Tu Mơ Rông with a cattle project, its funding,
commitment and the support delivered. Built through the services; running it again
changes nothing. The inspections and outreach demos build on this project."""

import datetime

from giamngheo.collaborators.models import Collaborator
from giamngheo.households.models import Household

from . import services
from .catalogues import FundingSource, Programme, SupportKind
from .models import SelfManagedGroup

D = datetime.date
GROUP_NAME = "Nhóm hộ nuôi bò sinh sản Đăk Chum"
PROJECT_NAME = "Hỗ trợ bò giống sinh sản 2026"


def demo_advisor(base):
    """The collaborator of Tu Mơ Rông who advises the demo group."""
    return Collaborator.objects.filter(
        commune=base.communes["tumorong"], user=base.users["ctv.tumorong"]
    ).first()


def build(base, stdout=None) -> int:
    commune = base.communes["tumorong"]
    officer = base.users["canbo.tumorong"]
    leader_user = base.users["lanhdao.tumorong"]
    if SelfManagedGroup.objects.filter(commune=commune, name=GROUP_NAME).exists():
        return 0
    households = list(
        Household.objects.filter(commune=commune, status__in=services.ELIGIBLE_STATUSES).order_by(
            "code"
        )[:5]
    )
    if not households:
        return 0
    advisor = demo_advisor(base)
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
        name=PROJECT_NAME,
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
    if stdout is not None:
        stdout.write("Demo: a self-managed group with its production-support project added.")
    return 1
