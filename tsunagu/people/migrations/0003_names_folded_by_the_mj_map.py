from django.db import migrations

from tsunagu.people.models import match_keys


def fold_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Every person's match keys, 異体字 folded with the MJ縮退マップ (𠮷田 = 吉田)."""
    Person = apps.get_model("people", "Person")
    for person in Person.objects.iterator():
        keys = match_keys(person)
        if any(getattr(person, key) != value for key, value in keys.items()):
            Person.objects.filter(pk=person.pk).update(**keys)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_labels_that_say_what_they_hold")]
    operations = [migrations.RunPython(fold_again, migrations.RunPython.noop)]
