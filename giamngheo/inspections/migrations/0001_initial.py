"""Inspections, their teams, findings, follow-ups and assessments of collaborators, taken over from the groups app with their data.

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
    "finding",
    "followup",
    "historicalfollowup",
    "historicalinspection",
    "inspection",
    "historicalteammember",
    "historicalfinding",
    "historicalcollaboratorassessment",
    "collaboratorassessment",
    "teammember",
]

# The models as they are after the move, on the tables the groups app created.
STATE = [
    migrations.CreateModel(
        name="Finding",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            (
                "severity",
                models.CharField(
                    choices=[
                        ("note", "Observation"),
                        ("shortcoming", "Shortcoming to correct"),
                        ("serious", "Serious violation"),
                    ],
                    max_length=16,
                    verbose_name="severity",
                ),
            ),
            ("text", models.TextField(verbose_name="finding")),
            ("recommendation", models.TextField(verbose_name="recommendation")),
            ("responsible", models.CharField(max_length=200, verbose_name="who must act")),
            ("due_on", models.DateField(blank=True, null=True, verbose_name="to be done by")),
            (
                "state",
                models.CharField(
                    choices=[("open", "Open"), ("closed", "Closed")],
                    default="open",
                    max_length=8,
                    verbose_name="state",
                ),
            ),
            ("closed_on", models.DateField(blank=True, null=True, verbose_name="closed on")),
            (
                "household",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="households.household",
                    verbose_name="household concerned",
                ),
            ),
        ],
        options={
            "verbose_name": "finding",
            "verbose_name_plural": "findings",
            "ordering": ["inspection", "id"],
        },
    ),
    migrations.CreateModel(
        name="FollowUp",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("done_on", models.DateField(verbose_name="date")),
            ("action", models.TextField(verbose_name="action taken")),
            (
                "closes",
                models.BooleanField(
                    default=False, verbose_name="the recommendation is carried out"
                ),
            ),
            (
                "finding",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="follow_ups",
                    to="inspections.finding",
                    verbose_name="finding",
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
            "verbose_name": "follow-up",
            "verbose_name_plural": "follow-ups",
            "ordering": ["finding", "done_on", "id"],
        },
    ),
    migrations.CreateModel(
        name="HistoricalFollowUp",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("done_on", models.DateField(verbose_name="date")),
            ("action", models.TextField(verbose_name="action taken")),
            (
                "closes",
                models.BooleanField(
                    default=False, verbose_name="the recommendation is carried out"
                ),
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
                "finding",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="inspections.finding",
                    verbose_name="finding",
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
            "verbose_name": "historical follow-up",
            "verbose_name_plural": "historical follow-ups",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalInspection",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            (
                "level",
                models.CharField(
                    choices=[
                        ("commune", "Commune inspection team"),
                        ("province", "Province inspection team"),
                    ],
                    max_length=16,
                    verbose_name="team",
                ),
            ),
            (
                "decision_no",
                models.CharField(
                    blank=True, max_length=60, verbose_name="decision setting up the team"
                ),
            ),
            (
                "subject",
                models.CharField(
                    choices=[
                        ("support", "Support delivered to households"),
                        ("project", "A production-support project"),
                        ("review", "The poverty review procedure"),
                        ("collaborator", "A collaborator's work"),
                    ],
                    max_length=16,
                    verbose_name="what was inspected",
                ),
            ),
            ("scope", models.TextField(blank=True, verbose_name="scope and content")),
            ("held_on", models.DateField(verbose_name="held on")),
            ("conclusion", models.TextField(blank=True, verbose_name="conclusion")),
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
                "collaborator",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="collaborators.collaborator",
                    verbose_name="collaborator whose work was inspected",
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
                    verbose_name="project inspected",
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
            "verbose_name": "historical inspection",
            "verbose_name_plural": "historical inspections",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="Inspection",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            (
                "level",
                models.CharField(
                    choices=[
                        ("commune", "Commune inspection team"),
                        ("province", "Province inspection team"),
                    ],
                    max_length=16,
                    verbose_name="team",
                ),
            ),
            (
                "decision_no",
                models.CharField(
                    blank=True, max_length=60, verbose_name="decision setting up the team"
                ),
            ),
            (
                "subject",
                models.CharField(
                    choices=[
                        ("support", "Support delivered to households"),
                        ("project", "A production-support project"),
                        ("review", "The poverty review procedure"),
                        ("collaborator", "A collaborator's work"),
                    ],
                    max_length=16,
                    verbose_name="what was inspected",
                ),
            ),
            ("scope", models.TextField(blank=True, verbose_name="scope and content")),
            ("held_on", models.DateField(verbose_name="held on")),
            ("conclusion", models.TextField(blank=True, verbose_name="conclusion")),
            (
                "search_text",
                models.CharField(db_index=True, default="", editable=False, max_length=400),
            ),
            (
                "collaborator",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="inspections_of_work",
                    to="collaborators.collaborator",
                    verbose_name="collaborator whose work was inspected",
                ),
            ),
            (
                "commune",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="inspections",
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
                    related_name="inspections",
                    to="groups.productionproject",
                    verbose_name="project inspected",
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
            "verbose_name": "inspection",
            "verbose_name_plural": "inspections",
            "ordering": ["-held_on", "-id"],
        },
    ),
    migrations.CreateModel(
        name="HistoricalTeamMember",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            ("full_name", models.CharField(max_length=150, verbose_name="full name")),
            (
                "position",
                models.CharField(
                    blank=True, max_length=200, verbose_name="position or organisation"
                ),
            ),
            ("is_lead", models.BooleanField(default=False, verbose_name="team leader")),
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
                "collaborator",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="collaborators.collaborator",
                    verbose_name="collaborator",
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
                "inspection",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="inspections.inspection",
                    verbose_name="inspection",
                ),
            ),
        ],
        options={
            "verbose_name": "historical team member",
            "verbose_name_plural": "historical team members",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalFinding",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            (
                "severity",
                models.CharField(
                    choices=[
                        ("note", "Observation"),
                        ("shortcoming", "Shortcoming to correct"),
                        ("serious", "Serious violation"),
                    ],
                    max_length=16,
                    verbose_name="severity",
                ),
            ),
            ("text", models.TextField(verbose_name="finding")),
            ("recommendation", models.TextField(verbose_name="recommendation")),
            ("responsible", models.CharField(max_length=200, verbose_name="who must act")),
            ("due_on", models.DateField(blank=True, null=True, verbose_name="to be done by")),
            (
                "state",
                models.CharField(
                    choices=[("open", "Open"), ("closed", "Closed")],
                    default="open",
                    max_length=8,
                    verbose_name="state",
                ),
            ),
            ("closed_on", models.DateField(blank=True, null=True, verbose_name="closed on")),
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
                "household",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="households.household",
                    verbose_name="household concerned",
                ),
            ),
            (
                "inspection",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="inspections.inspection",
                    verbose_name="inspection",
                ),
            ),
        ],
        options={
            "verbose_name": "historical finding",
            "verbose_name_plural": "historical findings",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalCollaboratorAssessment",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            (
                "rating",
                models.CharField(
                    choices=[
                        ("good", "Did the work well"),
                        ("adequate", "Did the work"),
                        ("poor", "Did not do the work properly"),
                    ],
                    max_length=16,
                    verbose_name="rating",
                ),
            ),
            ("comments", models.TextField(verbose_name="comments")),
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
                "collaborator",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="collaborators.collaborator",
                    verbose_name="collaborator",
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
                "inspection",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="inspections.inspection",
                    verbose_name="inspection",
                ),
            ),
        ],
        options={
            "verbose_name": "historical assessment of a collaborator",
            "verbose_name_plural": "historical assessments of collaborators",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.AddField(
        model_name="finding",
        name="inspection",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.CASCADE,
            related_name="findings",
            to="inspections.inspection",
            verbose_name="inspection",
        ),
    ),
    migrations.CreateModel(
        name="CollaboratorAssessment",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            (
                "rating",
                models.CharField(
                    choices=[
                        ("good", "Did the work well"),
                        ("adequate", "Did the work"),
                        ("poor", "Did not do the work properly"),
                    ],
                    max_length=16,
                    verbose_name="rating",
                ),
            ),
            ("comments", models.TextField(verbose_name="comments")),
            (
                "collaborator",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="inspection_assessments",
                    to="collaborators.collaborator",
                    verbose_name="collaborator",
                ),
            ),
            (
                "inspection",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="collaborator_assessments",
                    to="inspections.inspection",
                    verbose_name="inspection",
                ),
            ),
        ],
        options={
            "verbose_name": "assessment of a collaborator",
            "verbose_name_plural": "assessments of collaborators",
            "ordering": ["inspection", "id"],
        },
    ),
    migrations.CreateModel(
        name="TeamMember",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
            ("full_name", models.CharField(max_length=150, verbose_name="full name")),
            (
                "position",
                models.CharField(
                    blank=True, max_length=200, verbose_name="position or organisation"
                ),
            ),
            ("is_lead", models.BooleanField(default=False, verbose_name="team leader")),
            (
                "collaborator",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="inspection_teams",
                    to="collaborators.collaborator",
                    verbose_name="collaborator",
                ),
            ),
            (
                "inspection",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="team",
                    to="inspections.inspection",
                    verbose_name="inspection",
                ),
            ),
        ],
        options={
            "verbose_name": "team member",
            "verbose_name_plural": "team members",
            "ordering": ["inspection", "-is_lead", "id"],
        },
    ),
    migrations.AddIndex(
        model_name="inspection",
        index=models.Index(fields=["commune", "held_on"], name="groups_insp_commune_e9cf0b_idx"),
    ),
    migrations.AddConstraint(
        model_name="inspection",
        constraint=models.CheckConstraint(
            condition=models.Q(("level__in", ["commune", "province"])),
            name="inspection_level_valid",
        ),
    ),
    migrations.AddConstraint(
        model_name="inspection",
        constraint=models.CheckConstraint(
            condition=models.Q(("subject__in", ["support", "project", "review", "collaborator"])),
            name="inspection_subject_valid",
        ),
    ),
    migrations.AddConstraint(
        model_name="inspection",
        constraint=models.CheckConstraint(
            condition=models.Q(
                models.Q(("subject__in", ["support", "project"]), _negated=True),
                ("project__isnull", False),
                _connector="OR",
            ),
            name="inspection_project_named",
        ),
    ),
    migrations.AddConstraint(
        model_name="inspection",
        constraint=models.CheckConstraint(
            condition=models.Q(
                models.Q(("subject", "collaborator"), _negated=True),
                ("collaborator__isnull", False),
                _connector="OR",
            ),
            name="inspection_collaborator_named",
        ),
    ),
    migrations.AddConstraint(
        model_name="finding",
        constraint=models.CheckConstraint(
            condition=models.Q(("severity__in", ["note", "shortcoming", "serious"])),
            name="finding_severity_valid",
        ),
    ),
    migrations.AddConstraint(
        model_name="finding",
        constraint=models.CheckConstraint(
            condition=models.Q(
                models.Q(("state", "open"), ("closed_on__isnull", True)),
                models.Q(("state", "closed"), ("closed_on__isnull", False)),
                _connector="OR",
            ),
            name="finding_closed_has_date",
        ),
    ),
    migrations.AddConstraint(
        model_name="collaboratorassessment",
        constraint=models.UniqueConstraint(
            fields=("inspection", "collaborator"), name="one_assessment_per_inspection"
        ),
    ),
    migrations.AddConstraint(
        model_name="collaboratorassessment",
        constraint=models.CheckConstraint(
            condition=models.Q(("rating__in", ["good", "adequate", "poor"])),
            name="assessment_rating_valid",
        ),
    ),
    migrations.AddConstraint(
        model_name="teammember",
        constraint=models.UniqueConstraint(
            condition=models.Q(("is_lead", True)), fields=("inspection",), name="one_team_leader"
        ),
    ),
    migrations.AddConstraint(
        model_name="teammember",
        constraint=models.UniqueConstraint(
            condition=models.Q(("collaborator__isnull", False)),
            fields=("inspection", "collaborator"),
            name="collaborator_once_per_team",
        ),
    ),
]


def rename_tables(apps, schema_editor, old="groups", new="inspections"):
    """One rename per table (ALTER TABLE … RENAME TO …, the same on SQLite and PostgreSQL);
    rows, keys, constraints and indexes go with the table."""
    for model in MODELS:
        schema_editor.alter_db_table(None, f"{old}_{model}", f"{new}_{model}")


def restore_tables(apps, schema_editor):
    rename_tables(apps, schema_editor, old="inspections", new="groups")


def relabel_content_types(apps, schema_editor, old="groups", new="inspections"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not types.filter(app_label=new, model=model).exists():
            types.filter(app_label=old, model=model).update(app_label=new)


def restore_content_types(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="inspections", new="groups")


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
            model_name="inspection",
            old_name="groups_insp_commune_e9cf0b_idx",
            new_name="inspections_commune_de46d2_idx",
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
