"""Scoped reads of the register: every list and detail starts from ``households_visible_to``."""

from dataclasses import dataclass

from django.db.models import F, Prefetch

from giamngheo.accounts.scoping import get_scoped_or_404, scoped, visible_units
from giamngheo.core.history import HistoryEntry
from giamngheo.geo.models import Level

from .assessment import standard_in_force
from .forms import HouseholdFilter
from .models import Household, Member


def households_visible_to(user):
    return scoped(Household.objects.all(), user, via="commune")


def indicator_choices(standard=None):
    standard = standard or standard_in_force()
    return [(i.code, i.name) for i in standard.indicators]


def household_filter(user, params) -> HouseholdFilter:
    """The filtered list; ``.qs`` is ordered by code and needs no per-row query."""
    queryset = households_visible_to(user).select_related("village", "commune").order_by("code")
    return HouseholdFilter(
        params, queryset=queryset, units=visible_units(user), indicators=indicator_choices()
    )


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


def page_by_code(queryset, *, after: str = "", before: str = "", size: int = 50) -> KeysetPage:
    """One page of the register by keyset on the (unique, indexed) household code.

    ``after`` gives the page following that code, ``before`` the page preceding it. Each page
    is one indexed range read of size + 1 rows, so page 10,000 costs what page 1 costs (OFFSET
    read and threw away every earlier row), and no COUNT(*) runs over a million rows.
    """
    queryset = queryset.order_by()
    if before:
        rows = list(queryset.filter(code__lt=before).order_by("-code")[: size + 1])
        return KeysetPage(rows[:size][::-1], has_previous=len(rows) > size, has_next=True)
    if after:
        queryset = queryset.filter(code__gt=after)
    rows = list(queryset.order_by("code")[: size + 1])
    return KeysetPage(rows[:size], has_previous=bool(after), has_next=len(rows) > size)


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
