"""Nightly: fill realisations from data sources, split plans of transferred employees, early warning, and
rebuild the progress summary (a safety net: every write keeps it current already)."""

from django.core.management.base import BaseCommand

from pembina.performance.choices import YearState
from pembina.performance.models import PerformanceYear
from pembina.performance.services import (
    early_warning_run,
    plans_apply_transfers,
    progress_refresh,
    realisations_fill_from_sources,
)


class Command(BaseCommand):
    help = "Isi realisasi dari sumber data, proses mutasi SKP, dan kirim peringatan dini (tahun berjalan)."

    def handle(self, *args, **options):
        for year in PerformanceYear.objects.filter(state__in=[YearState.RUNNING, YearState.EVALUATING]):
            fill = realisations_fill_from_sources(year=year, actor=None)
            moved = plans_apply_transfers(year=year, actor=None)
            warn = early_warning_run(year=year, actor=None)
            rows = progress_refresh(year=year)
            self.stdout.write(
                f"{year.instansi.code} {year.year}: {fill.created + fill.updated} realisasi dari sumber data, "
                f"{len(moved)} SKP mutasi, {warn.notifications} notifikasi, {rows} baris ringkasan progres"
            )
