"""The competency dictionary as data: the 8 managerial and 1 socio-cultural competencies of
PermenPANRB 38/2017 (definitions, level descriptions and behaviour indicators), and example technical
competencies for the fields Pembina's demo city uses (health, civil registry, permits, IT, complaints).

Each entry: (code, name, kind, field, definition, [(level title, [indicators…]) × 5]).
"""

from __future__ import annotations

MANAGERIAL = "managerial"
SOCIO = "socio_cultural"
TECHNICAL = "technical"

DICTIONARY = [
    (
        "integritas",
        "Integritas",
        MANAGERIAL,
        "",
        "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur dalam hubungan "
        "dengan manajemen, rekan kerja, bawahan langsung, dan pemangku kepentingan, menciptakan budaya etika "
        "tinggi, bertanggung jawab atas tindakan atau keputusan beserta risiko yang menyertainya.",
        [
            (
                "Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi",
                [
                    "Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta",
                    "Melaksanakan peraturan, kode etik organisasi dalam lingkungan kerja sehari-hari, pada tataran individu/pribadi",
                    "Tidak menjanjikan/memberikan sesuatu yang bertentangan dengan aturan organisasi",
                ],
            ),
            (
                "Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi",
                [
                    "Mengingatkan rekan kerja untuk bertindak sesuai dengan nilai, norma, dan etika organisasi",
                    "Mengajak orang lain untuk bertindak sesuai etika dan kode etik",
                ],
            ),
            (
                "Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, "
                "norma, dan etika organisasi, dalam lingkup formal",
                [
                    "Memastikan anggota yang dipimpin bertindak sesuai dengan nilai, norma, dan etika organisasi",
                    "Mampu memberi apresiasi dan teguran bagi anggota yang dipimpin agar bertindak selaras dengan nilai, norma, dan etika organisasi",
                    "Melakukan monitoring dan evaluasi terhadap penerapan sikap integritas di dalam unit kerja yang dipimpin",
                ],
            ),
            (
                "Mampu menciptakan situasi kerja yang membuat rekan kerja tetap bertindak sesuai nilai, norma, dan "
                "etika organisasi dalam segala situasi dan kondisi",
                [
                    "Mendukung dan menerapkan prinsip moral dan standar etika yang tinggi, serta berani menanggung konsekuensinya",
                    "Berani melakukan koreksi atau mengambil tindakan atas penyimpangan kode etik/nilai-nilai yang dilakukan oleh orang lain, pada tataran lingkup kerja yang menjadi tanggung jawabnya",
                    "Membangun budaya kerja yang mendukung penerapan integritas",
                ],
            ),
            (
                "Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat nasional",
                [
                    "Menciptakan standar etika organisasi dan memastikan penerapannya",
                    "Menjadi contoh dalam penerapan standar keadilan dan etika di tingkat nasional",
                    "Membuat kebijakan yang menjaga integritas organisasi, termasuk sistem pencegahan penyimpangan",
                ],
            ),
        ],
    ),
    (
        "kerja-sama",
        "Kerja Sama",
        MANAGERIAL,
        "",
        "Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki komitmen saling "
        "membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumber daya untuk mencapai tujuan "
        "strategis organisasi.",
        [
            (
                "Berpartisipasi dalam kelompok kerja",
                [
                    "Berpartisipasi sebagai anggota tim yang baik, melakukan tugas/bagiannya, dan mendukung keputusan tim",
                    "Mendengarkan dan menghargai masukan dari orang lain dan memberikan usulan-usulan bagi kepentingan tim",
                    "Mampu menjalin interaksi sosial untuk penyelesaian tugas",
                ],
            ),
            (
                "Menumbuhkan tim kerja yang partisipatif dan efektif",
                [
                    "Membantu orang lain dalam menyelesaikan tugas-tugas mereka untuk mendukung sasaran tim",
                    "Berbagi informasi yang relevan atau bermanfaat pada anggota tim; mempertimbangkan masukan dan keahlian anggota dalam tim/kelompok kerja serta bersedia untuk belajar dari orang lain",
                    "Membangun komitmen yang tinggi untuk menyelesaikan tugas tim",
                ],
            ),
            (
                "Efektif membangun tim kerja untuk peningkatan kinerja organisasi",
                [
                    "Melihat kekuatan/kelemahan anggota tim, membentuk tim yang tepat, mengantisipasi kemungkinan hambatan, dan mencari solusi yang optimal",
                    "Mengupayakan dan mengutamakan pengambilan keputusan berdasarkan usulan-usulan anggota tim/kelompok, bernegosiasi secara efektif untuk upaya penyelesaian pekerjaan yang menjadi target kinerja kelompok dan/atau unit kerja",
                    "Membangun aliansi dengan para pemangku kepentingan dalam rangka mendukung penyelesaian target kerja kelompok",
                ],
            ),
            (
                "Membangun komitmen tim, sinergi",
                [
                    "Membangun sinergi antarunit kerja di lingkup instansi yang dipimpin",
                    "Memfasilitasi kepentingan yang berbeda dari unit kerja lain sehingga tercipta sinergi dalam rangka pencapaian target kerja organisasi",
                    "Mengembangkan sistem yang menghargai kerja sama antarunit, memberikan dukungan/semangat untuk memastikan tercapainya sinergi dalam rangka pencapaian target kerja organisasi",
                ],
            ),
            (
                "Menciptakan situasi kerja sama secara konsisten, baik di dalam maupun di luar instansi",
                [
                    "Menciptakan hubungan kerja yang konstruktif dengan menerapkan norma/etos/nilai-nilai kerja yang baik di dalam dan di luar organisasi; meningkatkan integritas tim",
                    "Membangun konsensus untuk menggabungkan sumber daya dari berbagai pihak untuk tujuan bangsa dan negara",
                    "Membangun kerja sama strategis di tingkat nasional dan internasional",
                ],
            ),
        ],
    ),
    (
        "komunikasi",
        "Komunikasi",
        MANAGERIAL,
        "",
        "Kemampuan untuk menerangkan pandangan dan gagasan secara jelas, sistematis disertai argumentasi yang "
        "logis dengan cara-cara yang sesuai baik secara lisan maupun tertulis; memastikan pemahaman; "
        "mendengarkan secara aktif dan efektif; mempersuasi, meyakinkan dan membujuk orang lain dalam rangka "
        "mencapai tujuan organisasi.",
        [
            (
                "Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama",
                [
                    "Menyampaikan informasi (data), pikiran atau pendapat dengan jelas, singkat dan tepat dengan menggunakan cara/media yang sesuai dan mengikuti alur yang logis",
                    "Memastikan pemahaman yang sama atas instruksi yang diterima/diberikan",
                    "Mampu melaksanakan kegiatan surat menyurat sesuai tata naskah organisasi",
                ],
            ),
            (
                "Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang lain, "
                "menginterpretasikan pesan dengan respons yang sesuai, mampu menyusun materi presentasi, pidato, "
                "naskah, laporan",
                [
                    "Menggunakan gaya komunikasi informal untuk meningkatkan hubungan profesional",
                    "Mendengarkan pihak lain secara aktif; menangkap dan menginterpretasikan pesan-pesan dari orang lain, serta memberikan respons yang sesuai",
                    "Membuat materi presentasi, pidato, draf naskah, laporan dan lain-lain sesuai arahan pimpinan",
                ],
            ),
            (
                "Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk menyampaikan informasi "
                "yang sensitif/rumit/kompleks",
                [
                    "Menyampaikan suatu informasi yang sensitif/rumit dengan cara penyampaian dan kondisi yang tepat, sehingga dapat dipahami dan diterima oleh pihak lain",
                    "Menyederhanakan topik yang rumit dan sensitif sehingga lebih mudah dipahami dan diterima orang lain",
                    "Membuat laporan tahunan/periodik/naskah/dokumen/proposal yang kompleks; membuat surat resmi yang sistematis dan tidak menimbulkan pemahaman yang berbeda",
                ],
            ),
            (
                "Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong kesepakatan "
                "dengan tujuan meningkatkan kinerja secara keseluruhan",
                [
                    "Mengintegrasikan informasi-informasi penting hasil diskusi dengan pihak lain untuk mendapatkan pemahaman yang sama",
                    "Berbagi informasi dengan pemangku kepentingan untuk tujuan meningkatkan kinerja secara keseluruhan",
                    "Menuangkan pemikiran/konsep yang multidimensi dalam bentuk tulisan formal",
                    "Menyampaikan informasi secara persuasif untuk mendorong pemangku kepentingan sepakat pada langkah-langkah bersama dengan tujuan meningkatkan kinerja secara keseluruhan",
                ],
            ),
            (
                "Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi dengan tujuan "
                "meningkatkan kinerja",
                [
                    "Menggagas sistem komunikasi dengan melibatkan pemangku kepentingan sehingga terbangun kesepakatan",
                    "Menciptakan sistem komunikasi yang dapat mencegah perbedaan persepsi di dalam dan di luar organisasi",
                    "Menyampaikan kebijakan dan pandangan organisasi secara persuasif di tingkat nasional dan internasional",
                ],
            ),
        ],
    ),
    (
        "orientasi-pada-hasil",
        "Orientasi pada Hasil",
        MANAGERIAL,
        "",
        "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat diandalkan, "
        "bertanggung jawab, mampu secara sistematis mengidentifikasi risiko dan peluang dengan memperhatikan "
        "keterhubungan antara perencanaan dan hasil, untuk keberhasilan organisasi.",
        [
            (
                "Bertanggung jawab untuk memenuhi standar kerja",
                [
                    "Menyelesaikan tugas dengan tuntas; dapat diandalkan",
                    "Bekerja sesuai dengan pedoman kerja (standard operating procedure)",
                    "Mengerjakan tugas-tugas dengan teliti dan cermat agar hasilnya sesuai dengan ketentuan",
                ],
            ),
            (
                "Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang ditetapkan, mencari, "
                "mencoba metode alternatif untuk peningkatan kinerja",
                [
                    "Menetapkan dan berupaya mencapai standar kerja pribadi yang lebih tinggi dari standar kerja yang ditetapkan organisasi",
                    "Mencari, mencoba metode kerja alternatif untuk meningkatkan hasil kerjanya",
                    "Memberi contoh kepada orang-orang di unit kerjanya untuk mencoba menerapkan metode kerja yang lebih efektif",
                ],
            ),
            (
                "Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran untuk "
                "mendorong kinerja",
                [
                    "Menetapkan target kinerja unit yang lebih tinggi dari target yang ditetapkan organisasi",
                    "Memberikan apresiasi dan teguran untuk mendorong pencapaian hasil unit kerjanya",
                    "Mengembangkan metode kerja yang lebih efektif dan efisien untuk mencapai target kerja unitnya",
                ],
            ),
            (
                "Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya",
                [
                    "Mendorong unit kerja di tingkat instansi untuk mencapai kinerja yang melebihi target yang ditetapkan",
                    "Memantau dan mengevaluasi hasil kerja unitnya agar selaras dengan sasaran strategis instansi",
                    "Mendorong pemanfaatan sumber daya bersama antarunit kerja dalam rangka meningkatkan efektivitas dan efisiensi pencapaian target organisasi",
                ],
            ),
            (
                "Meningkatkan mutu pencapaian kerja organisasi",
                [
                    "Memastikan kualitas sesuai harapan pemangku kepentingan untuk setiap kebijakan yang diterbitkan",
                    "Mendorong secara konsisten pencapaian target organisasi yang lebih tinggi",
                    "Menciptakan sistem yang mendorong peningkatan kinerja organisasi secara berkelanjutan",
                ],
            ),
        ],
    ),
    (
        "pelayanan-publik",
        "Pelayanan Publik",
        MANAGERIAL,
        "",
        "Kemampuan dalam melaksanakan tugas-tugas pemerintahan, pembangunan dan kegiatan pemenuhan kebutuhan "
        "pelayanan publik secara profesional, transparan, mengikuti standar pelayanan yang objektif, netral, "
        "tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/golongan/"
        "partai politik.",
        [
            (
                "Menjalankan tugas-tugas pelayanan publik yang diberikan secara profesional, transparan, sesuai "
                "standar pelayanan",
                [
                    "Mampu mengerjakan tugas-tugas dengan inisiatif sendiri dan sesuai standar pelayanan yang berlaku",
                    "Menunjukkan sikap yakin, ramah, dan membantu dalam melayani pengguna layanan",
                    "Memberikan pelayanan secara objektif, netral, tidak memihak dan tidak diskriminatif",
                ],
            ),
            (
                "Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelaksanaan tugas-tugas "
                "pemerintahan/pelayanan publik secara transparan",
                [
                    "Mampu memantau dan mengevaluasi pelaksanaan layanan agar sesuai standar",
                    "Menjelaskan proses layanan (persyaratan, waktu, biaya) kepada pengguna layanan secara terbuka",
                    "Menindaklanjuti keluhan pengguna layanan dengan cepat dan tuntas",
                ],
            ),
            (
                "Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di lingkup unit kerja",
                [
                    "Memahami, mendeskripsikan pengaruh dan hubungan/kekuatan kelompok yang sedang berjalan di organisasi (aliansi atau persaingan), dan dampaknya terhadap unit kerja untuk menjalankan tugas pemerintahan secara profesional dan netral",
                    "Menggunakan hasil survei kepuasan dan pengaduan untuk memperbaiki standar pelayanan di unit kerjanya",
                    "Menyusun dan menyempurnakan standar pelayanan unit kerja bersama pemangku kepentingan",
                ],
            ),
            (
                "Mampu memonitor, mengevaluasi, memperhitungkan dan mengantisipasi dampak dari isu-isu jangka "
                "panjang, kesempatan, atau kekuatan politik dalam hal pelayanan kebutuhan pemangku kepentingan yang "
                "transparan, independen, dan objektif",
                [
                    "Memperhitungkan dampak isu jangka panjang terhadap pelayanan publik di lingkup instansi",
                    "Menjaga agar kebijakan pelayanan tetap netral dari pengaruh kepentingan politik atau golongan",
                    "Mengembangkan inovasi pelayanan lintas unit kerja",
                ],
            ),
            (
                "Mampu memastikan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya pelayanan "
                "publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh "
                "kepentingan pribadi/kelompok/partai politik",
                [
                    "Menciptakan kebijakan pelayanan publik yang menjamin keadilan akses bagi semua warga",
                    "Memastikan sistem pengelolaan pengaduan berjalan efektif di seluruh instansi",
                    "Menjadi rujukan dalam penyelenggaraan pelayanan publik di tingkat nasional",
                ],
            ),
        ],
    ),
    (
        "pengembangan-diri-dan-orang-lain",
        "Pengembangan Diri dan Orang Lain",
        MANAGERIAL,
        "",
        "Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; menginspirasi orang "
        "lain untuk mengembangkan dan menyempurnakan pengetahuan dan keterampilan yang relevan dengan kerja "
        "dan pengembangan karier jangka panjang, mendorong kemauan belajar sepanjang hidup, memberikan "
        "saran/bantuan, umpan balik, bimbingan untuk membantu orang lain mengembangkan potensi dirinya.",
        [
            (
                "Pengembangan diri",
                [
                    "Mengidentifikasi kebutuhan pengembangan diri dan menyeleksi sumber serta metodologi pembelajaran yang diperlukan",
                    "Menunjukkan usaha mandiri untuk mempelajari keterampilan atau kemampuan baru dari berbagai media pembelajaran",
                    "Berupaya meningkatkan diri dengan belajar dari orang-orang lain yang berwawasan luas di dalam organisasi",
                ],
            ),
            (
                "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara melaksanakan suatu pekerjaan",
                [
                    "Meningkatkan kemampuan bawahan dengan memberikan contoh, instruksi, penjelasan dan petunjuk praktis yang jelas kepada bawahan dalam menyelesaikan suatu pekerjaan",
                    "Membantu bawahan untuk mempelajari proses, program atau sistem baru",
                    "Menggunakan metode lain untuk meyakinkan bahwa orang lain telah memahami penjelasan atau pengarahan",
                ],
            ),
            (
                "Memberikan umpan balik, membimbing",
                [
                    "Memberikan tugas-tugas yang menantang pada bawahan sebagai media belajar untuk mengembangkan kemampuannya",
                    "Mengamati bawahan dalam mengerjakan tugasnya dan memberikan umpan balik yang objektif dan jujur; melakukan diskusi dengan bawahan untuk memberikan bimbingan dan umpan balik yang berguna bagi bawahan",
                    "Mendorong kepercayaan diri bawahan; memberikan kepercayaan penuh pada bawahan untuk mengerjakan tugas dengan caranya sendiri; memberi kesempatan dan membantu bawahan menemukan peluang untuk berkembang",
                ],
            ),
            (
                "Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran",
                [
                    "Menyusun program pengembangan jangka panjang bersama-sama dengan bawahan, termasuk di dalamnya penetapan tujuan, bimbingan, penugasan dan pengalaman lainnya, serta mengalokasikan waktu untuk mengikuti pelatihan/pendidikan/pengembangan kompetensi dan karier",
                    "Melaksanakan manajemen pembelajaran termasuk evaluasi dan umpan balik pada tataran organisasi",
                    "Mengembangkan orang-orang di sekitarnya secara konsisten, melakukan kaderisasi untuk posisi-posisi di unit kerjanya",
                ],
            ),
            (
                "Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar secara "
                "berkelanjutan dalam rangka mendukung pencapaian hasil",
                [
                    "Menciptakan situasi yang mendorong individu, kelompok, unit kerja untuk mengembangkan kemampuan belajar secara berkelanjutan di tingkat instansi",
                    "Merekomendasikan/memberikan penghargaan bagi upaya pengembangan yang berhasil, memastikan dukungan bagi orang lain dalam mengembangkan kemampuan dalam unit kerja",
                    "Memberikan inspirasi kepada individu atau kelompok untuk belajar secara berkelanjutan dalam penerapan di lingkup organisasi",
                ],
            ),
        ],
    ),
    (
        "mengelola-perubahan",
        "Mengelola Perubahan",
        MANAGERIAL,
        "",
        "Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung secara "
        "berlebihan pada metode dan proses lama, mengambil tindakan untuk mendukung dan melaksanakan inisiatif "
        "perubahan, memimpin usaha perubahan, mengambil tanggung jawab pribadi untuk memastikan perubahan "
        "berhasil diimplementasikan secara efektif.",
        [
            (
                "Mengikuti perubahan dengan arahan",
                [
                    "Sadar mengenai perubahan yang terjadi di organisasi dan berusaha menyesuaikan diri dengan perubahan tersebut",
                    "Mengikuti perubahan secara terbuka sesuai petunjuk/pedoman",
                    "Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru dengan bimbingan orang lain",
                ],
            ),
            (
                "Proaktif beradaptasi mengikuti perubahan",
                [
                    "Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru selaras dengan ketentuan yang berlaku tanpa arahan orang lain",
                    "Mengembangkan kemampuan diri untuk menghadapi perubahan",
                    "Cepat dan tanggap dalam menerima perubahan",
                ],
            ),
            (
                "Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat",
                [
                    "Membantu orang lain dalam melakukan perubahan",
                    "Menyesuaikan prioritas kerja secara berulang-ulang jika diperlukan",
                    "Mengantisipasi perubahan yang dibutuhkan oleh unit kerjanya secara tepat; memberikan solusi efektif terhadap masalah yang ditimbulkan oleh adanya perubahan",
                ],
            ),
            (
                "Memimpin perubahan pada unit kerja",
                [
                    "Mengarahkan unit kerja untuk lebih siap dalam menghadapi perubahan termasuk memitigasi risiko yang mungkin terjadi",
                    "Memastikan perubahan sudah diterapkan secara aktif di lingkup unit kerjanya secara berkala",
                    "Memimpin dan memastikan penerapan program-program perubahan selaras antarunit kerja",
                ],
            ),
            (
                "Memimpin, menggalang dan menggerakkan dukungan pemangku kepentingan untuk menjalankan perubahan "
                "secara berkelanjutan pada tingkat instansi/nasional",
                [
                    "Membuat kebijakan-kebijakan yang mendorong perubahan yang berdampak pada pencapaian sasaran organisasi/nasional",
                    "Menggalang dan menggerakkan dukungan para pemangku kepentingan untuk mengimplementasikan perubahan yang telah ditetapkan",
                    "Secara berkelanjutan, memonitor dan mengevaluasi penerapan perubahan dan dampaknya terhadap kinerja organisasi/nasional",
                ],
            ),
        ],
    ),
    (
        "pengambilan-keputusan",
        "Pengambilan Keputusan",
        MANAGERIAL,
        "",
        "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah "
        "mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan saksama berdasarkan berbagai "
        "informasi, alternatif pemecahan masalah dan konsekuensinya, serta bertanggung jawab atas keputusan "
        "yang diambil.",
        [
            (
                "Mengumpulkan informasi untuk bertindak sesuai kewenangan",
                [
                    "Mengumpulkan dan mempertimbangkan informasi yang dibutuhkan dalam mencari solusi",
                    "Mengenali situasi/pilihan yang tepat untuk bertindak sesuai kewenangan",
                    "Mempertimbangkan kemungkinan solusi yang dapat diterapkan dalam pekerjaan rutin berdasarkan kebijakan dan prosedur yang telah ditentukan",
                ],
            ),
            (
                "Menganalisis masalah secara mendalam",
                [
                    "Melakukan analisis secara mendalam terhadap informasi yang tersedia dalam upaya mencari solusi",
                    "Mempertimbangkan berbagai alternatif yang ada sebelum membuat kesimpulan",
                    "Membuat keputusan operasional berdasarkan kesimpulan dari berbagai sumber informasi sesuai dengan pedoman yang ada",
                ],
            ),
            (
                "Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi",
                [
                    "Membandingkan berbagai alternatif tindakan dan implikasinya",
                    "Memilih alternatif solusi yang terbaik, membuat keputusan operasional mengacu pada alternatif solusi terbaik yang didasarkan pada analisis data yang sistematis, saksama, mengikuti prinsip kehati-hatian",
                    "Menyeimbangkan antara kemungkinan risiko dan keberhasilan dalam implementasinya",
                ],
            ),
            (
                "Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan, membuat "
                "tindakan pengamanan; mitigasi risiko",
                [
                    "Menyusun dan/atau memutuskan konsep penyelesaian masalah yang melibatkan beberapa/seluruh fungsi dalam organisasi",
                    "Menghasilkan solusi dari berbagai masalah yang kompleks, terkait dengan bidang kerjanya yang berdampak pada pihak lain",
                    "Membuat keputusan dan mengantisipasi dampak keputusannya serta menyiapkan tindakan penanganannya (mitigasi risiko)",
                ],
            ),
            (
                "Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang/strategis, "
                "berdampak nasional",
                [
                    "Menghasilkan solusi yang dapat mengatasi permasalahan jangka panjang",
                    "Menghasilkan solusi strategis yang berdampak pada tataran instansi/nasional",
                    "Membuat keputusan atau kebijakan yang berdampak nasional dengan memitigasi risiko yang mungkin timbul",
                ],
            ),
        ],
    ),
    (
        "perekat-bangsa",
        "Perekat Bangsa",
        SOCIO,
        "",
        "Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan individu/kelompok "
        "masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan masyarakat dan membangun "
        "hubungan sosial psikologis dengan masyarakat di tengah kemajemukan Indonesia sehingga menciptakan "
        "kelekatan yang kuat antara ASN dan para pemangku kepentingan serta di antara para pemangku kepentingan "
        "itu sendiri; menjaga, mengembangkan, dan mewujudkan rasa persatuan dan kesatuan dalam kehidupan "
        "bermasyarakat, berbangsa dan bernegara Indonesia.",
        [
            (
                "Peka memahami dan menerima kemajemukan",
                [
                    "Mampu memahami, menerima, peka terhadap perbedaan individu/kelompok masyarakat",
                    "Terbuka, ingin belajar tentang perbedaan/kemajemukan masyarakat",
                    "Mampu bekerja bersama dengan individu yang berbeda latar belakang dengan ASN",
                ],
            ),
            (
                "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan",
                [
                    "Menampilkan sikap dan perilaku yang peduli akan nilai-nilai keberagaman dan menghargai perbedaan",
                    "Membangun hubungan baik antarindividu dalam organisasi, mitra kerja, pemangku kepentingan",
                    "Bersikap tenang, mampu mengendalikan emosi, kemarahan dan frustrasi dalam menghadapi pertentangan yang ditimbulkan oleh perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik di lingkungan unit kerjanya",
                ],
            ),
            (
                "Mempromosikan, mengembangkan sikap toleransi dan persatuan",
                [
                    "Mempromosikan sikap menghargai perbedaan di antara orang-orang yang mendorong toleransi dan keterbukaan",
                    "Melakukan pemetaan sosial di masyarakat sehingga dapat memberikan respons yang sesuai dengan budaya yang berlaku; mengidentifikasi potensi kesalahpahaman yang diakibatkan adanya keragaman budaya yang ada",
                    "Menjadi mediator untuk menyelesaikan konflik atau mengurangi dampak negatif dari konflik atau potensi konflik",
                ],
            ),
            (
                "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas organisasi",
                [
                    "Menginisiasi dan merepresentasikan pemerintah di lingkungan kerja dan masyarakat untuk senantiasa menjaga persatuan dan kesatuan dalam keberagaman dan menerima segala bentuk perbedaan dalam kehidupan bermasyarakat",
                    "Mampu mendayagunakan perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik untuk mencapai kelancaran pencapaian tujuan organisasi",
                    "Mampu membuat program yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik",
                ],
            ),
            (
                "Wakil pemerintah untuk membangun hubungan sosial psikologis",
                [
                    "Menjadi wakil pemerintah yang mampu membangun hubungan sosial psikologis dengan masyarakat sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta di antara para pemangku kepentingan itu sendiri",
                    "Mampu mengomunikasikan dampak risiko yang teridentifikasi dan merekomendasikan tindakan korektif berdasarkan pertimbangan perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik untuk membangun hubungan jangka panjang",
                    "Mampu membuat kebijakan yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial ekonomi, preferensi politik yang berdampak positif secara nasional",
                ],
            ),
        ],
    ),
]


