"""Job handlers (`handler(job, progress)`) run by pembina.core.jobs: statistics refresh and escalation."""

from __future__ import annotations

import datetime as dt

from pembina.public_services.services.complaints import complaints_escalate_overdue
from pembina.public_services.services.requests import requests_escalate_overdue
from pembina.public_services.services.stats import fed_indicators_fill, month_stats_refresh


def refresh_month_stats(job, progress):
    """Rebuild the statistics, then fill the realisations of the indicators fed by them."""
    progress(0, 2, stage="Menghitung statistik layanan", force=True)
    since = job.params.get("since")
    iid = job.params.get("instansi_id")
    result = month_stats_refresh(instansi_id=iid, since=dt.date.fromisoformat(since) if since else None)
    progress(1, 2, stage="Mengisi realisasi indikator dari statistik", force=True)
    result["indicators"] = fed_indicators_fill(instansi_id=iid)
    progress(2, 2, force=True)
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


def run_request_log_import(job, progress):
    """A large counter log uploaded on the staff import page: import the stored file, then delete it.
    Row errors fail the job (nothing is written) and are listed on the job page."""
    from django.core.files.storage import default_storage
    from django.utils.translation import gettext as _

    from pembina.core.exceptions import ApplicationError
    from pembina.public_services.imports import request_log_import

    path = job.params["path"]
    try:
        if job.created_by is None:
            raise ApplicationError(_("Pengunggah berkas tidak dikenal; impor dibatalkan."))
        with default_storage.open(path, "rb") as fh:
            result = request_log_import(
                file=fh, name=job.params.get("filename", ""), actor=job.created_by, progress=progress
            )
    finally:
        if default_storage.exists(path):
            default_storage.delete(path)
    if not result.ok:
        raise ApplicationError(
            _("Impor dibatalkan: %(n)s galat; tidak ada data yang diubah.") % {"n": result.error_count},
            extra={"errors": result.report.as_list()},
        )
    return result.counts()
