"""What the demo city's people are: jabatan (functional and pelaksana), titles, ranks, names.

Pure data and small pure helpers; the planner draws from these with a seeded random generator.
Pelaksana names follow the grouping of PermenPANRB 45/2022 (klerek, operator, teknisi); functional
positions carry their jenjang in the name ("Perawat Ahli Pertama"), as in a formasi list.
"""

from __future__ import annotations

from dataclasses import dataclass

from pembina.org.choices import JobLevel as L
from pembina.org.choices import JobType as T

# --- education, ranks and bands ------------------------------------------------------------------

SMA, D3, D4, S1, PROF, S2, S3 = "SMA", "D3", "D4", "S1", "PROFESI", "S2", "S3"

# Index into ranks.PNS_RANKS (0 = I/a … 16 = IV/e) a PNS starts at, by education.
START_RANK = {SMA: 4, D3: 6, D4: 8, S1: 8, PROF: 8, S2: 9, S3: 10}
# PPPK golongan (Perpres 98/2020) by education: V for SMA, VII for D-III, IX for S1/D-IV, X for S2.
PPPK_RANK = {SMA: "V", D3: "VII", D4: "IX", S1: "IX", PROF: "IX", S2: "X", S3: "XI"}
# Typical age on appointment, by education.
ENTRY_AGE = {
    SMA: (19, 27),
    D3: (21, 29),
    D4: (22, 30),
    S1: (23, 31),
    PROF: (24, 32),
    S2: (26, 35),
    S3: (30, 38),
}

# (lowest, highest) PNS rank index for a functional jenjang (Keppres 87/1999 bands, keterampilan
# bands as commonly applied).
LEVEL_BAND = {
    L.AHLI_PERTAMA: (8, 9),
    L.AHLI_MUDA: (10, 11),
    L.AHLI_MADYA: (12, 14),
    L.AHLI_UTAMA: (15, 16),
    L.PEMULA: (4, 4),
    L.TERAMPIL: (5, 7),
    L.MAHIR: (8, 9),
    L.PENYELIA: (10, 11),
}
PELAKSANA_BAND = {
    SMA: (4, 9),
    D3: (6, 10),
    D4: (8, 11),
    S1: (8, 11),
    PROF: (8, 11),
    S2: (9, 11),
    S3: (10, 12),
}
HEAD_BAND = {T.JPT_PRATAMA: (13, 15), T.ADMINISTRATOR: (12, 13), T.PENGAWAS: (10, 12)}

# Batas usia pensiun (BUP): 58, 60 for JPT and ahli madya/guru, 65 for ahli utama.
RETIREMENT_AGE = {T.JPT_PRATAMA: 60, L.AHLI_MADYA: 60, L.AHLI_UTAMA: 65}

JOB_CLASS = {
    T.JPT_PRATAMA: 14,
    T.ADMINISTRATOR: 12,
    T.PENGAWAS: 9,
    L.AHLI_PERTAMA: 8,
    L.AHLI_MUDA: 9,
    L.AHLI_MADYA: 11,
    L.AHLI_UTAMA: 13,
    L.PEMULA: 5,
    L.TERAMPIL: 6,
    L.MAHIR: 7,
    L.PENYELIA: 8,
    L.KLEREK: 6,
    L.OPERATOR: 5,
    L.TEKNISI: 6,
}

LEVEL_LABEL = {
    L.AHLI_PERTAMA: "Ahli Pertama",
    L.AHLI_MUDA: "Ahli Muda",
    L.AHLI_MADYA: "Ahli Madya",
    L.AHLI_UTAMA: "Ahli Utama",
    L.PEMULA: "Pemula",
    L.TERAMPIL: "Terampil",
    L.MAHIR: "Mahir",
    L.PENYELIA: "Penyelia",
}
KEAHLIAN = (L.AHLI_PERTAMA, L.AHLI_MUDA, L.AHLI_MADYA, L.AHLI_UTAMA)
# Levels a PPPK or a fresh CPNS may hold.
PPPK_LEVELS = (L.AHLI_PERTAMA, L.AHLI_MUDA, L.TERAMPIL, L.MAHIR, L.KLEREK, L.OPERATOR, L.TEKNISI)
ENTRY_LEVELS = (L.AHLI_PERTAMA, L.TERAMPIL, L.PEMULA, L.KLEREK, L.OPERATOR, L.TEKNISI)

Title = tuple[str, str, str, float]  # (front, back, education, weight)

# --- jabatan --------------------------------------------------------------------------------------

KEAHLIAN_SPLIT = ((L.AHLI_PERTAMA, 0.45), (L.AHLI_MUDA, 0.40), (L.AHLI_MADYA, 0.15))
KETERAMPILAN_SPLIT = ((L.TERAMPIL, 0.45), (L.MAHIR, 0.35), (L.PENYELIA, 0.20))
NAKES_SPLIT = (
    (L.TERAMPIL, 0.28),
    (L.MAHIR, 0.20),
    (L.PENYELIA, 0.10),
    (L.AHLI_PERTAMA, 0.27),
    (L.AHLI_MUDA, 0.15),
)


