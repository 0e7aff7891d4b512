"""Forming a self-managed group: who may be a member, its leader, its rules' approval."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from giamngheo.core.history import history_entries
from giamngheo.geo.models import Unit
from giamngheo.groups import services
from giamngheo.groups.models import GroupState, Membership, SelfManagedGroup
from giamngheo.households.models import Household, PovertyStatus

D = datetime.date


def messages_of(exc, field):
    return [m for e in exc.value.error_dict[field] for m in e.messages]


def test_a_group_of_poor_and_near_poor_households_is_formed_with_its_members(
    make_group, eligible, collaborator
):
    group = make_group()
    assert group.state == GroupState.FORMING
    assert group.memberships.count() == 5
    assert group.leader == eligible[0]
    assert group.advisor == collaborator
    statuses = set(group.memberships.values_list("status_when_joined", flat=True))
    assert statuses <= {PovertyStatus.POOR, PovertyStatus.NEAR_POOR}


def test_a_household_not_poor_is_refused_and_named(make_group, eligible, not_eligible):
    with pytest.raises(ValidationError) as exc:
        make_group(households=[*eligible[:2], not_eligible])
    [message] = messages_of(exc, "households")
    assert not_eligible.code in message
    assert "không phải hộ nghèo hoặc cận nghèo" in message
    assert not SelfManagedGroup.objects.filter(name="Nhóm hộ trồng sâm").exists()


def test_a_household_of_another_commune_is_refused_with_its_commune(make_group, eligible, demo):
    other = Household.objects.filter(commune=demo.commune_a, status=PovertyStatus.POOR).first()
    with pytest.raises(ValidationError) as exc:
        make_group(households=[eligible[0], other])
    [message] = messages_of(exc, "households")
    assert other.code in message and demo.commune_a.name in message


def test_every_ineligible_household_is_listed(make_group, eligible, mangden):
    escaped = Household.objects.filter(commune=mangden, status=PovertyStatus.ESCAPED_POOR)
    with pytest.raises(ValidationError) as exc:
        make_group(households=[eligible[0], *escaped])
    assert len(messages_of(exc, "households")) == escaped.count() >= 2


def test_the_leader_is_one_of_the_households(make_group, eligible):
    with pytest.raises(ValidationError) as exc:
        make_group(households=eligible[:3], leader=eligible[4])
    assert "leader" in exc.value.error_dict


def test_the_name_is_unique_in_the_commune(make_group, eligible):
    make_group(name="Nhóm Sâm")
    with pytest.raises(ValidationError) as exc:
        make_group(name="nhóm sâm", households=eligible[:2])
    assert "name" in exc.value.error_dict


def test_the_advisor_is_the_communes_collaborator(make_group, demo):
    from giamngheo.collaborators.models import Collaborator

    other = Collaborator.objects.get(user__username="ctv.tumorong")
    with pytest.raises(ValidationError) as exc:
        make_group(advisor=other)
    assert "Xã Tu Mơ Rông" in str(exc.value.error_dict["advisor"])


def test_a_group_cannot_be_formed_in_the_future(make_group):
    with pytest.raises(ValidationError) as exc:
        make_group(formed_on=datetime.date.today() + datetime.timedelta(days=2))
    assert "formed_on" in exc.value.error_dict


def test_approving_the_rules_needs_the_decision_and_makes_the_group_active(make_group, leader):
    group = make_group()
    with pytest.raises(ValidationError):
        services.approve_rules(group=group, decision_no="", approved_on=D(2026, 2, 10), by=leader)
    with pytest.raises(ValidationError):
        services.approve_rules(
            group=group, decision_no="1/QĐ", approved_on=D(2026, 1, 10), by=leader
        )
    group = services.approve_rules(
        group=group, decision_no="12/QĐ-UBND", approved_on=D(2026, 2, 10), by=leader
    )
    assert group.state == GroupState.ACTIVE
    with pytest.raises(ValidationError) as exc:
        services.approve_rules(
            group=group, decision_no="13/QĐ", approved_on=D(2026, 2, 11), by=leader
        )
    assert "Đang hoạt động" in str(exc.value) or "Hoạt động" in str(exc.value)


def test_the_database_refuses_an_active_group_without_its_decision(make_group):
    group = make_group()
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfManagedGroup.objects.filter(pk=group.pk).update(state=GroupState.ACTIVE)


def test_a_household_joins_once_and_leaves_with_a_reason(make_group, eligible, officer):
    group = make_group(households=eligible[:3])
    membership = services.add_member(
        group=group, household=eligible[3], joined_on=D(2026, 3, 1), by=officer
    )
    with pytest.raises(ValidationError):
        services.add_member(group=group, household=eligible[3], joined_on=D(2026, 3, 2), by=officer)
    with pytest.raises(ValidationError):
        services.remove_member(membership=membership, left_on=D(2026, 4, 1), by=officer, reason="")
    services.remove_member(
        membership=membership, left_on=D(2026, 4, 1), by=officer, reason="Chuyển đi nơi khác"
    )
    again = services.add_member(
        group=group, household=eligible[3], joined_on=D(2026, 5, 1), by=officer
    )
    assert Membership.objects.filter(group=group, household=eligible[3]).count() == 2
    assert again.left_on is None


def test_the_leaders_household_cannot_leave_while_leader(make_group, officer):
    group = make_group()
    membership = group.memberships.get(household=group.leader)
    with pytest.raises(ValidationError):
        services.remove_member(membership=membership, left_on=D(2026, 4, 1), by=officer, reason="x")


def test_a_group_with_a_running_project_cannot_be_dissolved(committed, officer):
    from giamngheo.groups.services import change_project_state

    project = committed
    with pytest.raises(ValidationError):
        services.dissolve_group(group=project.group, on=D(2026, 6, 1), by=officer, reason="Tan rã")
    change_project_state(project=project, action="cancel", by=officer, reason="Hết vốn")
    group = services.dissolve_group(
        group=project.group, on=D(2026, 6, 1), by=officer, reason="Tan rã"
    )
    assert group.state == GroupState.DISSOLVED


def test_an_edit_is_audited_and_a_stale_edit_refused(make_group, officer, eligible):
    from giamngheo.core.concurrency import EditConflict

    group = make_group()
    version = group.version
    services.update_group(
        group=group, version=version, by=officer, reason="Nhóm đổi tên", name="Nhóm sâm Ngọc Linh"
    )
    with pytest.raises(EditConflict):
        services.update_group(group=group, version=version, by=officer, name="Khác")
    entries = history_entries(SelfManagedGroup.objects.get(pk=group.pk))
    assert entries[0].who == officer and entries[0].reason == "Nhóm đổi tên"
    assert any(c.new == "Nhóm sâm Ngọc Linh" for c in entries[0].changes)


def test_a_village_of_another_commune_is_refused(make_group, demo):
    village = Unit.objects.filter(parent=demo.commune_a, level="village").first()
    with pytest.raises(ValidationError) as exc:
        make_group(village=village)
    assert "village" in exc.value.error_dict


def test_a_step_out_of_order_reads_the_shared_refusal(active_group, leader, officer):
    """Group steps go through core.workflow: the sentence every workflow refuses with."""
    with pytest.raises(ValidationError) as exc:
        services.approve_rules(
            group=active_group, decision_no="13/QĐ-UBND", approved_on=D(2026, 2, 11), by=leader
        )
    assert exc.value.messages == [
        "Lúc này không thể “Phê duyệt quy chế”: hồ sơ đang ở bước “Đang hoạt động: quy chế đã "
        "được phê duyệt”."
    ]
    with pytest.raises(PermissionDenied):  # the commune leader approves rules, not manages groups
        services.dissolve_group(group=active_group, on=D(2026, 3, 1), by=leader, reason="Tan")
    group = services.dissolve_group(group=active_group, on=D(2026, 3, 1), by=officer, reason="Tan")
    assert (
        group.state == GroupState.DISSOLVED and group.history.first().history_change_reason == "Tan"
    )
