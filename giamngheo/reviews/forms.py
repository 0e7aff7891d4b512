import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.filters import ListFilter
from giamngheo.core.money import MoneyField
from giamngheo.core.widgets import DateInput, FastSelect
from giamngheo.households.forms import causes_field, needs_field
from giamngheo.poverty import standard_by_code

from .models import (
    AdHocReview,
    AdHocState,
    ApplicationKind,
    Channel,
    EntryReason,
    SupervisedStep,
    Verdict,
)
from .procedures import procedure_by_code


def _date(label, **kwargs):
    return forms.DateField(label=label, widget=DateInput, **kwargs)


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ApplicationForm(forms.Form):
    household_code = forms.CharField(label=_("Household code"), max_length=40)
    kind = forms.ChoiceField(
        label=_("Application"), choices=ApplicationKind.choices, widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(label=_("Received"), choices=Channel.choices, widget=FastSelect)
    applicant_name = forms.CharField(label=_("Applicant"), max_length=150)
    reason = forms.CharField(
        label=_("Reason for the request"), widget=forms.Textarea(attrs={"rows": 3})
    )
    received_on = _date(_("Received on"))


class SurveyEntryForm(VersionMixin):
    """Phiếu A (characteristics that stop the review) and phiếu B (score A or income, and
    the deprived indicators); choices follow the procedure and the standard of the review."""

    filled_on = _date(_("Date of the survey"))
    characteristics = forms.MultipleChoiceField(
        label=_("Screening form (phiếu A): characteristics found"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    score_a = forms.IntegerField(
        label=_("Score A from the survey form"), required=False, min_value=0
    )
    declared_income = MoneyField(label=_("Income per person per month (đồng)"), required=False)
    deprived_indicators = forms.MultipleChoiceField(
        label=_("Survey form (phiếu B): deprived indicators"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    causes = causes_field()
    needs = needs_field()

    def __init__(self, *args, procedure_code: str, standard_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        procedure = procedure_by_code(procedure_code)
        standard = standard_by_code(standard_code)
        self.fields["characteristics"].choices = [
            (i.code, i.text) for i in procedure.screening_items
        ]
        self.fields["characteristics"].help_text = procedure.screening_note
        self.fields["deprived_indicators"].choices = [(i.code, i.name) for i in standard.indicators]
        if standard.survey_scoring is None:
            del self.fields["score_a"]
            self.fields["declared_income"].help_text = _(
                "This standard has no survey-form scoring: the income decides."
            )
        else:
            self.fields["score_a"].help_text = _(
                "As computed on the paper form; or leave it empty and enter the income."
            )


class CheckForm(VersionMixin):
    meeting_held_on = _date(_("Village meeting held on"), required=False)
    present = forms.IntegerField(label=_("People present"), required=False, min_value=0)
    agreeing = forms.IntegerField(label=_("People agreeing"), required=False, min_value=0)
    posted_on = _date(_("Result posted from"), required=False)
    note = forms.CharField(
        label=_("Commune's check"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(VersionMixin):
    number = forms.CharField(label=_("Decision number"), max_length=64)
    signed_on = _date(_("Signed on"))
    signer_name = forms.CharField(
        label=_("Signed by (chair of the People's Committee)"), max_length=150
    )


class AnswerForm(VersionMixin):
    answer = forms.CharField(
        label=_("Written answer with the reason"), widget=forms.Textarea(attrs={"rows": 4})
    )


class MoveForm(VersionMixin):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Step supervised"), choices=SupervisedStep.choices, widget=FastSelect
    )
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Observations"), widget=forms.Textarea(attrs={"rows": 3}))
    noted_on = _date(_("Date"))


class AnnualCreateForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=None, widget=FastSelect)
    year = forms.IntegerField(label=_("Review year"), min_value=2016, max_value=2100)

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes


class AddEntryForm(forms.Form):
    household_code = forms.CharField(label=_("Household code"), max_length=40)
    reason = forms.ChoiceField(
        label=_("Why listed"),
        choices=[
            (EntryReason.APPLIED, EntryReason.APPLIED.label),
            (EntryReason.DETECTED, EntryReason.DETECTED.label),
        ],
        widget=FastSelect,
    )


class EntryChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, entry):
        return f"{entry.village.name} · {entry.household.code} · {entry.household.head_name}"


class MeetingForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=None, widget=FastSelect)
    held_on = _date(_("Held on"))
    chair = forms.CharField(label=_("Chaired by"), max_length=150)
    attendees = forms.CharField(
        label=_("Attendees"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Organisations and people present, as in the minutes."),
    )
    present = forms.IntegerField(label=_("People present"), min_value=1)
    agreeing = forms.IntegerField(label=_("People agreeing"), min_value=0)
    households = EntryChoice(
        label=_("Households discussed"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, villages, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["households"].queryset = entries


class PostForm(VersionMixin):
    posted_from = _date(_("Posted from"))
    places = forms.CharField(label=_("Places"), widget=forms.Textarea(attrs={"rows": 2}))


class EntrySelect(forms.ModelChoiceField):
    def label_from_instance(self, entry):
        return f"{entry.household.code} · {entry.household.head_name} ({entry.village.name})"


class ComplaintForm(forms.Form):
    entry = EntrySelect(label=_("Household concerned"), queryset=None, widget=FastSelect)
    received_on = _date(_("Received on"))
    complainant = forms.CharField(label=_("Complainant"), max_length=150)
    content = forms.CharField(label=_("Complaint"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries


class ComplaintAnswerForm(forms.Form):
    verification = forms.CharField(
        label=_("Verification (re-check)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
    answered_on = _date(_("Answered on"))


class ReportForm(VersionMixin):
    reported_on = _date(_("Reported on"))
    recipient = forms.CharField(label=_("Reported to"), max_length=200, required=False)


class AdHocListFilter(ListFilter):
    """The review list's filter. ``trang_thai`` was ``trang-thai`` (still accepted)."""

    aliases = {"trang-thai": "trang_thai"}
    trang_thai = django_filters.ChoiceFilter(field_name="state", choices=AdHocState.choices)

    class Meta:
        model = AdHocReview
        fields = []
