"""Forms of bimbingan kinerja (Lampiran PermenPANRB 6/2022): B.1.8 feedback and B.1.9 scale."""

from __future__ import annotations

# Format B.1.8 "Umpan Balik Pelaksanaan Bimbingan Kinerja": (code, group, statement)
FEEDBACK_CRITERIA: list[tuple[str, str, str]] = [
    ("diperhatikan", "pegawai", "Saya merasa diperhatikan dan dipahami"),
    ("dihargai", "pegawai", "Saya merasa tindakan/langkah yang telah saya lakukan dihargai"),
    ("bebas_berpendapat", "pegawai", "Saya merasa dapat dengan bebas mengemukakan pendapat/pemikiran saya"),
    ("berbasis_data", "pimpinan", "Pandangan yang diberikan berdasarkan data/fakta yang akurat"),
    ("positif", "pimpinan", "Pandangan/pendapat yang diberikan bersifat positif"),
    ("bertanya", "pimpinan", "Lebih banyak menggunakan metode bertanya dibandingkan menggurui"),
    ("dibantu_solusi", "bersama", "Saya merasa dibantu dalam mencari solusi dan aksi tindak lanjut"),
    (
        "tahu_langkah",
        "bersama",
        "Saya tahu apa yang harus saya lakukan setelah mengikuti bimbingan kinerja ini",
    ),
    ("paham_tujuan", "bersama", "Saya memahami maksud dan tujuan kegiatan bimbingan kinerja ini"),
]
FEEDBACK_GROUPS = {
    "pegawai": "Tentang pegawai",
    "pimpinan": "Tentang pimpinan/pihak lain yang diberikan penugasan khusus",
    "bersama": "Tentang pegawai dan pimpinan",
}
CRITERIA_CODES = [c for c, _g, _s in FEEDBACK_CRITERIA]

# Format B.1.9: competency score 1–5
SCORE_MIN, SCORE_MAX = 1, 5
SCORE_LABELS = {1: "Sangat kurang", 2: "Kurang", 3: "Cukup", 4: "Baik", 5: "Sangat baik"}


def validate_feedback(answers: dict) -> list[str]:
    """Errors (Indonesian) for a B.1.8 answer set: every criterion answered yes (True) or no (False)."""
    errors = []
    for code, _group, statement in FEEDBACK_CRITERIA:
        if not isinstance(answers.get(code), bool):
            errors.append(f"Kriteria “{statement}” belum dijawab (ya/tidak).")
    unknown = set(answers) - set(CRITERIA_CODES)
    if unknown:
        errors.append("Kriteria tidak dikenal: " + ", ".join(sorted(unknown)))
    return errors


def validate_score(score) -> bool:
    return isinstance(score, int) and not isinstance(score, bool) and SCORE_MIN <= score <= SCORE_MAX
