"""Cross-app figures: the official review reports (reports.md), the area dashboard and printed forms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class ReportsConfig(AppConfig):
    name = "giamngheo.reports"
    label = "reports"
    verbose_name = _("Reports")
    capabilities = [
        # "Report to the office in a template the office provides" (duty 4).
        Capability("define_reports", {Role.MANAGING_OFFICE}, _("define report templates")),
        Capability(
            "fill_reports",
            {Role.COMMUNE_OFFICER, Role.COLLABORATOR, Role.MANAGING_OFFICE},
            _("write periodic reports"),
        ),
    ]
    nav_items = [("reports:index", _("Reports"))]
