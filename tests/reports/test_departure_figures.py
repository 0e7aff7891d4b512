"""Households recorded as moved away or dissolved on their page (households.departure_views)
are counted by reports 1, 2 and 3 of the period: figures worked out by hand on the small
commune (conftest), for the current year."""

import io

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from giamngheo.households.models import StatusRecord

from .expected import HAI, MOT

S = StatusRecord.Source


def _depart(client, household, kind, reason):
    household.refresh_from_db()
    response = client.post(
        reverse("households:household_departure", args=[household.code]),
        {"kind": kind, "on": timezone.localdate().isoformat(), "decision_number": "9/QĐ-UBND",
         "reason": reason, "version": household.version},
    )  # fmt: skip
    assert response.status_code == 302


def _screen(client, report, year):
    page = lxml.html.fromstring(client.get(f"/bao-cao/bieu-{report:02d}/99901/{year}/").content)
    return {
        tr.get("data-unit"): {
            td.get("data-col"): td.text_content().strip() for td in tr.xpath("td[@data-col]")
        }
        for tr in page.xpath('//table[@id="report-table"]/tbody/tr')
    }


@pytest.mark.django_db
def test_moved_away_and_dissolved_households_are_counted_by_the_reports(small, login):
    client = login(small.officer)
    year = timezone.localdate().year
    h = small.households
    before = _screen(client, 2, year)
    # On 1 January of this year's period: poor H01 H03 (Thôn Một), H04 H05 (Thôn Hai);
    # near-poor H06 (Hai), H08 (Một).
    assert before["total"]["start"] == "4" and before["total"]["end"] == "4"
    _depart(client, h["H01"], S.MOVED_OUT, "Chuyển vào Đồng Nai")
    _depart(client, h["H04"], S.DISSOLVED, "Chủ hộ mất, hộ độc thân")
    _depart(client, h["H06"], S.DISSOLVED, "Nhập vào hộ con trai")

    poor = _screen(client, 2, year)
    assert poor[MOT]["dec_moved_out"] == "1" and poor[HAI]["dec_moved_out"] == "0"
    assert poor[HAI]["dec_dissolved"] == "1" and poor[MOT]["dec_dissolved"] == "0"
    assert (poor["total"]["start"], poor["total"]["dec"], poor["total"]["end"]) == ("4", "2", "2")
    near = _screen(client, 3, year)
    assert near[HAI]["dec_dissolved"] == "1" and near["total"]["dec_dissolved"] == "1"
    assert (near["total"]["start"], near["total"]["end"]) == ("2", "1")
    summary = _screen(client, 1, year)
    assert (summary["total"]["poor"], summary["total"]["near"]) == ("2", "1")
    # The same figures in the file.
    content = client.get(f"/bao-cao/bieu-02/99901/{year}/tai-ve.xlsx").content
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[2:4] == (4, 2)  # start 4, decreases 2 (H01 moved away, H04 dissolved)
