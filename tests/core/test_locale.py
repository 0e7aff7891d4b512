import datetime
import subprocess
import sys
from pathlib import Path

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


def test_every_message_of_the_vietnamese_catalogue_is_translated():
    po = (ROOT / "giamngheo/locale/vi/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    untranslated = []
    entries = po.split("\n\n")[1:]
    for entry in entries:
        if "#, fuzzy" in entry:
            untranslated.append(entry)
        lines = [line for line in entry.splitlines() if not line.startswith("#")]
        text = "\n".join(lines)
        if 'msgstr ""' in text and text.rstrip().endswith('msgstr ""'):
            untranslated.append(entry)
    assert not untranslated, "\n\n".join(untranslated[:5])


def test_compiled_catalogue_is_up_to_date():
    po = ROOT / "giamngheo/locale/vi/LC_MESSAGES/django.po"
    mo = ROOT / "giamngheo/locale/vi/LC_MESSAGES/django.mo"
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1, "run `make messages`"


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
