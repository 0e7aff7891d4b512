"""Scoped reads of the register: every list and detail starts from ``households_visible_to``."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe

from giamngheo.accounts.scoping import (
    current_assignments,
    get_scoped_or_404,
    scope_version,
    scoped,
    sees_everything,
    visible_units,
)
from giamngheo.core.history import HistoryEntry
from giamngheo.core.templatetags.giamngheo import dong
from giamngheo.geo.models import Level

from .assessment import standard_in_force
from .forms import HouseholdFilter, unit_choices
from .models import Household, Member, PovertyStatus


def households_visible_to(user):
    return scoped(Household.objects.all(), user, via="commune")


def indicator_choices(standard=None):
    standard = standard or standard_in_force()
    return [(i.code, i.name) for i in standard.indicators]


def household_filter(user, params) -> HouseholdFilter:
    """The filtered list; ``.qs`` is ordered by code and needs no per-row query."""
    queryset = households_visible_to(user).select_related("village", "commune").order_by("code")
    units = visible_units(user)
    return HouseholdFilter(
        params,
        queryset=queryset,
        units=units,
        indicators=indicator_choices(),
        listed=lambda: area_unit_choices(user, units, params.get("commune") if params else None),
    )


def area_unit_choices(user, units, commune=None) -> dict:
    """``unit_choices`` of the user's area, from the cache while no unit or role changed.

    Keyed by the paths of the units the user's roles are on (what ``visible_units`` reads)
    and the scope version (``accounts.scoping``), which every save or delete of a unit and
    the bulk loads of the official units renew. With a chosen commune, its villages are
    read afresh.
    """
    if commune:
        return unit_choices(units, commune)
    roots = (
        "*" if sees_everything(user) else sorted({a.unit.path for a in current_assignments(user)})
    )
    area = hashlib.sha256(repr(roots).encode()).hexdigest()[:32]
    key = f"register-unit-choices:{area}:{scope_version()}"
    listed = cache.get(key)
    if listed is None:
        listed = unit_choices(units)
        cache.set(key, listed, timeout=settings.AREA_FIGURES_SECONDS)
    return listed


def assessment_changes(user):
    """Households whose assessed category changed at a re-assessment (paged by code, like the
    register): input for the next review (their statuses change only through a review decision)."""
    return (
        households_visible_to(user)
        .filter(assessment_changed_at__isnull=False)
        .exclude(previous_assessed_category=F("assessed_category"))
        .select_related("village", "commune")
        .order_by("code")
    )


def household_detail(user, code: str) -> Household:
    return get_scoped_or_404(
        Household.objects.select_related("village", "commune").prefetch_related(
            Prefetch("members", queryset=Member.objects.order_by("id")),
            "policy_tags",
            "cause_tags",
            "need_tags",
            "status_records",
        ),
        user,
        "commune",
        code=code,
    )


def villages_for_editing(user):
    return (
        visible_units(user)
        .filter(level=Level.VILLAGE, is_active=True)
        .select_related("parent")
        .order_by("path")
    )


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    has_previous: bool
    has_next: bool

    @property
    def first_code(self) -> str:
        return self.rows[0].code if self.rows else ""

    @property
    def last_code(self) -> str:
        return self.rows[-1].code if self.rows else ""


def page_by_code(
    queryset, *, after: str = "", before: str = "", size: int = 50, row: Callable | None = None
) -> KeysetPage:
    """One page of the register by keyset on the (unique, indexed) household code.

    ``after`` gives the page following that code, ``before`` the page preceding it. Each page
    is one indexed range read of size + 1 rows, so page 10,000 costs what page 1 costs (OFFSET
    read and threw away every earlier row), and no COUNT(*) runs over a million rows.
    ``row`` makes each page row from what the queryset yields (a ``values_list`` tuple).
    """
    queryset = queryset.order_by()
    if before:
        rows = list(queryset.filter(code__lt=before).order_by("-code")[: size + 1])
        shown, page = rows[:size][::-1], {"has_previous": len(rows) > size, "has_next": True}
    else:
        if after:
            queryset = queryset.filter(code__gt=after)
        rows = list(queryset.order_by("code")[: size + 1])
        shown, page = rows[:size], {"has_previous": bool(after), "has_next": len(rows) > size}
    return KeysetPage([row(r) for r in shown] if row else shown, **page)


# What a row of the register shows, read as plain values: 50 rows as model instances were
# 150 of them (each household with its village and commune) built and thrown away per page.
REGISTER_COLUMNS = (
    "code", "head_name", "status", "income_per_capita", "deprived_count",
    "village__name", "commune__name",
)  # fmt: skip
_STATUS_LABELS = dict(PovertyStatus.choices)  # lazy labels: translated when shown
# What ``reverse`` leaves unquoted in a path (django.urls.resolvers._reverse_with_prefix).
_PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"


@dataclass(frozen=True, slots=True)
class RegisterRow:
    code: str
    head_name: str
    status: str
    income_per_capita: int | None
    deprived_count: int | None
    village_name: str
    commune_name: str
    url: str  # the household's page: ``{% url %}`` per row cost more than the row itself

    @property
    def status_label(self):
        return _STATUS_LABELS.get(self.status, self.status)

    def html(self) -> str:
        """The row of the register's table, as its template wrote it: a template variable
        costs more than the string it renders, and a page has 50 rows of nine of them."""
        code, head, url = _shown(self.code), _shown(self.head_name or "—"), _shown(self.url)
        deprived = _shown("—" if self.deprived_count is None else self.deprived_count)
        return mark_safe(
            f'<tr><td>{code}</td><td><a href="{url}">{head}</a></td>\n'
            f"    <td>{_shown(self.village_name)} · "
            f'<span class="muted">{_shown(self.commune_name)}</span></td>\n'
            f'    <td><span class="status status-{_shown(self.status.lower())}">'
            f"{_shown(self.status_label)}</span></td>\n"
            f"    <td>{_shown(dong(self.income_per_capita))}</td><td>{deprived}</td></tr>"
        )


def _shown(value) -> str:
    """``{{ value }}`` in a template: localized, then escaped."""
    return conditional_escape(localize(value))


def register_page(queryset, *, after: str = "", before: str = "") -> KeysetPage:
    """One page of the register (``page_by_code``) as ``RegisterRow``s."""
    prefix = reverse("households:household_detail", args=["-"])[: -len("-/")]
    return page_by_code(
        queryset.values_list(*REGISTER_COLUMNS),
        after=after,
        before=before,
        row=lambda values: RegisterRow(
            *values, url=f"{prefix}{quote(values[0], safe=_PATH_SAFE)}/"
        ),
    )


def member_history_entries(household: Household, limit: int = 50) -> list[HistoryEntry]:
    """Changes to the household's members (added, edited, removed), newest first."""
    records = (
        Member.history.filter(household_id=household.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    return [
        HistoryEntry(
            when=r.history_date,
            who=r.history_user,
            action=f"{r.get_history_type_display()} · {r.full_name}",
            reason=r.history_change_reason or "",
        )
        for r in records
    ]
