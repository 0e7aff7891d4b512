"""Forms: they parse and keep what was typed; the rules live in services.

The field helpers and household choices here serve the inspections, communication and
periodic report forms too.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.filters import ListFilter, search_filter
from giamngheo.core.money import MoneyField
from giamngheo.core.search import fold
from giamngheo.core.widgets import FastSelect, date_field

from .catalogues import FundingSource, Programme, SupportKind
from .models import GroupState, ProductionProject, ProjectState, SelfManagedGroup


def text_field(label, required=True, rows=3, **kwargs):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def choice_field(label, queryset, required=True, **kwargs):
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
    commune = choice_field(_("Commune"), None)

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Group name"), max_length=200, help_text=_("The name the members chose.")
    )
    village = choice_field(_("Village"), None, required=False)
    formed_on = date_field(_("Formed on"))
    purpose = text_field(_("Purpose"), required=False)
    households = HouseholdChoices(
        label=_("Member households"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Poor and near-poor households of the commune."),
    )
    leader = HouseholdChoice(label=_("Leader (household)"), queryset=None, required=False)
    advisor = choice_field(_("Advising collaborator"), None, required=False)
    rules_summary = text_field(_("Operating rules (main points)"), required=False, rows=4)

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
    village = choice_field(_("Village"), None, required=False)
    purpose = text_field(_("Purpose"), required=False)
    leader = HouseholdChoice(label=_("Leader (household)"), queryset=None, required=False)
    advisor = choice_field(_("Advising collaborator"), None, required=False)
    rules_summary = text_field(_("Operating rules (main points)"), required=False, rows=4)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False)

    def __init__(self, *args, villages=None, members=None, collaborators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["leader"].queryset = members
        self.fields["advisor"].queryset = collaborators


class MemberForm(forms.Form):
    household = HouseholdChoice(label=_("Household"), queryset=None)
    joined_on = date_field(_("Joined on"))

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class LeaveForm(forms.Form):
    left_on = date_field(_("Left on"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ApproveRulesForm(forms.Form):
    decision_no = forms.CharField(
        label=_("Decision number"),
        max_length=60,
        help_text=_("Decision of the commune People's Committee, e.g. 45/QĐ-UBND."),
    )
    approved_on = date_field(_("Decision date"))


class DissolveForm(forms.Form):
    on = date_field(_("Dissolved on"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Project name"), max_length=255)
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    model_description = text_field(_("Livelihood model"), required=False)
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"), required=False)
    replicates = choice_field(_("Replicates the model of"), None, required=False)

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
    delivered_on = date_field(
        _("Delivered on"), required=False, help_text=_("Empty while only planned.")
    )

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class DeliverForm(forms.Form):
    delivered_on = date_field(_("Delivered on"))


class CommitmentForm(forms.Form):
    text = text_field(_("The group's commitment"), rows=4)
    signed_on = date_field(_("Signed on"))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=255)
    due_on = date_field(_("Due on"))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class MilestoneDoneForm(forms.Form):
    done_on = date_field(_("Done on"))


class ProjectStateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    results_note = text_field(_("Results"), required=False)


class GroupListFilter(ListFilter):
    """The group list's search box (``q``) and state (``trang_thai``)."""

    q = search_filter()
    trang_thai = django_filters.ChoiceFilter(field_name="state", choices=GroupState.choices)

    class Meta:
        model = SelfManagedGroup
        fields = []


class ProjectListFilter(ListFilter):
    """The project list's search box (``q``: the project's or its group's name) and state."""

    q = django_filters.CharFilter(method="name_or_group")
    trang_thai = django_filters.ChoiceFilter(field_name="state", choices=ProjectState.choices)

    class Meta:
        model = ProductionProject
        fields = []

    def name_or_group(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(group__search_text__contains=fold(value))
        )
