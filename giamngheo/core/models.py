"""Operational records shared by every app: worker heartbeats and background exports."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A background worker's sign of life: tasks left RUNNING by a dead worker are found by
    every worker's reaper (core.worker), and ``/healthz`` reports a worker that went quiet.

    Written every few seconds by ``manage.py db_worker`` (core.worker).
    """

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ExportJob(models.Model):
    """A spreadsheet built by the worker for one user; downloadable by that user until it expires.

    ``kind`` names a registered export (``core.exports``); ``params`` are the list's filters as
    the user chose them, re-applied through the area scoping of ``created_by`` when it runs.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Writing the file")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("export"), max_length=64)
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    written_rows = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    message = models.TextField(_("message"), blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), db_index=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.written_rows / self.total_rows) if self.total_rows else 0


# Abstract bases for what domain records repeat. They add no table and change no column:
# a model that adopts one keeps the same fields, so no migration follows.


class Versioned(models.Model):
    """The number an edit form sends back, for optimistic locking
    (``core.concurrency.save_with_version`` refuses a save from a stale form)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class RecordedBy(models.Model):
    """Who entered the record. PROTECT: an account that recorded something is deactivated,
    never deleted, so the record keeps its author."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class Recorded(RecordedBy):
    """Who entered the record and when."""

    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


def choices_check(field: str, choices, name: str) -> models.CheckConstraint:
    """A database check that ``field`` holds one of ``choices`` (a Choices class or any
    iterable of values): a value written around the forms (bulk import, SQL) cannot slip in."""
    values = getattr(choices, "values", None)
    values = list(choices) if values is None or callable(values) else values
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": values}), name=name)
