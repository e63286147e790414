"""Who sees what; the calibration distribution and rater comparison; the 9-box; the detail page in
constant queries; potential scores imported by admins."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from pembina.core.models import AuditEntry
from pembina.core.scoping import get_scope
from pembina.evaluation import imports, selectors, services
from pembina.evaluation.models import Evaluation, PotentialScore
from pembina.evaluation.tests.factories import open_annual, published, rated
from pembina.performance.tests.factories import approve, extra_staff, make_plan

pytestmark = pytest.mark.django_db


def _names(qs):
    return sorted(e.employee.name for e in qs)


def test_who_sees_which_evaluation(ev):
    services.evaluation_run(year=ev.year, actor=None)
    published(ev, "staff_a")
    u = ev.users
    everyone = ["Ani Kadis", "Bambang Kabid", "Citra Kasi", "Dedi Staf", "Eka Epidemiolog", "Hadi Staf"]
    dinkes_below_kadis = ["Bambang Kabid", "Citra Kasi", "Dedi Staf", "Eka Epidemiolog"]
    expected = {
        "owner": ["Dedi Staf"],  # own, published
        "peer": [],  # own is still a draft
        "rater": ["Dedi Staf", "Eka Epidemiolog"],  # kasi: ratees (own draft hidden)
        "rater_superior": ["Citra Kasi", "Dedi Staf", "Eka Epidemiolog"],  # kabid: ratee + unit below
        "kadis": dinkes_below_kadis,
        "admin": ["Ani Kadis", *dinkes_below_kadis],  # Admin OPD Dinkes
        "outsider": [],
        "admin_bkpsdm": everyone,
        "pimpinan": everyone,
        "auditor": everyone,
    }
    seen = {key: _names(selectors.evaluation_list(actor=u[key])) for key in expected}
    assert seen == expected
    staff_b = Evaluation.objects.get(employee=ev.city.people["staff_b"])
    with pytest.raises(Http404):
        selectors.evaluation_get_for_actor(actor=u["admin"], pk=staff_b.pk)
    with pytest.raises(Http404):
        selectors.evaluation_detail(
            actor=u["peer"], pk=Evaluation.objects.get(employee=ev.city.people["staff_a2"]).pk
        )


def test_lists_for_raters_and_employees(ev):
    services.evaluation_run(year=ev.year, actor=None)
    e = published(ev, "staff_a")
    assert _names(selectors.evaluations_to_rate(actor=ev.users["rater"])) == ["Eka Epidemiolog"]
    assert list(selectors.my_evaluations(actor=ev.users["owner"])) == [e]
    assert _names(selectors.evaluation_list(actor=ev.users["admin_bkpsdm"], filters={"q": "eka"})) == [
        "Eka Epidemiolog"
    ]
    assert _names(
        selectors.evaluation_list(
            actor=ev.users["admin_bkpsdm"], filters={"status": "published", "year": ev.year}
        )
    ) == ["Dedi Staf"]
    assert _names(
        selectors.evaluation_list(actor=ev.users["admin_bkpsdm"], filters={"opd": ev.city.dinas_b})
    ) == ["Hadi Staf"]


def test_detail_page_queries_do_not_grow_with_indicators(ev):
    small = rated(ev, "staff_a")
    get_scope(ev.users["rater"])  # the per-request scope is computed once, before the page
    with CaptureQueriesContext(connection) as one:
        detail = selectors.evaluation_detail(actor=ev.users["rater"], pk=small.pk)
    assert len(detail.indicators) == 2 and detail.frozen
    person = extra_staff(ev.city, 1)[0]
    plan = make_plan(year=ev.year, employee=person, results=8)
    approve(plan)
    big = services.evaluation_open(plan=plan, actor=None)
    services.evaluation_rate(
        evaluation=big,
        actor=None,
        rating_result="sesuai",
        result_justification="x",
        rating_behaviour="sesuai",
    )
    with CaptureQueriesContext(connection) as two:
        detail = selectors.evaluation_detail(actor=ev.users["rater"], pk=big.pk)
    assert len(detail.indicators) == 8
    assert len(two.captured_queries) == len(one.captured_queries)
    assert [b.value.code for b in detail.behaviour][:2] == ["berorientasi_pelayanan", "akuntabel"]
    assert "calibrate" not in detail.actions and "publish" in detail.actions


def test_distribution_and_rater_comparison(ev):
    services.organisation_predicate_record(
        year=ev.year, opd=ev.city.dinas_a, predicate="baik", actor=ev.users["pimpinan"]
    )
    rated(ev, "staff_a", result="di_atas", behaviour="di_atas")  # Sangat Baik (kasi)
    rated(ev, "staff_a2", result="sesuai", behaviour="sesuai")  # Baik (kasi)
    rated(ev, "kasi_a1a", behaviour="sesuai")  # Baik (kabid)
    open_annual(ev, "kabid_a1")  # draft: unrated
    d = selectors.distribution(actor=ev.users["admin"], year=ev.year, opd=ev.city.dinas_a)
    assert d.counts == {"sangat_baik": 1, "baik": 2, "butuh_perbaikan": 0, "kurang": 0, "sangat_kurang": 0}
    assert (d.total, d.unrated, d.org_predicate, d.blocking) == (3, 1, "baik", False)
    assert [v.rule.kind for v in d.violations] == ["some"]  # nobody Butuh Perbaikan/Kurang
    assert d.chart["labels"][0] == "Sangat Kurang" and d.chart["values"] == [0, 0, 0, 2, 1]
    rows = selectors.rater_comparison(actor=ev.users["admin"], year=ev.year, opd=ev.city.dinas_a)
    by = {r.rater.name: r for r in rows}
    assert by["Citra Kasi"].counts["sangat_baik"] == 1 and by["Citra Kasi"].very_good_share == 50.0
    assert by["Bambang Kabid"].total == 1
    for key in ("outsider", "owner"):
        with pytest.raises(Http404):
            selectors.distribution(actor=ev.users[key], year=ev.year, opd=ev.city.dinas_a)
    with pytest.raises(Http404):
        selectors.distribution(actor=ev.users["admin"], year=ev.year, opd=ev.city.dinas_b)


def test_organisation_predicate_needs_the_authorised_role(ev):
    from pembina.core.exceptions import ApplicationError

    for key in ("admin", "kadis", "rater", "auditor"):
        with pytest.raises(ApplicationError):
            services.organisation_predicate_record(
                year=ev.year, opd=ev.city.dinas_a, predicate="istimewa", actor=ev.users[key]
            )
    with pytest.raises(ApplicationError) as exc:
        services.organisation_predicate_record(
            year=ev.year, opd=ev.city.bidang_a1, predicate="istimewa", actor=ev.users["pimpinan"]
        )
    assert exc.value.field == "opd"
    org = services.organisation_predicate_record(
        year=ev.year, opd=ev.city.dinas_a, predicate="istimewa", actor=ev.users["admin_bkpsdm"]
    )
    assert list(selectors.organisation_predicate_list(actor=ev.users["admin"], year=ev.year)) == [org]
    assert not selectors.organisation_predicate_list(actor=ev.users["outsider"], year=ev.year).exists()


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("potensi.xlsx", buf.getvalue())


def test_potential_import_and_nine_box(ev):
    p = ev.city.people
    rated(ev, "staff_a", result="di_atas", behaviour="di_atas")  # Sangat Baik
    rated(ev, "staff_a2", result="sesuai", behaviour="sesuai")  # Baik
    rated(ev, "kasi_a1a", behaviour="di_bawah")  # Kurang
    rows = [
        ("NIP", "TAHUN", "SKOR POTENSI", "TANGGAL ASESMEN", "SUMBER"),
        (p["staff_a"].nip, 2026, "85,5", "12-08-2026", "UPT Asesmen"),
        (p["staff_a2"].nip, 2026, 65, "", ""),
        (p["kasi_a1a"].nip, 2026, 40, "", ""),
    ]
    admin = ev.users["admin"]
    result = imports.import_file(kind="potential_scores", file=_xlsx(rows), name="potensi.xlsx", actor=admin)
    assert result.ok, result.report.as_list()
    assert (result.created, result.updated) == (3, 0)
    assert PotentialScore.objects.get(employee=p["staff_a"]).score == Decimal("85.50")
    assert AuditEntry.objects.filter(object_type="evaluation.potentialscore", source="import").count() == 3
    again = imports.import_file(kind="potential_scores", file=_xlsx(rows), name="potensi.xlsx", actor=admin)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    box = selectors.nine_box(actor=admin, year=ev.year, opd=ev.city.dinas_a)
    placed = {entry.employee.name: n for n, entries in box.cells.items() for entry in entries}
    assert placed == {"Dedi Staf": 9, "Eka Epidemiolog": 5, "Citra Kasi": 1}
    assert box.counts[9] == 1 and box.chart["grid"][0][2] == {"box": 9, "count": 1, "label": "Bintang"}
    assert box.unplaced == []


def test_potential_import_is_scoped_and_all_or_nothing(ev):
    p = ev.city.people
    rows = [
        ("NIP", "TAHUN", "SKOR POTENSI"),
        (p["staff_a"].nip, 2026, 70),
        (p["staff_b"].nip, 2026, 70),  # Dukcapil: outside Admin OPD Dinkes
        (p["staff_a2"].nip, 2026, 170),  # out of range
    ]
    result = imports.import_file(
        kind="potential_scores", file=_xlsx(rows), name="p.xlsx", actor=ev.users["admin"]
    )
    assert not result.ok
    problems = {(e["row"], e["column"]) for e in result.report.as_list()}
    assert {(3, "NIP"), (4, "SKOR POTENSI")} <= problems
    assert not PotentialScore.objects.exists()
    refused = imports.import_file(
        kind="potential_scores", file=_xlsx(rows[:2]), name="p.xlsx", actor=ev.users["owner"]
    )
    assert not refused.ok and "tidak berwenang" in refused.report.as_list()[0]["message"]
    assert not PotentialScore.objects.exists()


def test_potential_score_service(ev):
    from pembina.core.exceptions import ApplicationError

    p = ev.city.people
    score = services.potential_score_set(
        employee=p["staff_a"], year=2026, score="77.5", actor=ev.users["admin"]
    )
    assert score.score == Decimal("77.50")
    with pytest.raises(ApplicationError):
        services.potential_score_set(employee=p["staff_a"], year=2026, score=101, actor=ev.users["admin"])
    with pytest.raises(Http404):
        services.potential_score_set(employee=p["staff_b"], year=2026, score=50, actor=ev.users["admin"])
    with pytest.raises(ApplicationError):
        services.potential_score_set(employee=p["staff_a2"], year=2026, score=50, actor=ev.users["rater"])
