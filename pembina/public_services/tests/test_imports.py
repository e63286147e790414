"""Import of counter-system request logs: all-or-nothing, errors naming row and column, idempotent."""

import datetime as dt
import io

import pytest

from pembina.core.audit.context import Source
from pembina.core.models import AuditEntry
from pembina.public_services.choices import RequestChannel, RequestStatus
from pembina.public_services.imports import RequestLogImport, parse_datetime, request_log_import
from pembina.public_services.models import RequestEvent, ServiceRequest
from pembina.public_services.rules import tracking

pytestmark = pytest.mark.django_db

HEADER = "NOMOR;KODE LAYANAN;NAMA PEMOHON;KONTAK;WAKTU TERIMA;WAKTU VERIFIKASI;WAKTU PROSES;WAKTU SELESAI;WAKTU DIAMBIL;WAKTU DITOLAK;ALASAN PENOLAKAN;NIP PETUGAS"


def csv_file(*lines: str) -> io.BytesIO:
    return io.BytesIO(("\n".join([HEADER, *lines]) + "\n").encode())


def good_lines(ps):
    nip = ps.city.people["staff_b"].nip
    return [
        f"L-1;DUKCAPIL-KTPEL;Siti;0812;02-11-2026 08:15;02-11-2026 08:30;02-11-2026 09:00;03-11-2026 14:00;04-11-2026 10:00;;;{nip}",
        f"L-2;dukcapil-ktpel;Budi;;02-11-2026 09:00;02-11-2026 09:10;;;;02-11-2026 09:20;Berkas tidak lengkap;{nip}",
        "L-3;DUKCAPIL-AKTALAHIR;<b>Ani</b>;;2026-11-02 10:00;;;06-11-2026 10:00;;;;",
        "L-4;DUKCAPIL-AKTALAHIR;Joko;;03-11-2026;;;;;;;",
    ]


def test_import_creates_requests_with_timelines(ps):
    result = request_log_import(file=csv_file(*good_lines(ps)), name="log.csv", actor=ps.staff_user)
    assert result.ok, result.errors
    assert (result.created, result.rows) == (4, 4)
    by_ref = {r.external_ref: r for r in ServiceRequest.objects.all()}
    picked = by_ref["L-1"]
    assert picked.status == RequestStatus.PICKED_UP and picked.channel == RequestChannel.IMPORT
    assert picked.elapsed_working_days == 1 and picked.within_deadline is True
    assert picked.handler == ps.city.people["staff_b"] and tracking.normalize(picked.tracking_number)
    assert [e.action for e in picked.events.all()] == [
        "received",
        "verified",
        "in_process",
        "completed",
        "picked_up",
    ]
    assert all(
        e.employee == ps.city.people["staff_b"] and e.unit == ps.city.bidang_b1 for e in picked.events.all()
    )
    rejected = by_ref["L-2"]
    assert rejected.status == RequestStatus.REJECTED and rejected.rejection_reason == "Berkas tidak lengkap"
    late = by_ref["L-3"]
    assert late.citizen_name == "Ani" and late.status == RequestStatus.COMPLETED
    assert late.elapsed_working_days == 4 and late.within_deadline is False
    assert by_ref["L-4"].status == RequestStatus.RECEIVED and by_ref["L-4"].due_date == dt.date(2026, 11, 6)
    entries = AuditEntry.objects.filter(object_type="public_services.servicerequest")
    assert entries.count() == 4 and set(entries.values_list("source", flat=True)) == {Source.IMPORT}
    # importing the same file again writes nothing
    again = request_log_import(file=csv_file(*good_lines(ps)), name="log.csv", actor=ps.staff_user)
    assert again.ok and (again.created, again.unchanged) == (0, 4)
    assert ServiceRequest.objects.count() == 4


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("L-9;TIDAK-ADA;Siti;;02-11-2026 08:00;;;;;;;", "KODE LAYANAN", "tidak ada di katalog"),
        ("L-9;DINKES-IMUN;Siti;;02-11-2026 08:00;;;;;;;", "KODE LAYANAN", "di luar cakupan"),
        ("L-9;DUKCAPIL-KTPEL;;;02-11-2026 08:00;;;;;;;", "NAMA PEMOHON", "wajib"),
        ("L-9;DUKCAPIL-KTPEL;Siti;;32-11-2026 08:00;;;;;;;", "WAKTU TERIMA", "tidak"),
        (
            "L-9;DUKCAPIL-KTPEL;Siti;;02-11-2026 08:00;01-11-2026 08:00;;;;;;",
            "WAKTU VERIFIKASI",
            "lebih awal",
        ),
        ("L-9;DUKCAPIL-KTPEL;Siti;;02-11-2026 08:00;;;;03-11-2026;;;", "WAKTU DIAMBIL", "waktu selesai"),
        ("L-9;DUKCAPIL-KTPEL;Siti;;02-11-2026 08:00;;;;;03-11-2026;;", "ALASAN PENOLAKAN", "wajib"),
        (
            "L-9;DUKCAPIL-KTPEL;Siti;;02-11-2026 08:00;;;;;;;199999999999999999",
            "NIP PETUGAS",
            "tidak ditemukan",
        ),
        ("L-9;DUKCAPIL-KTPEL;Siti;;02-11-2099 08:00;;;;;;;", "WAKTU TERIMA", "masa depan"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_row_and_column(ps, line, column, fragment):
    result = request_log_import(file=csv_file(*good_lines(ps), line), name="log.csv", actor=ps.staff_user)
    assert not result.ok
    assert not ServiceRequest.objects.exists() and not RequestEvent.objects.exists()
    (error,) = result.errors
    assert error.row == 6 and error.column == column and fragment in error.message


def test_duplicate_numbers_and_changed_rows(ps):
    lines = good_lines(ps)
    result = request_log_import(file=csv_file(*lines, lines[0]), name="log.csv", actor=ps.staff_user)
    assert not result.ok and {e.row for e in result.errors} == {2, 6}
    request_log_import(file=csv_file(*lines), name="log.csv", actor=ps.staff_user)
    changed = lines[3].replace("03-11-2026", "04-11-2026")
    result = request_log_import(file=csv_file(changed), name="log.csv", actor=ps.staff_user)
    assert not result.ok and "sudah diimpor" in result.errors[0].message


def test_anonymous_cannot_import(ps):
    result = request_log_import(file=csv_file(*good_lines(ps)), name="log.csv", actor=None)
    assert not result.ok and not ServiceRequest.objects.exists()


def test_template_and_datetime_parsing():
    assert RequestLogImport().template_headers()[:3] == ["NOMOR", "KODE LAYANAN", "NAMA PEMOHON"]
    value = parse_datetime("03-02-2025 08:15")
    assert (value.year, value.month, value.day, value.hour, value.minute) == (2025, 2, 3, 8, 15)
    assert parse_datetime(45691.5).hour == 12  # Excel serial with a time fraction
    assert parse_datetime("2025-02-03").hour == 0
    assert parse_datetime("") is None
