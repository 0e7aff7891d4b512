"""Deadlines come from data (the province may set its own), overdue detection and reminders."""

import datetime

import pytest

from giamngheo.assistance.catalogues import DEFAULT_DEADLINES
from giamngheo.assistance.models import DeadlinePolicy, HelpRequest
from giamngheo.assistance.selectors import overdue_list, overdue_requests, reminders_for

from .conftest import take

D = datetime.date
pytestmark = pytest.mark.django_db


def test_each_step_gets_the_default_deadline_from_the_previous_step(housing_request, users):
    r = housing_request
    assert r.due_on == D(2026, 3, 2) + datetime.timedelta(days=DEFAULT_DEADLINES.forward)
    r = take(r, "forward", D(2026, 3, 4), users.officer)
    assert r.due_on == D(2026, 3, 4) + datetime.timedelta(days=DEFAULT_DEADLINES.answer)
    r = take(r, "accept", D(2026, 3, 10), users.leader, action_decided="a", responsible="b")
    assert r.due_on == D(2026, 3, 10) + datetime.timedelta(days=DEFAULT_DEADLINES.carry_out)
    r = take(r, "carry_out", D(2026, 3, 20), users.officer, note="xong")
    assert r.due_on == D(2026, 3, 20) + datetime.timedelta(days=DEFAULT_DEADLINES.inform)


def test_the_provinces_own_deadlines_replace_the_defaults(demo, household_a, users):
    from giamngheo.assistance import services

    DeadlinePolicy.objects.create(
        unit=demo.province, forward_days=2, answer_days=7, carry_out_days=20, inform_days=3,
        legal_basis="Quyết định …/QĐ-UBND tỉnh Quảng Ngãi",
    )  # fmt: skip
    r = services.record_request(
        household=household_a, need="education", statement="Con nghỉ học", received_on=D(2026, 5, 4),
        by=users.officer,
    )  # fmt: skip
    assert r.due_on == D(2026, 5, 6)
    r = take(r, "forward", D(2026, 5, 5), users.officer)
    assert r.due_on == D(2026, 5, 12)


def test_a_request_is_overdue_only_after_its_due_date_and_while_open(housing_request, users):
    due = housing_request.due_on
    qs = HelpRequest.objects.filter(pk=housing_request.pk)
    assert not overdue_requests(qs, today=due).exists()
    assert overdue_requests(qs, today=due + datetime.timedelta(days=1)).exists()
    take(housing_request, "withdraw", D(2026, 3, 3), users.officer, note="trùng")
    assert not overdue_requests(qs, today=D(2027, 1, 1)).exists()


def test_overdue_list_is_scoped(housing_request, users):
    later = D(2026, 4, 1)
    assert housing_request in overdue_list(users.office, today=later)
    assert housing_request in overdue_list(users.ctv, today=later)
    assert housing_request not in overdue_list(users.officer_b, today=later)


def _urls(reminders):
    return [r.url for r in reminders]


def test_reminders_go_to_whoever_must_act_next(housing_request, users):
    url = f"/tro-giup/yeu-cau/{housing_request.pk}/"
    on_time = D(2026, 3, 3)
    assert url in _urls(reminders_for(users.officer, today=on_time))
    assert url not in _urls(reminders_for(users.leader, today=on_time))
    assert url not in _urls(reminders_for(users.ctv, today=on_time))
    assert url not in _urls(reminders_for(users.office, today=on_time))
    assert url not in _urls(reminders_for(users.officer_b, today=on_time))

    take(housing_request, "forward", D(2026, 3, 3), users.officer)
    assert url in _urls(reminders_for(users.leader, today=on_time))
    assert url not in _urls(reminders_for(users.officer, today=on_time))
    assert url not in _urls(reminders_for(users.leader_b, today=on_time))

    take(housing_request, "decline", D(2026, 3, 5), users.leader, note="không đủ điều kiện")
    mine = [r for r in reminders_for(users.ctv, today=D(2026, 3, 6)) if r.url == url]
    assert mine and not mine[0].overdue and mine[0].due_on == D(2026, 3, 10)
    assert "Inform the household" in mine[0].text or "Thông báo" in mine[0].text


def test_the_collaborator_and_the_office_are_reminded_of_overdue_requests(housing_request, users):
    url = f"/tro-giup/yeu-cau/{housing_request.pk}/"
    late = D(2026, 3, 20)
    for user in (users.ctv, users.office):
        found = [r for r in reminders_for(user, today=late) if r.url == url]
        assert found and found[0].overdue
    # Another commune's collaborator is not.
    assert url not in _urls(reminders_for(users.ctv_b, today=late))


def test_reminders_cost_one_query(housing_request, users, django_assert_max_num_queries):
    users.officer._current_assignments = None
    reminders_for(users.officer)  # role cache
    with django_assert_max_num_queries(1):
        reminders_for(users.officer, today=D(2026, 3, 3))


def test_context_processor_is_lazy_and_lists_the_users_reminders(rf, housing_request, users):
    from giamngheo.assistance.context_processors import reminders

    request = rf.get("/")
    request.user = users.officer
    context = reminders(request)
    assert any(r.url.endswith(f"/{housing_request.pk}/") for r in context["reminders"])
