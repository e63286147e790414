"""`pembina demo --org-only`: its own module, because test_demo.py keeps a full demo city open for
the whole module (a second `demo` there would find it and add nothing)."""

import io

from django.core.management import call_command

from pembina.org.demo.builder import DEMO_CODE
from pembina.org.models import Employee, Instansi

SEED = 7


def test_org_only_builds_the_organisation_and_accounts_without_history(db):
    """`--org-only` (the demo benchmark's measured command, and a quick start for an empty pemda
    trial): the same organisation and accounts, no SKP, services, learning or evaluation rows."""
    from pembina.evaluation.models import Evaluation
    from pembina.performance.models import PerformancePlan
    from pembina.public_services.models import ServiceRequest

    out = io.StringIO()
    call_command("demo", employees=150, seed=SEED, org_only=True, stdout=out)
    instansi = Instansi.objects.get(code=DEMO_CODE)
    assert Employee.objects.filter(instansi=instansi).count() == 150
    assert "admin.bkpsdm" in out.getvalue()
    assert not PerformancePlan.objects.exists()
    assert not ServiceRequest.objects.exists()
    assert not Evaluation.objects.exists()
    assert "Kinerja 2026" not in out.getvalue()
