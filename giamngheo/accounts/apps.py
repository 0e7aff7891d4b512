from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .roles import Capability, Role


class AccountsConfig(AppConfig):
    name = "giamngheo.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    nav_items = [
        ("accounts:account_list", _("Accounts"), "manage_accounts"),
        ("accounts:read_audit", _("Personal data reads"), "view_read_audit"),
    ]
    # What each role may do is declared by the app that owns the action (``capabilities`` on
    # its AppConfig); ``accounts.capabilities`` collects them.
    capabilities = [
        Capability(
            "manage_accounts",
            {Role.PROVINCE_STAFF, Role.MANAGING_OFFICE},
            _("manage accounts and roles"),
        ),
        # Reading is implied by holding any role; the auditor reads only.
        Capability("view_audit", Role.values, _("read the history")),
        # Full citizen IDs: see personal_data.py for who needs them and why.
        Capability(
            "view_citizen_id",
            {Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER},
            _("see full citizen IDs"),
        ),
        Capability("view_read_audit", {Role.AUDITOR}, _("read who read personal data")),
    ]

    def ready(self):
        # Scopes cached by ``scoping`` are derived from role assignments and the unit tree.
        from django.db.models.signals import post_delete, post_save

        from giamngheo.geo.models import Unit
        from giamngheo.geo.signals import units_changed

        from .models import RoleAssignment
        from .scoping import scope_changed

        for model in (RoleAssignment, Unit):
            post_save.connect(scope_changed, sender=model, dispatch_uid=f"scope-{model.__name__}")
            post_delete.connect(
                scope_changed, sender=model, dispatch_uid=f"scope-d-{model.__name__}"
            )
        units_changed.connect(scope_changed, dispatch_uid="scope-units")
