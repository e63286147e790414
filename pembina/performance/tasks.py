"""Background job handlers of the performance app (run by core.jobs; enqueue via the helpers below)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from pembina.core.jobs.services import job_enqueue
from pembina.performance.models import PerformanceYear


def _year_and_date(job):
    year = PerformanceYear.objects.get(pk=job.params["year_id"])
    on = dt.date.fromisoformat(job.params["on"]) if job.params.get("on") else None
    return year, on


def early_warning_job(job, progress) -> dict:
    from pembina.performance.services import early_warning_run

    year, on = _year_and_date(job)
    progress(0, 1, stage=_("Memeriksa laju indikator"), force=True)
    report = early_warning_run(year=year, on=on, actor=None)
    progress(1, 1, force=True)
    return {"flags": report.flags, "plans": report.plans, "notifications": report.notifications}


def fill_sources_job(job, progress) -> dict:
    from pembina.performance.services import realisations_fill_from_sources

    year, on = _year_and_date(job)
    progress(0, 1, stage=_("Mengambil data dari sumber data"), force=True)
    r = realisations_fill_from_sources(year=year, on=on, actor=None)
    progress(1, 1, force=True)
    return {
        "requested": r.requested,
        "created": r.created,
        "updated": r.updated,
        "unchanged": r.unchanged,
        "kept_manual": r.kept_manual,
        "no_data": r.no_data,
        "errors": r.errors,
    }


def apply_transfers_job(job, progress) -> dict:
    from pembina.performance.services import plans_apply_transfers

    year, on = _year_and_date(job)
    created = plans_apply_transfers(year=year, actor=None, on=on)
    return {"new_plans": [p.pk for p in created]}


def _enqueue(handler: str, title: str, *, year, actor, on=None):
    from pembina.core.exceptions import ApplicationError
    from pembina.core.scoping import get_scope

    if actor is not None and not get_scope(actor).write_all:
        raise ApplicationError(_("Hanya Admin BKPSDM yang dapat menjalankan tugas ini."))
    return job_enqueue(
        handler=handler,
        title=title,
        actor=actor,
        params={"year_id": year.pk, "on": on.isoformat() if on else None},
    )


def early_warning_enqueue(*, year, actor, on: dt.date | None = None):
    return _enqueue(
        "pembina.performance.tasks.early_warning_job",
        _("Peringatan dini kinerja %(y)s") % {"y": year.year},
        year=year,
        actor=actor,
        on=on,
    )


def fill_sources_enqueue(*, year, actor, on: dt.date | None = None):
    return _enqueue(
        "pembina.performance.tasks.fill_sources_job",
        _("Pengisian realisasi dari sumber data %(y)s") % {"y": year.year},
        year=year,
        actor=actor,
        on=on,
    )


def apply_transfers_enqueue(*, year, actor, on: dt.date | None = None):
    return _enqueue(
        "pembina.performance.tasks.apply_transfers_job",
        _("SKP mutasi %(y)s") % {"y": year.year},
        year=year,
        actor=actor,
        on=on,
    )
