import html

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def _text(value) -> str:
    """``conditional_escape`` (same output: ``html.escape``) without its lazy-argument wrapper,
    whose cost per call adds up over hundreds of <option>s."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class FastSelect(forms.Select):
    """A select whose options are built in Python rather than one template include each.

    Django renders every <option> through a template; a filter bar with a hundred communes
    and the 54 ethnic groups then costs more than the database query behind the page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(value)} if value not in (None, "") else {""}
        options = []
        for option_value, label in self.choices:
            option_value = (
                "" if option_value is None else str(getattr(option_value, "value", option_value))
            )
            options.append(
                f'<option value="{_text(option_value)}"'
                f"{' selected' if option_value in selected else ''}>{_text(label)}</option>"
            )
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(options)}</select>")


class DateInput(forms.DateInput):
    """The phone's own date picker; it sends ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, required=True, **kwargs) -> forms.DateField:
    """A date field with the phone's date picker."""
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)
