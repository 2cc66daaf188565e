"""The code lists of the directory (社会資源), in the order a form shows them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Tier(models.TextChoices):
    """Who may see an entry, or one field of it. A place that must not be found (a shelter, a
    group whose members would be exposed) is seen by the agencies only, or by a case's team
    only, and shows the public its front door (a contact that is safe to give)."""

    PUBLIC = "public", _("Everyone (public)")  # 公開
    PARTNERS = "partners", _("Partner agencies")  # 連携機関のみ
    TEAM = "team", _("The case team only")  # 支援チームのみ


#: From the most open to the most closed: a reader of one tier sees that tier and those before.
TIER_ORDER = [Tier.PUBLIC, Tier.PARTNERS, Tier.TEAM]


class ProviderKind(models.TextChoices):
    """運営主体の種別."""

    MUNICIPALITY = "municipality", _("Municipality")  # 市区町村
    SHAKYO = "shakyo", _("Council of social welfare")  # 社会福祉協議会
    WELFARE_CORPORATION = "welfare_corporation", _("Social welfare corporation")  # 社会福祉法人
    NPO = "npo", _("NPO")  # NPO法人
    BUSINESS = "business", _("Business or shop")  # 企業・商店
    COMMUNITY = "community", _("Community group")  # 自治会・地域の団体・サークル
    MEDICAL = "medical", _("Medical institution")  # 医療機関
    OTHER = "other", pgettext_lazy("provider kind", "Other")  # その他


class Reservation(models.TextChoices):
    """予約."""

    NONE = "none", _("No booking needed")  # 予約不要
    RECOMMENDED = "recommended", _("Booking recommended")  # 予約があると安心
    REQUIRED = "required", _("Booking required")  # 要予約


class ResourceStatus(models.TextChoices):
    ACTIVE = "active", _("Open")  # 実施中
    PAUSED = "paused", _("Paused")  # 休止中
    ENDED = "ended", _("Ended")  # 終了


class ConfirmedHow(models.TextChoices):
    """How the entry was last confirmed to be as it says (鮮度)."""

    VISIT = "visit", _("Visit")  # 訪問して確認
    CALL = "call", _("Phone call")  # 電話で確認
    HOST = "host", _("By the host")  # 運営者が確認
    IMPORT = "import", _("Open data import")  # オープンデータの取込


class Weekday(models.IntegerChoices):
    """A schedule's day: Monday to Sunday, and public holidays (祝日) as their own day, as the
    自治体標準 lists them."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
    HOLIDAY = 7, _("Public holidays")  # 祝日


#: HSDS schedule.byday codes, by Weekday (the holiday has none: it is an exception there).
BYDAY = {0: "MO", 1: "TU", 2: "WE", 3: "TH", 4: "FR", 5: "SA", 6: "SU"}
