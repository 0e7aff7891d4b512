import django_filters
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.scoping import get_scoped_or_404
from giamngheo.core.ethnicity import ETHNICITY_CHOICES
from giamngheo.core.filters import ListFilter, search_filter
from giamngheo.core.forms import ticked_field
from giamngheo.core.sex import Sex
from giamngheo.core.widgets import date_field
from giamngheo.geo.models import Unit

from .catalogues import ClubLevel, Frequency, Topic
from .models import Club, GoodPractice, MemberKind, OfficerRole


class ClubForm(forms.Form):
    name = forms.CharField(label=_("Club name"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=ClubLevel.choices)
    unit = forms.ModelChoiceField(label=_("Unit covered"), queryset=None)
    decision_no = forms.CharField(
        label=_("Founding decision number"),
        max_length=60,
        help_text=_("Decision of the People's Committee of the club's level, e.g. 125/QĐ-UBND."),
    )
    founded_on = date_field(_("Decision date"))
    frequency = forms.ChoiceField(label=_("Meetings"), choices=Frequency.choices)
    rules_reference = forms.CharField(
        label=_("Rules (quy chế) document"), max_length=200, required=False
    )
    rules_adopted_on = date_field(_("Rules adopted on"), required=False)
    rules_text = forms.CharField(
        label=_("Main points of the rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ClubEditForm(ClubForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)
    dissolved_on = date_field(_("Dissolved on"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["level"]
        del self.fields["unit"]


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    kind = forms.ChoiceField(label=_("Member type"), choices=MemberKind.choices)
    organisation = forms.CharField(
        label=_("Organisation or position"),
        max_length=200,
        required=False,
        help_text=_("e.g. Farmers' Union, commune officer, business, donor."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"), choices=[("", "—"), *ETHNICITY_CHOICES], required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    joined_on = date_field(_("Joined on"))

    def clean(self):
        """A person's sex and ethnicity are counted in the statistics of the force; an
        organisation has neither."""
        data = super().clean()
        if data.get("kind") == MemberKind.INDIVIDUAL:
            for name, message in (
                ("sex", _("Choose the member's sex.")),
                ("ethnicity", _("Choose the member's ethnicity.")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        else:
            data["sex"], data["ethnicity"] = "", ""
        return data


class LeaveForm(forms.Form):
    left_on = date_field(_("Left on"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class OfficerForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member elected"), queryset=None)
    role = forms.ChoiceField(label=_("Position"), choices=OfficerRole.choices)
    elected_on = date_field(_("Election date"))
    election_result = forms.CharField(
        label=_("Election result"), max_length=200, help_text=_("e.g. 18/20 votes in favour.")
    )
    term_ends_on = date_field(_("Term ends on"), required=False)
    replaces = forms.ModelChoiceField(
        label=_("Replaces"),
        queryset=None,
        required=False,
        help_text=_("Only when the club already has its chair or both vice-chairs."),
    )

    def __init__(self, *args, members=None, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["replaces"].queryset = officers


class EndTermForm(forms.Form):
    ended_on = date_field(_("Left office on"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class HostPlaceForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    name = forms.CharField(
        label=_("Or the name of the place"),
        max_length=200,
        required=False,
        help_text=_("For a village club: the self-managed group or household cluster."),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if not units.exists():
            del self.fields["unit"]
            self.fields["name"].label = _("Name of the place")
            self.fields["name"].required = True


class MeetingPlanForm(forms.Form):
    planned_on = date_field(_("Date"))
    host_place = forms.ModelChoiceField(
        label=_("Host"), queryset=None, help_text=_("Proposed: the place whose turn it is.")
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    topics = ticked_field(_("Topics"), Topic.choices)
    other_topics = forms.CharField(label=_("Other topics"), max_length=500, required=False)

    def __init__(self, *args, places=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_place"].queryset = places


class MeetingRecordForm(forms.Form):
    held_on = date_field(_("Held on"))
    present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Guests who came"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: full name – organisation or position."),
    )
    topics = ticked_field(_("Topics discussed"), Topic.choices)
    other_topics = forms.CharField(label=_("Other topics"), max_length=500, required=False)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members

    def clean_guests(self):
        """``Name – organisation`` lines (an ASCII hyphen works too) as pairs."""
        pairs = []
        for line in self.cleaned_data["guests"].splitlines():
            line = line.strip()
            if not line:
                continue
            for sep in (" – ", " - ", " — "):
                if sep in line:
                    name, org = line.split(sep, 1)
                    break
            else:
                name, org = line, ""
            pairs.append((name.strip(), org.strip()))
        return pairs


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=300)


class FollowUpForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.CharField(label=_("Owner"), max_length=150)
    due_on = date_field(_("Due on"), required=False)


class GoodPracticeForm(forms.Form):
    title = forms.CharField(label=_("Production model"), max_length=200)
    description = forms.CharField(
        label=_("What was done and the result"), widget=forms.Textarea(attrs={"rows": 4})
    )
    households = forms.IntegerField(label=_("Households taking part"), min_value=0, required=False)


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("Level"), choices=ClubLevel.choices)
    planned = forms.IntegerField(label=_("New clubs planned"), min_value=0, max_value=999)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ClubAreaFilter(ListFilter):
    """The unit the clubs' pages are narrowed to: ``don_vi``, the code of a unit inside the
    user's area (pass ``request``); any other code is not found (404)."""

    don_vi = django_filters.CharFilter(method="under_unit")

    class Meta:
        model = Club
        fields = []

    @cached_property
    def unit(self) -> Unit | None:
        code = self.value("don_vi")
        if not code:
            return None
        return get_scoped_or_404(Unit.objects.all(), self.request.user, None, code=code)

    def under_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=self.unit.path)


class ClubListFilter(ClubAreaFilter):
    """The club list's filters. ``cap`` (level) was ``level``, still accepted."""

    aliases = {"level": "cap"}
    q = search_filter()
    cap = django_filters.ChoiceFilter(field_name="level", choices=ClubLevel.choices)


class PracticeListFilter(ListFilter):
    """The good practices' search box (``q``)."""

    q = search_filter()

    class Meta:
        model = GoodPractice
        fields = []
