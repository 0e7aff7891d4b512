"""Refusal pages (403, 404, 500, CSRF failure): Vietnamese, phone-sized, saying why and the way back.

What the person typed is never lost to a refusal: a refused POST's values (all but secrets and
the CSRF token) are shown back on the page to copy, and the browser keeps a draft of the form
(``core/drafts.js``) that is filled back in when the person returns to the form.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

# Never shown back: secrets, and the token of the refused form.
_SECRET_PARTS = ("password", "mat_khau", "csrfmiddlewaretoken", "token", "secret")


def kept_values(request) -> list[tuple[str, str]]:
    """The refused POST's non-secret, non-empty values, in the order they were sent."""
    if request.method != "POST":
        return []
    kept = []
    for name, values in request.POST.lists():
        if any(part in name.lower() for part in _SECRET_PARTS):
            continue
        kept.extend((name, v) for v in values if v.strip())
    return kept


def _way_back(request) -> str:
    """The page the person came from when it is ours, so "Go back" leads somewhere safe."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _refusal(request, status, title, reason):
    context = {
        "status": status,
        "title": title,
        "reason": reason,
        "back": _way_back(request),
        "kept": kept_values(request),
    }
    return render(request, "refusal.html", context, status=status)


@requires_csrf_token
def permission_denied(request, exception):
    """403: our own refusals carry a sentence saying who may do this; otherwise a general one."""
    message = str(exception) if isinstance(exception, PermissionDenied) else ""
    reason = message or _("Your role does not allow this action here.")
    return _refusal(request, 403, _("You may not do this"), reason)


@requires_csrf_token
def page_not_found(request, exception):
    """404: never says whether the record exists elsewhere (another area's record looks absent)."""
    reason = _(
        "This page does not exist, or it belongs to an area outside yours. "
        "Check the address or go back."
    )
    return _refusal(request, 404, _("Page not found"), reason)


def csrf_failure(request, reason=""):
    """The form was sent from a page opened too long ago, or after signing out or in again."""
    text = _(
        "This form was open too long or your session ended, so it could not be accepted "
        "for your safety. Nothing was saved. What you typed is below and will be filled back "
        "in when you open the form again."
    )
    return _refusal(request, 403, _("The form could not be sent"), text)


def server_error(request):
    """500: rendered without the request's context, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))
