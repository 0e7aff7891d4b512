"""Report periods: a month, a quarter or a year, named in URLs as "2026-03", "2026-q1", "2026"."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


_PATTERNS = (
    (PeriodKind.MONTH, re.compile(r"^(\d{4})-(\d{2})$")),
    (PeriodKind.QUARTER, re.compile(r"^(\d{4})-q([1-4])$", re.IGNORECASE)),
    (PeriodKind.YEAR, re.compile(r"^(\d{4})$")),
)


@dataclass(frozen=True)
class ReportPeriod:
    kind: str
    start: datetime.date
    end: datetime.date

    @classmethod
    def of(cls, kind: str, day: datetime.date) -> "ReportPeriod":
        """The period of ``kind`` that contains ``day``."""
        if kind == PeriodKind.YEAR:
            return cls(kind, datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
        first = day.month if kind == PeriodKind.MONTH else 3 * ((day.month - 1) // 3) + 1
        last = first if kind == PeriodKind.MONTH else first + 2
        end = datetime.date(day.year, last, calendar.monthrange(day.year, last)[1])
        return cls(kind, datetime.date(day.year, first, 1), end)

    @classmethod
    def parse(cls, kind: str, slug: str) -> "ReportPeriod":
        """A period of ``kind`` from its URL form; ValueError when it is not one."""
        for pattern_kind, pattern in _PATTERNS:
            match = pattern.match(slug or "")
            if pattern_kind != kind or not match:
                continue
            year = int(match.group(1))
            if not 2000 <= year <= 2100:
                break
            if kind == PeriodKind.YEAR:
                return cls.of(kind, datetime.date(year, 1, 1))
            number = int(match.group(2))
            if kind == PeriodKind.MONTH and 1 <= number <= 12:
                return cls.of(kind, datetime.date(year, number, 1))
            if kind == PeriodKind.QUARTER:
                return cls.of(kind, datetime.date(year, 3 * number - 2, 1))
        raise ValueError(slug)

    @property
    def slug(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return _("Year %(year)d") % {"year": self.start.year}
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(q)d/%(year)d") % {
                "q": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        return _("Month %(month)02d/%(year)d") % {
            "month": self.start.month,
            "year": self.start.year,
        }

    def previous(self) -> "ReportPeriod":
        return ReportPeriod.of(self.kind, self.start - datetime.timedelta(days=1))

    def __str__(self) -> str:
        return str(self.label)
