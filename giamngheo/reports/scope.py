"""What a report covers: one area in the user's scope and one period.

An area is a commune (rows per village) or a province (rows per commune); a period is a
review year or one month of in-year changes (Decision 24/2021/QĐ-TTg Art. 7: communes report
in-year changes monthly, the annual results in December). A decision belongs to the period in
which it was signed, so the lists at the start of the period are those in force the day before
it began, and the lists at its end those in force on its last day.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from giamngheo.accounts.scoping import visible_units
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household

AREA_LEVELS = (Level.COMMUNE, Level.PROVINCE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date
    month: bool

    @property
    def key(self) -> str:
        """The period as written in URLs: ``2025`` or ``2025-03``."""
        return f"{self.start:%Y-%m}" if self.month else f"{self.start:%Y}"

    @property
    def label(self) -> str:
        if self.month:
            return f"Tháng {self.start.month:02d}/{self.start.year}"
        return f"Năm {self.start.year}"

    @property
    def day_before(self) -> date:
        return self.start - timedelta(days=1)

    @property
    def end_or_today(self) -> date | None:
        """The end date for ``status_on``: ``None`` (today's lists) once the period is over
        today or later, since no decision can be dated in the future."""
        return None if self.end >= timezone.localdate() else self.end


def parse_period(value: str | None) -> ReportPeriod:
    """``"2025"`` → the year, ``"2025-03"`` → March 2025; empty → the current year."""
    value = (value or "").strip()
    today = timezone.localdate()
    if not value:
        return ReportPeriod(date(today.year, 1, 1), date(today.year, 12, 31), month=False)
    if _YEAR.match(value) and 2000 <= int(value) <= today.year + 1:
        year = int(value)
        return ReportPeriod(date(year, 1, 1), date(year, 12, 31), month=False)
    match = _MONTH.match(value)
    if match and 2000 <= int(match[1]) <= today.year + 1 and 1 <= int(match[2]) <= 12:
        year, month = int(match[1]), int(match[2])
        last = calendar.monthrange(year, month)[1]
        return ReportPeriod(date(year, month, 1), date(year, month, last), month=True)
    raise Http404


def report_area(user, code: str) -> Unit:
    """The commune or province ``code`` if it lies in the user's area, else 404 (never 403:
    a report of another area does not confirm that anything is there)."""
    area = (
        visible_units(user)
        .filter(code=code, level__in=AREA_LEVELS)
        .select_related("parent")
        .first()
    )
    if area is None:
        raise Http404
    return area


def default_area(user) -> Unit | None:
    """The widest commune or province the user holds a role over."""
    return visible_units(user).filter(level__in=AREA_LEVELS).order_by("path").first()


def sub_areas(area: Unit) -> list[Unit]:
    """The rows of a report: the villages of a commune, the communes of a province."""
    level = Level.VILLAGE if area.level == Level.COMMUNE else Level.COMMUNE
    return list(Unit.objects.filter(parent=area, level=level).order_by("name", "code"))


def group_field(area: Unit) -> str:
    """The household column a report's rows group on."""
    return "village_id" if area.level == Level.COMMUNE else "commune_id"


def in_area(area: Unit, household: str = "") -> Q:
    """Rows of the area, filtered on the household's indexed commune column (no path scan);
    ``household`` is the path to the household from another model (``"household__"``)."""
    if area.level == Level.COMMUNE:
        return Q(**{f"{household}commune_id": area.pk})
    communes = Unit.objects.filter(parent=area, level=Level.COMMUNE).values("pk")
    return Q(**{f"{household}commune_id__in": communes})


def households_in(area: Unit) -> QuerySet[Household]:
    return Household.objects.filter(in_area(area))
