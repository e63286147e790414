"""The demo city's performance year: goals, cascaded SKPs, realisations, feedback and coaching.

`build(instansi, seed=…)` runs after the org demo (`pembina demo`): the 2026 year (quarterly, running),
the Wali Kota's goals and every OPD's sasaran strategis with IKU, and SKPs for every head of a unit and
for everyone in Dinas Kesehatan, Disdukcapil and DPMPTSP — RHK cascaded down the chain with IKI from
the library, approved (a few drafts, submitted and returned ones), with realisations and narratives for
the quarters already ended, the superiors' feedback and coaching sessions. IKI that measure public
services (completion time of KTP-el, KK, akta, permits; permits on time) declare their data source
(`SOURCE_FEEDS`) and take their realisations from the service statistics, with provenance. The other OPDs' staff stay
without a plan, so the cascade view shows its flags.

Set-based (a bulk insert per table and level, through the audited querysets, so the demo is on the
audit trail like any import), deterministic for a seed and a date, and idempotent: a second call finds
the year and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from pembina.org.choices import AssignmentKind, EmploymentState, UnitKind
from pembina.org.models import Assignment, Employee, Instansi, Unit
from pembina.performance import datasources, services
from pembina.performance.choices import (
    CoachingKind,
    CoachingStatus,
    GoalLevel,
    NotificationKind,
    PeriodInterval,
    PlanEventKind,
    PlanForm,
    PlanStatus,
    RealisationSource,
    ResultKind,
    YearState,
)
from pembina.performance.models import (
    CoachingFeedback,
    CoachingSession,
    CompetencyRating,
    CoreValue,
    Goal,
    GoalIndicator,
    GoalRealisation,
    Indicator,
    IndicatorTemplate,
    PerformancePlan,
    PerformanceYear,
    Period,
    PlanBehaviour,
    PlanComment,
    PlanEvent,
    PlannedResult,
    PlanVersion,
    Realisation,
    RealisationFeedback,
    ResultLink,
)
from pembina.performance.rules import coaching as coaching_rules
from pembina.performance.seed import seed_reference_data
from pembina.performance.services.headers import headers_for
from pembina.performance.services.notifications import Message, notify
from pembina.performance.services.plans import _new_plan
from pembina.performance.services.versions import _num as snapshot_number

YEAR = 2026
FOCUS_OPDS = ("DINKES", "DISDUKCAPIL", "DPMPTSP")
BATCH = 500

# IKI drafted from these library entries declare where their realisation comes from: the public-service
# statistics of the documents they name (service codes) or of the plan's OPD. The heads of the service
# units (Pendaftaran Penduduk, Pencatatan Sipil, Pelayanan Perizinan) and the front-office staff who
# carry them get their realisations filled by `realisations_fill_from_sources`, with provenance, as
# soon as the statistics exist (the public-services demo builds them after this one). Only declared
# when the source is registered (the public_services app installed); the keys are plain strings, so
# performance never imports the providing app.
SOURCE_FEEDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # library code: (data source, scope of the params: "services" or "opd", service codes)
    "dukcapil-waktu-ktp-el": ("public_services.completion_p50_days", "services", ("DUKCAPIL-KTPEL",)),
    "dukcapil-waktu-kk": ("public_services.completion_p50_days", "services", ("DUKCAPIL-KK",)),
    "dukcapil-waktu-akta-lahir": ("public_services.completion_p50_days", "services", ("DUKCAPIL-AKTALAHIR",)),
    "ptsp-waktu-izin": ("public_services.completion_p50_days", "opd", ()),
    "ptsp-izin-tepat-waktu": ("public_services.within_deadline_pct", "opd", ()),
}

# --- content ----------------------------------------------------------------------------------------
# An indicator: (name, target, unit, direction, aggregation, aspect, library code or "").
H, L = "higher", "lower"

CITY_GOALS = [
    (
        "SW1",
        "Meningkatnya kualitas sumber daya manusia yang sehat, cerdas dan berdaya saing",
        [
            ("Indeks Pembangunan Manusia (IPM)", "81.9", "indeks", H, "last"),
            ("Usia harapan hidup", "74.3", "tahun", H, "last"),
        ],
    ),
    (
        "SW2",
        "Meningkatnya kualitas pelayanan publik dan tata kelola pemerintahan yang bersih dan akuntabel",
        [
            ("Indeks Pelayanan Publik", "4.4", "indeks", H, "last"),
            ("Nilai SAKIP Pemerintah Kota Pontianak", "78", "nilai", H, "last"),
            ("Indeks Kepuasan Masyarakat (IKM) Kota Pontianak", "86", "indeks", H, "last"),
        ],
    ),
    (
        "SW3",
        "Meningkatnya pertumbuhan ekonomi yang inklusif dan iklim investasi yang kondusif",
        [
            ("Laju pertumbuhan ekonomi", "5.3", "%", H, "last"),
            ("Nilai realisasi investasi", "2400", "Rp miliar", H, "sum"),
        ],
    ),
    (
        "SW4",
        "Meningkatnya kualitas infrastruktur dan lingkungan hidup kota yang berkelanjutan",
        [
            ("Persentase panjang jalan kota dalam kondisi mantap", "85", "%", H, "last"),
            ("Indeks Kualitas Lingkungan Hidup", "62", "indeks", H, "last"),
        ],
    ),
    (
        "SW5",
        "Terwujudnya ketenteraman, ketertiban umum dan ketahanan sosial masyarakat",
        [("Persentase penegakan Peraturan Daerah yang tuntas", "90", "%", H, "average")],
    ),
]

# OPD code → [(city goal, statement, [IKU (name, target, unit, direction, aggregation, library code)])]
GOV_IKU = [
    ("Nilai SAKIP perangkat daerah", "75", "nilai", H, "last", ""),
    ("Indeks Kepuasan Masyarakat (IKM) layanan perangkat daerah", "85", "indeks", H, "last", "yanlik-ikm"),
]
OPD_GOALS: dict[str, list] = {
    "DINKES": [
        (
            "SW1",
            "Meningkatnya derajat kesehatan masyarakat Kota Pontianak",
            [
                (
                    "Cakupan imunisasi dasar lengkap (IDL) pada bayi",
                    "95",
                    "%",
                    H,
                    "last",
                    "kes-imunisasi-dasar-lengkap",
                ),
                ("Prevalensi balita stunting", "14", "%", L, "last", "kes-prevalensi-stunting"),
                (
                    "Persentase ibu hamil yang mendapat pelayanan kesehatan sesuai standar",
                    "100",
                    "%",
                    H,
                    "last",
                    "kes-bumil-standar",
                ),
            ],
        )
    ],
    "RSUD": [
        (
            "SW1",
            "Meningkatnya mutu pelayanan kesehatan rujukan",
            [
                ("Indeks Kepuasan Masyarakat (IKM) RSUD", "85", "indeks", H, "last", "yanlik-ikm"),
                ("Persentase kepatuhan waktu tanggap pelayanan IGD ≤ 5 menit", "100", "%", H, "average", ""),
            ],
        )
    ],
    "DISDIKBUD": [
        (
            "SW1",
            "Meningkatnya akses dan mutu pendidikan dasar",
            [
                ("Angka partisipasi sekolah (APS) usia 13–15 tahun", "98", "%", H, "last", "didik-aps-smp"),
                ("Persentase satuan pendidikan terakreditasi minimal B", "95", "%", H, "last", ""),
            ],
        )
    ],
    "DISDUKCAPIL": [
        (
            "SW2",
            "Meningkatnya kualitas pelayanan administrasi kependudukan",
            [
                ("Persentase penduduk wajib KTP yang memiliki KTP-el", "99.5", "%", H, "last", ""),
                (
                    "Waktu penyelesaian dokumen kependudukan",
                    "1",
                    "hari kerja",
                    L,
                    "average",
                    "dukcapil-waktu-kk",
                ),
                (
                    "Cakupan kepemilikan akta kelahiran anak usia 0–18 tahun",
                    "98",
                    "%",
                    H,
                    "last",
                    "dukcapil-cakupan-akta-anak",
                ),
            ],
        )
    ],
    "DPMPTSP": [
        (
            "SW3",
            "Meningkatnya kualitas pelayanan perizinan dan iklim penanaman modal",
            [
                (
                    "Waktu penyelesaian perizinan berusaha dan nonberusaha",
                    "5",
                    "hari kerja",
                    L,
                    "average",
                    "ptsp-waktu-izin",
                ),
                ("Persentase izin yang terbit tepat waktu", "95", "%", H, "average", "ptsp-izin-tepat-waktu"),
                ("Nilai realisasi investasi", "1800", "Rp miliar", H, "sum", ""),
            ],
        )
    ],
    "DPUPR": [
        (
            "SW4",
            "Meningkatnya kualitas infrastruktur jalan dan drainase kota",
            [
                (
                    "Persentase panjang jalan kota dalam kondisi mantap",
                    "85",
                    "%",
                    H,
                    "last",
                    "pu-jalan-mantap",
                ),
                ("Persentase saluran drainase primer dalam kondisi baik", "70", "%", H, "last", ""),
            ],
        )
    ],
    "DLH": [
        (
            "SW4",
            "Meningkatnya kualitas lingkungan hidup kota",
            [
                ("Indeks Kualitas Lingkungan Hidup", "62", "indeks", H, "last", ""),
                ("Persentase sampah rumah tangga yang terkelola", "75", "%", H, "last", ""),
            ],
        )
    ],
    "SATPOLPP": [
        (
            "SW5",
            "Meningkatnya ketenteraman dan ketertiban umum",
            [("Persentase penegakan Peraturan Daerah yang tuntas", "90", "%", H, "average", "")],
        )
    ],
    "BAPENDA": [
        (
            "SW3",
            "Meningkatnya pendapatan asli daerah",
            [("Persentase realisasi target pendapatan asli daerah", "100", "%", H, "last", "")],
        )
    ],
    "BKPSDM": [
        (
            "SW2",
            "Meningkatnya profesionalitas aparatur sipil negara",
            [
                ("Indeks Profesionalitas ASN", "75", "indeks", H, "last", ""),
                (
                    "Persentase ASN yang memenuhi 20 JP pengembangan kompetensi",
                    "80",
                    "%",
                    H,
                    "last",
                    "pegawai-20jp",
                ),
            ],
        )
    ],
}
KECAMATAN_GOAL = (
    "SW2",
    "Meningkatnya kualitas pelayanan masyarakat di tingkat kecamatan",
    [
        ("Indeks Kepuasan Masyarakat (IKM) kecamatan", "85", "indeks", H, "last", "yanlik-ikm"),
        (
            "Persentase pengaduan masyarakat yang ditindaklanjuti tuntas",
            "100",
            "%",
            H,
            "average",
            "yanlik-pengaduan-tuntas",
        ),
    ],
)

GOV_RESULT = (
    "Terwujudnya tata kelola perangkat daerah yang akuntabel dan berorientasi hasil",
    [
        ("Nilai SAKIP perangkat daerah", "75", "nilai", H, "last", "kualitas", ""),
        ("Persentase realisasi anggaran", "95", "%", H, "last", "biaya", "keu-realisasi-anggaran"),
    ],
)
MANAGE_RESULT = (
    "Terlaksananya pembinaan dan pengendalian kinerja pegawai di {unit}",
    [
        ("Persentase SKP pegawai yang disetujui tepat waktu", "100", "%", H, "last", "waktu", ""),
        ("Jumlah dialog kinerja dan bimbingan yang dilaksanakan", "8", "kegiatan", H, "sum", "kuantitas", ""),
    ],
)
REPORT_RESULT = (
    "Tersusunnya laporan pelaksanaan tugas yang lengkap dan tepat waktu",
    [
        ("Jumlah laporan pelaksanaan tugas", "12", "laporan", H, "sum", "kuantitas", "umum-dokumen-tersusun"),
        (
            "Persentase laporan yang disampaikan tepat waktu",
            "100",
            "%",
            H,
            "average",
            "waktu",
            "umum-ketepatan-laporan",
        ),
    ],
)
EXTRA_RESULTS = [
    (
        "Terlaksananya tugas sebagai anggota tim pengelola pengaduan masyarakat",
        [("Jumlah pengaduan yang ditindaklanjuti", "24", "pengaduan", H, "sum", "kuantitas", "")],
    ),
    (
        "Terlaksananya tugas sebagai anggota tim reformasi birokrasi perangkat daerah",
        [
            (
                "Jumlah rencana aksi reformasi birokrasi yang diselesaikan",
                "4",
                "rencana aksi",
                H,
                "sum",
                "kuantitas",
                "",
            )
        ],
    ),
    (
        "Terlaksananya tugas sebagai pengelola media sosial dan informasi publik",
        [("Jumlah konten informasi layanan yang dipublikasikan", "48", "konten", H, "sum", "kuantitas", "")],
    ),
]

# RHK of a head by the unit code's second segment, in the focus OPDs: (statement, [IKI with aspect])
UNIT_RESULTS: dict[tuple[str, str], tuple] = {
    ("DINKES", "KESMAS"): (
        "Meningkatnya cakupan pelayanan kesehatan keluarga dan gizi masyarakat",
        [
            (
                "Persentase ibu hamil yang mendapat pelayanan kesehatan sesuai standar",
                "100",
                "%",
                H,
                "last",
                "kualitas",
                "kes-bumil-standar",
            ),
            ("Prevalensi balita stunting", "14", "%", L, "last", "kualitas", "kes-prevalensi-stunting"),
        ],
    ),
    ("DINKES", "P2P"): (
        "Meningkatnya cakupan imunisasi dan pengendalian penyakit menular",
        [
            (
                "Cakupan imunisasi dasar lengkap (IDL) pada bayi",
                "95",
                "%",
                H,
                "last",
                "kualitas",
                "kes-imunisasi-dasar-lengkap",
            ),
            (
                "Persentase kasus demam berdarah dengue yang ditangani sesuai standar",
                "100",
                "%",
                H,
                "average",
                "kualitas",
                "",
            ),
        ],
    ),
    ("DINKES", "YANKES"): (
        "Meningkatnya mutu pelayanan kesehatan dan ketersediaan sumber daya kesehatan",
        [
            ("Persentase puskesmas terakreditasi paripurna", "70", "%", H, "last", "kualitas", ""),
            ("Persentase ketersediaan obat esensial di puskesmas", "95", "%", H, "average", "kualitas", ""),
        ],
    ),
    ("DINKES", "PKM"): (
        "Meningkatnya mutu pelayanan kesehatan dasar di wilayah kerja {unit}",
        [
            (
                "Cakupan imunisasi dasar lengkap (IDL) pada bayi",
                "95",
                "%",
                H,
                "last",
                "kualitas",
                "kes-imunisasi-dasar-lengkap",
            ),
            (
                "Indeks Kepuasan Masyarakat (IKM) puskesmas",
                "85",
                "indeks",
                H,
                "last",
                "kualitas",
                "yanlik-ikm",
            ),
            ("Jumlah kunjungan pasien rawat jalan", "24000", "kunjungan", H, "sum", "kuantitas", ""),
        ],
    ),
    ("DINKES", "LABKESDA"): (
        "Terselenggaranya pemeriksaan laboratorium kesehatan yang akurat dan tepat waktu",
        [
            ("Jumlah sampel yang diperiksa", "6000", "sampel", H, "sum", "kuantitas", ""),
            (
                "Persentase hasil pemeriksaan yang diserahkan tepat waktu",
                "95",
                "%",
                H,
                "average",
                "waktu",
                "",
            ),
        ],
    ),
    ("DINKES", "IFK"): (
        "Terkelolanya obat dan perbekalan kesehatan untuk puskesmas",
        [("Persentase ketersediaan obat esensial di puskesmas", "95", "%", H, "average", "kualitas", "")],
    ),
    ("DISDUKCAPIL", "PDP"): (
        "Meningkatnya kecepatan pelayanan pendaftaran penduduk",
        [
            (
                "Waktu penyelesaian pelayanan KTP-el",
                "1",
                "hari kerja",
                L,
                "average",
                "waktu",
                "dukcapil-waktu-ktp-el",
            ),
            (
                "Waktu penyelesaian penerbitan Kartu Keluarga (KK)",
                "1",
                "hari kerja",
                L,
                "average",
                "waktu",
                "dukcapil-waktu-kk",
            ),
            ("Jumlah KTP-el yang dicetak", "24000", "keping", H, "sum", "kuantitas", ""),
        ],
    ),
    ("DISDUKCAPIL", "CAPIL"): (
        "Meningkatnya cakupan dan kecepatan pelayanan pencatatan sipil",
        [
            (
                "Waktu penyelesaian penerbitan akta kelahiran",
                "3",  # the service standard of the akta (3 working days)
                "hari kerja",
                L,
                "average",
                "waktu",
                "dukcapil-waktu-akta-lahir",
            ),
            (
                "Cakupan kepemilikan akta kelahiran anak usia 0–18 tahun",
                "98",
                "%",
                H,
                "last",
                "kualitas",
                "dukcapil-cakupan-akta-anak",
            ),
        ],
    ),
    ("DISDUKCAPIL", "PIAK"): (
        "Terkelolanya database kependudukan yang mutakhir dan aman",
        [
            ("Persentase ketersediaan layanan SIAK terpusat", "99", "%", H, "average", "kualitas", ""),
            (
                "Jumlah rekaman data kependudukan yang dimutakhirkan",
                "36000",
                "rekaman",
                H,
                "sum",
                "kuantitas",
                "",
            ),
        ],
    ),
    ("DISDUKCAPIL", "PDIP"): (
        "Meningkatnya pemanfaatan data kependudukan dan inovasi pelayanan",
        [
            (
                "Jumlah perjanjian kerja sama pemanfaatan data kependudukan",
                "12",
                "PKS",
                H,
                "sum",
                "kuantitas",
                "",
            ),
            ("Jumlah inovasi pelayanan yang diterapkan", "2", "inovasi", H, "sum", "kuantitas", ""),
        ],
    ),
    ("DPMPTSP", "PM"): (
        "Meningkatnya realisasi penanaman modal di Kota Pontianak",
        [
            ("Nilai realisasi investasi", "1800", "Rp miliar", H, "sum", "kuantitas", ""),
            (
                "Jumlah Laporan Kegiatan Penanaman Modal (LKPM) yang diverifikasi",
                "400",
                "laporan",
                H,
                "sum",
                "kuantitas",
                "",
            ),
        ],
    ),
    ("DPMPTSP", "YANPER"): (
        "Meningkatnya kecepatan dan kepastian pelayanan perizinan",
        [
            (
                "Waktu penyelesaian perizinan berusaha dan nonberusaha",
                "5",
                "hari kerja",
                L,
                "average",
                "waktu",
                "ptsp-waktu-izin",
            ),
            (
                "Persentase izin yang terbit tepat waktu",
                "95",
                "%",
                H,
                "average",
                "waktu",
                "ptsp-izin-tepat-waktu",
            ),
            (
                "Waktu penyelesaian pengaduan masyarakat",
                "5",
                "hari kerja",
                L,
                "average",
                "waktu",
                "yanlik-waktu-pengaduan",
            ),
        ],
    ),
    ("DPMPTSP", "NAKER"): (
        "Meningkatnya penempatan tenaga kerja dan hubungan industrial yang harmonis",
        [
            ("Jumlah pencari kerja yang ditempatkan", "1200", "orang", H, "sum", "kuantitas", ""),
            (
                "Persentase perselisihan hubungan industrial yang diselesaikan",
                "80",
                "%",
                H,
                "last",
                "kualitas",
                "",
            ),
        ],
    ),
    ("DPMPTSP", "BLK"): (
        "Meningkatnya kompetensi tenaga kerja melalui pelatihan berbasis kompetensi",
        [("Jumlah peserta pelatihan yang lulus uji kompetensi", "320", "orang", H, "sum", "kuantitas", "")],
    ),
}
SECRETARIAT_RESULT = (
    "Terwujudnya tata kelola administrasi umum, kepegawaian dan keuangan yang akuntabel",
    [
        ("Persentase realisasi anggaran", "95", "%", H, "last", "biaya", "keu-realisasi-anggaran"),
        (
            "Persentase laporan yang disampaikan tepat waktu",
            "100",
            "%",
            H,
            "average",
            "waktu",
            "umum-ketepatan-laporan",
        ),
    ],
)
KELURAHAN_RESULT = (
    "Meningkatnya kualitas pelayanan masyarakat di {unit}",
    [
        ("Indeks Kepuasan Masyarakat (IKM) kelurahan", "85", "indeks", H, "last", "kualitas", "yanlik-ikm"),
        (
            "Persentase pengaduan masyarakat yang ditindaklanjuti tuntas",
            "100",
            "%",
            H,
            "average",
            "kualitas",
            "yanlik-pengaduan-tuntas",
        ),
    ],
)
SCHOOL_RESULT = (
    "Meningkatnya mutu pembelajaran di {unit}",
    [
        ("Persentase peserta didik yang mencapai kompetensi minimum", "85", "%", H, "last", "kualitas", ""),
        (
            "Persentase guru yang melaksanakan pembelajaran sesuai rencana",
            "100",
            "%",
            H,
            "average",
            "kualitas",
            "",
        ),
    ],
)
GENERIC_UNIT_RESULT = (
    "Terlaksananya program dan kegiatan {unit} sesuai rencana kerja",
    [
        ("Persentase kegiatan yang terlaksana sesuai rencana", "100", "%", H, "average", "kualitas", ""),
        (
            "Jumlah dokumen/laporan yang tersusun",
            "12",
            "dokumen",
            H,
            "sum",
            "kuantitas",
            "umum-dokumen-tersusun",
        ),
    ],
)
SEKSI_RESULT = (
    "Terlaksananya kegiatan {unit} sesuai rencana dan standar",
    [
        (
            "Persentase kegiatan seksi yang terlaksana sesuai rencana",
            "100",
            "%",
            H,
            "average",
            "kualitas",
            "",
        ),
        (
            "Jumlah laporan kegiatan yang tersusun",
            "12",
            "laporan",
            H,
            "sum",
            "kuantitas",
            "umum-dokumen-tersusun",
        ),
    ],
)

# Staff RHK by a keyword of the position name (first match wins); {opd} = the OPD's own wording.
STAFF_RESULTS: list[tuple[str, tuple]] = [
    (
        "perawat",
        (
            "Terlaksananya asuhan keperawatan kepada pasien sesuai standar",
            [
                (
                    "Jumlah pasien yang mendapat asuhan keperawatan",
                    "1200",
                    "pasien",
                    H,
                    "sum",
                    "kuantitas",
                    "",
                ),
                (
                    "Persentase dokumentasi asuhan keperawatan yang lengkap",
                    "95",
                    "%",
                    H,
                    "average",
                    "kualitas",
                    "",
                ),
            ],
        ),
    ),
    (
        "bidan",
        (
            "Terlaksananya pelayanan kesehatan ibu dan anak",
            [
                (
                    "Jumlah ibu hamil yang mendapat pelayanan antenatal",
                    "240",
                    "orang",
                    H,
                    "sum",
                    "kuantitas",
                    "",
                ),
                (
                    "Persentase ibu hamil yang mendapat pelayanan kesehatan sesuai standar",
                    "100",
                    "%",
                    H,
                    "last",
                    "kualitas",
                    "kes-bumil-standar",
                ),
            ],
        ),
    ),
    (
        "dokter",
        (
            "Terlaksananya pelayanan medis kepada pasien sesuai standar",
            [
                ("Jumlah pasien yang dilayani", "3000", "pasien", H, "sum", "kuantitas", ""),
                ("Persentase rekam medis yang terisi lengkap", "100", "%", H, "average", "kualitas", ""),
            ],
        ),
    ),
    (
        "epidemiolog",
        (
            "Tersedianya data surveilans penyakit yang akurat dan tepat waktu",
            [
                ("Jumlah laporan surveilans mingguan (EWARS)", "52", "laporan", H, "sum", "kuantitas", ""),
                ("Persentase laporan surveilans yang tepat waktu", "95", "%", H, "average", "waktu", ""),
            ],
        ),
    ),
    (
        "sanitasi",
        (
            "Terlaksananya inspeksi kesehatan lingkungan",
            [
                (
                    "Jumlah tempat pengelolaan pangan yang diinspeksi",
                    "150",
                    "tempat",
                    H,
                    "sum",
                    "kuantitas",
                    "",
                ),
            ],
        ),
    ),
    (
        "nutrisionis",
        (
            "Terlaksananya pemantauan status gizi balita",
            [
                ("Jumlah balita yang dipantau status gizinya", "900", "balita", H, "sum", "kuantitas", ""),
                ("Prevalensi balita stunting", "14", "%", L, "last", "kualitas", "kes-prevalensi-stunting"),
            ],
        ),
    ),
    (
        "apoteker",
        (
            "Terlaksananya pelayanan kefarmasian sesuai standar",
            [
                ("Jumlah resep yang dilayani", "6000", "resep", H, "sum", "kuantitas", ""),
                ("Persentase ketersediaan obat esensial", "95", "%", H, "average", "kualitas", ""),
            ],
        ),
    ),
    (
        "laboratorium",
        (
            "Terlaksananya pemeriksaan laboratorium sesuai standar",
            [
                ("Jumlah sampel yang diperiksa", "2400", "sampel", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "penyuluh",
        (
            "Terlaksananya promosi kesehatan kepada masyarakat",
            [
                ("Jumlah kegiatan penyuluhan kesehatan", "48", "kegiatan", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "perekam medis",
        (
            "Terkelolanya rekam medis pasien dengan tertib",
            [
                ("Jumlah berkas rekam medis yang dikelola", "4000", "berkas", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "administrator kesehatan",
        (
            "Tersusunnya analisis dan evaluasi program kesehatan",
            [
                ("Jumlah dokumen analisis program kesehatan", "6", "dokumen", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "database kependudukan",
        (
            "Terselesaikannya permohonan dokumen kependudukan tepat waktu",
            [
                (
                    "Waktu penyelesaian pelayanan KTP-el",
                    "1",
                    "hari kerja",
                    L,
                    "average",
                    "waktu",
                    "dukcapil-waktu-ktp-el",
                ),
                (
                    "Jumlah dokumen kependudukan yang diterbitkan",
                    "3000",
                    "dokumen",
                    H,
                    "sum",
                    "kuantitas",
                    "",
                ),
            ],
        ),
    ),
    (
        "pengantar kerja",
        (
            "Terlaksananya layanan antar kerja bagi pencari kerja",
            [
                ("Jumlah pencari kerja yang ditempatkan", "150", "orang", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "mediator",
        (
            "Terselesaikannya perselisihan hubungan industrial melalui mediasi",
            [
                ("Jumlah kasus yang dimediasi", "24", "kasus", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "instruktur",
        (
            "Terlaksananya pelatihan kerja berbasis kompetensi",
            [
                ("Jumlah peserta pelatihan yang dilatih", "80", "orang", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "analis kebijakan",
        (
            "Tersusunnya rekomendasi kebijakan berbasis data",
            [
                (
                    "Jumlah rekomendasi kebijakan yang disampaikan",
                    "4",
                    "rekomendasi",
                    H,
                    "sum",
                    "kuantitas",
                    "",
                ),
            ],
        ),
    ),
    (
        "pranata komputer",
        (
            "Terkelolanya aplikasi dan jaringan layanan",
            [
                ("Persentase ketersediaan layanan aplikasi", "99", "%", H, "average", "kualitas", ""),
                ("Jumlah gangguan layanan yang diselesaikan", "48", "gangguan", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "keuangan",
        (
            "Tersusunnya laporan keuangan yang akurat dan tepat waktu",
            [
                ("Jumlah laporan keuangan yang tersusun", "12", "laporan", H, "sum", "kuantitas", ""),
                (
                    "Persentase laporan yang disampaikan tepat waktu",
                    "100",
                    "%",
                    H,
                    "average",
                    "waktu",
                    "umum-ketepatan-laporan",
                ),
            ],
        ),
    ),
    (
        "statistisi",
        (
            "Tersedianya data statistik sektoral yang mutakhir",
            [
                ("Jumlah publikasi data statistik sektoral", "4", "publikasi", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
    (
        "teknisi",
        (
            "Terpeliharanya sarana dan prasarana kantor",
            [
                ("Jumlah sarana dan prasarana yang dipelihara", "40", "unit", H, "sum", "kuantitas", ""),
            ],
        ),
    ),
]
FRONT_OFFICE = {
    "DISDUKCAPIL": (
        "Terlayaninya permohonan dokumen kependudukan di loket pelayanan",
        [
            ("Jumlah berkas permohonan yang diverifikasi", "3600", "berkas", H, "sum", "kuantitas", ""),
            (
                "Waktu penyelesaian penerbitan Kartu Keluarga (KK)",
                "1",
                "hari kerja",
                L,
                "average",
                "waktu",
                "dukcapil-waktu-kk",
            ),
        ],
    ),
    "DPMPTSP": (
        "Terlayaninya permohonan perizinan di front office DPMPTSP",
        [
            ("Jumlah permohonan izin yang diproses", "1500", "permohonan", H, "sum", "kuantitas", ""),
            (
                "Waktu penyelesaian perizinan berusaha dan nonberusaha",
                "5",
                "hari kerja",
                L,
                "average",
                "waktu",
                "ptsp-waktu-izin",
            ),
        ],
    ),
}
OFFICE_RESULT = (
    "Terselenggaranya administrasi perkantoran yang tertib",
    [
        ("Jumlah dokumen administrasi yang diselesaikan", "240", "dokumen", H, "sum", "kuantitas", ""),
        (
            "Persentase laporan yang disampaikan tepat waktu",
            "100",
            "%",
            H,
            "average",
            "waktu",
            "umum-ketepatan-laporan",
        ),
    ],
)

LAMPIRAN = {
    "support_resources": (
        "Anggaran kegiatan pada DPA perangkat daerah tahun 2026\n"
        "Sarana kerja: komputer, jaringan internet dan aplikasi layanan\n"
        "Dukungan data dari unit kerja terkait"
    ),
    "accountability_scheme": (
        "Laporan realisasi kinerja per triwulan kepada pejabat penilai kinerja\n"
        "Dialog kinerja dan umpan balik berkelanjutan setiap bulan"
    ),
    "consequences": (
        "Capaian kinerja menjadi dasar penilaian predikat kinerja pegawai\n"
        "Predikat kinerja menjadi dasar pemberian tambahan penghasilan pegawai sesuai Peraturan Wali Kota"
    ),
}
EXPECTATIONS = {
    "berorientasi_pelayanan": "Melayani pemohon dengan ramah dan menyelesaikan berkas pada hari yang sama",
    "akuntabel": "Mengisi realisasi dan bukti dukung paling lambat tanggal 5 bulan berikutnya",
    "kompeten": "Mengikuti paling sedikit 20 JP pengembangan kompetensi tahun ini",
    "harmonis": "Membantu rekan kerja saat antrean layanan memuncak",
    "kolaboratif": "Berbagi data layanan dengan unit lain tanpa menunggu diminta",
    "adaptif": "Menggunakan aplikasi layanan daring terbaru dan mengusulkan perbaikan proses",
}
HURDLES = [
    "gangguan jaringan internet selama dua hari",
    "keterbatasan tenaga pada masa cuti bersama",
    "keterlambatan data dari unit lain",
    "banjir rob pada akhir periode",
    "beban kerja yang meningkat pada akhir periode",
    "pemeliharaan aplikasi pusat selama satu pekan",
]
ACTIONS = [
    "pembagian tugas ulang dalam tim",
    "jadwal piket bergantian",
    "koordinasi dengan Dinas Kominfo untuk jaringan cadangan",
    "pengumpulan data langsung ke unit pelaksana",
    "daftar periksa kerja yang diperbarui",
]
FEEDBACK = [
    "Capaian baik, pertahankan. Lengkapi bukti dukung dengan rekap dari aplikasi.",
    "Perhatikan ketepatan waktu pelaporan pada periode berikutnya.",
    "Terima kasih atas uraian kendalanya; solusi yang diusulkan sudah tepat.",
    "Mohon lampirkan tangkapan layar dasbor sebagai bukti dukung.",
    "Bagus. Bagikan cara kerja ini kepada rekan satu tim.",
]
FEEDBACK_BEHIND = [
    "Realisasi di bawah laju yang direncanakan; mari kita bahas dalam bimbingan kinerja pekan depan.",
    "Perlu percepatan. Susun rencana tindak lanjut dan laporkan kemajuannya setiap dua minggu.",
]
FED_NARRATIVES = [
    "nilai realisasi dihitung otomatis dari data permohonan layanan; antrean pagi diurai dengan loket tambahan.",
    "nilai realisasi dihitung otomatis dari data permohonan layanan; berkas yang terlambat ditelusuri per petugas.",
    "nilai realisasi dihitung otomatis dari data permohonan layanan; jadwal cetak dokumen dibuat dua kali sehari.",
]
COMPETENCIES = [
    "Pelayanan publik",
    "Pengelolaan data dan pelaporan",
    "Komunikasi",
    "Kerja sama tim",
    "Penguasaan aplikasi layanan",
]


# --- building -----------------------------------------------------------------------------------------


@dataclass
class DemoReport:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


def _dec(value) -> Decimal:
    return Decimal(str(value))


def _aspect_of(unit: str, direction: str) -> str:
    if "hari" in unit or "menit" in unit:
        return "waktu"
    if unit in ("%", "indeks", "nilai"):
        return "kualitas"
    return "kuantitas"


def _shown(value: Decimal, unit: str) -> str:
    """12,5% / 1.200 pasien: the value as a person writes it in a narrative."""
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}".rstrip("0")
    whole, _sep, frac = text.partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    number = f"{whole},{frac}" if frac else whole
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def _strip_unit_name(name: str) -> str:
    return name[0].lower() + name[1:] if name[:1].isupper() and not name[:3].isupper() else name


class _Builder:
    def __init__(self, instansi: Instansi, year: PerformanceYear, seed: int, on: dt.date):
        self.instansi = instansi
        self.year = year
        self.rng = random.Random(f"pembina-performance-demo:{seed}")
        self.on = on
        self.periods = list(Period.objects.filter(year=year).order_by("number"))
        self.elapsed = [p for p in self.periods if p.end < on]
        self.templates = {t.code: t for t in IndicatorTemplate.objects.filter(instansi__isnull=True)}
        self.counts: dict[str, int] = defaultdict(int)
        self.tree: dict[int, list[tuple[PlannedResult, list[Indicator]]]] = defaultdict(list)
        self.expect: dict[int, dict[str, str]] = defaultdict(dict)
        self.values = list(CoreValue.objects.order_by("order"))

    # goals ------------------------------------------------------------------------------------------

    def goals(self) -> dict[int, list[Goal]]:
        """City goals, then each OPD's sasaran strategis with IKU, and IKU realisations."""
        city = Goal.objects.bulk_create(
            [
                Goal(year=self.year, level=GoalLevel.CITY, code=code, statement=text, order=n)
                for n, (code, text, _i) in enumerate(CITY_GOALS, start=1)
            ]
        )
        by_code = {g.code: g for g in city}
        indicators = []
        for goal, (_c, _t, inds) in zip(city, CITY_GOALS, strict=True):
            for n, (name, target, unit, direction, agg) in enumerate(inds, start=1):
                indicators.append(
                    GoalIndicator(
                        goal=goal,
                        order=n,
                        name=name,
                        target=_dec(target),
                        unit=unit,
                        direction=direction,
                        aggregation=agg,
                    )
                )
        opds = list(Unit.objects.filter(instansi=self.instansi, is_opd=True, is_active=True).order_by("path"))
        goals, specs = [], []
        for opd in opds:
            if opd.code in OPD_GOALS:
                entries = OPD_GOALS[opd.code]
            elif opd.kind == UnitKind.KECAMATAN:
                entries = [KECAMATAN_GOAL]
            else:
                short = opd.short_name or opd.name
                entries = [
                    ("SW2", f"Meningkatnya akuntabilitas kinerja dan kualitas layanan {short}", GOV_IKU)
                ]
            for n, (city_code, statement, inds) in enumerate(entries, start=1):
                goals.append(
                    Goal(
                        year=self.year,
                        level=GoalLevel.OPD,
                        opd=opd,
                        parent=by_code[city_code],
                        code=f"{opd.code}-SS{n}",
                        statement=statement,
                        order=n,
                    )
                )
                specs.append(inds)
        Goal.objects.bulk_create(goals, batch_size=BATCH)
        for goal, inds in zip(goals, specs, strict=True):
            for n, (name, target, unit, direction, agg, _tpl) in enumerate(inds, start=1):
                indicators.append(
                    GoalIndicator(
                        goal=goal,
                        order=n,
                        name=name,
                        target=_dec(target),
                        unit=unit,
                        direction=direction,
                        aggregation=agg,
                    )
                )
        GoalIndicator.objects.bulk_create(indicators, batch_size=BATCH)
        reals = []
        for ind in indicators:
            for p in self.elapsed:
                value = self._value(ind.target, ind.unit, ind.direction, ind.aggregation, p.number, 1.0)
                reals.append(
                    GoalRealisation(
                        indicator=ind,
                        period=p,
                        value=value,
                        narrative=f"Capaian {p.label.lower()} berdasarkan data perangkat daerah.",
                    )
                )
        GoalRealisation.objects.bulk_create(reals, batch_size=BATCH)
        self.counts["goals"] = len(city) + len(goals)
        self.counts["goal_indicators"] = len(indicators)
        by_opd: dict[int, list[Goal]] = defaultdict(list)
        for g in goals:
            by_opd[g.opd_id].append(g)
        self.goal_indicators = defaultdict(list)
        for ind in indicators:
            self.goal_indicators[ind.goal_id].append(ind)
        return by_opd

    # plans ------------------------------------------------------------------------------------------

    def people(self) -> list[Employee]:
        emps = list(
            Employee.objects.filter(instansi=self.instansi, state=EmploymentState.ACTIVE)
            .select_related("current_position", "current_unit", "current_opd")
            .order_by("nip")
        )
        return [
            e
            for e in emps
            if e.current_position_id
            and (e.current_position.is_head or (e.current_opd and e.current_opd.code in FOCUS_OPDS))
        ]

    def starts(self, employees: list[Employee]) -> dict[int, dt.date]:
        """A plan starts on 1 January, or on the day the current position began if that was later."""
        jan1 = dt.date(YEAR, 1, 1)
        ids = [e.pk for e in employees]
        out = {}
        for i in range(0, len(ids), 900):
            for emp_id, start in Assignment.objects.filter(
                employee_id__in=ids[i : i + 900], kind=AssignmentKind.DEFINITIVE, end_date__isnull=True
            ).values_list("employee_id", "start_date"):
                if start > jan1:  # a later arrival's plan starts on the 1st after it (few header dates)
                    start = (
                        dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
                        if start.day > 1
                        else start
                    )
                out[emp_id] = max(jan1, start)
        return {e.pk: out.get(e.pk, jan1) for e in employees}

    def plans(self, employees: list[Employee], personas: dict[str, int]) -> list[PerformancePlan]:
        starts = self.starts(employees)
        by_start: dict[dt.date, list[Employee]] = defaultdict(list)
        for e in employees:
            by_start[starts[e.pk]].append(e)
        headers = {}
        for start, group in sorted(by_start.items()):
            headers.update(headers_for(employees=group, on=start))
        statuses = self._statuses(employees, headers, personas)
        end = dt.date(YEAR, 12, 31)
        plans = []
        for e in employees:
            h = headers[e.pk]
            if h.position is None:
                continue
            start = starts[e.pk]
            plan = _new_plan(self.year, e, h, start, end, approach="kuantitatif", form=None)
            status = statuses.get(e.pk, PlanStatus.APPROVED)
            base = max(start, dt.date(YEAR, 1, 5))
            submitted = base + dt.timedelta(days=self.rng.randint(5, 15))
            plan.status = status
            plan.support_resources = LAMPIRAN["support_resources"]
            plan.accountability_scheme = LAMPIRAN["accountability_scheme"]
            plan.consequences = LAMPIRAN["consequences"]
            if status != PlanStatus.DRAFT:
                plan.submitted_at = _aware(submitted, self.rng.randint(8, 15))
            if status == PlanStatus.APPROVED:
                plan.approved_version = 1
                plan.approved_at = _aware(submitted + dt.timedelta(days=self.rng.randint(1, 6)), 10)
            plans.append(plan)
        PerformancePlan.objects.bulk_create(plans, batch_size=BATCH)
        self.behaviours(plans)
        self.counts["plans"] = len(plans)
        return plans

    def behaviours(self, plans: list[PerformancePlan]) -> None:
        """The 7 BerAKHLAK rows of every plan, with the superior's ekspektasi khusus on a few values
        of the approved ones."""
        rows = []
        for p in plans:
            expects = p.status == PlanStatus.APPROVED and p.rater_id
            for value in self.values:
                text = ""
                if expects and value.code in EXPECTATIONS and self.rng.random() < 0.4:
                    text = EXPECTATIONS[value.code]
                    self.expect[p.pk][value.code] = text
                rows.append(PlanBehaviour(plan=p, value=value, expectation=text))
        PlanBehaviour.objects.bulk_create(rows, batch_size=BATCH)

    def _statuses(self, employees, headers, personas) -> dict[int, str]:
        """Most plans are approved; a few staff plans are drafts, waiting, or returned — and the demo
        pejabat penilai has one to approve and one returned in their list."""
        out: dict[int, str] = {}
        protected = set(personas.values())
        kabid = personas.get("kabid_dinkes")
        if kabid:
            subs = [e.pk for e in employees if headers[e.pk].rater_id == kabid and e.pk not in protected]
            for emp_id, status in zip(subs, (PlanStatus.SUBMITTED, PlanStatus.RETURNED), strict=False):
                out[emp_id] = status
        for e in employees:
            if e.pk in out or e.pk in protected or e.current_position.is_head:
                continue
            roll = self.rng.random()
            if roll < 0.03:
                out[e.pk] = PlanStatus.DRAFT
            elif roll < 0.06:
                out[e.pk] = PlanStatus.SUBMITTED
            elif roll < 0.08:
                out[e.pk] = PlanStatus.RETURNED
        # two heads outside the focus OPDs have not finished their SKP: their RHK show up as flags
        others = [
            e.pk
            for e in employees
            if e.current_position.is_head
            and e.current_opd
            and e.current_opd.code not in FOCUS_OPDS
            and headers[e.pk].rater_id
            and e.pk not in protected
            and e.current_unit.kind in (UnitKind.BIDANG, UnitKind.BAGIAN, UnitKind.SEKRETARIAT)
        ]
        for emp_id in self.rng.sample(others, min(2, len(others))):
            out[emp_id] = PlanStatus.DRAFT
        return out

    # RHK and IKI ------------------------------------------------------------------------------------

    def _indicator(self, result, n, spec, *, vary: bool) -> Indicator:
        name, target, unit, direction, agg, aspect, code = spec
        value = _dec(target)
        if vary and agg == "sum" and value >= 10:
            value = (value * _dec(self.rng.uniform(0.8, 1.25))).quantize(Decimal("1"))
            if value > 100:
                value = (value / 10).quantize(Decimal("1"), ROUND_HALF_UP) * 10
        value = value.quantize(Decimal("0.0001"))
        tpl = self.templates.get(code) if code else None
        source, params = self._source(code, result.plan)
        return Indicator(
            result=result,
            order=n,
            aspect=aspect,
            name=name,
            target=value,
            unit=unit,
            direction=direction,
            aggregation=agg,
            template=tpl,
            data_source=source,
            data_source_params=params,
        )

    def _source(self, code: str, plan: PerformancePlan) -> tuple[str, dict]:
        """The data source an IKI from library entry `code` declares in `plan` (see SOURCE_FEEDS)."""
        feed = SOURCE_FEEDS.get(code)
        if feed is None or datasources.get(feed[0]) is None:
            return "", {}
        key, scope, codes = feed
        if scope == "services":
            return key, {"service_codes": list(codes), "instansi": self.instansi.pk}
        if plan.opd_id is None:
            return "", {}
        return key, {"unit": plan.opd_id}

    def results(self, plans: list[PerformancePlan], goals_by_opd: dict[int, list[Goal]]) -> None:
        """RHK top-down, one level at a time (a subordinate's RHK needs its superior's RHK ids)."""
        by_emp = {p.employee_id: p for p in plans}
        level: dict[int, int] = {}

        def depth(plan, seen=()):
            if plan.pk in level:
                return level[plan.pk]
            parent = by_emp.get(plan.rater_id) if plan.rater_id else None
            d = 0 if parent is None or parent.pk in seen else depth(parent, (*seen, plan.pk)) + 1
            level[plan.pk] = d
            return d

        for p in plans:
            depth(p)
        units = Unit.objects.in_bulk({p.unit_id for p in plans} | {p.opd_id for p in plans if p.opd_id})
        employees = Employee.objects.in_bulk([p.employee_id for p in plans])
        main_results: dict[int, list[PlannedResult]] = {}  # plan id → its RHK utama
        sub_index: dict[int, int] = defaultdict(int)  # rater plan id → subordinates seen
        for d in range(max(level.values(), default=-1) + 1):
            batch = [p for p in plans if level[p.pk] == d]
            rows: list[tuple[PlannedResult, list]] = []
            for plan in batch:
                parent_plan = by_emp.get(plan.rater_id) if plan.rater_id else None
                parents = main_results.get(parent_plan.pk, []) if parent_plan else []
                i = sub_index[parent_plan.pk] if parent_plan else 0
                if parent_plan:
                    sub_index[parent_plan.pk] += 1
                rows.extend(
                    self._plan_results(plan, employees[plan.employee_id], units, parents, i, goals_by_opd)
                )
            PlannedResult.objects.bulk_create([r for r, _s in rows], batch_size=BATCH)
            inds = [
                self._indicator(r, n, spec, vary=r.plan.rater_id is not None)
                for r, specs in rows
                for n, spec in enumerate(specs, start=1)
            ]
            Indicator.objects.bulk_create(inds, batch_size=BATCH)
            for r, _specs in rows:
                if r.kind == ResultKind.MAIN:
                    main_results.setdefault(r.plan_id, []).append(r)
                self.tree[r.plan_id].append((r, []))
            by_result = defaultdict(list)
            for ind in inds:
                by_result[id(ind.result)].append(ind)
            for plan_id in {r.plan_id for r, _s in rows}:
                self.tree[plan_id] = [(r, by_result[id(r)]) for r, _x in self.tree[plan_id]]
            self.counts["results"] += len(rows)
            self.counts["indicators"] += len(inds)

    def _plan_results(self, plan, employee, units, parents, i, goals_by_opd):
        unit = units.get(plan.unit_id)
        opd = units.get(plan.opd_id)
        opd_code = opd.code if opd else ""
        jpt = plan.form == PlanForm.JPT
        rows = []
        order = 0

        def add(statement, specs, *, kind=ResultKind.MAIN, parent=None, goal=None, goal_ind=None, persp=""):
            nonlocal order
            order += 1
            r = PlannedResult(
                plan=plan,
                kind=kind,
                order=order,
                statement=statement,
                parent_result=parent,
                goal=goal,
                goal_indicator=goal_ind,
                perspective=persp if jpt else "",
            )
            rows.append((r, specs))

        position = plan.position
        links_goal = plan.rater_id is None or (jpt and not parents)
        if links_goal and unit is not None and unit.is_opd:
            for goal in goals_by_opd.get(unit.pk, []):
                inds = self.goal_indicators.get(goal.pk, [])
                specs = [
                    (
                        gi.name,
                        str(gi.target),
                        gi.unit,
                        gi.direction,
                        gi.aggregation,
                        _aspect_of(gi.unit, gi.direction),
                        "",
                    )
                    for gi in inds
                ]
                add(
                    goal.statement,
                    specs,
                    goal=goal,
                    goal_ind=inds[0] if inds else None,
                    persp="penerima_layanan",
                )
            statement, specs = GOV_RESULT
            first_goal = next(iter(goals_by_opd.get(unit.pk, [])), None)
            add(statement, specs, goal=first_goal, persp="penguatan_internal")
            return rows

        def parent_at(k):
            return parents[(i + k) % len(parents)] if parents else None

        unit_name = unit.name if unit else ""
        if position.is_head:
            key = unit.code.split("-")[1] if unit and "-" in unit.code else ""
            key = "PKM" if key.startswith("PKM") else key
            spec = UNIT_RESULTS.get((opd_code, key))
            if spec is None:
                if unit and unit.kind == UnitKind.SEKRETARIAT:
                    spec = SECRETARIAT_RESULT
                elif unit and unit.kind == UnitKind.KELURAHAN:
                    spec = KELURAHAN_RESULT
                elif unit and unit.kind == UnitKind.SEKOLAH:
                    spec = SCHOOL_RESULT
                elif unit and unit.kind in (UnitKind.SEKSI, UnitKind.SUBBAGIAN):
                    spec = SEKSI_RESULT
                else:
                    spec = GENERIC_UNIT_RESULT
            statement, specs = spec
            add(statement.format(unit=_strip_unit_name(unit_name)), specs, parent=parent_at(0))
            statement, specs = MANAGE_RESULT
            add(statement.format(unit=unit_name), specs, parent=parent_at(1))
        else:
            name = (position.name or "").lower()
            spec = next((s for key, s in STAFF_RESULTS if key in name), None)
            if spec is None:
                spec = FRONT_OFFICE.get(opd_code, OFFICE_RESULT)
            statement, specs = spec
            add(statement, specs, parent=parent_at(0))
            statement, specs = REPORT_RESULT
            add(statement, specs, parent=parent_at(1))
        if self.rng.random() < 0.18:
            statement, specs = self.rng.choice(EXTRA_RESULTS)
            add(statement, specs, kind=ResultKind.ADDITIONAL)
        return rows

    # approval, history, dialog -------------------------------------------------------------------------

    def snapshot(self, plan: PerformancePlan) -> dict:
        """`services.plan_snapshot` from the rows in memory (the same JSON; test_demo compares them)."""
        results = sorted(self.tree.get(plan.pk, []), key=lambda ri: (ri[0].kind, ri[0].order, ri[0].pk))
        return {
            "plan_id": plan.pk,
            "version": plan.version,
            "form": plan.form,
            "approach": plan.approach,
            "start_date": plan.start_date.isoformat(),
            "end_date": plan.end_date.isoformat(),
            "header": plan.header,
            "lampiran": {
                "support_resources": plan.support_resources,
                "accountability_scheme": plan.accountability_scheme,
                "consequences": plan.consequences,
            },
            "results": [
                {
                    "id": r.pk,
                    "kind": r.kind,
                    "order": r.order,
                    "statement": r.statement,
                    "perspective": r.perspective,
                    "parent_result_id": r.parent_result_id,
                    "parent_statement": r.parent_result.statement if r.parent_result_id else "",
                    "goal_id": r.goal_id,
                    "goal_indicator_id": r.goal_indicator_id,
                    "indicators": [
                        {
                            "id": i.pk,
                            "aspect": i.aspect,
                            "name": i.name,
                            "target": snapshot_number(i.target),
                            "target_text": i.target_text,
                            "unit": i.unit,
                            "direction": i.direction,
                            "aggregation": i.aggregation,
                            "data_source": i.data_source,
                        }
                        for i in sorted(inds, key=lambda i: (i.order, i.pk))
                    ],
                }
                for r, inds in results
            ],
            "behaviours": [
                {"value": v.code, "name": v.name, "expectation": self.expect[plan.pk].get(v.code, "")}
                for v in self.values
            ],
        }

    def history(self, plans: list[PerformancePlan], users: dict[int, object]) -> None:
        """Events, approved versions (the frozen snapshot) and return notes, as the workflow writes them."""
        by_emp = {p.employee_id: p for p in plans}
        names = dict(Employee.objects.filter(pk__in=list(by_emp)).values_list("pk", "name"))
        rater_names = {}
        for p in plans:
            rater = (p.header.get("rater") or {}).get("name", "")
            rater_names[p.pk] = rater
        events, versions, comments = [], [], []
        for p in plans:
            owner = users.get(p.employee_id)
            rater_user = users.get(p.rater_id) if p.rater_id else None
            own_name = (p.header.get("employee") or {}).get("name") or names.get(p.employee_id, "")
            events.append(PlanEvent(plan=p, kind=PlanEventKind.CREATED, actor=owner, actor_name=own_name))
            if p.submitted_at:
                events.append(
                    PlanEvent(plan=p, kind=PlanEventKind.SUBMITTED, actor=owner, actor_name=own_name)
                )
            if p.status == PlanStatus.APPROVED:
                events.append(
                    PlanEvent(
                        plan=p, kind=PlanEventKind.APPROVED, actor=rater_user, actor_name=rater_names[p.pk]
                    )
                )
                versions.append(
                    PlanVersion(
                        plan=p,
                        number=1,
                        snapshot=self.snapshot(p),
                        approved_by=rater_user,
                        approved_at=p.approved_at,
                    )
                )
            elif p.status == PlanStatus.RETURNED:
                first = next((r for r, _i in self.tree.get(p.pk, []) if r.kind == ResultKind.MAIN), None)
                summary = "Mohon perbaiki target kuantitas agar sesuai beban kerja unit, lalu ajukan kembali."
                events.append(
                    PlanEvent(
                        plan=p,
                        kind=PlanEventKind.RETURNED,
                        actor=rater_user,
                        actor_name=rater_names[p.pk],
                        comment=summary,
                        data={"item_notes": 1},
                    )
                )
                comments.append(
                    PlanComment(
                        plan=p,
                        result=first,
                        author=rater_user,
                        author_name=rater_names[p.pk],
                        body="Rumusan RHK ini belum menyebut hasil yang dapat diukur; "
                        "tambahkan indikator waktu penyelesaian.",
                        is_return_note=True,
                    )
                )
                comments.append(
                    PlanComment(
                        plan=p,
                        author=rater_user,
                        author_name=rater_names[p.pk],
                        body=summary,
                        is_return_note=True,
                    )
                )
        PlanEvent.objects.bulk_create(events, batch_size=BATCH)
        PlanVersion.objects.bulk_create(versions, batch_size=200)
        PlanComment.objects.bulk_create(comments, batch_size=BATCH)
        self.counts["versions"] = len(versions)

    # realisations, feedback, coaching -------------------------------------------------------------------

    def _value(self, target, unit, direction, agg, number, pace) -> Decimal | None:
        if target is None:
            return None
        t = float(target)
        n_periods = len(self.periods)
        noise = self.rng.uniform(0.92, 1.08)
        if agg == "sum":
            v = t / n_periods * pace * noise
        elif direction == L:
            v = t * (2 - pace) * self.rng.uniform(0.75, 1.15)
        elif agg == "last":
            ramp = 0.8 + 0.2 * number / n_periods
            v = t * ramp * pace * noise
        else:
            v = t * pace * self.rng.uniform(0.94, 1.03)
        if unit == "%" and t <= 100:
            v = min(v, 100.0)
        places = Decimal("0.1") if unit in ("%", "hari kerja", "indeks", "nilai", "tahun") else Decimal("1")
        return Decimal(str(max(v, 0))).quantize(places, ROUND_HALF_UP)

    def realisations(self, plans: list[PerformancePlan], users: dict[int, object]) -> list[tuple]:
        approved = [p for p in plans if p.status == PlanStatus.APPROVED]
        plan_by_id = {p.pk: p for p in approved}
        inds = [i for p in approved for _r, group in self.tree.get(p.pk, []) for i in group]
        behind_plans = {p.pk for p in approved if p.rater_id and self.rng.random() < 0.12}
        lagging_plans = {p.pk for p in approved if p.rater_id and self.rng.random() < 0.06}
        rows, behind, lagging = [], [], set()
        for ind in inds:
            plan = plan_by_id[ind.result.plan_id]
            pace = 0.62 if plan.pk in behind_plans and ind.order == 1 else self.rng.uniform(0.93, 1.12)
            for p in self.elapsed:
                if p.end < plan.start_date:
                    continue
                if ind.data_source:
                    # the value comes from the data source (filled below and by the source's own
                    # refresh); the employee writes the uraian beside it
                    rows.append(
                        Realisation(
                            indicator=ind,
                            period=p,
                            value=None,
                            source=RealisationSource.DATA_SOURCE,
                            narrative=f"{p.label}: {self.rng.choice(FED_NARRATIVES)}",
                            entered_by=users.get(plan.employee_id),
                        )
                    )
                    continue
                if plan.pk in lagging_plans and p is self.elapsed[-1]:
                    continue  # not filled in yet: an early warning
                value = self._value(ind.target, ind.unit, ind.direction, ind.aggregation, p.number, pace)
                shown = _shown(value, ind.unit)
                if pace < 0.8:
                    narrative = (
                        f"{p.label}: realisasi {shown}, di bawah laju rencana karena {self.rng.choice(HURDLES)}. "
                        f"Tindak lanjut: {self.rng.choice(ACTIONS)}."
                    )
                elif self.rng.random() < 0.3:
                    narrative = (
                        f"{p.label}: realisasi {shown}. Kendala {self.rng.choice(HURDLES)} "
                        f"diatasi dengan {self.rng.choice(ACTIONS)}."
                    )
                else:
                    narrative = f"{p.label}: realisasi {shown}; kegiatan berjalan sesuai rencana."
                real = Realisation(
                    indicator=ind,
                    period=p,
                    value=value,
                    narrative=narrative,
                    entered_by=users.get(plan.employee_id),
                )
                rows.append(real)
                if pace < 0.8:
                    behind.append((plan, p))
                    lagging.add(id(real))
        Realisation.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["realisations"] = len(rows)
        # the pejabat penilai's umpan balik on about a quarter of them
        feedback = []
        for real in rows:
            plan = plan_by_id[real.indicator.result.plan_id]
            if not plan.rater_id:
                continue
            is_behind = id(real) in lagging
            if is_behind or self.rng.random() < 0.22:
                text = self.rng.choice(FEEDBACK_BEHIND if is_behind else FEEDBACK)
                feedback.append(
                    RealisationFeedback(
                        realisation=real,
                        author=users.get(plan.rater_id),
                        author_name=(plan.header.get("rater") or {}).get("name", "")[:200],
                        body=text,
                    )
                )
        RealisationFeedback.objects.bulk_create(feedback, batch_size=BATCH)
        self.counts["feedback"] = len(feedback)
        return behind

    def coaching(self, behind: list[tuple], users: dict[int, object]) -> None:
        """A coaching or konseling session for each plan behind pace (once), with the B.1.8 form filled
        by most employees and the B.1.9 competency follow-up for some."""
        seen, sessions = set(), []
        for plan, period in behind:
            if plan.pk in seen or not plan.rater_id:
                continue
            seen.add(plan.pk)
            held = period.end + dt.timedelta(days=self.rng.randint(10, 25))
            if held >= self.on:
                held = self.on - dt.timedelta(days=1)
            kind = CoachingKind.COUNSELLING if self.rng.random() < 0.2 else CoachingKind.COACHING
            done = self.rng.random() < 0.5
            sessions.append(
                CoachingSession(
                    plan=plan,
                    employee_id=plan.employee_id,
                    coach_id=plan.rater_id,
                    coach_name=(plan.header.get("rater") or {}).get("name", "")[:200],
                    kind=kind,
                    held_on=held,
                    topic="Percepatan capaian indikator yang tertinggal",
                    notes="Pegawai menjelaskan kendala; disepakati langkah percepatan dan dukungan dari atasan.",
                    agreed_actions=f"Menerapkan {self.rng.choice(ACTIONS)}; laporan kemajuan dua mingguan.",
                    follow_up="Evaluasi capaian pada dialog kinerja berikutnya.",
                    follow_up_due=held + dt.timedelta(days=30),
                    follow_up_done_on=held + dt.timedelta(days=28)
                    if done and held + dt.timedelta(days=28) < self.on
                    else None,
                    status=CoachingStatus.FOLLOWED_UP
                    if done and held + dt.timedelta(days=28) < self.on
                    else CoachingStatus.HELD,
                    created_by=users.get(plan.rater_id),
                )
            )
        CoachingSession.objects.bulk_create(sessions, batch_size=BATCH)
        forms, ratings = [], []
        for s in sessions:
            if self.rng.random() < 0.7:
                answers = {c: self.rng.random() < 0.9 for c in coaching_rules.CRITERIA_CODES}
                forms.append(
                    CoachingFeedback(
                        session=s,
                        answers=answers,
                        comment="Bimbingan membantu saya menyusun langkah percepatan.",
                        submitted_by=users.get(s.employee_id),
                    )
                )
            if self.rng.random() < 0.5:
                for n, comp in enumerate(self.rng.sample(COMPETENCIES, 3), start=1):
                    ratings.append(
                        CompetencyRating(
                            session=s,
                            order=n,
                            competency=comp,
                            score=self.rng.randint(2, 4),
                            reason="Berdasarkan pengamatan selama triwulan berjalan.",
                            rated_by=users.get(s.coach_id),
                        )
                    )
        CoachingFeedback.objects.bulk_create(forms, batch_size=BATCH)
        CompetencyRating.objects.bulk_create(ratings, batch_size=BATCH)
        self.counts["coaching"] = len(sessions)

    def collaborations(self, plans: list[PerformancePlan]) -> None:
        """Kinerja kolaboratif between units: perizinan ↔ kependudukan, imunisasi ↔ puskesmas."""
        heads = {}
        for p in plans:
            code = (p.header.get("employee") or {}).get("unit", "")
            heads.setdefault(code, p)
        pairs = [
            (
                "Bidang Pelayanan Perizinan dan Nonperizinan",
                "Bidang Pelayanan Pendaftaran Penduduk",
                "Validasi NIK pemohon izin langsung dari data kependudukan",
            ),
            (
                "Bidang Pencegahan dan Pengendalian Penyakit",
                "Bidang Kesehatan Masyarakat",
                "Sweeping imunisasi dan pemantauan gizi balita bersama",
            ),
            (
                "Bidang Pemanfaatan Data dan Inovasi Pelayanan",
                "Bidang Penanaman Modal",
                "Integrasi data kependudukan untuk verifikasi LKPM",
            ),
        ]
        links = []
        for a_unit, b_unit, note in pairs:
            pa, pb = heads.get(a_unit), heads.get(b_unit)
            if pa is None or pb is None:
                continue
            ra = pa.results.filter(kind=ResultKind.MAIN).order_by("order").first()
            rb = pb.results.filter(kind=ResultKind.MAIN).order_by("order").first()
            if ra and rb and ra.pk != rb.pk:
                a, b = sorted((ra.pk, rb.pk))
                links.append(ResultLink(result_a_id=a, result_b_id=b, note=note))
        ResultLink.objects.bulk_create(links)

    def notifications(self, plans: list[PerformancePlan], users: dict[int, object], personas) -> None:
        """A few in-app messages for the demo accounts (no e-mail)."""
        messages = []
        for p in plans:
            if p.status == PlanStatus.SUBMITTED and p.rater_id in users:
                owner = (p.header.get("employee") or {}).get("name", "")
                messages.append(
                    Message(
                        users[p.rater_id].pk,
                        NotificationKind.PLAN_SUBMITTED,
                        f"SKP {owner} diajukan untuk disetujui",
                        plan_id=p.pk,
                        dedupe_key=f"demo-sub-{p.pk}",
                    )
                )
            if p.employee_id in users and p.status == PlanStatus.APPROVED:
                messages.append(
                    Message(
                        users[p.employee_id].pk,
                        NotificationKind.PLAN_APPROVED,
                        "SKP Anda disetujui (versi 1)",
                        plan_id=p.pk,
                        dedupe_key=f"demo-ok-{p.pk}",
                    )
                )
        notify(messages, email=False)


