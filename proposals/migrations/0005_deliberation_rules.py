"""The checker reads remarks on a government report (genre "deliberation", issue 24): its rules
are seeded, and every rule saved with no genre (meaning both genres of a proposal when it was
saved, editors' own rules included) is given the proposal genres, so that it does not start
applying to remarks. The help text now says what no genre means: every genre.

The proposal rules' wording is left as editors keep it; only the deliberation rules are written
(by code, over rows of the same code)."""

from django.db import migrations, models

PROPOSALS = ["suggestion", "motion"]


def forward(apps, schema_editor):
    from proposals.rule_defaults import DEFAULT_RULES

    CheckRule = apps.get_model("proposals", "CheckRule")
    for row in CheckRule.objects.all():
        if not row.genres:
            row.genres = PROPOSALS
            row.save(update_fields=["genres"])
    for order, rule in enumerate(DEFAULT_RULES, start=1):
        if rule["genres"] != ["deliberation"]:
            continue
        values = {key: value for key, value in rule.items() if key != "code"}
        values["words"] = "\n".join(values["words"])
        CheckRule.objects.update_or_create(
            code=rule["code"], defaults={**values, "sort_order": order * 10}
        )


def backward(apps, schema_editor):
    CheckRule = apps.get_model("proposals", "CheckRule")
    for row in CheckRule.objects.all():
        if row.genres == ["deliberation"]:
            row.delete()
        elif sorted(row.genres or []) == sorted(PROPOSALS):
            row.genres = []
            row.save(update_fields=["genres"])


class Migration(migrations.Migration):
    dependencies = [("proposals", "0004_rules_for_real_texts")]

    operations = [
        migrations.AlterField(
            model_name="checkrule",
            name="genres",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="None chosen: every genre.",
                verbose_name="genres",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
