"""Every search box over people and households is posted (core.search.posted_search or a
search posted with its form): a citizen ID typed there finds the household of the user's area
only, never lands in a URL (the redirect, a link, a pager, an export link), is filed in the
read audit, and the search survives paging and the other filters."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.accounts.models import PersonalDataRead
from giamngheo.assistance import services as assistance
from giamngheo.assistance.models import HelpRequest
from giamngheo.clubs.models import Club
from giamngheo.collaborators.models import Collaborator
from giamngheo.groups.demo import GROUP_NAME
from giamngheo.households.models import Household, Member, Relation
from giamngheo.inspections.models import Inspection
from giamngheo.reviews.models import AdHocReview

D = datetime.date
pytestmark = pytest.mark.django_db


def _links(body: str) -> list[str]:
    """Every address on the page: links, form actions, sources."""
    return re.findall(r'(?:href|action|src)="([^"]*)"', body)


def _head(commune) -> Member:
    return (
        Member.objects.filter(household__commune=commune, relation=Relation.HEAD)
        .exclude(citizen_id=None)
        .exclude(citizen_id="")
        .select_related("household")
        .order_by("household__code")
        .first()
    )


def _searches(user) -> int:
    return PersonalDataRead.objects.filter(user=user, action=PersonalDataRead.Action.SEARCH).count()


@pytest.fixture
def heads(demo):
    return _head(demo.commune_a), _head(demo.commune_b)


def _assert_clean(response, number: str) -> str:
    """The page's links and the address it was reached by do not carry the number."""
    body = response.content.decode()
    assert not [link for link in _links(body) if number in link]
    return body


# --- requests for help and shocks ---------------------------------------------------------


@pytest.fixture
def requests_(demo, heads):
    officer = demo.users["canbo.tumorong"]
    head_a, head_b = heads
    made = [
        assistance.record_request(
            household=head_a.household, need="housing", statement="CCCD", by=officer,
            received_on=D(2026, 2, 2),
        ),
        assistance.record_request(
            household=head_b.household, need="housing", statement="CCCD",
            by=demo.users["canbo.kontum"], received_on=D(2026, 2, 2),
        ),
    ]  # fmt: skip
    others = list(Household.objects.filter(commune=demo.commune_a).exclude(pk=head_a.household_id))
    for i in range(51):
        household = others[i % len(others)]
        made.append(
            assistance.record_request(
                household=household, need="health", statement=f"#{i}", by=officer,
                received_on=D(2026, 2, 3),
            )
        )  # fmt: skip
    return made


def test_request_list_search_by_citizen_id_is_posted_and_scoped(demo, login, heads, requests_):
    head_a, head_b = heads
    officer = demo.users["canbo.tumorong"]
    client = login(officer)
    before = _searches(officer)
    response = client.post(
        reverse("assistance:request_list"), {"q": head_a.citizen_id, "trang_thai": "open"}
    )
    assert response.status_code == 302
    assert head_a.citizen_id not in response["Location"] and "tim=1" in response["Location"]
    assert "trang_thai=open" in response["Location"]
    page = client.get(response["Location"])
    _assert_clean(page, head_a.citizen_id)
    assert {r.household_id for r in page.context["page"].object_list} == {head_a.household_id}
    assert _searches(officer) == before + 1
    # another commune's resident is not found, though a request of theirs exists
    response = client.post(reverse("assistance:request_list"), {"q": head_b.citizen_id})
    page = client.get(response["Location"])
    assert list(page.context["page"].object_list) == []
    assert HelpRequest.objects.filter(household=head_b.household).exists()


def test_request_list_search_survives_paging_and_filters(demo, login, requests_):
    client = login(demo.users["canbo.tumorong"])
    term = demo.commune_a.code  # every household code of the commune starts with it
    response = client.post(
        reverse("assistance:request_list"), {"q": term, "nhu_cau": "health", "qua_han": "1"}
    )
    first = client.get(response["Location"])
    count = first.context["page"].paginator.count
    assert count > 50
    body = first.content.decode()
    pager = [link for link in _links(body) if "page=2" in link]
    assert pager and all("q=" not in link and "tim=1" in link for link in pager)
    second = client.get(reverse("assistance:request_list") + pager[0].replace("&amp;", "&"))
    rows = second.context["page"].object_list
    assert len(rows) == count - 50 and all(r.need == "health" for r in rows)
    assert all(r.household.commune_id == demo.commune_a.pk for r in rows)


def test_shock_list_search_by_citizen_id_is_posted_and_scoped(demo, login, heads):
    head_a, head_b = heads
    for head, by in ((head_a, "canbo.tumorong"), (head_b, "canbo.kontum")):
        assistance.record_shock(
            household=head.household, kind="death_of_earner", occurred_on=D(2026, 2, 2),
            description="x", by=demo.users[by],
        )  # fmt: skip
    officer = demo.users["canbo.tumorong"]
    client = login(officer)
    response = client.post(reverse("assistance:shock_list"), {"q": head_a.citizen_id})
    assert response.status_code == 302 and head_a.citizen_id not in response["Location"]
    page = client.get(response["Location"])
    _assert_clean(page, head_a.citizen_id)
    assert {s.household_id for s in page.context["page"].object_list} == {head_a.household_id}
    assert _searches(officer) == 1
    response = client.post(reverse("assistance:shock_list"), {"q": head_b.citizen_id})
    assert list(client.get(response["Location"]).context["page"].object_list) == []


