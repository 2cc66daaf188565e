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
