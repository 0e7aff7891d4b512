"""Report periods: a month, a quarter or a year, named in URLs as "2026-03", "2026-q1", "2026".

One module for every app that reports by period (the collaborators' monthly and quarterly
reports, the offices' periodic report templates), so the URL slugs are the same everywhere.
An app that reports only by some kinds passes them to ``parse``.
"""

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
ALL_KINDS = tuple(PeriodKind)


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        last = calendar.monthrange(year, month)[1]
        return cls(
            PeriodKind.MONTH, datetime.date(year, month, 1), datetime.date(year, month, last)
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        first = 3 * (quarter - 1) + 1
        end = cls.month(year, first + 2).end
        return cls(PeriodKind.QUARTER, datetime.date(year, first, 1), end)

    @classmethod
    def of(cls, kind: str, day: datetime.date) -> "Period":
        """The period of ``kind`` that contains ``day``."""
        if kind == PeriodKind.YEAR:
            return cls(kind, datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
        if kind == PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.month(day.year, day.month)

    @classmethod
    def containing(cls, day: datetime.date) -> "Period":
        """The month that contains ``day``."""
        return cls.month(day.year, day.month)

    @classmethod
    def parse(cls, slug: str, kinds=ALL_KINDS) -> "Period":
        """A period of one of ``kinds`` from its URL form; ValueError when it is not one."""
        for kind, pattern in _PATTERNS:
            match = pattern.match(slug or "")
            if kind not in kinds or not match:
                continue
            year = int(match.group(1))
            if not 2000 <= year <= 2100:
                break
            if kind == PeriodKind.YEAR:
                return cls.of(kind, datetime.date(year, 1, 1))
            number = int(match.group(2))
            if kind == PeriodKind.QUARTER:
                return cls.quarter(year, number)
            if 1 <= number <= 12:
                return cls.month(year, number)
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

    @property
    def quarter_of(self) -> "Period":
        return Period.of(PeriodKind.QUARTER, self.start)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        return Period.of(self.kind, self.start - datetime.timedelta(days=1))

    def next(self) -> "Period":
        return Period.of(self.kind, self.end + datetime.timedelta(days=1))

    def __str__(self) -> str:
        return str(self.label)
