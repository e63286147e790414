"""Uploaded evidence: checked by content (rules.files) and stored under a random name."""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile

from pembina.core.exceptions import ApplicationError
from pembina.learning.rules import files as file_rules


def store_evidence(upload, *, field: str = "evidence") -> ContentFile:
    """A ContentFile named `<random>.<real type>`, ready to assign to a FileField; ApplicationError when
    the content is not an accepted type or is too large. The user's file name is never used."""
    try:
        ext = file_rules.check(upload)
    except file_rules.EvidenceFileError as exc:
        raise ApplicationError(str(exc), field=field) from None
    upload.seek(0)
    content = ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.{ext}")
    content.kind = ext
    return content
