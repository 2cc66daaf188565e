from django.db import migrations

from tsunagu.meetings.defaults import DEFAULT_TYPES


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    MeetingType = apps.get_model("meetings", "MeetingType")
    for fields in DEFAULT_TYPES:
        MeetingType.objects.get_or_create(name=fields["name"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
