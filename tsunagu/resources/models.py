"""社会資源 (the community's resources): a directory shaped on Open Referral HSDS 3.1 — who runs
it (Provider: HSDS organization), where (Location, its 所在地 split as the 自治体標準 splits it),
what it offers (Resource: HSDS service), at which places (ResourceLocation: HSDS
service_at_location), when (Schedule, ClosedPeriod), how many more it can take (Capacity), and
when somebody last made sure it is still so (Confirmation).

The directory holds no personal data of the people it serves. Some of it is still confidential
(a shelter's address, a group's contact): each entry and each field has a Tier, and every page,
export and feed reads it through tsunagu.resources.selectors, which leaves out what the reader's
tier may not see."""

import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, Organization
from tsunagu.core.japanese import content_words
from tsunagu.core.models import TimestampedModel, saving_also
from tsunagu.resources.choices import (
    ConfirmedHow,
    ProviderKind,
    Reservation,
    ResourceStatus,
    Tier,
    Weekday,
)


class Kind(models.Model):
    """種別 (HSDS taxonomy_term): サロン, 子ども食堂, 就労継続支援B型, 農園, 図書館, 商店 …; data
    that the directory's keeper extends. `code` is stable for exports; `parent` groups them."""

    #: The entry's identifier in HSDS exports and feeds (stable, never reused).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("group"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("kind of resource")
        verbose_name_plural = _("kinds of resource")

    def __str__(self) -> str:
        return self.name


