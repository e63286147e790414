"""Enumerations of the org app (values are stable code names; labels are Indonesian via gettext)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstansiKind(models.TextChoices):
    KOTA = "kota", _("Pemerintah Kota")
    KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
    PROVINSI = "provinsi", _("Pemerintah Provinsi")


class UnitKind(models.TextChoices):
    PEMDA = "pemda", _("Pemerintah Daerah")
    SEKRETARIAT_DAERAH = "setda", _("Sekretariat Daerah")
    SEKRETARIAT_DPRD = "setwan", _("Sekretariat DPRD")
    ASISTEN = "asisten", _("Asisten")
    BAGIAN = "bagian", _("Bagian")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    KANTOR = "kantor", _("Kantor")
    SATPOL_PP = "satpolpp", _("Satuan Polisi Pamong Praja")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    BIDANG = "bidang", _("Bidang")
    SUBBAGIAN = "subbagian", _("Subbagian")
    SEKSI = "seksi", _("Seksi")
    UPT = "upt", _("UPT")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    RSUD = "rsud", _("RSUD")
    SEKOLAH = "sekolah", _("Satuan Pendidikan")


class JobType(models.TextChoices):
    """Jenis jabatan (UU 5/2014, PP 11/2017 Pasal 47)."""

    JPT_UTAMA = "jpt_utama", _("JPT Utama")
    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL = "fungsional", _("Fungsional")


MANAGERIAL_TYPES = {
    JobType.JPT_UTAMA,
    JobType.JPT_MADYA,
    JobType.JPT_PRATAMA,
    JobType.ADMINISTRATOR,
    JobType.PENGAWAS,
}


class JobLevel(models.TextChoices):
    """Jenjang jabatan fungsional (UU 5/2014 Pasal 18); pelaksana groups after PermenPANRB 45/2022."""

    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")
    KLEREK = "klerek", _("Klerek")
    OPERATOR = "operator", _("Operator")
    TEKNISI = "teknisi", _("Teknisi")


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class AsnStatus(models.TextChoices):
    PNS = "pns", _("PNS")
    CPNS = "cpns", _("CPNS")
    PPPK = "pppk", _("PPPK")


class EmploymentState(models.TextChoices):
    ACTIVE = "aktif", _("Aktif")
    LEAVE = "cuti", _("Cuti di luar tanggungan negara")
    RETIRED = "pensiun", _("Pensiun")
    LEFT = "berhenti", _("Berhenti")
    DECEASED = "wafat", _("Meninggal dunia")


class AssignmentKind(models.TextChoices):
    DEFINITIVE = "definitif", _("Definitif")
    ACTING = "plt", _("Pelaksana Tugas (Plt)")
    DAILY = "plh", _("Pelaksana Harian (Plh)")


class AssignmentReason(models.TextChoices):
    APPOINTMENT = "pengangkatan", _("Pengangkatan")
    TRANSFER = "mutasi", _("Mutasi")
    PROMOTION = "promosi", _("Promosi")
    ROTATION = "rotasi", _("Rotasi")
    DEMOTION = "demosi", _("Demosi")
    ACTING = "penugasan", _("Penugasan Plt/Plh")
    CORRECTION = "koreksi", _("Koreksi data")
