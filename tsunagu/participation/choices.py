"""The stages and reasons of 参加支援."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a person is with one place: 紹介 → 見学 → 体験 → 継続 → 終了."""

    INTRODUCED = "introduced", _("Introduced")  # 紹介
    VISITED = "visited", _("Visited")  # 見学
    TRIAL = "trial", _("Trying it")  # 体験
    CONTINUING = "continuing", _("Taking part")  # 継続
    ENDED = "ended", _("Ended")  # 終了


#: The order of the stages: a step never goes back.
STAGE_ORDER = [Stage.INTRODUCED, Stage.VISITED, Stage.TRIAL, Stage.CONTINUING, Stage.ENDED]
ACTIVE_STAGES = STAGE_ORDER[:-1]


class StepKind(models.TextChoices):
    VISIT = "visit", _("Visit (見学)")
    TRIAL = "trial", _("Trial (体験)")
    CONTINUING = "continuing", _("Started taking part (継続)")
    FOLLOW_UP_HOST = "follow_up_host", _("Follow-up with the host")  # 定着支援（受け入れ先）
    FOLLOW_UP_PERSON = "follow_up_person", _("Follow-up with the person")  # 定着支援（本人）


#: The stage a step, once it has happened, moves the participation to.
STAGE_OF_STEP = {
    StepKind.VISIT: Stage.VISITED,
    StepKind.TRIAL: Stage.TRIAL,
    StepKind.CONTINUING: Stage.CONTINUING,
}
FOLLOW_UPS = (StepKind.FOLLOW_UP_HOST, StepKind.FOLLOW_UP_PERSON)
#: 定着支援: after a trial and after taking part begins, a follow-up with the host and one with
#: the person this many days later (each a task of the coordinator).
FOLLOW_UP_AFTER_DAYS = 14


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")  # 午前（〜12時）
    AFTERNOON = "afternoon", _("Afternoon")  # 午後（12〜17時）
    EVENING = "evening", _("Evening")  # 夕方・夜（17時〜）


#: The hours of each part of the day, [from, until).
TIME_SPANS = {
    TimeOfDay.MORNING: (0, 12),
    TimeOfDay.AFTERNOON: (12, 17),
    TimeOfDay.EVENING: (17, 24),
}


class DeclineReason(models.TextChoices):
    """Why a person said no to a place they were offered (it informs later matches)."""

    TIME = "time", _("The days or hours do not suit")
    FAR = "far", _("Too far or hard to get to")
    COST = "cost", _("The cost")
    CROWD = "crowd", _("Too many people, too lively")
    INTEREST = "interest", _("Not interested")
    HEALTH = "health", _("Health")
    OTHER = "other", _("Other")


class EndReason(models.TextChoices):
    """Why a participation ended."""

    NEXT_STEP = "next_step", _("Achieved what it was for, or moved on to a next step")
    WISH = "wish", _("The person's wish")
    HEALTH = "health", _("Health")
    MISMATCH = "mismatch", _("It did not suit the person")
    HOST = "host", _("The host's circumstances")
    MOVED = "moved", _("Moved away")
    OTHER = "other", _("Other")


class WellbeingPoint(models.TextChoices):
    """When the wellbeing questions are asked (optional): at the start, at 3 and at 6 months."""

    START = "start", _("At the start")
    MONTH_3 = "month_3", _("After 3 months")
    MONTH_6 = "month_6", _("After 6 months")


class Loneliness(models.IntegerChoices):
    """The 内閣府 national survey's direct question (人々のつながりに関する基礎調査):
    「あなたはどの程度、孤独であると感じることがありますか」."""

    NEVER = 1, _("Never")  # 決してない
    HARDLY_EVER = 2, _("Hardly ever")  # ほとんどない
    OCCASIONALLY = 3, _("Occasionally")  # たまにある
    SOMETIMES = 4, _("Sometimes")  # 時々ある
    OFTEN = 5, _("Often or always")  # しばしばある・常にある


class UclaAnswer(models.IntegerChoices):
    """The answers of the 3-item UCLA loneliness scale as the national survey asks it (1–4)."""

    NEVER = 1, _("Never")  # 決してない
    HARDLY_EVER = 2, _("Hardly ever")  # ほとんどない
    SOMETIMES = 3, _("Sometimes")  # 時々ある
    ALWAYS = 4, _("Always")  # 常にある


#: The three UCLA questions, in the national survey's words.
UCLA_QUESTIONS = (
    _("How often do you feel that you lack companionship?"),  # 人とのつきあいがない
    _("How often do you feel left out?"),  # 自分は取り残されている
    _("How often do you feel isolated from others?"),  # 他の人たちから孤立している
)
#: 令和4年 人々のつながりに関する基礎調査 (内閣官房, 2022年12月, 16歳以上): the share who feel
#: lonely, by answer to the direct question, for the town to compare with.
NATIONAL_LONELINESS = {
    Loneliness.OFTEN: 4.9,
    Loneliness.SOMETIMES: 15.8,
    Loneliness.OCCASIONALLY: 19.6,
}
NATIONAL_SOURCE = "令和4年 人々のつながりに関する基礎調査（内閣官房）"
