"""Seed the checker's rules from rule_defaults.DEFAULT_RULES, by code: running it again, or after
the defaults gained a rule, writes the shipped wording over the rows of the same code and adds
the new ones."""

from django.db import migrations


def seed(apps, schema_editor):
    from proposals.rule_defaults import DEFAULT_RULES

    CheckRule = apps.get_model("proposals", "CheckRule")
    for order, rule in enumerate(DEFAULT_RULES, start=1):
        values = {key: value for key, value in rule.items() if key != "code"}
        values["words"] = "\n".join(values["words"])
        CheckRule.objects.update_or_create(
            code=rule["code"], defaults={**values, "sort_order": order * 10}
        )


def unseed(apps, schema_editor):
    from proposals.rule_defaults import DEFAULT_RULES

    CheckRule = apps.get_model("proposals", "CheckRule")
    CheckRule.objects.filter(code__in=[rule["code"] for rule in DEFAULT_RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
