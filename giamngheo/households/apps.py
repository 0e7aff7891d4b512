from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class HouseholdsConfig(AppConfig):
    name = "giamngheo.households"
    label = "households"
    verbose_name = _("Household register")
    nav_items = [("households:household_list", _("Households"))]
    capabilities = [
        Capability(
            "edit_register",
            {Role.COMMUNE_OFFICER, Role.COLLABORATOR},
            _("change the household register"),
        ),
        # A household moving away or dissolving is a decision of the commune (reports 2, 3).
        Capability(
            "record_departure",
            {Role.COMMUNE_OFFICER},
            _("record that a household moved away or dissolved"),
        ),
    ]

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from django_tasks.signals import task_finished

        from giamngheo.geo.models import Unit

        from . import exports  # noqa: F401 - registers the register's export with core.exports
        from .selectors import units_changed
        from .tasks import record_failed_import

        task_finished.connect(record_failed_import, dispatch_uid="households.record_failed_import")
        # The register's filters list the area's units from the cache (selectors).
        post_save.connect(units_changed, sender=Unit, dispatch_uid="households.unit_saved")
        post_delete.connect(units_changed, sender=Unit, dispatch_uid="households.unit_deleted")
