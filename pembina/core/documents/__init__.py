"""PDF documents with typst: one compiler per template and process, the vendored fonts only.

Every app's official documents (the SKP, the Dokumen Evaluasi Kinerja Pegawai, certificates) render
through `TypstTemplate`: system fonts are ignored, so every machine renders with the same Liberation
Sans (`fonts/`) and the same data gives the same bytes (the document's timestamp comes from the data).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
PDF_CONTENT_TYPE = "application/pdf"

_lock = threading.Lock()  # a typst compiler is not safe to share between threads


class TypstTemplate:
    """A typst template compiled with `sys.inputs.data` = the JSON of a document dict."""

    def __init__(self, template: Path, *, root: Path | None = None):
        self.template = Path(template)
        self.root = Path(root) if root is not None else self.template.parent.parent
        self._compiler = None

    def _get_compiler(self):
        if self._compiler is None:
            import typst

            self._compiler = typst.Compiler(
                input=str(self.template),
                root=str(self.root),
                font_paths=[str(FONTS)],
                ignore_system_fonts=True,
            )
        return self._compiler

    def render(
        self,
        data: dict,
        *,
        timestamp: dt.datetime,
        fmt: str = "pdf",
        ppi: float | None = None,
        inputs: dict[str, str] | None = None,
    ) -> bytes | list[bytes]:
        """PDF bytes (or PNG pages for previews with `fmt="png"`); `timestamp` is written into the PDF;
        `inputs` are further `sys.inputs` strings (e.g. an SVG)."""
        stamp = timestamp.astimezone(dt.UTC).replace(microsecond=0)
        sys_inputs = {"data": json.dumps(data, ensure_ascii=False), **(inputs or {})}
        kwargs = {"format": fmt, "sys_inputs": sys_inputs, "timestamp": stamp}
        if ppi is not None:
            kwargs["ppi"] = ppi
        with _lock:
            return self._get_compiler().compile(**kwargs)
