"""Crafted spreadsheets are measured before a reader sees them, and refused in Vietnamese.

Each test drives the real pages (household import, village import) with real files; the
crafted .xlsx would make calamine allocate 512 GiB if it reached it, so a regression here
kills the test process rather than passing quietly.
"""

import io
import re
import time
import unicodedata
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from giamngheo.core.uploads import check_xlsx, decode_text
from giamngheo.geo.models import Unit
from giamngheo.households.importer import COLUMNS, run_import
from giamngheo.households.models import Household, ImportJob, Member

from .conftest import head_row, sheet

pytestmark = pytest.mark.django_db

HOUSEHOLDS = "/ho-gia-dinh/nhap/"


def _far_cell_xlsx(keep_dimension=True) -> bytes:
    """A workbook with one cell at XFD1048576 (the issue's 1.6 KB file)."""
    wb = Workbook()
    wb.active["A1"] = "Tên thôn"
    wb.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    if keep_dimension:
        return data
    # The same file without its <dimension> element: the cell reference alone must be seen.
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
                assert b"dimension" not in content
            target.writestr(entry, content)
    return out.getvalue()


def _bomb(inflated_mb: int) -> bytes:
    """A valid-looking workbook whose sheet inflates to ``inflated_mb`` MB of XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet_xml:
            sheet_xml.write(b"<worksheet><sheetData><row r='1'><c r='A1'><v>1</v></c></row>")
            block = b" " * (1 << 20)
            for _ in range(inflated_mb):
                sheet_xml.write(block)
            sheet_xml.write(b"</sheetData></worksheet>")
    return out.getvalue()


@pytest.mark.parametrize("keep_dimension", [True, False])
def test_a_cell_at_xfd1048576_is_refused_by_the_village_import(demo, login, keep_dimension):
    data = _far_cell_xlsx(keep_dimension)
    assert len(data) < 10_000
    client = login(demo.users["canbo.tumorong"])
    before = Unit.objects.filter(parent=demo.commune_a).count()
    response = client.post(
        reverse("geo:village_import", args=["23425"]),
        {"file": SimpleUploadedFile("thon.xlsx", data)},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "hàng 1.048.576 và cột 16.384" in body
    assert Unit.objects.filter(parent=demo.commune_a).count() == before


def test_a_cell_at_xfd1048576_is_refused_by_the_household_import(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        HOUSEHOLDS,
        {"commune": demo.commune_a.code, "file": SimpleUploadedFile("ho.xlsx", _far_cell_xlsx())},
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.REJECTED
    assert "hàng 1.048.576 và cột 16.384" in job.message
    page = client.get(response["Location"])
    assert page.status_code == 400 and "16.384" in page.content.decode()


def test_a_compression_bomb_is_refused_at_once(demo, login):
    data = _bomb(400)  # 400 MB of XML in a file of a few hundred kilobytes
    assert len(data) < 1_000_000
    client = login(demo.users["canbo.tumorong"])
    started = time.perf_counter()
    response = client.post(
        reverse("geo:village_import", args=["23425"]),
        {"file": SimpleUploadedFile("thon.xlsx", data)},
    )
    assert time.perf_counter() - started < 5
    assert response.status_code == 400
    assert "không phải là bảng tính thông thường" in response.content.decode()


def test_a_bomb_is_refused_for_the_households_too(demo, login):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        HOUSEHOLDS,
        {"commune": demo.commune_a.code, "file": SimpleUploadedFile("ho.xlsx", _bomb(320))},
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.QUEUED  # over 16 KB: the worker's turn
    started = time.perf_counter()
    run_import(job)
    assert time.perf_counter() - started < 5
    job.refresh_from_db()
    assert job.state == ImportJob.State.REJECTED
    assert "không phải là bảng tính thông thường" in job.message


def test_a_zip_whose_header_hides_its_real_size_is_refused(settings):
    """The declared size says 1 MB; the data inflates further: the CRC check stops it."""
    data = bytearray(_bomb(2))
    real = (2 << 20) + 80
    # Patch the declared uncompressed size (local header and central directory) to 1 MB.
    name = b"xl/worksheets/sheet1.xml"
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo(name.decode())
    assert abs(info.file_size - real) < 100
    small = (1 << 20).to_bytes(4, "little")
    for position in (m.start() for m in re.finditer(re.escape(name), bytes(data))):
        header = data[position - 46 : position]
        if header[:4] == b"PK\x01\x02":  # central directory: size at offset 24
            data[position - 46 + 24 : position - 46 + 28] = small
        elif data[position - 30 : position - 26] == b"PK\x03\x04":  # local header: offset 22
            data[position - 30 + 22 : position - 30 + 26] = small
    with pytest.raises(ValidationError) as refused:
        check_xlsx(io.BytesIO(bytes(data)), "villages")
    assert (
        "không đọc được" in refused.value.messages[0] or "bảng tính" in (refused.value.messages[0])
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(demo, login, settings):
    settings.UPLOAD_LIMITS = {
        **settings.UPLOAD_LIMITS,
        "households": {**settings.UPLOAD_LIMITS["households"], "max_bytes": 100_000},
    }
    client = login(demo.users["canbo.tumorong"])
    jobs = ImportJob.objects.count()
    big = SimpleUploadedFile("ho.csv", b"Ma ho,Thon\n" + b"x,y\n" * 40_000)
    response = client.post(HOUSEHOLDS, {"commune": demo.commune_a.code, "file": big})
    assert response.status_code == 400
    assert "tối đa 97,7\xa0KB" in response.content.decode()
    assert ImportJob.objects.count() == jobs


def test_a_csv_with_more_rows_than_allowed_is_refused(settings):
    from giamngheo.core.tabular import read_rows

    settings.UPLOAD_LIMITS = {
        **settings.UPLOAD_LIMITS,
        "villages": {**settings.UPLOAD_LIMITS["villages"], "max_rows": 10},
    }
    upload = SimpleUploadedFile("thon.csv", ("Tên thôn,Loại\n" + "A,Thôn\n" * 20).encode())
    with pytest.raises(ValidationError) as refused:
        read_rows(upload, {"name": "Tên thôn", "kind": "Loại"}, kind="villages")
    assert "tối đa 10 hàng" in refused.value.messages[0]


def _to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letter, then a combining tone mark."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(p for p in parts if p in tones)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def _household_csv(village) -> str:
    headers = [c.header for c in COLUMNS]
    row = head_row("ENC-1", village.name, name="Nguyễn Thị Hường", cid="062185000999")
    row["Giới tính"] = "Nữ"
    lines = [",".join(headers), ",".join(str(row.get(h, "")) for h in headers)]
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(
            lambda t: "\ufeff".encode("utf-16-le") + t.encode("utf-16-le"), id="utf-16-le"
        ),
        pytest.param(
            lambda t: "\ufeff".encode("utf-16-be") + t.encode("utf-16-be"), id="utf-16-be"
        ),
        pytest.param(_to_cp1258, id="windows-1258"),
    ],
)
def test_household_csv_in_each_office_encoding_imports_the_same_names(
    demo, login, village_a, encode
):
    client = login(demo.users["canbo.tumorong"])
    data = encode(_household_csv(village_a))
    response = client.post(
        HOUSEHOLDS, {"commune": demo.commune_a.code, "file": SimpleUploadedFile("ho.csv", data)}
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.DONE, (job.message, job.errors)
    member = Member.objects.get(citizen_id="062185000999")
    assert member.full_name == "Nguyễn Thị Hường"
    assert unicodedata.is_normalized("NFC", member.full_name)
    assert Household.objects.get(code="ENC-1").village == village_a


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("Mã hộ,Thôn\n".encode("utf-16-le"), id="utf-16-without-bom"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x81\x8d", id="binary"),
    ],
)
def test_an_unrecognised_encoding_is_refused_without_python_text(demo, login, data):
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        HOUSEHOLDS, {"commune": demo.commune_a.code, "file": SimpleUploadedFile("ho.csv", data)}
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.REJECTED
    assert "CSV UTF-8" in job.message
    for python_text in ("codec", "decode", "Error", "byte 0x"):
        assert python_text not in job.message and python_text not in str(job.errors)


def test_decode_text_reads_windows_1258_tones_as_precomposed_letters():
    assert decode_text(_to_cp1258("Mã hộ,Thôn Đăk Chum")) == "Mã hộ,Thôn Đăk Chum"
    assert decode_text("Mã hộ".encode()) == "Mã hộ"


def test_an_unexpected_crash_leaves_a_plain_message_not_the_exception(
    demo, login, village_a, monkeypatch
):
    from giamngheo.households import importer

    def crash(*args, **kwargs):
        raise RuntimeError("secret detail 062185000999 Nguyễn Thị Hường")

    monkeypatch.setattr(importer, "check_rows", crash)
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        HOUSEHOLDS, {"commune": demo.commune_a.code, "file": sheet([head_row("C-1", "x")])}
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("created_at")
    assert job.state == ImportJob.State.FAILED
    assert "062185000999" not in job.message and "RuntimeError" not in job.message
    assert "lỗi không lường trước" in job.message


def _sheet_zip(sheet_xml: bytes) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    out.seek(0)
    return out


@pytest.mark.parametrize(
    "sheet_xml",
    [
        # Cells without references follow one another: 150 columns in one row.
        pytest.param(
            b"<sheetData><row>" + b"<c><v>1</v></c>" * 150 + b"</row></sheetData>", id="no-r"
        ),
        # A namespace prefix, references not first, single quotes.
        pytest.param(
            b"<x:sheetData><x:row r='1'><x:c t='n' r='XFD1'><x:v>1</x:v></x:c></x:row></x:sheetData>",
            id="prefixed",
        ),
        # Padded row number on another cell must not hide the far one.
        pytest.param(
            b'<sheetData><row r="1"><c r="A000000000001"/></row>'
            b'<row r="2"><c r="B1048576"/></row></sheetData>',
            id="zero-padded",
        ),
    ],
)
def test_unusual_sheet_xml_is_measured_exactly(settings, sheet_xml):
    with pytest.raises(ValidationError) as refused:
        check_xlsx(_sheet_zip(sheet_xml), "households")
    assert refused.value.code == "too_many_cells"


def test_an_ordinary_sheet_passes_the_measure():
    rows = b"".join(
        b'<row r="%d">' % r
        + b"".join(b'<c r="%s%d"><v>1</v></c>' % (c, r) for c in (b"A", b"B", b"C"))
        + b"</row>"
        for r in range(1, 50)
    )
    check_xlsx(_sheet_zip(b"<sheetData>" + rows + b"</sheetData>"), "villages")
