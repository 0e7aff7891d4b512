"""Self-managed groups of poor and near-poor households, the production-support projects
they carry out, inspections of support and of collaborators' work, the office's periodic
report templates, and communication work (the collaborators' duties 3, 4 and 6).

Every record hangs on a commune, so area scoping is one lookup (``commune`` or
``group__commune``); figures such as "households that escaped poverty" are computed from
the register's status history, never typed in.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.households.models import PovertyStatus

from .catalogues import (
    Audience,
    CollaboratorRating,
    ExampleKind,
    FundingSource,
    InspectionLevel,
    InspectionSubject,
    Programme,
    Severity,
    SponsorKind,
    SupportKind,
)
from .periods import PeriodKind


def _commune(related_name="+"):
    return models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name=related_name
    )


# --- self-managed groups -----------------------------------------------------------------


class GroupState(models.TextChoices):
    FORMING = "forming", _("Forming: rules awaiting approval")
    ACTIVE = "active", _("Active: rules approved")
    DISSOLVED = "dissolved", _("Dissolved")


class SelfManagedGroup(models.Model):
    """A community / group of households that manages itself (cộng đồng, nhóm hộ tự quản).

    Formed on a collaborator's advice to carry out a production-support project; the
    name is the group's own choice and its operating rules (quy chế) take effect when
    the commune People's Committee approves them by decision.
    """

    commune = _commune("self_managed_groups")
    village = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("group name"), max_length=200, help_text=_("Chosen by the group."))
    purpose = models.TextField(_("purpose"), blank=True)
    formed_on = models.DateField(_("formed on"))
    leader = models.ForeignKey(
        "households.Household",
        verbose_name=_("leader (household)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    advisor = models.ForeignKey(
        "collaborators.Collaborator",
        verbose_name=_("advising collaborator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advised_groups",
    )
    rules_summary = models.TextField(_("operating rules (main points)"), blank=True)
    rules_decision_no = models.CharField(_("approval decision number"), max_length=60, blank=True)
    rules_approved_on = models.DateField(_("rules approved on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=GroupState.choices, default=GroupState.FORMING
    )
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("self-managed group")
        verbose_name_plural = _("self-managed groups")
        ordering = ["commune__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="group_name_per_commune"),
            models.CheckConstraint(
                condition=Q(state__in=GroupState.values), name="group_state_valid"
            ),
            # An approved group carries its decision (commune People's Committee).
            models.CheckConstraint(
                condition=~Q(state=GroupState.ACTIVE)
                | (Q(rules_approved_on__isnull=False) & ~Q(rules_decision_no="")),
                name="group_active_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A household in a group; leaving keeps the row so the history of the group stays."""

    group = models.ForeignKey(
        SelfManagedGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="group_memberships",
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    status_when_joined = models.CharField(
        _("status when joined"), max_length=20, choices=PovertyStatus.choices
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "household__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "household"],
                condition=Q(left_on__isnull=True),
                name="one_current_membership",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_dates_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.household)


# --- production-support projects ----------------------------------------------------------


class ProjectState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Under way")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ProductionProject(models.Model):
    """A production-support project or livelihood model carried out by a group."""

    group = models.ForeignKey(
        SelfManagedGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    name = models.CharField(_("project name"), max_length=255)
    programme = models.CharField(_("programme"), max_length=16, choices=Programme.choices)
    model_description = models.TextField(
        _("livelihood model"),
        blank=True,
        help_text=_("e.g. raising breeding cows, growing ginseng."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    replicates = models.ForeignKey(
        "self",
        verbose_name=_("replicates the model of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replications",
    )
    commitment_text = models.TextField(_("the group's commitment"), blank=True)
    commitment_signed_on = models.DateField(_("commitment signed on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=ProjectState.choices, default=ProjectState.PLANNED
    )
    results_note = models.TextField(_("results"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("production-support project")
        verbose_name_plural = _("production-support projects")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="project_dates_valid",
            ),
            models.CheckConstraint(
                condition=Q(programme__in=Programme.values), name="project_programme_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=ProjectState.values), name="project_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(replicates=F("pk")), name="project_not_replicating_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Funding(models.Model):
    """Money a project has from one source (state support or another)."""

    project = models.ForeignKey(
        ProductionProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="funding",
    )
    source = models.CharField(_("source"), max_length=16, choices=FundingSource.choices)
    amount = models.BigIntegerField(_("amount (đồng)"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["project", "source"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"], name="one_funding_per_source"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_positive"),
            models.CheckConstraint(
                condition=Q(source__in=FundingSource.values), name="funding_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount:,} đ"


class Beneficiary(models.Model):
    """A household the project supports, with its situation when the support began, so
    the income change and the escape from poverty can be computed later."""

    project = models.ForeignKey(
        ProductionProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="beneficiaries",
    )
    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="project_benefits",
    )
    income_at_start = models.BigIntegerField(
        _("income per person per month at the start (đồng)"), null=True, blank=True
    )
    status_at_start = models.CharField(
        _("status at the start"), max_length=20, choices=PovertyStatus.choices
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supported household")
        verbose_name_plural = _("supported households")
        ordering = ["project", "household__code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "household"], name="one_beneficiary_row")
        ]

    def __str__(self) -> str:
        return str(self.household)


class Support(models.Model):
    """What one household receives: cash, seed, livestock, tools, training …"""

    project = models.ForeignKey(
        ProductionProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="support",
    )
    beneficiary = models.ForeignKey(
        Beneficiary, verbose_name=_("household"), on_delete=models.CASCADE, related_name="support"
    )
    kind = models.CharField(_("kind of support"), max_length=16, choices=SupportKind.choices)
    description = models.CharField(_("what"), max_length=255)
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit_of_measure = models.CharField(_("unit"), max_length=30, blank=True)
    value = models.BigIntegerField(_("value (đồng)"))
    source = models.CharField(_("paid from"), max_length=16, choices=FundingSource.choices)
    delivered_on = models.DateField(
        _("delivered on"), null=True, blank=True, help_text=_("Empty while only planned.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support to a household")
        verbose_name_plural = _("support to households")
        ordering = ["project", "beneficiary__household__code", "id"]
        indexes = [models.Index(fields=["delivered_on", "source"])]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="support_value_not_negative"),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="support_quantity_positive",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SupportKind.values), name="support_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=FundingSource.values), name="support_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class Milestone(models.Model):
    project = models.ForeignKey(
        ProductionProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=255)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


# --- inspections -------------------------------------------------------------------------


class Inspection(models.Model):
    """An inspection team's visit (đoàn kiểm tra) to a commune and what it looked at."""

    commune = _commune("inspections")
    level = models.CharField(_("team"), max_length=16, choices=InspectionLevel.choices)
    decision_no = models.CharField(_("decision setting up the team"), max_length=60, blank=True)
    subject = models.CharField(
        _("what was inspected"), max_length=16, choices=InspectionSubject.choices
    )
    project = models.ForeignKey(
        ProductionProject,
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
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["commune", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=InspectionLevel.values), name="inspection_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(subject__in=InspectionSubject.values), name="inspection_subject_valid"
            ),
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
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="finding_severity_valid"
            ),
            models.CheckConstraint(
                condition=(Q(state=FindingState.OPEN) & Q(closed_on__isnull=True))
                | (Q(state=FindingState.CLOSED) & Q(closed_on__isnull=False)),
                name="finding_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(models.Model):
    """What was done about a finding's recommendation; the last one may close it."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    done_on = models.DateField(_("date"))
    action = models.TextField(_("action taken"))
    closes = models.BooleanField(_("the recommendation is carried out"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

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
            models.CheckConstraint(
                condition=Q(rating__in=CollaboratorRating.values), name="assessment_rating_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collaborator}: {self.get_rating_display()}"


# --- periodic reports ----------------------------------------------------------------------


class ReportTemplate(models.Model):
    """A report form the managing office defines: its period and its ordered fields."""

    office = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("managing office"),
        on_delete=models.PROTECT,
        related_name="group_report_templates",
    )
    name = models.CharField(_("template name"), max_length=200)
    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices)
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="template_name_per_office"),
            models.CheckConstraint(
                condition=Q(period_kind__in=PeriodKind.values), name="template_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TemplateField(models.Model):
    """One line of a template: a measure computed from the data, or a text typed in."""

    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="fields"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    measure = models.CharField(_("measure"), max_length=40, blank=True)
    label = models.CharField(_("label"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("template field")
        verbose_name_plural = _("template fields")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="field_position_unique"),
            models.CheckConstraint(
                condition=~Q(measure="") | ~Q(label=""), name="field_measure_or_label"
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.measure

    @property
    def is_text(self) -> bool:
        return not self.measure


class PeriodicReport(models.Model):
    """A unit's report for one period in a template: computed lines and typed texts."""

    template = models.ForeignKey(
        ReportTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("period starts"))
    texts = models.JSONField(_("texts"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "unit", "period_start"], name="one_report_per_unit_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} · {self.unit}"


# --- communication work --------------------------------------------------------------------


class OutreachActivity(models.Model):
    """A dissemination session on poverty-reduction policy and law (duty 6)."""

    commune = _commune("outreach_activities")
    village = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    topic = models.CharField(_("topic"), max_length=255)
    attendees = models.PositiveIntegerField(_("attendance"))
    presenter = models.ForeignKey(
        "collaborators.Collaborator",
        verbose_name=_("collaborator presenting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outreach_activities",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dissemination session")
        verbose_name_plural = _("dissemination sessions")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["commune", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="outreach_audience_valid"
            ),
            models.CheckConstraint(condition=Q(attendees__gt=0), name="outreach_attended"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.held_on:%d/%m/%Y})"


ALLOWED_PHOTOS = {".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG\r\n\x1a\n"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024


def photo_path(example: "GoodExample", filename: str) -> str:
    """A random name per commune: photo files are never guessable, only served by a view."""
    suffix = PurePath(filename).suffix.lower()
    return f"groups/examples/{example.commune_id}/{uuid.uuid4().hex}{suffix}"


class GoodExample(models.Model):
    """A household that escaped poverty or a good practice, told to encourage others."""

    commune = _commune("good_examples")
    kind = models.CharField(_("kind"), max_length=16, choices=ExampleKind.choices)
    title = models.CharField(_("title"), max_length=255)
    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    story = models.TextField(_("story"))
    photo = models.FileField(_("photo"), upload_to=photo_path, blank=True, max_length=255)
    consent_by = models.CharField(_("consent given by"), max_length=150, blank=True)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_on = models.DateField(_("recorded on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")
        ordering = ["-recorded_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ExampleKind.values), name="example_kind_valid"
            ),
            # No photo without the consent of the people in it.
            models.CheckConstraint(
                condition=Q(photo="") | (~Q(consent_by="") & Q(consent_on__isnull=False)),
                name="example_photo_has_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ResourceMobilisation(models.Model):
    """Resources an organisation or sponsor gives for poor households' production."""

    commune = _commune("mobilised_resources")
    sponsor = models.CharField(_("sponsor"), max_length=255)
    sponsor_kind = models.CharField(
        _("kind of sponsor"), max_length=20, choices=SponsorKind.choices
    )
    received_on = models.DateField(_("received on"))
    cash = models.BigIntegerField(_("cash (đồng)"), default=0)
    in_kind = models.CharField(_("in kind"), max_length=255, blank=True)
    in_kind_value = models.BigIntegerField(_("value in kind (đồng)"), default=0)
    project = models.ForeignKey(
        ProductionProject,
        verbose_name=_("for the project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mobilised_resources",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resources mobilised")
        verbose_name_plural = _("resources mobilised")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cash__gte=0) & Q(in_kind_value__gte=0), name="resource_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(cash__gt=0) | Q(in_kind_value__gt=0), name="resource_has_value"
            ),
            models.CheckConstraint(
                condition=Q(sponsor_kind__in=SponsorKind.values), name="resource_sponsor_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.sponsor

    @property
    def total(self) -> int:
        return self.cash + self.in_kind_value


class PolicyProposal(models.Model):
    """A proposal of a mechanism or a form of help, sent up with its answer (duty 6)."""

    commune = _commune("policy_proposals")
    title = models.CharField(_("proposal"), max_length=255)
    content = models.TextField(_("content"))
    proposed_on = models.DateField(_("proposed on"))
    addressed_to = models.CharField(_("sent to"), max_length=255)
    response = models.TextField(_("response"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy proposal")
        verbose_name_plural = _("policy proposals")
        ordering = ["-proposed_on", "-id"]

    def __str__(self) -> str:
        return self.title
