from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

CRITICAL = ("suicide", "abuse", "dv", "life")


def mark_what_awaits(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Urgent (緊急, or a critical risk flag) with no first response yet."""
    urgent = Q()
    for flag in CRITICAL:
        urgent |= Q(risk_flags__contains=f" {flag} ")
    urgent |= Q(urgency='urgent')
    apps.get_model("intake", "Consultation").objects.filter(urgent, first_response_at__isnull=True).update(
        awaiting=True
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_tokens_without_expiry_expire'),
        ('intake', '0003_first_response'),
        ('people', '0001_people_households'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='consultation',
            name='awaiting',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddIndex(
            model_name='consultation',
            index=models.Index(fields=['organization', 'awaiting'], name='consult_org_awaiting_idx'),
        ),
        migrations.RunPython(mark_what_awaits, migrations.RunPython.noop),
    ]
