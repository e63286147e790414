"""Render an evaluation document dict to PDF with typst (the SKP's vendored fonts, one compiler per process)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "evaluation.typ"
# The SKP's vendored Liberation Sans: one copy of the fonts in the repository.
FONTS = Path(__file__).resolve().parents[2] / "performance" / "documents" / "fonts"
PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_CONTENT_TYPE = "application/zip"

_lock = threading.Lock()
_compiler = None


def _get_compiler():
    global _compiler
    if _compiler is None:
        import typst

        _compiler = typst.Compiler(
            input=str(TEMPLATE), root=str(HERE), font_paths=[str(FONTS)], ignore_system_fonts=True
        )
    return _compiler


def render_pdf(data: dict) -> bytes:
    """PDF bytes; the document's timestamp is the evaluation's own (same evaluation, same bytes)."""
    stamp = dt.datetime.fromisoformat(data["timestamp"]).astimezone(dt.UTC).replace(microsecond=0)
    with _lock:
        return _get_compiler().compile(
            format="pdf", sys_inputs={"data": json.dumps(data, ensure_ascii=False)}, timestamp=stamp
        )
