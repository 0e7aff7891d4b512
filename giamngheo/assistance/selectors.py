"""Scoped reads of the assistance part; deadline logic takes ``today`` so tests fix the date."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, Max, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from giamngheo.accounts.capabilities import capability
from giamngheo.accounts.scoping import current_assignments, get_scoped_or_404, scoped
from giamngheo.core.audit import today as today_or
from giamngheo.core.search import search
from giamngheo.geo.models import Unit
from giamngheo.households.assessment import standard_in_force
from giamngheo.households.models import Deprivation, PovertyStatus
from giamngheo.households.selectors import households_visible_to
from giamngheo.poverty import Category
from giamngheo.reviews.models import ADHOC_OPEN_STATES, AdHocReview

from .catalogues import NeedKind, indicators_for_need
from .models import OPEN_STATES, HelpRequest, RequestState, Shock, ShockState
from .workflow import WORKFLOW, reminder_for_state, states_acted_on_by


def requests_visible_to(user):
    return scoped(HelpRequest.objects.all(), user, via="commune")


def request_list(user):
    """The requests in the user's area, newest first (filtered by forms.RequestListFilter)."""
    return (
        requests_visible_to(user)
        .select_related("household", "household__village", "commune", "received_by")
        .order_by("-received_on", "-id")
    )


def overdue_requests(queryset, *, today=None):
    """Open requests whose next step is past its deadline (``due_on`` before today)."""
    return queryset.filter(state__in=OPEN_STATES, due_on__lt=today_or(today))


def overdue_list(user, *, today=None):
    return overdue_requests(
        requests_visible_to(user).select_related(
            "household", "household__village", "commune", "received_by"
        ),
        today=today,
    ).order_by("due_on", "id")


def request_detail(user, pk: int) -> HelpRequest:
    return get_scoped_or_404(
        HelpRequest.objects.select_related(
            "household", "household__village", "commune", "received_by"
        ),
        user,
        "commune",
        pk=pk,
    )


def request_steps(help_request: HelpRequest):
    return WORKFLOW.steps(help_request)


def need_indicators(help_request: HelpRequest, *, today=None):
    """The indicators the need concerns under the standard in force, each with whether the
    household's latest assessment found it deprived there."""
    standard = standard_in_force(today_or(today))
    indicators = indicators_for_need(help_request.need, standard)
    deprived = set(
        Deprivation.objects.filter(
            household=help_request.household, indicator__in=[i.code for i in indicators]
        ).values_list("indicator", flat=True)
    )
    return [(i, i.code in deprived) for i in indicators]


def household_choices(user, query: str, limit: int = 20):
    """Households to record a request or a shock for: those the user may edit, matched."""
    if not query.strip():
        return []
    qs = households_visible_to(user).select_related("village")
    return list(search(qs, query).order_by("code")[:limit])


def household_for_recording(user, code: str):
    return get_object_or_404(
        households_visible_to(user).select_related("village", "commune"), code=code
    )


# --- reminders on the home page ---------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    text: str
    url: str
    due_on: datetime.date | None
    overdue: bool


# The collaborator who received a request follows it up; the managing office watches its area.
FOLLOWS_OWN_REQUESTS = "act_as_collaborator"
WATCHES_OVERDUE = "watch_overdue_requests"


def reminders_for(user, today=None, limit: int = 20) -> list[Reminder]:
    """Open requests where the user must take the next step, soonest deadline first.

    A role reminds of the states in which it acts (``workflow``); the collaborator who
    received a request is also reminded when it is overdue at any step (they follow it up),
    and a managing office of every overdue request in its area.
    """
    today = today_or(today)
    overdue = Q(state__in=OPEN_STATES, due_on__lt=today)
    condition = Q()
    for role in {a.role for a in current_assignments(user)}:
        area = Q(commune__in=scoped(Unit.objects.all(), user, None, roles={role}))
        states = states_acted_on_by(role)
        if states:
            condition |= area & Q(state__in=states)
        if role in capability(FOLLOWS_OWN_REQUESTS).roles:
            condition |= area & overdue & Q(received_by=user)
        if role in capability(WATCHES_OVERDUE).roles:
            condition |= area & overdue
    if not condition:
        return []
    rows = (
        HelpRequest.objects.filter(condition)
        .select_related("household")
        .order_by("due_on", "id")[:limit]
    )
    return [
        Reminder(
            text=_("%(step)s: %(need)s, household %(household)s")
            % {
                "step": reminder_for_state(r.state),
                "need": r.get_need_display(),
                "household": r.household,
            },
            url=reverse("assistance:request_detail", args=[r.pk]),
            due_on=r.due_on,
            overdue=bool(r.due_on and r.due_on < today),
        )
        for r in rows
    ]


# --- shocks and households at risk ------------------------------------------------------------


def shocks_visible_to(user):
    return scoped(Shock.objects.all(), user, via="commune")


