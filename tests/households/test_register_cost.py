"""What a page of the register costs: no model instance or server-side cursor for its filter
options (listed once per area, from the cache until a unit changes), rows read as values with
their link made once. The page a user sees stays the same."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from giamngheo.geo.models import Level, Unit
from giamngheo.geo.services import add_village, update_village
from giamngheo.households.models import Household, PovertyStatus
from giamngheo.households.selectors import RegisterRow, household_filter, register_page

pytestmark = pytest.mark.django_db
LIST = "/ho-gia-dinh/"


def _options(response, name):
    select = re.search(
        rf'<select id="id_{name}" name="{name}">(.*?)</select>', response.content.decode()
    )
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[1]) if select else []


def _queries(client, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, params or {})
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("username", ["canbo.tumorong", "tinh.quangngai"])
def test_a_page_reads_no_unit_rows_once_the_area_is_cached(demo, login, username):
    client = login(demo.users[username])
    client.get(LIST)  # the area's options are listed once, then cached
    sqls = _queries(client, {"status": PovertyStatus.POOR})
    assert not [sql for sql in sqls if "CURSOR" in sql.upper()]
    # Only scoping's ids of the area touch the units table; rows join their names.
    units = [sql for sql in sqls if "geo_unit" in sql and "households_household" not in sql]
    units = [sql for sql in units if "accounts_roleassignment" not in sql]  # the role's unit
    assert len(units) <= 1, units  # the area's ids (accounts.scoping)
    assert not [sql for sql in units if '"geo_unit"."name"' in sql]
    assert len(sqls) <= 8, sqls


def test_the_options_are_the_users_area_only(demo, login, client):
    officer_a = login(demo.users["canbo.tumorong"])
    villages_a = set(
        Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).values_list(
            "name", flat=True
        )
    )
    assert {name for _, name in _options(officer_a.get(LIST), "village")[1:]} == villages_a
    officer_a.logout()
    officer_b = login(demo.users["canbo.kontum"])
    shown = {name for _, name in _options(officer_b.get(LIST), "village")[1:]}
    assert shown and not shown & villages_a
    assert shown == set(
        Unit.objects.filter(parent=demo.commune_b, level=Level.VILLAGE).values_list(
            "name", flat=True
        )
    )
    officer_b.logout()
    province = login(demo.users["tinh.quangngai"])
    communes = {name for _, name in _options(province.get(LIST), "commune")[1:]}
    assert {demo.commune_a.name, demo.commune_b.name} <= communes
    assert _options(province.get(LIST), "village") == []  # a province picks a commune first
    chosen = _options(province.get(LIST, {"commune": demo.commune_a.pk}), "village")
    assert {name for _, name in chosen[1:]} == villages_a


def test_a_renamed_or_added_village_shows_at_once(demo, login, django_capture_on_commit_callbacks):
    officer = demo.users["canbo.tumorong"]
    client = login(officer)
    village = Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).first()
    assert village.name in dict(_options(client.get(LIST), "village")).values()
    with django_capture_on_commit_callbacks(execute=True):
        update_village(
            village=village, name="Thôn Đổi Tên", kind=village.kind, version=village.version,
            by=officer, reason="test",
        )  # fmt: skip
        added = add_village(commune=demo.commune_a, name="Thôn Mới Lập", kind=village.kind,
                            by=officer)  # fmt: skip
    options = dict(_options(client.get(LIST), "village"))
    assert options[str(village.pk)] == "Thôn Đổi Tên"
    assert options[str(added.pk)] == "Thôn Mới Lập"
    with django_capture_on_commit_callbacks(execute=True):
        added.delete()
    assert str(added.pk) not in dict(_options(client.get(LIST), "village"))


def test_a_chosen_unit_outside_the_area_is_still_refused(demo, login):
    client = login(demo.users["canbo.tumorong"])
    client.get(LIST)
    response = client.get(LIST, {"commune": demo.commune_b.pk})
    assert response.status_code == 400 and 'id="filter-errors"' in response.content.decode()


def test_a_rows_link_is_the_one_url_would_make(demo):
    village = Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).first()
    codes = ["23425-a b", "23425-c&d?e", "23425-đ%ố", "23425-x:y@z~"]
    Household.objects.bulk_create(
        Household(code=code, commune=demo.commune_a, village=village) for code in codes
    )
    page = register_page(Household.objects.filter(code__in=codes).order_by("code"))
    assert {row.code: row.url for row in page.rows} == {
        code: reverse("households:household_detail", args=[code]) for code in codes
    }
    row = page.rows[0]
    assert (row.village_name, row.commune_name) == (village.name, demo.commune_a.name)
    assert row.status_label == Household(status=row.status).status_label


# The row as the register's template wrote it before rows were made in Python.
ROW_TEMPLATE = """{% load giamngheo %}<tr><td>{{ h.code }}</td><td><a href="{{ h.url }}">{{ h.head_name|default:"—" }}</a></td>
    <td>{{ h.village_name }} · <span class="muted">{{ h.commune_name }}</span></td>
    <td><span class="status status-{{ h.status|lower }}">{{ h.status_label }}</span></td>
    <td>{{ h.income_per_capita|dong }}</td><td>{{ h.deprived_count|default_if_none:"—" }}</td></tr>"""


@pytest.mark.parametrize(
    "facts",
    [
        {
            "head_name": "<b>Lê & \"Cô\" 'Ba'</b>",
            "income_per_capita": 1_500_000,
            "deprived_count": 3,
        },
        {"head_name": "", "income_per_capita": None, "deprived_count": None},
        {"head_name": "Hà Thị Mai", "income_per_capita": 0, "deprived_count": 0},
    ],
)
def test_a_row_is_what_the_template_made(demo, facts):
    village = Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).first()
    Household.objects.create(
        code="23425-<&>", commune=demo.commune_a, village=village, status=PovertyStatus.POOR,
        **facts,
    )  # fmt: skip
    with translation.override("vi"):
        row = register_page(Household.objects.filter(code="23425-<&>")).rows[0]
        assert row.html() == Template(ROW_TEMPLATE).render(Context({"h": row}))
        made = RegisterRow(
            "c<&>", facts["head_name"], "NEAR_POOR", facts["income_per_capita"],
            facts["deprived_count"], "Thôn <1>", 'Xã "A" & B', "/ho-gia-dinh/c%3C&%3E/",
        )  # fmt: skip
        assert made.html() == Template(ROW_TEMPLATE).render(Context({"h": made}))


def test_the_filter_alone_reads_no_options(demo):
    """The API and the exports use the register's filter for its queryset: the options its
    form would show are never read for them."""
    officer = demo.users["tinh.quangngai"]
    with CaptureQueriesContext(connection) as captured:
        filterset = household_filter(officer, QueryDict("status=POOR"))
        assert filterset.is_valid()
        list(filterset.qs[:5])
    unit_names = [q["sql"] for q in captured.captured_queries
                  if 'FROM "geo_unit"' in q["sql"] and '"geo_unit"."name"' in q["sql"]]  # fmt: skip
    assert not unit_names
    assert [name for _, name in filterset.form["commune"].field.listed]  # read when shown
