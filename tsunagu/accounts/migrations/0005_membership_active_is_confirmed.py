from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_confirm_existing_memberships")]

    operations = [
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_active", False), ("confirmed_at__isnull", False), _connector="OR"),
                name="membership_active_is_confirmed",
            ),
        ),
    ]
