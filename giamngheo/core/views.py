from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from giamngheo.accounts.selectors import home_summary

from .params import InvalidParameter


@login_required
def home(request):
    return render(request, "core/home.html", {"summary": home_summary(request.user)})


def bad_request(request, exception):
    """400 page; the message is shown only for our own refusals, never Django's internals."""
    message = str(exception) if isinstance(exception, InvalidParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)
