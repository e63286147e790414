"""Evaluation documents: the PDF (official layout, people, predicate, calibration, appeal, follow-up,
literal user text, page numbers), the per-OPD ZIP job with progress and its owner-only download,
the results and follow-up XLSX (content, scoping, formula safety)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.http import Http404

from pembina.core.exceptions import ApplicationError
from pembina.core.models import Job
from pembina.core.models.jobs import JobStatus
from pembina.evaluation import services
from pembina.evaluation.documents import (
    HANDLER,
    document_data,
    documents_enqueue,
    documents_file,
    evaluation_pdf,
    evaluation_pdf_filename,
    follow_up_xlsx,
    results_xlsx,
)
from pembina.evaluation.models import Evaluation
from pembina.evaluation.tests.factories import build_eval_city, published, rated

pytestmark = pytest.mark.django_db

NASTY = r"Alasan #tebal *x* _y_ $z$ <l> @ref \ [k] {k} `kode` ~ // selesai"
FORMULA = '=HYPERLINK("http://contoh.invalid","klik")'

try:
    import pypdf
except ImportError:  # the dev group may not ship it: the text checks then skip, the rest still run
    pypdf = None


def pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages), len(reader.pages)


def pdf_title(pdf: bytes) -> str:
    """The document title from the Info dictionary (typst writes it as UTF-16 hex), no library needed."""
    import re

    found = re.search(rb"/Title<FEFF([0-9A-F]+)>", pdf)
    return bytes.fromhex(found.group(1).decode()).decode("utf-16-be") if found else ""


def _final_with_everything(ev):
    """staff_a's annual evaluation: calibrated, published, appealed, decided (changed) → locked."""
    from pembina.evaluation.services import organisation_predicate_record

    organisation_predicate_record(year=ev.year, opd=ev.city.dinas_a, predicate="baik", actor=None)
    e = rated(ev, result="sesuai", behaviour="sesuai")
    services.evaluation_rate(evaluation=e, actor=None, result_justification=NASTY)
    services.evaluation_calibrate(
        evaluation=e,
        reason="Kalibrasi: bukti pelayanan prima",
        actor=ev.users["admin"],
        rating_behaviour="di_atas",
    )
    services.evaluation_publish(evaluation=e, actor=None)
    appeal = services.appeal_file(evaluation=e, reasons=FORMULA, actor=ev.users["owner"])
    appeal = services.appeal_request_explanations(appeal=appeal, actor=ev.users["rater_superior"])
    services.appeal_explain(appeal=appeal, explanation="Penjelasan penilai.", actor=ev.users["rater"])
    services.appeal_explain(appeal=appeal, explanation="Penjelasan pegawai.", actor=ev.users["owner"])
    services.appeal_decide(
        appeal=appeal,
        decision="change",
        reasons="Bukti dukung capaian lengkap.",
        actor=ev.users["rater_superior"],
        rating_result="di_atas",
    )
    return Evaluation.objects.get(pk=e.pk)


# --- the PDF -----------------------------------------------------------------------------------------


def test_annual_document_data_and_pdf(city):
    ev = build_eval_city(city)
    e = _final_with_everything(ev)
    assert e.status == "locked" and e.predicate == "sangat_baik"
    data = document_data(evaluation=e)
    assert data["final"] and data["annual"] and data["period_kind"] == "TAHUNAN"
    assert data["employee"]["name"] == "Dedi Staf"
    assert data["rater"]["name"] == "Citra Kasi" and data["rater_superior"]["name"] == "Bambang Kabid"
    assert data["predicate"] == "SANGAT BAIK" and data["org_predicate"] == "BAIK"
    assert data["rating_result"] == "DI ATAS EKSPEKTASI" and data["rating_behaviour"] == "DI ATAS EKSPEKTASI"
    assert data["calibrations"][0]["reason"] == "Kalibrasi: bukti pelayanan prima"
    assert data["appeal"]["decided"] and data["appeal"]["reasons"] == FORMULA
    assert data["follow_up"] == {"credit": "150% (12 bulan)", "tpp": "100%", "development": False}
    assert [len(g["results"]) for g in data["groups"]] == [2, 0]
    assert data["groups"][0]["results"][0]["indicators"][0]["progress"] == "100%"
    assert len(data["behaviours"]) == 7
    pdf = evaluation_pdf(evaluation=e)
    assert pdf.startswith(b"%PDF")
    assert "Dedi Staf" in pdf_title(pdf)
    assert pdf == evaluation_pdf(evaluation=e)  # deterministic: the evaluation's own timestamp
    assert evaluation_pdf_filename(evaluation=e) == document_filename_of(data)
    if pypdf is None:
        pytest.skip("pypdf not installed: rendered text not checked")
    text, pages = pdf_text(pdf)
    for expected in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "PERIODE: TAHUNAN",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "ATASAN PEJABAT PENILAI KINERJA",
        "Dedi Staf",
        "Citra Kasi",
        "Bambang Kabid",
        "CAPAIAN KINERJA ORGANISASI: BAIK",
        "RATING HASIL KERJA",
        "PREDIKAT KINERJA PEGAWAI",
        "SANGAT BAIK",
        "Berorientasi Pelayanan",
        "Kalibrasi: bukti pelayanan prima",
        "Bukti dukung capaian lengkap.",
        "TINDAK LANJUT",
        "150% (12 bulan)",
        "Atasan Pejabat Penilai Kinerja",
        f"Halaman 1 dari {pages}",
        "selesai",
    ):
        assert expected in text, expected
    assert "KONSEP" not in text


