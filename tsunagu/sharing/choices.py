"""情報の区分 and the other choices of lawful sharing."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class InfoCategory(models.IntegerChoices):
    """情報の区分: every piece of case content carries one or more. Stored as a bit mask, so
    that "is everything in this note covered by the grants" is one comparison in SQL."""

    FAMILY = 1, _("Attributes and family")  # 属性・家族関係
    HEALTH = 2, _("Health, illness, disability and care")  # 健康・疾病・障害・介護
    SCHOOL_WORK = 4, _("School and work")  # 就学・就労
    MONEY = 8, _("Income, assets and debts")  # 収入・資産・債務
    WELFARE = 16, _("Use of welfare services")  # 福祉制度の利用
    HISTORY = 32, _("Life history and issues")  # 生活歴・課題
    PARTICIPATION = 64, _("Participation and connections")  # 参加・つながり


ALL_CATEGORIES = sum(InfoCategory.values)
#: What the case record's own sheets carry at most (an assessment's 総合所見, a text of the
#: search index): every category but 参加・つながり, which has pages of its own — so that a
#: consent of the six categories still opens them.
CASE_RECORD_CATEGORIES = ALL_CATEGORIES & ~InfoCategory.PARTICIPATION
NO_CATEGORIES = 0


def categories_mask(values: Iterable[int | str]) -> int:
    mask = 0
    for value in values:
        mask |= int(value)
    return mask & ALL_CATEGORIES


class CategoryCode(models.TextChoices):
    """The categories as the API names them."""

    FAMILY = "family", InfoCategory.FAMILY.label
    HEALTH = "health", InfoCategory.HEALTH.label
    SCHOOL_WORK = "school_work", InfoCategory.SCHOOL_WORK.label
    MONEY = "money", InfoCategory.MONEY.label
    WELFARE = "welfare", InfoCategory.WELFARE.label
    HISTORY = "history", InfoCategory.HISTORY.label
    PARTICIPATION = "participation", InfoCategory.PARTICIPATION.label


#: The categories as the API names them: family, health, school_work, money, welfare, history,
#: participation.
CATEGORY_CODES = {code.value: InfoCategory[code.name].value for code in CategoryCode}


def categories_from_codes(codes: Iterable[str]) -> int:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    codes = list(codes)
    unknown = [code for code in codes if code not in CATEGORY_CODES]
    if unknown:
        raise ValidationError(
            {
                "categories": _("Unknown categories: %(codes)s. Use: %(known)s.")
                % {"codes": ", ".join(unknown), "known": ", ".join(CATEGORY_CODES)}
            }
        )
    return categories_mask(CATEGORY_CODES[code] for code in codes)


def category_codes(mask: int) -> list[str]:
    """The categories of a mask as the API names them."""
    return [code for code, value in CATEGORY_CODES.items() if mask & value]


def category_values(mask: int) -> list[int]:
    return [value for value in InfoCategory.values if mask & value]


def category_labels(mask: int) -> list[str]:
    return [str(InfoCategory(value).label) for value in category_values(mask)]


def categories_of(rows: Iterable[Any], field: str = "categories") -> int:
    """The categories of every row together: what a page showed of them."""
    shown = 0
    for row in rows:
        shown |= getattr(row, field)
    return shown


def covers(granted: int, needed: int) -> bool:
    """Do the granted categories cover all of the content's? Content without a category is
    covered by no grant (it should not exist; the forms require one)."""
    return bool(needed) and needed & ~granted == 0


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("In writing")
    ORAL = "oral", _("Orally, with a witness")


class TeamRole(models.TextChoices):
    """ケースチームでの役割. The lead organization (主担当機関) is the case's own."""

    RELATED = "related", _("Related agency")
    CONTACT = "contact", _("Consultation desk")


class EmergencyLink(models.TextChoices):
    """How the declaring agency is linked to the person or case of an emergency access; with
    none, a second person (the agency's manager) must approve before anything opens."""

    TEAM = "team", _("On the case team")
    REFERRAL = "referral", _("A referral of the case")
    PERSON = "person", _("The agency has recorded the person")
    MEETING = "meeting", _("A meeting with the case on its agenda")
    NONE = "none", _("No link: approval needed")


class ReviewOutcome(models.TextChoices):
    APPROPRIATE = "appropriate", _("Appropriate")
    INAPPROPRIATE = "inappropriate", _("Not appropriate")
