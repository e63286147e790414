"""SKP documents: the PDF in the official layout (text, pages, literal user text), the XLSX cells
(formula-safe), the download permission matrix, and the per-OPD ZIP job with its owner-only download."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from conftest import build_city
from pembina.accounts.tests.factories import make_user
from pembina.core.models import Job
from pembina.core.models.jobs import JobStatus
from pembina.core.testing.views import (
    ALL,
    NONE,
    SCOPED,
    Access,
    ViewContract,
    assert_contracts_cover,
    check_view_contract,
    module_city_fixture,
)
from pembina.org.choices import JobType, UnitKind
from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit
from pembina.performance import services
from pembina.performance.documents import document_data, document_filename, render_pdf, render_xlsx
from pembina.performance.documents.jobs import HANDLER, STORAGE_DIR
from pembina.performance.models import CoreValue, PerformancePlan
from pembina.performance.tests.factories import approve, make_plan, make_year

pytestmark = pytest.mark.django_db

ROLES = ["pegawai", "penilai", "atasan", "admin_opd", "admin_bkpsdm", "pimpinan", "auditor", "outsider"]
# Every character typst gives a meaning to, and a spreadsheet formula.
NASTY = r"Tersusunnya #laporan *tebal* _miring_ $x^2$ <label> @ref \ [kurung] {kurawal} `kode` ~ //"
FORMULA = '=HYPERLINK("http://contoh.invalid","klik")'
HAS_PDFTOTEXT = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


@dataclass
class World:
    city: object
    year: object
    users: dict
    plan_in: object  # staff_a (Dinas Kesehatan), approved, full of special characters
    plan_out: object  # staff_b (Dinas Dukcapil), draft
    plan_foreign: object  # another instansi
    jobs: dict  # role → a finished document job of that role
    stranger_job: object


def _build() -> World:
    city = build_city()
    p = city.people
    year = make_year(instansi=city.instansi)
    users = {
        "pegawai": city.users["pegawai"],
        "penilai": make_user(username=p["kasi_a1a"].nip, employee=p["kasi_a1a"]),
        "atasan": city.users["pejabat_penilai"],
        "admin_opd": city.users["admin_opd"],
        "admin_bkpsdm": city.users["admin_bkpsdm"],
        "pimpinan": city.users["pimpinan"],
        "auditor": city.users["auditor"],
        "outsider": make_user(username=p["staff_a2"].nip, employee=p["staff_a2"]),
    }
    kasi = make_plan(year=year, employee=p["kasi_a1a"])
    approve(kasi)
    plan_in = make_plan(year=year, employee=p["staff_a"], parent=kasi.results.get())
    rhk = services.result_add(plan=plan_in, statement=NASTY, actor=None, kind="tambahan")
    services.indicator_add(result=rhk, name=f"IKI {NASTY}", actor=None, target_text="Laporan #1 [lengkap]")
    services.indicator_add(result=rhk, name=FORMULA, actor=None, target="2.5", unit="%")
    services.plan_update(
        plan=plan_in,
        data={
            "support_resources": "- Anggaran imunisasi\n- Aplikasi *ASIK*",
            "accountability_scheme": "Laporan bulanan kepada Kepala Seksi",
            "consequences": "",
        },
        actor=None,
    )
    value = CoreValue.objects.get(code="akuntabel")
    services.behaviour_expectation_set(plan=plan_in, value=value, expectation=f"Jujur {NASTY}", actor=None)
    plan_in = approve(plan_in)
    plan_out = make_plan(year=year, employee=p["staff_b"])
    other = InstansiFactory(code="LAIN", name="Pemerintah Kota Lain", region_name="Kota Lain")
    unit = make_unit(instansi=other, name="Dinas Lain", kind=UnitKind.DINAS, code="LAIN-D", is_opd=True)
    make_employee(
        instansi=other,
        position=PositionFactory(unit=unit, name="Kadis Lain", job_type=JobType.JPT_PRATAMA, is_head=True),
        name="Kadis Lain",
    )
    staff = make_employee(
        instansi=other,
        position=PositionFactory(unit=unit, name="Staf Lain", job_type=JobType.PELAKSANA),
        name="Staf Lain",
    )
    plan_foreign = make_plan(year=make_year(instansi=other), employee=staff)

    def finished_job(user, label):
        name = default_storage.save(f"{STORAGE_DIR}/uji-{label}.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
        return Job.objects.create(
            handler=HANDLER, title=label, created_by=user, status=JobStatus.SUCCEEDED, result={"file": name}
        )

    jobs = {r: finished_job(u, r) for r, u in users.items()}
    stranger = make_user(username="orang.lain", instansi=city.instansi)
    return World(city, year, users, plan_in, plan_out, plan_foreign, jobs, finished_job(stranger, "lain"))


world = module_city_fixture(_build, name="world")


@pytest.fixture
def w(world, db):
    return world


def fresh(plan):
    """The plan as stored now (tests change plans inside their savepoint; the world's objects stay)."""
    return PerformancePlan.objects.select_related("year__instansi").get(pk=plan.pk)


def pdf_text(pdf: bytes, tmp_path, mode: str = "-layout") -> tuple[str, int]:
    """The text of a PDF (-layout: as laid out; -raw: in drawing order, one table cell after the
    other, for text that wraps inside a cell) and its page count."""
    path = tmp_path / "skp.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return text.decode(), pages


def squash(text: str) -> str:
    return " ".join(text.split())


# --- the PDF ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not HAS_PDFTOTEXT, reason="poppler-utils (pdftotext) not installed")
def test_pdf_has_the_official_layout_and_the_people(w, tmp_path):
    data = document_data(plan=fresh(w.plan_in))
    pdf = render_pdf(data)
    assert pdf.startswith(b"%PDF")
    text, pages = pdf_text(pdf, tmp_path)
    flat = squash(text)
    for fixed in (
        "SASARAN KINERJA PEGAWAI",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        "PERIODE PENILAIAN: 1 JANUARI 2026 S.D. 31 DESEMBER 2026",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "PANGKAT/GOL. RUANG",
        "HASIL KERJA",
        "A. UTAMA",
        "B. TAMBAHAN",
        "PERILAKU KERJA",
        "EKSPEKTASI KHUSUS PIMPINAN",
        "Berorientasi Pelayanan",
        "Memahami dan memenuhi kebutuhan masyarakat",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "DUKUNGAN SUMBER DAYA",
        "SKEMA PERTANGGUNGJAWABAN",
        "KONSEKUENSI",
        "Pegawai yang Dinilai",
    ):
        assert fixed in flat, fixed
    staff, kasi = w.city.people["staff_a"], w.city.people["kasi_a1a"]
    assert "Dedi Staf" in flat and "Citra Kasi" in flat
    assert staff.nip_display in flat and kasi.nip_display in flat
    assert "Pengatur, II/c" in flat and "Pengelola Data Imunisasi" in flat
    # the intervened RHK of the superior is in column (2)
    assert "RHK 1 Citra Kasi" in flat
    assert "12 dokumen" in flat and "2,5%" in flat
    assert "Anggaran imunisasi" in flat and "Laporan bulanan kepada Kepala Seksi" in flat
    # signed where and when it was approved; pages numbered "Halaman X dari Y"
    assert "Uji, " in flat
    assert f"Halaman 1 dari {pages}" in flat and f"Halaman {pages} dari {pages}" in flat
    assert pages >= 2
    assert "Konsep" not in flat and "KONSEP" not in pdf_text(pdf, tmp_path, "-raw")[0]  # approved


@pytest.mark.skipif(not HAS_PDFTOTEXT, reason="poppler-utils (pdftotext) not installed")
def test_user_text_with_typst_markup_characters_renders_literally(w, tmp_path):
    text, _pages = pdf_text(render_pdf(document_data(plan=fresh(w.plan_in))), tmp_path, "-raw")
    flat = squash(text)
    # the statement may wrap inside its cell: compare without whitespace
    nospace = "".join(text.split())
    assert "".join(NASTY.split()) in nospace
    assert "Laporan #1 [lengkap]" in flat
    assert "Aplikasi *ASIK*" in flat
    assert "".join(f"Jujur {NASTY}".split()) in nospace


@pytest.mark.skipif(not HAS_PDFTOTEXT, reason="poppler-utils (pdftotext) not installed")
def test_draft_is_marked_and_more_results_make_more_pages(w, tmp_path):
    plan = fresh(w.plan_out)
    small_text, small_pages = pdf_text(render_pdf(document_data(plan=plan)), tmp_path)
    assert "Konsep — belum ditetapkan oleh pejabat penilai kinerja. (Versi 1)" in squash(small_text)
    raw, _ = pdf_text(render_pdf(document_data(plan=plan)), tmp_path, "-raw")
    assert "KONSEP" in raw  # the watermark behind every page
    assert "Hadi Staf" in small_text
    assert ", ......................... 2026" in small_text  # no signing date before approval
    for n in range(25):
        r = services.result_add(plan=plan, statement=f"Rencana hasil kerja nomor {n} " * 3, actor=None)
        services.indicator_add(result=r, name=f"Indikator {n}", actor=None, target=n + 1, unit="berkas")
    big_text, big_pages = pdf_text(render_pdf(document_data(plan=plan)), tmp_path)
    assert big_pages > small_pages
    assert f"Halaman {big_pages} dari {big_pages}" in big_text
    assert "Indikator 24" in big_text


@pytest.mark.skipif(not HAS_PDFTOTEXT, reason="poppler-utils (pdftotext) not installed")
def test_an_approved_version_prints_as_approved_after_a_revision(w, tmp_path):
    services.plan_revise(plan=fresh(w.plan_in), actor=None, reason="perubahan jabatan")
    plan = fresh(w.plan_in)
    rhk = plan.results.filter(kind="utama").first()
    services.result_update(result=rhk, data={"statement": "Rumusan baru setelah perubahan"}, actor=None)
    current, _ = pdf_text(render_pdf(document_data(plan=plan)), tmp_path, "-raw")
    assert "Rumusan baru setelah perubahan" in squash(current)
    assert "Konsep — belum ditetapkan oleh pejabat penilai kinerja. (Versi 2)" in squash(current)
    v1, _ = pdf_text(render_pdf(document_data(plan=plan, version=1)), tmp_path, "-raw")
    assert "Rumusan baru" not in v1 and "RHK 1 Dedi Staf" in squash(v1)
    assert "Konsep" not in v1 and "KONSEP" not in v1


def test_pdf_is_reproducible_and_uses_only_the_vendored_font(w):
    data = document_data(plan=fresh(w.plan_in))
    first, second = render_pdf(data), render_pdf(data)
    assert first == second
    assert b"LiberationSans" in first


def test_filename_is_ascii_with_nip_start_and_version(w):
    data = document_data(plan=fresh(w.plan_in))
    nip = w.city.people["staff_a"].nip
    assert document_filename(data, "pdf") == f"SKP-{nip}-20260101-v1.pdf"


# --- the XLSX --------------------------------------------------------------------------------------


def _cells(xlsx: bytes) -> dict[str, list]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx))
    return {ws.title: [c for row in ws.iter_rows() for c in row if c.value not in (None, "")] for ws in wb}


