"""Rows written before 0002 were chained in id order: their position in the chain is their id
(gaps in the ids, from rolled-back inserts, stay gaps in the positions; a gap is reported only
where a link is broken)."""

from django.db import migrations
from django.db.models import F


def positions_from_ids(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditEvent.objects.filter(chain_position__isnull=True, hash__isnull=False).update(
        chain_position=F("id")
    )


def no_positions(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditEvent.objects.update(chain_position=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_audit_rows_chained_later")]

    operations = [migrations.RunPython(positions_from_ids, no_positions)]
