"""The page pattern of groups, inspections, communication work and periodic reports: a
form posted, one service called, a refusal shown on the form with what was typed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from giamngheo.core.concurrency import EditConflict
from giamngheo.core.forms import add_service_errors


def submit(request, form, action, *, success: str, then, template="groups/form.html", **context):
    """Run ``action(cleaned_data)`` on a valid POST; show the form again on refusal."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = action(form.cleaned_data)
        except EditConflict as exc:
            context["conflict"] = True
            add_service_errors(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(then(obj) if callable(then) else then)
    return render(request, template, {"form": form, **context})
