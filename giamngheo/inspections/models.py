"""Inspections of support delivered, of projects, of the review procedure and of a
collaborator's work (the collaborators' third and fourth duties): the team, its findings
with their follow-ups, and its view of the collaborators' work."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.core.models import RecordedBy, choices_check
from giamngheo.groups.models import commune_field

from .catalogues import CollaboratorRating, InspectionLevel, InspectionSubject, Severity


class Inspection(RecordedBy):
    """An inspection team's visit (đoàn kiểm tra) to a commune and what it looked at."""

    commune = commune_field("inspections")
    level = models.CharField(_("team"), max_length=16, choices=InspectionLevel.choices)
    decision_no = models.CharField(_("decision setting up the team"), max_length=60, blank=True)
    subject = models.CharField(
        _("what was inspected"), max_length=16, choices=InspectionSubject.choices
    )
    project = models.ForeignKey(
        "groups.ProductionProject",
        verbose_name=_("project inspected"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    collaborator = models.ForeignKey(
        "collaborators.Collaborator",
        verbose_name=_("collaborator whose work was inspected"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections_of_work",
    )
    scope = models.TextField(_("scope and content"), blank=True)
    held_on = models.DateField(_("held on"))
    conclusion = models.TextField(_("conclusion"), blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["commune", "held_on"])]
        constraints = [
            choices_check("level", InspectionLevel, "inspection_level_valid"),
            choices_check("subject", InspectionSubject, "inspection_subject_valid"),
            models.CheckConstraint(
                condition=~Q(subject__in=[InspectionSubject.SUPPORT, InspectionSubject.PROJECT])
                | Q(project__isnull=False),
                name="inspection_project_named",
            ),
            models.CheckConstraint(
                condition=~Q(subject=InspectionSubject.COLLABORATOR)
                | Q(collaborator__isnull=False),
                name="inspection_collaborator_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} · {self.held_on:%d/%m/%Y}"


class TeamMember(models.Model):
    """A member of the inspection team; a collaborator may be one (duty 3)."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="team"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position or organisation"), max_length=200, blank=True)
    collaborator = models.ForeignKey(
        "collaborators.Collaborator",
        verbose_name=_("collaborator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_teams",
    )
    is_lead = models.BooleanField(_("team leader"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["inspection", "-is_lead", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection"], condition=Q(is_lead=True), name="one_team_leader"
            ),
            models.UniqueConstraint(
                fields=["inspection", "collaborator"],
                condition=Q(collaborator__isnull=False),
                name="collaborator_once_per_team",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class FindingState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Finding(models.Model):
    """A finding with the team's recommendation; closed when its follow-up is done."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="findings"
    )
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    text = models.TextField(_("finding"))
    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recommendation = models.TextField(_("recommendation"))
    responsible = models.CharField(_("who must act"), max_length=200)
    due_on = models.DateField(_("to be done by"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=FindingState.choices, default=FindingState.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection", "id"]
        constraints = [
            choices_check("severity", Severity, "finding_severity_valid"),
            models.CheckConstraint(
                condition=(Q(state=FindingState.OPEN) & Q(closed_on__isnull=True))
                | (Q(state=FindingState.CLOSED) & Q(closed_on__isnull=False)),
                name="finding_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(RecordedBy):
    """What was done about a finding's recommendation; the last one may close it."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    done_on = models.DateField(_("date"))
    action = models.TextField(_("action taken"))
    closes = models.BooleanField(_("the recommendation is carried out"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["finding", "done_on", "id"]

    def __str__(self) -> str:
        return self.action[:80]


class CollaboratorAssessment(models.Model):
    """An inspection's view of a collaborator's work, read by the office when it grades
    the period (collaborators.md: "inspections should evaluate collaborators too")."""

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="collaborator_assessments",
    )
    collaborator = models.ForeignKey(
        "collaborators.Collaborator",
        verbose_name=_("collaborator"),
        on_delete=models.PROTECT,
        related_name="inspection_assessments",
    )
    rating = models.CharField(_("rating"), max_length=16, choices=CollaboratorRating.choices)
    comments = models.TextField(_("comments"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment of a collaborator")
        verbose_name_plural = _("assessments of collaborators")
        ordering = ["inspection", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "collaborator"], name="one_assessment_per_inspection"
            ),
            choices_check("rating", CollaboratorRating, "assessment_rating_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.collaborator}: {self.get_rating_display()}"
