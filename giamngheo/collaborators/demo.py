"""Demo collaborators: one per demo commune except Lý Sơn (so the "commune without a
collaborator" warning shows), their contracts, trainings, this month's tasks and log.

Dates follow the current month so the demo always has a month in progress; running
it again on the same day changes nothing.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from giamngheo.core.periods import Period
from giamngheo.core.tabular import read_rows
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household

from .duties import Duty
from .models import (
    Activity,
    AllowanceRate,
    Collaborator,
    Evaluation,
    Grade,
    MassOrganisation,
    PeriodReport,
    Qualification,
    Sex,
)
from .roster_import import COLUMNS, REQUIRED, import_roster
from .services import (
    accept_report,
    assign_task,
    evaluate,
    log_activity,
    record_training,
    register_collaborator,
    sign_contract,
    submit_report,
)

REASON = "Dữ liệu mẫu"

# slug → (organisation, qualification, ethnicity, contract state, trained this year)
ROSTER = {
    "tumorong": (MassOrganisation.YOUTH, Qualification.INTERMEDIATE, "16", "current", True),
    "mangden": (MassOrganisation.WOMEN, Qualification.PRIMARY, "12", "current", False),
    "kontum": (MassOrganisation.NONE, Qualification.UNIVERSITY, "01", "current", True),
    "camthanh": (MassOrganisation.FARMERS, Qualification.UNIVERSITY, "01", "expired", True),
}

# Lương cơ sở 2,340,000 đ/month from 01/07/2024 (Decree 73/2024/NĐ-CP).
BASE_RATE = (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP (mức lương cơ sở)")

TASKS = (
    (Duty.REQUESTS, "Thăm hộ nghèo, ghi nhận nhu cầu hỗ trợ", "Thăm 3 hộ", 3),
    (Duty.COMMUNICATION, "Tuyên truyền chính sách giảm nghèo tại buổi họp thôn", "1 buổi", 1),
)


def build(base, stdout=None) -> dict:
    today = timezone.localdate()
    month = Period.containing(today)
    year_start = datetime.date(today.year, 1, 1)
    office = base.users["vanphong.quangngai"]
    AllowanceRate.objects.get_or_create(
        valid_from=BASE_RATE[0], defaults={"amount": BASE_RATE[1], "legal_basis": BASE_RATE[2]}
    )
    added = 0
    for slug, (organisation, qualification, ethnicity, contract, trained) in ROSTER.items():
        user = base.users[f"ctv.{slug}"]
        commune = base.communes[slug]
        collaborator = Collaborator.objects.filter(user=user).first()
        if collaborator is not None:
            continue
        added += 1
        collaborator = register_collaborator(
            by=office,
            reason=REASON,
            user=user,
            full_name=user.full_name,
            sex=Sex.MALE,
            ethnicity=ethnicity,
            phone="0905" + commune.code.rjust(6, "0"),
            commune=commune,
            managing_office=base.province,
            organisation=organisation,
            qualification=qualification,
            started_on=datetime.date(today.year - 2, 1, 1),
        )
        if contract == "current":
            sign_contract(
                collaborator=collaborator,
                number=f"{commune.code}/{today.year}/HĐCV",
                starts_on=year_start,
                ends_on=datetime.date(today.year, 12, 31),
                allowance_coefficient=Decimal("0.50"),
                signer_name=office.full_name,
                signer_title="Trưởng phòng",
                signed_on=year_start,
                by=office,
            )
        else:
            sign_contract(
                collaborator=collaborator,
                number=f"{commune.code}/{today.year - 1}/HĐCV",
                starts_on=datetime.date(today.year - 1, 1, 1),
                ends_on=datetime.date(today.year - 1, 12, 31),
                allowance_coefficient=Decimal("0.50"),
                signer_name=office.full_name,
                signer_title="Trưởng phòng",
                signed_on=datetime.date(today.year - 1, 1, 1),
                by=office,
            )
        if trained:
            record_training(
                collaborator=collaborator,
                title="Tập huấn kiến thức, kỹ năng công tác giảm nghèo",
                held_on=year_start + datetime.timedelta(days=14) if today.month > 1 else today,
                organiser="Sở Nông nghiệp và Môi trường",
                by=office,
            )
        _month_of_work(collaborator, month, office, user)
    return {"collaborators_added": added, "kon_tum_2018": build_kon_tum_2018(base)}


def _month_of_work(collaborator, month, office, user) -> None:
    """This month's tasks and a few logged activities; last month reported and evaluated."""
    today = timezone.localdate()
    villages = list(collaborator.commune.children.order_by("code")[:2])
    households = list(
        Household.objects.filter(commune=collaborator.commune).select_related("village")[:2]
    )
    tasks = []
    for duty, description, target, count in TASKS:
        tasks.append(
            assign_task(
                collaborator=collaborator,
                month=month.start,
                duty=duty,
                description=description,
                target=target,
                target_count=count,
                due_on=month.end,
                villages=villages,
                households=households if duty == Duty.REQUESTS else [],
                by=office,
            )
        )
    for offset, (task, text) in enumerate(
        [
            (tasks[0], "Thăm hộ, ghi nhận nhu cầu vay vốn sản xuất"),
            (tasks[0], "Thăm hộ có người ốm nặng, hướng dẫn làm đơn đề nghị trợ giúp"),
        ]
    ):
        log_activity(
            collaborator=collaborator,
            done_on=max(month.start, today - datetime.timedelta(days=offset)),
            duty=task.duty,
            assignment=task,
            description=text,
            households=households[offset : offset + 1],
            villages=villages[:1],
            by=user,
        )
    previous = month.previous()
    if not Activity.objects.filter(
        collaborator=collaborator, done_on__range=(previous.start, previous.end)
    ).exists():
        log_activity(
            collaborator=collaborator,
            done_on=previous.start + datetime.timedelta(days=9),
            duty=Duty.ANNUAL_REVIEW,
            description="Dự họp thôn bình xét hộ nghèo, cận nghèo",
            villages=villages[:1],
            by=user,
        )
    if not PeriodReport.objects.filter(collaborator=collaborator).exists():
        report = submit_report(collaborator=collaborator, period=previous, by=user)
        accept_report(report=report, by=office, comment="Đạt yêu cầu")
    if not Evaluation.objects.filter(collaborator=collaborator).exists():
        evaluate(
            collaborator=collaborator,
            period=previous,
            grade=Grade.GOOD,
            comments="Nhiệt tình, bám sát hộ",
            by=office,
        )


KON_TUM_2018 = Path(__file__).parent / "data" / "kon_tum_2018.csv"
KON_TUM_REASON = (
    "Danh sách CTV giảm nghèo tỉnh Kon Tum năm 2018 (chuyển sang đơn vị hành chính mới)"
)


def build_kon_tum_2018(base) -> int:
    """Kon Tum's 2018 roster (102 collaborators, one per former commune), read as an old
    list and mapped onto today's Quảng Ngãi communes; only once the former units are loaded.
    """
    if not Unit.objects.filter(level=Level.DISTRICT).exists():
        return 0
    if Collaborator.history.filter(history_change_reason=KON_TUM_REASON).exists():
        return 0
    with KON_TUM_2018.open("rb") as fh:
        rows = read_rows(fh, COLUMNS, required=REQUIRED, kind="collaborators")
    created = import_roster(
        rows=rows,
        managing_office=base.province,
        by=base.users["vanphong.quangngai"],
        reason=KON_TUM_REASON,
    )
    return len(created)
