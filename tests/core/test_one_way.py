"""One way to do each thing: workflow tables and role checks live in the shared modules.

A state machine is a ``core.workflow.Workflow``; who may do what is a capability declared on
an app's ``AppConfig`` and asked through ``accounts.capabilities``. This scan of the
application code fails when a new transition table (a dict named like ``*TRANSITIONS`` or
``*REFUSALS``) or a role check (comparing with a role, ``has_role``, ``roles_over``) appears
anywhere else, so a second dialect cannot creep back in.
"""

import ast
from pathlib import Path

import pytest

from giamngheo.accounts.roles import Role

PACKAGE = Path(__file__).resolve().parents[2] / "giamngheo"

# The shared modules: the only places allowed to hold role checks and transition tables.
SHARED = {
    "accounts/capabilities.py",
    "accounts/roles.py",
    "accounts/scoping.py",
    "core/workflow.py",
}

# Files still to move onto the shared modules: none since groups was split (issue 14). An
# entry goes when its file is migrated; the list must not grow.
PENDING: set[str] = set()

ROLE_VALUES = set(Role.values)
ROLE_FUNCTIONS = {"has_role", "roles_over", "user_roles", "_holds_any"}
TABLE_WORDS = ("TRANSITIONS", "REFUSALS")


def _is_role(node) -> bool:
    """``Role.X``, or a literal role value such as ``"commune_officer"``."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id == "Role" and node.attr.isupper()
    return isinstance(node, ast.Constant) and node.value in ROLE_VALUES


def _is_held_role(node) -> bool:
    """``assignment.role``: the role a user holds (a club officer's ``OfficerRole`` is not)."""
    return isinstance(node, ast.Attribute) and node.attr == "role"


def _is_other_role_kind(node) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id.endswith("Role")
        and node.value.id != "Role"
    )


def _target_names(node) -> list[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return [t.id for t in targets if isinstance(t, ast.Name)]


def offences(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_role(o) for o in operands) or (
                any(_is_held_role(o) for o in operands)
                and not any(_is_other_role_kind(o) for o in operands)
            ):
                found.append(f"line {node.lineno}: comparison with a role")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ROLE_FUNCTIONS:
                found.append(f"line {node.lineno}: {name}()")
        elif isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(
            node.value, ast.Dict | ast.DictComp
        ):
            for name in _target_names(node):
                if any(word in name.upper() for word in TABLE_WORDS):
                    found.append(f"line {node.lineno}: table {name}")
    return found


def application_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/migrations/" not in relative and relative not in SHARED:
            yield relative, path


def test_no_workflow_table_or_role_check_outside_the_shared_modules():
    found = {
        relative: problems
        for relative, path in application_files()
        if relative not in PENDING
        and (problems := offences(ast.parse(path.read_text(), filename=relative)))
    }
    assert found == {}, "use core.workflow / accounts.capabilities instead:\n" + "\n".join(
        f"{name}: {', '.join(problems)}" for name, problems in found.items()
    )


def test_the_pending_list_names_only_files_that_still_need_it():
    """An allow-list entry whose file is clean (or gone) is removed, so the list only shrinks."""
    stale = [
        relative
        for relative in PENDING
        if not (PACKAGE / relative).exists()
        or not offences(ast.parse((PACKAGE / relative).read_text()))
    ]
    assert stale == []


@pytest.mark.parametrize(
    "source",
    [
        "if Role.COLLABORATOR in roles: pass",
        "ok = assignment.role == 'managing_office'",
        "ok = any(a.role in RULES[rule] for a in assignments)",
        "ok = has_role(user, 'x')",
        "roles = roles_over(user, unit)",
        "STATE_TRANSITIONS = {'a': ('b', 'c')}",
        "_REFUSALS: dict = {'submit': 'no'}",
        "TRANSITIONS = {t.action: t for t in rows}",
    ],
)
def test_the_scan_recognises_each_dialect(source):
    assert offences(ast.parse(source))


@pytest.mark.parametrize(
    "source",
    [
        "capabilities = [Capability('x', {Role.COLLABORATOR}, 'y')]",
        "ok = officer.role == OfficerRole.CHAIR",
        "FLOW = Workflow([Transition('a', 'A', {'x'}, 'y', 'cap')], states=S, access=c)",
        "ok = can(user, 'manage_clubs', club)",
    ],
)
def test_the_scan_leaves_the_shared_way_alone(source):
    assert not offences(ast.parse(source))
