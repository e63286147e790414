"""Seed the BerAKHLAK values with their behaviour guides and the shared indicator library."""

from django.db import migrations


def seed(apps, schema_editor):
    from pembina.performance.seed import seed_reference_data

    seed_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
