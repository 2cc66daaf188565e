import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def answered_before_the_queue(apps, schema_editor):  # type: ignore[no-untyped-def]
    """What was recorded before the 緊急・未対応 queue existed counts as answered when it was last
    written: an upgrade does not fill the queue with last year's calls."""
    apps.get_model("cases", "Case").objects.update(first_response_at=F("updated_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_attachment'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='first_response',
            field=models.TextField(blank=True, verbose_name='first response'),
        ),
        migrations.AddField(
            model_name='case',
            name='first_response_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='first response at'),
        ),
        migrations.AddField(
            model_name='case',
            name='first_response_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='first response by'),
        ),
        migrations.RunPython(answered_before_the_queue, migrations.RunPython.noop),
    ]
