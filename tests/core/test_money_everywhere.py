"""Every form of the project takes money through the money field.

Walks every module under ``giamngheo``, every form class defined there, and every field that
maps a money model field (an integer field whose verbose name says đồng): by a ModelForm's
model, or by a field of the same name in the app's models, or by a label in đồng.
"""

import importlib
import inspect
import pkgutil

from django import forms
from django.utils import translation

import giamngheo
from giamngheo.core.money import MoneyField, is_money, money_model_fields


def _project_modules():
    for info in pkgutil.walk_packages(giamngheo.__path__, "giamngheo."):
        if ".migrations" in info.name or info.name.endswith(("wsgi", "asgi")):
            continue
        yield importlib.import_module(info.name)


def _form_classes():
    seen = set()
    for module in _project_modules():
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, forms.BaseForm)
                and obj.__module__.startswith("giamngheo.")
                and obj not in seen
            ):
                seen.add(obj)
                yield obj


def _money_names_by_app():
    names = {}
    for field in money_model_fields():
        names.setdefault(field.model._meta.app_label, set()).add(field.name)
    return names


def _money_fields_of(form_class, money_names):
    meta_model = getattr(getattr(form_class, "_meta", None), "model", None)
    app = form_class.__module__.split(".")[1]
    for name, field in form_class.base_fields.items():
        with translation.override(None):
            label = str(field.label or "")
        mapped = (
            meta_model is not None
            and name in {f.name for f in meta_model._meta.get_fields() if is_money(f)}
        ) or name in money_names.get(app, set())
        if mapped or "đồng" in label:
            yield name, field


def test_the_money_model_fields_are_found_by_their_verbose_name():
    found = {f"{f.model.__name__}.{f.name}" for f in money_model_fields()}
    assert {
        "Household.income_per_capita",
        "Shock.estimated_loss",
        "Funding.amount",
        "Support.value",
        "ResourceMobilisation.cash",
        "AllowanceRate.amount",
    } <= found
    assert "Household.status_year" not in found


def test_every_money_field_of_every_form_is_the_money_field():
    money_names = _money_names_by_app()
    checked, wrong = [], []
    for form_class in _form_classes():
        for name, field in _money_fields_of(form_class, money_names):
            checked.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
            if not isinstance(field, MoneyField):
                wrong.append(f"{checked[-1]} is {type(field).__name__}")
    assert len(checked) >= 6, checked
    assert not wrong, wrong


def test_a_new_model_form_gets_the_money_field_without_declaring_it():
    from giamngheo.households.models import Household

    class NewForm(forms.ModelForm):
        class Meta:
            model = Household
            fields = ["income_per_capita"]

    field = NewForm.base_fields["income_per_capita"]
    assert isinstance(field, MoneyField)
    assert not NewForm({"income_per_capita": "-1"}).is_valid()
