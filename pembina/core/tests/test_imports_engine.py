"""The app-agnostic import engine: readers, header matching, cell values, the report, all-or-nothing."""

from __future__ import annotations

import codecs
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from pembina.core.imports import Column, ImportSpec, Plan, open_table, run_import
from pembina.core.imports.readers import ImportFileError, column_letter, sniff_delimiter
from pembina.core.imports.values import ValueProblem, normalize_key, parse_bool, parse_date, parse_int, text
from pembina.org.models import Instansi


class ThingImport(ImportSpec):
    """A tiny spec: a required code, an optional number, an optional date."""

    kind = "things"
    title = "benda"
    columns = (
        Column("code", "KODE BENDA", required=True, aliases=("kode",)),
        Column("amount", "JUMLAH", aliases=("jml",)),
        Column("day", "TANGGAL", aliases=("tgl",)),
    )

    def __init__(self, *, write=None, plan_errors_on_call=None):
        self.written = []
        self.plans = 0
        self._write = write
        self._plan_errors_on_call = plan_errors_on_call

    def clean_row(self, raw, problems, ctx):
        code = text(raw.get("code"))
        if not code:
            problems.add("code", "Kode wajib diisi.")
        return {
            "code": code,
            "amount": problems.value("amount", parse_int, raw.get("amount"), minimum=0),
            "day": problems.value("day", parse_date, raw.get("day")),
        }

    def plan(self, rows, ctx, report, header):
        self.plans += 1
        if self._plan_errors_on_call == self.plans:
            report.add(rows[0].number, "code", "Berubah sejak diperiksa.")
        return Plan(created=len(rows), payload=rows)

    def write(self, plan, ctx, header):
        if self._write:
            self._write(plan)
        self.written.extend(r.data for r in plan.payload)


def csv_upload(text_: str, *, name="benda.csv", bom=False, encoding="utf-8"):
    data = text_.encode(encoding)
    return SimpleUploadedFile(name, (codecs.BOM_UTF8 if bom else b"") + data)


def xlsx_upload(rows, *, name="benda.xlsx"):
    wb = Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def run(spec, upload, **kw):
    return run_import(spec, upload, name=upload.name, actor=None, **kw)


# --- readers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"), [("a,b,c", ","), ("a;b;c", ";"), ("a;b,c;d", ";"), ("a", ","), ('"x;y",b,c', ",")]
)
def test_sniff_delimiter(line, expected):
    assert sniff_delimiter(line) == expected


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_rows_are_numbered_as_in_the_spreadsheet(bom, delimiter):
    d = delimiter
    content = f'KODE{d}JUMLAH\r\nA{d}1\r\n\r\n"B{d} dua\nbaris"{d}2\r\nC{d}3'
    with open_table(csv_upload(content, bom=bom), name="x.csv") as table:
        assert table.header == ["KODE", "JUMLAH"] and table.header_row == 1
        rows = list(table.rows)
    assert rows == [(2, ("A", "1")), (3, ()), (4, (f"B{d} dua\nbaris", "2")), (5, ("C", "3"))]


def test_xlsx_reads_first_sheet_header_after_blank_rows_and_dates():
    upload = xlsx_upload([[], [], ["KODE", "TANGGAL"], ["A", dt.datetime(2024, 1, 2)], [], ["B", None]])
    with open_table(upload, name="x.xlsx") as table:
        assert table.header_row == 3 and table.header == ["KODE", "TANGGAL"]
        rows = list(table.rows)
    assert rows[0] == (4, ("A", dt.datetime(2024, 1, 2)))
    assert rows[-1] == (6, ("B",))  # rows are as wide as their last filled cell


def test_non_utf8_csv_names_the_line():
    upload = csv_upload("KODE,JUMLAH\nA,1\nCafé,2\n", encoding="cp1252")
    with pytest.raises(ImportFileError) as exc:
        open_table(upload, name="x.csv")
    assert "Berkas tidak ber-encoding UTF-8 (karakter tak terbaca pada baris 3)" in exc.value.message
    assert "simpan ulang sebagai CSV UTF-8" in exc.value.message