class Provider(TimestampedModel):
    """運営主体 (HSDS organization): the city, a 社協, an NPO, a shop, a neighbourhood group."""

    #: The entry's identifier in HSDS exports and feeds (stable, never reused).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    name = models.CharField(_("name"), max_length=200)
    name_kana = models.CharField(_("name (kana)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ProviderKind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    corporate_number = models.CharField(_("corporate number (法人番号)"), max_length=13, blank=True)
    #: Where the provider is itself an agency of Tsunagu (a 社協, a 地域包括支援センター).
    agency = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency in Tsunagu"),
    )
    tier = models.CharField(_("who may see it"), max_length=10, choices=Tier.choices)

    class Meta:
        ordering = ["name_kana", "name", "pk"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name


class Location(TimestampedModel):
    """所在地 (HSDS location with its address), split as the 自治体標準オープンデータセット splits
    it: 都道府県, 市区町村, 町字, 番地以下, 建物名等, with 緯度・経度 and the codes it is known by."""

    #: The entry's identifier in HSDS exports and feeds (stable, never reused).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("provider"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_kana = models.CharField(_("name (kana)"), max_length=200, blank=True)
    local_government_code = models.CharField(
        _("local government code"), max_length=6, blank=True
    )  # 所在地_全国地方公共団体コード
    town_id = models.CharField(_("town ID (町字ID)"), max_length=7, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=50, blank=True)
    town = models.CharField(_("town (町字)"), max_length=100, blank=True)
    street = models.CharField(_("block and number (番地以下)"), max_length=100, blank=True)
    building = models.CharField(_("building (建物名等)"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    transportation = models.CharField(_("how to get there"), max_length=300, blank=True)
    step_free = models.BooleanField(_("step-free"), default=False)  # 段差なし
    wheelchair = models.BooleanField(_("wheelchair accessible"), default=False)  # 車いす可
    quiet_space = models.BooleanField(_("quiet space"), default=False)  # 静かな場所あり
    accessibility_note = models.CharField(_("accessibility notes"), max_length=300, blank=True)
    #: Who may see the address and the map point (a confidential place shows only its district).
    tier = models.CharField(_("who may see the address"), max_length=10, choices=Tier.choices)

    class Meta:
        ordering = ["name_kana", "name", "pk"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        """所在地_連結表記: the parts as one line."""
        return "".join([self.prefecture, self.municipality, self.town, self.street]) + (
            f" {self.building}" if self.building else ""
        )


class Resource(TimestampedModel):
    """社会資源 (HSDS service): what a person can use or join, in plain words — for whom, what
    it costs, whether to book, how to get in touch; and how fresh that is."""

    #: The entry's identifier in HSDS exports and feeds (stable, never reused).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("provider"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_kana = models.CharField(_("name (kana)"), max_length=200, blank=True)
    alternate_name = models.CharField(_("also known as"), max_length=200, blank=True)
    kinds = models.ManyToManyField(Kind, related_name="resources", verbose_name=_("kinds"))
    description = models.TextField(_("what it is"), blank=True)
    suits = models.TextField(_("who it suits, in plain words"), blank=True)
    eligibility = models.CharField(_("who may use it"), max_length=300, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    free = models.BooleanField(_("free of charge"), default=False)
    fees = models.CharField(_("cost"), max_length=300, blank=True)
    reservation = models.CharField(
        _("booking"), max_length=12, choices=Reservation.choices, default=Reservation.NONE
    )
    application = models.CharField(_("how to join"), max_length=300, blank=True)
    pickup = models.BooleanField(_("pick-up offered"), default=False)  # 送迎あり
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    schedule_note = models.TextField(_("about the hours"), blank=True)  # 利用可能日時特記事項
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_extension = models.CharField(_("extension"), max_length=10, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ResourceStatus.choices, default=ResourceStatus.ACTIVE
    )
    #: Who may see the entry at all.
    tier = models.CharField(_("who may see it"), max_length=10, choices=Tier.choices)
    #: The agency that keeps the entry up to date; an entry for the case team only is seen by
    #: it (none: the town's directory, kept by its coordinators).
    keeper = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kept by"),
    )
    #: Fields closed further than the entry: {"phone": "team", "contact_name": "partners"}.
    field_tiers = models.JSONField(_("fields closed further"), default=dict, blank=True)
    #: What the public is given instead of a confidential place: whom to ask (窓口).
    front_door = models.CharField(_("public contact (front door)"), max_length=300, blank=True)
    locations = models.ManyToManyField(
        Location, through="ResourceLocation", related_name="resources", verbose_name=_("places")
    )
    # Where an import came from: (dataset, 全国地方公共団体コード, ID) names it for a re-import.
    source_dataset = models.CharField(_("dataset"), max_length=40, blank=True)
    source_code = models.CharField(_("local government code"), max_length=6, blank=True)
    source_id = models.CharField(_("ID in the dataset"), max_length=40, blank=True)
    #: What it is about (its content words: WORDED), for 参加支援's matching; kept by save().
    words = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["name_kana", "name", "pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.UniqueConstraint(
                fields=["source_dataset", "source_code", "source_id"],
                condition=~models.Q(source_id=""),
                name="resource_source_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.words = words_of(self.__dict__)
        saving_also(kwargs, "words")
        super().save(*args, **kwargs)


#: The fields whose words say what an entry is about.
WORDED = ("name", "alternate_name", "description", "suits")


def words_of(fields: Mapping[str, Any]) -> str:
    """An entry's content words (Resource.words) from its fields, for a bulk write too."""
    return " ".join(sorted(content_words("\n".join(str(fields.get(f) or "") for f in WORDED))))


class ResourceLocation(models.Model):
    """A resource at one of its places (HSDS service_at_location)."""

    #: The entry's identifier in HSDS exports and feeds (stable, never reused).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("at this place"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "location"], name="resource_location_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource_id}@{self.location_id}"


class Schedule(models.Model):
    """曜日と時間: one day of the week (or 祝日) with its hours (HSDS schedule, weekly)."""

    #: The entry's identifier in HSDS exports and feeds (stable, never reused).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("resource")
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))
    note = models.CharField(_("note"), max_length=200, blank=True)  # 第2・第4のみ …

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="schedule_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class ClosedPeriod(models.Model):
    """休業: a period of every year it is closed (年末年始 12/29–1/3, お盆), by month and day."""

    resource = models.ForeignKey(
        Resource,
        on_delete=models.CASCADE,
        related_name="closed_periods",
        verbose_name=_("resource"),
    )
    label = models.CharField(_("what"), max_length=60)
    starts_month = models.PositiveSmallIntegerField(_("from (month)"))
    starts_day = models.PositiveSmallIntegerField(_("from (day)"))
    ends_month = models.PositiveSmallIntegerField(_("until (month)"))
    ends_day = models.PositiveSmallIntegerField(_("until (day)"))

    class Meta:
        ordering = ["starts_month", "starts_day"]
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")

    def __str__(self) -> str:
        return (
            f"{self.label} {self.starts_month}/{self.starts_day}–{self.ends_month}/{self.ends_day}"
        )


class Capacity(models.Model):
    """空き (HSDS service_capacity): how many more it can take, in its own unit (席, 枠, 人)."""

    #: The entry's identifier in HSDS exports and feeds (stable, never reused).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="capacities", verbose_name=_("resource")
    )
    unit = models.CharField(_("unit"), max_length=20)
    available = models.PositiveIntegerField(_("available"), validators=[MinValueValidator(0)])
    maximum = models.PositiveIntegerField(_("maximum"), null=True, blank=True)
    description = models.CharField(_("about"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        ordering = ["unit"]
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(maximum__isnull=True)
                | models.Q(maximum__gte=models.F("available")),
                name="capacity_available_within_maximum",
            )
        ]

    def __str__(self) -> str:
        return f"{self.available}/{self.maximum or '-'} {self.unit}"


class Confirmation(models.Model):
    """鮮度: somebody made sure the entry is still as it says — by a visit, a call, the host, or
    an open-data import — and when. The newest one is the entry's freshness."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="confirmations", verbose_name=_("resource")
    )
    confirmed_on = models.DateField(_("confirmed on"))
    how = models.CharField(_("how"), max_length=10, choices=ConfirmedHow.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-confirmed_on", "-pk"]
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")

    def __str__(self) -> str:
        return f"{self.confirmed_on} {self.how}"


class ImportRun(TimestampedModel):
    """A 自治体標準 file given on the web page: imported in the background (`tsunagu worker`),
    with what it understood and did (or, in a dry run, would do) kept as its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Nothing imported")

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=200)
    dataset = models.CharField(_("dataset"), max_length=40, blank=True)
    dry_run = models.BooleanField(_("dry run (nothing kept)"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    report = models.JSONField(_("report"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.file_name
