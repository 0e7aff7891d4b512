"""What every web process would otherwise do on its first requests, done once beforehand.

gunicorn loads the application in its master process and forks the workers from it
(``preload_app``, deploy/gunicorn.conf.py), so whatever the master has compiled the workers
share: every template, the URL tables, the translation catalogues. A fresh process's first
page takes 0.4–0.8 s more than the next ones (bench/bench_pages.py, "first"; not measured
apart under gunicorn), which each worker would otherwise pay, again after every
``max_requests`` recycle.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


def _template_names(dirs) -> set[str]:
    names = set()
    for folder in dirs:
        root = Path(folder)
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in {".html", ".txt", ".xml", ".js"}:
                names.add(path.relative_to(root).as_posix())
    return names


def warm() -> dict[str, int]:
    """Compile every template, build the URL tables, load every language's catalogues."""
    compiled = 0
    for engine in engines.all():
        dirs = [*getattr(engine, "dirs", []), *get_app_template_dirs("templates")]
        for name in sorted(_template_names(dirs)):
            try:
                engine.get_template(name)
                compiled += 1
            except (TemplateSyntaxError, UnicodeDecodeError, LookupError) as error:
                logger.warning("template %s not compiled ahead: %s", name, error)
    get_resolver().reverse_dict  # noqa: B018 - populated on first access
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
    return {"templates": compiled}
