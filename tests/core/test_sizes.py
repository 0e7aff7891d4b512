"""No application file over 700 lines and no function over 60 (developers' guide).

Migrations and demo data are generated or plain data and are left out; benchmarks live
outside the package. A long function is split into named steps, not cut anywhere.
"""

import ast
from pathlib import Path

import giamngheo

PACKAGE = Path(giamngheo.__file__).parent
MAX_FILE_LINES = 700
MAX_FUNCTION_LINES = 60


def _application_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts or path.name == "demo.py":
            continue
        yield path


def test_no_application_file_is_over_700_lines():
    long_files = {
        str(path.relative_to(PACKAGE)): lines
        for path in _application_modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    }
    assert long_files == {}


def test_no_function_is_over_60_lines():
    long_functions = {}
    for path in _application_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long_functions[f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"] = lines
    assert long_functions == {}
