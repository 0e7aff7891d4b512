"""Pages: scoping (another commune's review is a 404, lists leave it out), buttons per role,
bounded queries, the overdue list, and the forms through the test client."""

from datetime import date

from giamngheo.households.models import PovertyStatus
from giamngheo.reviews import services
from giamngheo.reviews.models import AdHocReview, AnnualReview, ApplicationKind, Channel, Complaint
from giamngheo.reviews.selectors import overdue

from .annual import POSTED, hold_meetings, open_review, post, survey_all


def _apply(household, by, received_on=date(2025, 10, 6)):
    return services.submit_application(
        household=household, kind=ApplicationKind.INCLUSION, channel=Channel.IN_PERSON,
        applicant_name="Hộ Thử", reason="Ốm đau", received_on=received_on, by=by, today=received_on,
    )  # fmt: skip


def test_another_communes_review_is_a_404_and_absent_from_lists(
    demo, people, make_household, login
):
    review = _apply(make_household(), people.officer)
    client = login(people.other_officer)
    assert client.get(f"/ra-soat/thuong-xuyen/{review.pk}/").status_code == 404
    campaign = AnnualReview.objects.get(commune=demo.commune_a)
    assert client.get(f"/ra-soat/dinh-ky/{campaign.pk}/").status_code == 404
    assert client.get(f"/ra-soat/dinh-ky/{campaign.pk}/danh-sach-niem-yet.pdf").status_code == 404
    page = client.get("/ra-soat/?trang-thai=submitted").content.decode()
    assert review.household.code not in page and demo.commune_a.name not in page


def test_the_review_list_runs_a_bounded_number_of_queries(
    demo, people, make_household, login, django_assert_max_num_queries
):
    for _ in range(5):
        _apply(make_household(), people.collaborator)
    client = login(people.officer)
    with django_assert_max_num_queries(12):
        response = client.get("/ra-soat/")
    assert response.status_code == 200
    assert response.content.decode().count("/ra-soat/thuong-xuyen/") >= 5


def test_the_campaign_page_runs_a_bounded_number_of_queries(
    demo, people, login, django_assert_max_num_queries
):
    campaign = AnnualReview.objects.get(commune=demo.commune_a)
    client = login(people.officer)
    with django_assert_max_num_queries(30):
        response = client.get(f"/ra-soat/dinh-ky/{campaign.pk}/")
    assert response.status_code == 200
    assert "theo Quyết định 24/2021/QĐ-TTg" in response.content.decode()


def test_a_collaborator_records_an_application_through_the_form(
    demo, people, make_household, login
):
    household = make_household()
    client = login(people.collaborator)
    response = client.post(
        "/ra-soat/thuong-xuyen/them/",
        {"household_code": household.code, "kind": "inclusion", "channel": "collaborator",
         "applicant_name": "Hộ Thử", "reason": "Ốm nặng", "received_on": "2025-10-06"},
    )  # fmt: skip
    review = AdHocReview.objects.get(household=household)
    assert response.status_code == 302 and response.url == f"/ra-soat/thuong-xuyen/{review.pk}/"
    page = client.get(response.url).content.decode()
    assert "Mẫu số 01" in page and "theo Quyết định 24/2021/QĐ-TTg" in page


def test_an_application_for_a_household_outside_the_area_is_refused(demo, people, login):
    from giamngheo.households.models import Household

    outside = Household.objects.filter(commune=demo.commune_b).first()
    client = login(people.collaborator)
    response = client.post(
        "/ra-soat/thuong-xuyen/them/",
        {"household_code": outside.code, "kind": "inclusion", "channel": "collaborator",
         "applicant_name": "X", "reason": "Y", "received_on": "2025-10-06"},
    )  # fmt: skip
    assert (
        response.status_code == 200 and not AdHocReview.objects.filter(household=outside).exists()
    )


def test_the_decide_button_and_page_are_for_the_leader_only(demo, people, make_household, login):
    review = _apply(make_household(), people.officer)
    assert (
        login(people.collaborator).get(f"/ra-soat/thuong-xuyen/{review.pk}/quyet-dinh/").status_code
        == 403
    )


def test_a_refused_transition_shows_its_reason_and_changes_nothing(
    demo, people, make_household, login
):
    review = _apply(make_household(), people.collaborator)
    client = login(people.collaborator)
    response = client.post(
        f"/ra-soat/thuong-xuyen/{review.pk}/chuyen/withdraw/",
        {"version": review.version, "note": ""},
        follow=True,
    )
    assert "Nêu lý do" in response.content.decode() or "Say why" in response.content.decode()
    assert AdHocReview.objects.get(pk=review.pk).state == "submitted"


def test_overdue_lists_late_applications_complaints_and_campaigns(
    demo, people, make_household, login
):
    late = _apply(make_household(), people.officer, received_on=date(2025, 10, 6))  # due 30/10/2025
    assert late in overdue(people.officer, today=date(2025, 10, 31)).adhoc
    assert late not in overdue(people.officer, today=date(2025, 10, 30)).adhoc
    assert late not in overdue(people.other_officer, today=date(2025, 10, 31)).adhoc

    campaign = survey_all(open_review(demo.commune_a, people, []), people, {})
    hold_meetings(campaign, people)
    post(campaign, people)
    complaint = services.receive_complaint(
        review=campaign, entry=campaign.entries.first(), received_on=POSTED, complainant="A",
        content="B", by=people.officer, today=POSTED,
    )  # fmt: skip
    assert complaint in overdue(people.officer, today=date(2025, 11, 20)).complaints
    assert complaint not in overdue(people.officer, today=date(2025, 11, 19)).complaints
    assert campaign in overdue(people.officer, today=date(2025, 12, 15)).annual
    assert Complaint.objects.filter(pk=complaint.pk).exists()
    page = login(people.officer).get("/ra-soat/qua-han/").content.decode()
    assert late.household.code in page


def test_the_household_page_shows_the_status_with_its_decision(demo, people, make_household, login):
    household = make_household(status=PovertyStatus.NEAR_POOR)
    page = login(people.officer).get(f"/ho-gia-dinh/{household.code}/").content.decode()
    assert "1/QĐ-UBND" in page
