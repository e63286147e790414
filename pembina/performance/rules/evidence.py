"""Evidence files (bukti dukung): the real type from the content, never from the name alone.

`sniff` looks at the first bytes; `check` adds the size and the agreement between the file name's
extension and the detected type, so a program renamed to .pdf is refused. `safe_name` turns any
user-supplied name (with paths, control characters, odd unicode) into a plain file name.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# kind → (extensions accepted for it, content type stored)
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "pdf": (("pdf",), "application/pdf"),
    "png": (("png",), "image/png"),
    "jpeg": (("jpg", "jpeg"), "image/jpeg"),
    "gif": (("gif",), "image/gif"),
    "webp": (("webp",), "image/webp"),
    "docx": (("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (("pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "odt": (("odt",), "application/vnd.oasis.opendocument.text"),
    "ods": (("ods",), "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": (("odp",), "application/vnd.oasis.opendocument.presentation"),
    "ole": (("doc", "xls", "ppt"), "application/x-ole-storage"),  # legacy MS Office
}
ALLOWED_EXTENSIONS = sorted({ext for exts, _ in KINDS.values() for ext in exts})
OOXML_PREFIX = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIME = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


class EvidenceError(ValueError):
    pass


@dataclass(frozen=True)
class EvidenceInfo:
    kind: str
    extension: str
    content_type: str
    size: int
    name: str


def _zip_kind(data: bytes) -> str | None:
    # ODF puts an uncompressed "mimetype" member first: its content starts at byte 38.
    if data[30:38] == b"mimetype":
        for mime, kind in ODF_MIME.items():
            if data[38 : 38 + len(mime)] == mime:
                return kind
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for kind, prefix in OOXML_PREFIX.items():
        if any(n.startswith(prefix) for n in names):
            return kind
    return None


def sniff(data: bytes) -> str | None:
    """The kind of file `data` is (see KINDS), or None when it is none of the accepted kinds."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def safe_name(name: str, *, max_length: int = 120) -> str:
    """A plain file name: no directories, no control characters, no leading dots, bounded length."""
    name = unicodedata.normalize("NFKC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip(" ._")
    name = re.sub(r"_+", "_", name)
    if "." in name:
        stem, ext = name.rsplit(".", 1)
        stem, ext = stem.strip(" ._") or "bukti", ext[:10].lower()
        name = f"{stem[: max_length - len(ext) - 1]}.{ext}"
    else:
        name = (name or "bukti")[:max_length]
    return name


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check(*, name: str, data: bytes, size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> EvidenceInfo:
    """Validate an upload from its name, full content and size; raise EvidenceError (Indonesian)."""
    clean = safe_name(name)
    if size <= 0 or not data:
        raise EvidenceError(f"Berkas {clean} kosong.")
    if size > max_bytes:
        raise EvidenceError(
            f"Berkas {clean} terlalu besar ({size / 1048576:.1f} MB); maksimum {max_bytes / 1048576:.0f} MB."
        )
    ext = extension(clean)
    if ext not in ALLOWED_EXTENSIONS:
        raise EvidenceError(
            f"Jenis berkas .{ext or '?'} tidak diterima; gunakan PDF, gambar (JPG/PNG/GIF/WEBP) "
            "atau dokumen perkantoran (DOCX/XLSX/PPTX/ODT/ODS/ODP/DOC/XLS/PPT)."
        )
    kind = sniff(data)
    if kind is None or ext not in KINDS[kind][0]:
        raise EvidenceError(f"Isi berkas {clean} tidak sesuai dengan ekstensi .{ext}; berkas ditolak.")
    return EvidenceInfo(kind=kind, extension=ext, content_type=KINDS[kind][1], size=size, name=clean)
