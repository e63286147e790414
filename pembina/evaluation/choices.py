"""Enumerations of the evaluation app (stable code values, Indonesian labels via gettext).

Spellings of the labels follow the official forms (regulation.md §1.6, §8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """Rating hasil kerja and rating perilaku kerja share the three levels."""

    ABOVE = "di_atas", _("Di Atas Ekspektasi")
    MEETS = "sesuai", _("Sesuai Ekspektasi")
    BELOW = "di_bawah", _("Di Bawah Ekspektasi")


class Predicate(models.TextChoices):
    """Predikat kinerja pegawai, best first."""

    VERY_GOOD = "sangat_baik", _("Sangat Baik")
    GOOD = "baik", _("Baik")
    NEEDS_IMPROVEMENT = "butuh_perbaikan", _("Butuh Perbaikan")
    POOR = "kurang", _("Kurang/Misconduct")
    VERY_POOR = "sangat_kurang", _("Sangat Kurang")


class OrgPredicate(models.TextChoices):
    """Predikat (capaian) kinerja organisasi, best first (SE MenPANRB 3/2023)."""

    OUTSTANDING = "istimewa", _("Istimewa")
    GOOD = "baik", _("Baik")
    NEEDS_IMPROVEMENT = "butuh_perbaikan", _("Butuh Perbaikan")
    POOR = "kurang", _("Kurang")
    VERY_POOR = "sangat_kurang", _("Sangat Kurang")


class EvaluationKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodik")
    ANNUAL = "annual", _("Tahunan")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    RATED = "rated", _("Sudah dinilai")
    PUBLISHED = "published", _("Diumumkan")
    LOCKED = "locked", _("Final (dikunci)")


class AchievementBand(models.TextChoices):
    """Where one IKI's achievement falls against the instansi's thresholds."""

    ABOVE = "above", _("Di atas ekspektasi")
    MEETS = "meets", _("Sesuai ekspektasi")
    BELOW = "below", _("Di bawah ekspektasi")
    NO_DATA = "no_data", _("Belum ada data")


class Relation360(models.TextChoices):
    PEER = "peer", _("Rekan kerja")
    SUBORDINATE = "subordinate", _("Bawahan")


class AppealStatus(models.TextChoices):
    FILED = "filed", _("Diajukan")
    EXPLANATIONS_REQUESTED = "explanations", _("Meminta penjelasan")
    DECIDED = "decided", _("Diputuskan")


class AppealDecision(models.TextChoices):
    UPHOLD = "uphold", _("Menguatkan hasil evaluasi")
    CHANGE = "change", _("Mengubah hasil evaluasi")


class CalibratedField(models.TextChoices):
    RATING_RESULT = "rating_result", _("Rating hasil kerja")
    RATING_BEHAVIOUR = "rating_behaviour", _("Rating perilaku kerja")


class PotentialBand(models.TextChoices):
    LOW = "rendah", _("Rendah")
    MEDIUM = "menengah", _("Menengah")
    HIGH = "tinggi", _("Tinggi")


class EventKind(models.TextChoices):
    CREATED = "created", _("Dibuat")
    COMPUTED = "computed", _("Capaian dihitung")
    RATED = "rated", _("Dinilai")
    FEEDBACK_360_INVITED = "360_invited", _("Masukan 360° diminta")
    CALIBRATED = "calibrated", _("Dikalibrasi")
    PUBLISHED = "published", _("Diumumkan")
    LOCKED = "locked", _("Dikunci")
    APPEAL_FILED = "appeal_filed", _("Keberatan diajukan")
    EXPLANATIONS_REQUESTED = "explanations_requested", _("Penjelasan diminta")
    EXPLANATION_GIVEN = "explanation_given", _("Penjelasan diberikan")
    APPEAL_DECIDED = "appeal_decided", _("Keberatan diputuskan")
    FOLLOW_UP = "follow_up", _("Tindak lanjut dicatat")
    NEED_OPENED = "need_opened", _("Kebutuhan pengembangan dibuka")
