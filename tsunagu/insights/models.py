"""あとちょっと and 制度の狭間: what blocked the next step, recorded inside casework, so that it
can be counted and turned into policy (政策化) without anyone's personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, Organization
from tsunagu.cases.models import Case
from tsunagu.core.models import TimestampedModel
from tsunagu.insights.choices import (
    AdviceStatus,
    BlockedBy,
    Decision,
    Direction,
    Function,
    Funding,
    IndicatorSource,
    Level,
    NarrativeStatus,
    ResponseStatus,
    Source,
    TargetGroup,
    ToldBy,
)


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
    #: Where the need is (the district of a case's person, or the dialogue's), for counts only.
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    #: Dialogue with no case: which occasion (第3回 受託事業者とのおしゃべり会) and when.
    occasion = models.CharField(_("occasion"), max_length=200, blank=True)
    noticed_on = models.DateField(_("noticed on"), null=True, blank=True)
    theme = models.ForeignKey(
        "Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barriers",
        verbose_name=_("theme"),
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


class Program(TimestampedModel):
    """庁内事業 (事業棚卸し): a programme of any section of the city hall, with what it does
    (機能), for whom (対象) and its money (財源, 予算): where a need that falls between the
    programmes may find a 福祉×○○ partner."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    section = models.CharField(_("section (課)"), max_length=100)
    name = models.CharField(_("programme (事業名)"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    target = models.TextField(_("who it is for"), blank=True)
    functions = models.JSONField(_("functions"), default=list, blank=True)
    targets = models.JSONField(_("target groups"), default=list, blank=True)
    funding = models.JSONField(_("funding (財源)"), default=list, blank=True)
    budget = models.PositiveBigIntegerField(
        _("budget (thousand yen)"), null=True, blank=True, help_text=_("予算額（千円）")
    )
    staff = models.CharField(_("person in charge"), max_length=100, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    is_active = models.BooleanField(_("running"), default=True)
    #: The words of its name, purpose and target (Sudachi content words), to meet a barrier's.
    words = models.TextField(editable=False, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-fiscal_year", "section", "name"]
        verbose_name = _("programme of the city hall")
        verbose_name_plural = _("programmes of the city hall")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "section", "name"], name="program_year_section_name_unique"
            )
        ]
        indexes = [models.Index(fields=["fiscal_year", "section"], name="program_year_section_idx")]

    def __str__(self) -> str:
        return f"{self.section} {self.name}"

    def labels(self, field: str) -> list[str]:
        choices = {"functions": Function, "targets": TargetGroup, "funding": Funding}[field]
        known = dict(choices.choices)
        return [str(known.get(code, code)) for code in getattr(self, field)]


class Theme(TimestampedModel):
    """A 政策課題 gathered from barriers (夜間・休日の相談窓口がない, 通院の移動手段): the
    management response to it, 受け止め → 検討 → 対応決定 → 実施 → 振り返り, with an owner and a
    due date. Each step is kept (ThemeStep), so the theme says where it stands and how it got
    there."""

    title = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("what the barriers say"), blank=True)
    status = models.CharField(
        _("response"),
        max_length=20,
        choices=ResponseStatus.choices,
        default=ResponseStatus.RECEIVED,
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_text = models.TextField(_("what was decided, or why not"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="themes",
        verbose_name=_("programme that almost fits"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        indexes = [models.Index(fields=["status", "due_on"], name="theme_status_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="no_action") | ~models.Q(decision_text=""),
                name="theme_no_action_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ThemeStep(models.Model):
    """One step of a theme's response: the status it reached, the decision if one was taken,
    the owner and due date then, and a note; never changed afterwards."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("response"), max_length=20, choices=ResponseStatus.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_text = models.TextField(_("what was decided, or why not"), blank=True)
    program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    taken_at = models.DateTimeField(_("when"))
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["theme", "taken_at", "pk"]
        verbose_name = _("step of a response")
        verbose_name_plural = _("steps of a response")

    def __str__(self) -> str:
        return f"{self.theme} {self.status}"


class ProgramFit(TimestampedModel):
    """福祉×○○: a programme that almost covers a barrier's need, and what it lacks."""

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="fits")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="fits")
    lacks = models.TextField(_("what it lacks to cover the need"), blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["barrier", "-created_at"]
        verbose_name = _("programme that almost fits")
        verbose_name_plural = _("programmes that almost fit")
        constraints = [
            models.UniqueConstraint(
                fields=["barrier", "program"], name="fit_barrier_program_unique"
            )
        ]


class AdviceRequest(TimestampedModel):
    """支援者支援: a frontline worker asks the 多機関協働 hub for advice on a situation without
    handing the case over. The situation is a summary that names nobody; a case is linked only
    where the hub already has a lawful path to it (it leads it, or a consent or a 支援会議 opens
    it to the hub)."""

    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("asking agency")
    )
    hub = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("asked of")
    )
    topic = models.CharField(_("topic"), max_length=200)
    situation = models.TextField(
        _("the situation, naming nobody"),
        help_text=_("e.g. 80代の母と50代の息子の二人暮らし。息子は10年ほど就労していない。"),
    )
    question = models.TextField(_("what you would like advice on"))
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case (where the hub may open it)"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AdviceStatus.choices, default=AdviceStatus.OPEN
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("settled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request for advice")
        verbose_name_plural = _("requests for advice")
        indexes = [
            models.Index(fields=["hub", "status"], name="advice_hub_status_idx"),
            models.Index(fields=["organization", "created_at"], name="advice_org_time_idx"),
        ]

    def __str__(self) -> str:
        return self.topic


class AdviceReply(TimestampedModel):
    """One message of a request for advice: the hub's answer, or the worker's follow-up."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    text = models.TextField(_("message"))

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return self.text[:40]


class Narrative(TimestampedModel):
    """ナラティブ: a story of 成解 (what worked in the field), told by staff, a resident or a
    business, shared with the consent of those it names. What is shared is the de-identified
    text the author reviewed; the draft as written is read by its author alone."""

    title = models.CharField(_("title"), max_length=200)
    told_by = models.CharField(_("whose story"), max_length=20, choices=ToldBy.choices)
    body = models.TextField(_("the story as written"))
    consent_on = models.DateField(
        _("consent of those it names, obtained on"), null=True, blank=True
    )
    consent_how = models.CharField(_("how the consent was obtained"), max_length=300, blank=True)
    shared_body = models.TextField(_("the story as shared (naming nobody)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NarrativeStatus.choices, default=NarrativeStatus.DRAFT
    )
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )

    class Meta:
        ordering = ["-shared_at", "-created_at", "-pk"]
        verbose_name = _("narrative")
        verbose_name_plural = _("narratives")
        indexes = [models.Index(fields=["status", "shared_at"], name="narrative_shared_idx")]

    def __str__(self) -> str:
        return self.title


class WelfarePlan(TimestampedModel):
    """地域福祉計画: the municipality's plan — its vision, its years, the indicators it is
    measured by and the logic model of each 事業; reviewed every year (毎年ブラッシュアップ)."""

    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("from fiscal year"))
    last_year = models.PositiveSmallIntegerField(_("to fiscal year"))
    vision = models.TextField(_("vision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-first_year", "name"]
        verbose_name = _("community welfare plan")
        verbose_name_plural = _("community welfare plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="welfare_plan_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class LogicModel(TimestampedModel):
    """A 事業's logic model: inputs → activities → outputs → outcomes."""

    plan = models.ForeignKey(WelfarePlan, on_delete=models.CASCADE, related_name="logic_models")
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("事業 or action"), max_length=200)
    inputs = models.TextField(_("inputs (投入)"), blank=True)
    activities = models.TextField(_("activities (活動)"), blank=True)
    outputs = models.TextField(_("outputs (結果)"), blank=True)
    outcomes = models.TextField(_("outcomes (成果)"), blank=True)

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("logic model")
        verbose_name_plural = _("logic models")

    def __str__(self) -> str:
        return self.title


class Indicator(TimestampedModel):
    """指標: what the plan is measured by — a baseline, a target and where the value comes from
    (counted from the records, or entered from a survey), for the town or a district."""

    plan = models.ForeignKey(WelfarePlan, on_delete=models.CASCADE, related_name="indicators")
    logic_model = models.ForeignKey(
        LogicModel, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, default=Level.OUTCOME
    )
    name = models.CharField(_("indicator"), max_length=200)
    source = models.CharField(_("source"), max_length=10, choices=IndicatorSource.choices)
    metric = models.CharField(_("what is counted"), max_length=40, blank=True)
    survey = models.CharField(_("survey or source"), max_length=200, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    direction = models.CharField(
        _("better is"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "logic_model", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(TimestampedModel):
    """A year's value of an indicator entered by hand (a survey's result)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "fiscal_year"]
        verbose_name = _("value of an indicator")
        verbose_name_plural = _("values of indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"], name="indicator_value_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.fiscal_year}"
