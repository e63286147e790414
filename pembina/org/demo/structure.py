"""The organisation tree of the demo Kota Pontianak: OPDs, their sub-units and the staff each unit holds.

Names follow public sources (reference/regulation.md §6) and the usual Permendagri nomenclature of a
kota after penyederhanaan birokrasi: many Seksi became functional positions, so several Bidang have none.
`staff` lists (catalogue key, expected headcount at the default 5,000 employees); the planner scales it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pembina.org.choices import UnitKind as K

Staff = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class UnitSpec:
    code: str  # the OPD's code, or a suffix appended to the parent's code
    name: str
    kind: str
    children: tuple[UnitSpec, ...] = ()
    staff: Staff = ()
    head: str | None = ""  # "" = the default name for the kind; None = the unit has no head position
    head_type: str = ""  # "" = the default for the kind
    short_name: str = ""
    domain: str = ""  # title family of the head ("" = inherit from the parent)
    singletons: tuple[tuple[str, str, str], ...] = ()  # (name, job type, field): one-holder posts
    persona: str = ""  # a demo login sits here (see plan.PERSONAS)
    is_opd: bool = False


# --- reusable staff profiles ------------------------------------------------------------------

UMPEG: Staff = (
    ("pengadministrasi", 1.6),
    ("arsiparis", 0.8),
    ("analis_sdma", 0.6),
    ("operator_lo", 0.9),
    ("teknisi_sp", 0.4),
)
RENKEU: Staff = (("perencana", 0.9), ("pranata_keuangan", 1.3), ("analis_keuangan", 0.6), ("penata_lo", 0.6))
SEKR: Staff = (("pranata_komputer", 0.6), ("pengadministrasi", 0.5))
BIDANG_GENERIC: Staff = (("analis_kebijakan", 1.4), ("penata_lo", 1.0), ("pengadministrasi", 0.8))


def sekretariat(subbags=("Umum dan Kepegawaian", "Perencanaan dan Keuangan")) -> UnitSpec:
    profiles = {"Umum dan Kepegawaian": UMPEG, "Perencanaan dan Keuangan": RENKEU, "Keuangan": RENKEU}
    children = tuple(
        UnitSpec(
            code=("UMPEG" if "Umum" in s else "RENKEU" if "Perencanaan" in s else "KEU"),
            name=f"Subbagian {s}",
            kind=K.SUBBAGIAN,
            staff=profiles.get(s, UMPEG),
        )
        for s in subbags
    )
    return UnitSpec(
        code="SEKR",
        name="Sekretariat",
        kind=K.SEKRETARIAT,
        head="Sekretaris {opd}",
        staff=SEKR,
        children=children,
    )


def bidang(code: str, name: str, staff: Staff = BIDANG_GENERIC, seksi=(), children=(), **kw) -> UnitSpec:
    """A Bidang; each seksi is a name, or (name, staff) when the staff work in the Seksi itself."""
    seksi_units = tuple(
        UnitSpec(
            code=f"S{i + 1}",
            name=f"Seksi {s if isinstance(s, str) else s[0]}",
            kind=K.SEKSI,
            staff=(("penata_lo", 0.8), ("pengadministrasi", 0.6)) if isinstance(s, str) else s[1],
        )
        for i, s in enumerate(seksi)
    )
    return UnitSpec(
        code=code,
        name=f"Bidang {name}",
        kind=K.BIDANG,
        staff=staff,
        children=seksi_units + tuple(children),
        **kw,
    )


def bagian(code: str, name: str, staff: Staff = BIDANG_GENERIC, subbag=(), **kw) -> UnitSpec:
    children = tuple(
        UnitSpec(
            code=f"SB{i + 1}",
            name=f"Subbagian {s}",
            kind=K.SUBBAGIAN,
            staff=(("penata_lo", 0.8), ("pengadministrasi", 0.7)),
        )
        for i, s in enumerate(subbag)
    )
    return UnitSpec(code=code, name=f"Bagian {name}", kind=K.BAGIAN, staff=staff, children=children, **kw)


def dinas(code: str, name: str, short: str, *units: UnitSpec, kind=K.DINAS, domain="umum", **kw) -> UnitSpec:
    return UnitSpec(
        code=code,
        name=name,
        kind=kind,
        short_name=short,
        is_opd=True,
        domain=domain,
        staff=(("pengadministrasi", 0.5),),
        children=(sekretariat(), *units),
        **kw,
    )


def upt(code: str, name: str, staff: Staff, **kw) -> UnitSpec:
    return UnitSpec(code=code, name=f"UPT {name}", kind=K.UPT, staff=staff, **kw)


# --- Sekretariat Daerah ---------------------------------------------------------------------

SETDA = UnitSpec(
    code="SETDA",
    name="Sekretariat Daerah",
    short_name="Setda",
    kind=K.SEKRETARIAT_DAERAH,
    head="Sekretaris Daerah",
    is_opd=True,
    domain="umum",
    persona="sekda",
    staff=(("pengadministrasi", 1.0), ("operator_lo", 1.0)),
    singletons=(
        ("Staf Ahli Wali Kota Bidang Hukum, Politik dan Pemerintahan", "jpt_pratama", "hukum"),
        ("Staf Ahli Wali Kota Bidang Ekonomi, Keuangan dan Pembangunan", "jpt_pratama", "keuangan"),
        ("Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia", "jpt_pratama", "umum"),
    ),
    children=(
        UnitSpec(
            code="AS1",
            name="Asisten Pemerintahan dan Kesejahteraan Rakyat",
            kind=K.ASISTEN,
            head="Asisten Pemerintahan dan Kesejahteraan Rakyat",
            staff=(("pengadministrasi", 0.6),),
            children=(
                bagian(
                    "TAPEM",
                    "Tata Pemerintahan",
                    subbag=("Administrasi Pemerintahan", "Otonomi Daerah dan Kerja Sama"),
                ),
                bagian(
                    "KESRA", "Kesejahteraan Rakyat", staff=(("analis_kebijakan", 2.5), ("penata_lo", 1.5))
                ),
                bagian(
                    "HUKUM",
                    "Hukum",
                    domain="hukum",
                    staff=(("perancang_perundangan", 2.0), ("analis_hukum", 2.5), ("pengadministrasi", 1.0)),
                ),
            ),
        ),
        UnitSpec(
            code="AS2",
            name="Asisten Perekonomian dan Pembangunan",
            kind=K.ASISTEN,
            head="Asisten Perekonomian dan Pembangunan",
            staff=(("pengadministrasi", 0.6),),
            children=(
                bagian("EKON", "Perekonomian dan Sumber Daya Alam"),
                bagian(
                    "ADPEM",
                    "Administrasi Pembangunan",
                    staff=(("analis_kebijakan", 1.5), ("perencana", 1.0), ("penata_lo", 1.0)),
                ),
                bagian(
                    "PBJ",
                    "Pengadaan Barang dan Jasa",
                    staff=(("pengelola_pbj", 4.0), ("penata_lo", 1.0), ("pengadministrasi", 0.8)),
                ),
            ),
        ),
        UnitSpec(
            code="AS3",
            name="Asisten Administrasi Umum",
            kind=K.ASISTEN,
            head="Asisten Administrasi Umum",
            staff=(("pengadministrasi", 0.6),),
            children=(
                bagian(
                    "ORG",
                    "Organisasi",
                    staff=(("analis_kebijakan", 2.0), ("analis_sdma", 1.0), ("penata_lo", 1.0)),
                ),
                bagian(
                    "UMUM",
                    "Umum",
                    subbag=("Tata Usaha Pimpinan", "Rumah Tangga"),
                    staff=(
                        ("operator_lo", 6.0),
                        ("teknisi_sp", 4.0),
                        ("pengadministrasi", 4.0),
                        ("arsiparis", 1.0),
                    ),
                ),
                bagian(
                    "PROKOPIM",
                    "Protokol dan Komunikasi Pimpinan",
                    staff=(("pranata_humas", 2.5), ("penata_lo", 1.5), ("operator_lo", 1.0)),
                ),
                bagian(
                    "RENKEU",
                    "Perencanaan dan Keuangan",
                    domain="keuangan",
                    subbag=("Perencanaan dan Pelaporan", "Keuangan"),
                    staff=(("pranata_keuangan", 2.0), ("perencana", 1.0)),
                ),
            ),
        ),
    ),
)

SETWAN = UnitSpec(
    code="SETWAN",
    name="Sekretariat DPRD",
    short_name="Setwan",
    kind=K.SEKRETARIAT_DPRD,
    head="Sekretaris DPRD",
    is_opd=True,
    domain="umum",
    staff=(("pengadministrasi", 0.6),),
    children=(
        bagian(
            "UMKEU",
            "Umum dan Keuangan",
            subbag=("Tata Usaha dan Kepegawaian", "Keuangan"),
            staff=(("pengadministrasi", 3.0), ("operator_lo", 4.0), ("pranata_keuangan", 2.0)),
        ),
        bagian(
            "SIDANG",
            "Persidangan dan Perundang-undangan",
            domain="hukum",
            staff=(("analis_hukum", 2.0), ("perancang_perundangan", 1.0), ("penata_lo", 1.5)),
        ),
        bagian(
            "FASPA",
            "Fasilitasi Penganggaran dan Pengawasan",
            staff=(("analis_kebijakan", 2.0), ("analis_keuangan", 1.0), ("penata_lo", 1.0)),
        ),
    ),
)

INSPEKTORAT = UnitSpec(
    code="INSP",
    name="Inspektorat",
    short_name="Inspektorat",
    kind=K.INSPEKTORAT,
    head="Inspektur",
    is_opd=True,
    domain="keuangan",
    staff=(("pengadministrasi", 0.4),),
    children=(
        sekretariat(("Umum dan Kepegawaian", "Perencanaan dan Keuangan")),
        *(
            UnitSpec(
                code=f"IRBAN{n}",
                name=f"Inspektur Pembantu Wilayah {r}",
                kind=K.BIDANG,
                head=f"Inspektur Pembantu Wilayah {r}",
                staff=(("auditor", 4.0), ("p2upd", 3.0), ("pengadministrasi", 0.5)),
                persona="auditor" if n == 1 else "",
            )
            for n, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
        ),
    ),
)

# --- Dinas Pendidikan dan Kebudayaan with its schools ------------------------------------------

KECAMATAN = (
    ("PK", "Pontianak Kota", ("Darat Sekip", "Mariana", "Sungai Bangkong", "Sungai Jawi", "Tengah")),
    ("PB", "Pontianak Barat", ("Pal Lima", "Sungai Beliung", "Sungai Jawi Dalam", "Sungai Jawi Luar")),
    (
        "PS",
        "Pontianak Selatan",
        ("Akcaya", "Benua Melayu Darat", "Benua Melayu Laut", "Kota Baru", "Parit Tokaya"),
    ),
    (
        "PTG",
        "Pontianak Tenggara",
        ("Bangka Belitung Darat", "Bangka Belitung Laut", "Bansir Darat", "Bansir Laut"),
    ),
    (
        "PT",
        "Pontianak Timur",
        (
            "Banjar Serasan",
            "Dalam Bugis",
            "Parit Mayor",
            "Saigon",
            "Tambelan Sampit",
            "Tanjung Hilir",
            "Tanjung Hulu",
        ),
    ),
    ("PU", "Pontianak Utara", ("Batu Layang", "Siantan Hilir", "Siantan Hulu", "Siantan Tengah")),
)

SD_STAFF: Staff = (
    ("guru_kelas", 11.0),
    ("guru_pjok", 1.4),
    ("guru_pai", 1.6),
    ("pengadministrasi", 0.9),
)
SMP_STAFF: Staff = (
    ("guru_bindo", 3.0),
    ("guru_mtk", 3.0),
    ("guru_ipa", 3.0),
    ("guru_ips", 2.6),
    ("guru_bing", 2.6),
    ("guru_ppkn", 2.0),
    ("guru_pai", 2.2),
    ("guru_pjok", 2.0),
    ("guru_senbud", 1.6),
    ("guru_informatika", 1.4),
    ("guru_bk", 2.0),
    ("pengadministrasi", 2.2),
    ("pustakawan", 0.5),
)
SD_PER_KECAMATAN = 10
SMP_COUNT = 24


def _schools() -> tuple[tuple[UnitSpec, ...], tuple[UnitSpec, ...]]:
    sd = tuple(
        UnitSpec(
            code=f"SDN{n:02d}{code}",
            name=f"SD Negeri {n:02d} {kec}",
            kind=K.SEKOLAH,
            head=None,
            staff=SD_STAFF,
        )
        for code, kec, _kel in KECAMATAN
        for n in range(1, SD_PER_KECAMATAN + 1)
    )
    smp = tuple(
        UnitSpec(
            code=f"SMPN{n:02d}",
            name=f"SMP Negeri {n} Pontianak",
            kind=K.SEKOLAH,
            head=None,
            staff=SMP_STAFF,
        )
        for n in range(1, SMP_COUNT + 1)
    )
    return sd, smp


_SD, _SMP = _schools()

DISDIKBUD = dinas(
    "DISDIKBUD",
    "Dinas Pendidikan dan Kebudayaan",
    "Disdikbud",
    bidang(
        "PAUD",
        "Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
        staff=(("analis_kebijakan", 1.2), ("penata_lo", 1.2), ("pengadministrasi", 0.8)),
    ),
    bidang(
        "SD", "Pembinaan Sekolah Dasar", staff=(("analis_kebijakan", 1.5), ("penata_lo", 1.5)), children=_SD
    ),
    bidang(
        "SMP",
        "Pembinaan Sekolah Menengah Pertama",
        staff=(("analis_kebijakan", 1.5), ("penata_lo", 1.5)),
        children=_SMP,
    ),
    bidang(
        "GTK",
        "Guru dan Tenaga Kependidikan",
        staff=(("pengawas_sekolah", 12.0), ("analis_sdma", 1.5), ("penata_lo", 1.5)),
    ),
    bidang(
        "BUD",
        "Kebudayaan",
        staff=(("pamong_budaya", 2.0), ("penata_lo", 1.0)),
        seksi=("Cagar Budaya dan Permuseuman", "Kesenian dan Tradisi"),
    ),
    domain="pendidikan",
)

# --- Dinas Kesehatan with its Puskesmas, and the RSUD ------------------------------------------

PUSKESMAS = (
    "Purnama",
    "Kampung Dalam",
    "Kampung Bangka",
    "Siantan Hilir",
    "Siantan Tengah",
    "Siantan Hulu",
    "Perumnas I",
    "Perumnas II",
    "Alianyang",
    "Tanjung Hulu",
    "Tanjung Hilir",
    "Gang Sehat",
    "Saigon",
    "Parit Mayor",
    "Banjar Serasan",
    "Khatulistiwa",
    "Telaga Biru",
    "Pal Tiga",
    "Pal Lima",
    "Kom Yos Sudarso",
    "Karya Mulia",
    "Paris II",
    "Kampung Bali",
)
PUSKESMAS_STAFF: Staff = (
    ("dokter", 2.0),
    ("dokter_gigi", 0.7),
    ("perawat", 6.0),
    ("bidan", 5.0),
    ("apoteker", 0.7),
    ("asisten_apoteker", 0.9),
    ("pranata_lab", 1.1),
    ("nutrisionis", 0.9),
    ("sanitarian", 0.9),
    ("penyuluh_kesehatan", 0.7),
    ("perekam_medis", 0.7),
    ("pengadministrasi", 1.4),
    ("pranata_keuangan", 0.4),
)

DINKES = dinas(
    "DINKES",
    "Dinas Kesehatan",
    "Dinkes",
    bidang(
        "KESMAS",
        "Kesehatan Masyarakat",
        staff=(("nutrisionis", 1.0), ("penyuluh_kesehatan", 1.5), ("administrator_kesehatan", 1.5)),
        seksi=("Kesehatan Keluarga dan Gizi", "Promosi Kesehatan dan Pemberdayaan Masyarakat"),
    ),
    bidang(
        "P2P",
        "Pencegahan dan Pengendalian Penyakit",
        staff=(("epidemiolog", 2.0), ("sanitarian", 1.0), ("administrator_kesehatan", 1.0)),
        seksi=("Surveilans dan Imunisasi", "Pengendalian Penyakit Menular"),
    ),
    bidang(
        "YANKES",
        "Pelayanan dan Sumber Daya Kesehatan",
        staff=(
            ("administrator_kesehatan", 2.0),
            ("apoteker", 1.0),
            ("pranata_komputer", 1.0),
            ("pengadministrasi", 1.5),
        ),
        persona="kabid_dinkes",
    ),
    *(
        UnitSpec(
            code=f"PKM{i + 1:02d}",
            name=f"UPT Puskesmas {name}",
            kind=K.PUSKESMAS,
            short_name=f"Puskesmas {name}",
            staff=PUSKESMAS_STAFF,
            domain="kesehatan_fungsional",
        )
        for i, name in enumerate(PUSKESMAS)
    ),
    upt(
        "LABKESDA",
        "Laboratorium Kesehatan Daerah",
        (("pranata_lab", 4.0), ("dokter", 0.5), ("pengadministrasi", 1.0)),
    ),
    upt("IFK", "Instalasi Farmasi", (("apoteker", 1.5), ("asisten_apoteker", 2.5), ("operator_lo", 1.0))),
    domain="kesehatan",
)

RSUD = UnitSpec(
    code="RSUD",
    name="RSUD Sultan Syarif Mohamad Alkadrie",
    short_name="RSUD SSMA",
    kind=K.RSUD,
    head="Direktur RSUD Sultan Syarif Mohamad Alkadrie",
    is_opd=True,
    domain="rumah_sakit",
    staff=(("pengadministrasi", 1.0),),
    children=(
        bagian(
            "TU",
            "Tata Usaha",
            subbag=("Umum dan Kepegawaian", "Keuangan dan Perencanaan"),
            staff=(
                ("pengadministrasi", 14.0),
                ("operator_lo", 10.0),
                ("teknisi_sp", 8.0),
                ("pranata_keuangan", 7.0),
                ("analis_sdma", 2.0),
                ("pranata_komputer", 2.0),
            ),
            domain="umum",
        ),
        bidang(
            "YANMED",
            "Pelayanan Medik",
            staff=(("dokter_spesialis", 24.0), ("dokter_gigi", 3.0)),
            seksi=(
                ("Pelayanan Medik Rawat Inap", (("dokter", 8.0), ("perekam_medis", 4.0))),
                ("Pelayanan Medik Rawat Jalan dan Gawat Darurat", (("dokter", 8.0), ("perekam_medis", 6.0))),
            ),
        ),
        # Nurses work in the wards: the Seksi heads rate them, not one Kabid for a hundred and fifty.
        bidang(
            "KEP",
            "Keperawatan",
            staff=(("perawat", 4.0),),
            seksi=(
                ("Keperawatan Rawat Inap", (("perawat", 70.0), ("bidan", 12.0))),
                ("Keperawatan Rawat Jalan dan Gawat Darurat", (("perawat", 40.0), ("bidan", 6.0))),
                ("Mutu dan Etika Keperawatan", (("perawat", 16.0), ("bidan", 4.0))),
            ),
        ),
        bidang(
            "JANG",
            "Penunjang Medik dan Nonmedik",
            staff=(("apoteker", 6.0), ("asisten_apoteker", 10.0)),
            seksi=(
                (
                    "Penunjang Medik",
                    (("pranata_lab", 12.0), ("radiografer", 6.0), ("fisioterapis", 4.0)),
                ),
                ("Penunjang Nonmedik", (("nutrisionis", 6.0), ("sanitarian", 3.0), ("teknisi_sp", 4.0))),
            ),
        ),
    ),
)

# --- the other dinas and badan -------------------------------------------------------------------

TECH: Staff = (("teknik_jalan", 1.2), ("teknisi_sp", 1.5), ("penata_lo", 0.8))

OTHER_OPDS = (
    dinas(
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas PUPR",
        bidang(
            "BM",
            "Bina Marga",
            staff=(("teknik_jalan", 4.0), ("teknisi_sp", 4.0), ("operator_lo", 2.0)),
            seksi=("Pembangunan Jalan dan Jembatan", "Preservasi Jalan dan Jembatan"),
        ),
        bidang(
            "SDA",
            "Sumber Daya Air",
            staff=(("teknik_pengairan", 4.0), ("teknisi_sp", 5.0), ("operator_lo", 3.0)),
            seksi=("Drainase dan Parit Primer", "Pengelolaan Sungai dan Pengendalian Banjir"),
        ),
        bidang("CK", "Cipta Karya", staff=(("teknik_tata_bangunan", 3.0), ("teknisi_sp", 2.0))),
        bidang("TR", "Penataan Ruang", staff=(("penata_ruang", 3.0), ("penata_lo", 1.0))),
        domain="teknik",
    ),
    dinas(
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        bidang(
            "PDP",
            "Pelayanan Pendaftaran Penduduk",
            staff=(("adminduk", 2.0), ("pengadministrasi", 4.0), ("operator_lo", 2.0)),
        ),
        bidang(
            "CAPIL",
            "Pelayanan Pencatatan Sipil",
            staff=(("adminduk", 1.0), ("pengadministrasi", 3.0), ("operator_lo", 1.0)),
        ),
        bidang(
            "PIAK",
            "Pengelolaan Informasi Administrasi Kependudukan",
            staff=(("adminduk", 2.0), ("pranata_komputer", 2.0)),
        ),
        bidang(
            "PDIP",
            "Pemanfaatan Data dan Inovasi Pelayanan",
            staff=(("analis_kebijakan", 1.0), ("statistisi", 1.0), ("penata_lo", 1.0)),
        ),
    ),
    dinas(
        "DPMPTSP",
        "Dinas Penanaman Modal, Tenaga Kerja dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        bidang("PM", "Penanaman Modal", staff=(("analis_kebijakan", 2.0), ("penata_lo", 1.0))),
        bidang(
            "YANPER",
            "Pelayanan Perizinan dan Nonperizinan",
            staff=(("penata_lo", 3.0), ("pengadministrasi", 3.0), ("operator_lo", 1.0)),
        ),
        bidang(
            "NAKER",
            "Tenaga Kerja",
            staff=(("pengantar_kerja", 1.5), ("mediator_hi", 1.5), ("penata_lo", 1.0)),
            seksi=("Penempatan dan Perluasan Kesempatan Kerja", "Hubungan Industrial dan Jaminan Sosial"),
        ),
        upt("BLK", "Pelatihan Kerja", (("instruktur", 3.0), ("pengadministrasi", 1.0))),
    ),
    dinas(
        "DISHUB",
        "Dinas Perhubungan",
        "Dishub",
        bidang(
            "LLAJ",
            "Lalu Lintas",
            staff=(("operator_lo", 8.0), ("teknisi_sp", 3.0), ("penata_lo", 1.0)),
            seksi=("Manajemen dan Rekayasa Lalu Lintas", "Pengendalian dan Operasional"),
        ),
        bidang("ANGKUTAN", "Angkutan", staff=(("penata_lo", 2.0), ("operator_lo", 2.0))),
        bidang("SARPRAS", "Sarana dan Prasarana", staff=(("teknisi_sp", 3.0), ("penata_lo", 1.0))),
        upt("PKB", "Pengujian Kendaraan Bermotor", (("penguji_kendaraan", 5.0), ("pengadministrasi", 1.5))),
        upt("PARKIR", "Perparkiran", (("operator_lo", 4.0), ("pengadministrasi", 1.0))),
    ),
    dinas(
        "DISKOMINFO",
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        bidang("IKP", "Informasi dan Komunikasi Publik", staff=(("pranata_humas", 4.0), ("penata_lo", 1.0))),
        bidang("APTIKA", "Aplikasi Informatika", staff=(("pranata_komputer", 5.0), ("penata_lo", 1.0))),
        bidang(
            "INFRA",
            "Infrastruktur Teknologi Informasi dan Komunikasi",
            staff=(("pranata_komputer", 3.0), ("teknisi_sp", 1.0)),
        ),
        bidang("STATSAN", "Statistik dan Persandian", staff=(("statistisi", 2.0), ("sandiman", 2.0))),
    ),
    dinas(
        "DLH",
        "Dinas Lingkungan Hidup",
        "DLH",
        bidang("TALING", "Tata Lingkungan", staff=(("pengendali_dampak", 3.0), ("penata_lo", 1.0))),
        bidang(
            "PPKL",
            "Pengendalian Pencemaran dan Kerusakan Lingkungan",
            staff=(("pengendali_dampak", 3.0), ("pranata_lab", 1.0)),
        ),
        bidang(
            "SAMPAH",
            "Pengelolaan Sampah dan Limbah B3",
            staff=(("operator_lo", 10.0), ("teknisi_sp", 4.0), ("penata_lo", 1.0)),
            seksi=("Penanganan Sampah", "Pengurangan Sampah dan Limbah B3"),
        ),
        upt("TPA", "TPA Batu Layang", (("operator_lo", 6.0), ("teknisi_sp", 3.0))),
    ),
    dinas(
        "DINSOS",
        "Dinas Sosial",
        "Dinsos",
        bidang("REHSOS", "Rehabilitasi Sosial", staff=(("pekerja_sosial", 3.0), ("penata_lo", 1.0))),
        bidang(
            "LINJAMSOS",
            "Perlindungan dan Jaminan Sosial",
            staff=(("penyuluh_sosial", 2.0), ("penata_lo", 1.5)),
        ),
        bidang(
            "DAYASOS",
            "Pemberdayaan Sosial dan Penanganan Fakir Miskin",
            staff=(("pekerja_sosial", 2.0), ("pengadministrasi", 1.5)),
        ),
    ),
    dinas(
        "DPPKBP3A",
        "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak",
        "DPPKBP3A",
        bidang(
            "DALDUK",
            "Pengendalian Penduduk, Penyuluhan dan Penggerakan",
            staff=(("penyuluh_kb", 8.0), ("penata_lo", 1.0)),
        ),
        bidang(
            "KB", "Keluarga Berencana dan Ketahanan Keluarga", staff=(("penyuluh_kb", 5.0), ("bidan", 1.0))
        ),
        bidang("PP", "Pemberdayaan Perempuan", staff=(("analis_kebijakan", 1.5), ("penata_lo", 1.0))),
        bidang("PA", "Perlindungan Anak", staff=(("pekerja_sosial", 1.5), ("penata_lo", 1.0))),
        upt("PPA", "Perlindungan Perempuan dan Anak", (("pekerja_sosial", 2.0), ("psikolog", 1.0))),
    ),
    dinas(
        "DKUMP",
        "Dinas Koperasi, Usaha Mikro dan Perdagangan",
        "DKUMP",
        bidang("KOP", "Koperasi", staff=(("pengawas_koperasi", 2.0), ("penata_lo", 1.0))),
        bidang("UM", "Usaha Mikro", staff=(("penyuluh_koperasi", 2.0), ("penata_lo", 1.0))),
        bidang(
            "DAG",
            "Perdagangan",
            staff=(("pengawas_perdagangan", 2.0), ("penata_lo", 1.5)),
            seksi=("Sarana Perdagangan dan Pasar", "Stabilisasi Harga dan Distribusi Barang"),
        ),
        upt("METRO", "Metrologi Legal", (("penera", 4.0), ("pengadministrasi", 1.0))),
        upt("PASAR", "Pengelolaan Pasar", (("operator_lo", 6.0), ("pengadministrasi", 2.0))),
    ),
    dinas(
        "DISPORAPAR",
        "Dinas Kepemudaan, Olahraga dan Pariwisata",
        "Disporapar",
        bidang("PEMUDA", "Kepemudaan", staff=(("analis_kebijakan", 1.5), ("penata_lo", 1.0))),
        bidang("OR", "Keolahragaan", staff=(("analis_kebijakan", 1.0), ("operator_lo", 2.0))),
        bidang(
            "PAR",
            "Pariwisata dan Ekonomi Kreatif",
            staff=(("adyatama_kepariwisataan", 2.0), ("penata_lo", 1.0)),
        ),
    ),
    dinas(
        "DISPERPUS",
        "Dinas Perpustakaan",
        "Disperpus",
        bidang(
            "LAYANAN",
            "Layanan dan Pelestarian Bahan Perpustakaan",
            staff=(("pustakawan", 5.0), ("pengadministrasi", 1.0)),
        ),
        bidang(
            "PENGEMBANGAN",
            "Pengembangan Perpustakaan dan Pembudayaan Kegemaran Membaca",
            staff=(("pustakawan", 3.0), ("penata_lo", 1.0)),
        ),
        bidang("ARSIP", "Kearsipan", staff=(("arsiparis", 4.0), ("pengadministrasi", 1.0))),
    ),
    dinas(
        "DP3",
        "Dinas Pangan, Pertanian dan Perikanan",
        "DP3",
        bidang("PANGAN", "Ketahanan Pangan", staff=(("analis_ketahanan_pangan", 2.0), ("penata_lo", 1.0))),
        bidang("TANI", "Pertanian", staff=(("penyuluh_pertanian", 6.0), ("penata_lo", 1.0))),
        bidang("IKAN", "Perikanan", staff=(("penyuluh_perikanan", 3.0), ("penata_lo", 1.0))),
        bidang(
            "NAKKESWAN",
            "Peternakan dan Kesehatan Hewan",
            staff=(("medik_veteriner", 2.0), ("paramedik_veteriner", 2.0)),
        ),
        upt("RPH", "Rumah Potong Hewan", (("paramedik_veteriner", 2.0), ("operator_lo", 3.0))),
    ),
    dinas(
        "DISPERKIM",
        "Dinas Perumahan dan Kawasan Permukiman",
        "Disperkim",
        bidang("RUMAH", "Perumahan", staff=(("teknik_tata_bangunan", 2.0), ("penata_lo", 1.0))),
        bidang("KAWASAN", "Kawasan Permukiman", staff=(("teknik_tata_bangunan", 2.0), ("penata_lo", 1.0))),
        bidang("TANAH", "Pertanahan", staff=(("penata_lo", 2.0), ("pengadministrasi", 1.0))),
        bidang(
            "PJU",
            "Pertamanan dan Penerangan Jalan Umum",
            staff=(("teknisi_sp", 8.0), ("operator_lo", 6.0)),
            seksi=("Pertamanan", "Penerangan Jalan Umum"),
        ),
        domain="teknik",
    ),
    dinas(
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        bidang("GAKDA", "Penegakan Peraturan Daerah", staff=(("polisi_pp", 30.0), ("penata_lo", 1.0))),
        bidang(
            "TIBUM",
            "Ketertiban Umum dan Ketenteraman Masyarakat",
            staff=(("polisi_pp", 15.0), ("operator_lo", 4.0)),
            seksi=(
                ("Operasi dan Pengendalian", (("polisi_pp", 22.0),)),
                ("Pengamanan dan Pengawalan", (("polisi_pp", 18.0),)),
            ),
        ),
        bidang("LINMAS", "Perlindungan Masyarakat", staff=(("polisi_pp", 25.0), ("penata_lo", 1.0))),
        kind=K.SATPOL_PP,
        domain="hukum",
    ),
    dinas(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        bidang(
            "PPI",
            "Pengadaan, Pemberhentian dan Informasi Kepegawaian",
            staff=(("analis_sdma", 2.0), ("pranata_komputer", 1.5), ("pengadministrasi", 2.0)),
        ),
        bidang("MP", "Mutasi dan Promosi", staff=(("analis_sdma", 3.0), ("pengadministrasi", 2.0))),
        bidang(
            "PK",
            "Pengembangan Kompetensi",
            staff=(("analis_sdma", 2.0), ("asesor_sdma", 2.0), ("widyaiswara", 1.0)),
        ),
        bidang("PKP", "Penilaian Kinerja dan Penghargaan", staff=(("analis_sdma", 3.0), ("penata_lo", 1.0))),
        kind=K.BADAN,
    ),
    dinas(
        "BAPPERIDA",
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        "Bapperida",
        bidang(
            "PPE",
            "Perencanaan, Pengendalian dan Evaluasi Pembangunan",
            staff=(("perencana", 4.0), ("penata_lo", 1.0)),
        ),
        bidang("PPM", "Pemerintahan dan Pembangunan Manusia", staff=(("perencana", 3.0),)),
        bidang(
            "PIK",
            "Perekonomian, Infrastruktur dan Kewilayahan",
            staff=(("perencana", 3.0), ("penata_ruang", 1.0)),
        ),
        bidang("RISNOV", "Riset dan Inovasi", staff=(("peneliti", 2.0), ("analis_kebijakan", 2.0))),
        kind=K.BADAN,
    ),
    dinas(
        "BPKAD",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        bidang("ANGGARAN", "Anggaran", staff=(("analis_keuangan", 4.0), ("pranata_keuangan", 2.0))),
        bidang("PERBEND", "Perbendaharaan", staff=(("pranata_keuangan", 5.0), ("analis_keuangan", 2.0))),
        bidang(
            "AKUNTANSI",
            "Akuntansi dan Pelaporan",
            staff=(("analis_keuangan", 3.0), ("pranata_keuangan", 3.0)),
        ),
        bidang(
            "ASET", "Aset", staff=(("penilai_pemerintah", 2.0), ("penata_lo", 2.0), ("pengadministrasi", 2.0))
        ),
        kind=K.BADAN,
        domain="keuangan",
    ),
    dinas(
        "BAPENDA",
        "Badan Pendapatan Daerah",
        "Bapenda",
        bidang(
            "DATA",
            "Pendataan dan Penetapan",
            staff=(("penata_lo", 4.0), ("pengadministrasi", 4.0)),
            seksi=("Pendataan dan Pendaftaran", "Penetapan dan Penerbitan Ketetapan Pajak"),
        ),
        bidang("TAGIH", "Penagihan dan Keberatan", staff=(("penata_lo", 3.0), ("pengadministrasi", 3.0))),
        bidang("PBB", "Pajak Bumi dan Bangunan", staff=(("penilai_pemerintah", 2.0), ("penata_lo", 2.0))),
        bidang(
            "BANGDAL",
            "Pengembangan dan Pengendalian",
            staff=(("analis_keuangan", 2.0), ("pranata_komputer", 1.0)),
        ),
        kind=K.BADAN,
        domain="keuangan",
    ),
    dinas(
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        bidang("PK", "Pencegahan dan Kesiapsiagaan", staff=(("penata_bencana", 2.0), ("operator_lo", 2.0))),
        bidang(
            "KL",
            "Kedaruratan dan Logistik",
            staff=(("penata_bencana", 2.0), ("operator_lo", 4.0), ("teknisi_sp", 2.0)),
        ),
        bidang("RR", "Rehabilitasi dan Rekonstruksi", staff=(("penata_bencana", 1.5), ("penata_lo", 1.0))),
        kind=K.BADAN,
        head="Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
    ),
    dinas(
        "KESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        "Kesbangpol",
        bidang(
            "IDEOLOGI",
            "Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
            staff=(("analis_kebijakan", 1.5), ("penata_lo", 1.0)),
        ),
        bidang(
            "POLDAGRI",
            "Politik Dalam Negeri dan Organisasi Kemasyarakatan",
            staff=(("analis_kebijakan", 1.5), ("penata_lo", 1.0)),
        ),
        bidang(
            "KETAHANAN",
            "Ketahanan Ekonomi, Sosial, Budaya, Agama dan Penanganan Konflik",
            staff=(("analis_kebijakan", 1.5), ("pengadministrasi", 1.0)),
        ),
        kind=K.BADAN,
    ),
)

# --- the six Kecamatan with their Kelurahan -----------------------------------------------------

KECAMATAN_SEKSI = (
    ("PEM", "Tata Pemerintahan"),
    ("TRANTIB", "Ketenteraman dan Ketertiban Umum"),
    ("PMD", "Pemberdayaan Masyarakat"),
    ("EKBANG", "Ekonomi dan Pembangunan"),
    ("YANUM", "Pelayanan Umum dan Kesejahteraan Sosial"),
)
KELURAHAN_STAFF: Staff = (
    ("pengadministrasi", 2.4),
    ("penata_lo", 1.0),
    ("operator_lo", 1.2),
    ("penggerak_swadaya", 0.6),
)


def _kecamatan(code: str, name: str, kelurahan: tuple[str, ...]) -> UnitSpec:
    seksi = tuple(
        UnitSpec(
            code=c, name=f"Seksi {n}", kind=K.SEKSI, staff=(("penata_lo", 1.0), ("pengadministrasi", 1.0))
        )
        for c, n in KECAMATAN_SEKSI
    )
    kel = tuple(
        UnitSpec(
            code=f"KEL{i + 1}",
            name=f"Kelurahan {k}",
            kind=K.KELURAHAN,
            head=f"Lurah {k}",
            staff=KELURAHAN_STAFF,
            singletons=((f"Sekretaris Kelurahan {k}", "pengawas", "pamong"),),
            persona="lurah" if k == "Sungai Bangkong" else "",
        )
        for i, k in enumerate(kelurahan)
    )
    return UnitSpec(
        code=f"KEC{code}",
        name=f"Kecamatan {name}",
        short_name=f"Kec. {name}",
        kind=K.KECAMATAN,
        head=f"Camat {name}",
        is_opd=True,
        domain="pamong",
        staff=(("pengadministrasi", 1.0), ("operator_lo", 1.0)),
        children=(sekretariat(), *seksi, *kel),
    )


KECAMATAN_UNITS = tuple(_kecamatan(code, name, kel) for code, name, kel in KECAMATAN)

OPDS: tuple[UnitSpec, ...] = (
    SETDA,
    SETWAN,
    INSPEKTORAT,
    DISDIKBUD,
    DINKES,
    RSUD,
    *OTHER_OPDS,
    *KECAMATAN_UNITS,
)

PEMDA = UnitSpec(
    code="PEMKOT",
    name="Pemerintah Kota Pontianak",
    short_name="Pemkot Pontianak",
    kind=K.PEMDA,
    head=None,  # the Wali Kota is an elected official, not a position of the civil service
    children=OPDS,
    domain="umum",
)
