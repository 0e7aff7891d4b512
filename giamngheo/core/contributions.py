"""What apps contribute to shared pages, declared on their AppConfig and collected here.

Like ``nav_items``: an app lists dotted paths of functions under an attribute of its AppConfig
(``todo_providers``, ``report_addendum_providers`` …) and the page that shows them calls
``collected``, so a shared page never imports the apps that feed it, and adding an app never
means editing that page.
"""

from django.apps import apps
from django.utils.module_loading import import_string


def providers(attribute: str) -> list:
    """The functions every installed app declares under ``attribute``, in app order."""
    found = []
    for config in apps.get_app_configs():
        found.extend(import_string(path) for path in getattr(config, attribute, ()))
    return found


def collected(attribute: str, *args, **kwargs) -> list:
    """Every provider's items for these arguments, in one list."""
    items = []
    for provider in providers(attribute):
        items.extend(provider(*args, **kwargs))
    return items
