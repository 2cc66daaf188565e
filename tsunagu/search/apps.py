from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "tsunagu.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from tsunagu.core.daily import register_daily
        from tsunagu.core.search_index import indexes
        from tsunagu.search import services, tasks

        # The services below search (intake, cases, plans, sharing) index through this.
        indexes.register("search", services)
        register_daily(tasks.refresh_ended_grants)
