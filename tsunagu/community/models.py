"""地域づくり: the places of the community and the people there who pass a worry on, the staff
who drop in, the gatherings where fields meet (車座), the town's network of organizations and
people in their roles, and the encounters suggested to grow it (計画的偶発性).

Nothing here is about a client: a worry a gatekeeper passes on becomes a Concern in the
outreach flow, and only that it was received is kept here."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, Organization
from tsunagu.community.choices import (
    ActorKind,
    Field,
    HowMet,
    IdeaKind,
    IdeaStatus,
    PlaceKind,
    SuggestionStatus,
)
from tsunagu.core.japanese import content_words
from tsunagu.core.models import TimestampedModel, saving_also
from tsunagu.outreach.models import Concern
from tsunagu.resources.models import Provider, Resource


def _words(*texts: str) -> str:
    return " ".join(sorted(content_words(" ".join(t for t in texts if t))))


class Actor(TimestampedModel):
    """つながりの担い手: an organization (an agency, a shop, a 自治会, a university) or a person
    in their role (the まちづくり会社's director, a professor, a former ひきこもり who speaks as
    当事者) — never a client. A person is named only with their agreement."""

    kind = models.CharField(_("organization or person"), max_length=20, choices=ActorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_kana = models.CharField(_("name (kana)"), max_length=200, blank=True)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    role_title = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_("店主, 代表, 教授, 当事者として …")
    )
    member_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("belongs to"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency in Tsunagu"),
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider in the directory"),
    )
    interests = models.TextField(
        _("topics and interests"),
        blank=True,
        help_text=_("What they care about and would talk about: 空き家, 子ども食堂, 移動販売 …"),
    )
    agreed_on = models.DateField(_("agreed to be named on"), null=True, blank=True)
    joined_on = models.DateField(_("in the network since"), default=timezone.localdate)
    left_on = models.DateField(_("left the network on"), null=True, blank=True)
    words = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["name_kana", "name", "pk"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        indexes = [models.Index(fields=["field", "district"], name="actor_field_district_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ActorKind.ORGANIZATION) | Q(agreed_on__isnull=False),
                name="actor_person_agreed",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.words = _words(self.interests, self.role_title)
        saving_also(kwargs, "words")
        super().save(*args, **kwargs)


class Tie(TimestampedModel):
    """つながり: two members of the network know each other and can call on each other — since
    when, how they met, across which fields. Stored once per pair (the lower id first)."""

    a = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    since = models.DateField(_("since"))
    how = models.CharField(_("how they met"), max_length=20, choices=HowMet.choices)
    gathering = models.ForeignKey(
        "Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ties",
        verbose_name=_("gathering"),
    )
    suggestion = models.ForeignKey(
        "Suggestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ties",
        verbose_name=_("suggested encounter"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-since", "-pk"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [
            models.CheckConstraint(condition=Q(a__lt=F("b")), name="tie_pair_ordered"),
            models.UniqueConstraint(fields=["a", "b"], name="tie_pair_unique"),
        ]
        indexes = [models.Index(fields=["since"], name="tie_since_idx")]

    def __str__(self) -> str:
        return f"{self.a_id}–{self.b_id}"


class Place(TimestampedModel):
    """地域の場: a 居場所 or 拠点 of the programme, or an ordinary place (a standing bar, a café,
    a barber, a coin laundry) where worries are first heard. Linked to its directory entry
    when it has one; on the public pages only when marked public."""

    #: The place's identifier on the public pages and feeds (stable, never reused).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    name_kana = models.CharField(_("name (kana)"), max_length=200, blank=True)
    kind = models.CharField(_("kind of place"), max_length=20, choices=PlaceKind.choices)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    resource = models.ForeignKey(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entry in the directory"),
    )
    member = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("in the network as"),
    )
    description = models.TextField(_("what it is like"), blank=True)
    easy_description = models.TextField(
        _("in easy Japanese (やさしい日本語)"),
        blank=True,
        help_text=_("Short sentences, everyday words, kanji with readings where needed."),
    )
    days = models.CharField(_("days open"), max_length=7, blank=True)  # digits, Monday 0
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    interests = models.CharField(
        _("what goes on"), max_length=300, blank=True, help_text=_("将棋, お茶, 手芸, 囲碁 …")
    )
    public = models.BooleanField(
        _("on the public pages"),
        default=False,
        help_text=_("Only its name, kind, district, address, hours and description are shown."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    words = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["name_kana", "name", "pk"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["public", "district"], name="place_public_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.words = _words(self.name, self.description, self.interests)
        saving_also(kwargs, "words")
        super().save(*args, **kwargs)


class Gatekeeper(TimestampedModel):
    """つないでくれる人: someone at an ordinary place (the bar's owner) who passes a worry on,
    in the way agreed with them. Nothing comes back to them but that it was received."""

    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="gatekeepers", verbose_name=_("place")
    )
    name = models.CharField(_("name"), max_length=100)
    role_title = models.CharField(_("role"), max_length=100, blank=True)  # 店主, 管理人
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    agreed_way = models.TextField(
        _("the agreed way to pass a worry on"),
        help_text=_("Who they call or tell, when, and what they will hear back (only: received)."),
    )
    agreed_on = models.DateField(_("agreed on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    member = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in the network as"),
    )

    class Meta:
        ordering = ["place", "pk"]
        verbose_name = _("gatekeeper")
        verbose_name_plural = _("gatekeepers")

    def __str__(self) -> str:
        return self.name


class PassedWorry(models.Model):
    """つないでもらった心配: a gatekeeper passed a worry on, and it became a concern in the
    outreach queue. Only the date and that it was received are kept on this side."""

    gatekeeper = models.ForeignKey(
        Gatekeeper, on_delete=models.PROTECT, related_name="worries", verbose_name=_("gatekeeper")
    )
    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="+")
    passed_on = models.DateField(_("passed on"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-passed_on", "-pk"]
        verbose_name = _("worry passed on")
        verbose_name_plural = _("worries passed on")

    def __str__(self) -> str:
        return f"{self.gatekeeper_id} {self.passed_on}"


class Visit(TimestampedModel):
    """顔を出す: staff dropped in at a place — who, when, and what was talked about in general.
    A worry about someone goes through the concern flow, never into these notes."""

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="visits", verbose_name=_("place")
    )
    visited_on = models.DateField(_("visited on"))
    visitors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("who went")
    )
    topics = models.TextField(
        _("what was talked about, in general"),
        blank=True,
        help_text=_("最近の客足, 商店街の祭り, 空き店舗 … — no one's name or situation."),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["place", "visited_on"], name="visit_place_day_idx")]

    def __str__(self) -> str:
        return f"{self.place_id} {self.visited_on}"


class GatheringType(models.Model):
    """集まりの種類 (data, so a town adds its own): 車座, ラウンドテーブル, フィールドワーク, 体験
    ゲーム, サロン, 研修 …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    easy_name = models.CharField(_("in easy Japanese"), max_length=60, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("kind of gathering")
        verbose_name_plural = _("kinds of gathering")

    def __str__(self) -> str:
        return self.name


class Gathering(TimestampedModel):
    """集まり: a 車座, a ラウンドテーブル, a フィールドワーク … — when and where, who organized it
    from which fields, how many came from each, what was talked about and what came out. On
    the public pages (and the town's calendar) only when marked public."""

    #: The event's identifier on the public pages and in the iCalendar feeds (its UID).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.ForeignKey(
        GatheringType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind")
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until (for several days)"), null=True, blank=True)
    starts_at = models.TimeField(_("starts"), null=True, blank=True)
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gatherings",
        verbose_name=_("place"),
    )
    venue = models.CharField(_("venue (when not one of the places)"), max_length=300, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    organizers = models.ManyToManyField(
        Actor, related_name="organized", blank=True, verbose_name=_("organized by")
    )
    topics = models.TextField(_("topics"), blank=True)
    outcome = models.TextField(_("what came out"), blank=True)
    public = models.BooleanField(
        _("on the public pages"),
        default=False,
        help_text=_("Shows its title, date, place, description and how to join; never who came."),
    )
    description = models.TextField(_("description for the public"), blank=True)
    easy_description = models.TextField(_("in easy Japanese (やさしい日本語)"), blank=True)
    application = models.CharField(_("how to join"), max_length=300, blank=True)
    fee = models.CharField(_("cost"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    contact = models.CharField(_("contact for the public"), max_length=200, blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    from_idea = models.ForeignKey(
        "Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gatherings",
        verbose_name=_("grew from the idea"),
    )
    source_code = models.CharField(_("local government code"), max_length=6, blank=True)
    source_id = models.CharField(_("ID in the dataset"), max_length=40, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by agency"),
    )
    recorded_by = models.ForeignKey(  # none for a gathering imported from open data
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    words = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        indexes = [
            models.Index(fields=["public", "held_on"], name="gathering_public_day_idx"),
            models.Index(fields=["held_on", "district"], name="gathering_day_district_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_code", "source_id"],
                condition=~Q(source_id=""),
                name="gathering_source_unique",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("held_on")),
                name="gathering_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # What the public search finds it by: its public fields only (never its topics).
        self.words = _words(self.title, self.description, self.easy_description)
        saving_also(kwargs, "words")
        super().save(*args, **kwargs)


class Attendance(models.Model):
    """参加者数 by field: how many came from 福祉, まちづくり, 商店会 … (counted, not named)."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="attendance")
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        ordering = ["gathering", "field"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["gathering", "field"], name="attendance_field_unique"),
            models.CheckConstraint(condition=Q(count__gte=0), name="attendance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.field} {self.count}"


class NamedAttendee(models.Model):
    """Someone named as having come — a member of the network who agreed to be named."""

    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="named")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="attended")

    class Meta:
        ordering = ["gathering", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gathering", "actor"], name="named_attendee_unique")
        ]

    def __str__(self) -> str:
        return f"{self.gathering_id}:{self.actor_id}"


class Idea(TimestampedModel):
    """What came out of a gathering (an idea, a project) and what it became: a gathering of its
    own, a resource in the directory, or a barrier taken to policy (insights)."""

    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("gathering")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IdeaKind.choices)
    text = models.TextField(_("what"))
    status = models.CharField(
        _("what became of it"),
        max_length=20,
        choices=IdeaStatus.choices,
        default=IdeaStatus.OPEN,
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resource it became"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["gathering", "pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.text[:40]


class FollowUp(TimestampedModel):
    """A follow-up of a gathering, as a task with a due date and someone who does it."""

    gathering = models.ForeignKey(
        Gathering, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("gathering")
    )
    title = models.CharField(_("what to do"), max_length=300)
    due_on = models.DateField(_("due"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["assignee", "done_on", "due_on"], name="followup_due_idx")]

    def __str__(self) -> str:
        return self.title


class Suggestion(TimestampedModel):
    """計画的偶発性: an encounter the coordinator chose to arrange — two or a few members of the
    network from different fields who share a topic and have no tie yet — with its reason, and
    whether it became a tie."""

    members = models.ManyToManyField(Actor, related_name="suggestions", verbose_name=_("who"))
    reason = models.TextField(_("why they should meet"))
    status = models.CharField(
        _("outcome"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    gathering = models.ForeignKey(
        Gathering,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to meet at"),
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("outcome on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggested encounter")
        verbose_name_plural = _("suggested encounters")

    def __str__(self) -> str:
        return self.reason[:40]
