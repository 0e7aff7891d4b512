import datetime

import pytest

from giamngheo.clubs import services
from giamngheo.clubs.catalogues import ClubLevel, Frequency, Topic
from giamngheo.clubs.selectors import club_statistics
from giamngheo.geo.models import Level, Unit

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def year_of_clubs(make_club, add_members, camthanh, officer):
    """Cẩm Thành in 2026: a commune club (monthly, 4 members), a village club and a club
    of poor people (quarterly); 3 meetings planned, 2 held, 1 cancelled; a plan of 2
    commune clubs and 1 village club; one commune club founded in 2025 (not in the plan)."""
    village = Unit.objects.filter(parent=camthanh, level=Level.VILLAGE).first()
    club = make_club(frequency=Frequency.MONTHLY)
    members = add_members(club, 4)
    make_club(name="CLB thôn", level=ClubLevel.VILLAGE, unit=village, frequency=Frequency.QUARTERLY)
    make_club(
        name="CLB người nghèo",
        level=ClubLevel.POOR_PEOPLE,
        unit=camthanh,
        frequency=Frequency.QUARTERLY,
    )
    make_club(name="CLB cũ", founded_on=D(2025, 6, 1))
    gone = make_club(name="CLB đã giải thể", founded_on=D(2025, 3, 1))
    services.update_club(
        club=gone,
        version=gone.version,
        is_active=False,
        dissolved_on=D(2025, 12, 1),
        by=officer,
    )
    for month, present, guests in ((2, 3, 2), (3, 4, 1)):
        meeting = services.plan_meeting(
            club=club, planned_on=D(2026, month, 10), topics=[Topic.CREDIT], by=officer
        )
        services.record_meeting(
            meeting=meeting,
            held_on=D(2026, month, 10),
            minutes="Biên bản",
            present=members[:present],
            guests=[(f"Khách {i}", "") for i in range(guests)],
            version=meeting.version,
            by=officer,
        )
    cancelled = services.plan_meeting(club=club, planned_on=D(2026, 4, 10), by=officer)
    services.cancel_meeting(meeting=cancelled, by=officer, reason="Trùng lịch")
    services.plan_meeting(club=club, planned_on=D(2025, 12, 10), by=officer)  # another year
    services.set_expansion_plan(
        unit=camthanh, year=2026, level=ClubLevel.COMMUNE, planned=2, by=officer
    )
    services.set_expansion_plan(
        unit=camthanh, year=2026, level=ClubLevel.VILLAGE, planned=1, by=officer
    )
    return club


def test_clubs_are_counted_by_level_and_by_founding_unit(year_of_clubs, demo, camthanh):
    stats = club_statistics(demo.users["admin"], year=2026, unit=camthanh)
    assert {r.level: r.count for r in stats.by_level} == {
        "above_commune": 0,
        "commune": 2,
        "village": 1,
        "poor_people": 1,
    }
    assert stats.total_clubs == 4  # the club dissolved in 2025 no longer counts
    [row] = stats.by_unit  # the village club is founded by the commune
    assert row.unit == camthanh and row.counts == [0, 2, 1, 1] and row.total == 4


def test_meetings_held_are_counted_against_planned_and_expected(year_of_clubs, demo, camthanh):
    stats = club_statistics(demo.users["admin"], year=2026, unit=camthanh)
    assert (stats.meetings_planned, stats.meetings_held, stats.meetings_cancelled) == (3, 2, 1)
    assert stats.meetings_expected == 12 + 12 + 4 + 4  # two monthly, two quarterly clubs
    assert stats.held_rate == 66.7


def test_attendance_counts_members_present_against_the_roll_and_guests(
    year_of_clubs, demo, camthanh
):
    stats = club_statistics(demo.users["admin"], year=2026, unit=camthanh)
    assert (stats.member_attendances, stats.members_on_roll) == (7, 8)
    assert stats.attendance_rate == 87.5
    assert stats.guests_attended == 3


def test_the_expansion_plan_is_compared_with_clubs_founded_that_year(year_of_clubs, demo, camthanh):
    stats = club_statistics(demo.users["admin"], year=2026, unit=camthanh)
    assert [(p.level, p.planned, p.founded) for p in stats.plans] == [
        ("commune", 2, 1),
        ("village", 1, 1),
    ]
    assert {r.level: r.count for r in stats.founded_by_level}["poor_people"] == 1


def test_statistics_count_only_the_users_area(year_of_clubs, demo):
    stats = club_statistics(demo.users["canbo.tumorong"], year=2026)
    assert all(r.unit.code != "21025" for r in stats.by_unit)
    assert stats.meetings_held == 0


def test_the_statistics_page_shows_the_counts(year_of_clubs, demo, login):
    client = login(demo.users["vanphong.quangngai"])
    body = client.get("/cau-lac-bo/thong-ke/?nam=2026&don_vi=21025").content.decode()
    assert 'id="meetings-held">2/3<' in body
    assert 'id="attendance-rate">87,5%<' in body or 'id="attendance-rate">87.5%<' in body
    assert 'id="total-clubs">4<' in body


def test_an_office_sets_the_yearly_plan_through_the_page(demo, login):
    client = login(demo.users["vanphong.quangngai"])
    response = client.post(
        "/cau-lac-bo/ke-hoach/",
        {"unit": demo.province.pk, "year": 2027, "level": "commune", "planned": 3},
    )
    assert response.status_code == 302 and response["Location"].endswith("?nam=2027")
    body = client.get(response["Location"]).content.decode()
    assert "Thống kê câu lạc bộ năm 2027" in body and 'value="2027"' in body
    assert demo.province.club_plans.get(year=2027, level="commune").planned == 3


def test_the_auditor_cannot_set_the_plan(demo, login):
    client = login(demo.users["kiemtra.quangngai"])
    response = client.post(
        "/cau-lac-bo/ke-hoach/",
        {"unit": demo.province.pk, "year": 2027, "level": "commune", "planned": 3},
    )
    assert response.status_code == 403
