"""Cell values as spreadsheets deliver them (text, numbers, Excel dates) turned into Python values.

Each parser raises `ValueProblem` with an Indonesian message; the engine attaches row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 with Excel's 1900 leap-year quirk
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})[ -]+([A-Za-z]+)[ -]+(\d{4})$")
MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "agus": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
}
YES = frozenset({"ya", "y", "iya", "yes", "1", "true", "benar", "x", "v"})
NO = frozenset({"tidak", "t", "tdk", "no", "n", "0", "false", "salah", "bukan"})


class ValueProblem(ValueError):
    """A cell could not be read; the message is shown to the user as is."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as trimmed text; whole numbers lose the ".0" spreadsheets add."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _make_date(year: int, month: int, day: int, raw: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(_("Tanggal '%(v)s' tidak ada di kalender.") % {"v": raw}) from None


def parse_date(value: Any) -> dt.date | None:
    """dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd, "14 Maret 1985", an Excel date cell or serial number."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's own range (up to 9999-12-31)
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueProblem(_("Angka %(v)s bukan tanggal Excel yang sah.") % {"v": value})
    raw = str(value).strip()
    if not raw:
        return None
    m = _DMY.match(raw)
    if m:
        return _make_date(int(m[3]), int(m[2]), int(m[1]), raw)
    m = _YMD.match(raw)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), raw)
    m = _DAY_MONTH_NAME.match(raw)
    if m and m[2].lower() in MONTHS:
        return _make_date(int(m[3]), MONTHS[m[2].lower()], int(m[1]), raw)
    if raw.isdigit() and len(raw) <= 5:  # a serial number that arrived as text (CSV saved from Excel)
        return parse_date(int(raw))
    raise ValueProblem(
        _("Tanggal '%(v)s' tidak dikenali; gunakan dd-mm-yyyy (mis. 14-03-1985).") % {"v": raw}
    )


def parse_bool(value: Any, *, default: bool | None = None) -> bool | None:
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if not raw:
        return default
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise ValueProblem(_("Isi '%(v)s' tidak dikenali; gunakan ya atau tidak.") % {"v": text(value)})


def parse_int(value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem(_("Isi %(v)s harus bilangan bulat.") % {"v": value})
        number = int(value)
    else:
        raw = str(value).strip()
        if not raw:
            return None
        try:
            number = int(raw)
        except ValueError:
            raise ValueProblem(_("Isi '%(v)s' harus bilangan bulat.") % {"v": raw}) from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ValueProblem(
            _("Isi %(v)s harus antara %(a)s dan %(b)s.") % {"v": number, "a": minimum, "b": maximum}
        )
    return number


def choice_lookup(choices) -> dict[str, str]:
    """Map the value and the label of each choice (case-insensitive, spaces/underscores alike)."""
    table: dict[str, str] = {}
    for value, label in choices:
        table[normalize_key(value)] = value
        table[normalize_key(str(label))] = value
    return table


def parse_choice(value: Any, table: dict[str, str], *, what: str) -> str:
    raw = text(value)
    if not raw:
        return ""
    found = table.get(normalize_key(raw))
    if found is None:
        raise ValueProblem(_("%(what)s '%(v)s' tidak dikenal.") % {"what": what, "v": raw})
    return found


_KEY_SEP = re.compile(r"[\s_.\-/]+")


def normalize_key(raw: Any) -> str:
    """Header and choice matching: case-insensitive, spaces, underscores, dots, dashes alike."""
    return _KEY_SEP.sub(" ", str(raw).strip().lower()).strip()


def max_length(value: str, limit: int) -> str:
    if len(value) > limit:
        raise ValueProblem(
            _("Terlalu panjang (%(n)s karakter, paling banyak %(m)s).") % {"n": len(value), "m": limit}
        )
    return value
