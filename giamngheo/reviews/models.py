"""The poverty review: ad-hoc reviews of one household's application, annual campaigns of a
commune, their forms (phiếu A/B), village meetings, postings, complaints and decisions.

The review is the only way a household's status changes: a ``Decision`` applied by
``services`` calls the register's ``record_statuses``. Every transition of either
workflow is a ``Step`` (who, when, from, to, note); the records carry an audit trail.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.households.models import PovertyStatus

from .procedures import PROCEDURE_CHOICES


class Category(models.TextChoices):
    """The engine's answer for a surveyed household (``giamngheo.poverty.Category``)."""

    POOR = "POOR", _("Poor")
    NEAR_POOR = "NEAR_POOR", _("Near-poor")
    AVERAGE = "AVERAGE", _("Average living standard")
    NOT_POOR = "NOT_POOR", _("Not poor")
    UNKNOWN = "UNKNOWN", _("Cannot be decided yet")


class PublicHoliday(models.Model):
    """Days off that working-day periods skip (weekends are always skipped)."""

    day = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class ApplicationKind(models.TextChoices):
    INCLUSION = "inclusion", _("Application for inclusion in the poor or near-poor list")
    EXIT = "exit", _("Application for recognition of having escaped poverty or near-poverty")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the commune")
    POST = "post", _("By post")
    ONLINE = "online", _("Online public-service portal")
    COLLABORATOR = "collaborator", _("Recorded by the collaborator on the household's behalf")


class AdHocState(models.TextChoices):
    SUBMITTED = "submitted", _("Application received")
    SURVEYED = "surveyed", _("Surveyed")
    CHECKED = "checked", _("Checked by the commune")
    RECOGNISED = "recognised", _("Recognised by decision")
    ANSWERED = "answered", _("Not recognised: answered in writing")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ADHOC_OPEN_STATES = [AdHocState.SUBMITTED, AdHocState.SURVEYED, AdHocState.CHECKED]


