"""Demo: communication work in Xã Tu Mơ Rông: a dissemination session, a good practice,
resources a company gave the demo group's project and a proposal sent up. Built through
the services; running it again changes nothing."""

import datetime

from giamngheo.groups.demo import GROUP_NAME, PROJECT_NAME, demo_advisor
from giamngheo.groups.models import ProductionProject

from . import services
from .catalogues import Audience, ExampleKind, SponsorKind
from .models import OutreachActivity

D = datetime.date


def build(base, stdout=None) -> int:
    commune = base.communes["tumorong"]
    officer = base.users["canbo.tumorong"]
    project = ProductionProject.objects.filter(
        group__commune=commune, group__name=GROUP_NAME, name=PROJECT_NAME
    ).first()
    if project is None or OutreachActivity.objects.filter(commune=commune).exists():
        return 0
    presenter = demo_advisor(base)
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
    if stdout is not None:
        stdout.write("Demo: communication work added.")
    return 1
