from django.apps import apps
from django.urls import NoReverseMatch, reverse


def navigation(request):
    """Main-menu entries contributed by each app (``nav_items`` on its AppConfig).

    Apps own their menu entries, so adding an app never means editing the base layout.
    """
    items = []
    for config in apps.get_app_configs():
        for url_name, label in getattr(config, "nav_items", ()):
            try:
                items.append((reverse(url_name), label))
            except NoReverseMatch:
                continue
    return {"nav_items": items}
