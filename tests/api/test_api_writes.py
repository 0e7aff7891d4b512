"""Field entries through the write API: once per Idempotency-Key, refused with the service's
own Vietnamese message, scoped like the pages, and audited."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext, override
from rest_framework.test import APIClient

from giamngheo.api.models import IdempotentRequest
from giamngheo.assistance.models import HelpRequest, Shock
from giamngheo.collaborators.models import Activity
from giamngheo.households.models import Household, PovertyStatus
from giamngheo.reviews import services as review_services
from giamngheo.reviews.models import ApplicationKind, Channel

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _key():
    return {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}


@pytest.fixture
def household(demo):
    return Household.objects.filter(commune=demo.commune_a).order_by("code").first()


def test_a_retried_help_request_is_recorded_once_and_answered_the_same(demo, household):
    client, key = _client(demo.users["ctv.tumorong"]), _key()
    url = f"/api/v1/ho-gia-dinh/{household.code}/yeu-cau-tro-giup/"
    body = {"need": "production", "statement": "Cần vay vốn nuôi bò", "received_on": "2026-01-05"}
    before = HelpRequest.objects.count()
    first = client.post(url, body, format="json", **key)
    again = client.post(url, body, format="json", **key)
    assert first.status_code == 201, first.content
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert HelpRequest.objects.count() == before + 1
    assert (
        HelpRequest.history.filter(id=first.json()["id"]).first().history_user
        == (demo.users["ctv.tumorong"])
    )


def test_a_key_reused_for_another_entry_is_refused(demo, household):
    client, key = _client(demo.users["ctv.tumorong"]), _key()
    url = f"/api/v1/ho-gia-dinh/{household.code}/yeu-cau-tro-giup/"
    body = {"need": "production", "statement": "Vay vốn", "received_on": "2026-01-05"}
    assert client.post(url, body, format="json", **key).status_code == 201
    body["statement"] = "Something else"
    assert client.post(url, body, format="json", **key).status_code == 422


def test_an_entry_without_a_key_is_refused(demo, household):
    client = _client(demo.users["ctv.tumorong"])
    url = f"/api/v1/ho-gia-dinh/{household.code}/bien-co/"
    response = client.post(url, {"kind": "serious_illness"}, format="json")
    assert response.status_code == 400 and "Idempotency-Key" in response.json()


def test_a_refused_shock_returns_the_services_message_and_creates_nothing(demo, household):
    client, key = _client(demo.users["ctv.tumorong"]), _key()
    url = f"/api/v1/ho-gia-dinh/{household.code}/bien-co/"
    future = (timezone.localdate() + timezone.timedelta(days=3)).isoformat()
    body = {"kind": "serious_illness", "occurred_on": future, "description": "Ốm nặng"}
    before = Shock.objects.count()
    response = client.post(url, body, format="json", **key)
    assert response.status_code == 400
    with override("vi"):
        message = gettext("The date cannot be in the future.")
    assert message != "The date cannot be in the future."
    assert response.json()["errors"]["occurred_on"] == [message]
    assert message in response.json()["detail"]
    assert Shock.objects.count() == before and not IdempotentRequest.objects.exists()
    body["occurred_on"] = timezone.localdate().isoformat()
    assert client.post(url, body, format="json", **key).status_code == 201
    assert Shock.objects.count() == before + 1


def test_another_communes_household_is_404_for_every_write(demo):
    other = Household.objects.filter(commune=demo.commune_b).first()
    client = _client(demo.users["ctv.tumorong"])
    for url, method in [
        (f"/api/v1/ho-gia-dinh/{other.code}/yeu-cau-tro-giup/", client.post),
        (f"/api/v1/ho-gia-dinh/{other.code}/bien-co/", client.post),
        (f"/api/v1/ho-gia-dinh/{other.code}/", client.patch),
    ]:
        response = method(url, {"version": other.version}, format="json", **_key())
        assert response.status_code == 404, url
    assert not IdempotentRequest.objects.exists()


def test_an_activity_with_a_photo_is_logged_once(demo, household):
    client, key = _client(demo.users["ctv.tumorong"]), _key()
    before = Activity.objects.count()

    def send():
        body = {"done_on": timezone.localdate().isoformat(), "duty": "1",
                "description": "Thăm hộ, tư vấn vay vốn", "households": [household.code],
                "attachment": SimpleUploadedFile("anh.png", PNG, content_type="image/png")}  # fmt: skip
        return client.post("/api/v1/hoat-dong/", body, format="multipart", **key)

    first, again = send(), send()
    assert first.status_code == 201, first.content
    assert again.json() == first.json()
    assert Activity.objects.count() == before + 1
    activity = Activity.objects.get(pk=first.json()["id"])
    assert list(activity.households.all()) == [household]
    assert activity.attachment.read() == PNG


def test_only_a_collaborator_logs_activities(demo):
    response = _client(demo.users["canbo.tumorong"]).post(
        "/api/v1/hoat-dong/", {"duty": "1"}, format="json", **_key()
    )
    assert response.status_code == 403 and response.json()["detail"]


def test_a_household_change_applies_with_its_version_and_keeps_masked_ids(demo, household):
    client = _client(demo.users["canbo.tumorong"])
    members = [{"id": m.pk, "full_name": m.full_name, "relation": m.relation}
               for m in household.members.order_by("id")]  # fmt: skip
    ids = {m.pk: m.citizen_id for m in household.members.all()}
    body = {"version": household.version, "phone": "0912345678", "members": members}
    response = client.patch(f"/api/v1/ho-gia-dinh/{household.code}/", body, format="json", **_key())
    assert response.status_code == 200, response.content
    household.refresh_from_db()
    assert household.phone == "0912345678" and response.json()["version"] == household.version
    assert {m.pk: m.citizen_id for m in household.members.all()} == ids


def test_a_stale_household_change_is_a_409_with_both_versions(demo, household):
    client = _client(demo.users["canbo.tumorong"])
    url = f"/api/v1/ho-gia-dinh/{household.code}/"
    stale = household.version
    assert client.patch(url, {"version": stale, "address": "Thôn 1"}, format="json",
                        **_key()).status_code == 200  # fmt: skip
    response = client.patch(url, {"version": stale, "address": "Thôn 2"}, format="json", **_key())
    assert response.status_code == 409
    body = response.json()
    assert body["server"]["address"] == "Thôn 1" and body["yours"]["address"] == "Thôn 2"
    assert "•" in "".join(m["citizen_id"] for m in body["server"]["members"]) or all(
        not m["citizen_id"] for m in body["server"]["members"]
    )
    household.refresh_from_db()
    assert household.address == "Thôn 1"


def test_the_review_survey_is_recorded_through_the_workflow(demo):
    candidate = Household.objects.filter(
        commune=demo.commune_a, status=PovertyStatus.NOT_LISTED, adhoc_reviews__isnull=True
    ).first()
    review = review_services.submit_application(
        household=candidate, kind=ApplicationKind.INCLUSION, channel=Channel.COLLABORATOR,
        applicant_name=candidate.head_name, reason="Mất mùa", by=demo.users["ctv.tumorong"],
        received_on=timezone.localdate() - timezone.timedelta(days=2),
    )  # fmt: skip
    client = _client(demo.users["ctv.tumorong"])
    body = {"adhoc": review.pk, "version": review.version, "declared_income": 500_000,
            "deprived_indicators": [], "filled_on": timezone.localdate().isoformat()}  # fmt: skip
    response = client.post("/api/v1/phieu-ra-soat/", body, format="json", **_key())
    assert response.status_code == 201, response.content
    review.refresh_from_db()
    assert review.state == "surveyed" and response.json()["result_category"]
    stale = client.post("/api/v1/phieu-ra-soat/", body, format="json", **_key())
    assert stale.status_code in (400, 409) and stale.json()["detail"]


def test_the_write_endpoints_are_in_the_schema(demo):
    schema = _client(demo.users["canbo.tumorong"]).get("/api/v1/schema/").content
    for path in [b"/api/v1/hoat-dong/", b"/api/v1/phieu-ra-soat/", b"/api/v1/ban-sao/",
                 b"/api/v1/ho-gia-dinh/{code}/yeu-cau-tro-giup/", b"Idempotency-Key"]:  # fmt: skip
        assert path in schema


def test_a_batch_records_each_entry_once_in_order_and_refuses_one_alone(demo, household):
    client = _client(demo.users["ctv.tumorong"])
    base = f"/api/v1/ho-gia-dinh/{household.code}/"
    today = timezone.localdate().isoformat()
    entries = [
        {"key": "k1", "method": "POST", "path": base + "yeu-cau-tro-giup/",
         "body": {"need": "production", "statement": "Lô 1", "received_on": today}},
        {"key": "k2", "method": "POST", "path": base + "bien-co/",
         "body": {"kind": "nope", "occurred_on": today, "description": "x"}},
        {"key": "k3", "method": "POST", "path": base + "bien-co/",
         "body": {"kind": "serious_illness", "occurred_on": today, "description": "Lô 3"}},
        {"key": "k4", "method": "POST", "path": "/api/v1/hoat-dong/", "body": {}},
    ]  # fmt: skip
    requests, shocks = HelpRequest.objects.count(), Shock.objects.count()
    for _attempt in range(2):
        response = client.post("/api/v1/lo/", {"entries": entries}, format="json")
        assert response.status_code == 200, response.content
        assert [r["status"] for r in response.json()["results"]] == [201, 400, 201, 400]
    assert HelpRequest.objects.count() == requests + 1 and Shock.objects.count() == shocks + 1
    other = Household.objects.filter(commune=demo.commune_b).first()
    entries = [{"key": "k5", "method": "POST", "path": f"/api/v1/ho-gia-dinh/{other.code}/bien-co/",
                "body": {"kind": "serious_illness", "occurred_on": today, "description": "x"}}]  # fmt: skip
    response = client.post("/api/v1/lo/", {"entries": entries}, format="json")
    assert response.json()["results"][0]["status"] == 404


def test_a_json_list_or_object_where_a_value_belongs_is_refused_not_a_crash(demo, household):
    """Hypothesis found ``{"received_on": [None]}`` answering 500: a JSON body reaches the form
    as a posted form would (a list is a field's values), and a nested object is refused."""
    client = _client(demo.users["ctv.tumorong"])
    url = f"/api/v1/ho-gia-dinh/{household.code}/yeu-cau-tro-giup/"
    before = HelpRequest.objects.count()
    body = {"need": "production", "statement": "Vay vốn", "received_on": [None]}
    empty_date = client.post(url, body, format="json", **_key())
    assert empty_date.status_code == 400 and "received_on" in empty_date.json()["errors"]
    body["received_on"] = {"ngay": "2026-01-05"}
    nested = client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="vi", **_key())
    assert nested.status_code == 400
    assert nested.json()["errors"]["received_on"] == [
        "Hãy nhập một giá trị đơn (chữ, số hoặc đúng/sai)."
    ]
    body["received_on"] = ["2026-01-04", "2026-01-05"]  # the last value, as in a posted form
    assert client.post(url, body, format="json", **_key()).status_code == 201
    assert HelpRequest.objects.count() == before + 1
    assert str(HelpRequest.objects.latest("pk").received_on) == "2026-01-05"
