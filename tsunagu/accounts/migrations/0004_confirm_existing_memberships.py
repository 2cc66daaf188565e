"""Every role given before confirmations existed counts as confirmed when it was given: it was
already in force, and an ended role must not come back as one waiting for confirmation."""

from django.db import migrations
from django.db.models import F


def confirm_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    Membership = apps.get_model("accounts", "Membership")
    Membership.objects.filter(confirmed_at__isnull=True, refused_at__isnull=True).update(
        confirmed_at=F("created_at")
    )


def unconfirm(apps, schema_editor):  # type: ignore[no-untyped-def]
    Membership = apps.get_model("accounts", "Membership")
    Membership.objects.update(confirmed_at=None, confirmed_by=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_membership_confirmation_fields")]

    operations = [migrations.RunPython(confirm_existing, unconfirm)]
