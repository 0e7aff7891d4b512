"""Requests for help and their follow-up, shocks that put a household at risk, and the
deadlines a province sets for the follow-up.

A request moves only through ``services.transition`` along ``workflow.WORKFLOW``; each
move is a ``RequestStep`` (who, when, from, to, note) and the request keeps an audit trail.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.core.models import Recorded, Versioned, choices_check
from giamngheo.core.workflow import WorkflowStep

from .catalogues import DEFAULT_DEADLINES, InformChannel, NeedKind, ShockKind


class RequestState(models.TextChoices):
    RECORDED = "recorded", _("Recorded, waiting for the commune officer")
    FORWARDED = "forwarded", _("Forwarded, waiting for the committee's answer")
    ACCEPTED = "accepted", _("Accepted, to be carried out")
    NOT_ACCEPTED = "not_accepted", _("Not accepted, household to be informed")
    CARRIED_OUT = "carried_out", _("Carried out, household to be informed")
    INFORMED = "informed", _("Household informed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (
    RequestState.RECORDED,
    RequestState.FORWARDED,
    RequestState.ACCEPTED,
    RequestState.NOT_ACCEPTED,
    RequestState.CARRIED_OUT,
)


class HelpRequest(Versioned):
    """Yêu cầu trợ giúp: what a household asked for, and the recommendation made of it."""

    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    commune = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The household's commune, kept so area scoping needs no join."),
    )
    need = models.CharField(_("kind of need"), max_length=20, choices=NeedKind.choices)
    statement = models.TextField(_("what the household said"))
    received_on = models.DateField(_("received on"), db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=RequestState.choices, default=RequestState.RECORDED
    )
    due_on = models.DateField(_("next step due by"), null=True, blank=True)

    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    days_to_answer = models.PositiveIntegerField(_("days to answer"), null=True, blank=True)
    action = models.TextField(_("action decided"), blank=True)
    responsible = models.CharField(_("who is responsible"), max_length=200, blank=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    carried_out_on = models.DateField(_("carried out on"), null=True, blank=True)
    result = models.TextField(_("what was done"), blank=True)
    informed_on = models.DateField(_("household informed on"), null=True, blank=True)
    informed_how = models.CharField(
        _("how the household was informed"),
        max_length=16,
        choices=InformChannel.choices,
        blank=True,
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "state", "due_on"]),
            models.Index(fields=["commune", "received_on"]),
        ]
        constraints = [
            choices_check("state", RequestState, "help_request_state_valid"),
            choices_check("need", NeedKind, "help_request_need_valid"),
            models.CheckConstraint(
                condition=~Q(state__in=["accepted", "carried_out"])
                | (Q(answered_on__isnull=False) & ~Q(action="")),
                name="help_request_accepted_has_action",
            ),
            models.CheckConstraint(
                condition=~Q(state="not_accepted")
                | (Q(answered_on__isnull=False) & ~Q(refusal_reason="")),
                name="help_request_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state="informed")
                | (Q(informed_on__isnull=False) & ~Q(informed_how="")),
                name="help_request_informed_has_date_and_way",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_need_display()} · {self.household.code}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class RequestStep(WorkflowStep):
    """One step of a request's follow-up, written by ``workflow.WORKFLOW``."""

    request = models.ForeignKey(
        HelpRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="steps"
    )

    class Meta(WorkflowStep.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["request", "at", "id"]


class ShockState(models.TextChoices):
    AT_RISK = "at_risk", _("Household at risk")
    APPLICATION_STARTED = "application", _("Inclusion application started")
    CLOSED = "closed", _("Closed without an application")


class Shock(Versioned, Recorded):
    """Rủi ro, biến cố: an event that may push a household into poverty (ad-hoc review)."""

    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="shocks",
    )
    commune = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of event"), max_length=20, choices=ShockKind.choices)
    occurred_on = models.DateField(_("happened on"), db_index=True)
    description = models.TextField(_("what happened"))
    estimated_loss = models.BigIntegerField(_("estimated loss (đồng)"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=ShockState.choices, default=ShockState.AT_RISK
    )
    closing_note = models.TextField(_("why closed"), blank=True)
    application = models.ForeignKey(
        "reviews.AdHocReview",
        verbose_name=_("inclusion application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shocks",
        help_text=_("The ad-hoc review this shock started."),
    )
    recorded_on = models.DateField(_("recorded on"), db_index=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shock")
        verbose_name_plural = _("shocks")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "state"]),
            models.Index(fields=["commune", "recorded_on"]),
        ]
        constraints = [
            choices_check("kind", ShockKind, "shock_kind_valid"),
            choices_check("state", ShockState, "shock_state_valid"),
            models.CheckConstraint(
                condition=Q(estimated_loss__isnull=True) | Q(estimated_loss__gte=0),
                name="shock_loss_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(state="closed") | ~Q(closing_note=""),
                name="shock_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state="application") | Q(application__isnull=False),
                name="shock_application_started_is_linked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.household.code}"


class DeadlinePolicy(models.Model):
    """The deadlines a province (or any unit) sets for the follow-up of requests.

    The policy of the nearest unit above a commune applies; without one, the defaults of
    ``catalogues.DEFAULT_DEADLINES``.
    """

    unit = models.OneToOneField(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    forward_days = models.PositiveSmallIntegerField(
        _("days for the commune officer to forward"), default=DEFAULT_DEADLINES.forward
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days for the committee to answer"), default=DEFAULT_DEADLINES.answer
    )
    carry_out_days = models.PositiveSmallIntegerField(
        _("days to carry out an accepted request"), default=DEFAULT_DEADLINES.carry_out
    )
    inform_days = models.PositiveSmallIntegerField(
        _("days to inform the household"), default=DEFAULT_DEADLINES.inform
    )
    legal_basis = models.CharField(
        _("set by"), max_length=200, help_text=_("The province's decision that sets them.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadlines")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.CheckConstraint(
                condition=Q(forward_days__gte=1)
                & Q(answer_days__gte=1)
                & Q(carry_out_days__gte=1)
                & Q(inform_days__gte=1),
                name="deadline_days_positive",
            )
        ]

    def __str__(self) -> str:
        return str(self.unit)
