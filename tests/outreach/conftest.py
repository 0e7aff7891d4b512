"""The groups' fixtures (Xã Măng Đen, its households, a group with its project): the
records here hang on them."""

from tests.groups.conftest import (  # noqa: F401
    active_group,
    collaborator,
    committed,
    eligible,
    leader,
    make_group,
    mangden,
    not_eligible,
    officer,
    project,
)
