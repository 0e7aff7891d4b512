"""Poverty-reduction collaborators (CTV): the roster, their work contracts and trainings,
the managing office's monthly assignments, the collaborators' activity log, period
reports and evaluations, and the allowance rate in force.

One collaborator per commune, drawn from the commune's mass organisations, contracted
and evaluated by the managing office (Kon Tum Decision 29/QĐ-UBND of 16/01/2017; see
../shared/domain/collaborators.md). The office's warnings about the roster are computed
(selectors.compliance_warnings), never stored, so they cannot go stale.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from giamngheo.core.ethnicity import ETHNICITY_CHOICES, NAMES
from giamngheo.core.models import Recorded, Versioned, choices_check
from giamngheo.core.periods import Period, PeriodKind
from giamngheo.core.sex import Sex

from .duties import Duty

# Collaborators report by the month and by the quarter, never by the year.
REPORT_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER)
REPORT_KIND_CHOICES = [(kind.value, kind.label) for kind in REPORT_KINDS]


class MassOrganisation(models.TextChoices):
    """The mass organisations a collaborator is drawn from; NONE is a defect to correct."""

    FARMERS = "farmers", _("Farmers' Union")
    YOUTH = "youth", _("Youth Union")
    WOMEN = "women", _("Women's Union")
    VETERANS = "veterans", _("Veterans' Association")
    RED_CROSS = "red_cross", _("Red Cross")
    AGENT_ORANGE = "agent_orange", _("Association of Agent Orange/Dioxin Victims")
    NONE = "none", _("No mass organisation")


class Qualification(models.TextChoices):
    """Highest training level; intermediate (trung cấp) or higher is preferred."""

    UNIVERSITY = "university", _("University or college")
    INTERMEDIATE = "intermediate", _("Intermediate (trung cấp)")
    PRIMARY = "primary", _("Primary or none")


QUALIFIED = (Qualification.UNIVERSITY, Qualification.INTERMEDIATE)


class Status(models.TextChoices):
    # Context: the register's "Working" is a person's employment, not a collaborator's service.
    ACTIVE = "active", pgettext_lazy("collaborator status", "Working")
    SUSPENDED = "suspended", pgettext_lazy("collaborator status", "Suspended")
    LEFT = "left", pgettext_lazy("collaborator status", "Left")


class Collaborator(Versioned):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="collaborator",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    citizen_id = models.CharField(_("citizen ID"), max_length=12, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=2, choices=ETHNICITY_CHOICES)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    commune = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune covered"),
        on_delete=models.PROTECT,
        related_name="collaborators",
    )
    managing_office = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("managing office"),
        on_delete=models.PROTECT,
        related_name="managed_collaborators",
        help_text=_("The unit whose labour office contracts and follows the collaborator."),
    )
    organisation = models.CharField(
        _("mass organisation"), max_length=16, choices=MassOrganisation.choices
    )
    qualification = models.CharField(
        _("qualification"), max_length=16, choices=Qualification.choices
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("collaborator")
        verbose_name_plural = _("collaborators")
        ordering = ["commune__code", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=~Q(citizen_id=""),
                name="collaborator_unique_citizen_id",
            ),
            choices_check("sex", Sex, "collaborator_sex_valid"),
            choices_check("ethnicity", NAMES, "collaborator_ethnicity_valid"),
            choices_check("organisation", MassOrganisation, "collaborator_organisation_valid"),
            choices_check("qualification", Qualification, "collaborator_qualification_valid"),
            choices_check("status", Status, "collaborator_status_valid"),
        ]

    def __str__(self) -> str:
        return self.full_name


class Training(models.Model):
    """A training course attended; a yearly one is expected (Decision 29/QĐ-UBND)."""

    collaborator = models.ForeignKey(
        Collaborator,
        verbose_name=_("collaborator"),
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    title = models.CharField(_("training"), max_length=255)
    held_on = models.DateField(_("held on"))
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training attended")
        verbose_name_plural = _("trainings attended")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class AllowanceRate(models.Model):
    """The base amount in force (mức lương cơ sở) that contract coefficients multiply.

    A change of the national base amount changes every allowance from its date without
    touching contracts: the sheet for a month takes the rate in force on its first day.
    """

    valid_from = models.DateField(_("in force from"), unique=True)
    amount = models.PositiveIntegerField(_("base amount (đồng per month)"))
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("allowance base rate")
        verbose_name_plural = _("allowance base rates")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allowance_rate_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount:,} đ ({self.valid_from:%d/%m/%Y})"


class Contract(models.Model):
    """A work contract (hợp đồng công việc). A renewal is a new contract pointing back."""

    collaborator = models.ForeignKey(
        Collaborator,
        verbose_name=_("collaborator"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    office = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("signing office"),
        on_delete=models.PROTECT,
        related_name="collaborator_contracts",
    )
    number = models.CharField(_("contract number"), max_length=50)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    allowance_coefficient = models.DecimalField(
        _("allowance coefficient"),
        max_digits=4,
        decimal_places=2,
        help_text=_("Monthly allowance as a multiple of the base amount in force, e.g. 0.50."),
    )
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_title = models.CharField(_("signer's position"), max_length=150, blank=True)
    signed_on = models.DateField(_("signed on"))
    renews = models.OneToOneField(
        "self",
        verbose_name=_("renews contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work contract")
        verbose_name_plural = _("work contracts")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["office", "number"], name="contract_number_per_office"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="contract_period_valid"
            ),
            models.CheckConstraint(
                condition=Q(allowance_coefficient__gt=0), name="contract_coefficient_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def last_day(self):
        """The last day the contract runs: its end, or an earlier termination."""
        if self.terminated_on and self.terminated_on < self.ends_on:
            return self.terminated_on
        return self.ends_on

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day <= self.last_day


class Assignment(models.Model):
    """A task the managing office gives a collaborator for a month, under one duty."""

    collaborator = models.ForeignKey(
        Collaborator,
        verbose_name=_("collaborator"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    month = models.DateField(_("month"), help_text=_("First day of the month."))
    duty = models.CharField(_("duty"), max_length=2, choices=Duty.choices)
    description = models.TextField(_("task"))
    villages = models.ManyToManyField(
        "geo.Unit", verbose_name=_("villages"), blank=True, related_name="+"
    )
    households = models.ManyToManyField(
        "households.Household", verbose_name=_("households"), blank=True, related_name="+"
    )
    target = models.CharField(_("target"), max_length=255, blank=True)
    target_count = models.PositiveIntegerField(
        _("activities expected"),
        default=1,
        help_text=_("How many logged activities complete the task."),
    )
    due_on = models.DateField(_("due date"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly assignment")
        verbose_name_plural = _("monthly assignments")
        ordering = ["month", "duty", "due_on"]
        indexes = [models.Index(fields=["collaborator", "month"])]
        constraints = [
            choices_check("duty", Duty, "assignment_duty_valid"),
            models.CheckConstraint(condition=Q(month__day=1), name="assignment_month_first_day"),
            models.CheckConstraint(condition=Q(target_count__gte=1), name="assignment_target_min"),
        ]

    def __str__(self) -> str:
        return f"{self.get_duty_display()} · {self.month:%m/%Y}"

    @property
    def period(self) -> Period:
        return Period.containing(self.month)


ALLOWED_ATTACHMENTS = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
}


def attachment_path(activity: "Activity", filename: str) -> str:
    """A random name under the collaborator's folder: names are never guessable nor shown."""
    suffix = PurePath(filename).suffix.lower()
    return f"collaborators/{activity.collaborator_id}/{uuid.uuid4().hex}{suffix}"