def test_xlsx_has_the_same_content_and_is_formula_safe(w):
    cells = _cells(render_xlsx(document_data(plan=fresh(w.plan_in))))
    assert set(cells) == {"SKP", "Lampiran"}
    values = [c.value for c in cells["SKP"]]
    assert "SASARAN KINERJA PEGAWAI" in values
    assert "Dedi Staf" in values and "Citra Kasi" in values
    assert w.city.people["staff_a"].nip_display in values
    assert NASTY in values and "RHK 1 Citra Kasi" in values
    assert "12 dokumen" in values and "2,5%" in values
    assert any(isinstance(v, str) and v.startswith("Berorientasi Pelayanan\n• Memahami") for v in values)
    # a formula typed as an IKI name stays text: quoted, stored as a string, never as a formula
    formula_cells = [c for c in cells["SKP"] if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert [c.value for c in formula_cells] == ["'" + FORMULA]
    assert all(c.data_type == "s" for c in formula_cells)
    lampiran = [c.value for c in cells["Lampiran"]]
    assert "Anggaran imunisasi" in lampiran and "Aplikasi *ASIK*" in lampiran
    assert "Tidak ada." in lampiran  # empty konsekuensi


# --- downloads: permission matrix --------------------------------------------------------------------


def _plan_url(name):
    return {
        "url_in": lambda c, role: reverse(f"performance:{name}", args=[c.plan_in.pk]),
        "url_out": lambda c, role: reverse(f"performance:{name}", args=[c.plan_out.pk]),
        "url_foreign": lambda c, role: reverse(f"performance:{name}", args=[c.plan_foreign.pk]),
    }


PLAN_ACCESS = {
    "pegawai": SCOPED,
    "penilai": SCOPED,
    "atasan": SCOPED,
    "admin_opd": SCOPED,
    "admin_bkpsdm": ALL,
    "pimpinan": ALL,
    "auditor": ALL,
    "outsider": NONE,
}
CONTRACTS = [
    ViewContract("performance:plan_pdf", expected=PLAN_ACCESS, **_plan_url("plan_pdf")),
    ViewContract("performance:plan_xlsx", expected=PLAN_ACCESS, **_plan_url("plan_xlsx")),
    ViewContract(
        "performance:opd_documents",
        url_in=lambda c, role: reverse("performance:opd_documents"),
        expected=dict.fromkeys(ROLES, ALL),
    ),
    # own job → 200; someone else's job → 404, whatever the role (even the Admin BKPSDM)
    ViewContract(
        "performance:opd_documents_download",
        url_in=lambda c, role: reverse(
            "performance:opd_documents_download", args=[c.jobs.get(role, c.jobs["pegawai"]).pk]
        ),
        url_out=lambda c, role: reverse("performance:opd_documents_download", args=[c.stranger_job.pk]),
        expected=dict.fromkeys(ROLES, Access(200, 404)),
    ),
]


def test_every_document_view_has_a_contract():
    assert_contracts_cover(
        CONTRACTS, urlconf="pembina.config.urls", view_modules=["pembina.performance.views.documents"]
    )


@pytest.mark.parametrize("contract", CONTRACTS, ids=str)
def test_permission_matrix(contract, w, client, login):
    check_view_contract(contract, client=client, login=login, city=w, roles=ROLES)


def test_download_headers_and_unknown_version(w, login):
    client = login(w.users["pegawai"])
    response = client.get(reverse("performance:plan_pdf", args=[w.plan_in.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"SKP-{w.city.people['staff_a'].nip}-20260101-v1.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    xlsx = client.get(reverse("performance:plan_xlsx", args=[w.plan_in.pk]))
    assert xlsx.content[:2] == b"PK"
    assert client.get(reverse("performance:plan_pdf", args=[w.plan_in.pk]) + "?versi=9").status_code == 404
    assert client.get(reverse("performance:plan_pdf", args=[w.plan_in.pk]) + "?versi=x").status_code == 404


# --- the per-OPD job ---------------------------------------------------------------------------------


def test_opd_job_renders_every_visible_plan_into_a_zip_for_its_owner_only(
    w, login, django_capture_on_commit_callbacks
):
    admin = w.users["admin_opd"]
    client = login(admin)
    url = reverse("performance:opd_documents")
    page = client.get(url)
    assert page.status_code == 200 and "Dinas Kesehatan" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"year": w.year.pk, "opd": w.city.dinas_a.pk, "formats": ["pdf", "xlsx"]})
    job = Job.objects.filter(handler=HANDLER, created_by=admin).latest("pk")
    assert response.status_code == 302 and response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.errors
    assert job.result["plans"] == 2  # the Kasi's and staff_a's plans; Dinas B is not in the ZIP
    assert job.progress_current == job.progress_total == 2
    job_page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    download = reverse("performance:opd_documents_download", args=[job.pk])
    assert download in job_page
    zipped = client.get(download)
    assert zipped.status_code == 200 and zipped["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content)))
    names = sorted(archive.namelist())
    staff_nip, kasi_nip = w.city.people["staff_a"].nip, w.city.people["kasi_a1a"].nip
    assert names == sorted(
        [
            f"SKP-{staff_nip}-20260101-v1.pdf",
            f"SKP-{staff_nip}-20260101-v1.xlsx",
            f"SKP-{kasi_nip}-20260101-v1.pdf",
            f"SKP-{kasi_nip}-20260101-v1.xlsx",
        ]
    )
    assert archive.read(names[0]).startswith(b"%PDF")
    # nobody else gets the file: not the Admin BKPSDM, not the employee whose SKP is inside
    for role in ("admin_bkpsdm", "pegawai", "auditor"):
        assert login(w.users[role]).get(download).status_code == 404


def test_opd_job_refuses_an_opd_outside_scope_and_empty_formats(w, login):
    client = login(w.users["admin_opd"])
    url = reverse("performance:opd_documents")
    before = Job.objects.count()
    assert (
        client.post(url, {"year": w.year.pk, "opd": w.city.dinas_b.pk, "formats": ["pdf"]}).status_code == 404
    )
    response = client.post(url, {"year": w.year.pk, "opd": w.city.dinas_a.pk}, follow=True)
    assert "Pilih paling sedikit satu format" in response.content.decode()
    assert Job.objects.count() == before


def test_opd_job_without_visible_plans_says_so(w, login):
    client = login(w.users["outsider"])  # staff_a2: no plan, leads nothing
    response = client.post(
        reverse("performance:opd_documents"),
        {"year": w.year.pk, "opd": w.city.dinas_a.pk, "formats": ["pdf"]},
        follow=True,
    )
    assert "Tidak ada SKP 2026 di Dinas Kesehatan yang dapat Anda unduh" in response.content.decode()
