"""The OpenAPI description of a write, read from the page's own form: one definition of each
entry's fields, so the schema cannot drift from what the form accepts."""

from django import forms
from rest_framework import serializers

# Fields of a page that only serve the page (a search box), not the entry.
PAGE_ONLY = {"household_query"}


def _field_for(field: forms.Field) -> serializers.Field:
    common = {"required": field.required, "help_text": str(field.label or "")}
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return serializers.ListField(child=serializers.CharField(), **common)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(**common)
    if isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices:
            return serializers.ChoiceField(choices=choices, **common)
        return serializers.CharField(**common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(**common)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(min_value=field.min_value, **common)
    if isinstance(field, forms.FileField):
        return serializers.FileField(**common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**common)
    return serializers.CharField(**common)


def serializer_for_form(form_class, name: str, extra: serializers.Serializer | None = None):
    """A serializer class named ``name`` with the form's fields (and ``extra``'s)."""
    fields = {
        field_name: _field_for(field)
        for field_name, field in form_class.base_fields.items()
        if field_name not in PAGE_ONLY
    }
    if extra is not None:
        fields.update({k: v for k, v in extra.fields.items()})
    return type(name, (serializers.Serializer,), fields)
