from django import forms
from django.core.exceptions import ValidationError


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
