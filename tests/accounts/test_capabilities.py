"""The capability registry: apps declare what each role may do; one ``require`` refuses."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404

from giamngheo.accounts import capabilities
from giamngheo.accounts.capabilities import can, holds, require, roots_where
from giamngheo.accounts.roles import Capability, Role
from giamngheo.assistance.models import HelpRequest

pytestmark = pytest.mark.django_db


def test_each_app_contributes_its_capabilities_through_its_appconfig():
    declared = {
        c.name: config.label
        for config in apps.get_app_configs()
        for c in getattr(config, "capabilities", ())
    }
    assert declared["edit_register"] == "households"
    assert declared["decide"] == "reviews"
    assert declared["manage_clubs"] == "clubs"
    assert capabilities.capability("decide").roles == {Role.COMMUNE_LEADER}


def test_an_undeclared_capability_is_a_configuration_error(demo):
    with pytest.raises(ImproperlyConfigured):
        can(demo.users["canbo.tumorong"], "fly_to_the_moon", demo.commune_a)


def test_one_capability_declared_twice_with_other_roles_is_refused(monkeypatch):
    config = apps.get_app_config("reports")
    monkeypatch.setattr(
        config, "capabilities", [Capability("edit_register", {Role.AUDITOR})], raising=False
    )
    capabilities._registry.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match="edit_register"):
            capabilities.capability("edit_register")
    finally:
        monkeypatch.undo()
        capabilities._registry.cache_clear()


def test_outside_the_area_the_record_does_not_exist_inside_without_the_role_it_is_forbidden(
    demo,
):
    record = HelpRequest.objects.filter(commune=demo.commune_a).first()
    with pytest.raises(Http404):
        require(demo.users["lanhdao.kontum"], "answer_requests", record)
    with pytest.raises(PermissionDenied) as refused:
        require(demo.users["canbo.tumorong"], "answer_requests", record)
    # The refusal names the roles that may, in the user's language.
    assert "Lãnh đạo UBND xã" in str(refused.value) or "leader" in str(refused.value)
    require(demo.users["lanhdao.tumorong"], "answer_requests", record)


def test_a_record_gives_its_unit_through_area_unit_commune_or_unit(demo):
    record = HelpRequest.objects.filter(commune=demo.commune_a).first()
    assert capabilities.unit_of(record) == demo.commune_a
    assert capabilities.unit_of(demo.commune_a) == demo.commune_a
    with pytest.raises(TypeError):
        capabilities.unit_of(object())


def test_without_a_record_the_question_is_whether_the_user_may_anywhere(demo):
    assert can(demo.users["canbo.tumorong"], "edit_register")
    assert not can(demo.users["lanhdao.tumorong"], "edit_register")
    with pytest.raises(PermissionDenied):
        require(demo.users["kiemtra.quangngai"], "edit_register")


def test_holding_a_role_is_not_the_superusers_blanket_access(demo, django_user_model):
    admin = django_user_model.objects.create_superuser("root14f", password="x" * 12)
    assert can(admin, "act_as_collaborator", demo.commune_a)
    assert not holds(admin, "act_as_collaborator", demo.commune_a)
    assert holds(demo.users["ctv.tumorong"], "act_as_collaborator", demo.commune_a)
    assert roots_where(admin, "view_citizen_id") is None
    assert roots_where(demo.users["ctv.tumorong"], "view_citizen_id") == ()
