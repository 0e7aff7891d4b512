"""Communication work: dissemination sessions, good examples, resources mobilised, proposals, taken over from the groups app with their data.

The tables already exist under the groups app's names: the state operations below only
tell Django they are this app's models; the content types (and so the permissions and the
admin log that point at them) are relabelled; then the tables and any index are renamed
to this app's names, with Django's portable operations (SQLite and PostgreSQL).
"""

import django.db.models.deletion
import giamngheo.outreach.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = [
    "historicalgoodexample",
    "historicaloutreachactivity",
    "historicalpolicyproposal",
    "historicalresourcemobilisation",
    "policyproposal",
    "goodexample",
    "outreachactivity",
    "resourcemobilisation",
]

# The models as they are after the move, on the tables the groups app created.
STATE = [
    migrations.CreateModel(
        name="HistoricalGoodExample",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            (
                "kind",
                models.CharField(
                    choices=[
                        ("escaped", "Household that escaped poverty"),
                        ("practice", "Good practice"),
                    ],
                    max_length=16,
                    verbose_name="kind",
                ),
            ),
            ("title", models.CharField(max_length=255, verbose_name="title")),
            ("story", models.TextField(verbose_name="story")),
            ("photo", models.TextField(blank=True, max_length=255, verbose_name="photo")),
            (
                "consent_by",
                models.CharField(blank=True, max_length=150, verbose_name="consent given by"),
            ),
            (
                "consent_on",
                models.DateField(blank=True, null=True, verbose_name="consent given on"),
            ),
            ("recorded_on", models.DateField(verbose_name="recorded on")),
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
                "commune",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="commune",
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
                "household",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="households.household",
                    verbose_name="household",
                ),
            ),
            (
                "recorded_by",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="recorded by",
                ),
            ),
        ],
        options={
            "verbose_name": "historical good example",
            "verbose_name_plural": "historical good examples",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalOutreachActivity",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("held_on", models.DateField(verbose_name="date")),
            ("place", models.CharField(max_length=255, verbose_name="place")),
            (
                "audience",
                models.CharField(
                    choices=[
                        ("association", "Members of a mass organisation"),
                        ("village", "Village meeting"),
                        ("poor", "Poor and near-poor households"),
                        ("group", "A self-managed group"),
                        ("officers", "Village and association officers"),
                        ("public", "General public"),
                    ],
                    max_length=16,
                    verbose_name="audience",
                ),
            ),
            ("topic", models.CharField(max_length=255, verbose_name="topic")),
            ("attendees", models.PositiveIntegerField(verbose_name="attendance")),
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
                "commune",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="commune",
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
                "presenter",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="collaborators.collaborator",
                    verbose_name="collaborator presenting",
                ),
            ),
            (
                "recorded_by",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="recorded by",
                ),
            ),
            (
                "village",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="village",
                ),
            ),
        ],
        options={
            "verbose_name": "historical dissemination session",
            "verbose_name_plural": "historical dissemination sessions",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalPolicyProposal",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("title", models.CharField(max_length=255, verbose_name="proposal")),
            ("content", models.TextField(verbose_name="content")),
            ("proposed_on", models.DateField(verbose_name="proposed on")),
            ("addressed_to", models.CharField(max_length=255, verbose_name="sent to")),
            ("response", models.TextField(blank=True, verbose_name="response")),
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
                "commune",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="commune",
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
                "recorded_by",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="recorded by",
                ),
            ),
        ],
        options={
            "verbose_name": "historical policy proposal",
            "verbose_name_plural": "historical policy proposals",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalResourceMobilisation",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("sponsor", models.CharField(max_length=255, verbose_name="sponsor")),
            (
                "sponsor_kind",
                models.CharField(
                    choices=[
                        ("enterprise", "Enterprise"),
                        ("organisation", "Organisation or association"),
                        ("individual", "Individual sponsor"),
                        ("mass_organisation", "Mass organisation"),
                    ],
                    max_length=20,
                    verbose_name="kind of sponsor",
                ),
            ),
            ("received_on", models.DateField(verbose_name="received on")),
            ("cash", models.BigIntegerField(default=0, verbose_name="cash (đồng)")),
            ("in_kind", models.CharField(blank=True, max_length=255, verbose_name="in kind")),
            (
                "in_kind_value",
                models.BigIntegerField(default=0, verbose_name="value in kind (đồng)"),
            ),
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
                "commune",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="commune",
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
                "project",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="groups.productionproject",
                    verbose_name="for the project",
                ),
            ),
            (
                "recorded_by",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="recorded by",
                ),
            ),
        ],
        options={
            "verbose_name": "historical resources mobilised",
            "verbose_name_plural": "historical resources mobilised",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="PolicyProposal",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("title", models.CharField(max_length=255, verbose_name="proposal")),
            ("content", models.TextField(verbose_name="content")),
            ("proposed_on", models.DateField(verbose_name="proposed on")),
            ("addressed_to", models.CharField(max_length=255, verbose_name="sent to")),
            ("response", models.TextField(blank=True, verbose_name="response")),
            (
                "commune",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="policy_proposals",
                    to="geo.unit",
                    verbose_name="commune",
                ),
            ),
            (
                "recorded_by",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="recorded by",
                ),
            ),
        ],
        options={
            "verbose_name": "policy proposal",
            "verbose_name_plural": "policy proposals",
            "ordering": ["-proposed_on", "-id"],
        },
    ),
    migrations.CreateModel(
        name="GoodExample",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            (
                "kind",
                models.CharField(
                    choices=[
                        ("escaped", "Household that escaped poverty"),
                        ("practice", "Good practice"),
                    ],
                    max_length=16,
                    verbose_name="kind",
                ),
            ),
            ("title", models.CharField(max_length=255, verbose_name="title")),
            ("story", models.TextField(verbose_name="story")),
            (
                "photo",
                models.FileField(
                    blank=True,
                    max_length=255,
                    upload_to=giamngheo.outreach.models.photo_path,
                    verbose_name="photo",
                ),
            ),
            (
                "consent_by",
                models.CharField(blank=True, max_length=150, verbose_name="consent given by"),
            ),
            (
                "consent_on",
                models.DateField(blank=True, null=True, verbose_name="consent given on"),
            ),
            ("recorded_on", models.DateField(verbose_name="recorded on")),
            (
                "commune",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="good_examples",
                    to="geo.unit",
                    verbose_name="commune",
                ),
            ),
            (
                "household",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="households.household",
                    verbose_name="household",
                ),
            ),
            (
                "recorded_by",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="recorded by",
                ),
            ),
        ],
        options={
            "verbose_name": "good example",
            "verbose_name_plural": "good examples",
            "ordering": ["-recorded_on", "-id"],
            "constraints": [
                models.CheckConstraint(
                    condition=models.Q(("kind__in", ["escaped", "practice"])),
                    name="example_kind_valid",
                ),
                models.CheckConstraint(
                    condition=models.Q(
                        ("photo", ""),
                        models.Q(
                            models.Q(("consent_by", ""), _negated=True),
                            ("consent_on__isnull", False),
                        ),
                        _connector="OR",
                    ),
                    name="example_photo_has_consent",
                ),
            ],
        },
    ),
    migrations.CreateModel(
        name="OutreachActivity",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("held_on", models.DateField(verbose_name="date")),
            ("place", models.CharField(max_length=255, verbose_name="place")),
            (
                "audience",
                models.CharField(
                    choices=[
                        ("association", "Members of a mass organisation"),
                        ("village", "Village meeting"),
                        ("poor", "Poor and near-poor households"),
                        ("group", "A self-managed group"),
                        ("officers", "Village and association officers"),
                        ("public", "General public"),
                    ],
                    max_length=16,
                    verbose_name="audience",
                ),
            ),
            ("topic", models.CharField(max_length=255, verbose_name="topic")),
            ("attendees", models.PositiveIntegerField(verbose_name="attendance")),
            (
                "commune",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="outreach_activities",
                    to="geo.unit",
                    verbose_name="commune",
                ),
            ),
            (
                "presenter",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="outreach_activities",
                    to="collaborators.collaborator",
                    verbose_name="collaborator presenting",
                ),
            ),
            (
                "recorded_by",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="recorded by",
                ),
            ),
            (
                "village",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="geo.unit",
                    verbose_name="village",
                ),
            ),
        ],
        options={
            "verbose_name": "dissemination session",
            "verbose_name_plural": "dissemination sessions",
            "ordering": ["-held_on", "-id"],
            "indexes": [
                models.Index(fields=["commune", "held_on"], name="groups_outr_commune_7332c2_idx")
            ],
            "constraints": [
                models.CheckConstraint(
                    condition=models.Q(
                        (
                            "audience__in",
                            ["association", "village", "poor", "group", "officers", "public"],
                        )
                    ),
                    name="outreach_audience_valid",
                ),
                models.CheckConstraint(
                    condition=models.Q(("attendees__gt", 0)), name="outreach_attended"
                ),
            ],
        },
    ),
    migrations.CreateModel(
        name="ResourceMobilisation",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("sponsor", models.CharField(max_length=255, verbose_name="sponsor")),
            (
                "sponsor_kind",
                models.CharField(
                    choices=[
                        ("enterprise", "Enterprise"),
                        ("organisation", "Organisation or association"),
                        ("individual", "Individual sponsor"),
                        ("mass_organisation", "Mass organisation"),
                    ],
                    max_length=20,
                    verbose_name="kind of sponsor",
                ),
            ),
            ("received_on", models.DateField(verbose_name="received on")),
            ("cash", models.BigIntegerField(default=0, verbose_name="cash (đồng)")),
            ("in_kind", models.CharField(blank=True, max_length=255, verbose_name="in kind")),
            (
                "in_kind_value",
                models.BigIntegerField(default=0, verbose_name="value in kind (đồng)"),
            ),
            (
                "commune",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="mobilised_resources",
                    to="geo.unit",
                    verbose_name="commune",
                ),
            ),
            (
                "project",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="mobilised_resources",
                    to="groups.productionproject",
                    verbose_name="for the project",
                ),
            ),
            (
                "recorded_by",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="recorded by",
                ),
            ),
        ],
        options={
            "verbose_name": "resources mobilised",
            "verbose_name_plural": "resources mobilised",
            "ordering": ["-received_on", "-id"],
            "constraints": [
                models.CheckConstraint(
                    condition=models.Q(("cash__gte", 0), ("in_kind_value__gte", 0)),
                    name="resource_not_negative",
                ),
                models.CheckConstraint(
                    condition=models.Q(("cash__gt", 0), ("in_kind_value__gt", 0), _connector="OR"),
                    name="resource_has_value",
                ),
                models.CheckConstraint(
                    condition=models.Q(
                        (
                            "sponsor_kind__in",
                            ["enterprise", "organisation", "individual", "mass_organisation"],
                        )
                    ),
                    name="resource_sponsor_valid",
                ),
            ],
        },
    ),
]