def test_utf16_csv_is_named():
    upload = SimpleUploadedFile("x.csv", "KODE,JUMLAH\n".encode("utf-16"))
    with pytest.raises(ImportFileError, match="UTF-16"):
        open_table(upload, name="x.csv")


class CountingFile(io.FileIO):
    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        CountingFile.bytes_read += len(data)
        return data


def test_size_limit_is_checked_before_reading(tmp_path, settings):
    settings.PEMBINA_IMPORT_MAX_MB = 20
    path = tmp_path / "besar.xlsx"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse
    CountingFile.bytes_read = 0
    with (
        CountingFile(path) as fh,
        pytest.raises(ImportFileError, match=r"terlalu besar \(50.0 MB\); batasnya 20 MB"),
    ):
        open_table(fh, name="besar.xlsx")
    assert CountingFile.bytes_read == 0


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", b"KODE\n", "Jenis berkas .txt tidak didukung"),
        ("a", b"KODE\n", "Jenis berkas .? tidak didukung"),
        ("a.xls", b"\xd0\xcf\x11\xe0", "Format .xls"),
        ("a.xlsx", b"KODE,JUMLAH\n", "bukan lembar kerja Excel"),
        ("a.xlsx", b"PK\x03\x04broken", ".xlsx rusak"),
        ("a.csv", b"PK\x03\x04zip", "berkas Excel, bukan CSV"),
        ("a.csv", b"\x00\x01\x02", "bukan teks CSV"),
        ("a.csv", b"", "Berkas kosong"),
        ("a.csv", b"\r\n\r\n", "tidak berisi baris judul"),
    ],
)
def test_wrong_files_are_refused(name, content, expected):
    with pytest.raises(ImportFileError) as exc:
        open_table(SimpleUploadedFile(name, content), name=name)
    assert expected in exc.value.message


# --- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14-03-1985", dt.date(1985, 3, 14)),
        ("4/3/1985", dt.date(1985, 3, 4)),
        ("14.03.1985", dt.date(1985, 3, 14)),
        ("1985-03-14", dt.date(1985, 3, 14)),
        ("1985-03-14 00:00:00", dt.date(1985, 3, 14)),
        ("14 Maret 1985", dt.date(1985, 3, 14)),
        ("14 agt 1985", dt.date(1985, 8, 14)),
        (dt.datetime(1985, 3, 14, 0, 0), dt.date(1985, 3, 14)),
        (31120, dt.date(1985, 3, 14)),  # Excel serial number
        ("31120", dt.date(1985, 3, 14)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31-02-2020", "2020-13-01", "kemarin", "14 Smarch 1985", -5])
def test_parse_date_refuses(raw):
    with pytest.raises(ValueProblem):
        parse_date(raw)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)))
def test_parse_date_roundtrips_every_format(day):
    serial = (day - dt.date(1899, 12, 30)).days
    for raw in (day.strftime("%d-%m-%Y"), day.strftime("%d/%m/%Y"), day.isoformat(), serial, float(serial)):
        assert parse_date(raw) == day


@pytest.mark.parametrize(
    ("raw", "expected"), [("Ya", True), ("y", True), ("1", True), ("TIDAK", False), ("", None)]
)
def test_parse_bool(raw, expected):
    assert parse_bool(raw) is expected


def test_parse_int_and_text():
    assert parse_int(7.0) == 7 and parse_int(" 12 ") == 12 and parse_int("") is None
    with pytest.raises(ValueProblem):
        parse_int("7,5")
    assert text(198503142010011001) == "198503142010011001"
    assert text(12.0) == "12" and text(None) == "" and text("  a ") == "a"


@pytest.mark.parametrize("header", ["NIP BARU", "nip_baru", "Nip.Baru", "  nip   baru ", "NIP-BARU"])
def test_header_normalisation(header):
    assert normalize_key(header) == "nip baru"


# --- the engine -------------------------------------------------------------------------------


