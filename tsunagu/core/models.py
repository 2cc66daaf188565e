"""Abstract bases shared by every app; core has no domain models of its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    """作成日時・更新日時 (created and updated times) for every domain row."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
