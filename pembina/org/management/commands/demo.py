"""`pembina demo [--seed 2026] [--employees 5000] [--force]`: load the demo Kota Pontianak and print its logins."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from pembina.core.audit.context import Source, audit_context
from pembina.evaluation.demo import build as build_evaluation_demo
from pembina.evaluation.demo import wipe as wipe_evaluation_demo
from pembina.learning.services.seed import learning_demo_seed, learning_demo_wipe
from pembina.org.demo.builder import (
    DEMO_CODE,
    DEMO_LABEL,
    create_accounts,
    demo_instansi,
    logins,
    wipe_demo,
    write_plan,
)
from pembina.org.demo.plan import MIN_EMPLOYEES, make_plan
from pembina.org.models import Instansi
from pembina.performance.demo import build as build_performance_demo
from pembina.performance.demo import wipe as wipe_performance_demo
from pembina.public_services.demo import build as build_public_services_demo
from pembina.public_services.demo import wipe as wipe_public_services_demo

MAX_EMPLOYEES = 200_000
FIXED_USERNAMES = ("admin.bkpsdm", "admin.dinkes", "tim.dinkes", "pimpinan", "auditor")


def login_table(rows) -> list[str]:
    header = (_("Peran"), _("Nama pengguna"), _("Kata sandi"), _("2FA"), _("Pegawai / keterangan"))
    cells = [header] + [(r.role, r.username, r.password, r.mfa, r.who) for r in rows]
    widths = [max(len(str(c[i])) for c in cells) for i in range(len(header) - 1)]
    lines = []
    for n, row in enumerate(cells):
        lines.append(
            "  ".join(str(v).ljust(w) for v, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(header[-1]))
    return lines


class Command(BaseCommand):
    help = (
        "Memuat kota demo Pemerintah Kota Pontianak (OPD, unit, jabatan, pegawai, riwayat jabatan, akun per peran) "
        "ke basis data kosong, lalu mencetak daftar akun demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help=_("Benih acak; benih sama = data sama."))
        parser.add_argument(
            "--employees",
            type=int,
            default=5000,
            help=_("Jumlah pegawai (bawaan 5.000; hingga 100.000 untuk uji beban)."),
        )
        parser.add_argument(
            "--org-only",
            action="store_true",
            help=_(
                "Hanya organisasi, pegawai dan akun (tanpa riwayat kinerja, layanan, pengembangan dan evaluasi)."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_(
                "Hapus demo yang sudah ada lalu bangun ulang (hanya bila basis data tidak berisi instansi lain)."
            ),
        )

    def handle(
        self, *args, seed: int, employees: int, force: bool = False, org_only: bool = False, **options
    ):
        if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
            raise CommandError(
                _("--employees harus antara %(lo)s dan %(hi)s.")
                % {"lo": MIN_EMPLOYEES, "hi": f"{MAX_EMPLOYEES:,}".replace(",", ".")}
            )
        others = list(Instansi.objects.exclude(code=DEMO_CODE).values_list("name", flat=True)[:3])
        if others:
            raise CommandError(
                _(
                    "Basis data ini sudah berisi instansi lain (%(names)s). Kota demo hanya dimuat ke basis data "
                    "yang kosong; pakai basis data terpisah untuk demo."
                )
                % {"names": ", ".join(others)}
            )
        existing = demo_instansi()
        if existing is not None and not force:
            self.stdout.write(
                _(
                    "Kota demo %(name)s sudah dimuat; tidak ada yang ditambahkan (pakai --force untuk membangun ulang)."
                )
                % {"name": existing.name}
            )
            self._print_logins(existing)
            return

        started = time.monotonic()
        plan = make_plan(seed=seed, size=employees)
        self._check_usernames(plan, rebuilding=existing is not None)
        try:
            with audit_context(source=Source.COMMAND, label=DEMO_LABEL), transaction.atomic():
                if existing is not None:
                    wipe_evaluation_demo(existing)
                    wipe_public_services_demo(existing)
                    learning_demo_wipe(instansi=existing)
                    wipe_performance_demo(existing)
                    removed = wipe_demo(existing)
                    self.stdout.write(
                        _("Demo lama dihapus (%(n)s baris tercatat di jejak audit).") % {"n": removed}
                    )
                written = write_plan(plan)
                create_accounts(plan, written)
                if not org_only:
                    performance = build_performance_demo(written.instansi, seed=seed)
                    services = build_public_services_demo(written.instansi, seed=seed)
                    learning = learning_demo_seed(instansi=written.instansi, seed=seed)
                    evaluation = build_evaluation_demo(written.instansi, seed=seed)
        except (ProtectedError, RestrictedError):
            raise CommandError(
                _(
                    "Demo lama tidak dapat dihapus karena masih dirujuk data lain (mis. SKP atau penilaian). "
                    "--force hanya untuk basis data yang berisi demo saja; buat basis data baru."
                )
            ) from None
        elapsed = time.monotonic() - started
        c = written.counts
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Kota demo %(name)s dimuat dalam %(s).1f detik: %(u)s unit, %(p)s jabatan, %(e)s pegawai, "
                    "%(a)s riwayat jabatan, %(o)s penetapan pejabat penilai (benih %(seed)s)."
                )
                % {
                    "name": written.instansi.name,
                    "s": elapsed,
                    "u": c["units"],
                    "p": c["positions"],
                    "e": c["employees"],
                    "a": c["assignments"],
                    "o": c["overrides"],
                    "seed": seed,
                }
            )
        )
        if not org_only:
            self._print_history(performance, services, learning, evaluation)
        self._print_logins(written.instansi)

    def _print_history(self, performance, services, learning, evaluation) -> None:
        if performance.created:
            pc = performance.counts
            self.stdout.write(
                _(
                    "Kinerja 2026: %(g)s sasaran, %(p)s SKP, %(r)s RHK, %(i)s IKI, %(re)s realisasi, "
                    "%(f)s umpan balik, %(c)s bimbingan kinerja."
                )
                % {
                    "g": pc.get("goals", 0),
                    "p": pc.get("plans", 0),
                    "r": pc.get("results", 0),
                    "i": pc.get("indicators", 0),
                    "re": pc.get("realisations", 0),
                    "f": pc.get("feedback", 0),
                    "c": pc.get("coaching", 0),
                }
            )
        if services.created:
            sc = services.counts
            self.stdout.write(
                _(
                    "Pelayanan publik 2 tahun: %(r)s permohonan, %(s)s jawaban SKM, %(c)s pengaduan; "
                    "%(i)s IKU diisi dari data layanan."
                )
                % {
                    "r": sc.get("requests", 0),
                    "s": sc.get("surveys", 0),
                    "c": sc.get("complaints", 0),
                    "i": sc.get("iku_fed", 0),
                }
            )
        self.stdout.write(
            _(
                "Pengembangan kompetensi: %(p)s program pelatihan, %(ev)s penyelenggaraan, %(en)s pendaftaran, "
                "%(c)s sertifikat, %(r)s catatan JP, %(i)s IDP, %(s)s skenario simulasi; rekap JP %(j)s pegawai."
            )
            % {
                "p": learning.get("programmes", 0),
                "ev": learning.get("events", 0),
                "en": learning.get("enrolments", 0),
                "c": learning.get("certificates", 0),
                "r": learning.get("records", 0),
                "i": learning.get("plans", 0),
                "s": learning.get("scenarios", 0),
                "j": learning.get("jp_summaries", 0),
            }
        )
        if evaluation.created:
            ec = evaluation.counts
            self.stdout.write(
                _(
                    "Evaluasi kinerja: tahun %(py)s selesai (%(a)s evaluasi tahunan dinilai dan diumumkan, "
                    "%(w)s OPD dengan peringatan pola distribusi, %(c)s kalibrasi, %(k)s keberatan diputuskan, "
                    "%(l)s dikunci dengan tindak lanjut); tahun %(y)s berjalan (%(p)s evaluasi periodik, "
                    "%(r)s sudah dinilai)."
                )
                % {
                    "py": ec.get("previous_year", 0),
                    "a": ec.get("published", 0),
                    "w": ec.get("curve_warnings", 0),
                    "c": ec.get("calibrations", 0),
                    "k": ec.get("appeals", 0),
                    "l": ec.get("locked", 0) + ec.get("appeals", 0),
                    "y": ec.get("current_year", 0),
                    "p": ec.get("periodic_evaluations", 0),
                    "r": ec.get("periodic_rated", 0),
                }
            )

    def _check_usernames(self, plan, *, rebuilding: bool) -> None:
        from pembina.accounts.models import User

        wanted = list(FIXED_USERNAMES) + [plan.employees[i].nip for i in plan.personas.values()]
        taken = User.objects.filter(username__in=wanted)
        if rebuilding:
            taken = taken.exclude(instansi__code=DEMO_CODE)
        names = list(taken.values_list("username", flat=True))
        if names:
            raise CommandError(
                _("Nama pengguna demo sudah dipakai akun lain: %(names)s. Kota demo butuh basis data kosong.")
                % {"names": ", ".join(names)}
            )

    def _print_logins(self, instansi) -> None:
        self.stdout.write("")
        self.stdout.write(_("Akun demo (kata sandi sama untuk semua):"))
        for line in login_table(logins(instansi)):
            self.stdout.write("  " + line)
        self.stdout.write("")
        self.stdout.write(
            _(
                "Admin wajib 2FA: kode 6 digit saat ini dicetak oleh `pembina demo_totp <nama pengguna>` "
                "(`--uri` mencetak tautan otpauth:// untuk aplikasi autentikator)."
            )
        )
