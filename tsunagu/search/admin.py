from django.contrib import admin

from tsunagu.accounts.admin import AuditedAdmin
from tsunagu.search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(AuditedAdmin):
    """同義語: the town's abbreviations and variants, so that a search for one finds them all."""

    list_display = ["terms", "note"]
    search_fields = ["terms"]
