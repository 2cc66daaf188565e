"""アセスメント・支援プラン・評価, each kept in versions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization
from tsunagu.cases.models import Case
from tsunagu.core.models import TimestampedModel
from tsunagu.plans.choices import PLAN_CATEGORIES, Attainment, NextDirection
from tsunagu.sharing.choices import category_labels


class Assessment(TimestampedModel):
    """アセスメント (one version). A new version is a new row; the latest is the current one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveSmallIntegerField(_("version"))
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    health = models.TextField(_("Health and disability"), blank=True)
    housing = models.TextField(_("Housing"), blank=True)
    income = models.TextField(_("Income, assets and debts"), blank=True)
    work = models.TextField(_("Work"), blank=True)
    family = models.TextField(_("Family relationships"), blank=True)
    social = models.TextField(_("Social participation"), blank=True)
    history = models.TextField(_("Life history"), blank=True)
    wishes_strengths = models.TextField(_("The person's wishes and strengths"), blank=True)
    summary = models.TextField(_("overall view"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )

    class Meta:
        ordering = ["case", "-version"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="assessment_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"


class SupportPlan(TimestampedModel):
    """支援プラン (one version): the person's wishes first, goals, actions with who and when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveSmallIntegerField(_("version"))
    persons_wishes = models.TextField(_("the person's wishes"))
    long_term_goal = models.TextField(_("long-term goal"), blank=True)
    period_start = models.DateField(_("plan from"), default=timezone.localdate)
    period_end = models.DateField(_("plan until"), null=True, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    categories = models.PositiveSmallIntegerField(
        _("information categories"), default=PLAN_CATEGORIES
    )
    #: 就労支援対象者 (生活困窮者自立支援制度 支援状況調査): the plan includes support towards work.
    employment_support = models.BooleanField(
        _("includes support towards work (就労支援)"), default=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )

    class Meta:
        ordering = ["case", "-version"]
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_version_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.version}"

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)


class PlanGoal(models.Model):
    """短期目標 (a short-term goal, in the person's words where possible)."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(_("goal"))

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.text


class PlanAction(models.Model):
    """支援内容 (who does what by when). Each becomes a task."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(default=1)
    description = models.TextField(_("what is done"))
    responsible_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organization"),
    )
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible worker"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.description


class Evaluation(TimestampedModel):
    """評価 (review of a plan): each goal's attainment, the person's change, what next."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evaluations")
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="evaluations")
    evaluated_on = models.DateField(_("evaluated on"), default=timezone.localdate)
    persons_change = models.TextField(_("the person's change"), blank=True)
    next_direction = models.CharField(
        _("next direction"), max_length=10, choices=NextDirection.choices
    )
    comment = models.TextField(_("comment"), blank=True)
    #: 就労者・増収者 (支援状況調査): what changed in work and income since the plan.
    found_work = models.BooleanField(_("found work (就労)"), default=False)
    income_rose = models.BooleanField(_("income rose (増収)"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )

    class Meta:
        ordering = ["case", "-evaluated_on", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.case} {self.evaluated_on}"


class GoalAttainment(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="attainments")
    goal = models.ForeignKey(PlanGoal, on_delete=models.PROTECT, related_name="+")
    attainment = models.CharField(_("attainment"), max_length=10, choices=Attainment.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="attainment_goal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.attainment}"
