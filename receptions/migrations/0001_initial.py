# The app's first migration holds no model: each part (matters, suggestions) adds its own.

from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = []
