"""The engine is pure Python: usable from scripts, notebooks and batch jobs."""

import ast
import subprocess
import sys
from pathlib import Path

import giamngheo.poverty

PACKAGE = Path(giamngheo.poverty.__file__).parent
ROOT = PACKAGE.parent.parent


def test_importing_the_engine_does_not_import_django():
    code = (
        "import sys; import giamngheo.poverty; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "print(','.join(bad))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
        check=True,
    )
    assert done.stdout.strip() == ""


def test_no_engine_module_mentions_django_in_its_imports():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] != "django", f"{path.name} imports {name}"
