"""XLSX imports: the competency standard of positions and assessment-centre results (all or nothing,
errors naming row and column, idempotent, scoped)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from pembina.core.models import AuditEntry
from pembina.learning.imports import import_file
from pembina.learning.models import CompetencyAssessment, CompetencyGap, PositionStandard
from pembina.learning.tests.conftest import fresh


def xlsx(rows, name="data.xlsx"):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def test_standards_import_writes_all_rows_once_and_refreshes_gaps(learning):
    city = learning.city
    kadis, staff = city.positions["kadis_a"], city.positions["staff_a"]
    rows = [
        ("KODE JABATAN", "KOMPETENSI", "LEVEL STANDAR", "# catatan"),
        (kadis.code, "integritas", 4, "sesuai Permen"),
        (kadis.code, "Pengelolaan Pelayanan Imunisasi", 3, ""),
        (staff.code, "tek-pelayanan-imunisasi", 2, ""),
    ]
    admin = fresh(learning.users["admin_bkpsdm"])
    result = import_file(kind="competency_standards", file=xlsx(rows), name="standar.xlsx", actor=admin)
    assert result.ok, result.report.as_list()
    assert (result.created, result.updated) == (3, 0)
    assert PositionStandard.objects.count() == 3
    assert AuditEntry.objects.filter(object_type="learning.positionstandard", action="create").count() == 3
    assert CompetencyGap.objects.filter(
        employee=city.people["staff_a"], competency__code="tek-pelayanan-imunisasi"
    ).exists()
    again = import_file(kind="competency_standards", file=xlsx(rows), name="standar.xlsx", actor=admin)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = import_file(
        kind="competency_standards",
        file=xlsx([rows[0], (kadis.code, "integritas", 5, "")]),
        name="s.xlsx",
        actor=admin,
    )
    assert (changed.created, changed.updated) == (0, 1)


def test_standards_import_errors_name_row_and_column_and_write_nothing(learning):
    city = learning.city
    rows = [
        ("KODE JABATAN", "KOMPETENSI", "LEVEL STANDAR"),
        (city.positions["kadis_a"].code, "integritas", 4),
        ("TIDAK-ADA", "integritas", 3),
        (city.positions["kadis_a"].code, "sulap", 9),
        (city.positions["staff_b"].code, "integritas", 1),
    ]
    result = import_file(
        kind="competency_standards", file=xlsx(rows), name="s.xlsx", actor=fresh(learning.users["admin_opd"])
    )
    errors = {(e.row, e.column) for e in result.errors}
    assert (4, "KOMPETENSI") in errors and (4, "LEVEL STANDAR") in errors
    assert not PositionStandard.objects.exists()
    # row errors first; then plan-level errors (unknown position, out of the admin's scope)
    fixed = [r for r in rows if r[1] != "sulap"]
    result = import_file(
        kind="competency_standards", file=xlsx(fixed), name="s.xlsx", actor=fresh(learning.users["admin_opd"])
    )
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "tidak ditemukan" in messages[(3, "KODE JABATAN")]
    assert "di luar cakupan" in messages[(4, "KODE JABATAN")]
    assert not PositionStandard.objects.exists()
    denied = import_file(
        kind="competency_standards",
        file=xlsx(rows[:2]),
        name="s.xlsx",
        actor=fresh(learning.users["pegawai"]),
    )
    assert not denied.ok and "tidak berwenang" in denied.errors[0].message


def test_assessment_import(learning):
    city = learning.city
    staff, kabid = city.people["staff_a"], city.people["kabid_a1"]
    rows = [
        ("NIP", "KOMPETENSI", "LEVEL", "TANGGAL ASESMEN", "LEMBAGA/ASESOR", "NOMOR LAPORAN"),
        (staff.nip, "integritas", 2, "12-08-2025", "UPT Penilaian Kompetensi", "LHA/1"),
        (staff.nip, "Kerja Sama", 1, "12-08-2025", "UPT Penilaian Kompetensi", "LHA/1"),
        (kabid.nip, "komunikasi", 3, "2025-08-13", "", ""),
    ]
    admin = fresh(learning.users["admin_opd"])
    result = import_file(kind="competency_assessments", file=xlsx(rows), name="asesmen.xlsx", actor=admin)
    assert result.ok, result.report.as_list()
    assert result.created == 3
    kabid_row = CompetencyAssessment.objects.get(employee=kabid)
    assert (kabid_row.source, kabid_row.source_ref, kabid_row.level) == (
        "assessment_centre",
        "asesmen:2025-08-13",
        3,
    )
    assert CompetencyGap.objects.get(employee=staff, competency__code="kerja-sama").current == 1
    again = import_file(kind="competency_assessments", file=xlsx(rows), name="asesmen.xlsx", actor=admin)
    assert again.unchanged == 3 and again.created == 0
    bad = [
        rows[0],
        (staff.nip[:10], "integritas", 7, "31-02-2025", "", ""),
        (city.people["staff_b"].nip, "integritas", 2, "01-01-2025", "", ""),
    ]
    result = import_file(kind="competency_assessments", file=xlsx(bad), name="a.xlsx", actor=admin)
    errors = {(e.row, e.column) for e in result.errors}
    assert {(2, "NIP"), (2, "LEVEL"), (2, "TANGGAL ASESMEN")} <= errors
    assert CompetencyAssessment.objects.count() == 3
