"""本人と世帯 (people and households). Never a マイナンバー."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import District, Organization
from tsunagu.core.japanese import name_key, phone_key
from tsunagu.core.models import TimestampedModel
from tsunagu.people.choices import Relationship


class Person(TimestampedModel):
    """本人 (a person the support is for). Only the name may be known, or not even that: an
    anonymous consultation has no person at all."""

    name = models.CharField(_("full name"), max_length=100)
    name_kana = models.CharField(_("name (furigana)"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=50, blank=True)
    given_name = models.CharField(_("given name"), max_length=50, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex (as recorded)"), max_length=30, blank=True)
    address = models.CharField(_("home address"), max_length=300, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_other = models.CharField(_("other phone"), max_length=30, blank=True)
    language_needs = models.CharField(
        _("language needs"),
        max_length=200,
        blank=True,
        help_text=_("e.g. interpreter for Vietnamese, easy Japanese, sign language"),
    )
    contact_preferences = models.CharField(
        _("how to contact"),
        max_length=200,
        blank=True,
        help_text=_("e.g. phone after 18:00, not at home address"),
    )
    # Matching keys (see tsunagu.core.japanese), kept in step by the services.
    name_match_key = models.CharField(max_length=100, db_index=True, editable=False)
    kana_match_key = models.CharField(max_length=100, db_index=True, editable=False, blank=True)
    family_match_key = models.CharField(max_length=50, db_index=True, editable=False, blank=True)
    phone_match_key = models.CharField(max_length=30, db_index=True, editable=False, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )

    class Meta:
        ordering = ["name_kana", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["birth_date"], name="person_birth_date_idx")]

    def __str__(self) -> str:
        return self.name

    def refresh_match_keys(self) -> None:
        for key, value in match_keys(self).items():
            setattr(self, key, value)


def match_keys(person: Any) -> dict[str, str]:
    """The keys a person is found by (name, reading, family name, phone), 異体字 folded."""
    spaced = person.name.replace("\u3000", " ")
    family = person.family_name or (spaced.split(" ")[0] if " " in spaced else "")
    return {
        "name_match_key": name_key(person.name),
        "kana_match_key": name_key(person.name_kana),
        "family_match_key": name_key(family),
        "phone_match_key": phone_key(person.phone),
    }


class PersonLink(models.Model):
    """Which organizations know this person (recorded a consultation or a case for them).
    The person's basic details are visible to these organizations; what else they may see is
    decided per case by the sharing rules."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "organization"], name="personlink_unique")
        ]
        indexes = [models.Index(fields=["organization", "person"], name="personlink_org_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.organization_id}"


class Household(TimestampedModel):
    """世帯 (the people living together). 8050, ダブルケア and ヤングケアラー show here."""

    name = models.CharField(_("household name"), max_length=100, help_text=_("e.g. 高橋さん世帯"))
    address = models.CharField(_("home address"), max_length=300, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    head = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head of household"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name


class HouseholdMember(TimestampedModel):
    """世帯員 (a person's membership of a household, dated, with 続柄)."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="members", verbose_name=_("household")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="household_memberships",
        verbose_name=_("person"),
    )
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    started_on = models.DateField(_("living here since"), null=True, blank=True)
    ended_on = models.DateField(_("moved out on"), null=True, blank=True)

    class Meta:
        ordering = ["household", "started_on"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        indexes = [models.Index(fields=["person", "ended_on"], name="member_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="member_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.household}: {self.person} ({self.get_relationship_display()})"
