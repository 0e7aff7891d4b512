from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "giamngheo.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    nav_items = [
        ("accounts:account_list", _("Accounts"), "manage_accounts"),
        ("accounts:read_audit", _("Personal data reads"), "view_read_audit"),
    ]
