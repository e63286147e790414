"""Enumerations of the learning app (values are stable code names; labels are Indonesian via gettext)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetencyKind(models.TextChoices):
    """Jenis kompetensi (PermenPANRB 38/2017)."""

    MANAGERIAL = "managerial", _("Manajerial")
    SOCIO_CULTURAL = "socio_cultural", _("Sosial kultural")
    TECHNICAL = "technical", _("Teknis")


class TechnicalField(models.TextChoices):
    """Bidang of a technical competency (the dictionaries are written per instansi pembina)."""

    HEALTH = "kesehatan", _("Kesehatan")
    CIVIL_REGISTRY = "kependudukan", _("Administrasi kependudukan")
    PERMITS = "perizinan", _("Perizinan dan penanaman modal")
    IT = "teknologi_informasi", _("Teknologi informasi")
    PUBLIC_SERVICE = "pelayanan_publik", _("Pelayanan publik dan pengaduan")
    ENVIRONMENT = "lingkungan_hidup", _("Lingkungan hidup")
    PUBLIC_WORKS = "pekerjaan_umum", _("Pekerjaan umum")
    FINANCE = "keuangan", _("Keuangan daerah")
    HR = "kepegawaian", _("Kepegawaian")
    GENERAL = "umum", _("Umum")


LEVELS = (1, 2, 3, 4, 5)


class AssessmentSource(models.TextChoices):
    """Where an assessed competency level comes from; `rules.profile` orders them."""

    ASSESSMENT_CENTRE = "assessment_centre", _("Asesmen (assessment center)")
    COMPETENCY_TEST = "competency_test", _("Uji kompetensi")
    SUPERIOR_REVIEW = "superior_review", _("Evaluasi kompetensi atasan (B.1.9)")
    TRAINING = "training", _("Penyelesaian pelatihan")
    SIMULATION = "simulation", _("Hasil simulasi")


class ActivityMode(models.TextChoices):
    CLASSICAL = "classical", _("Klasikal")
    NON_CLASSICAL = "non_classical", _("Nonklasikal")
    EDUCATION = "education", _("Pendidikan")


class ActivityKind(models.TextChoices):
    """Bentuk pengembangan kompetensi (PP 11/2017 jo PP 17/2020; Peraturan LAN 10/2018).

    The mode of each kind is `rules.jp.MODE_OF`."""

    TRAINING = "training", _("Pelatihan klasikal")
    TECHNICAL_GUIDANCE = "technical_guidance", _("Bimbingan teknis")
    SEMINAR = "seminar", _("Seminar/konferensi/sarasehan")
    WORKSHOP = "workshop", _("Workshop/lokakarya")
    COURSE = "course", _("Kursus")
    UPGRADING = "upgrading", _("Penataran")
    SOCIALISATION = "socialisation", _("Sosialisasi")
    E_LEARNING = "e_learning", _("E-learning")
    DISTANCE_LEARNING = "distance_learning", _("Pelatihan jarak jauh")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    ON_THE_JOB = "on_the_job", _("Bimbingan di tempat kerja")
    SECONDMENT = "secondment", _("Datasering (secondment)")
    INTERNSHIP = "internship", _("Magang/praktik kerja")
    BENCHMARKING = "benchmarking", _("Patok banding (benchmarking)")
    EXCHANGE = "exchange", _("Pertukaran pegawai")
    OUTBOUND = "outbound", _("Pembelajaran alam terbuka")
    COMMUNITY = "community", _("Komunitas belajar")
    SELF_STUDY = "self_study", _("Belajar mandiri")
    SIMULATION = "simulation", _("Simulasi penanganan pengaduan")
    EDUCATION = "education", _("Pendidikan formal (tugas/izin belajar)")


class ProgrammeCategory(models.TextChoices):
    TECHNICAL = "technical", _("Teknis")
    MANAGERIAL = "managerial", _("Manajerial")
    FUNCTIONAL = "functional", _("Fungsional")
    SOCIO_CULTURAL = "socio_cultural", _("Sosial kultural")


class NeedSource(models.TextChoices):
    EVALUATION = "evaluation", _("Hasil evaluasi kinerja")
    GAP = "gap", _("Analisis kesenjangan kompetensi")
    COACHING = "coaching", _("Bimbingan kinerja")
    TALENT = "talent", _("Manajemen talenta")
    MANUAL = "manual", _("Usulan")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    PLANNED = "planned", _("Direncanakan")
    ADDRESSED = "addressed", _("Terpenuhi")
    CLOSED = "closed", _("Ditutup")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    AGREED = "agreed", _("Disepakati")


class PlanActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Berjalan")
    COMPLETED = "completed", _("Selesai")
    CANCELLED = "cancelled", _("Batal")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Pendaftaran dibuka")
    CLOSED = "closed", _("Pendaftaran ditutup")
    FINISHED = "finished", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class EnrolmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")
    SUPERIOR_APPROVED = "superior_approved", _("Disetujui atasan")
    APPROVED = "approved", _("Disetujui BKPSDM")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Ditarik")
    CANCELLED = "cancelled", _("Dibatalkan")
    COMPLETED = "completed", _("Lulus/selesai")
    NOT_COMPLETED = "not_completed", _("Tidak lulus")


# Enrolments that hold a seat against the event's quota.
SEAT_STATUSES = (EnrolmentStatus.APPROVED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED)


class CertificateKind(models.TextChoices):
    GENERATED = "generated", _("Diterbitkan sistem")
    EXTERNAL = "external", _("Sertifikat dari luar")


class CertificateStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu pemeriksaan")
    VALID = "valid", _("Sah")
    REJECTED = "rejected", _("Ditolak")
    REVOKED = "revoked", _("Dicabut")


class RecordSource(models.TextChoices):
    EVENT = "event", _("Pelatihan dalam katalog")
    PLAN_ACTIVITY = "plan_activity", _("Kegiatan IDP")
    SIMULATION = "simulation", _("Simulasi")
    EXTERNAL = "external", _("Sertifikat dari luar")
    IMPORT = "import", _("Impor")


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu verifikasi")
    VERIFIED = "verified", _("Terverifikasi")
    REJECTED = "rejected", _("Ditolak")


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")
    ARCHIVED = "archived", _("Diarsipkan")


class Difficulty(models.TextChoices):
    BASIC = "basic", _("Dasar")
    INTERMEDIATE = "intermediate", _("Menengah")
    ADVANCED = "advanced", _("Lanjut")


class Channel(models.TextChoices):
    COUNTER = "counter", _("Loket/tatap muka")
    PHONE = "phone", _("Telepon")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    SOCIAL_MEDIA = "social_media", _("Media sosial")
    FIELD = "field", _("Lapangan")


class ResponseType(models.TextChoices):
    CHOICE = "choice", _("Pilihan jawaban")
    FREE_TEXT = "free_text", _("Jawaban bebas")


class EndingKind(models.TextChoices):
    GOOD = "good", _("Berhasil")
    FAIR = "fair", _("Cukup")
    POOR = "poor", _("Kurang")


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("Berjalan")
    FINISHED = "finished", _("Selesai")
    ABANDONED = "abandoned", _("Ditinggalkan")


class NotificationKind(models.TextChoices):
    JP_BELOW_TARGET = "jp_below_target", _("JP di bawah target")
    JP_OPD_DIGEST = "jp_opd_digest", _("Rekap JP OPD")
    ENROLMENT = "enrolment", _("Pendaftaran pelatihan")
    PLAN = "plan", _("Rencana pengembangan (IDP)")
    CERTIFICATE = "certificate", _("Sertifikat")
