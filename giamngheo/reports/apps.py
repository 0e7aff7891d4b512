"""Cross-app figures: the official review reports (reports.md), the area dashboard and printed forms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class ReportsConfig(AppConfig):
    name = "giamngheo.reports"
    label = "reports"
    verbose_name = _("Reports")
    capabilities = [
        # Whose home page the area dashboard is (issue 15). Collaborators and club officers
        # have homes of their own (their to-dos).
        Capability(
            "view_dashboard",
            {
                Role.PROVINCE_STAFF,
                Role.MANAGING_OFFICE,
                Role.COMMUNE_OFFICER,
                Role.COMMUNE_LEADER,
                Role.AUDITOR,
            },
            _("see the area dashboard"),
        ),
        # "Report to the office in a template the office provides" (duty 4).
        Capability("define_reports", {Role.MANAGING_OFFICE}, _("define report templates")),
        Capability(
            "fill_reports",
            {Role.COMMUNE_OFFICER, Role.COLLABORATOR, Role.MANAGING_OFFICE},
            _("write periodic reports"),
        ),
    ]
    nav_items = [("reports:index", _("Reports"))]

    def ready(self):
        from . import report_jobs  # noqa: F401 - registers the province reports with core.exports
