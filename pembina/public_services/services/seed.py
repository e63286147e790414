"""Seed data for a new instansi or the demo: holidays, the policy, and a realistic service catalogue.

The catalogue follows what Indonesian city OPDs publish as Standar Pelayanan; every figure is an
editable example, not a regulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from pembina.org.choices import UnitKind
from pembina.org.models import Unit
from pembina.public_services.models import Service
from pembina.public_services.services.calendar import holidays_seed
from pembina.public_services.services.catalogue import service_create

DUKCAPIL_FREE = "Gratis (UU 24/2013 Pasal 79A: pengurusan dokumen kependudukan tidak dipungut biaya)."
DUKCAPIL_BASIS = "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan; Perpres 96/2018"


@dataclass(frozen=True)
class ServiceSeed:
    code: str
    name: str
    days: int
    requirements: tuple[str, ...]
    product: str
    fee: Decimal = Decimal("0")
    fee_note: str = ""
    legal_basis: str = ""
    accepts_online: bool = True


DUKCAPIL_REGISTRATION = (
    ServiceSeed(
        "DUKCAPIL-KTPEL",
        "Penerbitan KTP-el (baru, perubahan data, hilang/rusak)",
        1,
        (
            "Fotokopi Kartu Keluarga",
            "Telah berusia 17 tahun, sudah kawin atau pernah kawin",
            "Surat keterangan kehilangan dari kepolisian (untuk KTP-el hilang)",
            "KTP-el lama (untuk KTP-el rusak atau perubahan data)",
        ),
        "KTP-el",
        fee_note=DUKCAPIL_FREE,
        legal_basis=DUKCAPIL_BASIS,
        accepts_online=False,  # perekaman biometrik wajib hadir
    ),
    ServiceSeed(
        "DUKCAPIL-KK",
        "Penerbitan Kartu Keluarga (baru, perubahan, hilang/rusak)",
        1,
        (
            "Formulir F-1.02 yang telah diisi",
            "Kartu Keluarga lama (untuk perubahan data)",
            "Buku nikah/kutipan akta perkawinan (untuk KK baru)",
            "Surat keterangan pindah (bagi penduduk pindah datang)",
        ),
        "Kartu Keluarga",
        fee_note=DUKCAPIL_FREE,
        legal_basis=DUKCAPIL_BASIS,
    ),
    ServiceSeed(
        "DUKCAPIL-PINDAH",
        "Surat Keterangan Pindah (SKPWNI) dan pindah datang",
        1,
        (
            "Kartu Keluarga",
            "Formulir F-1.03 yang telah diisi",
            "Surat keterangan pindah dari daerah asal (untuk pindah datang)",
        ),
        "SKPWNI / KK dan KTP-el alamat baru",
        fee_note=DUKCAPIL_FREE,
        legal_basis=DUKCAPIL_BASIS,
    ),
)
DUKCAPIL_CIVIL_REGISTRY = (
    ServiceSeed(
        "DUKCAPIL-AKTALAHIR",
        "Penerbitan Akta Kelahiran",
        3,
        (
            "Surat keterangan kelahiran dari rumah sakit/puskesmas/bidan",
            "Kartu Keluarga orang tua",
            "Buku nikah/kutipan akta perkawinan orang tua",
            "Surat Pernyataan Tanggung Jawab Mutlak (SPTJM) bila tidak ada surat keterangan kelahiran",
        ),
        "Kutipan Akta Kelahiran",
        fee_note=DUKCAPIL_FREE,
        legal_basis=DUKCAPIL_BASIS,
    ),
    ServiceSeed(
        "DUKCAPIL-AKTAMATI",
        "Penerbitan Akta Kematian",
        3,
        (
            "Surat keterangan kematian dari rumah sakit/puskesmas atau kelurahan",
            "Kartu Keluarga almarhum/almarhumah",
            "KTP-el pelapor",
        ),
        "Kutipan Akta Kematian",
        fee_note=DUKCAPIL_FREE,
        legal_basis=DUKCAPIL_BASIS,
    ),
)
DPMPTSP = (
    ServiceSeed(
        "DPMPTSP-PBG",
        "Persetujuan Bangunan Gedung (PBG)",
        28,
        (
            "Permohonan melalui SIMBG",
            "Bukti kepemilikan/penguasaan tanah",
            "Dokumen rencana teknis (arsitektur, struktur, utilitas)",
            "KTP-el pemohon",
        ),
        "Dokumen PBG",
        fee_note="Retribusi PBG sesuai Perda pajak dan retribusi daerah (dihitung di SIMBG).",
        legal_basis="PP 16/2021 tentang Peraturan Pelaksanaan UU 28/2002 tentang Bangunan Gedung",
    ),
    ServiceSeed(
        "DPMPTSP-NIB",
        "Pendampingan penerbitan Nomor Induk Berusaha (NIB) melalui OSS",
        1,
        ("KTP-el pemilik usaha", "NPWP", "Alamat dan bidang usaha (KBLI)"),
        "NIB",
        fee_note="Gratis.",
        legal_basis="PP 5/2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko",
    ),
    ServiceSeed(
        "DPMPTSP-SIP",
        "Surat Izin Praktik tenaga kesehatan",
        5,
        (
            "Surat Tanda Registrasi (STR) yang masih berlaku",
            "Surat keterangan tempat praktik",
            "Rekomendasi organisasi profesi",
            "Pas foto berwarna",
        ),
        "Surat Izin Praktik",
        fee_note="Gratis.",
    ),
    ServiceSeed(
        "DPMPTSP-REKLAME",
        "Izin penyelenggaraan reklame",
        5,
        ("KTP-el pemohon", "Desain dan ukuran reklame", "Foto lokasi", "Bukti pembayaran pajak reklame"),
        "Izin reklame",
        fee_note="Pajak reklame sesuai Perda; izin tidak dipungut biaya.",
    ),
)
PUSKESMAS = (
    ServiceSeed(
        "UMUM",
        "Pemeriksaan kesehatan umum (poli umum)",
        0,
        ("Kartu JKN/BPJS Kesehatan atau KTP-el", "Kartu berobat (bagi pasien lama)"),
        "Pelayanan pemeriksaan dan resep",
        fee_note="Gratis bagi peserta JKN; pasien umum sesuai Perda retribusi pelayanan kesehatan.",
        accepts_online=False,
    ),
    ServiceSeed(
        "KIA",
        "Pelayanan kesehatan ibu dan anak (KIA) dan KB",
        0,
        ("Buku KIA", "Kartu JKN/BPJS Kesehatan atau KTP-el"),
        "Pelayanan KIA/KB",
        fee_note="Gratis bagi peserta JKN.",
        accepts_online=False,
    ),
    ServiceSeed(
        "SKS",
        "Surat keterangan sehat",
        0,
        ("KTP-el", "Pas foto (bila diminta instansi tujuan)"),
        "Surat keterangan sehat",
        fee=Decimal("15000"),
        fee_note="Sesuai Perda retribusi pelayanan kesehatan.",
    ),
)
KELURAHAN = (
    ServiceSeed(
        "DOMISILI",
        "Surat keterangan domisili",
        1,
        ("KTP-el", "Kartu Keluarga", "Surat pengantar RT/RW"),
        "Surat keterangan domisili",
        fee_note="Gratis.",
    ),
)


def _find_opd(instansi, keyword: str) -> Unit | None:
    return (
        Unit.objects.filter(instansi=instansi, is_opd=True, is_active=True, name__icontains=keyword)
        .order_by("path")
        .first()
    )


def _child(unit: Unit, keyword: str) -> Unit | None:
    return (
        Unit.objects.filter(
            path__startswith=unit.path, depth__gt=unit.depth, is_active=True, name__icontains=keyword
        )
        .order_by("path")
        .first()
    )


def default_units(instansi) -> dict[str, list[Unit]]:
    """Where each group of seeded services belongs, found by unit names and kinds."""
    units: dict[str, list[Unit]] = {}
    dukcapil = _find_opd(instansi, "Kependudukan")
    if dukcapil:
        units["dukcapil_registration"] = [_child(dukcapil, "Pendaftaran Penduduk") or dukcapil]
        units["dukcapil_civil_registry"] = [_child(dukcapil, "Pencatatan Sipil") or dukcapil]
    dpmptsp = _find_opd(instansi, "Penanaman Modal") or _find_opd(instansi, "Perizinan")
    if dpmptsp:
        units["dpmptsp"] = [_child(dpmptsp, "Pelayanan") or dpmptsp]
    units["puskesmas"] = list(
        Unit.objects.filter(instansi=instansi, kind=UnitKind.PUSKESMAS, is_active=True).order_by("path")
    )
    units["kelurahan"] = list(
        Unit.objects.filter(instansi=instansi, kind=UnitKind.KELURAHAN, is_active=True).order_by("path")
    )
    return units


GROUPS = {
    "dukcapil_registration": (DUKCAPIL_REGISTRATION, False),
    "dukcapil_civil_registry": (DUKCAPIL_CIVIL_REGISTRY, False),
    "dpmptsp": (DPMPTSP, False),
    "puskesmas": (PUSKESMAS, True),  # per-unit services: the unit code goes into the service code
    "kelurahan": (KELURAHAN, True),
}


@transaction.atomic
def catalogue_seed(*, instansi, units: dict[str, list[Unit]] | None = None) -> list[Service]:
    """Create the example catalogue where the units exist; codes already present are kept as edited.

    `units` maps a group (see GROUPS) to the units that offer it; by default they are found by name
    and kind (Disdukcapil, DPMPTSP, every Puskesmas and Kelurahan). Returns the services created."""
    units = default_units(instansi) if units is None else units
    existing = set(Service.objects.filter(instansi=instansi).values_list("code", flat=True))
    created = []
    for group, (seeds, per_unit) in GROUPS.items():
        for unit in units.get(group, []):
            for order, seed in enumerate(seeds):
                code = f"{unit.code}-{seed.code}".upper()[:40] if per_unit else seed.code
                code = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in code)
                if code in existing:
                    continue
                created.append(
                    service_create(
                        unit=unit,
                        code=code,
                        name=seed.name,
                        completion_days=seed.days,
                        actor=None,
                        requirements="\n".join(seed.requirements),
                        product=seed.product,
                        fee=seed.fee,
                        fee_note=seed.fee_note,
                        legal_basis=seed.legal_basis,
                        accepts_online=seed.accepts_online,
                        sort_order=order,
                    )
                )
                existing.add(code)
    return created


def public_services_seed(*, instansi, program_start=None) -> dict:
    """Everything a fresh instansi needs: holidays 2025–2027, the default policy, the catalogue."""
    from pembina.public_services.services.calendar import service_policy_update

    holidays = holidays_seed(instansi=instansi)
    data = {"program_start": program_start} if program_start else {}
    service_policy_update(instansi=instansi, data=data, actor=None)
    services = catalogue_seed(instansi=instansi)
    return {"holidays": holidays, "services": len(services)}
