import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.filters import ListFilter, search_filter

from .models import VILLAGE_KINDS, Area, Kind, Unit


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


class CommuneListFilter(ListFilter):
    """The commune list's filters. ``khu_vuc`` (rural or urban) was ``area``, still accepted."""

    aliases = {"area": "khu_vuc"}
    q = search_filter()
    khu_vuc = django_filters.ChoiceFilter(field_name="area", choices=Area.choices)

    class Meta:
        model = Unit
        fields = []
