"""One app's set of import kinds and its entry points: inline for small files, a job for large ones.

Each app builds one `ImportCatalogue` and exposes its bound methods (`import_file`, `import_start`,
`run_import_job`), so the page, the job, tests and benchmarks all go through the same path."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.imports.engine import ImportResult, ProgressFn, preflight, run_import
from pembina.core.imports.readers import ImportFileError, extension
from pembina.core.imports.spec import ImportSpec


@dataclass
class ImportStart:
    result: ImportResult | None = None
    job: Any = None


class ImportCatalogue:
    def __init__(self, specs: dict[str, ImportSpec], *, job_handler: str):
        self.specs = specs
        self.job_handler = job_handler  # dotted path of this catalogue's `run_import_job`

    def get_spec(self, kind: str) -> ImportSpec:
        try:
            return self.specs[kind]
        except KeyError:
            raise ApplicationError(_("Jenis impor tidak dikenal.")) from None

    def import_file(
        self, *, kind: str, file, name: str, actor, progress: ProgressFn | None = None
    ) -> ImportResult:
        """The one import path: the web page (inline), the background job and tests call this."""
        return run_import(self.get_spec(kind), file, name=name, actor=actor, progress=progress)

    def import_start(self, *, kind: str, upload, actor) -> ImportStart:
        """Check the upload; import it now, or queue a job when it has more rows than the threshold."""
        spec = self.get_spec(kind)
        name = getattr(upload, "name", "") or ""
        try:
            pre = preflight(spec, upload, name=name)
        except ImportFileError as exc:
            result = ImportResult(kind=kind, filename=name)
            result.report.add(None, "", exc.message)
            return ImportStart(result=result)
        if pre.report:
            return ImportStart(result=ImportResult(kind=kind, filename=name, report=pre.report))
        if pre.estimated_rows > settings.PEMBINA_IMPORT_BACKGROUND_ROWS:
            from pembina.core.jobs.services import job_enqueue

            path = default_storage.save(f"imports/{uuid.uuid4().hex}.{extension(name)}", upload)
            job = job_enqueue(
                handler=self.job_handler,
                title=_("Impor %(what)s: %(name)s") % {"what": spec.title, "name": name[:120]},
                actor=actor,
                params={"kind": kind, "path": path, "filename": name},
            )
            return ImportStart(job=job)
        return ImportStart(result=self.import_file(kind=kind, file=upload, name=name, actor=actor))

    def run_import_job(self, job, progress) -> dict[str, Any]:
        """Background handler: import the stored upload, then delete it; row errors fail the job."""
        params = job.params
        path = params["path"]
        try:
            if job.created_by is None:
                raise ApplicationError(_("Pengunggah berkas tidak dikenal; impor dibatalkan."))
            with default_storage.open(path, "rb") as fh:
                result = self.import_file(
                    kind=params["kind"],
                    file=fh,
                    name=params["filename"],
                    actor=job.created_by,
                    progress=progress,
                )
        finally:
            if default_storage.exists(path):
                default_storage.delete(path)
        if not result.ok:
            errors = result.report.as_list()
            if result.errors_truncated:
                errors.append(
                    {
                        "row": None,
                        "column": "",
                        "message": _("… dan %(n)s galat lainnya.") % {"n": result.error_count - len(errors)},
                    }
                )
            raise ApplicationError(
                _("Impor dibatalkan: %(n)s galat; tidak ada data yang diubah.") % {"n": result.error_count},
                extra={"errors": errors},
            )
        return result.counts()
