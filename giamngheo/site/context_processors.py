from django.apps import apps
from django.urls import NoReverseMatch, reverse

from giamngheo.accounts.capabilities import can_anywhere


def navigation(request):
    """Main-menu entries contributed by each app (``nav_items`` on its AppConfig).

    Apps own their menu entries, so adding an app never means editing the base layout. An
    entry is (url name, label) or (url name, label, capability needed somewhere).
    """
    user = getattr(request, "user", None)
    items = []
    for config in apps.get_app_configs():
        for url_name, label, *capability in getattr(config, "nav_items", ()):
            if capability and not (user and can_anywhere(user, capability[0])):
                continue
            try:
                items.append((reverse(url_name), label))
            except NoReverseMatch:
                continue
    return {"nav_items": items}
