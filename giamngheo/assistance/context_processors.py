from django.utils.functional import SimpleLazyObject

from .selectors import reminders_for


def reminders(request):
    """``reminders``: what the signed-in user must do next on requests for help.

    Lazy, so pages that do not show the reminders run no query for them.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"reminders": []}
    return {"reminders": SimpleLazyObject(lambda: reminders_for(user))}
