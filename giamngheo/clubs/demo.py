"""Demo clubs: a commune club and a village club in Tu Mơ Rông, a ward club in Kon Tum,
an above-commune club for the province, and the province's expansion plan.

Idempotent: a club that exists (by unit and name) is left as it is, with its members
and meetings; dates are fixed so every run builds the same data.
"""

import datetime

from giamngheo.geo.models import Level, Unit

from . import services
from .catalogues import ClubLevel, Frequency, Topic
from .models import Club, Member, Officer

D = datetime.date
REASON = "Dữ liệu mẫu"

# (name, organisation, sex, ethnicity code of core.ethnicity: 01 Kinh, 16 Xơ Đăng)
TUMORONG_MEMBERS = (
    ("A Blong", "Chủ tịch Hội Nông dân xã", "male", "16"),
    ("Y Hoa", "Chủ tịch Hội Liên hiệp Phụ nữ xã", "female", "16"),
    ("Đinh Văn Thắng", "Bí thư Đoàn xã", "male", "16"),
    ("Nguyễn Thị Lan", "Công chức văn hóa – xã hội", "female", "01"),
    ("Hồ Minh Tuấn", "Phòng giao dịch Ngân hàng Chính sách xã hội", "male", "01"),
    ("A Thuận", "Trưởng thôn Đăk Chum 1", "male", "16"),
    ("Y Nga", "Hộ sản xuất giỏi, thôn Mô Pả", "female", "16"),
    ("Võ Văn Hùng", "Hợp tác xã sâm Ngọc Linh", "male", "01"),
)


def _club(base, *, key, **kwargs) -> tuple[Club, bool]:
    existing = Club.objects.filter(unit=kwargs["unit"], name=kwargs["name"]).first()
    if existing:
        return existing, False
    return services.found_club(by=base.users.get(key, base.admin), reason=REASON, **kwargs), True


def build(base, stdout=None) -> dict:
    tumorong = base.communes["tumorong"]
    officer = base.users.get("clb.tumorong", base.admin)
    created = 0

    club, new = _club(
        base,
        key="clb.tumorong",
        name="CLB công tác giảm nghèo xã Tu Mơ Rông",
        level=ClubLevel.COMMUNE,
        unit=tumorong,
        decision_no="215/QĐ-UBND",
        founded_on=D(2025, 9, 15),
        frequency=Frequency.MONTHLY,
        rules_reference="Quy chế hoạt động ban hành kèm Quyết định 215/QĐ-UBND",
        rules_adopted_on=D(2025, 9, 15),
        rules_text=(
            "Sinh hoạt định kỳ hằng tháng, luân phiên tại các thôn.\n"
            "Thành viên tự nguyện, tối đa 25 người; mỗi buổi mời khoảng 15 khách."
        ),
    )
    if new:
        created += 1
        members = [
            services.add_member(
                club=club,
                full_name=name,
                organisation=org,
                sex=sex,
                ethnicity=ethnicity,
                joined_on=D(2025, 9, 15),
                by=officer,
                reason=REASON,
            )
            for name, org, sex, ethnicity in TUMORONG_MEMBERS
        ]
        for member, role in (
            (members[0], "chair"),
            (members[1], "vice_chair"),
            (members[2], "vice_chair"),
        ):
            services.elect_officer(
                club=club,
                member=member,
                role=role,
                elected_on=D(2025, 9, 20),
                election_result="8/8 phiếu tán thành",
                term_ends_on=D(2027, 9, 20),
                by=officer,
                reason=REASON,
            )
        first = services.plan_meeting(
            club=club,
            planned_on=D(2025, 10, 10),
            topics=[Topic.CREDIT, Topic.PRODUCTION_MODELS],
            other_topics="Trồng sâm Ngọc Linh dưới tán rừng",
            by=officer,
            reason=REASON,
        )
        services.record_meeting(
            meeting=first,
            held_on=D(2025, 10, 10),
            minutes=(
                "Ngân hàng Chính sách xã hội giới thiệu vốn vay hộ nghèo, hộ cận nghèo.\n"
                "Hợp tác xã chia sẻ mô hình trồng sâm dưới tán rừng; 12 hộ đăng ký tham gia."
            ),
            present=members[:7],
            guests=[
                ("Phạm Văn Long", "Cán bộ khuyến nông"),
                ("A Pêu", "Hộ nghèo thôn Đăk Chum 2"),
                ("Y Sương", "Hộ cận nghèo thôn Mô Pả"),
            ],
            version=first.version,
            by=officer,
            reason=REASON,
        )
        services.add_follow_up(
            meeting=first,
            description="Lập danh sách hộ nghèo cần vay vốn sản xuất",
            owner="Y Hoa",
            due_on=D(2025, 10, 31),
            by=officer,
        )
        services.keep_good_practice(
            club=club,
            meeting=first,
            title="Trồng sâm Ngọc Linh dưới tán rừng",
            description="Hợp tác xã cung cấp giống và bao tiêu; hộ nghèo góp công chăm sóc.",
            households=12,
            by=officer,
        )
        services.plan_meeting(
            club=club,
            planned_on=D(2025, 11, 14),
            topics=[Topic.VOCATIONAL],
            by=officer,
            reason=REASON,
        )

    village = Unit.objects.filter(parent=tumorong, level=Level.VILLAGE, name="Thôn Mô Pả").first()
    if village is not None:
        vclub, new = _club(
            base,
            key="canbo.tumorong",
            name="CLB giảm nghèo thôn Mô Pả",
            level=ClubLevel.VILLAGE,
            unit=village,
            decision_no="230/QĐ-UBND",
            founded_on=D(2025, 10, 1),
            frequency=Frequency.QUARTERLY,
        )
        if new:
            created += 1
            for name in ("Tổ tự quản số 1", "Tổ tự quản số 2", "Tổ tự quản số 3"):
                services.add_host_place(club=vclub, name=name, by=base.admin)

    _kontum, new = _club(
        base,
        key="clb.kontum",
        name="CLB công tác giảm nghèo phường Kon Tum",
        level=ClubLevel.COMMUNE,
        unit=base.communes["kontum"],
        decision_no="88/QĐ-UBND",
        founded_on=D(2025, 8, 5),
        frequency=Frequency.QUARTERLY,
    )
    created += new

    pclub, new = _club(
        base,
        key="vanphong.quangngai",
        name="CLB công tác giảm nghèo liên xã vùng Kon Tum",
        level=ClubLevel.ABOVE_COMMUNE,
        unit=base.province,
        decision_no="1020/QĐ-UBND",
        founded_on=D(2025, 8, 20),
        frequency=Frequency.QUARTERLY,
    )
    if new:
        created += 1
        for slug in ("tumorong", "mangden", "kontum"):
            services.add_host_place(club=pclub, unit=base.communes[slug], by=base.admin)

    for level, planned in ((ClubLevel.ABOVE_COMMUNE, 1), (ClubLevel.COMMUNE, 3)):
        if not base.province.club_plans.filter(year=2026, level=level).exists():
            services.set_expansion_plan(
                unit=base.province, year=2026, level=level, planned=planned, by=base.admin
            )
    summary = {
        "clubs_added": created,
        "members": Member.objects.count(),
        "officers": Officer.objects.count(),
    }
    if stdout is not None and created:
        stdout.write(f"Demo: {created} clubs added.")
    return summary
