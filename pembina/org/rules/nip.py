"""NIP (PNS, Perka BKN 22/2007) and NI PPPK: parsing and validation, pure and property-tested.

Layout of an 18-digit NIP PNS: YYYYMMDD (birth) YYYYMM (TMT CPNS) G (1 male, 2 female) NNN (sequence).
NI PPPK: YYYYMMDD (birth) YYYY (appointment year) XX (meaning unconfirmed) G NNN.
There is no checksum. Messages are Indonesian; they name what is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PNS = "pns"
PPPK = "pppk"

MIN_AGE_AT_APPOINTMENT = 15  # below this the date pair is implausible, not only unusual


@dataclass(frozen=True)
class NipInfo:
    nip: str
    birth_date: dt.date
    gender: str  # "L" or "P"
    appointment_year: int
    appointment_month: int | None  # None for NI PPPK
    sequence: int


class NipError(ValueError):
    pass


def normalize(raw: str) -> str:
    """Strip the display spaces ("19801230 201001 2 005") and stray punctuation."""
    return "".join(ch for ch in str(raw) if not ch.isspace() and ch not in ".-'\"")


def format_nip(nip: str) -> str:
    if len(nip) != 18:
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def _birth(nip: str) -> dt.date:
    try:
        return dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError("8 digit pertama NIP bukan tanggal lahir yang sah (TTTTBBHH).") from None


def parse(raw: str, *, kind: str = PNS, today: dt.date | None = None) -> NipInfo:
    """Validate and decode; raise NipError with an Indonesian message on the first problem."""
    today = today or dt.date.today()
    nip = normalize(raw)
    if not nip:
        raise NipError("NIP wajib diisi.")
    if not nip.isdigit():
        raise NipError("NIP hanya boleh berisi angka.")
    if len(nip) != 18:
        raise NipError(f"NIP harus 18 digit, bukan {len(nip)}.")
    birth = _birth(nip)
    if birth.year < 1900 or birth > today:
        raise NipError("Tanggal lahir pada NIP tidak masuk akal.")
    gender_digit = nip[14]
    if gender_digit not in "12":
        raise NipError("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).")
    sequence = int(nip[15:18])
    if sequence == 0:
        raise NipError("Nomor urut NIP (3 digit terakhir) tidak boleh 000.")
    year = int(nip[8:12])
    if kind == PPPK:
        month = None
        if year < birth.year + MIN_AGE_AT_APPOINTMENT or year > today.year + 1:
            raise NipError("Tahun pengangkatan pada NI PPPK (digit 9–12) tidak masuk akal.")
    else:
        month = int(nip[12:14])
        if not 1 <= month <= 12:
            raise NipError("Bulan TMT CPNS pada NIP (digit 13–14) harus 01–12.")
        tmt = dt.date(year, month, 1)
        if tmt <= birth:
            raise NipError("TMT CPNS pada NIP (digit 9–14) harus sesudah tanggal lahir.")
        if tmt.year < birth.year + MIN_AGE_AT_APPOINTMENT:
            raise NipError("TMT CPNS pada NIP terlalu dekat dengan tanggal lahir.")
        if tmt > today.replace(day=1) + dt.timedelta(days=62):
            raise NipError("TMT CPNS pada NIP berada di masa depan.")
    return NipInfo(
        nip=nip,
        birth_date=birth,
        gender="L" if gender_digit == "1" else "P",
        appointment_year=year,
        appointment_month=month,
        sequence=sequence,
    )


def is_valid(raw: str, *, kind: str = PNS, today: dt.date | None = None) -> bool:
    try:
        parse(raw, kind=kind, today=today)
    except NipError:
        return False
    return True


def make_nip(
    *,
    birth: dt.date,
    gender: str,
    sequence: int,
    tmt: dt.date | None = None,
    pppk_year: int | None = None,
    pppk_code: int = 24,
) -> str:
    """Build a valid NIP (used by the demo city and factories)."""
    g = "1" if gender == "L" else "2"
    if pppk_year is not None:
        return f"{birth:%Y%m%d}{pppk_year:04d}{pppk_code:02d}{g}{sequence:03d}"
    assert tmt is not None
    return f"{birth:%Y%m%d}{tmt:%Y%m}{g}{sequence:03d}"
