"""Reference data: the BerAKHLAK values with their behaviour guides, and the shared indicator library.

`seed_reference_data()` is idempotent (upsert by code); the data migration and the demo call it."""

from __future__ import annotations

from decimal import Decimal

# (code, name, meaning, [3 panduan perilaku]) — SE MenPANRB 20/2021, regulation.md §1.3
CORE_VALUES = [
    (
        "berorientasi_pelayanan",
        "Berorientasi Pelayanan",
        "Komitmen memberikan pelayanan prima demi kepuasan masyarakat",
        [
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ],
    ),
    (
        "akuntabel",
        "Akuntabel",
        "Bertanggung jawab atas kepercayaan yang diberikan",
        [
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ],
    ),
    (
        "kompeten",
        "Kompeten",
        "Terus belajar dan mengembangkan kapabilitas",
        [
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ],
    ),
    (
        "harmonis",
        "Harmonis",
        "Saling peduli dan menghargai perbedaan",
        [
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ],
    ),
    (
        "loyal",
        "Loyal",
        "Berdedikasi dan mengutamakan kepentingan bangsa dan negara",
        [
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
            "setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ],
    ),
    (
        "adaptif",
        "Adaptif",
        "Terus berinovasi dan antusias dalam menggerakkan serta menghadapi perubahan",
        [
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ],
    ),
    (
        "kolaboratif",
        "Kolaboratif",
        "Membangun kerja sama yang sinergis",
        [
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
        ],
    ),
]

# code, sector, name, definition, unit, direction, aspect, aggregation, suggested target, reference
LIBRARY = [
    (
        "kes-imunisasi-dasar-lengkap",
        "kesehatan",
        "Cakupan imunisasi dasar lengkap (IDL) pada bayi",
        "Jumlah bayi usia 0–11 bulan yang mendapat imunisasi dasar lengkap dibagi jumlah sasaran bayi "
        "pada tahun berjalan, dikali 100%. Dihitung kumulatif sejak Januari.",
        "%",
        "higher",
        "kualitas",
        "last",
        Decimal("95"),
        "SPM bidang kesehatan (Permenkes 4/2019); Renstra Dinas Kesehatan",
    ),
    (
        "kes-bumil-standar",
        "kesehatan",
        "Persentase ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar",
        "Jumlah ibu hamil yang mendapat pelayanan antenatal sesuai standar dibagi jumlah sasaran ibu hamil, "
        "dikali 100%.",
        "%",
        "higher",
        "kualitas",
        "last",
        Decimal("100"),
        "SPM bidang kesehatan (Permenkes 4/2019)",
    ),
    (
        "kes-prevalensi-stunting",
        "kesehatan",
        "Prevalensi balita stunting",
        "Jumlah balita dengan tinggi badan menurut umur di bawah −2 SD dibagi jumlah balita yang diukur, "
        "dikali 100%.",
        "%",
        "lower",
        "kualitas",
        "last",
        Decimal("14"),
        "RPJMN; e-PPGBM",
    ),
    (
        "dukcapil-waktu-ktp-el",
        "kependudukan",
        "Waktu penyelesaian pelayanan KTP-el",
        "Rata-rata hari kerja sejak berkas permohonan KTP-el lengkap diterima sampai KTP-el siap diserahkan.",
        "hari kerja",
        "lower",
        "waktu",
        "average",
        Decimal("1"),
        "Standar pelayanan Disdukcapil; Permendagri 19/2018",
    ),
    (
        "dukcapil-waktu-kk",
        "kependudukan",
        "Waktu penyelesaian penerbitan Kartu Keluarga (KK)",
        "Rata-rata hari kerja sejak berkas permohonan KK lengkap diterima sampai KK diterbitkan.",
        "hari kerja",
        "lower",
        "waktu",
        "average",
        Decimal("1"),
        "Standar pelayanan Disdukcapil; Permendagri 19/2018",
    ),
    (
        "dukcapil-waktu-akta-lahir",
        "kependudukan",
        "Waktu penyelesaian penerbitan akta kelahiran",
        "Rata-rata hari kerja sejak berkas permohonan akta kelahiran lengkap diterima sampai akta "
        "diterbitkan.",
        "hari kerja",
        "lower",
        "waktu",
        "average",
        Decimal("1"),
        "Standar pelayanan Disdukcapil; Permendagri 19/2018",
    ),
    (
        "dukcapil-cakupan-akta-anak",
        "kependudukan",
        "Cakupan kepemilikan akta kelahiran anak usia 0–18 tahun",
        "Jumlah anak usia 0–18 tahun yang memiliki akta kelahiran dibagi jumlah anak usia 0–18 tahun, "
        "dikali 100%.",
        "%",
        "higher",
        "kualitas",
        "last",
        Decimal("98"),
        "Indikator kinerja Ditjen Dukcapil",
    ),
    (
        "ptsp-waktu-izin",
        "perizinan",
        "Waktu penyelesaian perizinan berusaha dan nonberusaha di DPMPTSP",
        "Rata-rata hari kerja sejak permohonan izin dinyatakan lengkap dan benar sampai izin terbit.",
        "hari kerja",
        "lower",
        "waktu",
        "average",
        Decimal("5"),
        "Standar pelayanan DPMPTSP; PP 5/2021",
    ),
    (
        "ptsp-izin-tepat-waktu",
        "perizinan",
        "Persentase izin yang terbit tepat waktu sesuai standar pelayanan",
        "Jumlah izin yang terbit dalam batas waktu standar pelayanan dibagi jumlah izin yang terbit, "
        "dikali 100%.",
        "%",
        "higher",
        "waktu",
        "average",
        Decimal("95"),
        "Standar pelayanan DPMPTSP",
    ),
    (
        "yanlik-waktu-pengaduan",
        "pelayanan_publik",
        "Waktu penyelesaian pengaduan masyarakat",
        "Rata-rata hari kerja sejak pengaduan diterima (SP4N-LAPOR! atau kanal lain) sampai dinyatakan "
        "selesai ditindaklanjuti.",
        "hari kerja",
        "lower",
        "waktu",
        "average",
        Decimal("5"),
        "Perpres 76/2013; PermenPANRB 62/2018",
    ),
    (
        "yanlik-pengaduan-tuntas",
        "pelayanan_publik",
        "Persentase pengaduan masyarakat yang ditindaklanjuti tuntas",
        "Jumlah pengaduan yang selesai ditindaklanjuti dibagi jumlah pengaduan yang diterima, dikali 100%.",
        "%",
        "higher",
        "kualitas",
        "average",
        Decimal("100"),
        "Perpres 76/2013",
    ),
    (
        "yanlik-ikm",
        "pelayanan_publik",
        "Indeks Kepuasan Masyarakat (IKM) hasil Survei Kepuasan Masyarakat (SKM)",
        "Nilai SKM unit pelayanan: rata-rata tertimbang 9 unsur pelayanan dikali 25 (skala 25–100).",
        "indeks",
        "higher",
        "kualitas",
        "last",
        Decimal("82"),
        "PermenPANRB 14/2017",
    ),
    (
        "pegawai-20jp",
        "kepegawaian",
        "Persentase ASN yang memenuhi 20 JP pengembangan kompetensi",
        "Jumlah ASN dengan paling sedikit 20 jam pelajaran pengembangan kompetensi dalam setahun dibagi "
        "jumlah ASN, dikali 100%.",
        "%",
        "higher",
        "kualitas",
        "last",
        Decimal("80"),
        "PP 17/2020; Peraturan LAN 10/2018",
    ),
    (
        "keu-realisasi-anggaran",
        "keuangan",
        "Persentase realisasi anggaran",
        "Realisasi belanja dibagi pagu anggaran perubahan, dikali 100%.",
        "%",
        "higher",
        "biaya",
        "last",
        Decimal("95"),
        "Laporan realisasi anggaran",
    ),
    (
        "umum-dokumen-tersusun",
        "umum",
        "Jumlah dokumen/laporan yang tersusun",
        "Jumlah dokumen atau laporan yang selesai disusun dan disahkan pada periode berjalan.",
        "dokumen",
        "higher",
        "kuantitas",
        "sum",
        Decimal("12"),
        "Umum",
    ),
    (
        "umum-ketepatan-laporan",
        "umum",
        "Persentase laporan yang disampaikan tepat waktu",
        "Jumlah laporan yang disampaikan sebelum batas waktu dibagi jumlah laporan wajib, dikali 100%.",
        "%",
        "higher",
        "waktu",
        "average",
        Decimal("100"),
        "Umum",
    ),
    (
        "pu-jalan-mantap",
        "pekerjaan_umum",
        "Persentase panjang jalan kota dalam kondisi mantap",
        "Panjang jalan kota dalam kondisi baik dan sedang dibagi panjang seluruh jalan kota, dikali 100%.",
        "%",
        "higher",
        "kualitas",
        "last",
        Decimal("85"),
        "SPM/Renstra Dinas PUPR",
    ),
    (
        "didik-aps-smp",
        "pendidikan",
        "Angka partisipasi sekolah (APS) usia 13–15 tahun",
        "Jumlah penduduk usia 13–15 tahun yang bersekolah dibagi jumlah penduduk usia 13–15 tahun, "
        "dikali 100%.",
        "%",
        "higher",
        "kualitas",
        "last",
        Decimal("98"),
        "SPM bidang pendidikan",
    ),
]


def seed_reference_data(apps_registry=None) -> dict[str, int]:
    """Upsert the core values, behaviour guides and shared library; return how many of each."""
    if apps_registry is None:
        from django.apps import apps as apps_registry
    CoreValue = apps_registry.get_model("performance", "CoreValue")
    BehaviourGuide = apps_registry.get_model("performance", "BehaviourGuide")
    IndicatorTemplate = apps_registry.get_model("performance", "IndicatorTemplate")
    for order, (code, name, meaning, guides) in enumerate(CORE_VALUES, start=1):
        value, _created = CoreValue.objects.update_or_create(
            code=code, defaults={"name": name, "meaning": meaning, "order": order}
        )
        for g_order, text in enumerate(guides, start=1):
            BehaviourGuide.objects.update_or_create(value=value, order=g_order, defaults={"text": text})
    for code, sector, name, definition, unit, direction, aspect, aggregation, target, ref in LIBRARY:
        IndicatorTemplate.objects.update_or_create(
            code=code,
            defaults={
                "instansi": None,
                "sector": sector,
                "name": name,
                "definition": definition,
                "unit": unit,
                "direction": direction,
                "aspect": aspect,
                "aggregation": aggregation,
                "suggested_target": target,
                "reference": ref,
            },
        )
    return {"values": len(CORE_VALUES), "guides": 3 * len(CORE_VALUES), "library": len(LIBRARY)}