@dataclass(frozen=True)
class Job:
    key: str
    name: str
    job_type: str
    levels: tuple[tuple[str, float], ...]
    ahli: tuple[Title, ...] = ()  # titles for keahlian jenjang (and S1 pelaksana)
    terampil: tuple[Title, ...] = ()  # titles for keterampilan jenjang (and SMA/D3 pelaksana)
    female: float = 0.5
    pppk: float = 0.08
    school: bool = False  # a teacher: rated by the kepala sekolah
    muslim: bool = False  # a teacher of Islam

    def titles_for(self, level: str) -> tuple[Title, ...]:
        if self.job_type == T.PELAKSANA:
            return self.ahli or self.terampil
        return self.ahli if level in KEAHLIAN else self.terampil

    def position_name(self, level: str) -> str:
        if self.job_type == T.FUNGSIONAL:
            return f"{self.name} {LEVEL_LABEL[level]}"
        return self.name


def _t(*items: str | tuple, edu: str = S1) -> tuple[Title, ...]:
    """Shorthand: "S.E." → ("", "S.E.", S1, 1); a tuple is taken as written."""
    out = []
    for it in items:
        if isinstance(it, tuple):
            out.append(it)
        else:
            out.append(("", it, edu, 1.0))
    return tuple(out)


GENERAL_S1 = _t("S.E.", "S.Sos.", "S.AP.", "S.IP.", "S.H.", "S.Kom.", "S.Pd.", ("", "S.Sos., M.Si.", S2, 0.4))
SMA_D3 = (("", "", SMA, 6.0), ("", "A.Md.", D3, 3.0))

