"""Plain text from citizen and staff input: no stored HTML, no control characters, bounded length."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import strip_tags

_TAG_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(value: object, *, max_length: int | None = None, single_line: bool = False) -> str:
    """Strip markup and control characters; keep line breaks unless `single_line`.

    Whatever is left can never open a tag: a stray `<` before a letter, `/`, `!` or `?` is dropped."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    previous = None
    while previous != text:  # strip_tags is best-effort on malformed markup: repeat until stable
        previous = text
        text = strip_tags(text)
        text = _TAG_OPENER.sub("", text)
    text = _CONTROL.sub("", text)
    if single_line:
        text = " ".join(text.split())
    else:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if max_length is not None:
        text = text[:max_length].rstrip()
    return text
