"""The checker's rules as they read real proposals (issue 22): new rules (evidence, kind of
proposal, advertising, text that is not prose, fines set by the proposal, generic titles, the
request wording apart from the letter form), and the rule on the township's powers replaced by
one on the powers of the congress a 议案 goes to, which leaves 建议 alone.

The shipped wording is written over rows of the same code, as 0002 does; a rule an editor
switched off stays off."""

import importlib

from django.db import migrations

RETIRED = ["beyond-township"]


def reseed(apps, schema_editor):
    CheckRule = apps.get_model("proposals", "CheckRule")
    CheckRule.objects.filter(code__in=RETIRED).delete()
    importlib.import_module("proposals.migrations.0002_default_rules").seed(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0003_editors_exercises_and_rules")]

    # Not reversible to the old wording, which is not kept; going back leaves the rows as they are.
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
