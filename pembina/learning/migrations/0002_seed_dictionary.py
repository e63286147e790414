"""The national competency dictionary (PermenPANRB 38/2017) and example technical competencies."""

from django.db import migrations


def forwards(apps, schema_editor):
    from pembina.learning.services.seed import apply_dictionary

    apply_dictionary(apps.get_model("learning", "Competency"), apps.get_model("learning", "CompetencyLevel"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
