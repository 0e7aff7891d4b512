"""Derive the movement type of every status record already in the history."""

from django.db import migrations

from giamngheo.households.movements import movement_expression


def derive(apps, schema_editor):
    StatusRecord = apps.get_model("households", "StatusRecord")
    StatusRecord.objects.update(movement=movement_expression(StatusRecord))


def clear(apps, schema_editor):
    apps.get_model("households", "StatusRecord").objects.update(movement="")


class Migration(migrations.Migration):
    dependencies = [("households", "0004_causes_needs_movement")]

    operations = [migrations.RunPython(derive, clear)]
