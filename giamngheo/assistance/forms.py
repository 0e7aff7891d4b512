import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.audit import today
from giamngheo.core.filters import ListFilter, search_filter
from giamngheo.core.money import MoneyField
from giamngheo.core.widgets import DateInput, FastSelect
from giamngheo.households.models import Household

from .catalogues import InformChannel, NeedKind, ShockKind
from .models import OPEN_STATES, HelpRequest, RequestState, Shock, ShockState
from .selectors import overdue_requests


class BigChoices(forms.RadioSelect):
    """Choices as big buttons: one tap on a phone."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "big-choices", **(attrs or {})})


class HelpRequestForm(forms.Form):
    need = forms.ChoiceField(label=_("Kind of need"), choices=NeedKind.choices, widget=BigChoices)
    statement = forms.CharField(
        label=_("What the household said"), widget=forms.Textarea(attrs={"rows": 4})
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput, initial=today)


class ShockForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=ShockKind.choices, widget=BigChoices)
    occurred_on = forms.DateField(label=_("Happened on"), widget=DateInput, initial=today)
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4})
    )
    estimated_loss = MoneyField(label=_("Estimated loss (đồng)"), required=False)


class StepForm(forms.Form):
    """One step of the follow-up; the fields shown depend on the step."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Date"), widget=DateInput, initial=today)
    action_decided = forms.CharField(
        label=_("Action decided"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    responsible = forms.CharField(label=_("Who is responsible"), max_length=200, required=False)
    informed_how = forms.ChoiceField(
        label=_("How the household was informed"),
        choices=InformChannel.choices,
        widget=BigChoices,
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    NOTE_LABELS = {
        "forward": _("Note to the committee"),
        "decline": _("Reason for not accepting"),
        "carry_out": _("What was done"),
        "inform": _("Note"),
        "withdraw": _("Why it is withdrawn"),
    }
    FIELDS = {
        "forward": ("on", "note"),
        "accept": ("on", "action_decided", "responsible"),
        "decline": ("on", "note"),
        "carry_out": ("on", "note"),
        "inform": ("on", "informed_how", "note"),
        "withdraw": ("on", "note"),
    }

    def __init__(self, *args, action: str, **kwargs):
        kwargs.setdefault("prefix", action)
        super().__init__(*args, **kwargs)
        self.action = action
        keep = {"version", *self.FIELDS[action]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "note" in self.fields:
            self.fields["note"].label = self.NOTE_LABELS[action]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ApplicationForm(forms.Form):
    """The one button that starts the prefilled application; only the version travels."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class CloseShockForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Why no application is needed"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RequestListFilter(ListFilter):
    """The request list's filters; the search term comes from the posted search (core.search)."""

    q = search_filter("household__search_text", label=_("Household"))
    trang_thai = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[("open", _("Still open")), *RequestState.choices],
        empty_label=_("Any state"),
        widget=FastSelect,
        method="filter_state",
    )
    nhu_cau = django_filters.ChoiceFilter(
        label=_("Kind of need"),
        field_name="need",
        choices=NeedKind.choices,
        empty_label=_("Any kind of need"),
        widget=FastSelect,
    )
    xa = django_filters.CharFilter(field_name="commune__code")
    qua_han = django_filters.CharFilter(method="filter_overdue")

    class Meta:
        model = HelpRequest
        fields = []

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(state__in=OPEN_STATES)
        return queryset.filter(state=value)

    def filter_overdue(self, queryset, name, value):
        return overdue_requests(queryset) if value == "1" else queryset


class LikelyToEscapeFilter(ListFilter):
    """The likely-to-escape list narrowed to one commune (``xa``, its code)."""

    xa = django_filters.CharFilter(field_name="commune__code")

    class Meta:
        model = Household
        fields = []


class ShockListFilter(ListFilter):
    q = search_filter("household__search_text", label=_("Household"))
    trang_thai = django_filters.ChoiceFilter(
        label=_("State"),
        field_name="state",
        choices=ShockState.choices,
        empty_label=_("Any state"),
        widget=FastSelect,
    )

    class Meta:
        model = Shock
        fields = []


class SummaryForm(forms.Form):
    tu = forms.DateField(label=_("From"), widget=DateInput)
    den = forms.DateField(label=_("To"), widget=DateInput)
    xa = forms.ChoiceField(label=_("Commune"), required=False, widget=FastSelect)

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["xa"].choices = [("", _("All communes")), *[(c.code, c.name) for c in communes]]

    def clean(self):
        data = super().clean()
        if data.get("tu") and data.get("den") and data["tu"] > data["den"]:
            raise forms.ValidationError(_("The start of the period is after its end."))
        return data


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From 1 January of this year to today."""
    return today.replace(month=1, day=1), today
