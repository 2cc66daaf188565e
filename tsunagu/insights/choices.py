"""The codes of 政策化: what blocked, where it was noticed, the management response's steps and
decisions, and how the 庁内事業 inventory describes a programme (機能, 対象, 財源)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    # Dialogue with no case: what the city hall and its partners hear when they talk.
    PROVIDER_TALK = (
        "provider_talk",
        _("Talk with contracted providers (受託事業者とのおしゃべり会)"),
    )
    HALL_WALK = "hall_walk", _("A walk round the city hall (庁内散歩)")
    CIRCLE = "circle", _("A 車座 of the city hall")
    OTHER_DIALOGUE = "other_dialogue", _("Other dialogue")


#: The sources of a barrier heard in dialogue, with no case.
DIALOGUE_SOURCES = (Source.PROVIDER_TALK, Source.HALL_WALK, Source.CIRCLE, Source.OTHER_DIALOGUE)


class ResponseStatus(models.TextChoices):
    """The management response to a theme: 受け止め → 検討 → 対応決定 → 実施 → 振り返り."""

    RECEIVED = "received", _("Received (受け止め)")
    CONSIDERING = "considering", _("Under consideration (検討)")
    DECIDED = "decided", _("Response decided (対応決定)")
    IMPLEMENTING = "implementing", _("Being carried out (実施)")
    REVIEWED = "reviewed", _("Looked back on (振り返り)")


#: Where a response may go next (the same step again is a note on it).
NEXT_STATUS = {
    ResponseStatus.RECEIVED: {ResponseStatus.CONSIDERING, ResponseStatus.DECIDED},
    ResponseStatus.CONSIDERING: {ResponseStatus.DECIDED},
    ResponseStatus.DECIDED: {
        ResponseStatus.IMPLEMENTING,
        ResponseStatus.REVIEWED,
    },  # 対応しない: reviewed only
    ResponseStatus.IMPLEMENTING: {ResponseStatus.REVIEWED},
    ResponseStatus.REVIEWED: {ResponseStatus.CONSIDERING},  # looked back on, taken up again
}


class Decision(models.TextChoices):
    """対応決定: what the municipality decided to do about a theme."""

    OPERATION = "operation", _("Improve how it is run (運用改善)")
    BUDGET = "budget", _("Request a budget (予算要求)")
    SYSTEM = "system", _("Propose a change of the system (制度提案)")
    OTHER_SECTION = "other_section", _("Propose it to another section (他課へ提案)")
    NO_ACTION = "no_action", _("No action, with the reason (対応しない)")


class Function(models.TextChoices):
    """機能: what a programme does for people (事業棚卸し)."""

    CONSULTATION = "consultation", _("Consultation (相談)")
    PLACE = "place", _("A place to be (居場所)")
    WORK = "work", _("Work (就労)")
    TRANSPORT = "transport", _("Getting about (移動)")
    HOUSING = "housing", _("Housing (住まい)")
    WATCHING = "watching", _("Keeping an eye (見守り)")
    FOOD = "food", _("Food (食)")
    MONEY = "money", _("Money and benefits (経済的支援)")
    LEARNING = "learning", _("Learning (学習)")
    CARE = "care", _("Care and health (介護・医療)")
    INFORMATION = "information", _("Information (情報提供)")
    VOLUNTEERS = "volunteers", _("People who help (担い手育成)")
    COMMUNITY = "community", _("Community activities (地域活動)")


class TargetGroup(models.TextChoices):
    """対象: who a programme is for."""

    EVERYONE = "everyone", _("Every resident")
    ELDERLY = "elderly", _("Older people")
    DISABILITY = "disability", _("People with disabilities")
    CHILDREN = "children", _("Children")
    PARENTS = "parents", _("Families raising children")
    YOUTH = "youth", _("Young people")
    HARDSHIP = "hardship", _("People in hardship (生活困窮)")
    FOREIGN = "foreign", _("Foreign residents")
    BUSINESSES = "businesses", _("Businesses and groups")


class Funding(models.TextChoices):
    """財源."""

    GENERAL = "general", _("General revenue (一般財源)")
    NATIONAL = "national", _("National subsidy (国庫補助)")
    PREFECTURE = "prefecture", _("Prefectural subsidy (都道府県補助)")
    JUSOU = "jusou", _("重層的支援体制整備事業交付金")
    CARE_INSURANCE = "care_insurance", _("Long-term care insurance (介護保険)")
    FUND = "fund", _("A fund (基金)")
    OTHER = "other", pgettext_lazy("funding", "Other")


class AdviceStatus(models.TextChoices):
    """支援者支援: a question to the 多機関協働 hub, until it is settled."""

    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Settled")


class ToldBy(models.TextChoices):
    """Whose story a narrative is."""

    STAFF = "staff", _("Staff")
    RESIDENT = "resident", _("A resident")
    BUSINESS = "business", _("A business")
    OTHER = "other", pgettext_lazy("whose story", "Other")


class NarrativeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (only its author reads it)")
    SHARED = "shared", _("Shared")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class IndicatorSource(models.TextChoices):
    COUNTED = "counted", _("Counted from the records")
    SURVEY = "survey", _("Entered from a survey or another source")


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Level(models.TextChoices):
    """Where an indicator sits in a logic model."""

    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