def document_filename_of(data):
    from pembina.evaluation.documents import document_filename

    return document_filename(data, "pdf")


def test_periodic_draft_document_is_marked_and_user_text_stays_literal(city):
    ev = build_eval_city(city)
    period = ev.periods[0]
    e = services.evaluation_open(plan=ev.plans["staff_a"], actor=None, period=period)
    services.evaluation_rate(
        evaluation=e,
        actor=None,
        rating_result="sesuai",
        result_justification=NASTY,
        rating_behaviour="di_bawah",
    )
    data = document_data(evaluation=e)
    assert not data["final"] and not data["annual"]
    assert data["period_kind"] == period.label.upper()
    assert data["predicate"] == "KURANG/MISCONDUCT" and data["follow_up"] is None and data["signed_on"] == ""
    assert data["result_justification"] == NASTY
    pdf = evaluation_pdf(evaluation=e)  # typst would fail on unbalanced markup if it parsed user text
    if pypdf is None:
        pytest.skip("pypdf not installed: rendered text not checked")
    text, _pages = pdf_text(pdf)
    assert f"PERIODE: {period.label.upper()}" in text
    assert "KONSEP" in text and "KURANG/MISCONDUCT" in text
    assert "$z$" in text and "`kode`" in text and "#tebal" in text


# --- the ZIP job ---------------------------------------------------------------------------------------


def _publish_dinkes(ev):
    for key in ("staff_a", "staff_a2", "staff_b"):
        published(ev, key)


