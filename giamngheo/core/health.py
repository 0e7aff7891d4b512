"""What ``/healthz`` checks: the database answers, every migration is applied, a worker is alive."""

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .models import WorkerHeartbeat


def health() -> dict:
    checks = {"database": "ok", "migrations": "ok", "worker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        checks.update(database="unreachable", migrations="unknown", worker="unknown")
        return {"status": "fail", "checks": checks}
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        checks["migrations"] = "pending"
    try:
        newest = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True)[
            :1
        ]
        seen = newest[0] if newest else None
    except DatabaseError:  # the heartbeat table itself is missing before migrate
        seen = None
    limit = timezone.now() - timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)
    if seen is None:
        checks["worker"] = "no worker has started"
    elif seen < limit:
        checks["worker"] = f"last seen {(timezone.now() - seen).total_seconds():.0f}s ago"
    ok = all(v == "ok" for v in checks.values())
    return {"status": "ok" if ok else "fail", "checks": checks}
