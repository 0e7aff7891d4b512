"""Years read 2025, never "2.025": review list, titles, status badges and history,
collaborator results, club statistics (the pages where the issue saw them grouped)."""

import re
from datetime import date

from giamngheo.households.models import PovertyStatus
from giamngheo.reviews import services
from giamngheo.reviews.models import AnnualReview, ApplicationKind, Channel

GROUPED_YEAR = re.compile(r"(?<![\d.,])2[.,]0\d\d(?![\d.,])")


def _apply(household, by):
    day = date(2025, 10, 6)
    return services.submit_application(
        household=household, kind=ApplicationKind.INCLUSION, channel=Channel.IN_PERSON,
        applicant_name="Hộ Thử", reason="Ốm đau", received_on=day, by=by, today=day,
    )  # fmt: skip


def test_no_page_groups_a_year(demo, people, make_household, login):
    household = make_household(status=PovertyStatus.POOR)
    adhoc = _apply(make_household(), people.officer)
    campaign = AnnualReview.objects.get(commune=demo.commune_a)
    pages = {
        people.officer: [
            "/ra-soat/",
            f"/ra-soat/thuong-xuyen/{adhoc.pk}/",
            f"/ra-soat/dinh-ky/{campaign.pk}/",
            f"/ho-gia-dinh/{household.code}/",
            "/ho-gia-dinh/",
        ],
        demo.users["tinh.quangngai"]: [
            "/ra-soat/",
            "/cong-tac-vien/thong-ke/",
            "/cong-tac-vien/ket-qua-to-chuc/",
            "/cau-lac-bo/thong-ke/",
        ],
    }
    years_seen = 0
    for user, paths in pages.items():
        client = login(user)
        for path in paths:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="vi")
            assert response.status_code == 200, path
            html = response.content.decode()
            assert not GROUPED_YEAR.findall(html), (path, GROUPED_YEAR.findall(html)[:3])
            years_seen += len(re.findall(r"\b20[23]\d\b", html))
    assert years_seen >= 10  # the pages do show years: the check above is not vacuous