JOBS: dict[str, Job] = {
    j.key: j
    for j in (
        # pelaksana (PermenPANRB 45/2022)
        Job(
            "pengadministrasi",
            "Pengadministrasi Perkantoran",
            T.PELAKSANA,
            ((L.KLEREK, 1),),
            terampil=SMA_D3,
            female=0.55,
            pppk=0.18,
        ),
        Job(
            "penata_lo",
            "Penata Layanan Operasional",
            T.PELAKSANA,
            ((L.KLEREK, 1),),
            ahli=GENERAL_S1,
            pppk=0.12,
        ),
        Job(
            "operator_lo",
            "Operator Layanan Operasional",
            T.PELAKSANA,
            ((L.OPERATOR, 1),),
            terampil=(("", "", SMA, 1.0),),
            female=0.25,
            pppk=0.22,
        ),
        Job(
            "teknisi_sp",
            "Teknisi Sarana dan Prasarana",
            T.PELAKSANA,
            ((L.TEKNISI, 1),),
            terampil=(("", "", SMA, 3.0), ("", "A.Md.T.", D3, 1.0)),
            female=0.08,
            pppk=0.2,
        ),
        # functional: administration and governance
        Job(
            "analis_kebijakan",
            "Analis Kebijakan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t(
                "S.Sos.",
                "S.IP.",
                "S.AP.",
                "S.H.",
                "S.E.",
                ("", "S.Sos., M.Si.", S2, 1.0),
                ("", "S.IP., M.Si.", S2, 0.6),
            ),
        ),
        Job(
            "pranata_komputer",
            "Pranata Komputer",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.25), (L.MAHIR, 0.1), (L.AHLI_PERTAMA, 0.4), (L.AHLI_MUDA, 0.25)),
            ahli=_t("S.Kom.", "S.T.", ("", "S.Kom., M.Kom.", S2, 0.3)),
            terampil=(("", "A.Md.Kom.", D3, 1.0),),
            female=0.35,
        ),
        Job(
            "perencana",
            "Perencana",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.E.", "S.T.", "S.Si.", ("", "S.E., M.Si.", S2, 0.8), ("", "S.T., M.T.", S2, 0.5)),
        ),
        Job(
            "auditor",
            "Auditor",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.E.", "S.Ak.", ("", "S.E., Ak.", PROF, 0.6), ("", "S.E., M.Ak.", S2, 0.6)),
            female=0.55,
            pppk=0.0,
        ),
        Job(
            "p2upd",
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.IP.", "S.H.", "S.Sos.", "S.T."),
            pppk=0.0,
        ),
        Job(
            "analis_sdma",
            "Analis Sumber Daya Manusia Aparatur",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Psi.", "S.Sos.", "S.AP.", "S.E.", ("", "S.Psi., M.Psi.", S2, 0.3)),
            female=0.6,
        ),
        Job(
            "asesor_sdma",
            "Asesor Sumber Daya Manusia Aparatur",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Psi.", ("", "S.Psi., M.Psi.", S2, 1.0)),
            female=0.6,
            pppk=0.0,
        ),
        Job(
            "widyaiswara",
            "Widyaiswara",
            T.FUNGSIONAL,
            ((L.AHLI_MUDA, 0.5), (L.AHLI_MADYA, 0.5)),
            ahli=_t(("", "S.Sos., M.Si.", S2, 1.0), ("Dr.", "S.E., M.M.", S3, 0.3)),
            pppk=0.0,
        ),
        Job(
            "analis_keuangan",
            "Analis Keuangan Pusat dan Daerah",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.E.", "S.Ak.", ("", "S.E., M.Si.", S2, 0.4)),
            female=0.6,
        ),
        Job(
            "pranata_keuangan",
            "Pranata Keuangan APBD",
            T.FUNGSIONAL,
            KETERAMPILAN_SPLIT,
            terampil=(("", "A.Md.Ak.", D3, 2.0), ("", "A.Md.", D3, 1.0)),
            female=0.65,
            pppk=0.15,
        ),
        Job(
            "penilai_pemerintah",
            "Penilai Pemerintah",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.E.", "S.T."),
            pppk=0.0,
        ),
        Job(
            "analis_hukum",
            "Analis Hukum",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.H.", ("", "S.H., M.H.", S2, 0.5)),
        ),
        Job(
            "perancang_perundangan",
            "Perancang Peraturan Perundang-undangan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.H.", ("", "S.H., M.H.", S2, 0.6)),
            pppk=0.0,
        ),
        Job(
            "pengelola_pbj",
            "Pengelola Pengadaan Barang/Jasa",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.T.", "S.E.", "S.Kom."),
            female=0.4,
        ),
        Job(
            "pranata_humas",
            "Pranata Hubungan Masyarakat",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.3), (L.AHLI_PERTAMA, 0.45), (L.AHLI_MUDA, 0.25)),
            ahli=_t("S.I.Kom.", "S.Sos."),
            terampil=(("", "A.Md.", D3, 1.0),),
            female=0.55,
        ),
        Job("statistisi", "Statistisi", T.FUNGSIONAL, KEAHLIAN_SPLIT, ahli=_t("S.Si.", "S.Stat.")),
        Job(
            "sandiman",
            "Sandiman",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.5), (L.AHLI_PERTAMA, 0.5)),
            ahli=_t("S.Kom.", "S.Tr.Sd."),
            terampil=(("", "A.Md.", D3, 1.0),),
            female=0.35,
        ),
        Job(
            "arsiparis",
            "Arsiparis",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.4), (L.MAHIR, 0.15), (L.AHLI_PERTAMA, 0.3), (L.AHLI_MUDA, 0.15)),
            ahli=_t("S.Sos.", "S.Hum."),
            terampil=(("", "A.Md.", D3, 1.0),),
            female=0.6,
        ),
        Job(
            "pustakawan",
            "Pustakawan",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.35), (L.MAHIR, 0.15), (L.AHLI_PERTAMA, 0.35), (L.AHLI_MUDA, 0.15)),
            ahli=_t("S.IIP.", "S.Hum."),
            terampil=(("", "A.Md.", D3, 1.0),),
            female=0.7,
        ),
        Job(
            "peneliti",
            "Peneliti",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t(("", "S.Si., M.Si.", S2, 1.0), ("", "S.E., M.E.", S2, 1.0)),
            pppk=0.0,
        ),
        Job(
            "penggerak_swadaya",
            "Penggerak Swadaya Masyarakat",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Sos.", "S.IP."),
            pppk=0.0,
        ),
        Job(
            "adminduk",
            "Administrator Database Kependudukan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Kom.", "S.T.", "S.Si."),
            female=0.45,
        ),
        # education
        Job(
            "guru_kelas",
            "Guru Kelas",
            T.FUNGSIONAL,
            ((L.AHLI_PERTAMA, 0.35), (L.AHLI_MUDA, 0.35), (L.AHLI_MADYA, 0.30)),
            ahli=_t("S.Pd.", ("", "S.Pd., M.Pd.", S2, 0.12)),
            female=0.75,
            pppk=0.35,
            school=True,
        ),
        Job(
            "guru_pjok",
            "Guru Pendidikan Jasmani, Olahraga dan Kesehatan",
            T.FUNGSIONAL,
            ((L.AHLI_PERTAMA, 0.4), (L.AHLI_MUDA, 0.35), (L.AHLI_MADYA, 0.25)),
            ahli=_t("S.Pd.", "S.Or."),
            female=0.3,
            pppk=0.35,
            school=True,
        ),
        Job(
            "guru_pai",
            "Guru Pendidikan Agama Islam",
            T.FUNGSIONAL,
            ((L.AHLI_PERTAMA, 0.4), (L.AHLI_MUDA, 0.35), (L.AHLI_MADYA, 0.25)),
            ahli=_t("S.Pd.I.", "S.Ag.", "S.Pd."),
            female=0.6,
            pppk=0.35,
            school=True,
            muslim=True,
        ),
        *(
            Job(
                key,
                f"Guru {subject}",
                T.FUNGSIONAL,
                ((L.AHLI_PERTAMA, 0.35), (L.AHLI_MUDA, 0.35), (L.AHLI_MADYA, 0.30)),
                ahli=titles,
                female=female,
                pppk=0.33,
                school=True,
            )
            for key, subject, titles, female in (
                ("guru_bindo", "Bahasa Indonesia", _t("S.Pd.", ("", "S.Pd., M.Pd.", S2, 0.15)), 0.8),
                ("guru_mtk", "Matematika", _t("S.Pd.", "S.Si.", ("", "S.Pd., M.Pd.", S2, 0.15)), 0.6),
                ("guru_ipa", "Ilmu Pengetahuan Alam", _t("S.Pd.", "S.Si."), 0.65),
                ("guru_ips", "Ilmu Pengetahuan Sosial", _t("S.Pd."), 0.65),
                ("guru_bing", "Bahasa Inggris", _t("S.Pd.", "S.S."), 0.75),
                ("guru_ppkn", "Pendidikan Pancasila", _t("S.Pd."), 0.6),
                ("guru_senbud", "Seni Budaya", _t("S.Pd.", "S.Sn."), 0.55),
                ("guru_informatika", "Informatika", _t("S.Kom.", "S.Pd."), 0.45),
                ("guru_bk", "Bimbingan dan Konseling", _t("S.Pd.", "S.Psi."), 0.75),
            )
        ),
        Job(
            "pengawas_sekolah",
            "Pengawas Sekolah",
            T.FUNGSIONAL,
            ((L.AHLI_MUDA, 0.3), (L.AHLI_MADYA, 0.7)),
            ahli=_t(("", "S.Pd., M.Pd.", S2, 3.0), ("Dr.", "S.Pd., M.Pd.", S3, 0.2)),
            female=0.5,
            pppk=0.0,
        ),
        Job(
            "pamong_budaya",
            "Pamong Budaya",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Sn.", "S.S.", "S.Hum."),
            pppk=0.0,
        ),
        # health
        Job(
            "dokter",
            "Dokter",
            T.FUNGSIONAL,
            ((L.AHLI_PERTAMA, 0.35), (L.AHLI_MUDA, 0.45), (L.AHLI_MADYA, 0.2)),
            ahli=(("dr.", "", PROF, 6.0), ("dr.", "M.Kes.", S2, 1.5), ("dr.", "M.K.M.", S2, 0.5)),
            female=0.6,
            pppk=0.1,
        ),
        Job(
            "dokter_gigi",
            "Dokter Gigi",
            T.FUNGSIONAL,
            ((L.AHLI_PERTAMA, 0.4), (L.AHLI_MUDA, 0.45), (L.AHLI_MADYA, 0.15)),
            ahli=(("drg.", "", PROF, 1.0),),
            female=0.7,
            pppk=0.1,
        ),
        Job(
            "dokter_spesialis",
            "Dokter Spesialis",
            T.FUNGSIONAL,
            ((L.AHLI_MUDA, 0.5), (L.AHLI_MADYA, 0.5)),
            ahli=tuple(
                ("dr.", sp, S2, 1.0)
                for sp in (
                    "Sp.PD.",
                    "Sp.A.",
                    "Sp.OG.",
                    "Sp.B.",
                    "Sp.An.",
                    "Sp.Rad.",
                    "Sp.P.",
                    "Sp.JP.",
                    "Sp.N.",
                    "Sp.M.",
                    "Sp.THT-KL.",
                    "Sp.KJ.",
                )
            ),
            female=0.45,
            pppk=0.05,
        ),
        Job(
            "perawat",
            "Perawat",
            T.FUNGSIONAL,
            NAKES_SPLIT,
            ahli=(("Ns.", "S.Kep.", PROF, 4.0), ("Ns.", "S.Kep., M.Kep.", S2, 0.3)),
            terampil=(("", "A.Md.Kep.", D3, 1.0),),
            female=0.75,
            pppk=0.28,
        ),
        Job(
            "bidan",
            "Bidan",
            T.FUNGSIONAL,
            NAKES_SPLIT,
            ahli=(("", "S.Tr.Keb.", D4, 2.0), ("Bd.", "S.Keb.", PROF, 1.0)),
            terampil=(("", "A.Md.Keb.", D3, 1.0),),
            female=1.0,
            pppk=0.28,
        ),
        Job(
            "apoteker",
            "Apoteker",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=(("apt.", "S.Farm.", PROF, 3.0), ("apt.", "S.Farm., M.Farm.", S2, 0.4)),
            female=0.75,
            pppk=0.2,
        ),
        Job(
            "asisten_apoteker",
            "Asisten Apoteker",
            T.FUNGSIONAL,
            KETERAMPILAN_SPLIT,
            terampil=(("", "A.Md.Farm.", D3, 1.0),),
            female=0.8,
            pppk=0.25,
        ),
        Job(
            "pranata_lab",
            "Pranata Laboratorium Kesehatan",
            T.FUNGSIONAL,
            NAKES_SPLIT,
            ahli=_t(("", "S.Tr.Kes.", D4, 1.0)),
            terampil=(("", "A.Md.AK.", D3, 1.0),),
            female=0.7,
            pppk=0.25,
        ),
        Job(
            "nutrisionis",
            "Nutrisionis",
            T.FUNGSIONAL,
            NAKES_SPLIT,
            ahli=_t(("", "S.Gz.", S1, 1.0)),
            terampil=(("", "A.Md.Gz.", D3, 1.0),),
            female=0.85,
            pppk=0.25,
        ),
        Job(
            "sanitarian",
            "Tenaga Sanitasi Lingkungan",
            T.FUNGSIONAL,
            NAKES_SPLIT,
            ahli=_t("S.KM."),
            terampil=(("", "A.Md.KL.", D3, 1.0),),
            female=0.55,
            pppk=0.25,
        ),
        Job(
            "epidemiolog",
            "Epidemiolog Kesehatan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.KM.", ("", "S.KM., M.Epid.", S2, 0.4)),
            female=0.6,
            pppk=0.1,
        ),
        Job(
            "penyuluh_kesehatan",
            "Penyuluh Kesehatan Masyarakat",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.KM."),
            female=0.7,
            pppk=0.2,
        ),
        Job(
            "administrator_kesehatan",
            "Administrator Kesehatan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.KM.", ("", "S.KM., M.Kes.", S2, 0.8)),
            female=0.6,
            pppk=0.05,
        ),
        Job(
            "perekam_medis",
            "Perekam Medis",
            T.FUNGSIONAL,
            KETERAMPILAN_SPLIT,
            terampil=(("", "A.Md.RMIK.", D3, 1.0),),
            female=0.7,
            pppk=0.25,
        ),
        Job(
            "radiografer",
            "Radiografer",
            T.FUNGSIONAL,
            KETERAMPILAN_SPLIT,
            terampil=(("", "A.Md.Rad.", D3, 1.0),),
            female=0.4,
            pppk=0.25,
        ),
        Job(
            "fisioterapis",
            "Fisioterapis",
            T.FUNGSIONAL,
            KETERAMPILAN_SPLIT,
            terampil=(("", "A.Md.Ftr.", D3, 1.0),),
            female=0.6,
            pppk=0.25,
        ),
        Job(
            "psikolog",
            "Psikolog Klinis",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=(("", "S.Psi., M.Psi., Psikolog", S2, 1.0),),
            female=0.8,
            pppk=0.1,
        ),
        # technical services
        Job(
            "teknik_jalan",
            "Teknik Jalan dan Jembatan",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.25), (L.AHLI_PERTAMA, 0.4), (L.AHLI_MUDA, 0.35)),
            ahli=_t("S.T.", ("", "S.T., M.T.", S2, 0.4), ("Ir.", "M.T.", S2, 0.1)),
            terampil=(("", "A.Md.T.", D3, 1.0),),
            female=0.2,
        ),
        Job(
            "teknik_pengairan",
            "Teknik Pengairan",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.25), (L.AHLI_PERTAMA, 0.4), (L.AHLI_MUDA, 0.35)),
            ahli=_t("S.T.", ("", "S.T., M.T.", S2, 0.4)),
            terampil=(("", "A.Md.T.", D3, 1.0),),
            female=0.2,
        ),
        Job(
            "teknik_tata_bangunan",
            "Teknik Tata Bangunan dan Perumahan",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.25), (L.AHLI_PERTAMA, 0.4), (L.AHLI_MUDA, 0.35)),
            ahli=_t("S.T.", ("", "S.T., M.T.", S2, 0.3)),
            terampil=(("", "A.Md.T.", D3, 1.0),),
            female=0.25,
        ),
        Job(
            "penata_ruang",
            "Penata Ruang",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.T.", ("", "S.T., M.T.", S2, 0.6), ("", "S.P.W.K.", S1, 0.5)),
            female=0.4,
            pppk=0.0,
        ),
        Job(
            "pengendali_dampak",
            "Pengendali Dampak Lingkungan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.T.", "S.Si.", ("", "S.Si., M.Si.", S2, 0.4)),
            female=0.45,
        ),
        Job(
            "penguji_kendaraan",
            "Penguji Kendaraan Bermotor",
            T.FUNGSIONAL,
            KETERAMPILAN_SPLIT,
            terampil=(("", "A.Md.T.", D3, 1.0), ("", "A.Md.", D3, 1.0)),
            female=0.1,
        ),
        Job(
            "penata_bencana",
            "Penata Penanggulangan Bencana",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.T.", "S.Sos.", "S.Si."),
            female=0.3,
        ),
        Job(
            "polisi_pp",
            "Polisi Pamong Praja",
            T.FUNGSIONAL,
            (
                (L.TERAMPIL, 0.45),
                (L.MAHIR, 0.25),
                (L.PENYELIA, 0.12),
                (L.AHLI_PERTAMA, 0.12),
                (L.AHLI_MUDA, 0.06),
            ),
            ahli=_t("S.H.", "S.Sos.", "S.IP."),
            terampil=(("", "", SMA, 5.0), ("", "A.Md.", D3, 1.0)),
            female=0.15,
            pppk=0.2,
        ),
        # social, economy, agriculture
        Job(
            "pekerja_sosial",
            "Pekerja Sosial",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Sos.", "S.Tr.Sos."),
            female=0.6,
            pppk=0.15,
        ),
        Job(
            "penyuluh_sosial",
            "Penyuluh Sosial",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Sos."),
            female=0.55,
            pppk=0.15,
        ),
        Job(
            "penyuluh_kb",
            "Penyuluh Keluarga Berencana",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Sos.", "S.KM.", "S.Psi."),
            female=0.65,
            pppk=0.15,
        ),
        Job(
            "pengantar_kerja",
            "Pengantar Kerja",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.E.", "S.Sos.", "S.Psi."),
        ),
        Job(
            "mediator_hi",
            "Mediator Hubungan Industrial",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.H.", "S.E."),
            pppk=0.0,
        ),
        Job(
            "instruktur",
            "Instruktur",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.4), (L.MAHIR, 0.2), (L.AHLI_PERTAMA, 0.4)),
            ahli=_t("S.T.", "S.Kom."),
            terampil=(("", "A.Md.T.", D3, 1.0),),
            female=0.25,
        ),
        Job("pengawas_koperasi", "Pengawas Koperasi", T.FUNGSIONAL, KEAHLIAN_SPLIT, ahli=_t("S.E.")),
        Job(
            "penyuluh_koperasi",
            "Penggerak Koperasi dan Usaha Mikro",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.E.", "S.Sos."),
        ),
        Job(
            "pengawas_perdagangan",
            "Pengawas Perdagangan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.E.", "S.H."),
        ),
        Job(
            "penera",
            "Penera",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.45), (L.MAHIR, 0.25), (L.AHLI_PERTAMA, 0.3)),
            ahli=_t("S.T.", "S.Si."),
            terampil=(("", "A.Md.", D3, 1.0),),
            female=0.3,
        ),
        Job(
            "adyatama_kepariwisataan",
            "Adyatama Kepariwisataan dan Ekonomi Kreatif",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Par.", "S.E.", "S.Sos."),
        ),
        Job(
            "analis_ketahanan_pangan",
            "Analis Ketahanan Pangan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.P.", "S.TP."),
        ),
        Job(
            "penyuluh_pertanian",
            "Penyuluh Pertanian",
            T.FUNGSIONAL,
            ((L.TERAMPIL, 0.25), (L.AHLI_PERTAMA, 0.4), (L.AHLI_MUDA, 0.35)),
            ahli=_t("S.P.", ("", "S.P., M.P.", S2, 0.2)),
            terampil=(("", "A.Md.P.", D3, 1.0),),
            female=0.4,
            pppk=0.2,
        ),
        Job(
            "penyuluh_perikanan",
            "Penyuluh Perikanan",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=_t("S.Pi."),
            female=0.35,
        ),
        Job(
            "medik_veteriner",
            "Medik Veteriner",
            T.FUNGSIONAL,
            KEAHLIAN_SPLIT,
            ahli=(("drh.", "", PROF, 1.0),),
            female=0.5,
        ),
        Job(
            "paramedik_veteriner",
            "Paramedik Veteriner",
            T.FUNGSIONAL,
            KETERAMPILAN_SPLIT,
            terampil=(("", "A.Md.Pt.", D3, 1.0),),
            female=0.3,
        ),
    )
}

