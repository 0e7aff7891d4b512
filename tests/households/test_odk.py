"""The household survey for ODK Collect / KoboToolbox: the XLSForm converts with pyxform, and
submissions exported by ODK Central (CSV) or KoboToolbox (.xlsx) update the matched
households all together, or not at all."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from pyxform.xls2xform import convert

from giamngheo.core.tabular import RowErrors
from giamngheo.households.models import Household
from giamngheo.households.odk import SURVEY_COLUMNS, import_submissions, write_xlsform

pytestmark = pytest.mark.django_db
# What ODK Central puts around the answers in its CSV export.
CENTRAL = ["SubmissionDate", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
           "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID",
           "Edits", "FormVersion"]  # fmt: skip


def test_the_xlsform_converts_to_an_xform_with_every_survey_question(tmp_path):
    path = tmp_path / "phieu.xlsx"
    write_xlsform(path)
    xform = convert(xlsform=str(path), pretty_print=True).xform
    assert "<h:title>Phiếu khảo sát hộ gia đình (giamngheo)</h:title>" in xform
    for column in ["household_code", "citizen_id", *[c.field for c in SURVEY_COLUMNS]]:
        assert f"<{column}/>" in xform or f"<{column} " in xform, column
    assert 'id="giamngheo_household_survey"' in xform
    assert "semi_durable" in xform and "bán kiên cố" in xform.lower()


def _central_csv(rows):
    headers = ["household_code", "citizen_id", "address", "housing_type", "has_television",
               "income_per_capita", *CENTRAL]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for i, row in enumerate(rows):
        writer.writerow([*row, "2026-11-20T08:00:00.000Z", f"uuid:{i}", f"uuid:{i}", "5",
                         "ctv", "0", "0", "", "received", "collect:x", "0", "20261120"])  # fmt: skip
    return SimpleUploadedFile("submissions.csv", out.getvalue().encode("utf-8"))


def _pair(demo):
    first, second = Household.objects.filter(commune=demo.commune_a).order_by("code")[:2]
    member = second.members.exclude(citizen_id=None).first()
    return first, second, member


def test_an_odk_central_csv_updates_households_matched_by_code_or_citizen_id(demo):
    first, second, member = _pair(demo)
    upload = _central_csv([
        [first.code, "", "Thôn 3, ngõ 2", "semi_durable", "yes", "1250000"],
        ["", member.citizen_id, "Thôn 5", "durable", "no", ""],
    ])  # fmt: skip
    assert import_submissions(upload, commune=demo.commune_a, by=demo.users["canbo.tumorong"]) == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.address, first.housing_type, first.has_television) == (
        "Thôn 3, ngõ 2", "semi_durable", True)  # fmt: skip
    assert first.income_per_capita == 1_250_000
    assert (second.address, second.housing_type, second.has_television) == (
        "Thôn 5", "durable", False)  # fmt: skip
    assert "submissions.csv" in first.history.first().history_change_reason


def test_a_file_with_a_bad_row_commits_nothing_and_names_each_problem(demo):
    first, second, _member = _pair(demo)
    other = Household.objects.filter(commune=demo.commune_b).first()
    address = first.address
    upload = _central_csv([
        [first.code, "", "Đã đổi", "semi_durable", "yes", ""],
        [second.code, "", "x", "palace", "maybe", "-5"],
        [other.code, "", "x", "", "", ""],
    ])  # fmt: skip
    with pytest.raises(RowErrors) as caught:
        import_submissions(upload, commune=demo.commune_a, by=demo.users["canbo.tumorong"])
    problems = {(e.row, e.column) for e in caught.value.rows}
    assert (3, "housing_type") in problems and (3, "has_television") in problems
    assert any(row == 4 for row, _column in problems)
    assert not any(other.head_name in e.message for e in caught.value.rows)
    first.refresh_from_db()
    assert first.address == address


def test_a_kobotoolbox_xlsx_export_imports_too(demo):
    first, _second, _member = _pair(demo)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["start", "end", "household_code", "water_source", "_id", "_uuid",
                  "_submission_time", "_index"])  # fmt: skip
    sheet.append(["", "", first.code, "piped", 1, "u-1", "2026-11-20T08:00:00", 1])
    data = io.BytesIO()
    workbook.save(data)
    upload = SimpleUploadedFile("kobo.xlsx", data.getvalue())
    assert import_submissions(upload, commune=demo.commune_a, by=demo.users["canbo.tumorong"]) == 1
    first.refresh_from_db()
    assert first.water_source == "piped"
