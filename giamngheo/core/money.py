"""Amounts in đồng as people type them: "30.000.000", "30,000,000", "1,5 triệu", "500 nghìn".

A plain number box read "30.000.000" as 30 đồng. ``MoneyField`` reads what a Vietnamese
user writes and refuses what could mean two things, with an example of what to type:

- digits, grouped by dots, commas or spaces in threes: "30000000", "30.000.000", "30,000,000";
- a number with a unit: "500 nghìn" (also ngàn, k), "1,5 triệu" (also tr, trieu), "2 tỷ" (also tỉ),
  where the unit's number may carry a decimal part written with "," or ".": "1.5tr";
  several such parts add up: "1 triệu 500 nghìn";
- "đ", "đồng", "VND" at the end are ignored.

Refused as ambiguous: a decimal part without a unit ("1,5" — 1,5 đồng or 15?), one separator
followed by three digits before a unit ("1,500 triệu" — 1,5 or 1.500 triệu?), mixed separators
("1.500,000"), a result that is not a whole number of đồng.

Which model fields are money: an integer field whose verbose name says đồng. The core app's
``ready`` (``use_money_fields``) gives those fields this form field, so every ModelForm and the
admin use it without a line in their forms; plain forms declare ``MoneyField`` themselves, and
tests/core/test_money_everywhere.py walks every form of the project to prove both.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

UNITS = {
    "k": 1_000,
    "nghìn": 1_000,
    "nghin": 1_000,
    "ngàn": 1_000,
    "ngan": 1_000,
    "tr": 1_000_000,
    "triệu": 1_000_000,
    "trieu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
    "ty": 1_000_000_000,
    "ti": 1_000_000_000,
}
# Longest names first so "triệu" is not read as "tr" + "iệu".
_UNIT_PATTERN = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
_PART = re.compile(rf"(\d[\d.,]*)\s*({_UNIT_PATTERN})(?![a-zà-ỹđ])", re.IGNORECASE)
_CURRENCY = re.compile(r"\s*(đồng|dong|đ|vnđ|vnd)\.?\s*$", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}([.,])\d{3}(\1\d{3})*")

EXAMPLE = _('Type for example 30.000.000 or 30000000, or "1,5 triệu", "500 nghìn".')


class AmbiguousAmount(ValueError):
    """What was typed could mean more than one amount, or none."""


def _plain(digits: str) -> int:
    """A whole number without a unit: plain digits, or digits grouped in threes."""
    compact = re.sub(r"(?<=\d) (?=\d{3}\b)", "", digits)
    if compact.isdigit():
        return int(compact)
    if _GROUPED.fullmatch(compact):
        return int(re.sub(r"[.,]", "", compact))
    raise AmbiguousAmount(digits)


def _with_unit(number: str, unit: int) -> Decimal:
    """The number before a unit: a whole or grouped number, or one decimal separator."""
    separators = re.findall(r"[.,]", number)
    if not separators:
        return Decimal(number) * unit
    if len(separators) == 1:
        whole, fraction = re.split(r"[.,]", number)
        if len(fraction) == 3 or not whole or not fraction:
            raise AmbiguousAmount(number)  # 1,500 triệu: 1,5 or 1.500?
        return Decimal(f"{whole}.{fraction}") * unit
    return Decimal(_plain(number)) * unit


def parse_money(text: str) -> int | None:
    """The amount in đồng that ``text`` means, None for an empty box; AmbiguousAmount if unsure."""
    text = unicodedata.normalize("NFC", text or "")
    text = _CURRENCY.sub("", text.strip()).strip()
    if not text:
        return None
    negative = text.startswith("-")
    text = text.lstrip("-").strip()
    parts = list(_PART.finditer(text))
    if parts:
        if _PART.sub("", text).strip():
            raise AmbiguousAmount(text)  # "1tr5", words we don't know
        try:
            total = sum(_with_unit(m.group(1), UNITS[m.group(2).lower()]) for m in parts)
        except InvalidOperation as exc:
            raise AmbiguousAmount(text) from exc
        if total != total.to_integral_value():
            raise AmbiguousAmount(text)
        amount = int(total)
    else:
        amount = _plain(text)
    return -amount if negative else amount


def format_money(value) -> str:
    """An amount grouped as the language writes it (30.000.000); anything else as it is."""
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    return "" if value is None else str(value)


class MoneyInput(forms.TextInput):
    """A text box (a phone's number pad has no "triệu") that shows the amount grouped."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "class": "money", **(attrs or {})})

    def format_value(self, value):
        return format_money(value) or None


# The largest amount a money column (a 64-bit integer) holds: a larger one is refused on the
# form, not a database error (an API client once sent 75,069,139,474,850,609,029 đồng).
MAX_AMOUNT = 2**63 - 1


class MoneyField(forms.IntegerField):
    """A whole amount in đồng, typed the Vietnamese way (see the module's docstring)."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _("This amount is unclear or can be read more than one way. %(example)s"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_money(str(value))
        except AmbiguousAmount:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"example": EXAMPLE}
            ) from None


def is_money(model_field) -> bool:
    """A model field holds money when it is an integer field whose verbose name says đồng."""
    if not isinstance(model_field, models.IntegerField) or model_field.choices:
        return False
    with translation.override(None):
        return "đồng" in str(model_field.verbose_name)


def money_model_fields():
    """Every money field of every installed model (for the wiring and its test)."""
    return [f for model in apps.get_models() for f in model._meta.get_fields() if is_money(f)]


def use_money_fields() -> None:
    """Give every money model field the money form field (ModelForms, admin, formsets)."""
    for model_field in money_model_fields():
        model_field.formfield = _money_formfield(model_field)


def _money_formfield(model_field):
    plain = model_field.formfield

    def formfield(**kwargs):
        if kwargs.get("form_class") is None:
            kwargs["form_class"] = MoneyField
        kwargs.setdefault("min_value", 0)  # not the integer column's lower bound
        return plain(**kwargs)

    return formfield
