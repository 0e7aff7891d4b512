"""Forms: they parse and keep what was typed; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.money import MoneyField
from giamngheo.core.widgets import FastSelect

from .catalogues import (
    Audience,
    CollaboratorRating,
    ExampleKind,
    FundingSource,
    InspectionLevel,
    InspectionSubject,
    Programme,
    Severity,
    SponsorKind,
    SupportKind,
)
from .measures import measure_choices
from .periods import PeriodKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def _text(label, required=True, rows=3, **kwargs):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def _choice(label, queryset, required=True, **kwargs):
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=required, widget=FastSelect, **kwargs
    )


class HouseholdChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.head_name or '—'} ({obj.get_status_display()})"


class HouseholdChoice(forms.ModelChoiceField):
    widget = FastSelect

    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.head_name or '—'} ({obj.get_status_display()})"


class CommuneForm(forms.Form):
    commune = _choice(_("Commune"), None)

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Group name"), max_length=200, help_text=_("The name the members chose.")
    )
    village = _choice(_("Village"), None, required=False)
    formed_on = _date(_("Formed on"))
    purpose = _text(_("Purpose"), required=False)
    households = HouseholdChoices(
        label=_("Member households"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Poor and near-poor households of the commune."),
    )
    leader = HouseholdChoice(label=_("Leader (household)"), queryset=None, required=False)
    advisor = _choice(_("Advising collaborator"), None, required=False)
    rules_summary = _text(_("Operating rules (main points)"), required=False, rows=4)

    def __init__(
        self, *args, villages=None, households=None, eligible=None, collaborators=None, **kwargs
    ):
        """``households`` are those of the commune, ``eligible`` those offered: a household
        whose status changed since the page was opened gets the service's explanation
        rather than a bare "not one of the available choices"."""
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["advisor"].queryset = collaborators
        for name in ("households", "leader"):
            field = self.fields[name]
            field.queryset = households
            offered = [(h.pk, field.label_from_instance(h)) for h in eligible]
            field.widget.choices = (
                offered if name == "households" else [("", "---------"), *offered]
            )


class GroupEditForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=200)
    village = _choice(_("Village"), None, required=False)
    purpose = _text(_("Purpose"), required=False)
    leader = HouseholdChoice(label=_("Leader (household)"), queryset=None, required=False)
    advisor = _choice(_("Advising collaborator"), None, required=False)
    rules_summary = _text(_("Operating rules (main points)"), required=False, rows=4)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False)

    def __init__(self, *args, villages=None, members=None, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["leader"].queryset = members
        self.fields["advisor"].queryset = collaborators


class MemberForm(forms.Form):
    household = HouseholdChoice(label=_("Household"), queryset=None)
    joined_on = _date(_("Joined on"))

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class LeaveForm(forms.Form):
    left_on = _date(_("Left on"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ApproveRulesForm(forms.Form):
    decision_no = forms.CharField(
        label=_("Decision number"),
        max_length=60,
        help_text=_("Decision of the commune People's Committee, e.g. 45/QĐ-UBND."),
    )
    approved_on = _date(_("Decision date"))


class DissolveForm(forms.Form):
    on = _date(_("Dissolved on"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Project name"), max_length=255)
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    model_description = _text(_("Livelihood model"), required=False)
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"), required=False)
    replicates = _choice(_("Replicates the model of"), None, required=False)

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replicates"].queryset = projects


class FundingForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=FundingSource.choices)
    amount = MoneyField(label=_("Amount (đồng)"), min_value=1)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class SupportForm(forms.Form):
    household = HouseholdChoice(label=_("Household"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of support"), choices=SupportKind.choices)
    description = forms.CharField(
        label=_("What"), max_length=255, help_text=_("e.g. 1 breeding cow, 50 kg maize seed.")
    )
    quantity = forms.DecimalField(label=_("Quantity"), required=False, min_value=0)
    unit_of_measure = forms.CharField(label=_("Unit"), max_length=30, required=False)
    value = MoneyField(label=_("Value (đồng)"))
    source = forms.ChoiceField(label=_("Paid from"), choices=FundingSource.choices)
    delivered_on = _date(
        _("Delivered on"), required=False, help_text=_("Empty while only planned.")
    )

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class DeliverForm(forms.Form):
    delivered_on = _date(_("Delivered on"))


class CommitmentForm(forms.Form):
    text = _text(_("The group's commitment"), rows=4)
    signed_on = _date(_("Signed on"))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=255)
    due_on = _date(_("Due on"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class MilestoneDoneForm(forms.Form):
    done_on = _date(_("Done on"))


class ProjectStateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    results_note = _text(_("Results"), required=False)


class InspectionForm(forms.Form):
    commune = _choice(_("Commune inspected"), None)
    level = forms.ChoiceField(label=_("Team"), choices=InspectionLevel.choices)
    decision_no = forms.CharField(
        label=_("Decision setting up the team"), max_length=60, required=False
    )
    held_on = _date(_("Held on"))
    subject = forms.ChoiceField(label=_("What was inspected"), choices=InspectionSubject.choices)
    project = _choice(_("Project"), None, required=False)
    collaborator = _choice(_("Collaborator"), None, required=False)
    leader_name = forms.CharField(label=_("Team leader"), max_length=150)
    leader_position = forms.CharField(label=_("Leader's position"), max_length=200, required=False)
    scope = _text(_("Scope and content"), required=False)
    conclusion = _text(_("Conclusion"), required=False)

    def __init__(self, *args, communes=None, projects=None, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["project"].queryset = projects
        self.fields["collaborator"].queryset = collaborators


class TeamMemberForm(forms.Form):
    collaborator = _choice(_("Collaborator"), None, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    position = forms.CharField(label=_("Position or organisation"), max_length=200, required=False)

    def __init__(self, *args, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collaborator"].queryset = collaborators


class FindingForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    text = _text(_("Finding"))
    household = HouseholdChoice(label=_("Household concerned"), queryset=None, required=False)
    recommendation = _text(_("Recommendation"))
    responsible = forms.CharField(label=_("Who must act"), max_length=200)
    due_on = _date(_("To be done by"), required=False)

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class FollowUpForm(forms.Form):
    done_on = _date(_("Date"))
    action = _text(_("Action taken"), rows=2)
    closes = forms.BooleanField(label=_("The recommendation is carried out"), required=False)


class AssessmentForm(forms.Form):
    collaborator = _choice(_("Collaborator"), None)
    rating = forms.ChoiceField(label=_("Rating"), choices=CollaboratorRating.choices)
    comments = _text(_("Comments"))

    def __init__(self, *args, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collaborator"].queryset = collaborators


class TemplateForm(forms.Form):
    office = _choice(_("Managing office"), None)
    name = forms.CharField(label=_("Template name"), max_length=200)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    measures = forms.MultipleChoiceField(
        label=_("Measures computed from the data"),
        choices=measure_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Listed in this order; the order can be changed afterwards."),
    )
    texts = _text(
        _("Lines written by the reporting unit"),
        required=False,
        rows=4,
        help_text=_("One per line, e.g. Difficulties and proposals."),
    )

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices


class ReportOpenForm(forms.Form):
    unit = _choice(_("Reporting unit"), None)
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
                self.fields[f"line_{line.field_id}"] = _text(line.label, required=False, rows=3)
                self.initial.setdefault(f"line_{line.field_id}", line.value)

    def texts(self) -> dict:
        return {
            name.removeprefix("line_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("line_")
        }


class OutreachForm(forms.Form):
    commune = _choice(_("Commune"), None)
    village = _choice(_("Village"), None, required=False)
    held_on = _date(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=255)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    topic = forms.CharField(label=_("Topic"), max_length=255)
    attendees = forms.IntegerField(label=_("Attendance"), min_value=1)
    presenter = _choice(_("Collaborator presenting"), None, required=False)

    def __init__(self, *args, communes=None, villages=None, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["village"].queryset = villages
        self.fields["presenter"].queryset = collaborators


class GoodExampleForm(forms.Form):
    commune = _choice(_("Commune"), None)
    kind = forms.ChoiceField(label=_("Kind"), choices=ExampleKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    household = HouseholdChoice(label=_("Household"), queryset=None, required=False)
    story = _text(_("Story"), rows=6)
    photo = forms.FileField(
        label=_("Photo (.jpg or .png, at most 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
    )
    consent_by = forms.CharField(
        label=_("Consent given by"),
        max_length=150,
        required=False,
        help_text=_("Who agreed to the photo being kept and shown."),
    )
    consent_on = _date(_("Consent given on"), required=False)

    def __init__(self, *args, communes=None, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["household"].queryset = households


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ResourceForm(forms.Form):
    commune = _choice(_("Commune"), None)
    sponsor = forms.CharField(label=_("Sponsor"), max_length=255)
    sponsor_kind = forms.ChoiceField(label=_("Kind of sponsor"), choices=SponsorKind.choices)
    received_on = _date(_("Received on"))
    cash = MoneyField(label=_("Cash (đồng)"), required=False)
    in_kind = forms.CharField(label=_("In kind"), max_length=255, required=False)
    in_kind_value = MoneyField(label=_("Value in kind (đồng)"), required=False)
    project = _choice(_("For the project"), None, required=False)

    def __init__(self, *args, communes=None, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["project"].queryset = projects


class ProposalForm(forms.Form):
    commune = _choice(_("Commune"), None)
    title = forms.CharField(label=_("Proposal"), max_length=255)
    content = _text(_("Content"), rows=4)
    proposed_on = _date(_("Proposed on"))
    addressed_to = forms.CharField(label=_("Sent to"), max_length=255)

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
