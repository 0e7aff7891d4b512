import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from giamngheo.clubs import services
from giamngheo.clubs.models import Officer, OfficerRole

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def club_with_members(make_club, add_members):
    club = make_club()
    return club, add_members(club, 6)


def _elect(club, member, role, officer, on=None, **kw):
    return services.elect_officer(
        club=club,
        member=member,
        role=role,
        elected_on=on or D(2026, 2, 1),
        election_result="5/6 phiếu",
        by=officer,
        **kw,
    )


def test_a_club_elects_one_chair_and_two_vice_chairs(club_with_members, officer):
    club, m = club_with_members
    _elect(club, m[0], OfficerRole.CHAIR, officer, term_ends_on=D(2028, 2, 1))
    _elect(club, m[1], OfficerRole.VICE_CHAIR, officer)
    _elect(club, m[2], OfficerRole.VICE_CHAIR, officer)
    current = club.officers.filter(ended_on__isnull=True)
    assert sorted(current.values_list("role", "slot")) == [
        ("chair", 0),
        ("vice_chair", 1),
        ("vice_chair", 2),
    ]


def test_a_third_vice_chair_is_refused_unless_replacing_one(club_with_members, officer):
    club, m = club_with_members
    first = _elect(club, m[1], OfficerRole.VICE_CHAIR, officer)
    _elect(club, m[2], OfficerRole.VICE_CHAIR, officer)
    with pytest.raises(ValidationError) as exc:
        _elect(club, m[3], OfficerRole.VICE_CHAIR, officer)
    assert "đã có 2 phó chủ nhiệm" in exc.value.messages[0]
    newcomer = _elect(club, m[3], OfficerRole.VICE_CHAIR, officer, on=D(2026, 6, 1), replaces=first)
    first.refresh_from_db()
    assert first.ended_on == D(2026, 6, 1)
    assert newcomer.slot == first.slot


def test_a_new_chair_takes_over_and_the_change_is_kept_in_history(club_with_members, officer):
    club, m = club_with_members
    old = _elect(club, m[0], OfficerRole.CHAIR, officer)
    new = _elect(
        club, m[4], OfficerRole.CHAIR, officer, on=D(2026, 8, 1), reason="Bầu lại giữa nhiệm kỳ"
    )
    old.refresh_from_db()
    assert old.ended_on == D(2026, 8, 1)
    assert "m[4]" not in old.end_reason and m[4].full_name in old.end_reason
    assert club.officers.filter(role="chair", ended_on__isnull=True).get() == new
    record = old.history.latest()
    assert record.history_change_reason == "Bầu lại giữa nhiệm kỳ"
    assert record.history_user == officer
    assert record.prev_record.ended_on is None
    assert club.officers.count() == 2  # the former chair's term stays on record


def test_the_database_refuses_a_second_current_chair(club_with_members):
    club, m = club_with_members
    Officer.objects.create(
        club=club, member=m[0], role="chair", slot=0, elected_on=D(2026, 2, 1), election_result="x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Officer.objects.create(
            club=club,
            member=m[1],
            role="chair",
            slot=0,
            elected_on=D(2026, 2, 1),
            election_result="x",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Officer.objects.create(
            club=club,
            member=m[2],
            role="vice_chair",
            slot=3,
            elected_on=D(2026, 2, 1),
            election_result="x",
        )


def test_only_a_current_member_can_be_elected_and_holds_one_office(
    club_with_members, make_club, add_members, officer
):
    club, m = club_with_members
    other = make_club(name="CLB khác")
    stranger = add_members(other, 1)[0]
    with pytest.raises(ValidationError) as exc:
        _elect(club, stranger, OfficerRole.CHAIR, officer)
    assert "member" in exc.value.message_dict
    _elect(club, m[0], OfficerRole.CHAIR, officer)
    with pytest.raises(ValidationError) as exc:
        _elect(club, m[0], OfficerRole.VICE_CHAIR, officer)
    assert "đã giữ một chức vụ" in exc.value.message_dict["member"][0]


def test_an_officer_leaving_the_club_leaves_office_the_same_day(club_with_members, officer):
    club, m = club_with_members
    chair = _elect(club, m[0], OfficerRole.CHAIR, officer)
    services.record_member_leaving(member=m[0], left_on=D(2026, 9, 1), by=officer, reason="Nghỉ")
    chair.refresh_from_db()
    assert chair.ended_on == D(2026, 9, 1)
    # the post is vacant: a new chair is elected without replacing anyone
    _elect(club, m[1], OfficerRole.CHAIR, officer, on=D(2026, 9, 10))


def test_a_term_ends_with_a_reason_and_frees_the_post(club_with_members, officer):
    club, m = club_with_members
    vice = _elect(club, m[1], OfficerRole.VICE_CHAIR, officer)
    _elect(club, m[2], OfficerRole.VICE_CHAIR, officer)
    with pytest.raises(ValidationError):
        services.end_officer_term(officer=vice, ended_on=D(2027, 1, 1), by=officer, reason="")
    services.end_officer_term(
        officer=vice, ended_on=D(2027, 1, 1), by=officer, reason="Hết nhiệm kỳ"
    )
    third = _elect(club, m[3], OfficerRole.VICE_CHAIR, officer, on=D(2027, 1, 5))
    assert third.slot == vice.slot
