from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    """支援関係機関の種別 (kinds of agency)."""

    MUNICIPAL_SECTION = "municipal_section", _("Municipal section")
    COMMUNITY_GENERAL_SUPPORT_CENTER = "chiiki_houkatsu", _("Community general support center")
    DISABILITY_CONSULTATION = "disability_consultation", _("Disability consultation office")
    CHILD_FAMILY_CENTER = "child_family_center", _("Child and family center")
    SELF_RELIANCE_SUPPORT = "self_reliance_support", _("Self-reliance support agency")
    SHAKYO = "shakyo", _("Council of social welfare")
    MINSEI_IIN = "minsei_iin", _("Community welfare commissioners")
    NPO = "npo", _("NPO")
    BUSINESS = "business", _("Business or company")
    MEDICAL = "medical", _("Medical institution")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Other")


class ServiceField(models.TextChoices):
    """分野 (the fields an agency serves)."""

    ELDERLY = "elderly", _("Elderly")
    DISABILITY = "disability", _("Disability")
    CHILDREN = "children", _("Children and families")
    LIVING_HARDSHIP = "living_hardship", _("Living hardship")
    HEALTH = "health", _("Health and medical care")
    EMPLOYMENT = "employment", _("Employment")
    HOUSING = "housing", _("Housing")
    EDUCATION = "education", _("Education")
    COMMUNITY = "community", _("Community")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    """役割 (what a member of an organization does in Tsunagu)."""

    CONSULTANT = "consultant", _("Consultant")
    COORDINATOR = "coordinator", _("Collaboration coordinator")
    OUTREACH_WORKER = "outreach_worker", _("Outreach worker")
    PARTICIPATION_COORDINATOR = "participation_coordinator", _("Participation coordinator")
    COMMUNITY_COORDINATOR = "community_coordinator", _("Community coordinator")
    REPORTER = "reporter", _("Reporter (community partner)")
    MANAGER = "manager", _("Manager")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Account administrator")


#: Roles that work cases and so may, through the access rules, read case content.
CASE_ROLES = frozenset(
    {
        Role.CONSULTANT,
        Role.COORDINATOR,
        Role.OUTREACH_WORKER,
        Role.PARTICIPATION_COORDINATOR,
        Role.COMMUNITY_COORDINATOR,
    }
)
#: Roles that must sign in with a second factor: all that can see personal data or manage
#: accounts. A reporter (民生委員) only sends concerns and sees their own reports' status.
TWO_FACTOR_ROLES = CASE_ROLES | {Role.MANAGER, Role.AUDITOR, Role.ADMIN}


class DateStyle(models.TextChoices):
    WAREKI = "wareki", _("Japanese era (令和8年4月1日)")
    SEIREKI = "seireki", _("Western calendar (2026年4月1日)")
