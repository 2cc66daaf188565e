"""Tokens issued before tokens carried an expiry would never expire: they now run out 30 days
after this upgrade (time for an integration to be given a new one with `issue_token`)."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

GRACE = dt.timedelta(days=30)


def expire_tokens_without_expiry(apps, schema_editor):  # type: ignore[no-untyped-def]
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True, revoked_at__isnull=True).update(
        expires_at=timezone.now() + GRACE
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_membership_active_is_confirmed")]

    operations = [migrations.RunPython(expire_tokens_without_expiry, migrations.RunPython.noop)]
