"""Import of request logs from an existing counter system (CSV/XLSX): all rows checked first, written all
or nothing; large files go to a background job whose page shows the progress and the row report."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from pembina.core.exports import export_response
from pembina.core.imports import ImportResult, preflight
from pembina.core.imports.readers import ImportFileError, extension, max_bytes
from pembina.core.imports.uploads import TOO_LARGE_ATTR, install
from pembina.core.jobs.services import job_enqueue
from pembina.core.views.base import render_page
from pembina.public_services.forms import ImportForm
from pembina.public_services.imports import RequestLogImport, request_log_import
from pembina.public_services.views.staff_common import require_counter

KIND = RequestLogImport.kind


# The upload handler must be installed before the body is parsed, so CSRF is checked inside `post`.
@method_decorator(csrf_exempt, name="dispatch")
class RequestImportView(LoginRequiredMixin, View):
    template_name = "public_services/request_import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_counter(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("template"):
            fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
            return export_response(
                filename="templat-impor-log-permohonan",
                headers=RequestLogImport().template_headers(),
                rows=[],
                fmt=fmt,
            )
        return self._render(request, ImportForm())

    def post(self, request):
        install(request, limit=max_bytes())
        return self._post(request)

    @method_decorator(csrf_protect)
    def _post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if getattr(request, TOO_LARGE_ATTR, False):
            form.is_valid()
            form.add_error(
                "file",
                _("Berkas terlalu besar; batasnya %(mb)s MB. Pecah berkas menjadi beberapa bagian.")
                % {"mb": max_bytes() // (1024 * 1024)},
            )
            return self._render(request, form, status=400)
        if not form.is_valid():
            return self._render(request, form, status=400)
        upload = form.cleaned_data["file"]
        name = getattr(upload, "name", "") or ""
        spec = RequestLogImport()
        try:
            pre = preflight(spec, upload, name=name)
        except ImportFileError as exc:
            result = ImportResult(kind=KIND, filename=name)
            result.report.add(None, "", exc.message)
            return self._render(request, ImportForm(), result=result, status=400)
        if pre.report:
            return self._render(
                request,
                ImportForm(),
                result=ImportResult(kind=KIND, filename=name, report=pre.report),
                status=400,
            )
        if pre.estimated_rows > settings.PEMBINA_IMPORT_BACKGROUND_ROWS:
            path = default_storage.save(f"imports/{uuid.uuid4().hex}.{extension(name)}", upload)
            job = job_enqueue(
                handler="pembina.public_services.jobs.run_request_log_import",
                title=_("Impor log permohonan layanan: %(name)s") % {"name": name[:120]},
                actor=request.user,
                params={"path": path, "filename": name},
            )
            messages.info(
                request,
                _(
                    "Berkas berisi banyak baris dan diimpor di latar belakang. Kemajuannya tampil di halaman ini."
                ),
            )
            return redirect("core:job_detail", pk=job.pk)
        result = request_log_import(file=upload, name=name, actor=request.user)
        return self._render(request, ImportForm(), result=result, status=200 if result.ok else 400)

    def _render(self, request, form, *, result=None, status=200):
        spec = RequestLogImport()
        context = {
            "form": form,
            "result": result,
            "max_mb": max_bytes() // (1024 * 1024),
            "kinds": [{"kind": KIND, "label": spec.title, "spec": spec}],
            "selected_kind": KIND,
            "background_rows": settings.PEMBINA_IMPORT_BACKGROUND_ROWS,
        }
        return render_page(request, self.template_name, context, status=status)
