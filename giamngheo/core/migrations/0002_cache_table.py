"""The database cache table (settings.CACHES without REDIS_URL): shared by every web process
and the worker, so the dashboard's cached figures and their versions are the same for all.
Created whatever the cache setting is now (Redis may be turned off later); idempotent."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command(
        "createcachetable", "giamngheo_cache", database=schema_editor.connection.alias, verbosity=0
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
