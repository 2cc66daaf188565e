from django.db import migrations, models


class Migration(migrations.Migration):
    """One disclosure per read may rest on several consents (each opening some categories)."""

    dependencies = [
        ("sharing", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="disclosure",
            name="consents",
            field=models.ManyToManyField(
                blank=True,
                related_name="disclosures",
                to="sharing.consent",
                verbose_name="consents",
            ),
        ),
    ]
