"""Backups that restore: the database (pg_dump custom format, or SQLite's online backup) and
the uploaded files, with a manifest of every table's row count and checksum.

``restore`` puts both back and checks every table against the manifest, so a backup is known
to restore, not hoped to. Retention keeps the newest ``BACKUP_KEEP`` backups.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

DB_FILE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def table_fingerprints(cursor=None, vendor: str | None = None) -> dict[str, list]:
    """{table: [row count, checksum of its rows in a stable order]} for every table.

    ``cursor`` may be a plain sqlite3 cursor on a backup file; by default Django's connection.
    """
    if cursor is None:
        with connection.cursor() as django_cursor:
            return table_fingerprints(django_cursor, connection.vendor)
    if vendor == "postgresql":
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY 1"
        )
    result = {}
    for (table,) in cursor.fetchall():
        quoted = '"' + table.replace('"', '""') + '"'
        if vendor == "postgresql":
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' "
                f"ORDER BY md5(t::text)), '')) FROM {quoted} t"
            )
            count, digest = cursor.fetchone()
        else:
            # quote() gives each value as SQL text, the same whichever connection reads it
            # (Django's converts dates and decimals, a plain sqlite3 one does not).
            cursor.execute(f"PRAGMA table_info({quoted})")
            columns = [row[1].replace('"', '""') for row in cursor.fetchall()]
            row_text = " || '|' || ".join(f'quote("{c}")' for c in columns)
            cursor.execute(f"SELECT {row_text} FROM {quoted}")
            rows = sorted(hashlib.md5(r[0].encode()).hexdigest() for r in cursor.fetchall())
            count, digest = len(rows), hashlib.md5("".join(rows).encode()).hexdigest()
        result[table] = [count, digest]
    return result


def backup(root: Path | None = None, keep: int | None = None) -> Path:
    """Write one backup folder under ``root`` (BACKUP_DIR) and prune beyond ``keep``."""
    root = Path(root or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    folder = root / stamp
    partial = root / f".{stamp}.partial"
    partial.mkdir(parents=True)
    vendor = connection.vendor
    if vendor == "postgresql":
        # pg_dump reads the snapshot of this transaction, and the checksums are computed in
        # it too: the manifest describes exactly what the dump holds, even while people work.
        args, env = _pg_env()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                 "--snapshot", snapshot, "--file", str(partial / DB_FILE[vendor]), *args],
                check=True, env=env,
            )  # fmt: skip
            tables = table_fingerprints(cursor, vendor)
    elif vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(partial / DB_FILE[vendor])
        with target:
            connection.connection.backup(target)
        tables = table_fingerprints(target.cursor(), vendor)
        target.close()
    else:  # the project runs on these two only (settings.DATABASES from DATABASE_URL)
        raise ValueError(f"backups are made of PostgreSQL or SQLite databases, not {vendor}")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(partial / "media.tar.gz", "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname="media")
    manifest = {
        "created": timezone.now().isoformat(),
        "vendor": vendor,
        "tables": tables,
    }
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=1))
    partial.rename(folder)  # a backup folder without a dot is complete
    backups = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in backups[: max(len(backups) - keep, 0)]:
        shutil.rmtree(old)
    return folder


def restore(folder: Path) -> list[str]:
    """Replace the database and the media folder with the backup's; return mismatched tables."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    vendor = connection.vendor
    if manifest["vendor"] != vendor:
        raise ValueError(f"this backup is of a {manifest['vendor']} database, not {vendor}")
    if vendor == "postgresql":
        connection.close()
        args, env = _pg_env()
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", *args, str(folder / DB_FILE[vendor])],
            check=True, env=env,
        )  # fmt: skip
    else:
        connection.ensure_connection()
        source = sqlite3.connect(folder / DB_FILE[vendor])
        source.backup(connection.connection)
        source.close()
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    media.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        archive.extractall(media.parent, filter="data")
        if (media.parent / "media") != media and (media.parent / "media").exists():
            (media.parent / "media").rename(media)
    media.mkdir(parents=True, exist_ok=True)
    now = table_fingerprints()
    # What the cache holds (users' scopes, area figures) describes the data before the restore.
    cache.clear()
    return sorted(t for t, fp in manifest["tables"].items() if now.get(t) != fp)