def rename_tables(apps, schema_editor, old="groups", new="outreach"):
    """One rename per table (ALTER TABLE … RENAME TO …, the same on SQLite and PostgreSQL);
    rows, keys, constraints and indexes go with the table."""
    for model in MODELS:
        schema_editor.alter_db_table(None, f"{old}_{model}", f"{new}_{model}")


def restore_tables(apps, schema_editor):
    rename_tables(apps, schema_editor, old="outreach", new="groups")


def relabel_content_types(apps, schema_editor, old="groups", new="outreach"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not types.filter(app_label=new, model=model).exists():
            types.filter(app_label=old, model=model).update(app_label=new)


def restore_content_types(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="outreach", new="groups")


class Migration(migrations.Migration):
    dependencies = [
        ("collaborators", "0002_households_concerned"),
        ("geo", "0002_former_units"),
        ("groups", "0002_move_out"),
        ("households", "0003_reassessment"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # The tables are the groups app's, renamed: the state says what they are now.
        migrations.SeparateDatabaseAndState(
            state_operations=STATE,
            database_operations=[migrations.RunPython(rename_tables, restore_tables)],
        ),
        migrations.RenameIndex(
            model_name="outreachactivity",
            old_name="groups_outr_commune_7332c2_idx",
            new_name="outreach_ou_commune_b05089_idx",
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
