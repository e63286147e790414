"""Competency profile and gaps: who records which source, idempotent B.1.9 follow-up, gap analysis from
the database against a known table, and the OPD/city "biggest gaps" in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pembina.core.exceptions import ApplicationError
from pembina.learning import selectors, services
from pembina.learning.models import CompetencyAssessment, CompetencyGap, PositionStandard
from pembina.learning.tests.conftest import fresh

TODAY = timezone.localdate()


def _try(**kwargs):
    try:
        services.competency_assessment_record(**kwargs)
    except ApplicationError:
        return False
    return True


def test_who_may_record_which_source(learning):
    staff = learning.city.people["staff_a"]
    expectations = {
        "superior_review": {"atasan"},
        "assessment_centre": {"admin_opd", "admin_bkpsdm"},
        "simulation": set(),  # only the system records simulation evidence
    }
    for source, allowed in expectations.items():
        for who in ("pegawai", "atasan", "pejabat_penilai", "admin_opd", "admin_bkpsdm", "pimpinan", "luar"):
            ok = _try(
                employee=staff,
                competency="komunikasi",
                level=3,
                source=source,
                source_ref=f"{source}:{who}",
                actor=fresh(learning.users[who]),
            )
            assert ok == (who in allowed), (source, who)


def test_superior_review_is_idempotent_per_reference(learning):
    staff = learning.city.people["staff_a"]
    atasan = fresh(learning.users["atasan"])
    kwargs = {
        "employee": staff,
        "competency": "komunikasi",
        "source": "superior_review",
        "source_ref": "bimbingan:41",
        "actor": atasan,
    }
    a = services.competency_assessment_record(level=2, assessed_on=TODAY, **kwargs)
    b = services.competency_assessment_record(level=3, assessed_on=TODAY, **kwargs)  # corrected
    c = services.competency_assessment_record(level=3, assessed_on=TODAY, **kwargs)  # same again
    assert a.pk == b.pk == c.pk and CompetencyAssessment.objects.get(pk=a.pk).level == 3
    with pytest.raises(ApplicationError, match="1 sampai 5"):
        services.competency_assessment_record(level=6, **kwargs)
    with pytest.raises(ApplicationError, match="masa depan"):
        services.competency_assessment_record(
            level=3, assessed_on=TODAY + dt.timedelta(days=1), **{**kwargs, "source_ref": "x"}
        )
    with pytest.raises(ApplicationError, match="tidak ada di kamus"):
        services.competency_assessment_record(level=3, **{**kwargs, "competency": "sulap"})


def test_gap_analysis_from_the_database(learning):
    """The administrator kabid_a1 against the default standard (managerial 3, perekat bangsa 3) plus one
    technical row, and against the JPT Pratama position of the Kadis as a target (4/3)."""
    city = learning.city
    kabid = city.people["kabid_a1"]
    from pembina.learning.models import Competency

    tech = Competency.objects.get(code="tek-surveilans-epidemiologi")
    PositionStandard.objects.create(position=city.positions["kabid_a1"], competency=tech, required_level=2)
    levels = {"integritas": 3, "kerja-sama": 2, "komunikasi": 4, "perekat-bangsa": 1}
    for code, level in levels.items():
        services.competency_assessment_record(
            employee=kabid,
            competency=code,
            level=level,
            source="assessment_centre",
            source_ref="lha-1",
            assessed_on=TODAY - dt.timedelta(days=30),
            actor=None,
        )
    report = selectors.employee_gap_analysis(
        actor=fresh(learning.users["pejabat_penilai"]),
        employee_pk=kabid.pk,
        target_position_pk=city.positions["kadis_a"].pk,
    )
    table = {
        line.competency.code: (
            line.required,
            line.current,
            line.gap,
            line.target_required,
            line.target_gap,
            line.status,
        )
        for line in report.lines
    }
    assert table["integritas"] == (3, 3, 0, 4, 1, "gap")
    assert table["kerja-sama"] == (3, 2, 1, 4, 2, "gap")
    assert table["komunikasi"] == (3, 4, 0, 4, 0, "met")
    assert table["perekat-bangsa"] == (3, 1, 2, 3, 2, "gap")
    assert table["orientasi-pada-hasil"] == (3, None, None, 4, None, "not_assessed")
    assert table["tek-surveilans-epidemiologi"] == (2, None, None, None, None, "not_assessed")
    assert len(table) == 10
    # JPM = (3 + 2 + 3 + 1) / (8 × 3 + 3 + 2) = 9 / 29
    assert report.jpm == Decimal("31.0") and report.jpm_band == "kurang_optimal"
    assert [line.competency.code for line in report.biggest][:2] == ["kerja-sama", "perekat-bangsa"]
    # later evidence from training raises a level, an older one does not lower it
    services.competency_assessment_record(
        employee=kabid,
        competency="kerja-sama",
        level=3,
        source="training",
        source_ref="enrolment:1",
        actor=None,
    )
    report = selectors.employee_gap_analysis(
        actor=fresh(learning.users["admin_bkpsdm"]), employee_pk=kabid.pk
    )
    assert {line.competency.code: line.current for line in report.lines}["kerja-sama"] == 3
    with pytest.raises(Http404):
        selectors.employee_gap_analysis(actor=fresh(learning.users["luar"]), employee_pk=kabid.pk)


def test_gap_overview_constant_queries_and_scope(learning):
    city, users = learning.city, learning.users
    services.gap_table_refresh(instansi_id=city.instansi.pk)

    def opd():
        return selectors.gap_overview(actor=fresh(users["admin_opd"]), opd_pk=city.dinas_a.pk)

    def city_view():
        return selectors.gap_overview(actor=fresh(users["pimpinan"]))

    def measure(fn):
        with CaptureQueriesContext(connection) as ctx:
            fn()
        return len(ctx.captured_queries)

    small = (measure(opd), measure(city_view))
    for person in ("staff_a", "staff_a2", "kasi_a1a", "kabid_a1", "kadis_a", "staff_b"):
        for code in ("integritas", "komunikasi", "kerja-sama"):
            services.competency_assessment_record(
                employee=city.people[person],
                competency=code,
                level=1,
                source="assessment_centre",
                source_ref="lha",
                actor=None,
            )
    large = (measure(opd), measure(city_view))
    assert small == large
    rows = {r.name: r for r in opd()}
    # Dinkes: 5 employees need integritas, all assessed at level 1; the pelaksana and the ahli pertama
    # (standard 1) have no gap, the pengawas (2), administrator (3) and JPT pratama (4) do
    assert (rows["Integritas"].employees, rows["Integritas"].assessed, rows["Integritas"].with_gap) == (
        5,
        5,
        3,
    )
    assert rows["Pengambilan Keputusan"].not_assessed == 5
    assert opd()[0].with_gap >= opd()[-1].with_gap  # biggest first
    assert (
        sum(r.employees for r in city_view() if r.name == "Integritas")
        == CompetencyGap.objects.filter(competency__code="integritas").count()
    )
    with pytest.raises(Http404):
        selectors.gap_overview(actor=fresh(users["admin_opd"]), opd_pk=city.dinas_b.pk)
    with pytest.raises(Http404):
        selectors.gap_overview(actor=fresh(users["admin_opd"]))
    by_opd = selectors.gap_overview_by_opd(
        actor=fresh(users["admin_bkpsdm"]), competency_pk=rows["Integritas"].competency_id
    )
    assert {r["opd__name"] for r in by_opd} >= {"Dinas Kesehatan", "Dinas Kependudukan dan Pencatatan Sipil"}


def test_position_standard_and_its_permissions(learning):
    city, users = learning.city, learning.users
    pos = city.positions["staff_a"]
    rows = {
        r.competency.code: (r.required, r.origin)
        for r in selectors.position_standard(actor=fresh(users["pegawai"]), position_pk=pos.pk)
    }
    assert rows["integritas"] == (1, "default")
    from pembina.learning.models import Competency

    comp = Competency.objects.get(code="tek-pelayanan-imunisasi")
    with pytest.raises(ApplicationError):
        services.position_standard_set(
            position=pos, competency=comp, required_level=2, actor=fresh(users["pegawai"])
        )
    with pytest.raises(ApplicationError):  # Dinkes admin may not set a Dukcapil position's standard
        services.position_standard_set(
            position=city.positions["staff_b"],
            competency=comp,
            required_level=2,
            actor=fresh(users["admin_opd"]),
        )
    services.position_standard_set(
        position=pos, competency=comp, required_level=2, actor=fresh(users["admin_opd"])
    )
    rows = {
        r.competency.code: (r.required, r.origin)
        for r in selectors.position_standard(actor=fresh(users["pegawai"]), position_pk=pos.pk)
    }
    assert rows["tek-pelayanan-imunisasi"] == (2, "position")
    assert CompetencyGap.objects.filter(employee=city.people["staff_a"], competency=comp, required=2).exists()


def test_dictionary(learning):
    comps = selectors.competency_dictionary(actor=fresh(learning.users["pegawai"]), kind="managerial")
    assert [c.name for c in comps] == [
        "Integritas",
        "Kerja Sama",
        "Komunikasi",
        "Orientasi pada Hasil",
        "Pelayanan Publik",
        "Pengembangan Diri dan Orang Lain",
        "Mengelola Perubahan",
        "Pengambilan Keputusan",
    ]
    assert all(len(c.levels.all()) == 5 and all(lvl.indicator_list for lvl in c.levels.all()) for c in comps)
    from pembina.learning.models import Competency

    national = Competency.objects.get(code="integritas")
    with pytest.raises(ApplicationError, match="kamus nasional"):
        services.competency_update(
            competency=national, data={"name": "Kejujuran"}, actor=fresh(learning.users["admin_bkpsdm"])
        )
    own = services.competency_create(
        instansi=learning.city.instansi,
        code="tek-sungai",
        name="Pengelolaan Sungai dan Parit",
        kind="technical",
        field="pekerjaan_umum",
        actor=fresh(learning.users["admin_bkpsdm"]),
    )
    services.competency_level_set(
        competency=own,
        level=1,
        title="Mengenali jenis saluran",
        indicators="Menyebut jenis saluran\nMencatat kondisi",
        actor=fresh(learning.users["admin_bkpsdm"]),
    )
    with pytest.raises(ApplicationError, match="teknis"):
        services.competency_create(
            instansi=learning.city.instansi,
            code="x",
            name="X",
            kind="managerial",
            actor=fresh(learning.users["admin_bkpsdm"]),
        )
