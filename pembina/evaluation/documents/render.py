"""Render an evaluation document dict to PDF with typst (the SKP's vendored fonts, one compiler per process)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pembina.core.documents import PDF_CONTENT_TYPE, TypstTemplate  # noqa: F401  (re-exported)

HERE = Path(__file__).resolve().parent
EVALUATION_TEMPLATE = TypstTemplate(HERE / "templates" / "evaluation.typ")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_CONTENT_TYPE = "application/zip"


def render_pdf(data: dict) -> bytes:
    """PDF bytes; the document's timestamp is the evaluation's own (same evaluation, same bytes)."""
    return EVALUATION_TEMPLATE.render(data, timestamp=dt.datetime.fromisoformat(data["timestamp"]))
