"""ケース (continuing support for a person or a household), its notes and tasks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization
from tsunagu.cases.choices import CaseStatus, ClosureReason, NoteMethod
from tsunagu.core.models import TimestampedModel
from tsunagu.core.wareki import age_label
from tsunagu.intake.choices import flag_labels, has_critical_risk
from tsunagu.intake.models import Consultation, FirstResponse, Issue
from tsunagu.people.models import Household, Person
from tsunagu.sharing.choices import InfoCategory, category_labels


class Case(FirstResponse, TimestampedModel):
    """ケース. The lead organization (主担当機関) and worker (主担当) carry it; after closure the
    worker stays named for 伴走."""

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("person"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("household"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    lead_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="led_cases",
        verbose_name=_("lead organization"),
    )
    lead_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_cases",
        verbose_name=_("lead worker"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    issues = models.ManyToManyField(
        Issue, through="CaseIssue", blank=True, verbose_name=_("issues")
    )
    risk_flags = models.CharField(_("risk flags"), max_length=120, blank=True, default="")
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_note = models.TextField(_("closing note"), blank=True)
    support_decided_on = models.DateField(
        _("support decided on (支援決定)"),
        null=True,
        blank=True,
        help_text=_("The municipality's decision that the case is supported under 重層."),
    )
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("from consultation"),
    )

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(
                fields=["lead_organization", "status", "opened_on"], name="case_org_status_idx"
            ),
            models.Index(fields=["lead_worker", "status"], name="case_worker_status_idx"),
            # The caseload's default order: newest first within the organization.
            models.Index(
                fields=["lead_organization", "-opened_on", "-id"], name="case_org_opened_idx"
            ),
            models.Index(fields=["lead_organization", "awaiting"], name="case_org_awaiting_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(household__isnull=False),
                name="case_has_person_or_household",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        subject = self.household or self.person
        return self.title or str(subject)

    def risk_flag_labels(self) -> list[str]:
        return flag_labels(self.risk_flags)

    def distinguishing_parts(self, *, with_family: bool = True) -> list[str]:
        """What tells two cases of one name apart besides their number: the person's age and
        the district (属性・家族関係: only `with_family`)."""
        if not with_family:
            return []
        parts = []
        subject = self.person or self.household
        if self.person is not None and self.person.birth_date:
            parts.append(age_label(self.person.birth_date))
        if subject is not None and subject.district is not None:
            parts.append(subject.district.name)
        return parts

    def distinguishing_label(self, *, with_family: bool = True) -> str:
        """The case wherever one is picked or listed: #34 髙橋 咲（42歳・川辺地区・担当 佐藤 美咲）;
        without 属性・家族関係, #34 ケース #34（担当 佐藤 美咲）."""
        title = self.display_name if with_family else _("Case #%(number)s") % {"number": self.pk}
        lead = _("lead %(worker)s") % {"worker": self.lead_worker.display_name}
        parts = [*self.distinguishing_parts(with_family=with_family), str(lead)]
        return f"#{self.pk} {title}（{'・'.join(parts)}）"

    @property
    def is_urgent(self) -> bool:
        """A critical risk flag (自殺・虐待・DV・生命)."""
        return has_critical_risk(self.risk_flags)


class CaseIssue(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_issues")
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="+")
    is_main = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "issue"], name="caseissue_unique")]
        indexes = [models.Index(fields=["issue", "case"], name="caseissue_issue_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.issue_id}"


class ProgressNote(TimestampedModel):
    """支援経過記録 (what was done, when, how, with whom, and what comes next)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    method = models.CharField(
        _("method"), max_length=20, choices=NoteMethod.choices, default=NoteMethod.MEETING
    )
    with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    body = models.TextField(_("what happened"))
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_action_on = models.DateField(_("next action by"), null=True, blank=True)
    categories = models.PositiveSmallIntegerField(
        _("information categories"), default=InfoCategory.HISTORY
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        indexes = [models.Index(fields=["case", "occurred_at"], name="note_case_time_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.get_method_display()}"

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)


class Task(TimestampedModel):
    """やること (a dated task for a worker), from a plan action or a note's next action."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("case")
    )
    title = models.CharField(_("task"), max_length=300)
    due_on = models.DateField(_("due"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("assignee"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    source = models.CharField(_("from"), max_length=40, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["assignee", "done_at", "due_on"], name="task_assignee_due_idx"),
            models.Index(fields=["organization", "done_at", "due_on"], name="task_org_due_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Attachment(TimestampedModel):
    """添付資料 (a scanned letter, a doctor's note, a photo of a notice), with the kinds of
    information it holds: others read it only as far as a consent covers all of them."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case")
    )
    title = models.CharField(_("document title"), max_length=200)
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    categories = models.PositiveSmallIntegerField(_("information categories"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)