# --- heads: title families by field ---------------------------------------------------------------

HEAD_TITLES: dict[str, dict[str, tuple[Title, ...]]] = {
    "umum": {
        "senior": _t(
            ("", "S.Sos., M.Si.", S2, 2.0),
            ("", "S.E., M.M.", S2, 2.0),
            ("", "S.IP., M.Si.", S2, 1.5),
            ("", "S.H., M.H.", S2, 1.0),
            ("", "S.STP., M.Si.", S2, 1.0),
            ("", "S.AP., M.AP.", S2, 1.0),
            ("", "S.T., M.T.", S2, 0.7),
            ("Dr.", "S.E., M.Si.", S3, 0.3),
            ("", "S.Sos.", S1, 0.6),
        ),
        "junior": _t(
            "S.Sos.",
            "S.E.",
            "S.H.",
            "S.IP.",
            "S.AP.",
            "S.Kom.",
            "S.STP.",
            ("", "S.E., M.M.", S2, 0.6),
            ("", "S.Sos., M.Si.", S2, 0.6),
        ),
    },
    "keuangan": {
        "senior": _t(
            ("", "S.E., M.Si.", S2, 2.0),
            ("", "S.E., M.M.", S2, 1.0),
            ("", "S.E., Ak., M.Ak.", S2, 1.0),
            ("Dr.", "S.E., M.Si.", S3, 0.2),
        ),
        "junior": _t("S.E.", "S.Ak.", ("", "S.E., M.Ak.", S2, 0.5)),
    },
    "hukum": {
        "senior": _t(("", "S.H., M.H.", S2, 3.0), ("", "S.Sos., M.Si.", S2, 1.0)),
        "junior": _t("S.H.", "S.Sos.", "S.IP."),
    },
    "teknik": {
        "senior": _t(("", "S.T., M.T.", S2, 3.0), ("Ir.", "M.T.", S2, 0.7), ("", "S.T., M.M.", S2, 1.0)),
        "junior": _t("S.T.", ("", "S.T., M.T.", S2, 0.4)),
    },
    "pendidikan": {
        "senior": _t(
            ("", "S.Pd., M.Pd.", S2, 3.0), ("Dr.", "S.Pd., M.Pd.", S3, 0.4), ("", "S.Sos., M.Si.", S2, 0.5)
        ),
        "junior": _t("S.Pd.", ("", "S.Pd., M.Pd.", S2, 0.8), "S.Sos."),
    },
    "kesehatan": {
        "senior": (
            ("dr.", "M.Kes.", S2, 2.0),
            ("", "S.KM., M.Kes.", S2, 2.0),
            ("drg.", "M.Kes.", S2, 0.5),
            ("Ns.", "S.Kep., M.Kes.", S2, 0.5),
        ),
        "junior": (
            ("", "S.KM.", S1, 3.0),
            ("", "S.KM., M.Kes.", S2, 1.0),
            ("dr.", "", PROF, 1.0),
            ("apt.", "S.Farm.", PROF, 0.5),
        ),
    },
    "kesehatan_fungsional": {  # kepala Puskesmas
        "senior": (
            ("dr.", "", PROF, 3.0),
            ("dr.", "M.Kes.", S2, 1.0),
            ("drg.", "", PROF, 1.0),
            ("", "S.KM., M.Kes.", S2, 1.0),
        ),
        "junior": (
            ("dr.", "", PROF, 3.0),
            ("drg.", "", PROF, 1.0),
            ("", "S.KM.", S1, 2.0),
            ("Ns.", "S.Kep.", PROF, 1.0),
        ),
    },
    "rumah_sakit": {
        "senior": (
            ("dr.", "Sp.PD.", S2, 1.0),
            ("dr.", "M.Kes.", S2, 1.5),
            ("dr.", "Sp.OG.", S2, 0.7),
            ("dr.", "M.A.R.S.", S2, 1.0),
        ),
        "junior": (
            ("dr.", "", PROF, 1.0),
            ("Ns.", "S.Kep.", PROF, 2.0),
            ("", "S.KM.", S1, 1.0),
            ("dr.", "M.Kes.", S2, 0.6),
        ),
    },
    "pamong": {
        "senior": _t(
            ("", "S.STP., M.Si.", S2, 2.0),
            ("", "S.IP., M.Si.", S2, 1.0),
            ("", "S.Sos., M.Si.", S2, 1.0),
            ("", "S.STP.", S1, 1.0),
        ),
        "junior": _t("S.STP.", "S.IP.", "S.Sos.", "S.AP.", ("", "S.Sos., M.Si.", S2, 0.4)),
    },
}

