from django.db import migrations


def add_kinds(apps, schema_editor):  # type: ignore[no-untyped-def]
    from tsunagu.resources.defaults import ensure_default_kinds

    ensure_default_kinds(apps.get_model("resources", "Kind"))


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
