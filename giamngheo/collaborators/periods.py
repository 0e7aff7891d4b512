"""Reporting periods: a month or a quarter, named in URLs as "2026-03" or "2026-q1"."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-q([1-4])$", re.IGNORECASE)


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
    def of(cls, kind: str, start: datetime.date) -> "Period":
        if kind == PeriodKind.QUARTER:
            return cls.quarter(start.year, (start.month - 1) // 3 + 1)
        return cls.month(start.year, start.month)

    @classmethod
    def containing(cls, day: datetime.date) -> "Period":
        return cls.month(day.year, day.month)

    @classmethod
    def parse(cls, slug: str) -> "Period":
        """A period from its URL form; ValueError when the text is not one."""
        if m := _MONTH.match(slug or ""):
            year, month = int(m.group(1)), int(m.group(2))
            if 1 <= month <= 12 and 2000 <= year <= 2100:
                return cls.month(year, month)
        elif m := _QUARTER.match(slug or ""):
            year = int(m.group(1))
            if 2000 <= year <= 2100:
                return cls.quarter(year, int(m.group(2)))
        raise ValueError(slug)

    @property
    def slug(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
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
