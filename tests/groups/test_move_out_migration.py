"""The migrations that moved inspections, communication work and the periodic reports out of
the groups app keep every row, its history, the links between the moved tables and the
permissions granted on them. Data is written under the old layout (groups 0001, the new
apps unapplied), then the database is migrated forward and read with today's models."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from giamngheo.groups.models import ProductionProject
from giamngheo.inspections.models import Finding, Inspection
from giamngheo.outreach.models import GoodExample, ResourceMobilisation
from giamngheo.reports.models import PeriodicReport, ReportTemplate

pytestmark = pytest.mark.django_db(transaction=True)

D = datetime.date
OLD = [("groups", "0001_initial"), ("inspections", None), ("outreach", None), ("reports", None)]
MOVED_TABLES = {
    "inspections": ["inspection", "finding", "followup", "teammember", "historicalinspection"],
    "outreach": ["goodexample", "resourcemobilisation", "historicalgoodexample"],
    "reports": ["reporttemplate", "templatefield", "periodicreport", "historicalperiodicreport"],
}


NEW_APPS = {"inspections", "outreach", "reports"}


def _migrate(targets):
    """Migrate to ``targets``; the models as they are there (every other app at its last)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    graph = executor.loader.graph
    nodes = [n for n in graph.leaf_nodes() if n[0] not in NEW_APPS | {"groups"}]
    nodes += [t for t in targets if t[1] is not None]
    return executor.loader.project_state(nodes).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _write_old_layout(apps):
    """One record of each kind, through the models as they were in groups 0001."""
    model = lambda name: apps.get_model("groups", name)  # noqa: E731
    units = apps.get_model("geo", "Unit").objects
    commune, province = units.get(code="23473"), units.get(code="51")
    user = apps.get_model("accounts", "User").objects.get(username="canbo.mangden")
    group = model("SelfManagedGroup").objects.create(
        commune=commune, name="Nhóm cũ", formed_on=D(2026, 1, 5)
    )
    project = model("ProductionProject").objects.create(
        group=group, name="Dự án cũ", programme="poverty_ntp", starts_on=D(2026, 2, 1)
    )
    inspection = model("Inspection").objects.create(
        commune=commune, level="commune", subject="support", project=project,
        held_on=D(2026, 3, 3), decision_no="7/QĐ-CŨ", recorded_by=user,
    )  # fmt: skip
    model("HistoricalInspection").objects.create(
        id=inspection.pk, commune=commune, level="commune", subject="support",
        project=project, held_on=D(2026, 3, 3), decision_no="7/QĐ-CŨ", recorded_by=user,
        history_date=datetime.datetime(2026, 3, 3, tzinfo=datetime.UTC), history_type="+",
        history_change_reason="Ghi từ trước khi tách",
    )  # fmt: skip
    model("TeamMember").objects.create(inspection=inspection, full_name="Trưởng đoàn", is_lead=True)
    finding = model("Finding").objects.create(
        inspection=inspection, severity="note", text="Phát hiện cũ", recommendation="Sửa",
        responsible="Xã",
    )  # fmt: skip
    model("FollowUp").objects.create(finding=finding, done_on=D(2026, 3, 9), action="Đã sửa",
                                     recorded_by=user)  # fmt: skip
    model("GoodExample").objects.create(
        commune=commune, kind="practice", title="Gương cũ", story="Chuyện", recorded_by=user,
        recorded_on=D(2026, 3, 1), photo="groups/examples/1/abc.png", consent_by="Chủ hộ",
        consent_on=D(2026, 3, 1),
    )  # fmt: skip
    model("ResourceMobilisation").objects.create(
        commune=commune, sponsor="Nhà tài trợ cũ", sponsor_kind="enterprise",
        received_on=D(2026, 3, 2), cash=1_000_000, project=project, recorded_by=user,
    )  # fmt: skip
    template = model("ReportTemplate").objects.create(
        office=province, name="Mẫu cũ", period_kind="quarter", created_by=user
    )
    field = model("TemplateField").objects.create(template=template, position=1, label="Khó khăn")
    model("PeriodicReport").objects.create(
        template=template, unit=commune, period_start=D(2026, 1, 1),
        texts={str(field.pk): "Thiếu vốn"}, updated_by=user,
    )  # fmt: skip
    return inspection.pk, finding.pk, project.pk, field.pk


def _grant_old_permission(apps, username):
    """A permission on an old model, granted the way an administrator would."""
    content_type = apps.get_model("contenttypes", "ContentType").objects.get(
        app_label="groups", model="inspection"
    )
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type=content_type, codename="change_inspection"
    )
    apps.get_model("accounts", "User").objects.get(username=username).user_permissions.add(
        permission
    )


def test_the_moved_tables_keep_their_rows_links_history_and_permissions(demo):
    latest = _latest()
    try:
        old_apps = _migrate(OLD)
        tables = connection.introspection.table_names()
        assert "groups_inspection" in tables and "inspections_inspection" not in tables
        inspection_pk, finding_pk, project_pk, field_pk = _write_old_layout(old_apps)
        _grant_old_permission(old_apps, "canbo.mangden")
        _migrate(latest)
    finally:
        _migrate(latest)

    tables = connection.introspection.table_names()
    for app, models in MOVED_TABLES.items():
        for name in models:
            assert f"{app}_{name}" in tables and f"groups_{name}" not in tables
    inspection = Inspection.objects.get(pk=inspection_pk)
    assert inspection.decision_no == "7/QĐ-CŨ"
    assert inspection.project == ProductionProject.objects.get(pk=project_pk)
    assert [m.full_name for m in inspection.team.all()] == ["Trưởng đoàn"]
    finding = Finding.objects.get(pk=finding_pk)
    assert finding.inspection_id == inspection_pk
    assert [f.action for f in finding.follow_ups.all()] == ["Đã sửa"]
    history = inspection.history.get()
    assert history.history_change_reason == "Ghi từ trước khi tách"
    example = GoodExample.objects.get(title="Gương cũ")
    assert example.photo.name == "groups/examples/1/abc.png"
    resource = ResourceMobilisation.objects.get(sponsor="Nhà tài trợ cũ")
    assert resource.project_id == project_pk and resource.total == 1_000_000
    report = PeriodicReport.objects.get(template__name="Mẫu cũ")
    assert report.texts == {str(field_pk): "Thiếu vốn"}
    assert ReportTemplate.objects.get(name="Mẫu cũ").fields.get().label == "Khó khăn"

    # The content types moved with the models: the permission granted before still holds.
    assert not ContentType.objects.filter(app_label="groups", model="inspection").exists()
    user = type(inspection.recorded_by).objects.get(username="canbo.mangden")
    assert user.has_perm("inspections.change_inspection")
    assert Permission.objects.filter(content_type__app_label="inspections").exists()
    # New rows still get their own ids on the renamed tables.
    again = Inspection.objects.create(
        commune=inspection.commune, level="commune", subject="review", held_on=D(2026, 4, 1),
        recorded_by=inspection.recorded_by,
    )  # fmt: skip
    assert again.pk > inspection_pk
