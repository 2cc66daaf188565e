from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tsunagu.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from tsunagu.audit import panels, tasks
        from tsunagu.core.daily import register_daily

        panels.register_all()
        register_daily(tasks.link_audit_events)
