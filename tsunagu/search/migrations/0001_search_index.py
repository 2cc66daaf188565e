from django.db import migrations, models

from tsunagu.search import backends


def create_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    backends.create_index(schema_editor)


def drop_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    backends.drop_index(schema_editor)


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=20)),
                ("object_id", models.PositiveBigIntegerField()),
                ("case_id", models.PositiveBigIntegerField(blank=True, null=True)),
                ("title", models.CharField(blank=True, max_length=200)),
                ("content", models.TextField()),
                ("terms", models.TextField()),
                ("visibility", models.CharField(max_length=500)),
                ("occurred_at", models.DateTimeField()),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="searchdocument_unique")],
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
