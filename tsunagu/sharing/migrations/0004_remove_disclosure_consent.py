from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0003_disclosure_consents_data"),
    ]

    operations = [
        migrations.RemoveField(model_name="disclosure", name="consent"),
    ]
