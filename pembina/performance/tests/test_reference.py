"""Seeded reference data, the indicator library, years and periods."""

import datetime as dt
from decimal import Decimal

import pytest

from pembina.core.exceptions import ApplicationError
from pembina.performance import selectors, services
from pembina.performance.models import BehaviourGuide, CoreValue, IndicatorTemplate, PerformanceYear
from pembina.performance.rules.periods import generate
from pembina.performance.seed import seed_reference_data

pytestmark = pytest.mark.django_db


def test_berakhlak_seeded_by_migration():
    assert list(CoreValue.objects.values_list("name", flat=True)) == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    assert BehaviourGuide.objects.count() == 21
    assert (
        BehaviourGuide.objects.get(value__code="akuntabel", order=3).text
        == "Tidak menyalahgunakan kewenangan jabatan"
    )
    before = IndicatorTemplate.objects.count()
    seed_reference_data()  # idempotent
    assert IndicatorTemplate.objects.count() == before and BehaviourGuide.objects.count() == 21


def test_library_has_real_examples_and_drafts_an_iki(skp):
    lib = selectors.indicator_template_list(actor=skp.users["owner"], filters={"sector": "kependudukan"})
    names = set(lib.values_list("name", flat=True))
    assert {
        "Waktu penyelesaian pelayanan KTP-el",
        "Waktu penyelesaian penerbitan Kartu Keluarga (KK)",
        "Waktu penyelesaian penerbitan akta kelahiran",
    } <= names
    assert lib.get(code="dukcapil-waktu-ktp-el").direction == "lower"
    imun = IndicatorTemplate.objects.get(code="kes-imunisasi-dasar-lengkap")
    assert (imun.unit, imun.direction) == ("%", "higher")
    assert IndicatorTemplate.objects.filter(sector="perizinan", code="ptsp-waktu-izin").exists()
    assert IndicatorTemplate.objects.filter(code="yanlik-ikm").exists()
    ind = services.indicator_add_from_template(
        result=skp.plan.results.get(), template=imun, actor=skp.users["owner"]
    )
    assert (ind.name, ind.unit, ind.direction, ind.target, ind.template) == (
        imun.name,
        "%",
        "higher",
        Decimal(95),
        imun,
    )


@pytest.mark.parametrize(
    ("interval", "n", "last_label"),
    [("monthly", 12, "Desember"), ("quarterly", 4, "Triwulan IV"), ("semester", 2, "Semester II")],
)
def test_periods_cover_the_year(interval, n, last_label):
    specs = generate(2028, interval)
    assert len(specs) == n and specs[-1].label == last_label
    assert specs[0].start == dt.date(2028, 1, 1) and specs[-1].end == dt.date(2028, 12, 31)
    for a, b in zip(specs, specs[1:], strict=False):
        assert b.start == a.end + dt.timedelta(days=1)
    assert generate(2028, "monthly")[1].end == dt.date(2028, 2, 29)


def test_year_stages_and_interval(city):
    admin = city.users["admin_bkpsdm"]
    with pytest.raises(ApplicationError):
        services.performance_year_create(instansi=city.instansi, year=2027, actor=city.users["admin_opd"])
    year = services.performance_year_create(
        instansi=city.instansi, year=2027, interval="monthly", actor=admin
    )
    assert year.periods.count() == 12 and year.state == "planning"
    year = services.performance_year_update(year=year, data={"interval": "semester"}, actor=admin)
    assert list(year.periods.values_list("label", flat=True)) == ["Semester I", "Semester II"]
    with pytest.raises(ApplicationError, match="tidak dapat berpindah"):
        services.performance_year_transition(year=year, to_state="closed", actor=admin)
    for state in ("running", "evaluating", "closed"):
        year = services.performance_year_transition(year=year, to_state=state, actor=admin)
    assert PerformanceYear.objects.get(pk=year.pk).state == "closed"
    with pytest.raises(ApplicationError, match="tahap"):
        services.plan_create(year=year, employee=city.people["staff_a"], actor=None)
    with pytest.raises(ApplicationError, match="sudah ada"):
        services.performance_year_create(instansi=city.instansi, year=2027, actor=admin)


def test_library_entries_of_the_instansi(city):
    data = {
        "sector": "umum",
        "name": "Persentase surat keluar tepat waktu",
        "definition": "…",
        "unit": "%",
        "direction": "higher",
        "aspect": "waktu",
        "aggregation": "average",
    }
    with pytest.raises(ApplicationError):
        services.indicator_template_create(instansi=city.instansi, data=data, actor=city.users["admin_opd"])
    t = services.indicator_template_create(
        instansi=city.instansi, data=data, actor=city.users["admin_bkpsdm"]
    )
    assert t.instansi == city.instansi
    shared = IndicatorTemplate.objects.get(code="yanlik-ikm")
    with pytest.raises(ApplicationError, match="bersama"):
        services.indicator_template_update(
            template=shared, data={"name": "x"}, actor=city.users["admin_bkpsdm"]
        )
    with pytest.raises(ApplicationError, match="sudah dipakai"):
        services.indicator_template_create(
            instansi=city.instansi, data={**data, "code": "yanlik-ikm"}, actor=city.users["admin_bkpsdm"]
        )
