"""Scoped reads of clubs: lists, a club's page, meetings, good practices and statistics.

Everything starts from :func:`giamngheo.accounts.scoping.scoped` on the club's unit,
so another commune's club, meeting or member is simply not there.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from giamngheo.accounts.scoping import (
    current_assignments,
    get_scoped_or_404,
    scoped,
    sees_everything,
)
from giamngheo.geo.models import Unit

from .catalogues import MEETINGS_PER_YEAR, ClubLevel
from .models import (
    Club,
    ExpansionPlan,
    FollowUpAction,
    GoodPractice,
    Meeting,
    MeetingState,
    Officer,
    OfficerRole,
)


def clubs_visible_to(user):
    """Clubs in the user's area with their current member count and chair, for lists
    (filtered further by forms.ClubListFilter)."""
    qs = scoped(Club.objects.all(), user, via="unit")
    chair = Officer.objects.filter(
        club=OuterRef("pk"), role=OfficerRole.CHAIR, ended_on__isnull=True
    ).values("member__full_name")[:1]
    return (
        qs.select_related("unit", "founding_unit")
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True)),
            chair_name=Subquery(chair),
        )
        .order_by("unit__path", "name")
    )


def club_for(user, pk: int) -> Club:
    return get_scoped_or_404(
        Club.objects.select_related("unit", "founding_unit"), user, "unit", pk=pk
    )


def meeting_for(user, pk: int) -> Meeting:
    return get_scoped_or_404(
        Meeting.objects.select_related("club__unit", "club__founding_unit", "host_place__unit"),
        user,
        "club__unit",
        pk=pk,
    )


def current_members(club: Club):
    return club.members.filter(left_on__isnull=True).order_by("full_name")


def former_members(club: Club):
    return club.members.filter(left_on__isnull=False).order_by("-left_on", "full_name")


def officers_of(club: Club, *, current: bool):
    qs = club.officers.select_related("member")
    if current:
        return qs.filter(ended_on__isnull=True).order_by("slot")
    return qs.filter(ended_on__isnull=False).order_by("-ended_on", "slot")


def host_places_of(club: Club):
    return club.host_places.select_related("unit").order_by("position")


def meetings_of(club: Club):
    return (
        club.meetings.select_related("host_place__unit")
        .prefetch_related("topics")
        .annotate(
            present_count=Count("attendances", distinct=True),
            guest_count=Count("guests", filter=Q(guests__attended=True), distinct=True),
        )
        .order_by("-planned_on", "-id")
    )


def meeting_page(meeting: Meeting) -> dict:
    """What a meeting's page shows, each list in one query."""
    return {
        "topics": list(meeting.topics.all()),
        "present": list(meeting.attendances.select_related("member").order_by("member__full_name")),
        "guests": list(meeting.guests.all()),
        "actions": list(FollowUpAction.objects.filter(meeting=meeting).order_by("id")),
        "practices": list(meeting.good_practices.all()),
    }


def roll_for(meeting: Meeting, on: datetime.date):
    """Members of the club on a given day: those a secretary ticks as present."""
    return (
        meeting.club.members.filter(joined_on__lte=on).exclude(left_on__lt=on).order_by("full_name")
    )


def good_practices_visible_to(user):
    """The good practices kept in the user's area (filtered by forms.PracticeListFilter)."""
    qs = scoped(GoodPractice.objects.all(), user, via="club__unit")
    return qs.select_related("club__unit", "meeting").order_by("-id")


# Statistics ----------------------------------------------------------------------


@dataclass
class LevelCount:
    level: str
    label: str
    count: int


@dataclass
class UnitRow:
    unit: Unit
    counts: list[int]
    total: int


@dataclass
class ClubMeetings:
    club: Club
    expected: int
    planned: int
    held: int
    cancelled: int


@dataclass
class PlanRow:
    unit: Unit
    level: str
    label: str
    planned: int
    founded: int


@dataclass
class ClubStatistics:
    year: int
    by_level: list[LevelCount]
    by_unit: list[UnitRow]
    total_clubs: int
    meetings: list[ClubMeetings]
    meetings_expected: int
    meetings_planned: int
    meetings_held: int
    meetings_cancelled: int
    member_attendances: int
    members_on_roll: int
    guests_attended: int
    plans: list[PlanRow] = field(default_factory=list)
    founded_by_level: list[LevelCount] = field(default_factory=list)

    @property
    def attendance_rate(self) -> float | None:
        """Share of official members present, over the meetings held in the year (percent)."""
        if not self.members_on_roll:
            return None
        return round(100 * self.member_attendances / self.members_on_roll, 1)

    @property
    def held_rate(self) -> float | None:
        if not self.meetings_planned:
            return None
        return round(100 * self.meetings_held / self.meetings_planned, 1)