def test_zip_job_renders_the_opds_final_evaluations_with_progress(city, django_capture_on_commit_callbacks):
    ev = build_eval_city(city)
    _publish_dinkes(ev)
    rated(ev, "kasi_a1a")  # rated, not published: not in the ZIP
    admin = ev.users["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        job = documents_enqueue(actor=admin, year=ev.year, opd=city.dinas_a)
    job.refresh_from_db()
    assert job.handler == HANDLER and job.status == JobStatus.SUCCEEDED, job.errors
    assert job.progress_current == job.progress_total == 2
    assert job.result["evaluations"] == 2 and job.result["download_url"]
    found, name = documents_file(actor=admin, job_pk=job.pk)
    with default_storage.open(name, "rb") as handle, zipfile.ZipFile(handle) as archive:
        names = sorted(archive.namelist())
        assert len(names) == 2 and all(
            n.startswith("EVALUASI-") and n.endswith("-TAHUNAN-20260101.pdf") for n in names
        )
        assert all(archive.read(n).startswith(b"%PDF") for n in names)
    nips = {"".join(ch for ch in ev.plans[k].employee.nip if ch.isdigit()) for k in ("staff_a", "staff_a2")}
    assert {n.split("-")[1] for n in names} == nips
    for other in ("owner", "admin_bkpsdm", "rater"):
        with pytest.raises(Http404):
            documents_file(actor=ev.users[other], job_pk=job.pk)
    default_storage.delete(name)


def test_zip_job_is_scoped_to_what_the_actor_sees(city, django_capture_on_commit_callbacks):
    ev = build_eval_city(city)
    _publish_dinkes(ev)
    with pytest.raises(ApplicationError):  # Dukcapil's staff member sees nothing of Dinkes
        documents_enqueue(actor=ev.users["outsider"], year=ev.year, opd=city.dinas_a)
    with pytest.raises(ApplicationError):  # the period is not of that year
        from pembina.performance.tests.factories import make_year

        other = make_year(instansi=city.instansi, year=2025)
        documents_enqueue(
            actor=ev.users["admin"], year=ev.year, opd=city.dinas_a, period=other.periods.first()
        )
    rater = ev.users["rater"]  # kasi_a1a rates staff_a and staff_a2: both
    with django_capture_on_commit_callbacks(execute=True):
        job = documents_enqueue(actor=rater, year=ev.year, opd=city.dinas_a)
    job.refresh_from_db()
    assert job.result["evaluations"] == 2
    owner = ev.users["owner"]  # the employee: only their own evaluation
    with django_capture_on_commit_callbacks(execute=True):
        job = documents_enqueue(actor=owner, year=ev.year, opd=city.dinas_a)
    job.refresh_from_db()
    assert job.result["evaluations"] == 1
    for j in Job.objects.filter(handler=HANDLER):
        default_storage.delete(j.result["file"])


# --- XLSX --------------------------------------------------------------------------------------------


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_results_xlsx_content_scoping_and_formula_safety(city):
    ev = build_eval_city(city)
    staff_a = ev.plans["staff_a"].employee
    type(staff_a).objects.filter(pk=staff_a.pk).update(name=FORMULA)
    from pembina.evaluation.services import organisation_predicate_record

    organisation_predicate_record(year=ev.year, opd=city.dinas_a, predicate="baik", actor=None)
    published(ev, "staff_a", result="di_atas", behaviour="di_atas")
    published(ev, "staff_a2")
    published(ev, "staff_b", result="di_bawah", behaviour="sesuai")
    services.evaluation_run(year=ev.year, actor=None)  # the rest stay draft (unrated)

    city_wide = _sheets(results_xlsx(actor=ev.users["admin_bkpsdm"], year=ev.year))
    rows = city_wide["Hasil evaluasi"]
    assert rows[0][:4] == ("OPD", "Unit kerja", "Nama", "NIP")
    body = rows[1:]
    assert len(body) == Evaluation.objects.filter(year=ev.year, kind="annual").count() == 6
    by_nip = {r[3]: r for r in body}
    a = by_nip[staff_a.nip]
    assert a[2] == "'" + FORMULA  # shown as text, never run as a formula
    assert a[7:11] == ("Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik", "Diumumkan")
    assert a[0] == "Dinas Kesehatan" and a[5] == 100
    assert by_nip[ev.plans["staff_b"].employee.nip][9] == "Butuh Perbaikan"
    dist = {r[0]: r for r in city_wide["Distribusi predikat"][1:]}
    dinkes = dist["Dinas Kesehatan"]
    assert dinkes[1] == "Baik" and dinkes[2:7] == (1, 1, 0, 0, 0) and dinkes[7] == 2 and dinkes[8] == 3
    assert "Pola distribusi" in dinkes[9]  # a Baik OPD needs some Butuh Perbaikan/Kurang
    assert dist["Dinas Kependudukan dan Pencatatan Sipil"][4] == 1
    total = city_wide["Distribusi predikat"][-1]
    assert total[7] == 3 and total[8] == 3

    opd_only = _sheets(results_xlsx(actor=ev.users["admin"], year=ev.year, opd=city.dinas_a))
    assert {r[0] for r in opd_only["Hasil evaluasi"][1:]} == {"Dinas Kesehatan"}
    assert len(opd_only["Hasil evaluasi"]) == 1 + 5
    mine = _sheets(results_xlsx(actor=ev.users["owner"], year=ev.year))
    assert [r[3] for r in mine["Hasil evaluasi"][1:]] == [staff_a.nip]
    periodic = _sheets(results_xlsx(actor=ev.users["admin_bkpsdm"], year=ev.year, period=ev.periods[0]))
    assert periodic["Hasil evaluasi"][1:] == []


def test_follow_up_xlsx(city):
    ev = build_eval_city(city)
    e = _final_with_everything(ev)
    low = published(ev, "staff_b", result="di_bawah", behaviour="di_bawah")
    services.evaluations_lock_due(on=low.appeal_deadline + __import__("datetime").timedelta(days=1))
    sheets = _sheets(follow_up_xlsx(actor=ev.users["admin_bkpsdm"], year=ev.year))
    rows = sheets["Tindak lanjut"]
    assert rows[0][5:] == (
        "Predikat",
        "Persentase angka kredit (%)",
        "Bulan dinilai",
        "Komponen kinerja TPP (%)",
        "Kebutuhan pengembangan dibuka",
    )
    by_nip = {r[3]: r for r in rows[1:]}
    assert by_nip[e.employee.nip][5:] == ("Sangat Baik", 150, 12, 100, "Tidak")
    assert by_nip[low.employee.nip][5:] == ("Sangat Kurang", 25, 12, 40, "Ya")
    dinkes_only = _sheets(follow_up_xlsx(actor=ev.users["admin"], year=ev.year))
    assert [r[3] for r in dinkes_only["Tindak lanjut"][1:]] == [e.employee.nip]
    scoped = _sheets(follow_up_xlsx(actor=ev.users["admin_bkpsdm"], year=ev.year, opd=city.dinas_b))
    assert [r[3] for r in scoped["Tindak lanjut"][1:]] == [low.employee.nip]