def shock_list(user):
    """The shocks in the user's area, latest first (filtered by forms.ShockListFilter)."""
    return (
        shocks_visible_to(user)
        .select_related("household", "household__village", "commune", "recorded_by")
        .order_by("-occurred_on", "-id")
    )


def shock_detail(user, pk: int) -> Shock:
    return get_scoped_or_404(
        Shock.objects.select_related(
            "household", "household__village", "commune", "recorded_by", "application"
        ),
        user,
        "commune",
        pk=pk,
    )


def households_at_risk(user):
    """Households with a shock not yet closed (at risk, or with an application started)."""
    return (
        households_visible_to(user)
        .filter(shocks__state__in=[ShockState.AT_RISK, ShockState.APPLICATION_STARTED])
        .distinct()
    )


# --- likely to escape ---------------------------------------------------------------------------


LISTED = [PovertyStatus.POOR, PovertyStatus.NEAR_POOR]
ABOVE_THE_LINE = [Category.NOT_POOR.value, Category.AVERAGE.value]


def likely_to_escape(user, *, today=None):
    """Poor and near-poor households whose latest facts put them above the line under the
    standard in force (the engine's stored answer, when it was computed with that standard);
    filtered by forms.LikelyToEscapeFilter."""
    standard = standard_in_force(today_or(today))
    qs = households_visible_to(user).filter(
        status__in=LISTED, assessed_category__in=ABOVE_THE_LINE, assessed_standard=standard.code
    )
    return (
        qs.annotate(application_open=Exists(_open_applications()))
        .select_related("village", "commune")
        .order_by("commune__name", "code")
    )


def _open_applications():
    return AdHocReview.objects.filter(household=OuterRef("pk"), state__in=ADHOC_OPEN_STATES)


def listed_with_stale_assessment(user, *, today=None) -> int:
    """Listed households last assessed under another standard: they need recomputing before
    this list can speak for them."""
    standard = standard_in_force(today_or(today))
    return (
        households_visible_to(user)
        .filter(status__in=LISTED)
        .exclude(assessed_standard=standard.code)
        .count()
    )


# --- summary per commune and period ----------------------------------------------------------


def _request_figures(prefix=""):
    """Aggregates of a request queryset (grouped or not), all computed in the database."""
    return {
        "requests": Count("id"),
        "accepted": Count("id", filter=Q(answered_on__isnull=False) & ~Q(action="")),
        "not_accepted": Count("id", filter=~Q(refusal_reason="")),
        "awaiting_answer": Count(
            "id", filter=Q(state__in=[RequestState.RECORDED, RequestState.FORWARDED])
        ),
        "carried_out": Count("id", filter=Q(carried_out_on__isnull=False)),
        "informed": Count("id", filter=Q(state=RequestState.INFORMED)),
        "households_informed": Count(
            "household", filter=Q(state=RequestState.INFORMED), distinct=True
        ),
        "withdrawn": Count("id", filter=Q(state=RequestState.WITHDRAWN)),
        "average_days_to_answer": Avg("days_to_answer"),
        "longest_days_to_answer": Max("days_to_answer"),
    }


@dataclass
class Summary:
    start: datetime.date
    end: datetime.date
    communes: list[dict]
    kinds: list[dict]
    total: dict


def summary(user, *, start: datetime.date, end: datetime.date, commune: str = "") -> Summary:
    """Requests by kind and outcome, time to answer, households informed and shocks, per
    commune, for requests received (and shocks that happened) between ``start`` and ``end``."""
    requests = requests_visible_to(user).filter(received_on__range=(start, end))
    shocks = shocks_visible_to(user).filter(occurred_on__range=(start, end))
    if commune:
        requests = requests.filter(commune__code=commune)
        shocks = shocks.filter(commune__code=commune)
    per_commune = {
        row["commune"]: row
        for row in requests.values("commune", "commune__name", "commune__code")
        .annotate(**_request_figures())
        .order_by()
    }
    shock_counts = {
        row["commune"]: row
        for row in shocks.values("commune", "commune__name", "commune__code")
        .annotate(shocks=Count("id"), shock_households=Count("household", distinct=True))
        .order_by()
    }
    communes = []
    for pk in per_commune.keys() | shock_counts.keys():
        row = per_commune.get(pk) or {
            **{k: 0 for k in _request_figures()},
            "average_days_to_answer": None,
            "longest_days_to_answer": None,
            "commune__name": shock_counts[pk]["commune__name"],
            "commune__code": shock_counts[pk]["commune__code"],
        }
        row["shocks"] = shock_counts.get(pk, {}).get("shocks", 0)
        communes.append(row)
    communes.sort(key=lambda r: r["commune__name"])
    labels = dict(NeedKind.choices)
    kinds = [
        {**row, "label": labels.get(row["need"], row["need"])}
        for row in requests.values("need").annotate(**_request_figures()).order_by("need")
    ]
    kinds.sort(key=lambda r: NeedKind.values.index(r["need"]))
    total = requests.aggregate(**_request_figures())
    total["shocks"] = shocks.count()
    return Summary(start=start, end=end, communes=communes, kinds=kinds, total=total)
