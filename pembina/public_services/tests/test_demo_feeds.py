"""The whole demo (`pembina demo`): service data feed the IKI of the responsible employees end to end.

The performance demo drafts the heads of the service units (and the front-office staff) with IKI that
declare a public-service data source; the public-services demo builds two years of history and its
statistics; the realisations of the quarters ended are then the statistics' own figures, with
provenance, on the employee's SKP page and on the staff statistics page.

Built once per module on a 300-employee demo city (inside a transaction rolled back at the end)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from pembina.org.demo.builder import DEMO_CODE
from pembina.org.models import Instansi
from pembina.performance.choices import PlanStatus, RealisationSource
from pembina.performance.datasources import SourceRequest, get
from pembina.performance.models import Indicator, PlanVersion, Realisation

SIZE = 300
SEED = 7


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", employees=SIZE, seed=SEED, stdout=io.StringIO())
        yield Instansi.objects.get(code=DEMO_CODE)
        transaction.set_rollback(True)


@pytest.fixture
def city(demo_city, db):
    return demo_city


def _fed(city):
    return Indicator.objects.filter(
        result__plan__year__instansi=city, data_source__startswith="public_services."
    ).select_related("result__plan__employee__current_position", "result__plan__unit")


def test_heads_of_service_units_declare_their_data_source(city):
    fed = list(_fed(city))
    assert fed
    heads = {i.result.plan.unit.name for i in fed if i.result.plan.employee.current_position.is_head}
    # Pendaftaran Penduduk (KTP-el, KK), Pencatatan Sipil (akta) and the permits of DPMPTSP
    assert any("Pendaftaran Penduduk" in name for name in heads)
    assert any("Pencatatan Sipil" in name for name in heads)
    assert any("Pelayanan" in name or "Perizinan" in name for name in heads)
    ktp = next(i for i in fed if i.name == "Waktu penyelesaian pelayanan KTP-el")
    assert ktp.data_source == "public_services.completion_p50_days"
    assert ktp.data_source_params == {"service_codes": ["DUKCAPIL-KTPEL"], "instansi": city.pk}
    # declared when drafted: the approved version's snapshot carries it
    approved = next(i for i in fed if i.result.plan.status == PlanStatus.APPROVED)
    snapshot = PlanVersion.objects.get(plan=approved.result.plan, number=1).snapshot
    declared = {ind["name"]: ind["data_source"] for r in snapshot["results"] for ind in r["indicators"]}
    assert declared[approved.name] == approved.data_source


def test_realisations_are_the_statistics_figures_with_provenance(city):
    today = timezone.localdate()
    reals = list(
        Realisation.objects.filter(
            indicator__in=_fed(city).filter(result__plan__status=PlanStatus.APPROVED)
        ).select_related("period", "indicator__result__plan")
    )
    assert reals
    assert all(r.period.end < today for r in reals)
    filled = [r for r in reals if r.value is not None]
    assert len(filled) >= len(reals) * 0.8  # a period with fewer than 5 cases stays empty
    for r in filled:
        assert r.source == RealisationSource.DATA_SOURCE
        assert r.source_value == r.value and r.source_cases >= 5
        assert r.provenance.startswith("Statistik pelayanan publik")
        assert r.narrative.startswith(r.period.label)  # the employee's uraian stays beside it
    # the value is exactly what the data source gives for that indicator and period
    sample = filled[:20]
    by_source: dict[str, list] = {}
    for r in sample:
        plan = r.indicator.result.plan
        by_source.setdefault(r.indicator.data_source, []).append(
            SourceRequest(
                key=r.pk,
                params=r.indicator.data_source_params,
                start=max(r.period.start, plan.start_date),
                end=min(r.period.end, plan.end_date),
            )
        )
    expected = {}
    for key, requests in by_source.items():
        expected.update(get(key).provider(requests))
    for r in sample:
        assert expected[r.pk].value == r.value, r.indicator.name
        assert expected[r.pk].cases == r.source_cases


def test_the_employee_sees_the_fed_realisation_on_the_skp_page(city, login):
    from pembina.accounts.models import User
    from pembina.accounts.tests.factories import make_user

    real = (
        Realisation.objects.filter(
            indicator__in=_fed(city).filter(result__plan__status=PlanStatus.APPROVED),
            value__isnull=False,
        )
        .select_related("indicator__result__plan__employee")
        .order_by("pk")
        .first()
    )
    plan = real.indicator.result.plan
    owner = User.objects.filter(employee=plan.employee).first() or make_user(
        username=plan.employee.nip, employee=plan.employee
    )
    response = login(owner).get(f"/kinerja/skp/{plan.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert real.indicator.name in html
    assert str(RealisationSource.DATA_SOURCE.label) in html
    assert real.provenance[:40] in html


def test_the_statistics_page_lists_the_fed_iki(city, login):
    from pembina.accounts.models import User

    admin = User.objects.filter(instansi=city, role_grants__role="admin_bkpsdm").first()
    response = login(admin).get("/pelayanan/statistik/")
    assert response.status_code == 200
    assert "Waktu penyelesaian pelayanan KTP-el" in response.content.decode()
