"""Forms of the periodic reports: a template, the report to open, the lines typed in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.periods import PeriodKind
from giamngheo.groups.forms import choice_field, text_field

from .measures import measure_choices


class TemplateForm(forms.Form):
    office = choice_field(_("Managing office"), None)
    name = forms.CharField(label=_("Template name"), max_length=200)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    measures = forms.MultipleChoiceField(
        label=_("Measures computed from the data"),
        choices=measure_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Listed in this order; the order can be changed afterwards."),
    )
    texts = text_field(
        _("Lines written by the reporting unit"),
        required=False,
        rows=4,
        help_text=_("One per line, e.g. Difficulties and proposals."),
    )

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices


class ReportOpenForm(forms.Form):
    unit = choice_field(_("Reporting unit"), None)
    period = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("e.g. 2026 (year), 2026-q2 (quarter) or 2026-05 (month)."),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReportTextsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        for line in lines:
            if line.is_text:
                self.fields[f"line_{line.field_id}"] = text_field(
                    line.label, required=False, rows=3
                )
                self.initial.setdefault(f"line_{line.field_id}", line.value)

    def texts(self) -> dict:
        return {
            name.removeprefix("line_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("line_")
        }
