from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


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
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option_value,
                    mark_safe(" selected") if option_value in selected else "",
                    label,
                )
            )
        return format_html(
            "<select{}>{}</select>", flatatt(final_attrs), mark_safe("".join(options))
        )
