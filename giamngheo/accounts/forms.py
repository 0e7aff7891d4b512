import django_filters
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from giamngheo.core.filters import ListFilter
from giamngheo.core.widgets import FastSelect

from .models import PersonalDataRead, Role, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong user name or password. Both are case-sensitive."),
        "inactive": _("This account has been disabled."),
    }
    username = forms.CharField(
        label=_("User name"),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AccountForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 10 characters, not only digits; the person changes it after logging in."
        ),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=FastSelect)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, widget=FastSelect)
    valid_from = forms.DateField(label=_("Valid from"), required=False)
    valid_until = forms.DateField(label=_("Valid until"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AccountListFilter(ListFilter):
    """The account list's search box (``q``): part of the user name or the full name."""

    q = django_filters.CharFilter(method="name_contains")

    class Meta:
        model = User
        fields = []

    def name_contains(self, queryset, name, value):
        query = value.strip()
        if not query:
            return queryset
        return queryset.filter(username__icontains=query) | queryset.filter(
            full_name__icontains=query
        )


class ReadAuditFilter(ListFilter):
    """The read audit narrowed to one household (``ho``, its code)."""

    ho = django_filters.CharFilter(field_name="subject")

    class Meta:
        model = PersonalDataRead
        fields = []
