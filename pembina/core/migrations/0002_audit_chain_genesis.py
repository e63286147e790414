"""Create the single chain-head row, so appends only ever lock an existing row."""

from django.db import migrations


def create_head(apps, schema_editor):
    Head = apps.get_model("core", "AuditChainHead")
    Head.objects.get_or_create(pk=1, defaults={"last_hash": "0" * 64})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
