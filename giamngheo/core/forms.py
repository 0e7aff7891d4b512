"""Form helpers: service errors on the form, and the one page helper that runs a service.

``form_page`` is how a view submits a form to a service: the service's ``ValidationError``
shows next to the fields (or at the top), an edit conflict (someone saved first) is
answered with 409 and keeps what was typed, success flashes a message and redirects.
``submit`` and ``done`` are its two halves, for a page that renders itself; ``run_action``
is the same for a button with no form (the refusal becomes a message).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .concurrency import EditConflict


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to its field, or at the top.

    Services raise errors keyed by their own argument names; a key the form does not have
    goes to the top of the form, so no message is lost.
    """
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def initial_from_post(data, form_class) -> dict:
    """What was typed before a search posted with the form, so it is still in the form
    afterwards (the form is shown again unbound: no errors for fields not filled in yet)."""
    initial = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            initial[name] = data.getlist(name)
        elif name in data:
            initial[name] = data.get(name)
    return initial


def ticked_field(label, choices) -> forms.MultipleChoiceField:
    """Boxes to tick, any number of them (none included)."""
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


def _resolve(value, result):
    return value(result) if callable(value) else value


@dataclass
class Submission:
    """What became of a posted form: ``done`` with the service's ``result``, or the status
    to show the form again with (409 when someone else saved first)."""

    done: bool = False
    result: Any = None
    status: int = 200

    @property
    def conflict(self) -> bool:
        return self.status == 409


def submit(
    request,
    form,
    call: Callable[[dict], Any],
    *,
    error_status: int = 200,
    show_errors: Callable[[Any, ValidationError], None] = add_service_errors,
    others=(),
) -> Submission:
    """Validate a posted ``form`` and call the service with its cleaned data.

    The service's ``ValidationError`` goes onto the form (``add_service_errors``, or
    ``show_errors`` for a page that shows some refusals its own way); an ``EditConflict``
    too, with the status 409. Nothing happens on a GET, nor for a form shown again unbound
    (a search posted with it). ``others`` (a formset, a second form) must be valid too.
    """
    if request.method != "POST" or not form.is_bound:
        return Submission()
    if not form.is_valid() or not all(other.is_valid() for other in others):
        return Submission(status=error_status)
    try:
        return Submission(done=True, result=call(form.cleaned_data))
    except EditConflict as exc:
        show_errors(form, exc)
        return Submission(status=409)
    except ValidationError as exc:
        show_errors(form, exc)
        return Submission(status=error_status)


def done(request, submission: Submission, *, success="", then) -> HttpResponse:
    """Flash ``success`` and redirect to ``then`` (either may be a function of the result)."""
    if message := _resolve(success, submission.result):
        messages.success(request, message)
    target = _resolve(then, submission.result)
    return target if isinstance(target, HttpResponse) else redirect(target)


def posted_form(request, form, call, *, success="", then, again, reload=None) -> HttpResponse:
    """A form posted from a record's page (it has no page of its own): on success flash
    ``success`` and go to ``then``; else ``again(status)`` renders the record's page with
    the form's errors (400, or 409 after an edit conflict, when ``reload`` is called first
    so the page shows what the other person saved)."""
    submission = submit(request, form, call, error_status=400)
    if submission.done:
        return done(request, submission, success=success, then=then)
    if submission.conflict and reload is not None:
        reload()
    return again(submission.status)


def form_page(
    request,
    form,
    template: str,
    context: dict | None = None,
    *,
    call: Callable[[dict], Any],
    success="",
    then,
    error_status: int = 200,
) -> HttpResponse:
    """The page of a form that calls one service: the one way views submit forms.

    ``call(cleaned_data)`` runs the service and returns what it made; ``success`` (text, or
    a function of that result) is flashed; ``then`` (a URL or URL name, or a function of
    the result giving one, or a response) is where to go next. Otherwise the page shows
    again with the service's errors next to the fields, with ``error_status``, or 409 and
    ``conflict`` true in the context when someone else saved the record first.
    """
    submission = submit(request, form, call, error_status=error_status)
    if submission.done:
        return done(request, submission, success=success, then=then)
    context = {**(context or {}), "form": form, "conflict": submission.conflict}
    return render(request, template, context, status=submission.status)


def run_action(request, call: Callable[[], Any], *, success="", then, back=None) -> HttpResponse:
    """A button without a form: run the service, then flash ``success`` and go to ``then``
    (either may be a function of the result); a refusal is flashed and goes to ``back``
    (else ``then``)."""
    try:
        result = call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back or then)
    if message := _resolve(success, result):
        messages.success(request, message)
    return redirect(_resolve(then, result))


@dataclass(frozen=True)
class RecordPages:
    """The form pages about one kind of record (a group, a project, an inspection …) whose
    form fields are the service's arguments: one factory for the views, instead of a copy
    of the same page per form.

    ``load(request, pk)`` fetches the record, inside the user's area and with the
    capability checked (404 / 403); the service is called with the record as ``kwarg``,
    ``by`` the user and the form's data; ``detail(record)`` is where Cancel and a success go;
    ``context(record)`` what else the template shows.
    """

    load: Callable[[Any, int], Any]
    kwarg: str
    detail: Callable[[Any], str]
    template: str
    context: Callable[[Any], dict] | None = None

    def form_view(
        self, form_class, service, *, title, success, initial=None, form_args=None, anchor=""
    ):
        """A view of one form: ``title`` a function of the record; ``initial(record)`` and
        ``form_args(request, record)`` what the form is built with; ``anchor`` (or a function
        of the record giving it) the part of the record's page a success lands on."""

        @login_required
        @require_http_methods(["GET", "POST"])
        def view(request, pk):
            record = self.load(request, pk)
            extra = form_args(request, record) if form_args else {}
            form = form_class(
                request.POST or None, initial=initial(record) if initial else None, **extra
            )

            def call(data):
                return service(**{self.kwarg: record}, by=request.user, **data)

            back = self.detail(record)
            context = {"title": title(record), "back": back}
            context.update(self.context(record) if self.context else {})
            return form_page(
                request,
                form,
                self.template,
                context,
                call=call,
                success=success,
                then=back + _resolve(anchor, record),
            )

        return view
