"""`pembina public_services_refresh_stats`: rebuild the monthly service statistics and fill the indicators
fed by them (run from cron)."""

import datetime as dt

from django.core.management.base import BaseCommand

from pembina.core.audit.context import Source, audit_context
from pembina.public_services.services import fed_indicators_fill, month_stats_refresh


class Command(BaseCommand):
    help = "Menghitung ulang statistik pelayanan publik bulanan (aman dijalankan berulang)."

    def add_arguments(self, parser):
        parser.add_argument("--instansi", type=int, default=None, help="id instansi (bawaan: semua)")
        parser.add_argument("--since", default=None, help="mulai bulan (YYYY-MM-DD), bawaan semua bulan")

    def handle(self, *args, **options):
        since = dt.date.fromisoformat(options["since"]) if options["since"] else None
        with audit_context(source=Source.COMMAND, label="perintah public_services_refresh_stats"):
            result = month_stats_refresh(instansi_id=options["instansi"], since=since)
            fed = fed_indicators_fill(instansi_id=options["instansi"])
        self.stdout.write(
            f"Statistik diperbarui: {result['rows']} baris untuk {result['instansi']} instansi; "
            f"{fed['created'] + fed['updated']} realisasi indikator diisi dari statistik."
        )
