"""Spreadsheet downloads: CSV with BOM and quoting, XLSX, and no formula injection either way."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from pembina.core.exports import export_response, neutralise

HEADERS = ["NIP", "Nama", "Jumlah", "Tanggal"]
ROWS = [
    ["198503142010011001", '=HYPERLINK("http://x","klik")', 5, dt.date(2024, 1, 2)],
    ["2", "+6281234", -2.5, None],
    ["3", "-1+2", decimal.Decimal("7.25"), dt.date(2024, 12, 31)],
    ["4", "@SUM(A1:A2)", 0, None],
    ["5", "\tTAB", 10**12, None],
    ["6", "\rCR", 1, None],
    ["7", 'Koma, "kutip"\nbaris', True, None],
    ["8", "Biasa - aman", None, None],
]
DANGEROUS = ["=HYPERLINK", "+6281234", "-1+2", "@SUM", "\tTAB", "\rCR"]


def body(response) -> bytes:
    if isinstance(response, StreamingHttpResponse) or response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+62", "'+62"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_has_bom_quoting_and_neutralised_cells():
    response = export_response(filename="pegawai.xlsx", headers=HEADERS, rows=ROWS, fmt="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="pegawai.csv"' in response["Content-Disposition"]
    raw = body(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert parsed[0] == HEADERS
    names = [r[1] for r in parsed[1:]]
    for cell in names[:6]:
        assert cell.startswith("'"), cell
    assert names[0] == '\'=HYPERLINK("http://x","klik")'
    assert names[6] == 'Koma, "kutip"\nbaris' and names[7] == "Biasa - aman"
    # numbers stay numbers (no quote, not even the negative one), dates read as dd-mm-yyyy
    assert [r[2] for r in parsed[1:]] == ["5", "-2.5", "7.25", "0", "1000000000000", "1", "Ya", ""]
    assert parsed[1][3] == "02-01-2024" and parsed[2][3] == ""
    assert parsed[1][0] == "198503142010011001"


def test_csv_streams_lazily():
    consumed = []

    def rows():
        for i in range(20_000):
            consumed.append(i)
            yield [i, f"nama {i}"]

    response = export_response(filename="besar", headers=["n", "nama"], rows=rows(), fmt="csv")
    assert isinstance(response, StreamingHttpResponse) and consumed == []
    first = next(iter(response.streaming_content))
    assert first == b"\xef\xbb\xbf" and len(consumed) == 0
    total = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    assert total == 20_001 and len(consumed) == 20_000


def test_xlsx_cells_are_neutralised_and_numbers_stay_numbers():
    response = export_response(filename="pegawai", headers=HEADERS, rows=ROWS, fmt="xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="pegawai.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(body(response)))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == HEADERS
    names = [ws.cell(row=r, column=2) for r in range(2, len(ROWS) + 2)]
    for cell, danger in zip(names[:6], DANGEROUS, strict=True):
        # (XML turns a stored CR into LF on reading; the quote in front is what matters)
        assert cell.data_type == "s" and cell.value.startswith(("'" + danger[:3]).replace("\r", "\n")), (
            cell.value
        )
    amounts = [ws.cell(row=r, column=3).value for r in range(2, len(ROWS) + 2)]
    assert amounts[:6] == [5, -2.5, 7.25, 0, 10**12, 1] and amounts[6] == "Ya"
    assert all(ws.cell(row=r, column=3).data_type == "n" for r in range(2, 8))
    assert ws.cell(row=2, column=4).value == dt.datetime(2024, 1, 2)
    assert ws.cell(row=2, column=1).value == "198503142010011001"  # a NIP stays text, all 18 digits


def test_aware_datetimes_are_written_in_local_time():
    from django.utils import timezone

    moment = dt.datetime(2024, 1, 2, 1, 30, tzinfo=dt.UTC)
    response = export_response(filename="x", headers=["waktu"], rows=[[moment]], fmt="xlsx")
    ws = load_workbook(io.BytesIO(body(response))).worksheets[0]
    assert ws.cell(row=2, column=1).value == timezone.localtime(moment).replace(tzinfo=None)
    csv_text = body(export_response(filename="x", headers=["waktu"], rows=[[moment]], fmt="csv")).decode(
        "utf-8-sig"
    )
    assert "02-01-2024 08:30" in csv_text


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        export_response(filename="x", headers=[], rows=[], fmt="pdf")
