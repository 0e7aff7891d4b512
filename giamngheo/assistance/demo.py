"""Demo requests for help and a shock in Tu Mơ Rông and Kon Tum, at every stage of the
follow-up (one overdue), dated from today so the reminders and the overdue list show."""

import datetime

from django.utils import timezone

from giamngheo.households.models import Household

from . import services
from .catalogues import InformChannel, NeedKind, ShockKind
from .models import HelpRequest


def build(base, stdout=None) -> int:
    """Create the demo requests once; return how many were added."""
    communes = [base.communes["tumorong"], base.communes["kontum"]]
    if HelpRequest.objects.filter(commune__in=communes).exists():
        return 0
    today = timezone.localdate()

    def day(n):
        return today - datetime.timedelta(days=n)

    households = list(Household.objects.filter(commune=communes[0]).order_by("code")[:4])
    if len(households) < 4:
        return 0
    ctv = base.users["ctv.tumorong"]
    officer = base.users["canbo.tumorong"]
    leader = base.users["lanhdao.tumorong"]

    def step(r, action, on, by, **extra):
        return services.transition(help_request=r, action=action, on=on, by=by, version=r.version, **extra)  # fmt: skip

    housing = services.record_request(
        household=households[0], need=NeedKind.HOUSING, received_on=day(20), by=ctv,
        statement="Nhà tạm mái lá bị dột nặng, hộ xin hỗ trợ làm nhà trước mùa mưa.",
    )  # fmt: skip
    step(housing, "forward", day(18), officer, note="Đề nghị UBND xã xem xét hỗ trợ nhà ở.")
    step(
        housing, "accept", day(12), leader,
        action_decided="Đưa vào danh sách hỗ trợ nhà ở năm 2026 theo chương trình mục tiêu quốc gia.",
        responsible="Công chức Văn hóa - Xã hội và trưởng thôn",
    )  # fmt: skip

    services.record_request(
        household=households[1], need=NeedKind.HEALTH_INSURANCE, received_on=day(10), by=ctv,
        statement="Hai con nhỏ chưa có thẻ bảo hiểm y tế.",
    )  # fmt: skip

    water = services.record_request(
        household=households[2], need=NeedKind.WATER_SANITATION, received_on=day(15), by=ctv,
        statement="Giếng đào cạn nước, hộ xin hỗ trợ bể chứa nước.",
    )  # fmt: skip
    step(water, "forward", day(14), officer)
    step(water, "decline", day(5), leader, note="Năm nay đã hết kinh phí; đưa vào kế hoạch năm sau.")  # fmt: skip
    step(water, "inform", day(3), ctv, informed_how=InformChannel.VISIT)

    services.record_shock(
        household=households[3], kind=ShockKind.NATURAL_DISASTER, occurred_on=day(7), by=ctv,
        description="Lũ cuốn trôi 0,3 ha lúa và chuồng trại.", estimated_loss=18_000_000,
    )  # fmt: skip

    town = Household.objects.filter(commune=communes[1]).order_by("code").first()
    if town is not None:
        services.record_request(
            household=town, need=NeedKind.LIVELIHOOD, received_on=day(1),
            by=base.users["ctv.kontum"], statement="Chủ hộ mất việc, xin giới thiệu việc làm.",
        )  # fmt: skip
    if stdout is not None:
        stdout.write("Demo: requests for help and a shock added.")
    return 4 + (town is not None)
