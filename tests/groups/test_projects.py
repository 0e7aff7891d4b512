"""Production-support projects: funding, support per household, commitment, results."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from giamngheo.groups import selectors, services
from giamngheo.groups.catalogues import FundingSource, Programme, SupportKind
from giamngheo.groups.models import Beneficiary, ProjectState
from giamngheo.households.models import Household, PovertyStatus

from .conftest import escape

D = datetime.date


def give(project, household, by, value=10_000_000, source=FundingSource.CENTRAL_BUDGET, **kw):
    kw.setdefault("kind", SupportKind.LIVESTOCK)
    kw.setdefault("description", "Bò giống")
    kw.setdefault("delivered_on", D(2026, 3, 10))
    return services.add_support(
        project=project, household=household, value=value, source=source, by=by, **kw
    )


def test_support_goes_only_to_households_of_the_group(committed, eligible, officer):
    outsider = eligible[5]
    with pytest.raises(ValidationError) as exc:
        give(committed, outsider, officer)
    assert outsider.code in str(exc.value.error_dict["household"])


def test_support_cannot_exceed_the_funding_of_its_source(committed, eligible, officer):
    for household in eligible[:5]:
        give(committed, household, officer)
    with pytest.raises(ValidationError) as exc:
        give(committed, eligible[0], officer, value=1)
    assert "0 đ" in str(exc.value.error_dict["value"])
    with pytest.raises(ValidationError) as exc:
        give(committed, eligible[0], officer, source=FundingSource.LOCAL_BUDGET)
    assert "source" in exc.value.error_dict


def test_state_support_waits_for_the_groups_commitment(project, eligible, officer):
    services.change_project_state(project=project, action="start", by=officer)
    with pytest.raises(ValidationError) as exc:
        give(project, eligible[0], officer)
    assert "cam kết" in str(exc.value.error_dict["delivered_on"])
    # Planning it, or support from another source, is allowed before the commitment.
    give(project, eligible[0], officer, delivered_on=None)
    give(project, eligible[0], officer, value=1_000_000, source=FundingSource.ENTERPRISE)


def test_no_support_is_delivered_before_the_rules_are_approved(make_group, officer, eligible):
    group = make_group(name="Nhóm chưa duyệt")
    project = services.start_project(
        group=group,
        name="Dự án",
        programme=Programme.LOCAL_BUDGET,
        starts_on=D(2026, 3, 1),
        by=officer,
    )
    services.set_funding(
        project=project, source=FundingSource.ENTERPRISE, amount=5_000_000, by=officer
    )
    with pytest.raises(ValidationError) as exc:
        give(project, eligible[0], officer, value=1_000, source=FundingSource.ENTERPRISE)
    assert "delivered_on" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services.change_project_state(project=project, action="start", by=officer)


def test_a_negative_value_or_quantity_is_refused(committed, eligible, officer):
    with pytest.raises(ValidationError) as exc:
        give(committed, eligible[0], officer, value=-5)
    assert "value" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        give(committed, eligible[0], officer, quantity=0)
    assert "quantity" in exc.value.error_dict


def test_funding_cannot_fall_below_what_was_given(committed, eligible, officer):
    give(committed, eligible[0], officer, value=20_000_000)
    with pytest.raises(ValidationError):
        services.set_funding(
            project=committed, source=FundingSource.CENTRAL_BUDGET, amount=19_999_999, by=officer
        )
    services.set_funding(
        project=committed, source=FundingSource.CENTRAL_BUDGET, amount=20_000_000, by=officer
    )


def test_planned_support_is_delivered_later(committed, eligible, officer):
    line = give(committed, eligible[0], officer, delivered_on=None)
    services.deliver_support(support=line, delivered_on=D(2026, 4, 1), by=officer)
    with pytest.raises(ValidationError):
        services.deliver_support(support=line, delivered_on=D(2026, 4, 2), by=officer)


def test_the_household_situation_is_kept_at_its_first_support(committed, eligible, officer):
    household = eligible[0]
    give(committed, household, officer)
    give(committed, household, officer, kind=SupportKind.TRAINING, value=500_000)
    beneficiary = Beneficiary.objects.get(project=committed, household=household)
    assert beneficiary.income_at_start == household.income_per_capita
    assert beneficiary.status_at_start == household.status
    assert beneficiary.support.count() == 2


def test_results_are_computed_from_the_register(committed, eligible, officer):
    first, second, third = eligible[:3]
    for household in (first, second, third):
        give(committed, household, officer)
    give(committed, first, officer, value=2_000_000, source=FundingSource.ENTERPRISE)
    give(
        committed,
        second,
        officer,
        value=1_000_000,
        source=FundingSource.ENTERPRISE,
        delivered_on=None,
    )
    # Incomes rise for two households; the third is not re-surveyed yet.
    Household.objects.filter(pk=first.pk).update(
        income_per_capita=first.income_per_capita + 600_000
    )
    Household.objects.filter(pk=second.pk).update(
        income_per_capita=second.income_per_capita + 200_000
    )
    escape(first, D(2026, 10, 1), officer)
    escape(second, D(2026, 2, 1), officer)  # before the project started: not its result
    escape(third, D(2026, 10, 1), officer, status=PovertyStatus.ESCAPED_NEAR_POOR)
    results = selectors.project_results(committed)
    assert results.funding_state == 50_000_000 and results.funding_other == 10_000_000
    assert results.delivered_state == 30_000_000
    assert results.delivered_other == 2_000_000
    assert results.planned == 1_000_000
    assert results.households == 3
    assert results.income_change == round((600_000 + 200_000 + 0) / 3)
    assert results.escaped_poverty == 1
    assert results.escaped_near_poverty == 1


def test_a_project_replicates_another_model(project, active_group, officer):
    copy = services.start_project(
        group=active_group, name="Nhân rộng mô hình sâm", programme=Programme.RURAL_NTP,
        starts_on=D(2026, 6, 1), replicates=project, by=officer,
    )  # fmt: skip
    assert list(project.replications.all()) == [copy]
    assert selectors.project_results(project).replications == 1


def test_support_is_delivered_once_the_project_is_under_way(project, eligible, officer):
    services.sign_commitment(project=project, text="Cam kết", signed_on=D(2026, 2, 25), by=officer)
    with pytest.raises(ValidationError) as exc:
        give(project, eligible[0], officer)
    assert "delivered_on" in exc.value.error_dict
    services.change_project_state(project=project, action="start", by=officer)
    assert give(project, eligible[0], officer).delivered_on == D(2026, 3, 10)


def test_the_project_workflow_refuses_a_step_out_of_order(project, officer):
    with pytest.raises(ValidationError):
        services.change_project_state(project=project, action="complete", by=officer)
    services.change_project_state(project=project, action="start", by=officer)
    with pytest.raises(ValidationError):
        services.change_project_state(project=project, action="cancel", by=officer, reason="")
    done = services.change_project_state(
        project=project, action="complete", by=officer, results_note="Đàn bò tăng"
    )
    assert done.state == ProjectState.COMPLETED and done.ends_on is not None


def test_a_project_ending_before_it_starts_is_refused(active_group, officer):
    with pytest.raises(ValidationError) as exc:
        services.start_project(
            group=active_group, name="X", programme=Programme.OTHER,
            starts_on=D(2026, 5, 1), ends_on=D(2026, 4, 1), by=officer,
        )  # fmt: skip
    assert "ends_on" in exc.value.error_dict


def test_milestones(project, officer):
    with pytest.raises(ValidationError):
        services.add_milestone(project=project, title="Sớm", due_on=D(2026, 1, 1), by=officer)
    milestone = services.add_milestone(
        project=project, title="Thu hoạch", due_on=D(2026, 9, 1), by=officer
    )
    services.complete_milestone(milestone=milestone, done_on=D(2026, 9, 5), by=officer)
    with pytest.raises(ValidationError):
        services.complete_milestone(milestone=milestone, done_on=D(2026, 9, 6), by=officer)
