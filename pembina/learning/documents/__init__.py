"""Documents of the learning app: the certificate PDF (typst, the same vendored fonts as the SKP)."""

from pembina.learning.documents.certificates import (
    PDF_CONTENT_TYPE,
    certificate_data,
    certificate_filename,
    certificate_pdf,
    render_certificate,
    verify_url,
)

__all__ = [
    "PDF_CONTENT_TYPE",
    "certificate_data",
    "certificate_filename",
    "certificate_pdf",
    "render_certificate",
    "verify_url",
]
