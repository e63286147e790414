"""Certificate verification codes: unguessable, and bound to the certificate's content.

code = nonce (80 random bits) + tag, where tag = HMAC-SHA256(key, nonce ‖ canonical payload) cut to
60 bits; both in Crockford base32 (no I, L, O, U) and shown in groups of four. Changing one character
of the code, or any field of the payload (name, NIP, title, dates, JP), makes the check fail; a code
cannot be made without the server key. Comparisons are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from typing import Any

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NONCE_CHARS = 16  # 80 bits
TAG_CHARS = 12  # 60 bits
CODE_CHARS = NONCE_CHARS + TAG_CHARS
_DECODE_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _b32(data: bytes, chars: int) -> str:
    number = int.from_bytes(data, "big")
    out = []
    for _ in range(chars):
        number, rem = divmod(number, 32)
        out.append(ALPHABET[rem])
    return "".join(reversed(out))


def canonical(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(
        {k: "" if v is None else str(v) for k, v in payload.items()},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def _tag(key: bytes, nonce: str, payload: Mapping[str, Any]) -> str:
    digest = hmac.new(key, nonce.encode() + b"|" + canonical(payload), hashlib.sha256).digest()
    return _b32(digest[:8], TAG_CHARS)


def make_code(key: bytes, payload: Mapping[str, Any], *, nonce: str | None = None) -> str:
    """A new code for `payload` (normalised form, no dashes)."""
    nonce = nonce or _b32(secrets.token_bytes(10), NONCE_CHARS)
    return nonce + _tag(key, nonce, payload)


def normalise(raw: str | None) -> str | None:
    """Upper case, dashes and spaces dropped, look-alikes fixed; None when not shaped like a code."""
    if not raw:
        return None
    code = "".join(ch for ch in str(raw).upper() if ch not in "- \t\r\n").translate(_DECODE_FIXES)
    if len(code) != CODE_CHARS or any(ch not in ALPHABET for ch in code):
        return None
    return code


def check(key: bytes, code: str | None, payload: Mapping[str, Any]) -> bool:
    code = normalise(code)
    if code is None:
        return False
    nonce, tag = code[:NONCE_CHARS], code[NONCE_CHARS:]
    return hmac.compare_digest(tag, _tag(key, nonce, payload))


def display(code: str) -> str:
    """PMB-style groups of four for print: XXXX-XXXX-…"""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
