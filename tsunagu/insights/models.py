"""あとちょっと and 制度の狭間: what blocked the next step, recorded inside casework, so that it
can be counted and turned into policy (政策化) without anyone's personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.accounts.models import Organization
from tsunagu.cases.models import Case
from tsunagu.core.models import TimestampedModel


class BlockedBy(models.TextChoices):
    """何が妨げたか."""

    REQUIREMENTS = "requirements", _("Programme requirements")  # 制度の要件
    FUNDING = "funding", _("Funding")  # 財源
    SILOS = "silos", _("Silos between sections")  # 縦割り
    STAFF = "staff", pgettext_lazy("what blocked", "Staff")  # 人手
    INFORMATION = "information", pgettext_lazy("what blocked", "Information")  # 情報
    PLACE = "place", _("Place")  # 場所
    TRANSPORT = "transport", _("Transport")  # 移動手段
    OTHER = "other", _("Other")  # その他


class Source(models.TextChoices):
    CASE = "case", _("Case")
    PLAN = "plan", _("Support plan")
    EVALUATION = "evaluation", _("Evaluation")
    MEETING = "meeting", _("Meeting decision")
    GATHERING = "gathering", _("A gathering (車座 …)")  # no case: an idea from the community


class Barrier(TimestampedModel):
    """あとちょっと: what would have made the next step possible, and what blocked it. Marked
    as a 制度の狭間 (`is_gap`, the glossary's Gap) when no programme covers the need. One that
    came from dialogue (an idea of a 車座) has no case: its source says where it came from."""

    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="barriers",
        verbose_name=_("case"),
    )
    source = models.CharField(_("noticed in"), max_length=20, choices=Source.choices)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    would_help = models.TextField(_("what would have made the next step possible"))
    blocked_by = models.CharField(_("what blocked it"), max_length=20, choices=BlockedBy.choices)
    detail = models.TextField(_("how it blocked"), blank=True)
    program = models.CharField(_("section or programme involved"), max_length=200, blank=True)
    is_gap = models.BooleanField(
        _("gap between programmes (制度の狭間)"),
        default=False,
        help_text=_("No programme covers this need."),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        indexes = [models.Index(fields=["blocked_by", "created_at"], name="barrier_kind_idx")]

    def __str__(self) -> str:
        return self.would_help[:40]
