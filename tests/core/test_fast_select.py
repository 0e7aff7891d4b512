"""FastSelect writes the options in Python: escaped like Django's own select, the chosen one
marked, safe labels left as they are."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from giamngheo.core.widgets import FastSelect


def test_options_are_escaped_and_the_chosen_value_selected():
    widget = FastSelect(
        choices=[("", gettext_lazy("All")), ("a&b", '<b>"x"</b>'), (3, mark_safe("<i>ok</i>"))]
    )
    html = widget.render("pick", "a&b", attrs={"id": "id_pick"})
    assert html.startswith('<select id="id_pick" name="pick">') and html.endswith("</select>")
    assert f'<option value="">{gettext_lazy("All")}</option>' in html
    assert '<option value="a&amp;b" selected>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</option>' in html
    assert '<option value="3"><i>ok</i></option>' in html
    assert html.count(" selected") == 1


def test_no_value_selects_the_empty_choice():
    html = FastSelect(choices=[("", "—"), ("1", "One")]).render("pick", None)
    assert '<option value="" selected>—</option>' in html
    assert '<option value="1">One</option>' in html
