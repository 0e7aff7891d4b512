from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "giamngheo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django_tasks.signals import task_finished

        from . import lookups  # noqa: F401  (registers field__in_array)
        from .exports import record_failed_export
        from .money import use_money_fields

        task_finished.connect(record_failed_export, dispatch_uid="core.record_failed_export")
        use_money_fields()
