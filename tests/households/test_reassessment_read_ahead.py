"""Outside a transaction (on PostgreSQL) the bulk re-assessment reads the next chunk on a
second connection while it writes the current one; the result is the single-household
path's, chunk after chunk."""

from datetime import date

import pytest
from django.db import connection

from giamngheo.households.assessment import recompute_per_household
from giamngheo.households.models import Deprivation, Household
from giamngheo.households.reassessment import reassess

pytestmark = pytest.mark.django_db(transaction=True)
ON = date(2026, 6, 1)


def stored(queryset):
    rows = queryset.order_by("pk").values_list(
        "pk", "assessed_category", "assessed_standard", "deprived_count", "unknown_count"
    )
    deprived = sorted(
        Deprivation.objects.filter(household__in=queryset).values_list("household_id", "indicator")
    )
    return list(rows), deprived


def test_read_ahead_gives_the_single_path_answers(demo):
    mine = Household.objects.filter(commune=demo.commune_a)
    assert mine.count() > 6
    Household.objects.filter(pk__in=list(mine.values_list("pk", flat=True)[:3])).update(
        housing_type="semi_durable", walls_durable=None, frame_durable=None, roof_durable=None
    )
    assert not connection.in_atomic_block
    seen = []
    run = reassess(mine, on=ON, chunk=4, progress=lambda done, total: seen.append(done))
    assert run.processed == mine.count() and run.finished_at is not None
    assert seen[:2] == [4, 8]
    bulk = stored(mine)
    recompute_per_household(mine, on=ON)
    assert stored(mine) == bulk
