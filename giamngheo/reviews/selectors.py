"""Scoped reads of the reviews: every list starts from the user's area (``scoped``)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from giamngheo.accounts.scoping import get_scoped_or_404, scoped
from giamngheo.core.search import fold
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household, PovertyStatus

from .models import (
    ADHOC_OPEN_STATES,
    AdHocReview,
    AnnualReview,
    AnnualState,
    Complaint,
    ReviewEntry,
    Step,
    SupervisionNote,
    VillageMeeting,
)


def adhoc_reviews_visible_to(user):
    return scoped(AdHocReview.objects.all(), user, via="commune")


def annual_reviews_visible_to(user):
    return scoped(AnnualReview.objects.all(), user, via="commune")


def adhoc_list(user, *, state: str = "", open_only: bool = False):
    qs = adhoc_reviews_visible_to(user).select_related("household", "household__village", "commune")
    if state:
        qs = qs.filter(state=state)
    if open_only:
        qs = qs.filter(state__in=ADHOC_OPEN_STATES)
    return qs.order_by("due_on", "id")


def annual_list(user):
    return (
        annual_reviews_visible_to(user)
        .select_related("commune")
        .annotate(entry_count=Count("entries"))
        .order_by("-year", "commune__name")
    )


def adhoc_detail(user, pk: int) -> AdHocReview:
    return get_scoped_or_404(
        AdHocReview.objects.select_related(
            "household", "household__village", "commune", "decision", "recorded_by"
        ).prefetch_related(
            Prefetch("steps", queryset=Step.objects.select_related("by")),
            Prefetch("notes", queryset=SupervisionNote.objects.select_related("collaborator")),
            "screenings",
            "surveys",
        ),
        user,
        "commune",
        pk=pk,
    )


def annual_detail(user, pk: int) -> AnnualReview:
    return get_scoped_or_404(
        AnnualReview.objects.select_related("commune").prefetch_related(
            Prefetch("steps", queryset=Step.objects.select_related("by")),
            Prefetch("notes", queryset=SupervisionNote.objects.select_related("collaborator")),
            Prefetch(
                "meetings",
                queryset=VillageMeeting.objects.select_related("village").annotate(
                    discussed=Count("households")
                ),
            ),
            "postings",
            Prefetch(
                "complaints",
                queryset=Complaint.objects.select_related("entry__household", "entry__village"),
            ),
        ),
        user,
        "commune",
        pk=pk,
    )


def entry_detail(user, review_pk: int, pk: int) -> ReviewEntry:
    return get_scoped_or_404(
        ReviewEntry.objects.select_related("review", "review__commune", "household", "village"),
        user,
        "review__commune",
        review_id=review_pk,
        pk=pk,
    )


def complaint_detail(user, review_pk: int, pk: int) -> Complaint:
    return get_scoped_or_404(
        Complaint.objects.select_related("review", "review__commune", "entry__household"),
        user,
        "review__commune",
        review_id=review_pk,
        pk=pk,
    )


def entries_of(review: AnnualReview, *, village: Unit | None = None):
    qs = review.entries.select_related("household", "village")
    if village is not None:
        qs = qs.filter(village=village)
    return qs.order_by("village__name", "household__code")


def households_for_application(user, query: str, limit: int = 20):
    """Households in the user's area matching a code or (diacritics-free) name."""
    if not query.strip():
        return []
    qs = scoped(Household.objects.all(), user, via="commune").select_related("village")
    folded = fold(query)
    return list(
        qs.filter(Q(code__iexact=query.strip()) | Q(search_text__contains=folded)).order_by("code")[
            :limit
        ]
    )


@dataclass
class VillageRow:
    village: Unit
    entries: int = 0
    with_result: int = 0
    screened_out: int = 0
    reopened: int = 0
    meetings: list = field(default_factory=list)

    @property
    def pending(self) -> int:
        return self.entries - self.with_result

    @property
    def agreed(self) -> bool:
        """The latest meeting of the village agreed the results."""
        return bool(self.meetings) and self.meetings[0].agreed

    @property
    def percent(self) -> int:
        return int(100 * self.with_result / self.entries) if self.entries else 100


