"""Forms of inspections: they parse and keep what was typed; the rules live in services."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.filters import ListFilter, search_filter
from giamngheo.core.widgets import date_field
from giamngheo.groups.forms import HouseholdChoice, choice_field, text_field

from .catalogues import CollaboratorRating, InspectionLevel, InspectionSubject, Severity
from .models import Inspection


class InspectionForm(forms.Form):
    commune = choice_field(_("Commune inspected"), None)
    level = forms.ChoiceField(label=_("Team"), choices=InspectionLevel.choices)
    decision_no = forms.CharField(
        label=_("Decision setting up the team"), max_length=60, required=False
    )
    held_on = date_field(_("Held on"))
    subject = forms.ChoiceField(label=_("What was inspected"), choices=InspectionSubject.choices)
    project = choice_field(_("Project"), None, required=False)
    collaborator = choice_field(_("Collaborator"), None, required=False)
    leader_name = forms.CharField(label=_("Team leader"), max_length=150)
    leader_position = forms.CharField(label=_("Leader's position"), max_length=200, required=False)
    scope = text_field(_("Scope and content"), required=False)
    conclusion = text_field(_("Conclusion"), required=False)

    def __init__(self, *args, communes=None, projects=None, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["project"].queryset = projects
        self.fields["collaborator"].queryset = collaborators


class TeamMemberForm(forms.Form):
    collaborator = choice_field(_("Collaborator"), None, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    position = forms.CharField(label=_("Position or organisation"), max_length=200, required=False)

    def __init__(self, *args, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collaborator"].queryset = collaborators


class FindingForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    text = text_field(_("Finding"))
    household = HouseholdChoice(label=_("Household concerned"), queryset=None, required=False)
    recommendation = text_field(_("Recommendation"))
    responsible = forms.CharField(label=_("Who must act"), max_length=200)
    due_on = date_field(_("To be done by"), required=False)

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class FollowUpForm(forms.Form):
    done_on = date_field(_("Date"))
    action = text_field(_("Action taken"), rows=2)
    closes = forms.BooleanField(label=_("The recommendation is carried out"), required=False)


class AssessmentForm(forms.Form):
    collaborator = choice_field(_("Collaborator"), None)
    rating = forms.ChoiceField(label=_("Rating"), choices=CollaboratorRating.choices)
    comments = text_field(_("Comments"))

    def __init__(self, *args, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collaborator"].queryset = collaborators


class InspectionListFilter(ListFilter):
    """The inspection list's search box (``q``) and what was inspected (``noi_dung``)."""

    q = search_filter()
    noi_dung = django_filters.ChoiceFilter(field_name="subject", choices=InspectionSubject.choices)

    class Meta:
        model = Inspection
        fields = []
