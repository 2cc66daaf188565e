from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagu.accounts.models import Organization
from tsunagu.audit.choices import Action
from tsunagu.core.forms import Form, JapaneseDateField


class AuditFilterForm(Form):
    """The auditor's filters. Every field is optional."""

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
    since = JapaneseDateField(label=pgettext_lazy("start of a period", "From"), required=False)
    until = JapaneseDateField(label=_("Until"), required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("“Until” must be on or after “From”."))
        return data