def village_progress(review: AnnualReview) -> list[VillageRow]:
    """Per village: households listed, with a result, stopped at screening, and meetings."""
    villages = Unit.objects.filter(parent_id=review.commune_id, level=Level.VILLAGE).order_by(
        "name"
    )
    rows = {v.pk: VillageRow(v) for v in villages}
    counts = (
        ReviewEntry.objects.filter(review=review)
        .values("village_id")
        .annotate(
            n=Count("id"),
            done=Count("id", filter=~Q(result_category="") & ~Q(result_category="UNKNOWN")),
            out=Count("id", filter=Q(screened_out=True)),
            reopened=Count("id", filter=Q(reopened=True)),
        )
    )
    for c in counts:
        row = rows.get(c["village_id"])
        if row is None:  # a village since moved or abolished: still shown
            row = rows[c["village_id"]] = VillageRow(Unit.objects.get(pk=c["village_id"]))
        row.entries, row.with_result = c["n"], c["done"]
        row.screened_out, row.reopened = c["out"], c["reopened"]
    for meeting in VillageMeeting.objects.filter(review=review).order_by("-held_on", "-id"):
        if meeting.village_id in rows:
            rows[meeting.village_id].meetings.append(meeting)
    return list(rows.values())


def current_posting(review: AnnualReview):
    return review.postings.order_by("-posted_from", "-id").first()


LIST_ORDER = [
    PovertyStatus.POOR,
    PovertyStatus.NEAR_POOR,
    PovertyStatus.ESCAPED_POOR,
    PovertyStatus.ESCAPED_NEAR_POOR,
]


def posting_lists(
    review: AnnualReview, *, village: Unit | None = None
) -> list[tuple[str, str, list]]:
    """The provisional lists to post: (status, label, entries) in the order of Form 02."""
    grouped = {status: [] for status in LIST_ORDER}
    for entry in entries_of(review, village=village).filter(result_status__in=LIST_ORDER):
        grouped[entry.result_status].append(entry)
    return [(s, PovertyStatus(s).label, grouped[s]) for s in LIST_ORDER]


SUMMARY_COLUMNS = [*LIST_ORDER, PovertyStatus.NOT_LISTED]


@dataclass
class SummaryRow:
    name: str
    reviewed: int = 0
    households: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    newly_poor: int = 0
    newly_near_poor: int = 0

    def add(self, status, previous, n, people):
        self.reviewed += n
        self.households[status] = self.households.get(status, 0) + n
        self.people[status] = self.people.get(status, 0) + people
        if status == PovertyStatus.POOR and previous != PovertyStatus.POOR:
            self.newly_poor += n
        if status == PovertyStatus.NEAR_POOR and previous != PovertyStatus.NEAR_POOR:
            self.newly_near_poor += n

    def cells(self) -> list[int]:
        values = [self.reviewed]
        for status in SUMMARY_COLUMNS:
            values += [self.households.get(status, 0), self.people.get(status, 0)]
        return [*values, self.newly_poor, self.newly_near_poor]


def summary_table(review: AnnualReview) -> tuple[list[SummaryRow], SummaryRow]:
    """The summary report (biểu tổng hợp) by village: households and people by result, and
    the movements (newly poor, newly near-poor); one grouped query."""
    rows: dict[int, SummaryRow] = {}
    total = SummaryRow(name="")
    groups = (
        ReviewEntry.objects.filter(review=review)
        .values("village_id", "village__name", "result_status", "previous_status")
        .annotate(n=Count("id", distinct=True), people=Count("household__members"))
        .order_by("village__name")
    )
    for g in groups:
        status = g["result_status"] or PovertyStatus.NOT_LISTED
        row = rows.setdefault(g["village_id"], SummaryRow(name=g["village__name"]))
        row.add(status, g["previous_status"], g["n"], g["people"])
        total.add(status, g["previous_status"], g["n"], g["people"])
    return list(rows.values()), total


@dataclass
class Overdue:
    adhoc: list
    complaints: list
    annual: list

    def __bool__(self):
        return bool(self.adhoc or self.complaints or self.annual)


def overdue(user, *, today: datetime.date) -> Overdue:
    """Applications past their answer date, complaints past their re-check date and annual
    reviews not decided by the end of the review window, in the user's area."""
    complaints = (
        scoped(Complaint.objects.all(), user, via="review__commune")
        .filter(answered_on__isnull=True, due_on__lt=today)
        .select_related("review__commune", "entry__household")
        .order_by("due_on")
    )
    annual = (
        annual_reviews_visible_to(user)
        .exclude(state__in=[AnnualState.DECIDED, AnnualState.REPORTED])
        .filter(due_on__lt=today)
        .select_related("commune")
        .order_by("due_on")
    )
    return Overdue(
        adhoc=list(adhoc_list(user, open_only=True).filter(due_on__lt=today)),
        complaints=list(complaints),
        annual=list(annual),
    )


def supervision_notes_for(user, *, start: datetime.date, end: datetime.date):
    """A collaborator's supervision notes in a period (for the activity report)."""
    return (
        SupervisionNote.objects.filter(collaborator=user, noted_on__range=(start, end))
        .select_related("adhoc__household", "annual__commune")
        .order_by("noted_on", "id")
    )
