"""The 課題 taxonomy of the national 相談受付・申込票, plus household patterns. Data an admin
can extend afterwards."""

from django.db import migrations

from tsunagu.intake.defaults import FORM_ISSUES, PATTERNS


def add_issues(apps, schema_editor):  # type: ignore[no-untyped-def]
    Issue = apps.get_model("intake", "Issue")
    for group, rows in (("form", FORM_ISSUES), ("pattern", PATTERNS)):
        for order, (code, name) in enumerate(rows, start=1):
            Issue.objects.get_or_create(code=code, defaults={"name": name, "group": group,
                                                             "order": order * 10})


def remove_issues(apps, schema_editor):  # type: ignore[no-untyped-def]
    Issue = apps.get_model("intake", "Issue")
    Issue.objects.filter(code__in=[c for c, _ in FORM_ISSUES + PATTERNS]).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_consultations_issues")]
    operations = [migrations.RunPython(add_issues, remove_issues)]
