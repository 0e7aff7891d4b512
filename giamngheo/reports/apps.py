"""Cross-app figures: the official review reports (reports.md), the area dashboard and printed forms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "giamngheo.reports"
    label = "reports"
    verbose_name = _("Reports")
    nav_items = [("reports:index", _("Reports"))]
