"""SKP documents: the official PDF layout (typst) and XLSX, for one plan or a whole OPD (background job).

`document_data` reads the plan (working copy or an approved version) into a dict; `render_pdf` and
`render_xlsx` turn that dict into bytes; `jobs.opd_documents` renders every plan of an OPD into a ZIP.
Callers check who may read the plan (the views fetch it through the scoped selectors first).
"""

from .data import document_data, document_filename
from .render import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, render_pdf, render_xlsx

__all__ = [
    "PDF_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "document_data",
    "document_filename",
    "render_pdf",
    "render_xlsx",
]
