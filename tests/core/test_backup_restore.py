"""A backup restores: back up, wipe the database and the uploaded files, restore, compare every
table's row count and checksum (and the files) with what was there before."""

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from giamngheo.core.backups import table_fingerprints
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db(transaction=True)


def _wipe_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")


def test_backup_wipe_restore_gives_back_every_table_and_file(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = settings.MEDIA_ROOT / "imports" / "2026" / "11" / "ho.csv"
    upload.parent.mkdir(parents=True)
    upload.write_bytes("Mã hộ,Thôn\n23425-00001,Thôn 1\n".encode())
    before = table_fingerprints()
    assert before["households_household"][0] == Household.objects.count() > 0

    call_command("backup", "--dir", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()

    _wipe_database()
    upload.unlink()
    assert "households_household" not in table_fingerprints()

    cache.set("scope-version", "before the restore", timeout=None)
    call_command("restore", str(folder), "--yes")

    assert table_fingerprints() == before
    assert cache.get("scope-version") is None  # scopes and figures are computed afresh
    assert upload.read_bytes().startswith("Mã hộ".encode())


def test_a_changed_table_is_reported_after_restore(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", "--dir", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = folder / "manifest.json"
    content = json.loads(manifest.read_text())
    content["tables"]["households_household"][0] += 1
    manifest.write_text(json.dumps(content))
    with pytest.raises(CommandError, match="households_household"):
        call_command("restore", str(folder), "--yes")


def test_restore_asks_for_confirmation_and_retention_keeps_the_newest(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    root = tmp_path / "backups"
    for name in ("20260101-000000", "20260102-000000", "20260103-000000"):
        (root / name).mkdir(parents=True)
    call_command("backup", "--dir", str(root), "--keep", "2")
    kept = sorted(p.name for p in root.iterdir())
    assert len(kept) == 2 and kept[0] == "20260103-000000"
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(root / kept[1]))