def _personas(instansi: Instansi) -> tuple[dict[str, int], dict[int, object]]:
    """The demo accounts' employees (the pejabat penilai and pegawai of Dinkes), and every account
    with an employee (for authorship of entries)."""
    from pembina.accounts.models import User

    users = {
        u.employee_id: u
        for u in User.objects.filter(instansi=instansi, employee__isnull=False).select_related(
            "employee__current_position", "employee__current_opd"
        )
    }
    personas = {}
    for emp_id, u in users.items():
        e = u.employee
        if not (e.current_opd and e.current_opd.code == "DINKES" and e.current_position):
            continue
        personas["kabid_dinkes" if e.current_position.is_head else "staff_dinkes"] = emp_id
    return personas, users


def build(instansi: Instansi, *, seed: int = 2026, on: dt.date | None = None) -> DemoReport:
    """Build the demo performance year for `instansi` (the demo city); nothing if it is already there."""
    with transaction.atomic():
        seed_reference_data()
        if PerformanceYear.objects.filter(instansi=instansi, year=YEAR).exists():
            return DemoReport(created=False)
        on = on or timezone.localdate()
        on = min(max(on, dt.date(YEAR, 1, 1)), dt.date(YEAR + 1, 1, 15))
        year = services.performance_year_create(
            instansi=instansi, year=YEAR, actor=None, interval=PeriodInterval.QUARTERLY
        )
        year = services.performance_year_transition(year=year, to_state=YearState.RUNNING, actor=None)
        b = _Builder(instansi, year, seed, on)
        goals_by_opd = b.goals()
        personas, users = _personas(instansi)
        employees = b.people()
        plans = b.plans(employees, personas)
        b.results(plans, goals_by_opd)
        b.history(plans, users)
        behind = b.realisations(plans, users)
        b.coaching(behind, users)
        b.collaborations(plans)
        b.notifications(plans, users, personas)
        # source-fed IKI take their values from whatever the sources hold already (nothing on a fresh
        # demo: the service statistics come next and fill them; a rebuild finds them)
        fill = services.realisations_fill_from_sources(year=year, actor=None, on=on)
        b.counts["realisations_fed"] = fill.created + fill.updated
        # the bulk writes above bypass the services that keep the progress summary: rebuild it once
        b.counts["progress_rows"] = services.progress_refresh(year=year)
    return DemoReport(created=True, counts=dict(b.counts))


