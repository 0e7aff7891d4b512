"""Checks on uploaded spreadsheets before anything parses them.

A spreadsheet reader trusts the file: a 1.6 KB .xlsx with one cell at XFD1048576 makes it
allocate the whole 16,384 × 1,048,576 range (512 GiB) and the process dies; a 4 MB zip that
inflates to 1 GB of XML holds a request for minutes. So each kind of upload has limits
(``settings.UPLOAD_LIMITS``, set from the environment) and every file is measured first:
its size, and for an .xlsx the sizes its zip entries inflate to and the largest row and
column its sheets use, found by streaming the XML without building anything.
CSV text is decoded from the encodings offices actually save (UTF-8 with or without BOM,
UTF-16 with BOM, Windows-1258) or refused with a message saying how to save it.
"""

import codecs
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

CHUNK = 1 << 20
# A <row> or <c> start tag (any namespace prefix) and its r="…" reference.
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb'\br\s*=\s*["\']([A-Za-z]*)(\d*)["\']')


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_uncompressed_bytes: int
    max_rows: int
    max_columns: int


def limits_for(kind: str) -> Limits:
    return Limits(**settings.UPLOAD_LIMITS[kind])


def _size(n: int) -> str:
    return str(filesizeformat(n))


def check_size(upload, kind: str) -> Limits:
    """Refuse a file larger than its kind allows, before it is stored or read."""
    limits = limits_for(kind)
    size = getattr(upload, "size", None)
    if size is not None and size > limits.max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files of this kind may be at most %(limit)s.")
            % {"size": _size(size), "limit": _size(limits.max_bytes)},
            code="too_large",
        )
    return limits


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


# The fast path, for sheets written as Excel, LibreOffice and openpyxl write them: every
# <row> and <c> tag unprefixed with ``r`` as its first attribute; any other form sends the
# sheet to the exact walk, tag by tag.
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,8})\d')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,8}(\d{1,12})"')
_ROW_NUMBER = re.compile(rb'<row r="(\d{1,12})"')
# A <c> or <row> whose first attribute is not a well-formed r="…", or a namespace prefix.
_UNUSUAL = re.compile(
    rb'<c(?=[\s/>])(?! r="[A-Z]{1,8}\d)|<row(?=[\s/>])(?! r="\d)|:(?:c|row)[\s/>]'
)


def _largest(numbers) -> bytes:
    """The largest of digit strings or column letters, compared as numbers would be."""
    stripped = (n.lstrip(b"0").upper() for n in numbers)
    return max(((len(n), n) for n in stripped), default=(0, b""))[1]


def _sheet_extent(open_sheet) -> tuple[int, int]:
    """(last row, last column) a worksheet's XML uses, as a reader would lay them out.

    Excel, LibreOffice and openpyxl give every row and cell an ``r`` reference, and then
    a few regular-expression passes per chunk find the extent. A sheet with unreferenced
    rows or cells (each following the previous one, as the format allows) is read again
    from the start and walked tag by tag. ``open_sheet`` opens the sheet's XML stream.
    """
    max_row = max_col = 0
    with open_sheet() as stream:
        for data in _chunks(stream):
            if _UNUSUAL.search(data):
                with open_sheet() as again:
                    return _sheet_extent_walk(again)
            column = _largest(set(_CELL_COLUMN.findall(data)))
            row = _largest(set(_CELL_ROW.findall(data)) | set(_ROW_NUMBER.findall(data)))
            max_col = max(max_col, _column_number(column) if column else 0)
            max_row = max(max_row, int(row) if row else 0)
    return max_row, max_col


def _chunks(stream):
    """The stream in pieces that end after a complete tag."""
    carry = b""
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            if carry:
                yield carry
            return
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut == -1 or data.find(b">", cut) != -1:
            cut = len(data)
        carry = data[cut:]
        yield data[:cut]


def _sheet_extent_walk(stream) -> tuple[int, int]:
    """The slow, exact layout: rows and cells without ``r`` follow the previous one."""
    max_row = max_col = row = col = 0
    for data in _chunks(stream):
        for match in _TAG.finditer(data):
            ref = _REF.search(match.group(2))
            if match.group(1) == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
            else:
                if ref and ref.group(1):
                    col = _column_number(ref.group(1))
                    if ref.group(2):
                        row = max(row, int(ref.group(2)))
                else:
                    col += 1
                max_col = max(max_col, col)
            max_row = max(max_row, row)
    return max_row, max_col


