"""The shared 54-group catalogue (core/ethnicity.py) that the roster and the register use."""

import pytest

from giamngheo.core.ethnicity import (
    ETHNIC_GROUPS,
    ETHNICITY_CHOICES,
    MINORITY_CODES,
    is_ethnic_minority,
    name_of,
)


def test_catalogue_has_54_groups_with_codes_01_to_54():
    assert [code for code, _name in ETHNIC_GROUPS] == [f"{i:02d}" for i in range(1, 55)]
    assert len({name for _code, name in ETHNIC_GROUPS}) == 54
    assert len(ETHNICITY_CHOICES) == 54


def test_kinh_is_code_01_and_the_only_majority_group():
    assert name_of("01").startswith("Kinh")
    assert not is_ethnic_minority("01")
    assert is_ethnic_minority("16")  # Xơ Đăng, the largest group of former Kon Tum
    assert len(MINORITY_CODES) == 53


def test_unknown_code_is_refused():
    with pytest.raises(ValueError):
        is_ethnic_minority("55")
