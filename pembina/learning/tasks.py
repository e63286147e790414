"""Background job handlers (run through `pembina.core.jobs`): refresh the derived tables, send the
20 JP reminders. Both are idempotent."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pembina.learning.services.gaps import gap_table_refresh
from pembina.learning.services.jp import jp_reminders_send, jp_summary_refresh


def run_learning_refresh(job, progress) -> dict[str, Any]:
    """params: instansi_id, year (default: this year)."""
    instansi_id = job.params["instansi_id"]
    year = int(job.params.get("year") or timezone.localdate().year)
    progress(0, 2, stage="Rekap JP")
    summaries = jp_summary_refresh(instansi_id=instansi_id, year=year)
    progress(1, 2, stage="Tabel kesenjangan kompetensi", force=True)
    gaps = gap_table_refresh(instansi_id=instansi_id)
    progress(2, 2, force=True)
    return {"jp_summaries": summaries, "gap_rows": gaps, "year": year}


def run_jp_reminders(job, progress) -> dict[str, Any]:
    """params: instansi_id, year (default: this year). One reminder per person per month."""
    instansi_id = job.params["instansi_id"]
    year = int(job.params.get("year") or timezone.localdate().year)
    progress(0, 1, stage="Pengingat JP")
    result = jp_reminders_send(instansi_id=instansi_id, year=year)
    progress(1, 1, force=True)
    return result