def test_header_aliases_missing_and_unknown_columns():
    spec = ThingImport()
    result = run(spec, csv_upload("jml;Warna;# catatan\n1;merah;bebas\n"))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (
            1,
            "Warna",
            "Kolom 'Warna' tidak dikenal untuk impor benda. Periksa apakah berkasnya benar; "
            "kolom catatan boleh diberi awalan #.",
        ),
        (1, "KODE BENDA", "Kolom wajib 'KODE BENDA' tidak ada pada baris judul."),
    ]
    assert spec.written == []


def test_duplicate_header_is_an_error():
    result = run(ThingImport(), csv_upload("KODE,kode benda\nA,B\n"))
    assert [e.message for e in result.errors] == ["Kolom 'kode benda' muncul dua kali (juga sebagai 'KODE')."]


@pytest.mark.django_db
def test_rows_are_cleaned_errors_name_row_and_user_header():
    spec = ThingImport()
    content = "kode;JML;tgl\nA;1;14-03-1985\n;2;\nC;x;31-02-2020\n\nD;;\n"
    result = run(spec, csv_upload(content))
    assert [(e.row, e.column) for e in result.errors] == [(3, "kode"), (4, "JML"), (4, "tgl")]
    assert result.rows == 4 and spec.written == []  # blank row 5 is skipped, nothing written
    ok = run(spec, csv_upload("kode;JML;tgl\nA;1;14-03-1985\n\nD;;\n"))
    assert ok.ok and ok.created == 2
    assert spec.written == [
        {"code": "A", "amount": 1, "day": dt.date(1985, 3, 14)},
        {"code": "D", "amount": None, "day": None},
    ]


def test_content_outside_headed_columns_is_an_error():
    result = run(
        ThingImport(), xlsx_upload([["KODE", None, "JUMLAH"], ["A", "geser", 1], ["B", None, 2, "lebih"]])
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "B"), (3, "D")]


@pytest.mark.django_db
def test_error_report_is_capped_but_counts_everything():
    content = "KODE,JUMLAH\n" + "".join(f"A{i},-1\n" for i in range(700))
    result = run(ThingImport(), csv_upload(content), error_limit=500)
    assert result.error_count == 700 and len(result.errors) == 500 and result.errors_truncated
    assert [e.row for e in result.errors[:3]] == [2, 3, 4]


def test_empty_file_below_the_header():
    result = run(ThingImport(), csv_upload("KODE,JUMLAH\n\n"))
    assert [e.message for e in result.errors] == ["Berkas tidak berisi baris data di bawah baris judul."]


@pytest.mark.django_db
def test_progress_is_reported_outside_the_write_transaction():
    depth_at_progress = []
    depth_at_write = []

    def progress(current, total=None, stage=None):
        depth_at_progress.append((stage, len(connection.atomic_blocks)))

    spec = ThingImport(write=lambda plan: depth_at_write.append(len(connection.atomic_blocks)))
    content = "KODE\n" + "".join(f"A{i}\n" for i in range(2500))
    result = run(spec, csv_upload(content), progress=progress)
    assert result.ok and result.created == 2500
    stages = [s for s, _d in depth_at_progress]
    assert stages[0] == "Memeriksa baris…" and "Menyimpan…" in stages and stages[-1] == "Selesai"
    assert max(d for _s, d in depth_at_progress) < depth_at_write[0]


@pytest.mark.django_db
def test_a_failing_write_rolls_everything_back():
    def write(plan):
        Instansi.objects.create(code="SEMENTARA", name="x", region_name="x")
        raise RuntimeError("gagal di tengah")

    with pytest.raises(RuntimeError):
        run(ThingImport(write=write), csv_upload("KODE\nA\n"))
    assert not Instansi.objects.filter(code="SEMENTARA").exists()


@pytest.mark.django_db
def test_the_write_phase_plans_again_and_aborts_on_new_errors():
    spec = ThingImport(plan_errors_on_call=2)
    result = run(spec, csv_upload("KODE\nA\nB\n"))
    assert spec.plans == 2 and spec.written == []
    assert [(e.row, e.column, e.message) for e in result.errors] == [(2, "KODE", "Berubah sejak diperiksa.")]
