"""Self-managed groups of poor and near-poor households and the production-support
projects they carry out, with the group's commitment and the support each household
receives (the collaborators' third duty).

Every record hangs on a commune, so area scoping is one lookup (``commune`` or
``group__commune``); figures such as "households that escaped poverty" are computed from
the register's status history, never typed in.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.core.models import Versioned, choices_check
from giamngheo.households.models import PovertyStatus

from .catalogues import FundingSource, Programme, SupportKind


def commune_field(related_name="+"):
    """The commune a record hangs on (groups, inspections and communication work)."""
    return models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name=related_name
    )


# --- self-managed groups -----------------------------------------------------------------


class GroupState(models.TextChoices):
    FORMING = "forming", _("Forming: rules awaiting approval")
    ACTIVE = "active", _("Active: rules approved")
    DISSOLVED = "dissolved", _("Dissolved")


class SelfManagedGroup(Versioned):
    """A community / group of households that manages itself (cộng đồng, nhóm hộ tự quản).

    Formed on a collaborator's advice to carry out a production-support project; the
    name is the group's own choice and its operating rules (quy chế) take effect when
    the commune People's Committee approves them by decision.
    """

    commune = commune_field("self_managed_groups")
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

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("self-managed group")
        verbose_name_plural = _("self-managed groups")
        ordering = ["commune__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="group_name_per_commune"),
            choices_check("state", GroupState, "group_state_valid"),
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


class ProductionProject(Versioned):
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
            choices_check("programme", Programme, "project_programme_valid"),
            choices_check("state", ProjectState, "project_state_valid"),
            models.CheckConstraint(
                condition=~Q(replicates=F("pk")), name="project_not_replicating_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def area_unit(self):
        """The commune the project's group hangs on: the unit capabilities are checked over."""
        return self.group.commune


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
            choices_check("source", FundingSource, "funding_source_valid"),
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
            choices_check("kind", SupportKind, "support_kind_valid"),
            choices_check("source", FundingSource, "support_source_valid"),
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
