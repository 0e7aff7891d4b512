"""Hand-over to the review workflow: a shock starts a prefilled inclusion application, the
likely-to-escape list an exit application."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from giamngheo.assistance import services
from giamngheo.assistance.models import Shock, ShockState
from giamngheo.assistance.selectors import likely_to_escape
from giamngheo.households.models import Household
from giamngheo.reviews.models import ADHOC_OPEN_STATES, AdHocReview

D = datetime.date
pytestmark = pytest.mark.django_db
TODAY = D(2026, 10, 5)


@pytest.fixture
def free(demo):
    """Tu Mơ Rông households without an application under review, off the lists."""
    qs = (
        Household.objects.filter(commune=demo.commune_a)
        .exclude(adhoc_reviews__state__in=ADHOC_OPEN_STATES)
        .order_by("code")
    )
    chosen = list(qs[:3])
    Household.objects.filter(pk__in=[h.pk for h in chosen]).update(status="NOT_LISTED")
    for h in chosen:
        h.refresh_from_db()
    return chosen


@pytest.fixture
def death(free, users):
    return services.record_shock(
        household=free[0], kind="death_of_earner", occurred_on=D(2026, 9, 20), by=users.ctv,
        description="Chủ hộ mất do tai nạn lao động, hộ mất nguồn thu nhập chính.",
    )  # fmt: skip


def test_a_shock_starts_a_correctly_prefilled_inclusion_application(death, free, users):
    application = services.start_inclusion_application(
        shock=death, by=users.ctv, version=death.version, today=TODAY
    )
    assert application.kind == "inclusion"
    assert application.household == free[0] and application.commune == free[0].commune
    assert application.applicant_name == free[0].head_name != ""
    assert "Chủ hộ mất do tai nạn lao động" in application.reason
    assert "20/09/2026" in application.reason
    assert application.received_on == TODAY
    assert application.channel == "collaborator"
    assert application.recorded_by == users.ctv
    assert application.state == "submitted"
    assert application.previous_status == "NOT_LISTED"
    # The members come with the household from the register.
    assert application.household.members.filter(relation="head").exists()
    death.refresh_from_db()
    assert death.state == ShockState.APPLICATION_STARTED
    assert death.application == application
    assert list(application.shocks.all()) == [death]


def test_an_officer_starts_it_as_received_in_person(death, users):
    application = services.start_inclusion_application(
        shock=death, by=users.officer, version=death.version, today=TODAY
    )
    assert application.channel == "in_person"


def test_the_application_starts_once(death, users):
    services.start_inclusion_application(
        shock=death, by=users.ctv, version=death.version, today=TODAY
    )
    death.refresh_from_db()
    with pytest.raises(ValidationError):
        services.start_inclusion_application(
            shock=death, by=users.ctv, version=death.version, today=TODAY
        )


def test_refused_by_the_review_workflow_leaves_the_shock_at_risk(death, free, users):
    Household.objects.filter(pk=free[0].pk).update(status="POOR")
    death.household.refresh_from_db()
    with pytest.raises(ValidationError):
        services.start_inclusion_application(
            shock=death, by=users.ctv, version=death.version, today=TODAY
        )
    death.refresh_from_db()
    assert death.state == ShockState.AT_RISK and death.application is None
    assert not AdHocReview.objects.filter(household=free[0], state__in=ADHOC_OPEN_STATES).exists()


def test_only_an_editor_of_the_commune_starts_it(death, users):
    with pytest.raises(PermissionDenied):
        services.start_inclusion_application(
            shock=death, by=users.leader, version=death.version, today=TODAY
        )


def test_one_tap_on_the_shock_page_opens_the_application(death, users, login):
    client = login(users.ctv)
    page = client.get(f"/tro-giup/rui-ro/{death.pk}/")
    assert "lap-giay-de-nghi" in page.content.decode()
    response = client.post(
        f"/tro-giup/rui-ro/{death.pk}/lap-giay-de-nghi/", {"version": death.version}
    )
    application = Shock.objects.get(pk=death.pk).application
    assert response.status_code == 302
    assert response["Location"] == f"/ra-soat/thuong-xuyen/{application.pk}/"


def test_exit_application_from_the_likely_to_escape_list(free, users, login):
    h = free[1]
    Household.objects.filter(pk=h.pk).update(
        status="NEAR_POOR", assessed_category="NOT_POOR", assessed_standard="2022-2025",
        deprived_count=1,
    )  # fmt: skip
    h.refresh_from_db()
    application = services.start_exit_application(household=h, by=users.ctv, today=TODAY)
    assert application.kind == "exit"
    assert application.applicant_name == h.head_name
    assert "2022-2025" in application.reason
    row = [x for x in likely_to_escape(users.ctv, today=TODAY) if x.pk == h.pk][0]
    assert row.application_open


def test_exit_application_through_the_page(free, users, login):
    h = free[2]
    Household.objects.filter(pk=h.pk).update(
        status="POOR", assessed_category="AVERAGE", assessed_standard="2022-2025"
    )
    client = login(users.officer)
    response = client.post(f"/tro-giup/kha-nang-thoat-ngheo/{h.code}/de-nghi-thoat-ngheo/")
    assert response.status_code == 302
    assert AdHocReview.objects.get(household=h, kind="exit").recorded_by == users.officer
    # Another commune's officer cannot reach it.
    assert (
        login(users.officer_b)
        .post(f"/tro-giup/kha-nang-thoat-ngheo/{h.code}/de-nghi-thoat-ngheo/")
        .status_code
        == 404
    )
