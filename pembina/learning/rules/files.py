"""Uploaded evidence (external certificates, proof of an activity): the type is read from the content.

The file name and the browser's content type are not trusted: the first bytes decide. Only PDF, PNG
and JPEG are accepted, up to a size limit.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
)


class EvidenceFileError(ValueError):
    """The message is shown to the user as is."""


def sniff(head: bytes) -> str | None:
    for magic, ext in SIGNATURES:
        if head.startswith(magic):
            return ext
    return None


def check(file: Any, *, max_bytes: int = MAX_BYTES) -> str:
    """Return the real extension of `file` (pdf/png/jpg) or raise EvidenceFileError."""
    size = getattr(file, "size", None)
    if size is None:
        pos = file.tell()
        file.seek(0, 2)
        size = file.tell()
        file.seek(pos)
    if not size:
        raise EvidenceFileError(_("Berkas kosong."))
    if size > max_bytes:
        raise EvidenceFileError(
            _("Berkas terlalu besar (%(n).1f MB; paling besar %(m)s MB).")
            % {"n": size / 1024 / 1024, "m": max_bytes // (1024 * 1024)}
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind = sniff(head)
    if kind is None:
        raise EvidenceFileError(_("Isi berkas bukan PDF, PNG, atau JPEG; berkas lain tidak diterima."))
    return kind
