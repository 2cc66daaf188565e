"""Abstract bases shared by every app, and the history of corrections (Revision) that every
app's records keep; core has no domain models of its own."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    """作成日時・更新日時 (created and updated times) for every domain row."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Revision(models.Model):
    """記録の訂正: one correction of a record (a consultation, a note …). The fields it changed,
    each with the value it had before and the one it has now, who corrected it, when, and why.
    The record itself holds the current version; its revisions, newest last, are its history.
    Written only by tsunagu.core.revisions.correct."""

    record_type = models.CharField(_("kind of record"), max_length=100)  # app_label.model
    record_id = models.PositiveBigIntegerField(_("record"))
    number = models.PositiveIntegerField(_("correction number"))
    changes = models.JSONField(_("what changed"))  # {field: [before, after]}
    reason = models.TextField(_("why"), blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)

    class Meta:
        ordering = ["record_type", "record_id", "number"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id", "number"], name="revision_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_type} #{self.record_id} ({self.number})"


def saving_also(kwargs: dict[str, Any], *names: str) -> None:
    """For a model's save() that keeps derived fields (words, match keys): a save of some
    fields only (a correction's update_fields) saves the derived ones too."""
    if kwargs.get("update_fields") is not None:
        kwargs["update_fields"] = {*kwargs["update_fields"], *names}
