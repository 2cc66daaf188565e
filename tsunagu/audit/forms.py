from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import Organization
from tsunagu.audit.choices import Action
from tsunagu.core.forms import PeriodForm


class AuditFilterForm(PeriodForm):
    """The auditor's filters. Every field is optional."""

    field_order = ["actor", "organization", "action", "object_type", "object_id", "since"]

    actor = forms.CharField(label=_("Actor (e-mail)"), required=False, max_length=254)
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All")), *Action.choices], required=False
    )
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=60)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
