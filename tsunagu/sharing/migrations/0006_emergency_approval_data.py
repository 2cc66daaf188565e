from django.db import migrations
from django.db.models import F


def forward(apps, schema_editor):
    """The emergencies declared before approvals existed opened at once: approved as declared."""
    EmergencyAccess = apps.get_model("sharing", "EmergencyAccess")
    EmergencyAccess.objects.filter(approved_at__isnull=True, refused_at__isnull=True).update(
        approved_at=F("created_at")
    )


def backward(apps, schema_editor):
    """Nothing to undo: the approval fields go with the schema migration before this one."""


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0005_emergency_approval"),
    ]

    operations = [migrations.RunPython(forward, backward)]
