"""Forms of communication work: they parse and keep what was typed; the rules live in
services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.money import MoneyField
from giamngheo.core.widgets import date_field
from giamngheo.groups.forms import HouseholdChoice, choice_field, text_field

from .catalogues import Audience, ExampleKind, SponsorKind


class OutreachForm(forms.Form):
    commune = choice_field(_("Commune"), None)
    village = choice_field(_("Village"), None, required=False)
    held_on = date_field(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=255)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    topic = forms.CharField(label=_("Topic"), max_length=255)
    attendees = forms.IntegerField(label=_("Attendance"), min_value=1)
    presenter = choice_field(_("Collaborator presenting"), None, required=False)

    def __init__(self, *args, communes=None, villages=None, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["village"].queryset = villages
        self.fields["presenter"].queryset = collaborators


class GoodExampleForm(forms.Form):
    commune = choice_field(_("Commune"), None)
    kind = forms.ChoiceField(label=_("Kind"), choices=ExampleKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    household = HouseholdChoice(label=_("Household"), queryset=None, required=False)
    story = text_field(_("Story"), rows=6)
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
    consent_on = date_field(_("Consent given on"), required=False)

    def __init__(self, *args, communes=None, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["household"].queryset = households


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ResourceForm(forms.Form):
    commune = choice_field(_("Commune"), None)
    sponsor = forms.CharField(label=_("Sponsor"), max_length=255)
    sponsor_kind = forms.ChoiceField(label=_("Kind of sponsor"), choices=SponsorKind.choices)
    received_on = date_field(_("Received on"))
    cash = MoneyField(label=_("Cash (đồng)"), required=False)
    in_kind = forms.CharField(label=_("In kind"), max_length=255, required=False)
    in_kind_value = MoneyField(label=_("Value in kind (đồng)"), required=False)
    project = choice_field(_("For the project"), None, required=False)

    def __init__(self, *args, communes=None, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["project"].queryset = projects


class ProposalForm(forms.Form):
    commune = choice_field(_("Commune"), None)
    title = forms.CharField(label=_("Proposal"), max_length=255)
    content = text_field(_("Content"), rows=4)
    proposed_on = date_field(_("Proposed on"))
    addressed_to = forms.CharField(label=_("Sent to"), max_length=255)

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
