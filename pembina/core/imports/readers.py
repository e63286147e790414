"""Uploaded spreadsheets (CSV or XLSX) checked and read as numbered rows of cell values.

Only `.csv` and `.xlsx` are accepted, by extension and by content; the size limit is checked before a
single byte is read. CSV must be UTF-8 (a BOM is fine), `,` or `;` separated (sniffed from the header
line). We deliberately do not guess legacy encodings: nearly every byte string decodes as cp1252, so a
wrong guess would silently corrupt names instead of failing loudly.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls/.doc
SNIFF_BYTES = 64 * 1024


class ImportFileError(ApplicationError):
    """The file as a whole cannot be read (type, size, encoding, damage)."""


def max_bytes() -> int:
    return int(getattr(settings, "PEMBINA_IMPORT_MAX_MB", 20)) * 1024 * 1024


def file_size(file: Any) -> int | None:
    """The size without reading: `.size` of uploads, else fstat or seek to the end."""
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    try:
        return os.fstat(file.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass
    try:
        pos = file.tell()
        end = file.seek(0, os.SEEK_END)
        file.seek(pos)
        return end
    except (AttributeError, OSError):
        return None


def extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def check_size(file: Any) -> int:
    size = file_size(file)
    limit = max_bytes()
    if size is not None and size > limit:
        raise ImportFileError(
            _(
                "Berkas terlalu besar (%(size).1f MB); batasnya %(limit)s MB. Pecah berkas menjadi beberapa bagian."
            )
            % {"size": size / 1024 / 1024, "limit": limit // (1024 * 1024)}
        )
    if size == 0:
        raise ImportFileError(_("Berkas kosong."))
    return size or 0


def _head(file: Any, n: int = SNIFF_BYTES) -> bytes:
    file.seek(0)
    data = file.read(n)
    file.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def check_file(file: Any, *, name: str) -> str:
    """Refuse anything that is not a CSV or XLSX within the size limit; return the format."""
    ext = extension(name)
    if ext == "xls":
        raise ImportFileError(
            _("Format .xls (Excel lama) tidak didukung; simpan ulang sebagai .xlsx atau CSV UTF-8.")
        )
    if ext not in FORMATS:
        raise ImportFileError(
            _("Jenis berkas .%(ext)s tidak didukung; unggah berkas .xlsx atau .csv.") % {"ext": ext or "?"}
        )
    check_size(file)  # before reading anything
    head = _head(file)
    if ext == XLSX:
        if not head.startswith(ZIP_MAGIC):
            raise ImportFileError(
                _("Isi berkas bukan lembar kerja Excel (.xlsx), walaupun namanya berakhiran .xlsx.")
            )
        return XLSX
    if head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC):
        raise ImportFileError(
            _(
                "Isi berkas adalah berkas Excel, bukan CSV; unggah dengan nama berakhiran .xlsx atau simpan sebagai CSV UTF-8."
            )
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(_("Berkas ber-encoding UTF-16; simpan ulang sebagai CSV UTF-8."))
    if b"\x00" in head:
        raise ImportFileError(_("Isi berkas bukan teks CSV (berisi data biner)."))
    return CSV


def column_letter(index: int) -> str:
    """0-based column index → spreadsheet letters (A, B, …, AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Table:
    """A header and the rows under it, each numbered as the user sees it in the spreadsheet."""

    fmt: str
    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, tuple]]
    estimated_rows: int | None = None
    _closers: list = field(default_factory=list)

    def close(self) -> None:
        for closer in self._closers:
            closer()
        self._closers.clear()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _decode_utf8(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(
            _(
                "Berkas tidak ber-encoding UTF-8 (karakter tak terbaca pada baris %(line)s); "
                "simpan ulang sebagai CSV UTF-8 (di Excel: Simpan Sebagai → CSV UTF-8)."
            )
            % {"line": line}
        ) from None


def sniff_delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _first_nonblank(rows: Iterator[tuple[int, tuple]]) -> tuple[int, tuple] | None:
    for number, values in rows:
        if any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
            return number, values
    return None


def _read_csv(file: IO[bytes]) -> Table:
    file.seek(0)
    text = _decode_utf8(file.read())
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Record n is row n when Excel opens the file (a quoted line break stays inside its cell).
    rows: Iterator[tuple[int, tuple]] = ((n, tuple(r)) for n, r in enumerate(reader, start=1))
    try:
        first = _first_nonblank(rows)
    except csv.Error as exc:
        raise ImportFileError(_("Berkas CSV rusak: %(e)s") % {"e": exc}) from None
    if first is None:
        raise ImportFileError(_("Berkas tidak berisi baris judul kolom."))
    header_row, header = first
    estimated = max(0, text.count("\n") - header_row + (0 if text.endswith("\n") else 1))
    return Table(CSV, [str(h) for h in header], header_row, _guard_csv(rows), estimated)


def _guard_csv(rows: Iterator[tuple[int, tuple]]) -> Iterator[tuple[int, tuple]]:
    try:
        yield from rows
    except csv.Error as exc:
        raise ImportFileError(_("Berkas CSV rusak: %(e)s") % {"e": exc}) from None


def _read_xlsx(file: IO[bytes]) -> Table:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    file.seek(0)
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError(_("Berkas .xlsx rusak atau bukan lembar kerja Excel.")) from None
    try:
        if not wb.worksheets:
            raise ImportFileError(_("Berkas .xlsx tidak memiliki lembar kerja."))
        ws = wb.worksheets[0]
        declared = ws.max_row if getattr(ws, "max_row", None) else None
        ws.reset_dimensions()  # exporters often write a wrong <dimension>; read every row there is
        rows: Iterator[tuple[int, tuple]] = enumerate(ws.iter_rows(values_only=True), start=1)
        first = _first_nonblank(rows)
    except ImportFileError:
        wb.close()
        raise
    except Exception:  # noqa: BLE001 — any parser failure means a damaged file, said plainly
        wb.close()
        raise ImportFileError(_("Berkas .xlsx rusak atau bukan lembar kerja Excel.")) from None
    if first is None:
        wb.close()
        raise ImportFileError(_("Lembar kerja pertama kosong; baris judul kolom tidak ditemukan."))
    header_row, header = first
    while header and header[-1] is None:
        header = header[:-1]
    estimated = max(0, declared - header_row) if declared and declared > 1 else None
    header_text = ["" if h is None else str(h) for h in header]
    return Table(XLSX, header_text, header_row, _guard_xlsx(rows), estimated, [wb.close])


def _guard_xlsx(rows: Iterator[tuple[int, tuple]]) -> Iterator[tuple[int, tuple]]:
    try:
        yield from rows
    except Exception:  # noqa: BLE001
        raise ImportFileError(_("Berkas .xlsx rusak di tengah jalan; simpan ulang dari Excel.")) from None


def open_table(file: IO[bytes], *, name: str) -> Table:
    """Check the file, then open it for reading: `with open_table(f, name=...) as table: ...`."""
    fmt = check_file(file, name=name)
    return _read_xlsx(file) if fmt == XLSX else _read_csv(file)
