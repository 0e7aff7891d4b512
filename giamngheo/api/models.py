from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotentRequest(models.Model):
    """The first answer to a write sent with an ``Idempotency-Key``.

    A phone that lost its signal after sending cannot know whether the server got the entry;
    it sends again with the same key and receives this answer instead of a second record.
    Only accepted writes are kept: a refused entry created nothing and may be corrected and
    sent again under the same key.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(_("idempotency key"), max_length=100)
    fingerprint = models.CharField(max_length=64)
    path = models.CharField(max_length=200)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("API write (idempotency key)")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_key_per_user")
        ]

    def __str__(self):
        return f"{self.path} {self.key}"
