from django import forms
from django.utils.translation import gettext_lazy as _

from .models import VILLAGE_KINDS, Area, Kind


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Village name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[(k, Kind(k).label) for k in VILLAGE_KINDS], initial=Kind.HAMLET
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False)


class CommuneAreaForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=Area.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500)


class VillageImportForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
