from django.db import migrations


def forward(apps, schema_editor):
    """Each disclosure's one consent becomes the first of its consents."""
    Disclosure = apps.get_model("sharing", "Disclosure")
    Through = Disclosure.consents.through
    Through.objects.bulk_create(
        Through(disclosure_id=pk, consent_id=consent_id)
        for pk, consent_id in Disclosure.objects.filter(consent__isnull=False).values_list(
            "pk", "consent_id"
        )
    )


def backward(apps, schema_editor):
    """Back to one consent a disclosure: the earliest of those it rested on."""
    Disclosure = apps.get_model("sharing", "Disclosure")
    Through = Disclosure.consents.through
    for row in Through.objects.order_by("disclosure_id", "consent_id"):
        Disclosure.objects.filter(pk=row.disclosure_id, consent__isnull=True).update(
            consent_id=row.consent_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0002_disclosure_consents"),
    ]

    operations = [migrations.RunPython(forward, backward)]
