"""The review list filters through a FilterSet (core.filters): ``trang_thai`` in the one naming
style, the old ``trang-thai`` of bookmarked links still obeyed, a nonsense value ignored."""

from datetime import date

from giamngheo.reviews import services
from giamngheo.reviews.models import ApplicationKind, Channel

LIST = "/ra-soat/"


def _listed(client, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [r.pk for r in response.context["adhoc"]]


def test_state_filter_new_and_old_parameter_names(demo, people, make_household, login):
    review = services.submit_application(
        household=make_household(), kind=ApplicationKind.INCLUSION, channel=Channel.IN_PERSON,
        applicant_name="Hộ Lọc", reason="Ốm đau", received_on=date(2025, 10, 6),
        by=people.officer, today=date(2025, 10, 6),
    )  # fmt: skip
    client = login(people.officer)
    assert review.pk in _listed(client, {"trang_thai": "submitted"})
    assert review.pk in _listed(client, {"trang-thai": "submitted"})  # a bookmarked link
    assert review.pk not in _listed(client, {"trang_thai": "recognised"})
    assert review.pk not in _listed(client, {"trang-thai": "recognised"})
    # The current name wins over the old one when a link carries both.
    assert review.pk in _listed(client, {"trang_thai": "submitted", "trang-thai": "recognised"})
    # Not a state: ignored, the open applications are shown as without a filter.
    for junk in ("bogus", "<script>", "submitted\u0301", "x" * 5000):
        page = client.get(LIST, {"trang_thai": junk})
        assert page.status_code == 200
        assert review.pk in [r.pk for r in page.context["adhoc"]]
        assert page.context["state"] == ""
    selected = client.get(LIST, {"trang-thai": "submitted"}).content.decode()
    assert 'name="trang_thai"' in selected and 'value="submitted" selected' in selected