class Activity(Recorded):
    """One entry of a collaborator's activity log, made from a phone in a few taps."""

    collaborator = models.ForeignKey(
        Collaborator,
        verbose_name=_("collaborator"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    done_on = models.DateField(_("date"), db_index=True)
    duty = models.CharField(_("duty"), max_length=2, choices=Duty.choices)
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("for the assignment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    villages = models.ManyToManyField(
        "geo.Unit", verbose_name=_("villages"), blank=True, related_name="+"
    )
    households = models.ManyToManyField(
        "households.Household",
        verbose_name=_("households concerned"),
        blank=True,
        related_name="collaborator_activities",
    )
    description = models.TextField(_("what was done"))
    attachment = models.FileField(
        _("photo or attachment"), upload_to=attachment_path, blank=True, max_length=255
    )
    attachment_name = models.CharField(max_length=255, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-done_on", "-created_at"]
        indexes = [models.Index(fields=["collaborator", "done_on"])]
        constraints = [
            choices_check("duty", Duty, "activity_duty_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.done_on:%d/%m/%Y} · {self.get_duty_display()}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")


class PeriodReport(Versioned):
    """A collaborator's monthly or quarterly report, compiled from the activity log.

    The figures are frozen in ``compiled`` when the report is submitted, so what the
    office accepted does not move when the log is edited later.
    """

    collaborator = models.ForeignKey(
        Collaborator,
        verbose_name=_("collaborator"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period_kind = models.CharField(_("period"), max_length=8, choices=REPORT_KIND_CHOICES)
    period_start = models.DateField(_("period starts"))
    state = models.CharField(
        _("state"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT
    )
    note = models.TextField(_("collaborator's note"), blank=True)
    compiled = models.JSONField(_("compiled figures"), default=dict, editable=False)
    office_comment = models.TextField(_("office's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        ordering = ["-period_start", "period_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaborator", "period_kind", "period_start"], name="one_report_per_period"
            ),
            choices_check("state", ReportState, "report_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.collaborator} · {self.period}"

    @property
    def period(self) -> Period:
        return Period.of(self.period_kind, self.period_start)

    @property
    def area_unit(self):
        """The commune whose users may see and decide the report (``accounts.capabilities``)."""
        return self.collaborator.commune


class Grade(models.TextChoices):
    """The four grades Vietnamese offices give for a period's work."""

    EXCELLENT = "excellent", _("Completed duties excellently")
    GOOD = "good", _("Completed duties well")
    COMPLETED = "completed", _("Completed duties")
    NOT_COMPLETED = "not_completed", _("Did not complete duties")


class Evaluation(Versioned):
    """The office's evaluation of a collaborator for a period; changes kept in history."""

    collaborator = models.ForeignKey(
        Collaborator,
        verbose_name=_("collaborator"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    period_kind = models.CharField(_("period"), max_length=8, choices=REPORT_KIND_CHOICES)
    period_start = models.DateField(_("period starts"))
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices)
    comments = models.TextField(_("comments"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_on = models.DateField(_("evaluated on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-period_start", "period_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaborator", "period_kind", "period_start"],
                name="one_evaluation_per_period",
            ),
            choices_check("grade", Grade, "evaluation_grade_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.collaborator} · {self.period}: {self.get_grade_display()}"

    @property
    def period(self) -> Period:
        return Period.of(self.period_kind, self.period_start)