@pytest.mark.parametrize("url", ["assistance:request_add", "assistance:shock_add"])
def test_household_pickers_search_by_citizen_id_is_posted(demo, login, heads, url):
    head_a, head_b = heads
    client = login(demo.users["canbo.tumorong"])
    response = client.post(reverse(url), {"q": head_a.citizen_id})
    assert response.status_code == 302 and head_a.citizen_id not in response["Location"]
    page = client.get(response["Location"])
    body = _assert_clean(page, head_a.citizen_id)
    assert page.context["matches"] == [head_a.household]
    assert f"?ho={head_a.household.code}" in body
    response = client.post(reverse(url), {"q": head_b.citizen_id})
    assert client.get(response["Location"]).context["matches"] == []


# --- ad-hoc review application -------------------------------------------------------------


def test_adhoc_application_search_keeps_what_was_typed(demo, login, heads):
    head_a, head_b = heads
    officer = demo.users["canbo.tumorong"]
    client = login(officer)
    url = reverse("reviews:adhoc_create")
    typed = {
        "kind": "exit", "channel": "in_person", "applicant_name": "Y Thị Hoa",
        "reason": "Gia đình đã có thu nhập ổn định", "received_on": "02/03/2026",
    }  # fmt: skip
    response = client.post(url, {**typed, "q": head_a.citizen_id, "tim": "1"})
    assert response.status_code == 200
    body = _assert_clean(response, head_a.citizen_id)
    assert response.context["matches"] == [head_a.household]
    assert "Y Thị Hoa" in body and "Gia đình đã có thu nhập ổn định" in body
    assert not response.context["form"].errors  # nothing flagged before it is sent
    assert _searches(officer) == 1
    # picking the match fills the code and keeps the rest
    response = client.post(url, {**typed, "chon_ho": head_a.household.code})
    form = response.context["form"]
    assert form["household_code"].value() == head_a.household.code
    assert form["applicant_name"].value() == "Y Thị Hoa"
    response = client.post(url, {**typed, "household_code": head_a.household.code, "luu": "1"})
    assert response.status_code == 302
    assert AdHocReview.objects.filter(household=head_a.household).exists()
    # a resident of another commune is not found
    response = client.post(url, {**typed, "q": head_b.citizen_id, "tim": "1"})
    assert response.context["matches"] == []
    assert head_b.household.code not in response.content.decode()


# --- collaborators: the roster and the activity log's household search ----------------------


def test_activity_log_household_search_is_posted_and_audited(demo, login, heads):
    head_a, head_b = heads
    user = demo.users["ctv.tumorong"]
    ctv = Collaborator.objects.get(user=user)
    client = login(user)
    url = reverse("collaborators:activity_add", args=[ctv.pk])
    response = client.post(
        url, {"household_query": head_a.citizen_id, "tim": "1", "description": "Thăm hộ"}
    )
    assert response.status_code == 200
    body = _assert_clean(response, head_a.citizen_id)
    assert head_a.household.code in body and "Thăm hộ" in body
    assert _searches(user) == 1
    response = client.post(url, {"household_query": head_b.citizen_id, "tim": "1"})
    assert head_b.household.code not in response.content.decode()


# --- groups, inspections, clubs --------------------------------------------------------------


def test_group_search_is_posted_and_the_export_follows_it(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(reverse("groups:home"), {"q": "bo sinh san dak", "trang_thai": ""})
    assert response.status_code == 302 and "sinh" not in response["Location"]
    page = client.get(response["Location"])
    body = page.content.decode()
    assert [g.name for g in page.context["page"].object_list] == [GROUP_NAME]
    assert not [link for link in _links(body) if "q=" in link]
    export = next(link for link in _links(body) if "xuat.xlsx" in link)
    assert "tim=1" in export
    sheet = load_workbook(io.BytesIO(client.get(export.replace("&amp;", "&")).content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]] == [GROUP_NAME]
    other = login(demo.users["canbo.kontum"])
    response = other.post(reverse("groups:home"), {"q": "bo sinh san dak"})
    assert list(other.get(response["Location"]).context["page"].object_list) == []


def test_inspection_search_by_collaborator_name_is_posted(demo, login):
    inspection = Inspection.objects.filter(commune=demo.commune_a).first()
    client = login(demo.users["canbo.tumorong"])
    response = client.post(reverse("inspections:inspection_list"), {"q": inspection.decision_no})
    assert response.status_code == 302 and "QĐ" not in response["Location"]
    assert "120" not in response["Location"]
    page = client.get(response["Location"])
    assert inspection in page.context["page"].object_list
    assert not [link for link in _links(page.content.decode()) if "q=" in link]


def test_club_search_is_posted_and_the_export_follows_it(demo, login):
    club = Club.objects.filter(unit__path__startswith=demo.commune_a.path).first()
    client = login(demo.users["canbo.tumorong"])
    response = client.post(reverse("clubs:club_list"), {"q": club.name, "level": ""})
    assert response.status_code == 302 and "tim=1" in response["Location"]
    page = client.get(response["Location"])
    body = page.content.decode()
    assert club in page.context["page"].object_list
    assert not [link for link in _links(body) if "q=" in link]
    export = next(link for link in _links(body) if "tim=1" in link and "xlsx" in link)
    sheet = load_workbook(io.BytesIO(client.get(export.replace("&amp;", "&")).content)).active
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    assert club.name in names and len(names) == page.context["page"].paginator.count
