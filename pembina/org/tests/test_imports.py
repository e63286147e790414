"""Spreadsheet imports of units, positions and employees: happy paths, upserts, every bad input."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from pembina.core.models import AuditEntry, Job
from pembina.core.models.jobs import JobStatus
from pembina.org.choices import AsnStatus, AssignmentKind, AssignmentReason, JobType, UnitKind
from pembina.org.imports import SPECS, import_file, import_start
from pembina.org.models import Assignment, Employee, Position, Unit
from pembina.org.rules.nip import make_nip

EMPLOYEE_HEADER = [
    "NIP",
    "NIP LAMA",
    "NAMA",
    "GELAR DEPAN",
    "GELAR BELAKANG",
    "TEMPAT LAHIR",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
    "STATUS ASN",
    "GOLONGAN",
    "TMT GOLONGAN",
    "KODE JABATAN",
    "TMT JABATAN",
    "NOMOR SK",
    "EMAIL",
    "NOMOR HP",
]


# --- helpers ----------------------------------------------------------------------------------


def csv_file(rows, *, name="data.csv", delimiter=",", bom=False, encoding="utf-8"):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = codecs.BOM_UTF8 + data
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_file(rows, *, name="data.xlsx"):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def snapshot():
    return {
        "employees": Employee.objects.count(),
        "units": Unit.objects.count(),
        "positions": Position.objects.count(),
        "assignments": Assignment.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def run(kind, upload, actor):
    return import_file(kind=kind, file=upload, name=upload.name, actor=actor)


def messages(result):
    return [f"{e.row}|{e.column}|{e.message}" for e in result.errors]


def nip_for(birth=dt.date(1990, 5, 17), gender="L", seq=1, tmt=dt.date(2015, 3, 1)):
    return make_nip(birth=birth, gender=gender, sequence=seq, tmt=tmt)


def employee_row(
    nip, *, name="Rina Wati", birth="17-05-1990", gender="L", status="PNS", rank="III/a", code="", **kw
):
    row = {
        "NIP": nip,
        "NIP LAMA": "",
        "NAMA": name,
        "GELAR DEPAN": "",
        "GELAR BELAKANG": "S.Kom.",
        "TEMPAT LAHIR": "Pontianak",
        "TANGGAL LAHIR": birth,
        "JENIS KELAMIN": gender,
        "STATUS ASN": status,
        "GOLONGAN": rank,
        "TMT GOLONGAN": "01-04-2019",
        "KODE JABATAN": code,
        "TMT JABATAN": "02-01-2024",
        "NOMOR SK": "800/1/2024",
        "EMAIL": "",
        "NOMOR HP": "081234567890",
    }
    row.update(kw)
    return [row[h] for h in EMPLOYEE_HEADER]


@pytest.fixture
def bkpsdm(city):
    return city.users["admin_bkpsdm"]


@pytest.fixture
def admin_opd(city):
    return city.users["admin_opd"]


# --- units ------------------------------------------------------------------------------------


def test_units_import_creates_tree_with_paths_and_audit(city, bkpsdm):
    before = snapshot()
    upload = csv_file(
        [
            ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK", "SINGKATAN"],
            ["DISHUB", "Dinas Perhubungan", "Dinas", "PEMDA", "Dishub"],
            ["DISHUB-LL", "Bidang Lalu Lintas", "bidang", "DISHUB", ""],
            ["DISHUB-LL-RAMBU", "Seksi Rambu", "Seksi", "DISHUB-LL", ""],
            ["DINKES-P2P-SURV", "Seksi Surveilans", "seksi", "DINKES-P2P", ""],
        ]
    )
    result = run("units", upload, bkpsdm)
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    dishub = Unit.objects.get(code="DISHUB")
    ll = Unit.objects.get(code="DISHUB-LL")
    rambu = Unit.objects.get(code="DISHUB-LL-RAMBU")
    surv = Unit.objects.get(code="DINKES-P2P-SURV")
    # Same rules as services.unit_create: children of the top unit are OPDs; others inherit the OPD.
    assert dishub.is_opd and dishub.opd_id == dishub.pk
    assert dishub.path == city.pemda.path + f"{dishub.pk:07d}/" and dishub.depth == 1
    assert ll.parent_id == dishub.pk and not ll.is_opd and ll.opd_id == dishub.pk
    assert rambu.path == ll.path + f"{rambu.pk:07d}/" and rambu.depth == 3 and rambu.opd_id == dishub.pk
    assert surv.parent_id == city.bidang_a1.pk and surv.opd_id == city.dinas_a.pk
    assert surv.path.startswith(city.dinas_a.path)
    entries = AuditEntry.objects.filter(object_type="org.unit", source="import", action="create")
    assert entries.count() == 4
    assert snapshot()["audit"] == before["audit"] + 4
    entry = entries.get(object_id=str(rambu.pk))
    assert entry.after["opd_id"] == dishub.pk and entry.actor_id == bkpsdm.pk


def test_units_reimport_changes_nothing_and_update_is_audited(city, bkpsdm):
    rows = [
        ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK", "SINGKATAN"],
        ["DISHUB", "Dinas Perhubungan", "Dinas", "PEMDA", "Dishub"],
        ["DINKES", "Dinas Kesehatan", "Dinas", "PEMDA", ""],
    ]
    first = run("units", csv_file(rows), bkpsdm)
    assert (first.created, first.updated, first.unchanged) == (1, 0, 1), messages(first)
    before = snapshot()
    again = run("units", csv_file(rows), bkpsdm)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert snapshot() == before
    rows[2][1] = "Dinas Kesehatan Kota"
    changed = run("units", csv_file(rows), bkpsdm)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    entry = AuditEntry.objects.filter(object_type="org.unit", action="update", source="import").get()
    assert entry.before == {"name": "Dinas Kesehatan"} and entry.after == {"name": "Dinas Kesehatan Kota"}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["X1", "Unit X", "Dinas", "TIDAK-ADA", ""], "Kode induk 'TIDAK-ADA' tidak ditemukan"),
        (["X1", "Unit X", "Galaksi", "PEMDA", ""], "Jenis unit 'Galaksi' tidak dikenal"),
        (["X1", "Unit X", "Dinas", "X1", ""], "induk dirinya sendiri"),
        (["DINKES", "Dinkes", "Dinas", "SETDA", ""], "memindah unit tidak dilakukan lewat impor"),
        (["", "Unit X", "Dinas", "PEMDA", ""], "Kode unit wajib diisi"),
    ],
)
def test_units_bad_rows_write_nothing(city, bkpsdm, row, expected):
    before = snapshot()
    header = ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK", "SINGKATAN"]
    good = ["OK1", "Unit Baik", "Dinas", "PEMDA", ""]
    result = run("units", csv_file([header, good, row]), bkpsdm)
    assert not result.ok
    assert any(expected in m for m in messages(result)), messages(result)
    assert all(e.row == 3 for e in result.errors)
    assert snapshot() == before


def test_units_parent_must_come_first(city, bkpsdm):
    header = ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK"]
    result = run(
        "units",
        csv_file([header, ["ANAK", "Anak", "Bidang", "INDUK"], ["INDUK", "Induk", "Dinas", "PEMDA"]]),
        bkpsdm,
    )
    assert messages(result) == [
        "2|KODE INDUK|Unit induk INDUK baru ditulis pada baris 3; letakkan unit induk sebelum unit bawahannya."
    ]


def test_units_admin_opd_only_inside_own_subtree(city, admin_opd):
    before = snapshot()
    header = ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK"]
    result = run(
        "units",
        csv_file(
            [
                header,
                ["DINKES-BARU", "Bidang Baru", "Bidang", "DINKES"],  # inside: fine on its own
                ["DUKCAPIL-BARU", "Bidang Lain", "Bidang", "DISDUKCAPIL"],  # another OPD
                ["OPD-BARU", "Dinas Baru", "Dinas", ""],  # a new top-level unit
                ["DISDUKCAPIL", "Ganti Nama", "Dinas", "PEMDA"],  # an existing unit outside
            ]
        ),
        admin_opd,
    )
    assert [e.row for e in result.errors] == [3, 4, 5]
    assert "di luar cakupan" in result.errors[0].message
    assert "Hanya Admin BKPSDM" in result.errors[1].message
    assert snapshot() == before
    ok = run("units", csv_file([header, ["DINKES-BARU", "Bidang Baru", "Bidang", "DINKES"]]), admin_opd)
    assert ok.ok and ok.created == 1


# --- positions --------------------------------------------------------------------------------

POSITION_HEADER = [
    "KODE JABATAN",
    "NAMA JABATAN",
    "JENIS JABATAN",
    "JENJANG",
    "KODE UNIT",
    "KEPALA UNIT",
    "KELAS JABATAN",
]


def test_positions_import_and_reimport(city, bkpsdm):
    rows = [
        POSITION_HEADER,
        ["P2P-ANALIS", "Analis Data Kesehatan", "Pelaksana", "", "DINKES-P2P", "tidak", "7"],
        ["P2P-EPID-MUDA", "Epidemiolog Ahli Muda", "fungsional", "Ahli Muda", "DINKES-P2P", "", "9"],
        [
            city.positions["staff_b"].code,
            "Pengadministrasi Kependudukan",
            "Pelaksana",
            "Klerek",
            "DUKCAPIL-PDP",
            "",
            "",
        ],
    ]
    result = run("positions", csv_file(rows), bkpsdm)
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 1)
    epid = Position.objects.get(code="P2P-EPID-MUDA")
    assert epid.unit == city.bidang_a1 and epid.job_type == JobType.FUNGSIONAL and epid.level == "ahli_muda"
    assert epid.job_class == 9 and not epid.is_head
    assert (
        AuditEntry.objects.filter(object_type="org.position", source="import", action="create").count() == 2
    )
    before = snapshot()
    again = run("positions", csv_file(rows), bkpsdm)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert snapshot() == before


def test_positions_head_can_move_within_one_file(city, bkpsdm):
    old_head = city.positions["kabid_b1"]
    rows = [
        POSITION_HEADER,
        [old_head.code, old_head.name, "Administrator", "", "DUKCAPIL-PDP", "tidak", ""],
        ["PDP-KABID-BARU", "Kepala Bidang PDP (baru)", "Administrator", "", "DUKCAPIL-PDP", "ya", "11"],
    ]
    result = run("positions", csv_file(rows), bkpsdm)
    assert result.ok, messages(result)
    assert (result.created, result.updated) == (1, 1)
    old_head.refresh_from_db()
    assert not old_head.is_head and Position.objects.get(code="PDP-KABID-BARU").is_head


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        (
            ["J-X", "Jabatan X", "Pelaksana", "", "TIDAK-ADA", "", ""],
            "KODE UNIT",
            "Kode unit 'TIDAK-ADA' tidak ditemukan",
        ),
        (["J-X", "Jabatan X", "Fungsional", "", "DINKES", "", ""], "JENJANG", "wajib mempunyai jenjang"),
        (["J-X", "Jabatan X", "Pelaksana", "", "DINKES", "ya", ""], "KEPALA UNIT", "manajerial"),
        (
            ["J-X", "Kepala Kedua", "JPT Pratama", "", "DINKES", "ya", ""],
            "KEPALA UNIT",
            "satu jabatan kepala unit",
        ),
        (["J-X", "Jabatan X", "Pelaksana", "", "DINKES", "mungkin", ""], "KEPALA UNIT", "ya atau tidak"),
        (["J-X", "Jabatan X", "Pelaksana", "", "DINKES", "", "99"], "KELAS JABATAN", "antara 1 dan 17"),
    ],
)
def test_positions_bad_rows_write_nothing(city, bkpsdm, row, column, expected):
    before = snapshot()
    result = run("positions", csv_file([POSITION_HEADER, row]), bkpsdm)
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(2, column)], messages(result)
    assert expected in result.errors[0].message
    assert snapshot() == before


def test_positions_rules_apply_to_stored_values_of_missing_columns(city, bkpsdm):
    head = city.positions["kabid_b1"]  # a head position; the file has no KEPALA UNIT column
    header = ["KODE JABATAN", "NAMA JABATAN", "JENIS JABATAN", "KODE UNIT"]
    before = snapshot()
    result = run("positions", csv_file([header, [head.code, head.name, "Pelaksana", "DUKCAPIL-PDP"]]), bkpsdm)
    assert [(e.row, e.column) for e in result.errors] == [(2, "KEPALA UNIT")]
    assert snapshot() == before


def test_positions_admin_opd_scope(city, admin_opd):
    before = snapshot()
    rows = [
        POSITION_HEADER,
        ["P2P-BARU", "Jabatan Baru", "Pelaksana", "", "DINKES-P2P", "", ""],
        ["PDP-BARU", "Jabatan Lain", "Pelaksana", "", "DUKCAPIL-PDP", "", ""],
    ]
    result = run("positions", csv_file(rows), admin_opd)
    assert [(e.row, e.column) for e in result.errors] == [(3, "KODE UNIT")]
    assert "di luar cakupan" in result.errors[0].message
    assert snapshot() == before


# --- employees --------------------------------------------------------------------------------


def test_employees_import_creates_employees_assignments_and_audit(city, bkpsdm):
    staff = city.positions["staff_a"]
    nip1 = nip_for(seq=1)
    nip2 = make_nip(birth=dt.date(1995, 1, 2), gender="P", sequence=7, pppk_year=2023)
    rows = [
        EMPLOYEE_HEADER,
        employee_row(nip1, code=staff.code, **{"GOLONGAN": "III a"}),
        employee_row(
            nip2,
            name="Sari",
            birth="1995-01-02",
            gender="Perempuan",
            status="PPPK",
            rank="IX",
            code=staff.code,
        ),
    ]
    before = snapshot()
    result = run("employees", csv_file(rows), bkpsdm)
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    e1 = Employee.objects.get(nip=nip1)
    assert e1.rank == "III/a" and e1.birth_date == dt.date(1990, 5, 17) and e1.back_title == "S.Kom."
    assert e1.rank_since == dt.date(2019, 4, 1) and e1.phone == "081234567890"
    assert e1.current_position == staff and e1.current_unit == staff.unit
    assert e1.current_opd == city.dinas_a and e1.current_unit_path == staff.unit.path
    a = Assignment.objects.get(employee=e1)
    assert a.kind == AssignmentKind.DEFINITIVE and a.reason == AssignmentReason.APPOINTMENT
    assert a.start_date == dt.date(2024, 1, 2) and a.end_date is None and a.decree_number == "800/1/2024"
    e2 = Employee.objects.get(nip=nip2)
    assert e2.asn_status == AsnStatus.PPPK and e2.rank == "IX" and e2.gender == "P"
    after = snapshot()
    assert after["employees"] == before["employees"] + 2
    assert after["assignments"] == before["assignments"] + 2
    imported = AuditEntry.objects.filter(source="import")
    assert imported.filter(object_type="org.employee", action="create").count() == 2
    assert imported.filter(object_type="org.assignment", action="create").count() == 2
    assert after["audit"] == before["audit"] + 4
    entry = imported.get(object_type="org.employee", object_id=str(e1.pk))
    assert entry.after["nip"] == nip1 and entry.after["current_position_id"] == staff.pk
    assert entry.actor_id == bkpsdm.pk


def test_employee_reimport_is_idempotent(city, bkpsdm):
    staff = city.positions["staff_a"]
    rows = [
        EMPLOYEE_HEADER,
        employee_row(nip_for(seq=1), code=staff.code),
        employee_row(nip_for(seq=2), code=""),
    ]
    first = run("employees", xlsx_file(rows), bkpsdm)
    assert first.ok and first.created == 2, messages(first)
    before = snapshot()
    again = run("employees", xlsx_file(rows), bkpsdm)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert snapshot() == before


def test_employee_update_and_mutasi(city, bkpsdm):
    person = city.people["staff_a"]  # in staff_a since 2020-01-01
    old = Assignment.objects.get(employee=person)
    target = city.positions["staff_b"]
    row = employee_row(
        person.nip,
        name="Dedi Staf Baru",
        birth=person.birth_date.strftime("%d/%m/%Y"),
        gender=person.gender,
        rank="II/d",
        code=target.code,
        **{"TMT JABATAN": "01-07-2024", "NOMOR SK": "821/77/2024"},
    )
    result = run("employees", csv_file([EMPLOYEE_HEADER, row]), bkpsdm)
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    person.refresh_from_db()
    old.refresh_from_db()
    assert person.name == "Dedi Staf Baru" and person.rank == "II/d"
    assert old.end_date == dt.date(2024, 6, 30)
    new = Assignment.objects.get(employee=person, end_date__isnull=True)
    assert new.position == target and new.reason == AssignmentReason.TRANSFER
    assert new.start_date == dt.date(2024, 7, 1) and new.decree_number == "821/77/2024"
    assert person.current_position == target and person.current_opd == city.dinas_b
    assert person.current_unit_path == target.unit.path
    entries = AuditEntry.objects.filter(source="import")
    update = entries.get(object_type="org.employee", action="update")
    assert update.before["name"] == "Dedi Staf" and update.after["current_position_id"] == target.pk
    assert entries.get(object_type="org.assignment", action="update").after == {"end_date": "2024-06-30"}
    assert entries.filter(object_type="org.assignment", action="create").count() == 1
    before = snapshot()
    again = run("employees", csv_file([EMPLOYEE_HEADER, row]), bkpsdm)
    assert (again.updated, again.unchanged) == (0, 1)
    assert snapshot() == before


def test_mutasi_with_future_tmt_keeps_current_placement_until_then(city, bkpsdm):
    person = city.people["staff_a"]
    staff_a, staff_b = city.positions["staff_a"], city.positions["staff_b"]
    future = dt.date.today() + dt.timedelta(days=30)
    row = employee_row(
        person.nip,
        name=person.name,
        birth=person.birth_date.isoformat(),
        gender=person.gender,
        rank=person.rank,
        code=staff_b.code,
        **{"TMT JABATAN": future.strftime("%d-%m-%Y")},
    )
    result = run("employees", csv_file([EMPLOYEE_HEADER, row]), bkpsdm)
    assert result.ok and result.updated == 1, messages(result)
    person.refresh_from_db()
    assert person.current_position == staff_a  # still in the old position today
    assert Assignment.objects.get(employee=person, end_date__isnull=True).position == staff_b
    before = snapshot()
    again = run("employees", csv_file([EMPLOYEE_HEADER, row]), bkpsdm)
    assert (again.updated, again.unchanged) == (0, 1)
    assert snapshot() == before


def test_mutasi_before_current_tmt_is_refused(city, bkpsdm):
    person = city.people["staff_a"]
    row = employee_row(
        person.nip,
        name=person.name,
        birth=person.birth_date.isoformat(),
        gender=person.gender,
        code=city.positions["staff_b"].code,
        **{"TMT JABATAN": "01-01-2019"},
    )
    before = snapshot()
    result = run("employees", csv_file([EMPLOYEE_HEADER, row]), bkpsdm)
    assert [(e.row, e.column) for e in result.errors] == [(2, "TMT JABATAN")]
    assert "01-01-2020" in result.errors[0].message
    assert snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "column", "expected"),
    [
        ({"NIP": "12345"}, "NIP", "NIP harus 18 digit"),
        ({"NIP": "199005172015031000"}, "NIP", "tidak boleh 000"),
        ({"TANGGAL LAHIR": "18-05-1990"}, "TANGGAL LAHIR", "tidak sesuai dengan NIP (17-05-1990)"),
        ({"TANGGAL LAHIR": "31-02-1990"}, "TANGGAL LAHIR", "tidak ada di kalender"),
        ({"TANGGAL LAHIR": "kemarin"}, "TANGGAL LAHIR", "tidak dikenali"),
        ({"JENIS KELAMIN": "P"}, "JENIS KELAMIN", "digit ke-15"),
        ({"STATUS ASN": "honorer"}, "STATUS ASN", "tidak dikenal"),
        ({"GOLONGAN": "IX"}, "GOLONGAN", "tidak berlaku untuk PNS"),
        ({"KODE JABATAN": "ENTAH"}, "KODE JABATAN", "Kode jabatan 'ENTAH' tidak ditemukan"),
        ({"EMAIL": "bukan-surel"}, "EMAIL", "tidak sah"),
        ({"NAMA": ""}, "NAMA", "Nama wajib diisi"),
    ],
)
def test_employee_bad_values_write_nothing(city, bkpsdm, overrides, column, expected):
    before = snapshot()
    good = employee_row(nip_for(seq=5), code=city.positions["staff_a"].code)
    bad = employee_row(nip_for(seq=6), code=city.positions["staff_a"].code, **overrides)
    result = run("employees", csv_file([EMPLOYEE_HEADER, good, bad]), bkpsdm)
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, column)], messages(result)
    assert expected in result.errors[0].message
    assert snapshot() == before


def test_duplicate_nip_in_file_is_reported_on_both_rows(city, bkpsdm):
    nip = nip_for(seq=9)
    rows = [EMPLOYEE_HEADER, employee_row(nip), employee_row(nip_for(seq=10)), employee_row(nip, name="Lain")]
    before = snapshot()
    result = run("employees", csv_file(rows), bkpsdm)
    assert [(e.row, e.column) for e in result.errors] == [(2, "NIP"), (4, "NIP")]
    assert "baris 2, 4" in result.errors[0].message
    assert snapshot() == before


def test_nip_stored_as_excel_number_is_explained(city, bkpsdm):
    rows = [EMPLOYEE_HEADER, employee_row(float(nip_for(seq=11)))]
    before = snapshot()
    result = run("employees", xlsx_file(rows), bkpsdm)
    assert snapshot() == before
    assert [(e.row, e.column) for e in result.errors] == [(2, "NIP")]
    assert "format kolom NIP sebagai Teks" in result.errors[0].message


def test_employees_admin_opd_scope(city, admin_opd):
    before = snapshot()
    outsider = city.people["staff_b"]
    rows = [
        EMPLOYEE_HEADER,
        employee_row(nip_for(seq=20), code=city.positions["staff_a"].code),  # new, inside: fine
        employee_row(nip_for(seq=21), code=city.positions["staff_b"].code),  # new, placed outside
        employee_row(nip_for(seq=22), code=""),  # new without a position
        employee_row(
            outsider.nip,
            name=outsider.name,
            birth=outsider.birth_date.isoformat(),
            gender=outsider.gender,
            rank=outsider.rank,
        ),
    ]
    result = run("employees", csv_file(rows), admin_opd)
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "KODE JABATAN"),
        (4, "KODE JABATAN"),
        (5, "NIP"),
    ]
    assert "di luar unit kerja Anda" in result.errors[0].message
    assert "wajib diberi KODE JABATAN" in result.errors[1].message
    assert "di luar unit kerja Anda" in result.errors[2].message
    assert snapshot() == before
    ok = run("employees", csv_file(rows[:2]), admin_opd)
    assert ok.ok and ok.created == 1


def test_siasn_like_headers_semicolons_bom_and_date_cells(city, bkpsdm):
    staff = city.positions["staff_a"]
    header = [
        "NIP BARU",
        "Nama",
        "tanggal_lahir",
        "Jenis.Kelamin",
        "STATUS CPNS/PNS",
        "GOL AKHIR",
        "kode jabatan",
    ]
    rows = [header, [nip_for(seq=30), "Ani", "17/05/1990", "Laki-laki", "P", "3a", staff.code]]
    result = run("employees", csv_file(rows, delimiter=";", bom=True), bkpsdm)
    assert result.ok, messages(result)
    assert Employee.objects.get(nip=nip_for(seq=30)).rank == "III/a"
    rows = [header, [nip_for(seq=31), "Budi", dt.datetime(1990, 5, 17), "L", "CPNS", "II/c", staff.code]]
    result = run("employees", xlsx_file(rows), bkpsdm)
    assert result.ok, messages(result)
    assert Employee.objects.get(nip=nip_for(seq=31)).asn_status == AsnStatus.CPNS


# --- whole-file problems ----------------------------------------------------------------------


def test_missing_and_extra_columns(city, bkpsdm):
    before = snapshot()
    header = [h for h in EMPLOYEE_HEADER if h != "TANGGAL LAHIR"] + ["AGAMA", "# catatan"]
    row = employee_row(nip_for(seq=40))
    del row[EMPLOYEE_HEADER.index("TANGGAL LAHIR")]
    result = run("employees", csv_file([header, [*row, "Islam", "boleh"]]), bkpsdm)
    assert messages(result) == [
        "1|AGAMA|Kolom 'AGAMA' tidak dikenal untuk impor pegawai. Periksa apakah berkasnya benar; "
        "kolom catatan boleh diberi awalan #.",
        "1|TANGGAL LAHIR|Kolom wajib 'TANGGAL LAHIR' tidak ada pada baris judul.",
    ]
    assert snapshot() == before


def test_wrong_file_for_the_kind_is_caught_by_its_columns(city, bkpsdm):
    units = csv_file([["KODE UNIT", "NAMA UNIT", "JENIS UNIT"], ["A", "B", "Dinas"]])
    before = snapshot()
    result = run("employees", units, bkpsdm)
    assert snapshot() == before
    assert not result.ok and {e.column for e in result.errors} >= {"KODE UNIT", "NIP"}


def test_wrong_encoding_is_refused(city, bkpsdm):
    before = snapshot()
    upload = csv_file(
        [EMPLOYEE_HEADER, employee_row(nip_for(seq=41), name="Sørén Ç")],
        encoding="cp1252",
        name="pegawai.csv",
    )
    result = run("employees", upload, bkpsdm)
    assert len(result.errors) == 1
    assert result.errors[0].message.startswith(
        "Berkas tidak ber-encoding UTF-8 (karakter tak terbaca pada baris 2)"
    )
    assert "simpan ulang sebagai CSV UTF-8" in result.errors[0].message
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [  # the full list is in core/tests/test_imports_engine.py
        ("pegawai.txt", b"NIP,NAMA\n", "Jenis berkas .txt tidak didukung"),
        ("pegawai.xlsx", b"NIP,NAMA\n1,2\n", "bukan lembar kerja Excel"),
        ("pegawai.csv", b"PK\x03\x04zipped", "berkas Excel, bukan CSV"),
    ],
)
def test_wrong_file_types_are_refused(city, bkpsdm, name, content, expected):
    before = snapshot()
    result = run("employees", SimpleUploadedFile(name, content), bkpsdm)
    assert len(result.errors) == 1 and expected in result.errors[0].message, messages(result)
    assert snapshot() == before


class CountingFile(io.FileIO):
    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        CountingFile.bytes_read += len(data)
        return data


def test_file_over_the_size_limit_is_refused_before_reading(city, bkpsdm, tmp_path):
    path = tmp_path / "besar.csv"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    before = snapshot()
    CountingFile.bytes_read = 0
    with CountingFile(path) as fh:
        result = import_file(kind="employees", file=fh, name="besar.csv", actor=bkpsdm)
    assert CountingFile.bytes_read == 0
    assert (
        len(result.errors) == 1
        and "Berkas terlalu besar (50.0 MB); batasnya 20 MB" in result.errors[0].message
    )
    assert snapshot() == before


def test_error_report_is_capped_with_total(city, bkpsdm):
    rows = [EMPLOYEE_HEADER] + [employee_row("123", name=f"P{i}") for i in range(600)]
    before = snapshot()
    result = run("employees", csv_file(rows), bkpsdm)
    assert snapshot() == before
    assert result.error_count == 600 and len(result.errors) == 500 and result.errors_truncated
    assert result.errors[0].row == 2 and result.errors[-1].row == 501


def test_pegawai_cannot_import(city):
    before = snapshot()
    result = run(
        "units",
        csv_file([["KODE UNIT", "NAMA UNIT", "JENIS UNIT"], ["A", "B", "Dinas"]]),
        city.users["pegawai"],
    )
    assert "tidak berwenang" in result.errors[0].message
    assert snapshot() == before


# --- background jobs --------------------------------------------------------------------------


@override_settings(PEMBINA_IMPORT_BACKGROUND_ROWS=2)
def test_large_file_runs_as_a_job(city, bkpsdm, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    staff = city.positions["staff_a"]
    rows = [EMPLOYEE_HEADER] + [
        employee_row(nip_for(seq=50 + i), name=f"Pegawai {i}", code=staff.code) for i in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        started = import_start(kind="employees", upload=csv_file(rows), actor=bkpsdm)
    assert started.result is None
    job = Job.objects.get(pk=started.job.pk)
    assert job.status == JobStatus.SUCCEEDED, job.errors
    assert job.handler == "pembina.org.imports.run_import_job" and job.created_by == bkpsdm
    assert job.result["created"] == 3 and job.result["unchanged"] == 0
    assert job.stage == "Selesai" and job.progress_current == 3
    assert not default_storage.exists(job.params["path"])  # the upload is deleted afterwards
    assert AuditEntry.objects.filter(source="import", object_type="org.employee").count() == 3


@override_settings(PEMBINA_IMPORT_BACKGROUND_ROWS=1)
def test_job_with_bad_rows_fails_with_the_row_report(city, bkpsdm, django_capture_on_commit_callbacks):
    rows = [EMPLOYEE_HEADER, employee_row(nip_for(seq=60)), employee_row("123")]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        started = import_start(kind="employees", upload=csv_file(rows), actor=bkpsdm)
    job = Job.objects.get(pk=started.job.pk)
    assert job.status == JobStatus.FAILED
    assert job.errors == [{"row": 3, "column": "NIP", "message": "NIP harus 18 digit, bukan 3."}]
    assert snapshot() == before


# --- the page ---------------------------------------------------------------------------------


def test_import_page_permissions(city, client, login):
    url = reverse("org:import")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous.url
    login(city.users["pegawai"])
    assert client.get(url).status_code == 404
    login(city.users["pimpinan"])
    assert client.get(url).status_code == 404
    login(city.users["admin_opd"])
    page = client.get(url)
    assert page.status_code == 200
    assert "KODE JABATAN" in page.content.decode() and "TANGGAL LAHIR" in page.content.decode()


def test_import_page_template_download(city, client, login):
    login(city.users["admin_bkpsdm"])
    response = client.get(reverse("org:import"), {"template": "employees"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.strip() == ",".join(SPECS["employees"].template_headers())
    assert client.get(reverse("org:import"), {"template": "nope"}).status_code == 404


def test_import_page_upload_shows_counts_and_errors(city, client, login):
    login(city.users["admin_opd"])
    url = reverse("org:import")
    header = ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK"]
    good = csv_file([header, ["DINKES-UMUM", "Subbagian Umum", "Subbagian", "DINKES"]], name="unit.csv")
    response = client.post(url, {"kind": "units", "file": good})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-ok="1"' in html and 'data-testid="count-created">1<' in html
    assert Unit.objects.filter(code="DINKES-UMUM", parent=city.dinas_a).exists()
    bad = csv_file([header, ["LUAR", "Unit Luar", "Bidang", "DISDUKCAPIL"]], name="unit.csv")
    before = snapshot()
    response = client.post(url, {"kind": "units", "file": bad})
    html = response.content.decode()
    assert 'data-ok="0"' in html and "di luar cakupan" in html
    assert snapshot() == before


@override_settings(PEMBINA_IMPORT_MAX_MB=1)
def test_import_page_refuses_large_upload(city, client, login):
    login(city.users["admin_bkpsdm"])
    big = SimpleUploadedFile("besar.csv", b"NIP,NAMA\n" + b"1,x\n" * 400_000)  # 1.6 MB
    before = snapshot()
    response = client.post(reverse("org:import"), {"kind": "employees", "file": big})
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.content.decode()
    assert snapshot() == before


@override_settings(PEMBINA_IMPORT_BACKGROUND_ROWS=1)
def test_import_page_large_file_redirects_to_job(city, client, login, django_capture_on_commit_callbacks):
    login(city.users["admin_bkpsdm"])
    rows = [EMPLOYEE_HEADER] + [employee_row(nip_for(seq=70 + i), name=f"P {i}") for i in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("org:import"), {"kind": "employees", "file": csv_file(rows)})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["created"] == 2


def test_import_page_checks_csrf(city, login):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    user = city.users["admin_bkpsdm"]
    login(user)  # enrols TOTP
    csrf_client.force_login(user)
    header = ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK"]
    upload = csv_file([header, ["CSRF", "Unit", "Dinas", "PEMDA"]])
    response = csrf_client.post(reverse("org:import"), {"kind": "units", "file": upload})
    assert response.status_code == 403
    assert not Unit.objects.filter(code="CSRF").exists()


def test_unit_kinds_accept_labels(city, bkpsdm):
    header = ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK"]
    result = run("units", csv_file([header, ["SMPN1", "SMP Negeri 1", "Satuan Pendidikan", "PEMDA"]]), bkpsdm)
    assert result.ok, messages(result)
    assert Unit.objects.get(code="SMPN1").kind == UnitKind.SEKOLAH
