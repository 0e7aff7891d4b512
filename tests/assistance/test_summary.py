"""The summary per commune and period counts exactly, in the database, and exports to .xlsx."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from giamngheo.assistance import services
from giamngheo.assistance.selectors import summary

from .conftest import take

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def march(household_a, household_a2, household_b, users):
    """In March 2026: four requests in Tu Mơ Rông and one in Kon Tum, two shocks."""

    def rec(h, need, day, by):
        return services.record_request(
            household=h, need=need, statement="…", received_on=D(2026, 3, day), by=by
        )

    # Accepted after 7 days, carried out, household informed.
    r1 = rec(household_a, "housing", 2, users.ctv)
    take(r1, "forward", D(2026, 3, 3), users.officer)
    take(
        r1, "accept", D(2026, 3, 8), users.leader, action_decided="Làm nhà", responsible="CC VH-XH"
    )
    take(r1, "carry_out", D(2026, 3, 20), users.officer, note="Xong")
    take(r1, "inform", D(2026, 3, 21), users.ctv, informed_how="visit")
    # Not accepted after 3 days, same household informed.
    r2 = rec(household_a, "health_insurance", 5, users.ctv)
    take(r2, "forward", D(2026, 3, 6), users.officer)
    take(r2, "decline", D(2026, 3, 7), users.leader, note="Đã có thẻ")
    take(r2, "inform", D(2026, 3, 9), users.ctv, informed_how="phone")
    # Awaiting the answer.
    r3 = rec(household_a2, "housing", 10, users.officer)
    take(r3, "forward", D(2026, 3, 11), users.officer)
    # Withdrawn.
    r4 = rec(household_a2, "education", 12, users.ctv)
    take(r4, "withdraw", D(2026, 3, 13), users.officer, note="Trùng")
    # Kon Tum: accepted after 2 days.
    r5 = rec(household_b, "housing", 3, users.ctv_b)
    take(r5, "forward", D(2026, 3, 4), users.officer_b)
    take(r5, "accept", D(2026, 3, 4), users.leader_b, action_decided="x", responsible="y")
    # Outside the period.
    rec(household_a, "housing", 31, users.ctv).received_on  # noqa: B018
    for h, day in ((household_a2, 15), (household_b, 16)):
        services.record_shock(
            household=h, kind="serious_illness", occurred_on=D(2026, 3, day), description="ốm", by=users.officer
            if h == household_a2 else users.officer_b,
        )  # fmt: skip


def test_summary_counts_per_commune_and_kind_exactly(march, demo, users):
    s = summary(users.office, start=D(2026, 3, 1), end=D(2026, 3, 30))
    by_commune = {row["commune__code"]: row for row in s.communes}
    a, b = by_commune[demo.commune_a.code], by_commune[demo.commune_b.code]
    assert (a["requests"], a["accepted"], a["not_accepted"], a["awaiting_answer"]) == (4, 1, 1, 1)
    assert (a["carried_out"], a["informed"], a["households_informed"], a["withdrawn"]) == (
        1,
        2,
        1,
        1,
    )
    assert a["average_days_to_answer"] == pytest.approx(4.0)  # (6 + 2) / 2
    assert a["longest_days_to_answer"] == 6
    assert a["shocks"] == 1
    assert (b["requests"], b["accepted"], b["average_days_to_answer"], b["shocks"]) == (
        1,
        1,
        1.0,
        1,
    )
    kinds = {k["need"]: k for k in s.kinds}
    assert kinds["housing"]["requests"] == 3
    assert kinds["housing"]["accepted"] == 2 and kinds["housing"]["awaiting_answer"] == 1
    assert kinds["health_insurance"]["not_accepted"] == 1
    assert kinds["education"]["withdrawn"] == 1
    assert s.total["requests"] == 5 and s.total["shocks"] == 2


def test_summary_is_scoped_to_the_users_area(march, demo, users):
    s = summary(users.officer, start=D(2026, 3, 1), end=D(2026, 3, 30))
    assert [row["commune__code"] for row in s.communes] == [demo.commune_a.code]
    assert s.total["requests"] == 4 and s.total["shocks"] == 1
    one = summary(
        users.office, start=D(2026, 3, 1), end=D(2026, 3, 30), commune=demo.commune_b.code
    )
    assert one.total["requests"] == 1


def test_summary_runs_a_fixed_number_of_queries(march, users, django_assert_max_num_queries):
    users.office._current_assignments = None
    summary(users.office, start=D(2026, 3, 1), end=D(2026, 3, 30))
    with django_assert_max_num_queries(5):
        summary(users.office, start=D(2026, 3, 1), end=D(2026, 3, 30))


def test_summary_page_and_xlsx_export(march, demo, users, login):
    client = login(users.office)
    page = client.get("/tro-giup/tong-hop/?tu=2026-03-01&den=2026-03-30")
    assert page.status_code == 200
    assert demo.commune_a.name in page.content.decode()
    response = client.get("/tro-giup/tong-hop.xlsx?tu=2026-03-01&den=2026-03-30")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    by_commune = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:] if r[0] != rows[-1][0]}
    a = by_commune[demo.commune_a.name]
    assert list(a.values())[2:] == [4, 1, 1, 1, 1, 2, 1, 1, 4.0, 6, 1]
    total = dict(zip(header, rows[-1], strict=True))
    assert list(total.values())[2] == 5 and list(total.values())[-1] == 2
