import datetime
import re
from decimal import Decimal, InvalidOperation

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.models import Role, User
from giamngheo.core.filters import ListFilter, search_filter
from giamngheo.core.widgets import DateInput

from .duties import Duty
from .models import Collaborator, Grade, MassOrganisation, Status
from .services import ROSTER_FIELDS, check_attachment


class MonthField(forms.CharField):
    """A month typed as 2026-03 (the browser's month picker) or 03/2026."""

    widget = forms.TextInput(attrs={"type": "month"})
    default_error_messages = {"invalid": _("Enter a month such as 03/2026.")}

    def to_python(self, value):
        value = (super().to_python(value) or "").strip()
        if not value:
            return None
        m = re.match(r"^(\d{4})-(\d{1,2})$", value) or re.match(r"^(\d{1,2})/(\d{4})$", value)
        if not m:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        a, b = m.groups()
        year, month = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
        if not 1 <= month <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.date(year, month, 1)

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return f"{value.year}-{value.month:02d}"
        return value


class CoefficientField(forms.CharField):
    """0,50 or 0.50: a coefficient is never large, so either mark is the decimal one."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    default_error_messages = {"invalid": _("Enter a coefficient such as 0,50.")}

    def to_python(self, value):
        value = (super().to_python(value) or "").strip().replace(",", ".")
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if not (Decimal("0") < number < Decimal("100")) or number.as_tuple().exponent < -2:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        return value


class CollaboratorForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False)

    class Meta:
        model = Collaborator
        fields = [f for f in ROSTER_FIELDS]
        widgets = {"date_of_birth": DateInput, "started_on": DateInput}

    def __init__(self, *args, communes, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["managing_office"].queryset = offices
        self.fields["user"].queryset = User.objects.filter(
            role_assignments__role=Role.COLLABORATOR,
            role_assignments__unit__in=communes,
        ).distinct()
        self.fields["user"].help_text = _("The collaborator's own login, so they see their work.")

    def validate_unique(self):
        # Uniqueness is the service's to check, with a message the office understands.
        pass

    def _post_clean(self):
        # The service validates and saves; the model's constraints stay as the last guard.
        pass


class _ContractTerms(forms.Form):
    """What a contract and its renewal both state; the number comes first on both forms."""

    field_order = ["number", "starts_on"]

    ends_on = forms.DateField(label=_("Until"), widget=DateInput)
    allowance_coefficient = CoefficientField(label=_("Allowance coefficient"))
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's position"), max_length=150, required=False)
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput)


class ContractForm(_ContractTerms):
    number = forms.CharField(label=_("Contract number"), max_length=50)
    starts_on = forms.DateField(label=_("From"), widget=DateInput)


class RenewalForm(_ContractTerms):
    number = forms.CharField(label=_("Number of the new contract"), max_length=50)


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Training"), max_length=255)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput)
    organiser = forms.CharField(label=_("Organiser"), max_length=255, required=False)


class SearchWithButton(forms.TextInput):
    """A search box with its own button that re-shows the form with the matches."""

    template_name = "collaborators/widgets/search.html"


class HouseholdPicker:
    """Households chosen by search: the field accepts any household of the commune, but
    only the matches of the search and those already chosen are shown as tick boxes."""

    def service_data(self) -> dict:
        """The cleaned values a service takes (the search box is not one of them)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "household_query"}

    def setup_households(self, queryset, shown):
        field = self.fields["households"]
        field.queryset = queryset.select_related("village")
        field.widget.choices = [(h.pk, str(h)) for h in shown]


def _household_fields():
    return {
        "household_query": forms.CharField(
            label=_("Find a household"),
            required=False,
            widget=SearchWithButton(
                attrs={"placeholder": _("Code or head's name"), "autocomplete": "off"}
            ),
        ),
        "households": forms.ModelMultipleChoiceField(
            label=_("Households concerned"),
            queryset=None,
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        ),
    }


class DutyRadio(forms.RadioSelect):
    """Choices as big buttons (the six duties, a grade, a decision): one tap on a phone."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "duty-choices", **(attrs or {})})


class AssignmentForm(HouseholdPicker, forms.Form):
    month = MonthField(label=_("Month"))
    duty = forms.ChoiceField(label=_("Duty"), choices=Duty.choices, widget=DutyRadio)
    description = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}))
    villages = forms.ModelMultipleChoiceField(
        label=_("Villages"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )
    household_query = _household_fields()["household_query"]
    households = _household_fields()["households"]
    target = forms.CharField(label=_("Target"), max_length=255, required=False)
    target_count = forms.IntegerField(
        label=_("Activities expected"), min_value=1, max_value=999, initial=1
    )
    due_on = forms.DateField(label=_("Due date"), widget=DateInput)

    def __init__(self, *args, villages, households, shown_households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = villages
        self.setup_households(households, shown_households)


class ActivityForm(HouseholdPicker, forms.Form):
    done_on = forms.DateField(label=_("Date"), widget=DateInput)
    duty = forms.ChoiceField(label=_("Duty"), choices=Duty.choices, widget=DutyRadio)
    assignment = forms.ModelChoiceField(
        label=_("For the task"),
        queryset=None,
        required=False,
        empty_label=_("— not for a task —"),
    )
    household_query = _household_fields()["household_query"]
    households = _household_fields()["households"]
    villages = forms.ModelMultipleChoiceField(
        label=_("Villages"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )
    description = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(
        label=_("Photo or attachment"),
        required=False,
        help_text=_("A photo (.jpg, .png) or a .pdf, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )

    def __init__(self, *args, villages, assignments, households, shown_households, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("done_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = villages
        self.setup_households(households, shown_households)
        self.fields["assignment"].queryset = assignments
        self.fields["assignment"].label_from_instance = lambda a: (
            f"{a.get_duty_display()}: {a.description[:60]}"
        )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            try:
                check_attachment(upload)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["attachment"]) from exc
        return upload

    def clean(self):
        data = super().clean()
        task = data.get("assignment")
        if task is not None and not data.get("duty"):
            data["duty"] = task.duty
        return data


class SubmitReportForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the office"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return for changes"))],
        widget=DutyRadio,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvaluationForm(forms.Form):
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices, widget=DutyRadio)
    comments = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Reason for changing the grade"), max_length=500, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CollaboratorListFilter(ListFilter):
    """The roster's filters: commune code, mass organisation, status."""

    q = search_filter()
    xa = django_filters.CharFilter(field_name="commune__code")
    to_chuc = django_filters.ChoiceFilter(
        field_name="organisation", choices=MassOrganisation.choices
    )
    trang_thai = django_filters.ChoiceFilter(field_name="status", choices=Status.choices)

    class Meta:
        model = Collaborator
        fields = []
