"""参加支援: what a person likes, is good at, wishes and cannot do (Profile: 参加・つながり, an
information category of the case under the sharing rules); the places they are introduced to and
how it goes (Participation and its steps: 紹介 → 見学 → 体験 → 継続 → 終了, 同行, 定着支援); what
they said no to (Decline); and what a host agreed to change for someone (Adaptation: 資源化),
which later matches offer to others."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, Organization
from tsunagu.cases.models import Case, Task
from tsunagu.core.japanese import content_words
from tsunagu.core.models import TimestampedModel, saving_also
from tsunagu.participation.choices import (
    DeclineReason,
    EndReason,
    Loneliness,
    Stage,
    StepKind,
    TimeOfDay,
    UclaAnswer,
    WellbeingPoint,
)
from tsunagu.resources.choices import Weekday
from tsunagu.resources.models import Provider, Resource


def joined_words(*texts: str) -> str:
    return " ".join(sorted(content_words("\n".join(texts))))


def day_labels(days: str) -> list[str]:
    return [str(Weekday(int(day)).label) for day in days]


def time_labels(times: str) -> list[str]:
    return [str(TimeOfDay(time).label) for time in times.split()]


class Profile(TimestampedModel):
    """参加・つながり: the person's interests, strengths, wishes, what they do not want and what
    limits them, in their words, on their case. Corrected with history (core.revisions)."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="participation_profile", verbose_name=_("case")
    )
    interests = models.TextField(_("what they like, what interests them"), blank=True)
    strengths = models.TextField(_("what they are good at, what they used to do"), blank=True)
    wishes = models.TextField(_("what they would like to do"), blank=True)
    dislikes = models.TextField(_("what they do not want"), blank=True)
    days = models.CharField(_("days that suit"), max_length=8, blank=True)  # "14": 火・金
    times = models.CharField(_("times that suit"), max_length=40, blank=True)  # "morning …"
    districts = models.ManyToManyField(
        District, blank=True, related_name="+", verbose_name=_("districts they can get to")
    )
    needs_pickup = models.BooleanField(_("needs a lift"), default=False)  # 送迎が必要
    needs_step_free = models.BooleanField(_("needs step-free access"), default=False)
    needs_wheelchair = models.BooleanField(_("uses a wheelchair"), default=False)
    needs_quiet = models.BooleanField(_("needs a quiet place, few people"), default=False)
    max_cost = models.PositiveIntegerField(
        _("cost they can pay per visit (yen)"),
        null=True,
        blank=True,
        help_text=_("0: free places only; empty: no limit."),
    )
    health = models.CharField(_("health to keep in mind"), max_length=300, blank=True)
    other_limits = models.TextField(_("other limits"), blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    #: The content words of the interests, strengths and wishes (kept by save()).
    words = models.TextField(editable=False, blank=True, default="")
    dislike_words = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("participation profile")
        verbose_name_plural = _("participation profiles")

    def __str__(self) -> str:
        return str(_("Participation profile of case #%(number)s") % {"number": self.case_id})

    def save(self, *args: object, **kwargs: object) -> None:
        self.words = joined_words(self.interests, self.strengths, self.wishes)
        self.dislike_words = joined_words(self.dislikes)
        saving_also(kwargs, "words", "dislike_words")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def day_labels(self) -> list[str]:
        return day_labels(self.days)

    def time_labels(self) -> list[str]:
        return time_labels(self.times)


class Adaptation(TimestampedModel):
    """資源化: what a host agreed to do differently so that someone can take part (a short task
    cut out of a shop's work, a quiet seat, a lift from home): on the resource, an offer that
    later matches use, for as many people as it says, until it runs out. It names no person."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="adaptations", verbose_name=_("resource")
    )
    what = models.CharField(_("what the host offers"), max_length=300)
    days = models.CharField(_("days"), max_length=8, blank=True)
    times = models.CharField(_("times"), max_length=40, blank=True)
    capacity = models.PositiveSmallIntegerField(_("people at a time"), default=1)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    quiet = models.BooleanField(_("a quiet place, few people"), default=False)
    step_free = models.BooleanField(_("step-free"), default=False)
    pickup = models.BooleanField(_("a lift"), default=False)
    host_contact = models.CharField(_("host's contact person"), max_length=100, blank=True)
    negotiated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("negotiated by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    negotiated_on = models.DateField(_("agreed on"), default=timezone.localdate)
    words = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["resource", "-negotiated_on", "-pk"]
        verbose_name = _("adaptation (資源化)")
        verbose_name_plural = _("adaptations (資源化)")

    def __str__(self) -> str:
        return self.what

    def save(self, *args: object, **kwargs: object) -> None:
        self.words = joined_words(self.what)
        saving_also(kwargs, "words")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def in_force(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.valid_until is None or self.valid_until >= on

    def day_labels(self) -> list[str]:
        return day_labels(self.days)

    def time_labels(self) -> list[str]:
        return time_labels(self.times)

    def provides(self) -> list[str]:
        return [
            str(label)
            for flag, label in (
                (self.quiet, _("a quiet place")),
                (self.step_free, _("step-free")),
                (self.pickup, _("a lift")),
            )
            if flag
        ]


class Participation(TimestampedModel):
    """One person with one place: introduced, visited, tried, taking part, ended."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="participations", verbose_name=_("case")
    )
    resource = models.ForeignKey(
        Resource, on_delete=models.PROTECT, related_name="participations", verbose_name=_("place")
    )
    adaptation = models.ForeignKey(
        Adaptation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("with the adaptation"),
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.INTRODUCED
    )
    introduced_on = models.DateField(_("introduced on"), default=timezone.localdate)
    host_contact = models.CharField(_("host's contact person"), max_length=100, blank=True)
    #: What the host may know, as the person agreed: the name to be called by, and a line.
    host_name = models.CharField(_("name the host may know"), max_length=30, blank=True)
    host_note = models.CharField(_("what the host may know"), max_length=300, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    continuing_since = models.DateField(_("taking part since"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=12, choices=EndReason.choices, blank=True
    )
    end_note = models.TextField(_("about the ending"), blank=True)
    outcome = models.TextField(_("what changed for the person"), blank=True)

    class Meta:
        ordering = ["-introduced_on", "-pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        indexes = [models.Index(fields=["resource", "stage"], name="participation_resource_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("introduced_on")),
                name="participation_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} ({self.get_stage_display()})"

    @property
    def is_active(self) -> bool:
        return self.stage != Stage.ENDED


class Step(TimestampedModel):
    """A step of a participation: a visit, a trial, the start of taking part, a follow-up with
    the host or the person (定着支援) — planned (with who goes along: 同行, and a task), then
    recorded as it happened."""

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("participation"),
    )
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    happened_on = models.DateField(_("happened on"), null=True, blank=True)
    accompanied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accompanied by (同行)"),
    )
    note = models.TextField(_("how it went"), blank=True)
    task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["participation", "planned_on", "happened_on", "pk"]
        verbose_name = _("participation step")
        verbose_name_plural = _("participation steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_on__isnull=False) | Q(happened_on__isnull=False),
                name="step_is_planned_or_happened",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_planned(self) -> bool:
        return self.happened_on is None


class Decline(TimestampedModel):
    """A place the person was offered and said no to, and why: later matches leave it out for
    them, and weigh the reason for others."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="declines", verbose_name=_("case")
    )
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="declines", verbose_name=_("place")
    )
    reason = models.CharField(_("why"), max_length=12, choices=DeclineReason.choices)
    note = models.CharField(_("in the person's words"), max_length=300, blank=True)
    declined_on = models.DateField(_("on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )

    class Meta:
        ordering = ["-declined_on", "-pk"]
        verbose_name = _("declined place")
        verbose_name_plural = _("declined places")
        indexes = [models.Index(fields=["resource", "reason"], name="decline_resource_idx")]

    def __str__(self) -> str:
        return f"{self.resource}: {self.get_reason_display()}"


class Wellbeing(TimestampedModel):
    """孤独感 (optional, with the person's agreement): the national survey's direct question and
    the 3-item UCLA scale, at the start and after 3 and 6 months, so that a town can see how
    people fare and compare with the national figures."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="wellbeing", verbose_name=_("case")
    )
    point = models.CharField(_("when"), max_length=10, choices=WellbeingPoint.choices)
    measured_on = models.DateField(_("asked on"), default=timezone.localdate)
    loneliness = models.PositiveSmallIntegerField(
        _("how often they feel lonely"), choices=Loneliness.choices
    )
    companionship = models.PositiveSmallIntegerField(
        _("lack of companionship"), choices=UclaAnswer.choices
    )
    left_out = models.PositiveSmallIntegerField(_("feeling left out"), choices=UclaAnswer.choices)
    isolated = models.PositiveSmallIntegerField(_("feeling isolated"), choices=UclaAnswer.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )

    class Meta:
        ordering = ["case", "measured_on", "pk"]
        verbose_name = _("wellbeing")
        verbose_name_plural = _("wellbeing")
        constraints = [
            models.UniqueConstraint(fields=["case", "point"], name="wellbeing_once_per_point")
        ]

    def __str__(self) -> str:
        return f"{self.get_point_display()} {self.measured_on}"

    @property
    def ucla(self) -> int:
        """The UCLA total, 3–12 (the national survey counts 10–12 as often lonely)."""
        return self.companionship + self.left_out + self.isolated


class HostAccount(TimestampedModel):
    """協力事業者のログイン: a shop's or a group's own account. It holds no role: it confirms its
    places' entries and room, and sees whom to expect — the name and the line each person
    agreed the host may know, and the day of the next visit — nothing more."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="host_account",
        verbose_name=_("account"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="host_accounts", verbose_name=_("host")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["provider", "pk"]
        verbose_name = _("host account")
        verbose_name_plural = _("host accounts")

    def __str__(self) -> str:
        return f"{self.provider}: {self.user}"
