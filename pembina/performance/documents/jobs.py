"""Every SKP of an OPD as PDF and/or XLSX in one ZIP, rendered by a background job with progress.

The job renders only the plans its creator may read (the same scoped selector as the list page), and
stores the ZIP through Django's default storage; the result names the file, and only the creator may
download it (see `views.documents`).
"""

from __future__ import annotations

import tempfile
import uuid
import zipfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.jobs.services import job_enqueue
from pembina.core.models import Job
from pembina.org.models import Unit
from pembina.performance import selectors
from pembina.performance.documents.data import document_data, document_filename
from pembina.performance.documents.render import render_pdf, render_xlsx
from pembina.performance.models import PerformancePlan, PerformanceYear

HANDLER = "pembina.performance.documents.jobs.opd_documents_job"
FORMATS = ("pdf", "xlsx")
STORAGE_DIR = "performance/documents"


def opd_plans(*, actor, year: PerformanceYear, opd: Unit):
    """The plans of `opd` in `year` that `actor` may read, in a stable order."""
    return (
        selectors.plan_list(actor=actor, filters={"year": year, "unit": opd})
        .select_related("year__instansi")
        .order_by("unit_path", "employee__name", "start_date", "pk")
    )


def opd_documents_enqueue(*, actor, year: PerformanceYear, opd: Unit, formats: list[str]) -> Job:
    formats = [f for f in FORMATS if f in set(formats or ())]
    if not formats:
        raise ApplicationError(_("Pilih paling sedikit satu format (PDF atau XLSX)."), field="formats")
    if not opd_plans(actor=actor, year=year, opd=opd).exists():
        raise ApplicationError(
            _("Tidak ada SKP %(y)s di %(o)s yang dapat Anda unduh.") % {"y": year.year, "o": opd.name},
            field="opd",
        )
    return job_enqueue(
        handler=HANDLER,
        title=_("Dokumen SKP %(y)s — %(o)s") % {"y": year.year, "o": opd.name},
        actor=actor,
        params={"year_id": year.pk, "opd_id": opd.pk, "formats": formats},
    )


def opd_documents_job(job: Job, progress) -> dict:
    actor = job.created_by
    if actor is None:
        raise ApplicationError(_("Tugas ini tidak mempunyai pemilik; dokumen tidak dibuat."))
    year = PerformanceYear.objects.get(pk=job.params["year_id"])
    opd = Unit.objects.get(pk=job.params["opd_id"])
    formats = [f for f in FORMATS if f in job.params.get("formats", FORMATS)]
    pks = list(opd_plans(actor=actor, year=year, opd=opd).values_list("pk", flat=True))
    total = len(pks)
    progress(0, total, stage=_("Menyusun dokumen SKP"), force=True)
    name = f"{STORAGE_DIR}/skp-{year.year}-{opd.code.lower()}-{job.pk}-{uuid.uuid4().hex[:8]}.zip"
    with tempfile.TemporaryFile(suffix=".zip") as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for n, pk in enumerate(pks, start=1):
                plan = PerformancePlan.objects.select_related("year__instansi").get(pk=pk)
                data = document_data(plan=plan)
                if "pdf" in formats:
                    archive.writestr(document_filename(data, "pdf"), render_pdf(data))
                if "xlsx" in formats:
                    archive.writestr(document_filename(data, "xlsx"), render_xlsx(data))
                progress(n, total, stage=_("Menyusun dokumen SKP"), force=n % 10 == 0 or n == total)
        handle.seek(0)
        stored = default_storage.save(name, File(handle, name=name.rsplit("/", 1)[-1]))
    return {
        "file": stored,
        "plans": total,
        "formats": ", ".join(f.upper() for f in formats),
        "download_url": reverse("performance:opd_documents_download", args=[job.pk]),
        "finished": timezone.now().isoformat(timespec="seconds"),
    }


def opd_documents_file(*, actor, job_pk) -> tuple[Job, str]:
    """The ZIP of a finished document job the actor started (else 404): the job and its stored name."""
    from django.http import Http404

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