FEMALE_HEADS = 0.32

# --- people ------------------------------------------------------------------------------------------

BIRTH_PLACES = (
    ("Pontianak", 55),
    ("Kubu Raya", 6),
    ("Mempawah", 6),
    ("Sambas", 5),
    ("Singkawang", 5),
    ("Sanggau", 3),
    ("Ketapang", 3),
    ("Sintang", 3),
    ("Landak", 3),
    ("Bengkayang", 2),
    ("Kapuas Hulu", 2),
    ("Sekadau", 1),
    ("Melawi", 1),
    ("Yogyakarta", 1),
    ("Surabaya", 1),
    ("Jakarta", 1),
    ("Makassar", 1),
    ("Bandung", 1),
    ("Padang", 1),
    ("Medan", 1),
)


@dataclass(frozen=True)
class NameGroup:
    """Given names of one of Pontianak's communities; `muslim` matters for a teacher of Islam."""

    weight: float
    muslim: bool
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_last: tuple[str, ...]
    female_last: tuple[str, ...]
    families: tuple[str, ...] = ()
    family_share: float = 0.0


# Names that are a title or a prefix rather than a whole given name take a second given name.
PREFIX_NAMES = ("Andi", "Syarif", "Syarifah", "Uray", "Utin", "Abang", "Dayang", "Moh.", "Sri", "Mat")

