"""The managing office's periodic report templates (the collaborators' fourth duty:
"report in a template the office provides") and the reports units write in them.

A template lists measures computed from the data (``reports.measures``) and lines the
reporting unit types in; only the typed lines are stored, the figures never are.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.core.models import Versioned, choices_check
from giamngheo.core.periods import PeriodKind


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
            choices_check("period_kind", PeriodKind, "template_period_valid"),
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


class PeriodicReport(Versioned):
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
