"""Demo: the commune's inspection of the support the demo group's cattle project delivered,
with the advising collaborator on the team and assessed, and a finding followed up and
closed. Built through the services; running it again changes nothing."""

import datetime

from giamngheo.groups.demo import GROUP_NAME, PROJECT_NAME, demo_advisor
from giamngheo.groups.models import ProductionProject

from . import services
from .catalogues import CollaboratorRating, InspectionLevel, InspectionSubject, Severity
from .models import Inspection

D = datetime.date
DECISION_NO = "120/QĐ-UBND"


def build(base, stdout=None) -> int:
    commune = base.communes["tumorong"]
    officer = base.users["canbo.tumorong"]
    leader_user = base.users["lanhdao.tumorong"]
    project = ProductionProject.objects.filter(
        group__commune=commune, group__name=GROUP_NAME, name=PROJECT_NAME
    ).first()
    if (
        project is None
        or Inspection.objects.filter(commune=commune, decision_no=DECISION_NO).exists()
    ):
        return 0
    households = [b.household for b in project.beneficiaries.select_related("household")]
    advisor = demo_advisor(base)
    inspection = services.record_inspection(
        commune=commune,
        level=InspectionLevel.COMMUNE,
        subject=InspectionSubject.SUPPORT,
        project=project,
        held_on=D(2026, 9, 15),
        decision_no=DECISION_NO,
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
    if stdout is not None:
        stdout.write("Demo: an inspection of the group's project added.")
    return 1
