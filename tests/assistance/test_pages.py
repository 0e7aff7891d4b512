"""Pages: scoping (another commune is a 404, lists leave it out), permissions, query counts."""

import datetime

import pytest

from giamngheo.assistance import services
from giamngheo.assistance.models import HelpRequest, RequestState, Shock

from .conftest import take

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def many(household_a, household_a2, household_b, users):
    made = []
    for i in range(12):
        made.append(
            services.record_request(
                household=(household_a, household_a2)[i % 2], need="housing", statement=f"#{i}",
                received_on=D(2026, 2, 1 + i), by=users.ctv,
            )
        )  # fmt: skip
    made.append(
        services.record_request(
            household=household_b, need="health", statement="Kon Tum", received_on=D(2026, 2, 3),
            by=users.ctv_b,
        )
    )  # fmt: skip
    return made


def test_request_list_is_scoped_and_cheap(many, users, login, django_assert_max_num_queries):
    client = login(users.ctv)
    client.get("/tro-giup/")
    with django_assert_max_num_queries(12):
        response = client.get("/tro-giup/")
    page = response.content.decode()
    assert response.status_code == 200
    assert many[0].household.code in page
    assert many[-1].household.code not in page
    office = login(users.office).get("/tro-giup/").content.decode()
    assert many[-1].household.code in office


def test_list_filters_by_state_need_and_overdue(many, users, login):
    client = login(users.officer)
    informed = client.get("/tro-giup/?trang_thai=informed").context["page"].object_list
    assert all(r.state == "informed" for r in informed) and many[0] not in informed
    assert client.get("/tro-giup/?nhu_cau=housing").context["page"].paginator.count >= 12
    overdue = client.get("/tro-giup/?qua_han=1").context["page"].paginator.count
    assert overdue >= 12  # February's requests are long overdue


def test_another_communes_request_and_shock_are_404(many, household_b, users, login):
    client = login(users.ctv)
    assert client.get(f"/tro-giup/yeu-cau/{many[-1].pk}/").status_code == 404
    assert client.post(f"/tro-giup/yeu-cau/{many[-1].pk}/forward/").status_code == 404
    shock = services.record_shock(
        household=household_b, kind="accident", occurred_on=D(2026, 2, 1), description="tai nạn",
        by=users.ctv_b,
    )  # fmt: skip
    assert client.get(f"/tro-giup/rui-ro/{shock.pk}/").status_code == 404
    assert client.get(f"/tro-giup/yeu-cau/them/?ho={household_b.code}").status_code == 404


def test_detail_shows_only_the_steps_the_user_may_take(many, users, login):
    r = many[0]
    officer = login(users.officer).get(f"/tro-giup/yeu-cau/{r.pk}/")
    assert [s.action for s, _f in officer.context["step_forms"]] == ["forward", "withdraw"]
    ctv = login(users.ctv).get(f"/tro-giup/yeu-cau/{r.pk}/")
    assert ctv.context["step_forms"] == []


def test_collaborator_posting_a_step_of_the_officer_is_forbidden(many, users, login):
    r = many[0]
    response = login(users.ctv).post(
        f"/tro-giup/yeu-cau/{r.pk}/forward/",
        {"forward-version": r.version, "forward-on": "2026-02-02"},
    )
    assert response.status_code == 403
    r.refresh_from_db()
    assert r.state == RequestState.RECORDED


def test_officer_forwards_through_the_page_and_a_stale_form_is_a_conflict(many, users, login):
    r = many[0]
    client = login(users.officer)
    data = {"forward-version": r.version, "forward-on": "2026-02-02", "forward-note": "Trình xã"}
    response = client.post(f"/tro-giup/yeu-cau/{r.pk}/forward/", data)
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.state == RequestState.FORWARDED
    stale = client.post(
        f"/tro-giup/yeu-cau/{r.pk}/withdraw/",
        {"withdraw-version": r.version - 1, "withdraw-on": "2026-02-03", "withdraw-note": "trùng"},
    )
    assert stale.status_code == 409
    assert "trùng" in stale.content.decode()  # what was typed is kept


def test_invalid_step_keeps_the_input_and_shows_the_error(many, users, login):
    r = many[0]
    take(r, "forward", D(2026, 2, 2), users.officer)
    r.refresh_from_db()
    response = login(users.leader).post(
        f"/tro-giup/yeu-cau/{r.pk}/accept/",
        {"accept-version": r.version, "accept-on": "2026-02-05", "accept-action_decided": "Hỗ trợ"},
    )
    assert response.status_code == 400
    assert "Hỗ trợ" in response.content.decode()
    assert response.context["step_forms"][0][1].errors["responsible"]


def test_recording_through_the_pages(household_a, users, login):
    client = login(users.ctv)
    picker = client.get("/tro-giup/yeu-cau/them/", {"q": household_a.code})
    assert household_a in picker.context["matches"]
    response = client.post(
        f"/tro-giup/yeu-cau/them/?ho={household_a.code}",
        {"need": "housing", "statement": "Nhà dột", "received_on": "2026-02-10"},
    )
    assert response.status_code == 302
    r = HelpRequest.objects.get(household=household_a, statement="Nhà dột")
    assert r.received_by == users.ctv
    response = client.post(
        f"/tro-giup/rui-ro/them/?ho={household_a.code}",
        {"kind": "death_of_earner", "occurred_on": "2026-02-10", "description": "Chủ hộ mất"},
    )
    assert response.status_code == 302
    assert Shock.objects.get(household=household_a, kind="death_of_earner").state == "at_risk"


def test_leader_and_auditor_cannot_open_the_recording_forms(users, login):
    assert login(users.leader).get("/tro-giup/yeu-cau/them/").status_code == 403
    assert login(users.auditor).get("/tro-giup/rui-ro/them/").status_code == 403


def test_other_pages_render_within_a_query_budget(
    many, household_a, users, login, django_assert_max_num_queries
):
    services.record_shock(
        household=household_a,
        kind="birth",
        occurred_on=D(2026, 2, 1),
        description="sinh con",
        by=users.ctv,
    )
    client = login(users.office)
    for url in ("/tro-giup/qua-han/", "/tro-giup/rui-ro/", "/tro-giup/kha-nang-thoat-ngheo/",
                "/tro-giup/tong-hop/", f"/tro-giup/yeu-cau/{many[0].pk}/"):  # fmt: skip
        client.get(url)
        with django_assert_max_num_queries(15, info=url):
            assert client.get(url).status_code == 200, url


def test_menu_has_the_requests_entry(users, login):
    page = login(users.ctv).get("/tro-giup/").content.decode()
    assert 'href="/tro-giup/"' in page


def test_reminders_snippet_renders(housing_request, users, rf):
    from django.template.loader import render_to_string

    from giamngheo.assistance.selectors import reminders_for

    html = render_to_string(
        "assistance/_reminders.html",
        {"reminders": reminders_for(users.officer, today=D(2026, 3, 3))},
    )
    assert f"/tro-giup/yeu-cau/{housing_request.pk}/" in html
