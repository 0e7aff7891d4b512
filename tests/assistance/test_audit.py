"""Who did what and why: the audit trail of requests and shocks, and the demo data."""

import datetime

import pytest

from giamngheo.assistance import services
from giamngheo.assistance.models import HelpRequest
from giamngheo.core.history import history_entries

from .conftest import take

D = datetime.date
pytestmark = pytest.mark.django_db


def test_every_step_is_in_the_audit_trail_with_its_user_and_reason(housing_request, users):
    take(housing_request, "forward", D(2026, 3, 3), users.officer)
    take(housing_request, "decline", D(2026, 3, 4), users.leader, note="Không đủ điều kiện")
    entries = history_entries(housing_request)
    assert [e.who for e in entries] == [users.leader, users.officer, users.ctv]
    assert entries[2].reason == "Request recorded" or entries[2].reason == "Đã ghi yêu cầu"
    changed = {c.field for c in entries[0].changes}
    assert {"state", "reason for not accepting"} <= {str(f) for f in changed} or len(changed) >= 2


def test_shock_history_records_who_closed_it(household_a, users):
    shock = services.record_shock(
        household=household_a,
        kind="pollution",
        occurred_on=D(2026, 4, 1),
        description="ô nhiễm",
        by=users.ctv,
    )
    services.close_shock(shock=shock, note="Đã xử lý", by=users.officer, version=shock.version)
    assert [e.who for e in history_entries(shock)] == [users.officer, users.ctv]


def test_detail_page_shows_steps_and_history(housing_request, users, login):
    page = login(users.office).get(f"/tro-giup/yeu-cau/{housing_request.pk}/").content.decode()
    assert 'id="steps"' in page and "history" in page


def test_demo_is_idempotent_and_reaches_every_stage(demo):
    from giamngheo.site.demo import build_demo

    before = HelpRequest.objects.count()
    build_demo()
    assert HelpRequest.objects.count() == before
    states = set(HelpRequest.objects.filter(commune=demo.commune_a).values_list("state", flat=True))
    assert {"accepted", "recorded", "informed"} <= states
