from django.db import migrations, models

# The categories existing texts carry after cases 0003 and plans 0002: notes 生活歴・課題,
# plans 福祉制度の利用 + 生活歴・課題; the rest (assessments, consultations) all categories, so
# that no consent opens them until they are written again.
EXISTING = {"note": 32, "plan": 48}


def set_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    SearchDocument = apps.get_model("search", "SearchDocument")
    for kind, categories in EXISTING.items():
        SearchDocument.objects.filter(kind=kind).update(categories=categories)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="categories",
            field=models.PositiveSmallIntegerField(default=63),
        ),
        migrations.RunPython(set_existing, migrations.RunPython.noop),
    ]
