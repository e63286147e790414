"""The certificate PDF: an official-looking landscape A4 with the holder, programme, JP, dates,
organiser, and the verification code with a QR code pointing at the public verification page.

Content comes from `selectors.certificate_document` (scoped: out of sight is 404); this module only
lays it out. Every text reaches typst as JSON and is shown literally, never parsed as markup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.urls import reverse
from django.utils.translation import gettext as _

from pembina.core.documents import PDF_CONTENT_TYPE, TypstTemplate  # noqa: F401  (re-exported)
from pembina.learning.selectors.certificates import certificate_document
from pembina.performance.documents.data import long_date, number

HERE = Path(__file__).resolve().parent
CERTIFICATE_TEMPLATE = TypstTemplate(HERE / "templates" / "certificate.typ")
VERIFY_URL_NAME = "learning:certificate_verify"


def verify_path(code: str) -> str:
    """The public verification page of a code."""
    return reverse(VERIFY_URL_NAME, kwargs={"code": code})


def verify_url(code: str, *, base_url: str = "") -> str:
    """Absolute when `base_url` (e.g. `request.build_absolute_uri("/")`) is given."""
    path = verify_path(code)
    return base_url.rstrip("/") + path if base_url else path


def _qr_svg(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=10,
        border=1,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string()
    return svg.decode() if isinstance(svg, bytes) else svg


def certificate_data(doc: dict, *, base_url: str = "") -> dict:
    """The PDF's content as plain strings (labels included, so the template holds no UI text)."""
    raw_code = doc["code"].replace("-", "")
    url = verify_url(raw_code, base_url=base_url)
    start, end = doc["start_date"], doc["end_date"]
    dates = long_date(start) if start == end else f"{long_date(start)} – {long_date(end)}"
    return {
        "instansi": doc["instansi_name"],
        "region": doc["region_name"],
        "number": doc["number"],
        "code": doc["code"],
        "url": url,
        "holder_name": doc["holder_name"],
        "holder_nip": doc["holder_nip"],
        "title": doc["title"],
        "activity_kind": doc["activity_kind"],
        "organiser": doc["organiser"],
        "dates": dates,
        "issued_on": long_date(doc["issued_on"]),
        "jp": number(doc["jp"]),
        "competencies": [
            _("%(name)s (level %(level)s)") % {"name": c["name"], "level": c["level"]}
            for c in doc.get("competencies", [])
        ],
        "timestamp": dt.datetime.combine(doc["issued_on"], dt.time(8, 0), tzinfo=dt.UTC).isoformat(),
        "labels": {
            "title": _("SERTIFIKAT"),
            "subtitle": _("Pengembangan Kompetensi Aparatur Sipil Negara"),
            "number": _("Nomor"),
            "given_to": _("diberikan kepada"),
            "nip": _("NIP"),
            "has_completed": _("telah mengikuti dan menyelesaikan"),
            "kind": _("Bentuk"),
            "organiser": _("Penyelenggara"),
            "dates": _("Waktu pelaksanaan"),
            "jp": _("Jumlah jam pelajaran"),
            "jp_unit": _("JP"),
            "competencies": _("Kompetensi yang dikembangkan"),
            "issued": _("Diterbitkan di %(place)s, %(date)s")
            % {"place": doc["region_name"], "date": long_date(doc["issued_on"])},
            "verify_title": _("Verifikasi keaslian"),
            "verify_code": _("Kode verifikasi"),
            "verify_note": _(
                "Pindai kode QR atau buka alamat di bawah dan masukkan kode verifikasi. Sertifikat ini "
                "diterbitkan secara elektronik; kode verifikasi terikat pada isi sertifikat, sehingga perubahan "
                "nama, NIP, kegiatan, tanggal atau JP membuat verifikasi gagal."
            ),
        },
    }


def render_certificate(data: dict) -> bytes:
    """PDF bytes; the document time is the issue date, so the same certificate gives the same bytes."""
    return CERTIFICATE_TEMPLATE.render(
        data, timestamp=dt.datetime.fromisoformat(data["timestamp"]), inputs={"qr": _qr_svg(data["url"])}
    )


def certificate_filename(doc: dict) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in doc["number"]).strip("-")
    return f"sertifikat-{safe or 'pembina'}.pdf"


def certificate_pdf(*, actor, pk, base_url: str = "") -> bytes:
    """The PDF of a generated, valid certificate the actor may see (404 otherwise: out of scope,
    external, revoked or pending certificates have no generated document)."""
    doc = certificate_document(actor=actor, pk=pk)
    return render_certificate(certificate_data(doc, base_url=base_url))
