"""Spreadsheet downloads (CSV or XLSX) of any list, streamed, and safe to open in Excel.

A text cell that starts with = + - @ tab or CR would be run as a formula by a spreadsheet (CSV/DDE
injection); such cells get a leading single quote. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "%d-%m-%Y"


def neutralise(value: str) -> str:
    """Prefix a formula-looking text with a single quote so spreadsheets show it as text."""
    if value and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    """A cell value for XLSX: numbers, dates and booleans native; everything else neutralised text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, (int, float, decimal.Decimal)):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    return neutralise(str(value))


def _csv_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, (int, float, decimal.Decimal)):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime(DATE_FORMAT + " %H:%M")
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    return neutralise(str(value))


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_stream(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield "\ufeff".encode()  # the BOM makes Excel read UTF-8
    yield writer.writerow([_csv_text(h) for h in headers]).encode()
    buffer: list[str] = []
    for row in rows:
        buffer.append(writer.writerow([_csv_text(v) for v in row]))
        if len(buffer) >= 500:
            yield "".join(buffer).encode()
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode()


def _xlsx_file(headers: Sequence[Any], rows: Iterable[Sequence[Any]]):
    """Write with openpyxl's write-only mode (rows go to disk as they come) into a temporary file."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=_plain(h))
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    ws.freeze_panes = "A2"
    for row in rows:
        values = [_plain(v) for v in row]
        if any(isinstance(v, dt.date) for v in values):
            out = []
            for v in values:
                if isinstance(v, dt.date):
                    cell = WriteOnlyCell(ws, value=v)
                    cell.number_format = "DD-MM-YYYY HH:MM" if isinstance(v, dt.datetime) else "DD-MM-YYYY"
                    out.append(cell)
                else:
                    out.append(v)
            ws.append(out)
        else:
            ws.append(values)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — FileResponse closes (and so deletes) it
    wb.save(handle)
    handle.seek(0)
    return handle


def export_response(
    *, filename: str, headers: Sequence[Any], rows: Iterable[Sequence[Any]], fmt: str
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    """A download of `rows` under `headers`: CSV (UTF-8 with BOM, comma, quoted as needed) or XLSX."""
    fmt = (fmt or CSV).lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    base, _ext = os.path.splitext(filename)
    filename = f"{base or 'ekspor'}.{fmt}"
    if fmt == CSV:
        response = StreamingHttpResponse(_csv_stream(headers, rows), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(
            _xlsx_file(headers, rows), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
