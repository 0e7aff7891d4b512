"""The commune list's filters: rural or urban (``khu_vuc``, formerly ``area``) and search."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_area_under_the_new_and_the_old_name_and_by_search(demo, login):
    client = login(demo.users["admin"])
    urban, rural = demo.commune_b.code, demo.commune_a.code

    def codes(query):
        page = client.get(reverse("geo:commune_list") + query)
        assert page.status_code == 200
        return {c.code for c in page.context["page"]}, page.context["area"]

    for param in ("khu_vuc", "area"):
        assert codes(f"?q={urban}&{param}=urban") == ({urban}, "urban")
        assert codes(f"?q={rural}&{param}=urban") == (set(), "urban")
    assert codes(f"?q={rural}&khu_vuc=rural") == ({rural}, "rural")
    # A value that is not an area is ignored, not an error.
    assert codes(f"?q={rural}&khu_vuc=nowhere") == ({rural}, "")
    export = client.get(reverse("geo:commune_export") + f"?q={rural}&area=urban")
    assert export.status_code == 200
