"""Cells written to .xlsx and .csv files: user text never becomes a live formula.

A name typed as ``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` would run when an official opens
the export in Excel or LibreOffice (CSV/formula injection, OWASP). Every export passes its rows
through :func:`safe_row`: text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe, the usual "this is text" mark, so the sheet shows the text
and never evaluates it. Plain signed numbers and phone numbers (``+84 905 123 456``, ``-5``)
are left as they are: no spreadsheet reads them as a formula.
"""

import re
from collections.abc import Iterable

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Signs, digits and the separators of numbers and phone numbers: nothing a formula needs.
_PLAIN_NUMBER = re.compile(r"[+-]?[\d .,()]*\d[\d .,()]*")


def neutralise(value):
    """``value`` as it may be written to a cell: formula-like text is prefixed with ``'``."""
    if isinstance(value, Promise):  # lazy translations (choice labels) are not cell values
        value = str(value)
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if value[0] in "+-" and _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable) -> list:
    """One row of cells, each through :func:`neutralise`."""
    return [neutralise(v) for v in values]
