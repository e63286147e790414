"""Job handlers (`handler(job, progress)`) run by pembina.core.jobs: statistics refresh and escalation."""

from __future__ import annotations

import datetime as dt

from pembina.public_services.services.complaints import complaints_escalate_overdue
from pembina.public_services.services.requests import requests_escalate_overdue
from pembina.public_services.services.stats import month_stats_refresh


def refresh_month_stats(job, progress):
    progress(0, 1, stage="Menghitung statistik layanan", force=True)
    since = job.params.get("since")
    result = month_stats_refresh(
        instansi_id=job.params.get("instansi_id"), since=dt.date.fromisoformat(since) if since else None
    )
    progress(1, 1, force=True)
    return result


def escalate_overdue(job, progress):
    progress(0, 2, stage="Memeriksa permohonan terlambat", force=True)
    iid = job.params.get("instansi_id")
    now = dt.datetime.fromisoformat(job.params["now"]) if job.params.get("now") else None
    requests = requests_escalate_overdue(now=now, instansi_id=iid)
    progress(1, 2, stage="Memeriksa pengaduan terlambat", force=True)
    complaints = complaints_escalate_overdue(now=now, instansi_id=iid)
    progress(2, 2, force=True)
    return {"requests": requests, "complaints": complaints}
