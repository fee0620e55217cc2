from django.db import migrations, models


def existing_revocations_are_other(apps, schema_editor):
    """Revocations made before categories existed say "other" on the public page; the text the
    officer wrote stays, for staff only."""
    Certificate = apps.get_model("certificates", "Certificate")
    Certificate.objects.filter(status="revoked", revoked_category="").update(
        revoked_category="other"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_hand_issuing_and_batch_phases"),
    ]

    operations = [
        migrations.AddField(
            model_name='certificate',
            name='revoked_category',
            field=models.CharField(blank=True, choices=[('error', 'Issued in error'), ('details', 'Wrong details'), ('reissued', 'Re-issued'), ('other', 'Other')], help_text='Shown on the public verification page.', max_length=10, verbose_name='reason for revoking'),
        ),
        migrations.AlterField(
            model_name='certificate',
            name='revoked_reason',
            field=models.TextField(blank=True, help_text='Staff see it; the verification page does not.', verbose_name='internal reason for revoking'),
        ),
        migrations.RunPython(existing_revocations_are_other, migrations.RunPython.noop),
    ]
