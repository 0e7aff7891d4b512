import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from giamngheo.clubs import services
from giamngheo.clubs.models import Member

pytestmark = pytest.mark.django_db


def test_a_club_takes_25_official_members_and_refuses_the_26th_in_vietnamese(
    make_club, add_members, officer
):
    club = make_club()
    members = add_members(club, 25)
    assert sorted(m.seat for m in members) == list(range(1, 26))
    with pytest.raises(ValidationError) as exc:
        services.add_member(
            club=club, full_name="Người thứ 26", joined_on=members[0].joined_on, by=officer
        )
    assert "đã có 25 thành viên chính thức" in exc.value.messages[0]
    assert club.members.filter(left_on__isnull=True).count() == 25


def test_a_member_leaving_frees_a_seat_for_the_next(make_club, add_members, officer):
    club = make_club()
    members = add_members(club, 25)
    services.record_member_leaving(
        member=members[4], left_on=members[4].joined_on, by=officer, reason="Chuyển công tác"
    )
    newcomer = services.add_member(
        club=club, full_name="Người mới", joined_on=members[0].joined_on, by=officer
    )
    assert newcomer.seat == 5
    assert club.members.count() == 26  # the one who left stays on record
    assert members[4].history.latest().history_change_reason == "Chuyển công tác"


def test_the_add_member_page_shows_the_refusal_next_to_the_form_and_keeps_the_input(
    make_club, add_members, login, officer
):
    club = make_club()
    add_members(club, 25)
    client = login(officer)
    response = client.post(
        f"/cau-lac-bo/{club.pk}/thanh-vien/them/",
        {
            "full_name": "Trần Văn Hai Sáu",
            "kind": "individual",
            "sex": "male",
            "ethnicity": "01",
            "joined_on": "2026-02-01",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "đã có 25 thành viên chính thức" in body
    assert 'value="Trần Văn Hai Sáu"' in body


def test_the_database_refuses_a_26th_seat_and_a_seat_held_twice(make_club, add_members):
    club = make_club()
    first = add_members(club, 1)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(club=club, full_name="X", joined_on=first.joined_on, seat=26)
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(club=club, full_name="Y", joined_on=first.joined_on, seat=first.seat)


def test_the_member_count_is_taken_under_a_lock_on_the_club_row(make_club, officer):
    club = make_club()
    with CaptureQueriesContext(connection) as queries:
        services.add_member(club=club, full_name="A", joined_on=club.founded_on, by=officer)
    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, s in enumerate(sql) if 'FROM "clubs_club"' in s)
    count = next(i for i, s in enumerate(sql) if 'FROM "clubs_member"' in s)
    assert lock < count
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in sql[lock]
    else:
        # SQLite has no row locks: every transaction starts BEGIN IMMEDIATE (settings),
        # taking the write lock before the count, so writers are serialised.
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_two_officers_racing_for_the_last_seat_get_one_member_in_and_one_refusal(
    make_club, add_members, officer
):
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs two connections to a server database (PostgreSQL)")
    club = make_club(name="CLB đua chỗ cuối")
    add_members(club, 24)
    barrier = threading.Barrier(2)
    results = []

    def add(name):
        from django.db import connections

        try:
            barrier.wait()
            services.add_member(club=club, full_name=name, joined_on=club.founded_on, by=officer)
            results.append("ok")
        except ValidationError as exc:
            results.append(exc.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(n,)) for n in ("Người A", "Người B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1
    assert any("đã có 25 thành viên chính thức" in r for r in results)
    assert club.members.filter(left_on__isnull=True).count() == 25
