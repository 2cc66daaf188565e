"""検索索引 (the search index): one row per searchable text, with who may see it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """A consultation, note, assessment or plan as the search sees it.

    `terms` holds SudachiPy's normalized words (see tsunagu.core.japanese); `visibility` holds
    the organizations that may see the text (" o12 o15 "). Both go into the full-text index
    (SQLite FTS5, or a PostgreSQL tsvector), so that visibility is applied while matching, not
    after it. `content` keeps the original text for snippets.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    case_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200, blank=True)
    content = models.TextField()
    terms = models.TextField()
    visibility = models.CharField(max_length=500)
    # 情報の区分 of the text (tsunagu.sharing.choices): which consents let others find it.
    categories = models.PositiveSmallIntegerField(default=63)
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"


class Synonym(models.Model):
    """同義語: words of the field that mean one thing (ケアマネ, ケアマネジャー, 介護支援専門員);
    a search for any of them finds them all. Kept as data the account administrator extends
    (the town's own abbreviations); read at query time, so a new row needs no re-indexing."""

    terms = models.CharField(
        _("words that mean the same"),
        max_length=300,
        unique=True,
        help_text=_("Separated by spaces or 、, e.g. ケアマネ ケアマネジャー 介護支援専門員"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return self.terms

    def words(self) -> list[str]:
        from tsunagu.search.defaults import split

        return split(self.terms)
