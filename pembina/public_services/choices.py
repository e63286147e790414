"""Enumerations of the public services app (values are stable code names; labels Indonesian via gettext)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayKind(models.TextChoices):
    NATIONAL = "national", _("Libur nasional")
    REGIONAL = "regional", _("Libur daerah")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")


class RequestChannel(models.TextChoices):
    COUNTER = "counter", _("Loket")
    ONLINE = "online", _("Daring (portal)")
    OPEN311 = "open311", _("Aplikasi mitra (Open311)")
    IMPORT = "import", _("Impor log loket")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    VERIFIED = "verified", _("Diverifikasi")
    IN_PROCESS = "in_process", _("Diproses")
    COMPLETED = "completed", _("Selesai")
    PICKED_UP = "picked_up", _("Sudah diambil")
    REJECTED = "rejected", _("Ditolak")


class RequestAction(models.TextChoices):
    """What a timeline entry records: a status change, or an escalation beside the flow."""

    RECEIVED = "received", _("Permohonan diterima")
    VERIFIED = "verified", _("Berkas diverifikasi")
    IN_PROCESS = "in_process", _("Mulai diproses")
    COMPLETED = "completed", _("Selesai")
    PICKED_UP = "picked_up", _("Diambil pemohon")
    REJECTED = "rejected", _("Ditolak")
    ESCALATED = "escalated", _("Terlambat, dieskalasi ke kepala unit")


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("Formulir web")
    COUNTER = "counter", _("Loket pengaduan")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LAPOR = "lapor", _("SP4N-LAPOR!")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Belum terverifikasi")
    VERIFIED = "verified", _("Terverifikasi")
    IN_PROGRESS = "in_progress", _("Ditindaklanjuti")
    RESOLVED = "resolved", _("Selesai, menunggu konfirmasi pelapor")
    CLOSED = "closed", _("Ditutup")
    REJECTED = "rejected", _("Tidak dapat diproses")


class ComplaintTier(models.TextChoices):
    """Resolution tiers of the Standar Pelayanan (SIPPN); days are configured per instansi."""

    LIGHT = "light", _("Ringan")
    NORMATIVE = "normative", _("Bersifat normatif")
    NON_SUPERVISORY = "non_supervisory", _("Tidak berkadar pengawasan")
    SUPERVISORY = "supervisory", _("Berkadar pengawasan, perlu pemeriksaan")


class ComplaintStage(models.TextChoices):
    VERIFICATION = "verification", _("Verifikasi")
    FOLLOW_UP_PLAN = "follow_up_plan", _("Rencana tindak lanjut")
    RESOLUTION = "resolution", _("Penyelesaian")


class ComplaintAction(models.TextChoices):
    RECEIVED = "received", _("Pengaduan diterima")
    VERIFIED = "verified", _("Diverifikasi")
    REJECTED = "rejected", _("Tidak dapat diproses")
    FORWARDED = "forwarded", _("Diteruskan ke unit berwenang")
    PLANNED = "planned", _("Rencana tindak lanjut disampaikan")
    RESOLVED = "resolved", _("Diselesaikan")
    CONFIRMED = "confirmed", _("Dikonfirmasi pelapor")
    REOPENED = "reopened", _("Dibuka kembali atas tanggapan pelapor")
    CLOSED = "closed", _("Ditutup tanpa konfirmasi pelapor")
    ESCALATED = "escalated", _("Terlambat, dieskalasi")


class SurveyChannel(models.TextChoices):
    ONLINE = "online", _("Daring")
    KIOSK = "kiosk", _("Kios/tablet di lokasi layanan")
    PAPER = "paper", _("Kuesioner kertas (dientri petugas)")


class RespondentGender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Education(models.TextChoices):
    """Pendidikan terakhir as in the PermenPANRB 14/2017 sample questionnaire (with diploma levels)."""

    SD = "sd", _("SD ke bawah")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    DIPLOMA = "diploma", _("D1–D3")
    S1 = "s1", _("D4/S1")
    S2 = "s2", _("S2")
    S3 = "s3", _("S3")


class Occupation(models.TextChoices):
    PNS = "pns", _("PNS/ASN")
    TNI = "tni", _("TNI")
    POLRI = "polri", _("POLRI")
    PRIVATE = "swasta", _("Pegawai swasta")
    ENTREPRENEUR = "wirausaha", _("Wirausaha")
    STUDENT = "pelajar", _("Pelajar/mahasiswa")
    OTHER = "lainnya", _("Lainnya")


OPEN_REQUEST_STATUSES = (RequestStatus.RECEIVED, RequestStatus.VERIFIED, RequestStatus.IN_PROCESS)
OPEN_COMPLAINT_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS)
