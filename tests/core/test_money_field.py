"""The money field reads amounts as Vietnamese users type them and refuses what is ambiguous."""

import pytest
from django import forms
from django.utils import translation

from giamngheo.core.money import AmbiguousAmount, MoneyField, parse_money


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("30.000.000", 30_000_000),
        ("30000000", 30_000_000),
        ("30,000,000", 30_000_000),
        ("30 000 000", 30_000_000),
        ("1,5 triệu", 1_500_000),
        ("1.5tr", 1_500_000),
        ("1,25 Triệu", 1_250_000),
        ("500 nghìn", 500_000),
        ("500 ngàn", 500_000),
        ("500k", 500_000),
        ("2 tỷ", 2_000_000_000),
        ("1 triệu 500 nghìn", 1_500_000),
        ("30.000.000 đ", 30_000_000),
        ("30.000.000 đồng", 30_000_000),
        ("1.500", 1_500),
        ("0", 0),
        ("", None),
        ("  ", None),
    ],
)
def test_amounts_typed_the_vietnamese_way_are_read_as_meant(typed, amount):
    assert parse_money(typed) == amount


def test_decomposed_unicode_from_a_phone_keyboard_is_read():
    assert parse_money("2 ty\u0309") == 2_000_000_000  # "tỷ" as y + hook above


@pytest.mark.parametrize(
    "typed",
    [
        "1,5",
        "1.5",
        "1,500 triệu",
        "1.500,000",
        "30.00.000",
        "1tr5",
        "ba triệu",
        "12abc",
        "1,2345678 k",
    ],
)
def test_ambiguous_or_unreadable_amounts_are_refused(typed):
    with pytest.raises(AmbiguousAmount):
        parse_money(typed)


class LossForm(forms.Form):
    loss = MoneyField(label="Thiệt hại (đồng)", required=False)


def test_the_form_refuses_an_ambiguous_amount_with_an_example_in_vietnamese():
    with translation.override("vi"):
        form = LossForm({"loss": "1,5"})
        assert not form.is_valid()
        message = form.errors["loss"][0]
    assert "30.000.000" in message and "1,5 triệu" in message
    assert "Ví dụ" in message or "ví dụ" in message


def test_the_form_keeps_what_was_typed_when_refused_and_shows_a_saved_amount_grouped():
    with translation.override("vi"):
        refused = LossForm({"loss": "1,5"})
        refused.is_valid()
        assert 'value="1,5"' in str(refused["loss"])
        shown = LossForm(initial={"loss": 30_000_000})
        assert 'value="30.000.000"' in str(shown["loss"])
        accepted = LossForm({"loss": "30.000.000"})
        assert accepted.is_valid() and accepted.cleaned_data["loss"] == 30_000_000


def test_a_negative_amount_is_refused():
    form = LossForm({"loss": "-500"})
    assert not form.is_valid()


def test_years_render_plain_and_counts_group_only_when_asked():
    from django.template import Context, Template

    template = Template("{% load giamngheo %}{{ year }} {{ n|so }} {{ a|dong }}")
    with translation.override("vi"):
        assert template.render(Context({"year": 2026, "n": 12345, "a": 30_000_000})) == (
            "2026 12.345 30.000.000 đ"
        )


def test_an_amount_too_large_for_the_database_is_refused_on_the_form():
    class Form(forms.Form):
        amount = MoneyField()

    assert Form({"amount": "9223372036854775807"}).is_valid()
    with translation.override("vi"):
        form = Form({"amount": "75069139474850609029"})
        assert not form.is_valid() and form.errors["amount"]
