import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]


def _render(source, **context):
    return Template("{% load giamngheo %}" + source).render(Context(context))


def test_dates_read_dd_mm_yyyy_in_vietnamese():
    with translation.override("vi"):
        assert (
            _render("{{ d|date:'SHORT_DATE_FORMAT' }}", d=datetime.date(2026, 3, 5)) == "05/03/2026"
        )
        assert _render("{{ d|date }}", d=datetime.date(2026, 12, 20)) == "20/12/2026"


def test_dong_amounts_have_thousands_separators():
    with translation.override("vi"):
        assert _render("{{ a|dong }}", a=1500000) == "1.500.000 đ"
    with translation.override("en"):
        assert _render("{{ a|dong }}", a=2200000) == "2,200,000 đ"
    assert _render("{{ a|dong }}", a=None) == "—"


def test_vietnamese_date_input_is_accepted():
    from django import forms

    class F(forms.Form):
        d = forms.DateField()

    with translation.override("vi"):
        form = F({"d": "20/12/2026"})
        assert form.is_valid()
        assert form.cleaned_data["d"] == datetime.date(2026, 12, 20)


CATALOGUES = sorted((ROOT / "giamngheo").glob("*/locale/vi/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_a_vietnamese_catalogue():
    apps = {p.parents[3].name for p in CATALOGUES}
    assert {"core", "geo", "accounts"} <= apps


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_every_message_of_the_vietnamese_catalogue_is_translated(po):
    untranslated = []
    for entry in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        text = "\n".join(line for line in entry.splitlines() if not line.startswith("#"))
        if "#, fuzzy" in entry or text.rstrip().endswith('msgstr ""'):
            untranslated.append(entry)
    assert not untranslated, "\n\n".join(untranslated[:5])


def _po_messages(po):
    """(msgid, msgstr) of the simple entries of a .po file."""
    import json
    import re

    messages = []
    for entry in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        fields, current = {}, None
        for line in entry.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr|msgstr\[0\]|msgctxt) (".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = json.loads(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += json.loads(line)
        if "msgid" in fields and "msgstr" in fields and "msgctxt" not in fields:
            messages.append((fields["msgid"], fields["msgstr"]))
    return messages


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_compiled_catalogue_matches_the_po_file(po):
    import gettext

    with po.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = [m for m, t in _po_messages(po) if compiled.gettext(m) != t]
    assert not stale, f"run `make messages`; stale: {stale[:3]}"


def test_check_deploy_passes_with_production_settings():
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": "p" * 30 + "-production-secret-that-is-long-enough-xyz",
        "ALLOWED_HOSTS": "giamngheo.example.vn",
        "DATABASE_URL": "sqlite:////tmp/giamngheo-deploy-check.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