class AdHocReview(models.Model):
    """Rà soát thường xuyên: one household's application, from receipt to the chair's answer."""

    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="adhoc_reviews",
    )
    commune = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("application"), max_length=16, choices=ApplicationKind.choices)
    channel = models.CharField(_("received"), max_length=16, choices=Channel.choices)
    applicant_name = models.CharField(_("applicant"), max_length=150)
    reason = models.TextField(_("reason for the request"))
    received_on = models.DateField(_("received on"))
    procedure = models.CharField(_("procedure"), max_length=24, choices=PROCEDURE_CHOICES)
    standard = models.CharField(_("standard"), max_length=32)
    starts_on = models.DateField(_("review starts on"))
    due_on = models.DateField(_("decision due by"), db_index=True)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=AdHocState.choices,
        default=AdHocState.SUBMITTED,
        db_index=True,
    )
    previous_status = models.CharField(
        _("status when applying"), max_length=20, choices=PovertyStatus.choices
    )
    result_category = models.CharField(
        _("engine result"), max_length=12, choices=Category.choices, blank=True
    )
    result_status = models.CharField(
        _("proposed status"), max_length=20, choices=PovertyStatus.choices, blank=True
    )
    result_explanation = models.TextField(_("explanation"), blank=True)
    meeting_held_on = models.DateField(_("village meeting held on"), null=True, blank=True)
    meeting_present = models.PositiveIntegerField(_("people present"), null=True, blank=True)
    meeting_agreeing = models.PositiveIntegerField(_("people agreeing"), null=True, blank=True)
    posted_on = models.DateField(_("posted from"), null=True, blank=True)
    posting_ends_on = models.DateField(_("posting ends on"), null=True, blank=True)
    check_note = models.TextField(_("commune's check"), blank=True)
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adhoc_reviews",
    )
    answer = models.TextField(_("written answer"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ad-hoc review")
        verbose_name_plural = _("ad-hoc reviews")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(state__in=["submitted", "surveyed", "checked"]),
                name="one_open_adhoc_review_per_household",
            ),
            models.CheckConstraint(
                condition=Q(meeting_agreeing__isnull=True)
                | Q(meeting_agreeing__lte=F("meeting_present")),
                name="adhoc_agreeing_at_most_present",
            ),
            models.CheckConstraint(
                condition=~Q(state="recognised") | Q(decision__isnull=False),
                name="adhoc_recognised_has_decision",
            ),
        ]
        indexes = [models.Index(fields=["commune", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.household.code}"


class AnnualState(models.TextChoices):
    LISTING = "listing", _("Listing households to review")
    SURVEYING = "surveying", _("Screening and survey")
    MEETINGS = "meetings", _("Village meetings")
    POSTING = "posting", _("Public posting and complaints")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting the decision")
    DECIDED = "decided", _("Decided")
    REPORTED = "reported", _("Reported to the level above")


class AnnualReview(models.Model):
    """Rà soát định kỳ: a commune's campaign for a year (lists for the following year)."""

    commune = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("review year"))
    procedure = models.CharField(_("procedure"), max_length=24, choices=PROCEDURE_CHOICES)
    standard = models.CharField(_("standard"), max_length=32)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=AnnualState.choices,
        default=AnnualState.LISTING,
        db_index=True,
    )
    opened_on = models.DateField(_("opened on"))
    due_on = models.DateField(_("decision due by"))
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    report_recipient = models.CharField(_("reported to"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")
        ordering = ["-year", "commune__name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="one_annual_review_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.commune}"

    @property
    def status_year(self) -> int:
        """The lists recognised at the end of year Y take effect on 1 January of Y+1."""
        return self.year + 1


class EntryReason(models.TextChoices):
    ON_LIST = "on_list", _("On the current poor or near-poor list")
    APPLIED = "applied", _("Filed a request for review")
    DETECTED = "detected", _("Proposed by the village or the collaborator")


class ReviewEntry(models.Model):
    """One household on a campaign's list, with its screening/survey result."""

    review = models.ForeignKey(
        AnnualReview,
        verbose_name=_("annual review"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="review_entries",
    )
    village = models.ForeignKey(
        "geo.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("why listed"), max_length=16, choices=EntryReason.choices)
    previous_status = models.CharField(
        _("status before the review"), max_length=20, choices=PovertyStatus.choices
    )
    screened_out = models.BooleanField(_("stopped at screening"), default=False)
    result_category = models.CharField(
        _("engine result"), max_length=12, choices=Category.choices, blank=True
    )
    result_status = models.CharField(
        _("proposed status"), max_length=20, choices=PovertyStatus.choices, blank=True
    )
    result_explanation = models.TextField(_("explanation"), blank=True)
    surveyed_on = models.DateField(_("surveyed on"), null=True, blank=True)
    reopened = models.BooleanField(
        _("reopened by a complaint"),
        default=False,
        help_text=_("A complaint during posting: re-check before the decision."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household under review")
        verbose_name_plural = _("households under review")
        ordering = ["village__name", "household__code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "household"], name="one_entry_per_household")
        ]
        indexes = [models.Index(fields=["review", "village"])]

    def __str__(self) -> str:
        return str(self.household)


class ScreeningForm(models.Model):
    """Phiếu A: quick identification; any "clearly not poor" characteristic stops the review."""

    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="screening_forms"
    )
    adhoc = models.ForeignKey(
        AdHocReview, null=True, blank=True, on_delete=models.CASCADE, related_name="screenings"
    )
    entry = models.ForeignKey(
        ReviewEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="screenings"
    )
    filled_on = models.DateField(_("date"))
    characteristics = models.JSONField(_("characteristics found"), default=list, blank=True)
    excluded = models.BooleanField(_("clearly not poor"), default=False)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("screening form (phiếu A)")
        verbose_name_plural = _("screening forms (phiếu A)")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adhoc__isnull=False, entry__isnull=True)
                | Q(adhoc__isnull=True, entry__isnull=False),
                name="screening_for_one_review",
            )
        ]

    def __str__(self) -> str:
        return f"Phiếu A {self.household.code} {self.filled_on:%d/%m/%Y}"


class SurveyForm(models.Model):
    """Phiếu B: score A (or the declared income) and the deprived indicators; the engine
    classifies and its explanation is kept with the inputs that produced it."""

    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="survey_forms"
    )
    adhoc = models.ForeignKey(
        AdHocReview, null=True, blank=True, on_delete=models.CASCADE, related_name="surveys"
    )
    entry = models.ForeignKey(
        ReviewEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="surveys"
    )
    filled_on = models.DateField(_("date"))
    standard = models.CharField(_("standard"), max_length=32)
    score_a = models.PositiveIntegerField(_("score A (income)"), null=True, blank=True)
    declared_income = models.BigIntegerField(
        _("income per person per month (đồng)"), null=True, blank=True
    )
    deprived_indicators = models.JSONField(_("indicators found deprived"), default=list, blank=True)
    # Asked on phiếu B and copied to the household's register (reports 8 and 10).
    causes = models.JSONField(_("causes of poverty"), default=list, blank=True)
    support_needs = models.JSONField(_("support needs"), default=list, blank=True)
    category = models.CharField(_("engine result"), max_length=12, choices=Category.choices)
    explanation = models.TextField(_("explanation"))
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey form (phiếu B)")
        verbose_name_plural = _("survey forms (phiếu B)")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adhoc__isnull=False, entry__isnull=True)
                | Q(adhoc__isnull=True, entry__isnull=False),
                name="survey_for_one_review",
            ),
            models.CheckConstraint(
                condition=Q(score_a__isnull=False) | Q(declared_income__isnull=False),
                name="survey_has_score_or_income",
            ),
        ]

    def __str__(self) -> str:
        return f"Phiếu B {self.household.code} {self.filled_on:%d/%m/%Y}"


