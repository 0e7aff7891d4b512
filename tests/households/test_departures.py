"""A commune officer records, on the household's page, that it moved away or dissolved: a
status decision with its source, audited with the reason, refused on a stale form (409) and
outside the officer's area (404) or role (403)."""

from datetime import date

import pytest
from django.urls import reverse

from giamngheo.households.models import Household, Movement, PovertyStatus, StatusRecord
from giamngheo.households.services import create_household, record_status

from .conftest import member

P = PovertyStatus
S = StatusRecord.Source
pytestmark = pytest.mark.django_db


@pytest.fixture
def poor(village_a, demo):
    officer = demo.users["canbo.tumorong"]
    h = create_household(
        village=village_a, data={}, members=[member(cid="062080123456")], by=officer,
        confirm_duplicates=True,
    )  # fmt: skip
    record_status(
        household=h, status=P.POOR, year=2025, standard="2022-2025", decision_number="12/QĐ-UBND",
        decision_date=date(2024, 12, 20), source=S.REVIEW, by=officer,
    )  # fmt: skip
    h.refresh_from_db()
    return h


def _url(h):
    return reverse("households:household_departure", args=[h.code])


def _post(client, h, **changes):
    data = {
        "kind": S.MOVED_OUT, "on": "2025-08-01", "decision_number": "45/QĐ-UBND",
        "reason": "Chuyển vào Bình Dương làm ăn", "version": h.version, **changes,
    }  # fmt: skip
    return client.post(_url(h), data)


def test_the_officer_records_a_move_away_from_the_household_page(demo, login, poor):
    client = login(demo.users["canbo.tumorong"])
    detail = reverse("households:household_detail", args=[poor.code])
    assert 'id="record-departure"' in client.get(detail).content.decode()
    page = client.get(_url(poor)).content.decode()
    assert 'id="departure-form"' in page and "Hộ chuyển đi" in page

    response = _post(client, poor)

    assert response.status_code == 302 and response["Location"] == detail
    record = poor.status_records.order_by("-decision_date", "-id").first()
    assert (record.source, record.status, record.previous_status) == (
        S.MOVED_OUT,
        P.NOT_LISTED,
        P.POOR,
    )
    assert record.movement == Movement.MOVED_OUT and record.decision_number == "45/QĐ-UBND"
    assert record.reason == "Chuyển vào Bình Dương làm ăn"
    poor_now = Household.objects.get(pk=poor.pk)
    assert poor_now.status == P.NOT_LISTED and poor_now.version == poor.version + 1
    latest = poor_now.history.first()
    assert latest.history_change_reason == "Chuyển vào Bình Dương làm ăn"
    assert latest.history_user == demo.users["canbo.tumorong"]
    page = client.get(detail).content.decode()
    assert 'id="record-departure"' not in page and "Hộ chuyển đi nơi khác" in page
    # Recorded once: the page says so and a second post is refused.
    assert 'id="departed"' in client.get(_url(poor)).content.decode()
    poor_now.refresh_from_db()
    again = _post(client, poor_now, kind=S.DISSOLVED)
    assert again.status_code == 200 and "đã chuyển đi hoặc giải thể" in again.content.decode()
    assert poor.status_records.filter(source__in=[S.MOVED_OUT, S.DISSOLVED]).count() == 1


def test_a_dissolved_household_is_recorded_as_dissolved(demo, login, poor):
    client = login(demo.users["canbo.tumorong"])
    assert (
        _post(client, poor, kind=S.DISSOLVED, reason="Chủ hộ mất, không còn ai").status_code == 302
    )
    record = poor.status_records.order_by("-decision_date", "-id").first()
    assert (record.source, record.movement) == (S.DISSOLVED, Movement.DISSOLVED)


def test_a_stale_form_is_refused_with_409_and_keeps_the_input(demo, login, poor):
    client = login(demo.users["canbo.tumorong"])
    Household.objects.filter(pk=poor.pk).update(version=poor.version + 1)  # someone saved
    response = _post(client, poor)
    html = response.content.decode()
    assert response.status_code == 409 and "Chuyển vào Bình Dương làm ăn" in html
    assert not poor.status_records.filter(source=S.MOVED_OUT).exists()


def test_bad_input_is_explained_in_vietnamese_and_nothing_is_recorded(demo, login, poor):
    client = login(demo.users["canbo.tumorong"])
    response = _post(client, poor, reason="  ")
    assert response.status_code == 200 and "Trường này là bắt buộc." in response.content.decode()
    response = _post(client, poor, on="2024-01-01")  # before the latest decision
    assert response.status_code == 200 and "20/12/2024" in response.content.decode()
    response = _post(client, poor, on="2099-01-01")
    assert response.status_code == 200 and "Ngày quyết định nằm trong tương lai." in (
        response.content.decode()
    )
    assert not poor.status_records.filter(source=S.MOVED_OUT).exists()
    assert Household.objects.get(pk=poor.pk).version == poor.version


def test_outside_the_area_404_and_without_the_role_403(demo, login, poor):
    other = login(demo.users["canbo.kontum"])
    assert other.get(_url(poor)).status_code == 404
    assert _post(other, poor).status_code == 404
    for name in ("ctv.tumorong", "tinh.quangngai"):
        client = login(demo.users[name])
        assert client.get(_url(poor)).status_code == 403
        assert _post(client, poor).status_code == 403
        detail = reverse("households:household_detail", args=[poor.code])
        assert 'id="record-departure"' not in client.get(detail).content.decode()
    assert not poor.status_records.filter(source=S.MOVED_OUT).exists()
