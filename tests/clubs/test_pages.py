import datetime

import pytest
from django.urls import reverse

from giamngheo.clubs import services
from giamngheo.clubs.models import Club, Meeting

pytestmark = pytest.mark.django_db
D = datetime.date


def test_founding_form_keeps_the_input_on_error(demo, login):
    client = login(demo.users["clb.tumorong"])
    response = client.post(
        reverse("clubs:club_create"),
        {
            "name": "CLB giảm nghèo thôn Mới",
            "level": "village",
            "unit": demo.commune_a.pk,
            "decision_no": "301/QĐ-UBND",
            "founded_on": "2026-03-01",
            "frequency": "quarterly",
            "rules_text": "Sinh hoạt hằng quý",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "không thể đặt tại Xã Tu Mơ Rông" in body
    assert 'value="CLB giảm nghèo thôn Mới"' in body and 'value="301/QĐ-UBND"' in body
    assert "Sinh hoạt hằng quý" in body


def test_an_officer_founds_a_commune_club_through_the_page(demo, login):
    client = login(demo.users["clb.kontum"])
    response = client.post(
        reverse("clubs:club_create"),
        {
            "name": "CLB giảm nghèo số 2",
            "level": "commune",
            "unit": demo.commune_b.pk,
            "decision_no": "302/QĐ-UBND",
            "founded_on": "2026-03-01",
            "frequency": "monthly",
        },
    )
    club = Club.objects.get(name="CLB giảm nghèo số 2")
    assert response.status_code == 302
    assert club.founding_unit == demo.commune_b
    assert club.host_places.count() == 4  # the ward's four villages
    page = client.get(reverse("clubs:club_detail", args=[club.pk])).content.decode()
    assert "302/QĐ-UBND" in page
    assert "Ban chỉ đạo giảm nghèo Phường Kon Tum" in page


def test_a_stale_edit_is_refused_with_409_and_keeps_the_input(demo, login):
    club = Club.objects.get(name="CLB công tác giảm nghèo xã Tu Mơ Rông")
    opened = club.version
    services.update_club(
        club=club, version=opened, rules_text="Sửa bởi người khác", by=demo.users["admin"]
    )
    client = login(demo.users["clb.tumorong"])
    response = client.post(
        reverse("clubs:club_edit", args=[club.pk]),
        {
            "name": club.name,
            "decision_no": club.decision_no,
            "founded_on": "2025-09-15",
            "frequency": "monthly",
            "rules_text": "Nội dung tôi vừa gõ",
            "is_active": "on",
            "version": opened,
        },
    )
    assert response.status_code == 409
    assert "Nội dung tôi vừa gõ" in response.content.decode()


def test_recording_a_meeting_through_the_page_keeps_attendance_guests_and_minutes(demo, login):
    club = Club.objects.get(name="CLB công tác giảm nghèo xã Tu Mơ Rông")
    meeting = club.meetings.get(state="planned")
    members = list(club.members.order_by("full_name")[:3])
    client = login(demo.users["clb.tumorong"])
    url = reverse("clubs:meeting_record", args=[meeting.pk])
    missing_minutes = client.post(
        url,
        {
            "held_on": meeting.planned_on.isoformat(),
            "present": [m.pk for m in members],
            "guests": "Lê Văn Khách – Khuyến nông",
            "version": meeting.version,
        },
    )
    body = missing_minutes.content.decode()
    assert "Lê Văn Khách – Khuyến nông" in body
    assert f'value="{members[0].pk}" id="id_present_0" checked' in body or "checked" in body
    response = client.post(
        url,
        {
            "held_on": meeting.planned_on.isoformat(),
            "present": [m.pk for m in members],
            "guests": "Lê Văn Khách – Khuyến nông\nY Blơ",
            "topics": ["vocational", "health"],
            "minutes": "Bàn việc học nghề",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.state == "held" and meeting.members_on_roll == 8
    assert meeting.attendances.count() == 3
    assert [(g.full_name, g.organisation) for g in meeting.guests.all()] == [
        ("Lê Văn Khách", "Khuyến nông"),
        ("Y Blơ", ""),
    ]
    assert sorted(meeting.topics.values_list("topic", flat=True)) == ["health", "vocational"]
    page = client.get(reverse("clubs:meeting_detail", args=[meeting.pk])).content.decode()
    assert "3/8 thành viên, 2 khách" in page


def test_a_held_meeting_cannot_be_recorded_again(demo):
    meeting = Meeting.objects.filter(state="held").first()
    with pytest.raises(Exception) as exc:
        services.record_meeting(
            meeting=meeting,
            held_on=meeting.held_on,
            minutes="x",
            present=[],
            version=meeting.version,
            by=demo.users["admin"],
        )
    assert "không thể chuyển" in str(exc.value) or "không thể" in str(exc.value)


def test_follow_up_actions_and_good_practices_are_kept_from_a_meeting(demo, login):
    meeting = Meeting.objects.get(club__name="CLB công tác giảm nghèo xã Tu Mơ Rông", state="held")
    client = login(demo.users["clb.tumorong"])
    client.post(
        reverse("clubs:action_add", args=[meeting.pk]),
        {"description": "Mời Ngân hàng CSXH giải ngân", "owner": "A Blong", "due_on": "2026-12-01"},
    )
    client.post(
        reverse("clubs:practice_add", args=[meeting.pk]),
        {"title": "Nuôi heo đen bản địa", "description": "8 hộ thoát nghèo", "households": 8},
    )
    action = meeting.actions.get(owner="A Blong")
    client.post(reverse("clubs:action_done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done_on is not None
    found = client.get(reverse("clubs:practice_list") + "?q=nuoi heo den").content.decode()
    assert "Nuôi heo đen bản địa" in found


def test_the_club_list_runs_a_bounded_number_of_queries(demo, login, django_assert_max_num_queries):
    admin = demo.users["admin"]
    for i in range(12):
        club = services.found_club(
            name=f"CLB số {i}",
            level="commune",
            unit=demo.commune_a,
            decision_no=f"{i}/QĐ",
            founded_on=D(2026, 1, 1),
            by=admin,
        )
        services.add_member(club=club, full_name="A", joined_on=D(2026, 1, 1), by=admin)
    client = login(demo.users["vanphong.quangngai"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("clubs:club_list"))
    assert response.status_code == 200
    assert response.content.decode().count("/cau-lac-bo/") > 12


def test_the_club_page_and_statistics_run_a_bounded_number_of_queries(
    demo, login, django_assert_max_num_queries
):
    club = Club.objects.get(name="CLB công tác giảm nghèo xã Tu Mơ Rông")
    client = login(demo.users["clb.tumorong"])
    with django_assert_max_num_queries(25):
        assert client.get(reverse("clubs:club_detail", args=[club.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("clubs:statistics")).status_code == 200


def test_the_demo_clubs_are_built_once(demo):
    from giamngheo.site.demo import build_demo

    before = Club.objects.count()
    summary = build_demo()
    assert summary["clubs"]["clubs_added"] == 0
    assert Club.objects.count() == before
