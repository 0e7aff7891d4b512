from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top layer: the home page, the main menu and the demo province.

    It may import every app; no app imports it (import-linter contracts in pyproject.toml).
    The label is ``site_pages`` so it can never collide with ``django.contrib.sites``.
    """

    name = "giamngheo.site"
    label = "site_pages"
    verbose_name = _("Site")
