"""The key certificates are signed with (rules.certificates does the signing, pure)."""

from __future__ import annotations

import hashlib

from django.conf import settings


def certificate_key() -> bytes:
    """`PEMBINA_CERTIFICATE_KEY` when set (so rotating SECRET_KEY keeps certificates valid), else
    derived from SECRET_KEY; domain-separated from every other use of the secret."""
    secret = getattr(settings, "PEMBINA_CERTIFICATE_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(b"pembina.learning.certificate|" + secret.encode()).digest()
