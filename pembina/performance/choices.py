"""Enumerations of the performance app (stable code values, Indonesian labels via gettext)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodInterval(models.TextChoices):
    """Periodic evaluation interval, configurable per instansi (regulation §1.4)."""

    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")
    SEMESTER = "semester", _("Semesteran")


class YearState(models.TextChoices):
    PLANNING = "planning", _("Perencanaan")
    RUNNING = "running", _("Pelaksanaan")
    EVALUATING = "evaluating", _("Evaluasi")
    CLOSED = "closed", _("Ditutup")


class GoalLevel(models.TextChoices):
    CITY = "city", _("Sasaran Wali Kota")
    OPD = "opd", _("Sasaran strategis perangkat daerah")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Semakin tinggi semakin baik")
    LOWER = "lower", _("Semakin rendah semakin baik")


class Aggregation(models.TextChoices):
    """How period realisations add up to the year's value compared with the annual target."""

    SUM = "sum", _("Dijumlahkan (kumulatif)")
    LAST = "last", _("Nilai periode terakhir")
    AVERAGE = "average", _("Rata-rata periode")


class Aspect(models.TextChoices):
    QUANTITY = "kuantitas", _("Kuantitas")
    QUALITY = "kualitas", _("Kualitas")
    TIME = "waktu", _("Waktu")
    COST = "biaya", _("Biaya")


class PlanForm(models.TextChoices):
    JPT = "jpt", _("SKP JPT")
    NON_JPT = "non_jpt", _("SKP non-JPT (administrasi dan fungsional)")


class Approach(models.TextChoices):
    QUANTITATIVE = "kuantitatif", _("Kuantitatif")
    QUALITATIVE = "kualitatif", _("Kualitatif")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")


class ResultKind(models.TextChoices):
    MAIN = "utama", _("Utama")
    ADDITIONAL = "tambahan", _("Tambahan")


class Perspective(models.TextChoices):
    """JPT perspectives (Format A.6.1 of PermenPANRB 8/2021; only the first confirmed for 6/2022)."""

    SERVICE_RECIPIENTS = "penerima_layanan", _("Penerima Layanan")
    BUSINESS_PROCESS = "proses_bisnis", _("Proses Bisnis")
    INTERNAL_STRENGTHENING = "penguatan_internal", _("Penguatan Internal")
    BUDGET = "anggaran", _("Anggaran")


class PlanEventKind(models.TextChoices):
    CREATED = "created", _("Dibuat")
    PROPOSED = "proposed", _("Diusulkan atasan")
    SUBMITTED = "submitted", _("Diajukan")
    WITHDRAWN = "withdrawn", _("Ditarik kembali")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")
    REVISION_STARTED = "revision_started", _("Perubahan SKP dimulai")
    CASCADED = "cascaded", _("RHK atasan diturunkan")
    HEADER_REFRESHED = "header_refreshed", _("Kop diperbarui")
    CLOSED = "closed", _("Ditutup")
    TRANSFERRED = "transferred", _("Mutasi: SKP baru dibuat")
    COMMENTED = "commented", _("Dialog kinerja")


class Sector(models.TextChoices):
    HEALTH = "kesehatan", _("Kesehatan")
    CIVIL_REGISTRY = "kependudukan", _("Kependudukan dan Pencatatan Sipil")
    LICENSING = "perizinan", _("Penanaman Modal dan PTSP")
    PUBLIC_SERVICE = "pelayanan_publik", _("Pelayanan publik umum")
    EDUCATION = "pendidikan", _("Pendidikan")
    FINANCE = "keuangan", _("Keuangan dan aset")
    PERSONNEL = "kepegawaian", _("Kepegawaian")
    PUBLIC_WORKS = "pekerjaan_umum", _("Pekerjaan umum dan penataan ruang")
    GENERAL = "umum", _("Umum / kesekretariatan")


class RealisationSource(models.TextChoices):
    MANUAL = "manual", _("Diisi manual")
    DATA_SOURCE = "data_source", _("Dari sumber data")
    OVERRIDDEN = "overridden", _("Sumber data dikoreksi manual")


class CoachingKind(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    COUNSELLING = "konseling", _("Konseling kinerja")


class CoachingStatus(models.TextChoices):
    PLANNED = "planned", _("Dijadwalkan")
    HELD = "held", _("Terlaksana")
    FOLLOWED_UP = "followed_up", _("Ditindaklanjuti")


class PaceStatus(models.TextChoices):
    ON_TRACK = "on_track", _("Sesuai laju")
    BEHIND = "behind", _("Tertinggal")
    NO_DATA = "no_data", _("Belum ada data")


class NotificationKind(models.TextChoices):
    INDICATOR_BEHIND = "indicator_behind", _("Indikator tertinggal")
    REALISATION_MISSING = "realisation_missing", _("Realisasi belum diisi")
    PLAN_SUBMITTED = "plan_submitted", _("SKP diajukan")
    PLAN_RETURNED = "plan_returned", _("SKP dikembalikan")
    PLAN_APPROVED = "plan_approved", _("SKP disetujui")
    FEEDBACK = "feedback", _("Umpan balik")
    GENERAL = "general", _("Umum")