def wipe(instansi: Instansi) -> int:
    """Remove the performance data of `instansi` (for `pembina demo --force`), recorded on the audit
    trail in one append. Returns the number of rows removed."""
    from pembina.core.audit import context as audit_ctx
    from pembina.core.audit.recorder import record
    from pembina.org.demo.builder import _delete_collected
    from pembina.performance.models import Notification

    with transaction.atomic(), audit_ctx.suppressed():
        years = PerformanceYear.objects.filter(instansi=instansi)
        plans = PerformancePlan.objects.filter(year__in=years)
        results = PlannedResult.objects.filter(plan__in=plans)
        changes = _delete_collected(
            [
                Notification.objects.filter(recipient__instansi=instansi),
                CoachingSession.objects.filter(employee__instansi=instansi),
                ResultLink.objects.filter(result_a__in=results),
                ResultLink.objects.filter(result_b__in=results),
                Realisation.objects.filter(indicator__result__in=results),
                results.filter(parent_result__isnull=False),
                results,
                plans.filter(previous_plan__isnull=False),
                plans,
                GoalRealisation.objects.filter(indicator__goal__year__in=years),
                Goal.objects.filter(year__in=years, level=GoalLevel.OPD),
                Goal.objects.filter(year__in=years),
                IndicatorTemplate.objects.filter(instansi=instansi),
                Period.objects.filter(year__in=years),
                years,
            ]
        )
    record(changes)
    return len(changes)


__all__ = ["DemoReport", "build", "wipe"]
