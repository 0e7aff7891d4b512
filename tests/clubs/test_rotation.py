import datetime

import pytest
from django.core.exceptions import ValidationError

from giamngheo.clubs import services
from giamngheo.clubs.catalogues import ClubLevel
from giamngheo.geo.models import Level, Unit

pytestmark = pytest.mark.django_db
D = datetime.date


def _hosts(club, officer, dates):
    return [
        str(services.plan_meeting(club=club, planned_on=d, by=officer).host_place) for d in dates
    ]


def test_a_commune_club_rotates_over_its_villages_in_order_and_wraps_around(
    make_club, camthanh, officer
):
    club = make_club()
    villages = list(Unit.objects.filter(parent=camthanh, level=Level.VILLAGE).order_by("code"))
    assert [str(p) for p in club.host_places.order_by("position")] == [v.name for v in villages]
    dates = [D(2026, m, 10) for m in (2, 3, 4)]
    names = [v.name for v in villages]
    assert _hosts(club, officer, dates) == [names[0], names[1], names[0]]


def test_the_next_host_skips_a_place_taken_out_of_the_rotation(demo, officer):
    village = Unit.objects.filter(parent__code="21025", level=Level.VILLAGE).first()
    club = services.found_club(
        name="CLB thôn",
        level=ClubLevel.VILLAGE,
        unit=village,
        decision_no="5/QĐ-UBND",
        founded_on=D(2026, 1, 5),
        by=officer,
    )
    assert club.founding_unit.code == "21025"  # a village club is founded by the commune
    places = [
        services.add_host_place(club=club, name=f"Tổ tự quản {i}", by=officer) for i in (1, 2, 3)
    ]
    assert services.propose_next_host(club) == places[0]
    services.plan_meeting(club=club, planned_on=D(2026, 2, 1), by=officer)
    services.set_host_place_active(place=places[1], active=False, by=officer)
    assert services.propose_next_host(club) == places[2]
    services.plan_meeting(club=club, planned_on=D(2026, 3, 1), by=officer)
    assert services.propose_next_host(club) == places[0]  # wraps, still skipping 2


def test_a_cancelled_meeting_gives_no_turn(make_club, officer):
    club = make_club()
    first, second = club.host_places.order_by("position")
    meeting = services.plan_meeting(club=club, planned_on=D(2026, 2, 1), by=officer)
    services.record_meeting(
        meeting=meeting,
        held_on=D(2026, 2, 1),
        minutes="Họp",
        present=[],
        version=meeting.version,
        by=officer,
    )
    cancelled = services.plan_meeting(club=club, planned_on=D(2026, 3, 1), by=officer)
    assert cancelled.host_place == second
    services.cancel_meeting(meeting=cancelled, by=officer, reason="Mưa lũ")
    assert services.propose_next_host(club) == second


def test_a_province_club_rotates_over_the_communes_it_covers(demo, officer):
    club = services.found_club(
        name="CLB liên xã",
        level=ClubLevel.ABOVE_COMMUNE,
        unit=demo.province,
        decision_no="9/QĐ-UBND",
        founded_on=D(2026, 1, 5),
        by=demo.users["vanphong.quangngai"],
    )
    assert not club.host_places.exists()  # a province has too many communes to add them all
    with pytest.raises(ValidationError):
        services.plan_meeting(club=club, planned_on=D(2026, 2, 1), by=officer)
    services.add_host_place(club=club, unit=demo.commune_b, by=officer)
    services.add_host_place(club=club, unit=demo.commune_a, by=officer)
    with pytest.raises(ValidationError):
        services.add_host_place(
            club=club, unit=Unit.objects.get(parent=demo.commune_a, name="Thôn Mô Pả"), by=officer
        )
    assert services.propose_next_host(club).unit == demo.commune_b


def test_a_club_level_must_match_its_unit(demo, officer):
    with pytest.raises(ValidationError) as exc:
        services.found_club(
            name="CLB sai cấp",
            level=ClubLevel.VILLAGE,
            unit=demo.commune_a,
            decision_no="1/QĐ-UBND",
            founded_on=D(2026, 1, 5),
            by=officer,
        )
    assert "unit" in exc.value.message_dict