def check_xlsx(data_or_file, kind: str) -> None:
    """Measure an .xlsx before a reader sees it; raise ValidationError when it is too big.

    Checks, in order: it is a zip; the declared inflated size of all entries; then each
    worksheet streamed (bounded by that size, and by zipfile's CRC check against a lying
    header) for the last row and column it uses — the range a reader would allocate.
    """
    limits = limits_for(kind)
    try:
        archive = zipfile.ZipFile(data_or_file)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            _("The file is not a readable .xlsx workbook."), code="unreadable"
        ) from exc
    with archive:
        entries = archive.infolist()
        inflated = sum(e.file_size for e in entries)
        if len(entries) > 10_000 or inflated > limits.max_uncompressed_bytes:
            raise ValidationError(
                _(
                    "The workbook unpacks to %(size)s, more than the %(limit)s allowed: it is "
                    "not an ordinary spreadsheet. Save only the data sheet and upload it again."
                )
                % {"size": _size(inflated), "limit": _size(limits.max_uncompressed_bytes)},
                code="too_large",
            )
        # Every entry, not only xl/worksheets/: the workbook may point its sheets anywhere.
        for entry in entries:
            try:
                rows, columns = _sheet_extent(lambda entry=entry: archive.open(entry))
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                NotImplementedError,
                RuntimeError,
            ) as exc:
                raise ValidationError(
                    _("The file is not a readable .xlsx workbook."), code="unreadable"
                ) from exc
            _check_extent(rows, columns, limits)


def _check_extent(rows: int, columns: int, limits: Limits) -> None:
    if rows > limits.max_rows or columns > limits.max_columns:
        raise ValidationError(
            _(
                "The sheet reaches row %(rows)s and column %(columns)s; at most %(max_rows)s "
                "rows and %(max_columns)s columns are accepted. Delete the empty rows and "
                "columns after the data (or cells typed far away) and upload it again."
            )
            % {
                "rows": f"{rows:,}".replace(",", "."),
                "columns": f"{columns:,}".replace(",", "."),
                "max_rows": f"{limits.max_rows:,}".replace(",", "."),
                "max_columns": limits.max_columns,
            },
            code="too_many_cells",
        )


def check_table_extent(table: list, kind: str) -> None:
    """The same row and column limits for a CSV once it is split into rows."""
    limits = limits_for(kind)
    _check_extent(len(table), max((len(r) for r in table), default=0), limits)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    """CSV bytes as text: a BOM decides; else UTF-8; else Windows-1258; else a clear refusal.

    Windows-1258 writes Vietnamese tones as combining marks, so the text is normalised to
    the precomposed form (NFC) the rest of the system stores and searches.
    """
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    candidates = [encoding] if encoding else ["utf-8", "cp1258"]
    for name in candidates:
        if name == "cp1258" and b"\x00" in data:
            break  # UTF-16 without a BOM, or not text at all
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return unicodedata.normalize("NFC", text)
    raise ValidationError(
        _(
            "The file's text encoding was not recognised. In Excel choose Save As → "
            "“CSV UTF-8 (Comma delimited)”, or upload the .xlsx file."
        ),
        code="encoding",
    )


# Attachments (photos, scanned documents): the first bytes each kind of file starts with.
PHOTOS = {".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG\r\n\x1a\n"}
PHOTOS_AND_PDF = {**PHOTOS, ".pdf": b"%PDF-"}
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


def check_attachment(
    upload,
    *,
    kinds: dict[str, bytes] = PHOTOS_AND_PDF,
    field: str = "attachment",
    wrong_kind: str = "",
    max_bytes: int = MAX_ATTACHMENT_BYTES,
) -> None:
    """The one check of an attached file: its size, its name's suffix among ``kinds``, and
    its first bytes matching that suffix (a renamed file is refused). Errors go on ``field``.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            {field: _("The file is larger than %(limit)s MB.") % {"limit": max_bytes // 2**20}}
        )
    name = (upload.name or "").lower()
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in kinds:
        raise ValidationError(
            {
                field: wrong_kind
                or _("Attach a file of one of these kinds: %(kinds)s.")
                % {"kinds": ", ".join(kinds)}
            }
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(kinds[suffix]):
        raise ValidationError({field: _("The file's content is not the kind its name says.")})
