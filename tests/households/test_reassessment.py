"""Re-assessing the register in bulk after a rule is corrected: assessments change, statuses
and their history do not; the run is idempotent and resumable; the changes are shown."""

import dataclasses
from datetime import date

import pytest
from django.core.management import call_command

from giamngheo.households.models import Deprivation, Household, Reassessment, StatusRecord
from giamngheo.households.reassessment import reassess
from giamngheo.poverty import STANDARD_2022_2025
from giamngheo.poverty.indicators import HousingQualityRule

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 1)

OLD_RULE = dataclasses.replace(
    STANDARD_2022_2025,
    indicators=tuple(
        dataclasses.replace(i, rule=HousingQualityRule(min_non_durable=1))
        if i.code == "housing_quality"
        else i
        for i in STANDARD_2022_2025.indicators
    ),
)


def semi_durable_household(demo):
    """A rural household with a semi-durable house and two other deprivations."""
    household = Household.objects.filter(commune=demo.commune_a, members__isnull=False).first()
    household.members.update(
        has_health_insurance=True, in_school=None, employment_status="", stunted=None
    )
    Household.objects.filter(pk=household.pk).update(
        income_per_capita=1_200_000,
        has_house=True,
        housing_type="semi_durable",
        walls_durable=None,
        frame_durable=None,
        roof_durable=None,
        floor_area_m2=60,
        water_source="surface",
        latrine_type="none",
        any_member_uses_internet=True,
        has_television=True,
    )
    return household


def quiet():
    return open("/dev/null", "w")


def test_a_corrected_rule_changes_stored_assessments_and_never_statuses(demo):
    household = semi_durable_household(demo)
    mine = Household.objects.filter(commune=demo.commune_a)
    reassess(mine, on=ON, standard=OLD_RULE)
    household.refresh_from_db()
    assert household.assessed_category == "POOR"
    assert Deprivation.objects.filter(household=household, indicator="housing_quality").exists()
    statuses = list(Household.objects.order_by("pk").values_list("pk", "status", "status_year"))
    records = list(StatusRecord.objects.order_by("pk").values_list())
    history = Household.history.count()

    call_command(
        "recompute_assessments", "--commune", "23425", "--on", "2026-06-01", stdout=quiet()
    )

    household.refresh_from_db()
    deprived = set(household.deprivations.values_list("indicator", flat=True))
    assert "housing_quality" not in deprived
    assert {"water_source", "latrine"} <= deprived
    assert household.deprived_count == len(deprived)
    # The category left POOR (near-poor, or undecided if other facts are missing).
    assert household.assessed_category != "POOR"
    assert household.previous_assessed_category == "POOR"
    assert household.assessment_changed_at is not None
    assert list(Household.objects.order_by("pk").values_list("pk", "status", "status_year")) == (
        statuses
    )
    assert list(StatusRecord.objects.order_by("pk").values_list()) == records
    assert Household.history.count() == history


def test_a_second_run_writes_nothing(demo):
    mine = Household.objects.filter(commune=demo.commune_a)
    first = reassess(mine, on=ON)
    assert first.processed == mine.count()
    again = reassess(mine, on=ON)
    assert (again.changed, again.category_changed) == (0, 0)


def test_an_interrupted_run_resumes_after_the_last_chunk_done(demo):
    semi_durable_household(demo)
    mine = Household.objects.filter(commune=demo.commune_a)
    reassess(mine, on=ON, standard=OLD_RULE)

    class Stop(Exception):
        pass

    def stop_after_first_chunk(done, total):
        raise Stop

    with pytest.raises(Stop):
        reassess(mine, on=ON, scope="t", chunk=3, progress=stop_after_first_chunk)
    run = Reassessment.objects.get(scope="t")
    assert run.processed == 3 and run.finished_at is None
    assert run.last_household_id == list(mine.order_by("pk").values_list("pk", flat=True))[2]

    resumed = reassess(mine, on=ON, scope="t", chunk=3, resume=True)
    assert resumed.pk == run.pk
    assert resumed.processed == mine.count()
    assert resumed.finished_at is not None
    assert set(mine.values_list("assessed_standard", flat=True)) == {"2022-2025"}
    assert (
        not Deprivation.objects.filter(household__in=mine, indicator="housing_quality")
        .filter(household__housing_type="semi_durable", household__walls_durable__isnull=True)
        .exists()
    )


def test_the_household_page_and_the_officers_list_show_the_change(demo, login):
    household = semi_durable_household(demo)
    mine = Household.objects.filter(commune=demo.commune_a)
    reassess(mine, on=ON, standard=OLD_RULE)
    reassess(mine, on=ON)
    household.refresh_from_db()

    client = login(demo.users["canbo.tumorong"])
    register = client.get("/ho-gia-dinh/").content.decode()
    assert "/ho-gia-dinh/danh-gia-thay-doi/" in register
    page = client.get("/ho-gia-dinh/danh-gia-thay-doi/").content.decode()
    assert household.code in page
    assert "hộ nghèo" in page.lower() or "Hộ nghèo" in page
    detail = client.get(f"/ho-gia-dinh/{household.code}/").content.decode()
    assert 'id="assessment-changed"' in detail
    assert "Trạng thái trong danh sách không thay đổi" in detail

    other = login(demo.users["canbo.kontum"]).get("/ho-gia-dinh/danh-gia-thay-doi/")
    assert other.status_code == 200
    assert household.code not in other.content.decode()