def club_statistics(user, *, year: int, unit: Unit | None = None) -> ClubStatistics:
    """The counts the province reports: clubs by level and unit, meetings held against
    planned, attendance, and the year's expansion plan against the clubs founded.

    A club counts for the year when founded by 31/12 and not dissolved before then;
    meetings count in the year they were planned for. A fixed number of queries.
    """
    year_end = datetime.date(year, 12, 31)
    clubs = scoped(Club.objects.all(), user, via="unit")
    if unit is not None:
        clubs = clubs.filter(unit__path__startswith=unit.path)
    existing = clubs.filter(founded_on__lte=year_end).exclude(dissolved_on__lte=year_end)
    levels = list(ClubLevel)

    per_level = dict(existing.values_list("level").annotate(n=Count("id")).order_by())
    by_level = [LevelCount(lv.value, lv.label, per_level.get(lv.value, 0)) for lv in levels]
    meetings = _meetings_by_club(existing, year)
    held = Meeting.objects.filter(club__in=existing, state=MeetingState.HELD, planned_on__year=year)
    totals = held.aggregate(roll=Sum("members_on_roll"))
    present = held.aggregate(n=Count("attendances"))["n"]
    guests = held.aggregate(n=Count("guests", filter=Q(guests__attended=True)))["n"]
    plans, founded_by = _plans_against_founded(user, clubs, unit, year)
    return ClubStatistics(
        year=year,
        by_level=by_level,
        by_unit=_clubs_by_unit(existing, levels),
        total_clubs=sum(r.count for r in by_level),
        meetings=meetings,
        meetings_expected=sum(m.expected for m in meetings),
        meetings_planned=sum(m.planned for m in meetings),
        meetings_held=sum(m.held for m in meetings),
        meetings_cancelled=sum(m.cancelled for m in meetings),
        member_attendances=present,
        members_on_roll=totals["roll"] or 0,
        guests_attended=guests,
        plans=plans,
        founded_by_level=[LevelCount(lv.value, lv.label, founded_by[lv.value]) for lv in levels],
    )


def _clubs_by_unit(existing, levels) -> list[UnitRow]:
    """The clubs of each founding unit by level, units in tree order."""
    grid: dict[int, dict[str, int]] = {}
    for unit_pk, level, n in (
        existing.values_list("founding_unit", "level").annotate(n=Count("id")).order_by()
    ):
        grid.setdefault(unit_pk, {})[level] = n
    units = Unit.objects.in_bulk(grid.keys())
    return [
        UnitRow(
            units[pk],
            [grid[pk].get(lv.value, 0) for lv in levels],
            sum(grid[pk].values()),
        )
        for pk in sorted(grid, key=lambda pk: units[pk].path)
    ]


def _meetings_by_club(existing, year: int) -> list[ClubMeetings]:
    """Each club's meetings of the year: expected from its frequency, planned, held, cancelled."""
    in_year = Q(meetings__planned_on__year=year)
    meeting_rows = (
        existing.select_related("unit")
        .annotate(
            planned_n=Count("meetings", filter=in_year),
            held_n=Count("meetings", filter=in_year & Q(meetings__state=MeetingState.HELD)),
            cancelled_n=Count(
                "meetings", filter=in_year & Q(meetings__state=MeetingState.CANCELLED)
            ),
        )
        .order_by("unit__path", "name")
    )
    return [
        ClubMeetings(c, MEETINGS_PER_YEAR.get(c.frequency, 0), c.planned_n, c.held_n, c.cancelled_n)
        for c in meeting_rows
    ]


def _plans_against_founded(user, clubs, unit, year: int):
    """The year's expansion plans, each with the clubs founded under its unit at its level,
    and the clubs founded in the year by level."""
    founded = list(clubs.filter(founded_on__year=year).values_list("unit__path", "level"))
    founded_by = {lv.value: 0 for lv in ClubLevel}
    for _path, level in founded:
        founded_by[level] += 1
    plan_qs = scoped(ExpansionPlan.objects.filter(year=year), user, via="unit")
    if unit is not None:
        plan_qs = plan_qs.filter(unit__path__startswith=unit.path)
    plans = [
        PlanRow(
            p.unit,
            p.level,
            p.get_level_display(),
            p.planned,
            sum(1 for path, lv in founded if lv == p.level and path.startswith(p.unit.path)),
        )
        for p in plan_qs.select_related("unit").order_by("unit__path", "level")
    ]
    return plans, founded_by


def units_for_new_club(user, within: Unit | None = None):
    """Units offered when founding a club: a unit and the units directly under it.

    Without ``within``, the units of the user's roles (the provinces for an
    administrator); a province officer founding a village club picks the commune first,
    so the list stays short on a phone.
    """
    if within is not None:
        roots = [within]
    elif sees_everything(user):
        return Unit.objects.filter(level="province").order_by("path")
    else:
        roots = [a.unit for a in current_assignments(user)]
    return (
        Unit.objects.filter(Q(pk__in=[r.pk for r in roots]) | Q(parent__in=roots))
        .filter(is_active=True)
        .order_by("path")
    )