class VillageMeeting(models.Model):
    """Họp dân: the village agrees the results with ≥ 50 % of those present."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="meetings")
    village = models.ForeignKey(
        "geo.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    chair = models.CharField(_("chaired by"), max_length=150)
    attendees = models.TextField(
        _("attendees"), help_text=_("Organisations and people present, as in the minutes.")
    )
    present = models.PositiveIntegerField(_("people present"))
    agreeing = models.PositiveIntegerField(_("people agreeing"))
    agreed = models.BooleanField(_("agreement reached"), editable=False)
    households = models.ManyToManyField(
        ReviewEntry, verbose_name=_("households discussed"), related_name="meetings"
    )
    minutes = models.TextField(_("minutes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("village meeting")
        verbose_name_plural = _("village meetings")
        ordering = ["village__name", "-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(present__gte=1), name="meeting_has_attendees"),
            models.CheckConstraint(
                condition=Q(agreeing__lte=F("present")), name="meeting_agreeing_at_most_present"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.held_on:%d/%m/%Y}"


class Posting(models.Model):
    """Niêm yết công khai of the provisional lists at the commune and the villages."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="postings")
    posted_from = models.DateField(_("posted from"))
    ends_on = models.DateField(_("posting ends on"))
    places = models.TextField(_("places"))
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public posting")
        verbose_name_plural = _("public postings")
        ordering = ["-posted_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("posted_from")), name="posting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.posted_from:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"


class Complaint(models.Model):
    """A complaint during posting: it reopens the household until verified and answered."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="complaints")
    entry = models.ForeignKey(
        ReviewEntry,
        verbose_name=_("household concerned"),
        on_delete=models.CASCADE,
        related_name="complaints",
    )
    received_on = models.DateField(_("received on"))
    complainant = models.CharField(_("complainant"), max_length=150)
    content = models.TextField(_("complaint"))
    due_on = models.DateField(_("answer due by"), db_index=True)
    verification = models.TextField(_("verification (re-check)"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("received_on")),
                name="complaint_answered_after_receipt",
            )
        ]

    def __str__(self) -> str:
        return f"{self.complainant} · {self.entry}"


class DecisionKind(models.TextChoices):
    ANNUAL = "annual", _("Annual review")
    ADHOC = "adhoc", _("Ad-hoc review")


class Decision(models.Model):
    """The commune People's Committee's decision recognising households' statuses."""

    commune = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("review"), max_length=8, choices=DecisionKind.choices)
    annual_review = models.OneToOneField(
        AnnualReview, null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )
    number = models.CharField(_("decision number"), max_length=64)
    signed_on = models.DateField(_("signed on"))
    signer_name = models.CharField(_("signed by"), max_length=150)
    year = models.PositiveSmallIntegerField(_("year of the lists"))
    standard = models.CharField(_("standard"), max_length=32)
    form = models.CharField(_("form"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "number"], name="unique_decision_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class DecisionEntry(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="entries")
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="decision_entries"
    )
    status = models.CharField(_("status"), max_length=20, choices=PovertyStatus.choices)
    previous_status = models.CharField(
        _("previous status"), max_length=20, choices=PovertyStatus.choices
    )

    class Meta:
        verbose_name = _("household in a decision")
        verbose_name_plural = _("households in a decision")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "household"], name="one_decision_entry_per_household"
            )
        ]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.status}"


class Step(models.Model):
    """One transition of a review: who moved it, when, from which state to which, and why."""

    adhoc = models.ForeignKey(
        AdHocReview, null=True, blank=True, on_delete=models.CASCADE, related_name="steps"
    )
    annual = models.ForeignKey(
        AnnualReview, null=True, blank=True, on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(_("workflow action"), max_length=32)
    from_state = models.CharField(_("from step"), max_length=20, blank=True)
    to_state = models.CharField(_("to step"), max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adhoc__isnull=False, annual__isnull=True)
                | Q(adhoc__isnull=True, annual__isnull=False),
                name="step_of_one_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class SupervisedStep(models.TextChoices):
    APPLICATION = "application", _("Application received and recorded")
    SURVEY = "survey", _("Screening and survey")
    VILLAGE_MEETING = "village_meeting", _("Village meeting held properly")
    POSTING = "posting", _("Lists posted publicly")
    COMPLAINTS = "complaints", _("Complaints answered")
    DECISION = "decision", _("Decision and its application")


class Verdict(models.TextChoices):
    PROPER = "proper", _("Done properly")
    ISSUES = "issues", _("Problems found")


class SupervisionNote(models.Model):
    """A collaborator's note on one step of a review; it also enters the activity log."""

    collaborator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("collaborator"),
        on_delete=models.PROTECT,
        related_name="supervision_notes",
    )
    adhoc = models.ForeignKey(
        AdHocReview, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    annual = models.ForeignKey(
        AnnualReview, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    step = models.CharField(_("step supervised"), max_length=20, choices=SupervisedStep.choices)
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict.choices)
    text = models.TextField(_("observations"))
    noted_on = models.DateField(_("date"), db_index=True)
    activity = models.ForeignKey(
        "collaborators.Activity",
        verbose_name=_("activity log entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision note")
        verbose_name_plural = _("supervision notes")
        ordering = ["-noted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adhoc__isnull=False, annual__isnull=True)
                | Q(adhoc__isnull=True, annual__isnull=False),
                name="note_on_one_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} · {self.get_verdict_display()}"
