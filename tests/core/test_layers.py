"""The layers hold: no giamngheo import hides inside a function to dodge a cycle.

The layers themselves are import-linter contracts (pyproject.toml, run by ``make lint``); a
function-level import is invisible to a reader skimming the top of a module and is how cycles
used to be dodged, so it is refused here.
"""

import ast
from pathlib import Path

import giamngheo

PACKAGE = Path(giamngheo.__file__).parent

# Known function-level imports that another branch removes. INTEGRATOR: empty this once
# issue 14g (groups split) is merged; the test then keeps them from coming back.
ALLOWED: set[tuple[str, str]] = set()


def _function_level_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for parent in ast.walk(tree):
        if not isinstance(parent, ast.ClassDef | ast.Module):
            continue
        is_app_config = isinstance(parent, ast.ClassDef) and any(
            getattr(base, "id", getattr(base, "attr", "")) == "AppConfig" for base in parent.bases
        )
        for function in parent.body:
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            # AppConfig.ready is where Django wants signal receivers wired (apps not ready
            # before): the one legitimate place.
            if is_app_config and function.name == "ready":
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    module = node.module or ""
                    if node.level or module == "giamngheo" or module.startswith("giamngheo."):
                        yield function.name, node.lineno, "." * node.level + module
                elif isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.name.startswith("giamngheo"):
                            yield function.name, node.lineno, alias.name


def _scan():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        for function, line, module in _function_level_imports(path):
            if (relative, function) not in ALLOWED:
                found.append(f"giamngheo/{relative}:{line} {function}() imports {module}")
    return found


def test_no_giamngheo_import_inside_a_function():
    found = _scan()
    assert not found, "Import at module level (fix the layering if it cycles):\n" + "\n".join(found)


def test_the_scan_sees_function_level_imports(tmp_path):
    """The scan is not blind: relative and absolute imports in functions and methods are
    found, ready() of an AppConfig and module-level imports are not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from giamngheo.core import search\n"
        "def f():\n"
        "    from giamngheo.geo.models import Unit\n"
        "class A:\n"
        "    def m(self):\n"
        "        from .models import X\n"
        "        import giamngheo.poverty\n"
        "class Config(AppConfig):\n"
        "    def ready(self):\n"
        "        from . import signals\n"
    )
    found = list(_function_level_imports(sample))
    assert found == [
        ("f", 3, "giamngheo.geo.models"),
        ("m", 6, ".models"),
        ("m", 7, "giamngheo.poverty"),
    ]


def test_core_imports_no_other_app():
    """The bottom layer stands alone (also an import-linter contract; this says it in a test)."""
    offenders = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.startswith("giamngheo.") and not name.startswith("giamngheo.core"):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert not offenders, offenders
