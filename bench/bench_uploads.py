"""What measuring an upload before parsing costs, against parsing it (the fair baseline).

Builds, in memory, a legitimate household file of N rows in the import template's columns
(.xlsx and CSV), then times:

* ``core.uploads.check_xlsx`` (zip sizes + streaming scan of the sheet XML for its extent)
  against calamine reading the same sheet (what every import does anyway);
* ``core.uploads.decode_text`` + the CSV split against the split alone;
* how long the hostile files take to be refused: one cell at XFD1048576 and a
  compression bomb of 950 MB of XML (the issue's figures).

    .venv/bin/python bench/bench_uploads.py [--rows 100000] [--runs 3]

No database is needed.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "giamngheo.settings")

import django  # noqa: E402

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from giamngheo.core.uploads import check_xlsx, decode_text  # noqa: E402
from giamngheo.households.importer import COLUMNS  # noqa: E402


def _rows(n):
    headers = [c.header for c in COLUMNS]
    yield headers
    example = [c.example for c in COLUMNS]
    for r in range(n):
        row = list(example)
        row[0] = f"B-{r // 4:06d}"
        row[headers.index("Họ và tên")] = f"Người Thứ {r}"
        row[headers.index("Số CCCD")] = f"0620850{r:05d}"[-12:]
        yield row


def _xlsx(n) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for row in _rows(n):
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _csv(n) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_rows(n))
    return buffer.getvalue().encode("utf-8-sig")


def _far_cell() -> bytes:
    wb = Workbook()
    wb.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _bomb(mb=950) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b"<worksheet><sheetData>")
            block = b" " * (1 << 20)
            for _ in range(mb):
                f.write(block)
            f.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _time(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times)


def _fmt(label, figures):
    median, low, high = figures
    print(
        f"  {label:<46} median {median * 1000:8.0f} ms  (range {low * 1000:.0f}–{high * 1000:.0f})"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    data = _xlsx(args.rows)
    print(f"{args.rows:,}-row household .xlsx: {len(data) / 1e6:.1f} MB")
    check = _time(lambda: check_xlsx(io.BytesIO(data), "households"), args.runs)
    read = _time(
        lambda: (
            CalamineWorkbook.from_filelike(io.BytesIO(data))
            .get_sheet_by_index(0)
            .to_python(skip_empty_area=False)
        ),
        args.runs,
    )
    _fmt("check_xlsx (sizes + extent scan)", check)
    _fmt("baseline: calamine reads the sheet", read)
    print(f"  the check adds {100 * check[0] / read[0]:.0f}% to the read")

    text = _csv(args.rows)
    print(f"{args.rows:,}-row household CSV: {len(text) / 1e6:.1f} MB")
    decode = _time(lambda: list(csv.reader(io.StringIO(decode_text(text)))), args.runs)
    plain = _time(lambda: list(csv.reader(io.StringIO(text.decode("utf-8-sig")))), args.runs)
    _fmt("decode_text + csv split", decode)
    _fmt("baseline: utf-8-sig decode + csv split", plain)

    for label, hostile in (("cell at XFD1048576", _far_cell()), ("950 MB bomb", _bomb())):

        def refuse(hostile=hostile):
            try:
                check_xlsx(io.BytesIO(hostile), "households")
            except ValidationError:
                return
            raise AssertionError("not refused")

        print(f"{label}: {len(hostile) / 1e3:.1f} KB")
        _fmt("refused by check_xlsx in", _time(refuse, args.runs))


if __name__ == "__main__":
    main()