def _technical(code, name, field, definition, levels):
    return (code, name, TECHNICAL, field, definition, [(title, inds) for title, inds in levels])


TECHNICAL_DICTIONARY = [
    _technical(
        "tek-pelayanan-imunisasi",
        "Pengelolaan Pelayanan Imunisasi",
        "kesehatan",
        "Kemampuan merencanakan, melaksanakan, mencatat dan mengevaluasi pelayanan imunisasi rutin dan "
        "tambahan sesuai pedoman program imunisasi nasional, termasuk rantai dingin vaksin dan pemantauan KIPI.",
        [
            (
                "Melaksanakan pencatatan imunisasi sesuai format",
                [
                    "Mencatat hasil imunisasi harian ke aplikasi pencatatan",
                    "Mengenali jadwal imunisasi dasar lengkap",
                ],
            ),
            (
                "Melaksanakan pelayanan imunisasi dan rantai dingin sesuai SOP",
                [
                    "Menyiapkan vaksin dan logistik sesuai rantai dingin",
                    "Menjelaskan manfaat dan efek samping imunisasi kepada orang tua",
                ],
            ),
            (
                "Menganalisis cakupan dan menyusun tindak lanjut",
                [
                    "Menganalisis cakupan per kelurahan dan mengidentifikasi kantong rendah cakupan",
                    "Menyusun rencana sweeping dan jejaring dengan posyandu",
                ],
            ),
            (
                "Mengoordinasikan program imunisasi tingkat kota",
                [
                    "Memimpin pemantauan dan penanganan KIPI",
                    "Mengoordinasikan lintas sektor untuk kampanye imunisasi",
                ],
            ),
            (
                "Merumuskan kebijakan dan inovasi program imunisasi",
                [
                    "Merumuskan strategi mencapai UCI seluruh kelurahan",
                    "Mengevaluasi dan menyempurnakan kebijakan imunisasi daerah",
                ],
            ),
        ],
    ),
    _technical(
        "tek-surveilans-epidemiologi",
        "Surveilans Epidemiologi",
        "kesehatan",
        "Kemampuan mengumpulkan, mengolah, menganalisis dan menginterpretasikan data penyakit secara "
        "sistematis untuk kewaspadaan dini dan respons kejadian luar biasa (KLB).",
        [
            (
                "Mengumpulkan data kasus sesuai format surveilans",
                ["Mengisi laporan mingguan (SKDR) tepat waktu", "Memeriksa kelengkapan data kasus"],
            ),
            (
                "Mengolah data dan mengenali sinyal kewaspadaan dini",
                ["Membuat tabel dan grafik tren kasus", "Mengenali peningkatan kasus di atas ambang"],
            ),
            (
                "Melakukan penyelidikan epidemiologi",
                [
                    "Melaksanakan penyelidikan epidemiologi KLB bersama tim",
                    "Menyusun laporan penyelidikan dan rekomendasi",
                ],
            ),
            (
                "Mengelola sistem kewaspadaan dini dan respons kota",
                ["Mengoordinasikan tim gerak cepat", "Mengevaluasi kinerja sistem surveilans"],
            ),
            (
                "Merumuskan kebijakan pengendalian penyakit berbasis data",
                [
                    "Memanfaatkan analisis surveilans untuk kebijakan daerah",
                    "Membangun jejaring surveilans lintas wilayah",
                ],
            ),
        ],
    ),
    _technical(
        "tek-pelayanan-kesehatan-primer",
        "Pelayanan Kesehatan Primer dan JKN",
        "kesehatan",
        "Kemampuan menyelenggarakan pelayanan di fasilitas kesehatan tingkat pertama (Puskesmas) sesuai "
        "standar, termasuk administrasi peserta Jaminan Kesehatan Nasional (BPJS Kesehatan) dan rujukan.",
        [
            (
                "Melayani pendaftaran dan administrasi peserta sesuai prosedur",
                ["Memeriksa status kepesertaan JKN", "Menjelaskan alur pelayanan kepada pasien"],
            ),
            (
                "Menangani kendala kepesertaan dan rujukan",
                [
                    "Membantu pasien dengan kepesertaan nonaktif menemukan solusi",
                    "Menerbitkan rujukan sesuai indikasi medis",
                ],
            ),
            (
                "Memperbaiki mutu layanan berdasarkan keluhan dan survei",
                ["Menganalisis waktu tunggu dan keluhan pasien", "Mengusulkan perbaikan alur pelayanan"],
            ),
            (
                "Mengelola mutu dan akreditasi Puskesmas",
                [
                    "Memimpin upaya peningkatan mutu dan keselamatan pasien",
                    "Mengoordinasikan dengan BPJS Kesehatan dan rumah sakit",
                ],
            ),
            (
                "Merumuskan kebijakan pelayanan kesehatan primer daerah",
                [
                    "Merumuskan standar pelayanan Puskesmas se-kota",
                    "Mengembangkan inovasi layanan kesehatan primer",
                ],
            ),
        ],
    ),
    _technical(
        "tek-pendaftaran-penduduk",
        "Pelayanan Pendaftaran Penduduk (KTP-el dan KK)",
        "kependudukan",
        "Kemampuan melayani penerbitan dokumen pendaftaran penduduk (KTP-el, Kartu Keluarga, KIA, pindah "
        "datang) sesuai peraturan administrasi kependudukan dan standar pelayanan.",
        [
            (
                "Memeriksa kelengkapan berkas permohonan",
                [
                    "Menjelaskan persyaratan dokumen kepada pemohon",
                    "Memverifikasi berkas sesuai standar pelayanan",
                ],
            ),
            (
                "Memproses perekaman dan pencetakan dokumen",
                ["Melakukan perekaman biometrik KTP-el", "Menangani kendala data ganda dan blanko"],
            ),
            (
                "Menyelesaikan kasus permohonan yang rumit",
                [
                    "Menangani perbaikan data dan kasus khusus (lansia, disabilitas, ODGJ)",
                    "Mengatur pelayanan jemput bola",
                ],
            ),
            (
                "Mengelola mutu dan inovasi pelayanan dokumen",
                ["Mengelola antrean dan pelayanan daring", "Memantau kinerja waktu penyelesaian"],
            ),
            (
                "Merumuskan kebijakan pelayanan administrasi kependudukan",
                [
                    "Merumuskan kebijakan layanan dukcapil daerah",
                    "Membangun integrasi layanan dengan instansi lain",
                ],
            ),
        ],
    ),
    _technical(
        "tek-pencatatan-sipil",
        "Pencatatan Sipil",
        "kependudukan",
        "Kemampuan mencatat peristiwa penting (kelahiran, kematian, perkawinan, perceraian, pengakuan anak) "
        "dan menerbitkan akta sesuai ketentuan.",
        [
            (
                "Menerima dan memeriksa permohonan akta",
                ["Menjelaskan persyaratan akta kepada pemohon", "Memeriksa keabsahan dokumen pendukung"],
            ),
            (
                "Menerbitkan akta sesuai prosedur",
                ["Menginput data peristiwa penting ke SIAK", "Mencetak dan mengesahkan akta"],
            ),
            (
                "Menangani kasus pencatatan khusus",
                [
                    "Menangani keterlambatan pencatatan dan penetapan pengadilan",
                    "Memberikan solusi atas data yang tidak sesuai",
                ],
            ),
            (
                "Mengelola mutu layanan pencatatan sipil",
                [
                    "Mengembangkan layanan akta daring dan kerja sama dengan rumah sakit",
                    "Memantau cakupan kepemilikan akta",
                ],
            ),
            (
                "Merumuskan kebijakan pencatatan sipil daerah",
                [
                    "Merumuskan strategi peningkatan cakupan akta",
                    "Mengintegrasikan layanan dengan pemangku kepentingan",
                ],
            ),
        ],
    ),
    _technical(
        "tek-pengelolaan-data-kependudukan",
        "Pengelolaan Data Kependudukan (SIAK)",
        "kependudukan",
        "Kemampuan mengelola basis data kependudukan, menjaga kualitas dan keamanan data, serta memberikan "
        "hak akses pemanfaatan data sesuai ketentuan.",
        [
            (
                "Mengoperasikan aplikasi SIAK sesuai kewenangan",
                [
                    "Menginput dan memutakhirkan data sesuai prosedur",
                    "Menjaga kerahasiaan kata sandi dan akses",
                ],
            ),
            (
                "Memeriksa kualitas data",
                ["Mengidentifikasi data ganda dan anomali", "Melakukan perbaikan data sesuai bukti"],
            ),
            (
                "Menganalisis data untuk pelayanan",
                ["Menyajikan data agregat kependudukan", "Mendukung pemanfaatan data oleh OPD"],
            ),
            (
                "Mengelola keamanan dan integrasi data",
                ["Mengelola perjanjian kerja sama pemanfaatan data", "Menerapkan pengamanan data pribadi"],
            ),
            (
                "Merumuskan kebijakan tata kelola data kependudukan",
                [
                    "Merumuskan kebijakan satu data kependudukan daerah",
                    "Mengevaluasi kepatuhan perlindungan data pribadi",
                ],
            ),
        ],
    ),
    _technical(
        "tek-perizinan-berusaha",
        "Pelayanan Perizinan Berusaha Berbasis Risiko (OSS-RBA)",
        "perizinan",
        "Kemampuan melayani perizinan berusaha berbasis risiko melalui sistem OSS sesuai PP 5/2021, termasuk "
        "pendampingan pelaku usaha, verifikasi persyaratan dan pengawasan.",
        [
            (
                "Menjelaskan alur perizinan kepada pemohon",
                ["Membantu pelaku usaha membuat akun dan NIB", "Menjelaskan tingkat risiko usaha"],
            ),
            (
                "Memverifikasi persyaratan sesuai tingkat risiko",
                ["Memverifikasi pemenuhan standar usaha", "Berkoordinasi dengan dinas teknis"],
            ),
            (
                "Menyelesaikan permohonan bermasalah",
                [
                    "Menangani permohonan yang tertahan di sistem",
                    "Memberikan solusi atas ketidaksesuaian KBLI",
                ],
            ),
            (
                "Mengelola kinerja layanan perizinan",
                ["Memantau waktu penyelesaian dan SLA", "Mengembangkan layanan pendampingan UMKM"],
            ),
            (
                "Merumuskan kebijakan kemudahan berusaha daerah",
                ["Merumuskan deregulasi perizinan daerah", "Mengevaluasi iklim investasi"],
            ),
        ],
    ),
    _technical(
        "tek-persetujuan-bangunan-gedung",
        "Persetujuan Bangunan Gedung (PBG/SIMBG)",
        "perizinan",
        "Kemampuan memproses Persetujuan Bangunan Gedung dan Sertifikat Laik Fungsi melalui SIMBG, termasuk "
        "konsultasi teknis oleh Tim Profesi Ahli/Tim Penilai Teknis dan penghitungan retribusi.",
        [
            (
                "Menjelaskan persyaratan PBG",
                ["Menjelaskan dokumen teknis yang diperlukan", "Membantu pemohon mengunggah berkas ke SIMBG"],
            ),
            (
                "Memeriksa kelengkapan dan menjadwalkan konsultasi",
                ["Memeriksa kelengkapan administrasi", "Menjadwalkan konsultasi dengan TPA/TPT"],
            ),
            (
                "Menyelesaikan hambatan proses PBG",
                [
                    "Menelusuri penyebab keterlambatan",
                    "Mengoordinasikan perbaikan dokumen teknis dengan pemohon",
                ],
            ),
            (
                "Mengelola kinerja layanan PBG",
                ["Memantau waktu layanan sesuai standar", "Mengevaluasi penerimaan retribusi PBG"],
            ),
            (
                "Merumuskan kebijakan penataan bangunan",
                ["Merumuskan kebijakan percepatan PBG", "Menyelaraskan PBG dengan rencana tata ruang"],
            ),
        ],
    ),
    _technical(
        "tek-pengelolaan-pengaduan",
        "Pengelolaan Pengaduan Pelayanan Publik (SP4N-LAPOR!)",
        "pelayanan_publik",
        "Kemampuan menerima, mencatat, memverifikasi, mendisposisikan, menindaklanjuti dan menutup pengaduan "
        "masyarakat sesuai Perpres 76/2013 dan tata kelola SP4N-LAPOR!, dengan menjaga kerahasiaan pelapor.",
        [
            (
                "Menerima dan mencatat pengaduan dengan sopan",
                ["Mencatat identitas, kronologi dan harapan pelapor", "Memberikan nomor registrasi"],
            ),
            (
                "Memverifikasi dan mendisposisikan pengaduan tepat waktu",
                ["Memverifikasi laporan paling lambat 3 hari kerja", "Meneruskan ke unit yang berwenang"],
            ),
            (
                "Menindaklanjuti dan mengomunikasikan penyelesaian",
                ["Menyusun jawaban tindak lanjut yang jelas", "Mengabarkan pelapor dan menutup laporan"],
            ),
            (
                "Menganalisis pengaduan untuk perbaikan layanan",
                ["Menganalisis pola pengaduan berulang", "Mengusulkan perbaikan standar pelayanan"],
            ),
            (
                "Merumuskan kebijakan pengelolaan pengaduan daerah",
                [
                    "Membangun sistem pengelolaan pengaduan terintegrasi",
                    "Mengevaluasi kinerja penanganan pengaduan OPD",
                ],
            ),
        ],
    ),
    _technical(
        "tek-keamanan-informasi",
        "Pengelolaan Keamanan Informasi",
        "teknologi_informasi",
        "Kemampuan menerapkan pengamanan informasi dan sistem elektronik pemerintah daerah (SPBE) sesuai "
        "standar, termasuk manajemen insiden dan perlindungan data pribadi.",
        [
            (
                "Menerapkan kebersihan siber dalam pekerjaan",
                ["Menggunakan kata sandi kuat dan autentikasi dua faktor", "Mengenali surel phishing"],
            ),
            (
                "Mengelola akses dan cadangan data sistem",
                ["Mengatur hak akses pengguna", "Menjalankan pencadangan dan uji pemulihan"],
            ),
            (
                "Menangani insiden keamanan informasi",
                ["Menganalisis log dan indikator serangan", "Menjalankan prosedur tanggap insiden"],
            ),
            (
                "Mengelola sistem manajemen keamanan informasi",
                ["Menyusun kebijakan dan penilaian risiko keamanan", "Mengoordinasikan CSIRT daerah"],
            ),
            (
                "Merumuskan strategi keamanan siber daerah",
                ["Merumuskan arsitektur keamanan SPBE", "Membangun kerja sama dengan BSSN"],
            ),
        ],
    ),
    _technical(
        "tek-pengembangan-sistem-informasi",
        "Analisis dan Pengembangan Sistem Informasi",
        "teknologi_informasi",
        "Kemampuan menganalisis kebutuhan, merancang, membangun, menguji dan memelihara aplikasi layanan "
        "pemerintah daerah sesuai arsitektur SPBE.",
        [
            (
                "Memelihara aplikasi sesuai petunjuk",
                ["Menjalankan pembaruan aplikasi", "Mencatat dan meneruskan laporan gangguan"],
            ),
            (
                "Menganalisis kebutuhan pengguna",
                ["Menyusun dokumen kebutuhan bersama OPD", "Membuat prototipe sederhana"],
            ),
            (
                "Merancang dan membangun aplikasi",
                ["Merancang basis data dan antarmuka", "Menguji aplikasi sebelum dirilis"],
            ),
            (
                "Mengelola portofolio aplikasi dan integrasi",
                ["Mengintegrasikan aplikasi antar-OPD", "Mengelola mutu dan keberlanjutan aplikasi"],
            ),
            (
                "Merumuskan arsitektur dan peta rencana SPBE",
                ["Merumuskan arsitektur SPBE daerah", "Mengarahkan transformasi digital layanan"],
            ),
        ],
    ),
]
