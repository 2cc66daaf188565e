from django.db import models
from django.utils.translation import gettext_lazy as _


class Relationship(models.TextChoices):
    """続柄 (relation to the household's head)."""

    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    SIBLING = "sibling", _("Sibling")
    CHILD_IN_LAW = "child_in_law", _("Child-in-law")
    PARENT_IN_LAW = "parent_in_law", _("Parent-in-law")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    NON_RELATIVE = "non_relative", _("Not related")
