"""`pembina learning_daily [--year Y] [--reminders]`: refresh the JP summary and gap table of every
instansi, and on request send the monthly 20 JP reminders (safe to run more than once a day)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.audit.context import Source, audit_context
from pembina.learning.services.gaps import gap_table_refresh
from pembina.learning.services.jp import jp_reminders_send, jp_summary_refresh
from pembina.org.models import Instansi


class Command(BaseCommand):
    help = gettext_lazy(
        "Memperbarui rekap JP dan tabel kesenjangan kompetensi; opsional mengirim pengingat 20 JP."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help=gettext_lazy("Tahun (bawaan: tahun ini)."))
        parser.add_argument(
            "--reminders", action="store_true", help=gettext_lazy("Kirim pengingat JP bulanan.")
        )

    def handle(self, *args, year=None, reminders=False, **options):
        year = year or timezone.localdate().year
        with audit_context(source=Source.COMMAND, label="learning_daily"):
            for instansi in Instansi.objects.all():
                n = jp_summary_refresh(instansi_id=instansi.pk, year=year)
                g = gap_table_refresh(instansi_id=instansi.pk)
                line = _("%(i)s: %(n)s rekap JP, %(g)s baris kesenjangan.") % {
                    "i": instansi.name,
                    "n": n,
                    "g": g,
                }
                if reminders:
                    r = jp_reminders_send(instansi_id=instansi.pk, year=year, refresh=False)
                    line += " " + _("%(b)s di bawah target, %(s)s notifikasi baru.") % {
                        "b": r["below_target"],
                        "s": r["notified"],
                    }
                self.stdout.write(line)
