"""vietnam-provinces 2026.9.0 declares Python >= 3.12; the Makefile installs it on 3.11.

These checks prove that its former-unit data and conversion functions work on the
interpreter running the suite. If a later release stops working on 3.11, this file fails
with that message instead of the loader failing somewhere less clear.
"""

import sys
from importlib.metadata import metadata, version

import pytest
import vietnam_provinces as vp

ON_311 = sys.version_info[:2] == (3, 11)


def test_the_pinned_release_is_installed():
    assert version("vietnam-provinces") == "2026.9.0"
    if ON_311:
        # The metadata still asks for 3.12: the Makefile's --ignore-requires-python is needed.
        assert ">=3.12" in metadata("vietnam-provinces")["Requires-Python"]


def test_former_units_and_conversion_tables_work_on_this_python():
    try:
        from vietnam_provinces import legacy
        from vietnam_provinces._bridges import (
            search_provinces_from_legacy,
            search_wards_from_legacy,
        )
    except (ImportError, SyntaxError, TypeError) as exc:  # pragma: no cover - the failure case
        pytest.fail(
            f"vietnam-provinces {vp.__version__} no longer imports on Python "
            f"{sys.version.split()[0]}: {exc!r}. Pin the last release that does in the Makefile."
        )
    assert len(list(legacy.Province.iter_all())) == 63
    assert len(list(legacy.District.iter_all())) == 696
    assert len(list(legacy.Ward.iter_all())) == 10051
    assert len(list(vp.Province.iter_all())) == 34
    assert len(list(vp.Ward.iter_all())) == 3321
    # Former Kon Tum (62) is part of Quảng Ngãi (51).
    [kon_tum] = search_provinces_from_legacy(code=62)
    assert int(kon_tum.province.code) == 51
    # Xã Đắk Rơ Ông (23417), Huyện Tu Mơ Rông, is now Xã Đăk Tờ Kan.
    [ward] = search_wards_from_legacy(code=23417)
    assert (int(ward.ward.code), ward.ward.name) == (23419, "Xã Đăk Tờ Kan")
    by_name = search_wards_from_legacy(name="dak ro ong")
    assert 23419 in {int(w.ward.code) for w in by_name}
