"""Every published or locked evaluation of an OPD as PDF in one ZIP, rendered by a background job.

The job renders only the evaluations its creator may read (the same scoped selector as the list
page) and stores the ZIP through Django's default storage; the result names the file and a
download URL, and only the creator may download it (`documents_file`)."""

from __future__ import annotations

import tempfile
import uuid
import zipfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.jobs.services import job_enqueue
from pembina.core.models import Job
from pembina.evaluation.choices import EvaluationKind, EvaluationStatus
from pembina.evaluation.documents.data import document_data, document_filename
from pembina.evaluation.documents.render import render_pdf
from pembina.evaluation.models import Evaluation
from pembina.evaluation.selectors import evaluation_list
from pembina.org.models import Unit
from pembina.performance.models import PerformanceYear, Period

HANDLER = "pembina.evaluation.documents.jobs.documents_job"
STORAGE_DIR = "evaluation/documents"
FINAL = (EvaluationStatus.PUBLISHED, EvaluationStatus.LOCKED)
# The UI's download view (owned by the pages); the API's route serves the same file otherwise.
DOWNLOAD_URL_NAMES = ("evaluation:documents_download", "api-evaluation-documents-download")


def opd_evaluations(*, actor, year, opd, period=None):
    """The published/locked evaluations of `opd` (subtree) that `actor` may read, in a stable order."""
    kind = EvaluationKind.PERIODIC if period is not None else EvaluationKind.ANNUAL
    filters = {"year": year, "opd": opd, "kind": kind}
    if period is not None:
        filters["period"] = period
    return (
        evaluation_list(actor=actor, filters=filters)
        .filter(status__in=FINAL)
        .order_by("unit_path", "employee__name", "pk")
    )


def documents_enqueue(*, actor, year, opd, period=None) -> Job:
    """Queue the ZIP of the OPD's final evaluation documents (refused now when there is nothing)."""
    if period is not None and period.year_id != year.pk:
        raise ApplicationError(_("Periode bukan bagian tahun kinerja ini."), field="period")
    if not opd_evaluations(actor=actor, year=year, opd=opd, period=period).exists():
        raise ApplicationError(
            _("Tidak ada evaluasi yang sudah diumumkan di %(o)s yang dapat Anda unduh.") % {"o": opd.name},
            field="opd",
        )
    what = period.label if period is not None else _("Tahunan")
    return job_enqueue(
        handler=HANDLER,
        title=_("Dokumen evaluasi kinerja %(w)s %(y)s — %(o)s") % {"w": what, "y": year.year, "o": opd.name},
        actor=actor,
        params={"year_id": year.pk, "opd_id": opd.pk, "period_id": period.pk if period is not None else None},
    )


def download_url(job_pk: int) -> str:
    for name in DOWNLOAD_URL_NAMES:
        try:
            return reverse(name, args=[job_pk])
        except NoReverseMatch:
            continue
    return ""


def documents_job(job: Job, progress) -> dict:
    actor = job.created_by
    if actor is None:
        raise ApplicationError(_("Tugas ini tidak mempunyai pemilik; dokumen tidak dibuat."))
    year = PerformanceYear.objects.get(pk=job.params["year_id"])
    opd = Unit.objects.get(pk=job.params["opd_id"])
    period = Period.objects.get(pk=job.params["period_id"]) if job.params.get("period_id") else None
    pks = list(opd_evaluations(actor=actor, year=year, opd=opd, period=period).values_list("pk", flat=True))
    total = len(pks)
    stage = _("Menyusun dokumen evaluasi")
    progress(0, total, stage=stage, force=True)
    when = f"p{period.number}" if period is not None else "tahunan"
    name = f"{STORAGE_DIR}/evaluasi-{year.year}-{when}-{opd.code.lower()}-{job.pk}-{uuid.uuid4().hex[:8]}.zip"
    with tempfile.TemporaryFile(suffix=".zip") as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for n, pk in enumerate(pks, start=1):
                data = document_data(evaluation=Evaluation(pk=pk))
                archive.writestr(document_filename(data, "pdf"), render_pdf(data))
                progress(n, total, stage=stage, force=n % 10 == 0 or n == total)
        handle.seek(0)
        stored = default_storage.save(name, File(handle, name=name.rsplit("/", 1)[-1]))
    return {
        "file": stored,
        "evaluations": total,
        "download_url": download_url(job.pk),
        "finished": timezone.now().isoformat(timespec="seconds"),
    }


def documents_file(*, actor, job_pk) -> tuple[Job, str]:
    """The ZIP of a finished document job the actor started (else 404): the job and its stored name."""
    job = (
        Job.objects.for_actor(actor)
        .filter(pk=job_pk, handler=HANDLER, created_by_id=getattr(actor, "pk", None))
        .first()
    )
    if job is None or not isinstance(job.result, dict) or not job.result.get("file"):
        raise Http404
    name = job.result["file"]
    if not name.startswith(STORAGE_DIR + "/") or not default_storage.exists(name):
        raise Http404
    return job, name
