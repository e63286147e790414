"""Tracking numbers citizens type to follow a request or complaint without logging in.

Format `PTK-2611-7K3Q-X9MA`: an instansi prefix, the year and month of receipt, then seven random
symbols and one check symbol from Crockford's base-32 alphabet (no I, L, O, U: nothing to misread).
Seven random symbols give 32^7 ≈ 3,4 x 10^10 numbers per month, so ids cannot be enumerated, and the
Luhn mod 32 check symbol rejects every single mistyped symbol before the database is asked.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BASE = len(ALPHABET)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# Crockford decoding of look-alikes; applied to the body only (the prefix is plain letters).
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
RANDOM_LENGTH = 7
PREFIX_RE = re.compile(r"^[A-Z]{2,5}$")
_PARSE_RE = re.compile(r"^([A-Z]{2,5})(\d{4})([0-9A-Z]{8})$")


def _luhn_sum(payload: str, *, start_factor: int) -> int:
    factor = start_factor
    total = 0
    for ch in reversed(payload):
        addend = factor * _VALUE[ch]
        total += addend // BASE + addend % BASE
        factor = 1 if factor == 2 else 2
    return total


def check_symbol(payload: str) -> str:
    """Luhn mod 32 check symbol for `payload` (symbols of ALPHABET)."""
    return ALPHABET[(BASE - _luhn_sum(payload, start_factor=2) % BASE) % BASE]


def is_valid_payload(payload_with_check: str) -> bool:
    return _luhn_sum(payload_with_check, start_factor=1) % BASE == 0


def format_number(prefix: str, yymm: str, body: str) -> str:
    return f"{prefix}-{yymm}-{body[:4]}-{body[4:]}"


def generate(prefix: str, on: dt.date, *, token=secrets.choice) -> str:
    """A fresh tracking number for something received on `on`."""
    if not PREFIX_RE.match(prefix):
        raise ValueError("prefix must be 2-5 letters A-Z")
    yymm = on.strftime("%y%m")
    random_part = "".join(token(ALPHABET) for _ in range(RANDOM_LENGTH))
    return format_number(prefix, yymm, random_part + check_symbol(yymm + random_part))


def normalize(raw: str | None) -> str | None:
    """The canonical form of a typed tracking number, or None if it cannot be one.

    Case, spaces, dashes and look-alike symbols (O/0, I/L/1) are forgiven; a wrong check symbol is not."""
    if not raw:
        return None
    compact = re.sub(r"[\s\-_.]", "", str(raw).upper())
    if len(compact) > 20:
        return None
    m = re.match(r"^([A-Z]{2,5})(.*)$", compact)
    if not m:
        return None
    prefix, body = m.group(1), m.group(2).translate(_ALIASES)
    m = _PARSE_RE.match(prefix + body)
    if not m:
        return None
    prefix, yymm, rest = m.groups()
    if any(ch not in _VALUE for ch in rest) or not 1 <= int(yymm[2:]) <= 12:
        return None
    if not is_valid_payload(yymm + rest):
        return None
    return format_number(prefix, yymm, rest)