NAME_GROUPS: tuple[NameGroup, ...] = (
    NameGroup(  # Melayu Pontianak (with the Arab-descended Syarif/Syarifah families)
        34,
        True,
        (
            "Muhammad",
            "Ahmad",
            "Hamdan",
            "Rusdi",
            "Zulkifli",
            "Firdaus",
            "Hairul",
            "Syahrial",
            "Rizal",
            "Iskandar",
            "Mahmud",
            "Fauzan",
            "Hendri",
            "Junaidi",
            "Safaruddin",
            "Yusri",
            "Edy",
            "Arief",
            "Yudi",
            "Fajar",
            "Syarif",
            "Uray",
            "Abang",
            "Ridho",
            "Hafiz",
            "Azmi",
            "Ikhsan",
            "Taufik",
        ),
        (
            "Nurhayati",
            "Rosita",
            "Suryani",
            "Halimah",
            "Fitriani",
            "Nurul",
            "Siti",
            "Hasanah",
            "Zuraida",
            "Rahmawati",
            "Maimunah",
            "Ernawati",
            "Syarifah",
            "Utin",
            "Dayang",
            "Yuliana",
            "Wati",
            "Rina",
            "Zahra",
            "Aisyah",
            "Novita",
            "Mardiana",
            "Fatimah",
            "Juliana",
        ),
        (
            "Hidayat",
            "Rahman",
            "Hamid",
            "Azhar",
            "Ramadhan",
            "Saputra",
            "Kurniawan",
            "Maulana",
            "Ilham",
            "Hakim",
            "Zainal",
            "Yusuf",
            "Anwar",
            "Effendi",
            "Idris",
            "Firmansyah",
            "Syahputra",
        ),
        (
            "Fitri",
            "Rahmadani",
            "Amalia",
            "Putri",
            "Safitri",
            "Wulandari",
            "Rahmah",
            "Yanti",
            "Handayani",
            "Sari",
            "Damayanti",
            "Oktaviani",
        ),
        ("Alkadrie", "Alqadri", "Assegaf", "Alhabsyi"),
    ),
    NameGroup(  # Jawa
        20,
        True,
        (
            "Budi",
            "Eko",
            "Agus",
            "Joko",
            "Bambang",
            "Heru",
            "Wahyu",
            "Slamet",
            "Sutrisno",
            "Suyanto",
            "Teguh",
            "Hadi",
            "Bayu",
            "Adi",
            "Gunawan",
            "Priyo",
            "Sigit",
            "Yoga",
        ),
        (
            "Sri",
            "Endang",
            "Siti",
            "Yuli",
            "Rina",
            "Wulan",
            "Ratna",
            "Indah",
            "Ayu",
            "Retno",
            "Puji",
            "Eni",
            "Dewi",
            "Nining",
            "Sekar",
        ),
        (
            "Santoso",
            "Prasetyo",
            "Setiawan",
            "Susilo",
            "Purnomo",
            "Hidayat",
            "Wibowo",
            "Nugroho",
            "Suharto",
            "Pratama",
            "Utomo",
            "Saputro",
            "Widodo",
            "Sulistyo",
        ),
        (
            "Wahyuni",
            "Lestari",
            "Handayani",
            "Rahayu",
            "Astuti",
            "Kusumawati",
            "Sulistyowati",
            "Hartati",
            "Kurniasih",
            "Susanti",
            "Purwanti",
            "Ningsih",
        ),
    ),
    NameGroup(  # Tionghoa (Hakka and Teochew family names are common in West Kalimantan)
        12,
        False,
        (
            "Hendra",
            "Willy",
            "Andy",
            "Yanto",
            "Rudy",
            "Sunardi",
            "Johan",
            "Kevin",
            "Felix",
            "Budiman",
            "Hartono",
            "Sutanto",
            "Ricky",
            "Jimmy",
            "Steven",
            "Edwin",
        ),
        (
            "Meiliana",
            "Lilyana",
            "Yenny",
            "Susanti",
            "Fenny",
            "Erlina",
            "Cynthia",
            "Veronika",
            "Fransiska",
            "Sherly",
            "Lily",
            "Meilani",
            "Vivian",
            "Jessica",
            "Linda",
            "Evi",
        ),
        (
            "Wijaya",
            "Gunawan",
            "Halim",
            "Santoso",
            "Hartanto",
            "Kusuma",
            "Tanoto",
            "Lukito",
            "Setiadi",
            "Darmawan",
        ),
        ("Wijaya", "Halim", "Kusuma", "Setiawati", "Susanto", "Gunawan", "Lukito"),
        ("Tjhai", "Bong", "Lie", "Tan", "Ng", "Phang", "Lim", "Chen", "Liu", "Thong"),
        0.4,
    ),
    NameGroup(  # Dayak
        14,
        False,
        (
            "Yohanes",
            "Paulus",
            "Agustinus",
            "Stefanus",
            "Dominikus",
            "Yulius",
            "Petrus",
            "Markus",
            "Aloysius",
            "Fransiskus",
            "Ignasius",
            "Kristianus",
            "Yosef",
            "Antonius",
            "Martinus",
            "Herkulanus",
        ),
        (
            "Maria",
            "Yosefina",
            "Lusia",
            "Natalia",
            "Theresia",
            "Agnes",
            "Elisabeth",
            "Kristina",
            "Martina",
            "Katarina",
            "Veronika",
            "Yuliana",
            "Magdalena",
            "Fransiska",
        ),
        (
            "Sudarman",
            "Suryadi",
            "Kurniawan",
            "Hermanto",
            "Rinaldi",
            "Bujang",
            "Ading",
            "Aten",
            "Juang",
            "Norbertus",
        ),
        ("Rinawati", "Intan", "Yuliani", "Sulastri", "Lidia", "Monika", "Sinta", "Kurniati"),
    ),
    NameGroup(  # Bugis
        8,
        True,
        (
            "Andi",
            "Hasanuddin",
            "Syamsul",
            "Arifin",
            "Ridwan",
            "Muhammad",
            "Ambo",
            "Baso",
            "Amiruddin",
            "Jamaluddin",
        ),
        ("Andi", "Sitti", "Nurdiana", "Hasnah", "Ramlah", "Hamsinah", "Nurhaedah", "Rosmiati", "Hadijah"),
        (
            "Bahri",
            "Rahman",
            "Mappaseng",
            "Nurdin",
            "Hasan",
            "Mattaliti",
            "Makmur",
            "Arsyad",
            "Patiroi",
            "Syamsuddin",
        ),
        ("Aisyah", "Rahmah", "Tenri", "Nurhayati", "Hamsiah", "Wahida", "Rosmini"),
    ),
    NameGroup(  # Madura
        7,
        True,
        ("Moh.", "Abdul", "Fathor", "Holil", "Sunaryo", "Mat", "Hasyim", "Sulaiman", "Zainuddin"),
        ("Siti", "Nurul", "Musyarofah", "Maimunah", "Hosnawiyah", "Fatimah", "Jamilah"),
        ("Rahman", "Gani", "Hasan", "Muis", "Sholeh", "Rasyid", "Hamzah", "Fauzi"),
        ("Aminah", "Hasanah", "Holifah", "Qomariyah", "Zakiyah", "Mahmudah"),
    ),
    NameGroup(  # Sunda, Batak, Minang and others
        5,
        False,
        ("Asep", "Rahmat", "Rudolf", "Fernando", "Dedi", "Yusuf", "Irwan", "Ronald", "Hendrik"),
        ("Nur", "Rini", "Dian", "Yanti", "Melati", "Tiara", "Grace", "Roswita"),
        (
            "Saepudin",
            "Hidayat",
            "Simanjuntak",
            "Nasution",
            "Pohan",
            "Chaniago",
            "Siregar",
            "Sembiring",
            "Permana",
        ),
        ("Simanjuntak", "Nasution", "Siregar", "Rahmawati", "Permatasari", "Chaniago", "Lubis"),
    ),
)
