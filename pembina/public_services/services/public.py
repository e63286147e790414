"""Writes behind the citizen-facing portal and the Open311 API that the request/complaint services
do not cover: web complaints with attachments, partner API keys, and requests posted by partner apps."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.performance.rules import evidence
from pembina.public_services.choices import ComplaintChannel, RequestChannel
from pembina.public_services.models import (
    Complaint,
    ComplaintAttachment,
    Open311ApiKey,
    Open311Submission,
    Service,
    ServiceRequest,
)
from pembina.public_services.models.open311 import hash_key
from pembina.public_services.services._common import full_clean
from pembina.public_services.services.complaints import complaint_submit
from pembina.public_services.services.requests import request_submit_online

# Complaint attachments: photos and scans, checked by content like performance evidence files.
ATTACHMENT_KINDS = frozenset({"pdf", "png", "jpeg", "gif", "webp"})
MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


def attachment_check(*, name: str, data: bytes, size: int | None = None) -> evidence.EvidenceInfo:
    """Validate one attachment (kind from its first bytes, agreeing with the extension; size)."""
    size = len(data) if size is None else size
    try:
        info = evidence.check(name=name, data=data, size=size, max_bytes=MAX_ATTACHMENT_BYTES)
    except evidence.EvidenceError as exc:
        raise ApplicationError(str(exc), field="attachments") from None
    if info.kind not in ATTACHMENT_KINDS:
        raise ApplicationError(
            _("Lampiran %(name)s ditolak: hanya PDF atau gambar (JPG, PNG, GIF, WEBP).")
            % {"name": info.name},
            field="attachments",
        )
    return info


@transaction.atomic
def complaint_submit_web(
    *,
    instansi,
    subject: str,
    description: str,
    service: Service | None = None,
    reporter_name: str = "",
    reporter_contact: str = "",
    is_anonymous: bool = False,
    is_confidential: bool = False,
    location: str = "",
    attachments: Sequence[tuple[str, bytes]] = (),
) -> Complaint:
    """A complaint from the public web form, with up to three checked attachments (all or nothing)."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise ApplicationError(
            _("Lampiran paling banyak %(n)s berkas.") % {"n": MAX_ATTACHMENTS}, field="attachments"
        )
    checked = [(attachment_check(name=name, data=data), data) for name, data in attachments]
    complaint = complaint_submit(
        instansi=instansi,
        channel=ComplaintChannel.WEB,
        subject=subject,
        description=description,
        service=service,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        is_anonymous=is_anonymous,
        is_confidential=is_confidential,
        location=location,
    )
    for info, data in checked:
        attachment = ComplaintAttachment(
            complaint=complaint,
            original_name=info.name[:150],
            content_type=info.content_type,
            size=info.size,
        )
        attachment.file.save(f"lampiran.{info.extension}", ContentFile(data), save=False)
        attachment.save()
    return complaint


# --- Open311 partner keys and requests ---------------------------------------------------------------


def new_api_key() -> tuple[str, str, str]:
    """(raw key shown once, its prefix kept for recognition, its hash kept for checking)."""
    raw = "p311_" + secrets.token_urlsafe(24)
    return raw, raw[:12], hash_key(raw)


@transaction.atomic
def open311_key_create(
    *, instansi, name: str, actor, contact: str = "", requests_per_hour: int = 60, note: str = ""
) -> tuple[Open311ApiKey, str]:
    """A partner key for a civic app; the raw key is returned once and never stored."""
    raw, prefix, digest = new_api_key()
    key = Open311ApiKey(
        instansi=instansi,
        name=(name or "").strip(),
        contact=(contact or "").strip(),
        key_prefix=prefix,
        key_hash=digest,
        requests_per_hour=requests_per_hour,
        note=note or "",
        created_by=actor if actor is not None and getattr(actor, "pk", None) else None,
    )
    full_clean(key)
    key.save()
    return key, raw


@transaction.atomic
def open311_key_revoke(*, key: Open311ApiKey, actor) -> Open311ApiKey:
    key = Open311ApiKey.objects.select_for_update(of=("self",)).get(pk=key.pk)
    key.is_active = False
    key.save(update_fields=["is_active", "updated_at"])
    return key


@transaction.atomic
def open311_request_submit(
    *,
    api_key: Open311ApiKey,
    service: Service,
    citizen_name: str,
    citizen_contact: str,
    description: str = "",
    location: str = "",
) -> ServiceRequest:
    """A request a partner app posts for a citizen; remembered against the key for its listings."""
    if not api_key.is_active:
        raise ApplicationError(_("Kunci API tidak aktif."), field="api_key")
    if service.instansi_id != api_key.instansi_id:
        raise ApplicationError(_("Layanan tidak ditemukan."), field="service_code")
    request = request_submit_online(
        service=service,
        citizen_name=citizen_name,
        citizen_contact=citizen_contact,
        description=description,
        location=location,
        channel=RequestChannel.OPEN311,
    )
    Open311Submission.objects.create(api_key=api_key, request=request)
    return request
