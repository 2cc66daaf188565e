"""The code lists of 地域づくり, in the order a form shows them. Gathering types are data
(GatheringType), so that a town adds its own; the fields of the town are a fixed list, so that
figures of one year compare with the next."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Field(models.TextChoices):
    """分野: where an organization or a person in their role works, or where those who came to a
    gathering come from. 点から面へ is counted across these."""

    WELFARE = "welfare", _("Welfare")  # 福祉
    MACHIZUKURI = "machizukuri", _("Town development")  # まちづくり
    SHOPS = "shops", _("Shops and the shopping street")  # 商店会
    AGRICULTURE = "agriculture", _("Agriculture")  # 農業
    TRANSPORT = "transport", pgettext_lazy("field", "Transport")  # 交通
    EDUCATION = "education", _("Education")  # 教育
    MEDICAL = "medical", _("Medical care")  # 医療
    GOVERNMENT = "government", _("Local government")  # 行政
    PEER = "peer", _("People with lived experience")  # 当事者
    RESIDENTS = "residents", _("Residents")  # 住民
    BUSINESS = "business", _("Business")  # 企業
    ACADEMIA = "academia", _("University and research")  # 大学・研究
    CULTURE = "culture", _("Culture and sport")  # 文化・スポーツ
    OTHER = "other", pgettext_lazy("field", "Other")  # その他


class PlaceKind(models.TextChoices):
    """場の種類: the 居場所 and 拠点 of the programme, and the ordinary places where a worry is
    first heard."""

    IBASHO = "ibasho", _("Drop-in place (居場所)")
    KYOTEN = "kyoten", _("Community base (拠点)")
    SALON = "salon", _("Salon or gathering place (通いの場)")
    BAR = "bar", _("Standing bar or eatery")  # 立ち飲み屋・飲食店
    CAFE = "cafe", _("Café")  # カフェ・喫茶店
    SHOP = "shop", _("Shop")  # 商店
    BARBER = "barber", _("Barber or hair salon")  # 理容室・美容室
    LAUNDRY = "laundry", _("Coin laundry")  # コインランドリー
    OTHER = "other", pgettext_lazy("place kind", "Other")  # その他


#: The kinds a 地域づくり 実施計画 counts as 拠点 (拠点数): the programme's own places.
BASE_KINDS = (PlaceKind.IBASHO, PlaceKind.KYOTEN, PlaceKind.SALON)


class ActorKind(models.TextChoices):
    ORGANIZATION = "organization", _("Organization")  # 団体・機関・店
    PERSON = "person", _("Person in their role")  # 役割のある人


class HowMet(models.TextChoices):
    """How a tie began."""

    GATHERING = "gathering", _("At a gathering")  # 車座などで出会った
    SUGGESTION = "suggestion", _("A suggested encounter")  # 計画的偶発性
    INTRODUCED = "introduced", _("Introduced by someone")  # 紹介
    WORK = "work", _("Through work")  # 仕事を通じて
    OTHER = "other", pgettext_lazy("how they met", "Other")  # その他


class IdeaKind(models.TextChoices):
    """What came out of a gathering, besides the ties it made."""

    IDEA = "idea", _("Idea")  # アイデア
    PROJECT = "project", _("Project")  # プロジェクト


class IdeaStatus(models.TextChoices):
    OPEN = "open", _("Open")  # 検討中
    GATHERING = "gathering", _("Became a gathering")  # 場になった
    RESOURCE = "resource", _("Became a resource")  # 社会資源になった
    BARRIER = "barrier", _("Taken to policy")  # 政策課題へ
    DROPPED = "dropped", _("Not taken further")  # 見送り


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Not yet")  # まだ
    TIE = "tie", _("Became a tie")  # つながった
    NOT_NOW = "not_now", _("Not now")  # 今回は見送り


#: The days of a place's week, as Place.days stores them (digits, Monday 0): 月 … 日.
DAYS = [
    (0, _("Mon")),
    (1, _("Tue")),
    (2, _("Wed")),
    (3, _("Thu")),
    (4, _("Fri")),
    (5, _("Sat")),
    (6, _("Sun")),
]
