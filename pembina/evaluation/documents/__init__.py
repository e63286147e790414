"""Evaluation documents: the Dokumen Evaluasi Kinerja Pegawai (typst PDF), the per-OPD ZIP job, and
the XLSX exports of results and follow-up.

`evaluation_pdf` renders one evaluation the caller has already fetched through the scoped selectors;
`documents_enqueue`, `results_xlsx` and `follow_up_xlsx` scope by the actor themselves."""

from __future__ import annotations

from .data import document_data, document_filename
from .jobs import HANDLER, documents_enqueue, documents_file
from .render import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, ZIP_CONTENT_TYPE, render_pdf
from .xlsx import follow_up_xlsx, results_xlsx


def evaluation_pdf(*, evaluation) -> bytes:
    """The Dokumen Evaluasi Kinerja Pegawai (periodic or annual) of one evaluation as PDF bytes."""
    return render_pdf(document_data(evaluation=evaluation))


def evaluation_pdf_filename(*, evaluation) -> str:
    """The file name `evaluation_pdf` is downloaded under (the same as inside the OPD's ZIP)."""
    return document_filename(
        {
            "employee": {"nip": evaluation.employee.nip},
            "year": evaluation.year.year,
            "kind": evaluation.kind,
            "period_number": evaluation.period.number if evaluation.period_id else 0,
            "start": evaluation.plan.start_date.isoformat(),
        },
        "pdf",
    )


__all__ = [
    "HANDLER",
    "PDF_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "ZIP_CONTENT_TYPE",
    "document_data",
    "document_filename",
    "documents_enqueue",
    "documents_file",
    "evaluation_pdf",
    "evaluation_pdf_filename",
    "follow_up_xlsx",
    "results_xlsx",
]
