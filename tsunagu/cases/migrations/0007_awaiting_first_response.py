from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

CRITICAL = ("suicide", "abuse", "dv", "life")


def mark_what_awaits(apps, schema_editor):  # type: ignore[no-untyped-def]
    """A critical risk flag and no first response yet."""
    urgent = Q()
    for flag in CRITICAL:
        urgent |= Q(risk_flags__contains=f" {flag} ")
    apps.get_model("cases", "Case").objects.filter(urgent, first_response_at__isnull=True).update(
        awaiting=True
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_tokens_without_expiry_expire'),
        ('cases', '0006_first_response'),
        ('intake', '0003_first_response'),
        ('people', '0001_people_households'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='awaiting',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['lead_organization', 'awaiting'], name='case_org_awaiting_idx'),
        ),
        migrations.RunPython(mark_what_awaits, migrations.RunPython.noop),
    ]
