"""The periodic report templates, their lines and the reports written in them, taken over from the groups app with their data.

The tables already exist under the groups app's names: the state operations below only
tell Django they are this app's models; the content types (and so the permissions and the
admin log that point at them) are relabelled; then the tables and any index are renamed
to this app's names, with Django's portable operations (SQLite and PostgreSQL).
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = [
    "historicalreporttemplate",
    "reporttemplate",
    "periodicreport",
    "historicaltemplatefield",
    "historicalperiodicreport",
    "templatefield",
]

# The models as they are after the move, on the tables the groups app created.
STATE = [
    migrations.CreateModel(
        name="HistoricalReportTemplate",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("name", models.CharField(max_length=200, verbose_name="template name")),
            (
                "period_kind",
                models.CharField(
                    choices=[("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
                    max_length=8,
                    verbose_name="period",
                ),
            ),
            ("is_active", models.BooleanField(default=True, verbose_name="in use")),
            ("history_id", models.AutoField(primary_key=True, serialize=False)),
            ("history_date", models.DateTimeField(db_index=True)),
            ("history_change_reason", models.TextField(null=True)),
            (
                "history_type",
                models.CharField(
                    choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                ),
            ),
            (
                "created_by",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="created by",
                ),
            ),
            (
                "history_user",
                models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
            (
                "office",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="managing office",
                ),
            ),
        ],
        options={
            "verbose_name": "historical report template",
            "verbose_name_plural": "historical report templates",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="ReportTemplate",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("name", models.CharField(max_length=200, verbose_name="template name")),
            (
                "period_kind",
                models.CharField(
                    choices=[("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
                    max_length=8,
                    verbose_name="period",
                ),
            ),
            ("is_active", models.BooleanField(default=True, verbose_name="in use")),
            (
                "created_by",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="created by",
                ),
            ),
            (
                "office",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="group_report_templates",
                    to="geo.unit",
                    verbose_name="managing office",
                ),
            ),
        ],
        options={
            "verbose_name": "report template",
            "verbose_name_plural": "report templates",
            "ordering": ["name"],
        },
    ),
    migrations.CreateModel(
        name="PeriodicReport",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("period_start", models.DateField(verbose_name="period starts")),
            ("texts", models.JSONField(blank=True, default=dict, verbose_name="texts")),
            ("version", models.PositiveIntegerField(default=1, editable=False)),
            (
                "unit",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="reporting unit",
                ),
            ),
            (
                "updated_by",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="updated by",
                ),
            ),
            (
                "template",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="reports",
                    to="reports.reporttemplate",
                    verbose_name="template",
                ),
            ),
        ],
        options={
            "verbose_name": "periodic report",
            "verbose_name_plural": "periodic reports",
            "ordering": ["-period_start"],
        },
    ),
    migrations.CreateModel(
        name="HistoricalTemplateField",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("position", models.PositiveSmallIntegerField(verbose_name="position")),
            ("measure", models.CharField(blank=True, max_length=40, verbose_name="measure")),
            ("label", models.CharField(blank=True, max_length=255, verbose_name="label")),
            ("history_id", models.AutoField(primary_key=True, serialize=False)),
            ("history_date", models.DateTimeField(db_index=True)),
            ("history_change_reason", models.TextField(null=True)),
            (
                "history_type",
                models.CharField(
                    choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                ),
            ),
            (
                "history_user",
                models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
            (
                "template",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="reports.reporttemplate",
                    verbose_name="template",
                ),
            ),
        ],
        options={
            "verbose_name": "historical template field",
            "verbose_name_plural": "historical template fields",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalPeriodicReport",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("period_start", models.DateField(verbose_name="period starts")),
            ("texts", models.JSONField(blank=True, default=dict, verbose_name="texts")),
            ("version", models.PositiveIntegerField(default=1, editable=False)),
            ("history_id", models.AutoField(primary_key=True, serialize=False)),
            ("history_date", models.DateTimeField(db_index=True)),
            ("history_change_reason", models.TextField(null=True)),
            (
                "history_type",
                models.CharField(
                    choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                ),
            ),
            (
                "history_user",
                models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
            (
                "unit",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="reporting unit",
                ),
            ),
            (
                "updated_by",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="updated by",
                ),
            ),
            (
                "template",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="reports.reporttemplate",
                    verbose_name="template",
                ),
            ),
        ],
        options={
            "verbose_name": "historical periodic report",
            "verbose_name_plural": "historical periodic reports",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="TemplateField",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("position", models.PositiveSmallIntegerField(verbose_name="position")),
            ("measure", models.CharField(blank=True, max_length=40, verbose_name="measure")),
            ("label", models.CharField(blank=True, max_length=255, verbose_name="label")),
            (
                "template",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="fields",
                    to="reports.reporttemplate",
                    verbose_name="template",
                ),
            ),
        ],
        options={
            "verbose_name": "template field",
            "verbose_name_plural": "template fields",
            "ordering": ["template", "position"],
        },
    ),
    migrations.AddConstraint(
        model_name="reporttemplate",
        constraint=models.UniqueConstraint(
            fields=("office", "name"), name="template_name_per_office"
        ),
    ),
    migrations.AddConstraint(
        model_name="reporttemplate",
        constraint=models.CheckConstraint(
            condition=models.Q(("period_kind__in", ["month", "quarter", "year"])),
            name="template_period_valid",
        ),
    ),
    migrations.AddConstraint(
        model_name="periodicreport",
        constraint=models.UniqueConstraint(
            fields=("template", "unit", "period_start"), name="one_report_per_unit_period"
        ),
    ),
    migrations.AddConstraint(
        model_name="templatefield",
        constraint=models.UniqueConstraint(
            fields=("template", "position"), name="field_position_unique"
        ),
    ),
    migrations.AddConstraint(
        model_name="templatefield",
        constraint=models.CheckConstraint(
            condition=models.Q(
                models.Q(("measure", ""), _negated=True),
                models.Q(("label", ""), _negated=True),
                _connector="OR",
            ),
            name="field_measure_or_label",
        ),
    ),
]


def rename_tables(apps, schema_editor, old="groups", new="reports"):
    """One rename per table (ALTER TABLE … RENAME TO …, the same on SQLite and PostgreSQL);
    rows, keys, constraints and indexes go with the table."""
    for model in MODELS:
        schema_editor.alter_db_table(None, f"{old}_{model}", f"{new}_{model}")


def restore_tables(apps, schema_editor):
    rename_tables(apps, schema_editor, old="reports", new="groups")


def relabel_content_types(apps, schema_editor, old="groups", new="reports"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not types.filter(app_label=new, model=model).exists():
            types.filter(app_label=old, model=model).update(app_label=new)


def restore_content_types(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="reports", new="groups")


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0002_former_units"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("groups", "0002_move_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # The tables are the groups app's, renamed: the state says what they are now.
        migrations.SeparateDatabaseAndState(
            state_operations=STATE,
            database_operations=[migrations.RunPython(rename_tables, restore_tables)],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
