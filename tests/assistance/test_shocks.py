"""Shocks and family changes put a household at risk; the collaborator's log records them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from giamngheo.assistance import services
from giamngheo.assistance.catalogues import ShockKind
from giamngheo.assistance.models import ShockState
from giamngheo.assistance.selectors import households_at_risk, shock_list
from giamngheo.collaborators.models import Activity

D = datetime.date
pytestmark = pytest.mark.django_db


def _flood(household, by):
    return services.record_shock(
        household=household, kind=ShockKind.NATURAL_DISASTER, occurred_on=D(2026, 9, 12),
        description="Lũ quét cuốn trôi nhà bếp và 2 con bò", estimated_loss=25_000_000, by=by,
    )  # fmt: skip


def test_a_shock_puts_the_household_at_risk_until_closed(household_a, users):
    shock = _flood(household_a, users.ctv)
    assert shock.state == ShockState.AT_RISK
    assert shock.commune == household_a.commune and shock.recorded_by == users.ctv
    assert household_a in households_at_risk(users.officer)
    services.close_shock(
        shock=shock, note="Hộ đã tự khắc phục", by=users.officer, version=shock.version
    )
    assert household_a not in households_at_risk(users.officer)


def test_every_kind_of_the_2016_list_can_be_recorded(household_a, users):
    kinds = set(ShockKind.values)
    assert {"natural_disaster", "pollution", "accident", "serious_illness", "economic_loss",
            "social_risk", "birth", "marriage", "death_of_earner", "military_return",
            "family_other"} == kinds  # fmt: skip
    for kind in kinds:
        services.record_shock(
            household=household_a,
            kind=kind,
            occurred_on=D(2026, 9, 1),
            description=kind,
            by=users.officer,
        )
    assert shock_list(users.officer).filter(household=household_a).count() == len(kinds)


def test_a_shock_needs_an_editor_a_known_kind_and_a_description(household_a, users):
    with pytest.raises(PermissionDenied):
        _flood(household_a, users.leader)
    with pytest.raises(ValidationError) as exc:
        services.record_shock(
            household=household_a, kind="meteor", occurred_on=D(2026, 9, 1), description="",
            estimated_loss=-1, by=users.ctv,
        )  # fmt: skip
    assert set(exc.value.error_dict) == {"kind", "description", "estimated_loss"}


def test_closing_needs_a_reason_and_happens_once(household_a, users):
    shock = _flood(household_a, users.ctv)
    with pytest.raises(ValidationError):
        services.close_shock(shock=shock, note=" ", by=users.officer, version=shock.version)
    services.close_shock(
        shock=shock, note="Đã có trong danh sách", by=users.officer, version=shock.version
    )
    with pytest.raises(ValidationError):
        services.close_shock(shock=shock, note="lần hai", by=users.officer, version=shock.version)


def test_shocks_of_another_commune_are_not_listed(household_a, household_b, users):
    _flood(household_a, users.ctv)
    b = _flood(household_b, users.ctv_b)
    assert b not in shock_list(users.ctv)
    assert b in shock_list(users.office)


def test_collaborators_shock_and_request_go_to_their_activity_log(household_a, users):
    before = Activity.objects.filter(recorded_by=users.ctv).count()
    _flood(household_a, users.ctv)
    services.record_request(
        household=household_a,
        need="health",
        statement="Ốm nặng",
        received_on=D(2026, 9, 13),
        by=users.ctv,
    )
    logged = list(Activity.objects.filter(recorded_by=users.ctv).order_by("-id")[:2])
    assert Activity.objects.filter(recorded_by=users.ctv).count() == before + 2
    assert {a.duty for a in logged} == {"1", "2"}
    assert all(list(a.households.all()) == [household_a] for a in logged)


def test_an_officers_request_is_not_logged_as_a_collaborator_activity(household_a, users):
    before = Activity.objects.count()
    services.record_request(
        household=household_a,
        need="health",
        statement="Ốm",
        received_on=D(2026, 9, 13),
        by=users.officer,
    )
    assert Activity.objects.count() == before
