"""SKP documents: one plan as PDF or XLSX, every plan of an OPD as a ZIP (background job) and its download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.views.base import render_page
from pembina.performance import selectors
from pembina.performance.documents import (
    PDF_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    document_data,
    document_filename,
    render_pdf,
    render_xlsx,
)
from pembina.performance.documents.jobs import FORMATS, opd_documents_enqueue, opd_documents_file
from pembina.performance.views.common import opd_from_request, performance_opds, year_from_request


def _version(request) -> int | None:
    raw = (request.GET.get("versi") or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


def _download(content: bytes, *, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class PlanPdfView(LoginRequiredMixin, View):
    """The SKP in the official layout; ?versi=<n> prints an approved version, else the working copy."""

    def get(self, request, pk):
        plan = selectors.plan_get_for_actor(actor=request.user, pk=pk)  # out of scope: 404
        data = document_data(plan=plan, version=_version(request))
        return _download(
            render_pdf(data), filename=document_filename(data, "pdf"), content_type=PDF_CONTENT_TYPE
        )


class PlanXlsxView(LoginRequiredMixin, View):
    """The same SKP as a spreadsheet (two sheets: SKP and Lampiran)."""

    def get(self, request, pk):
        plan = selectors.plan_get_for_actor(actor=request.user, pk=pk)
        data = document_data(plan=plan, version=_version(request))
        return _download(
            render_xlsx(data), filename=document_filename(data, "xlsx"), content_type=XLSX_CONTENT_TYPE
        )


class OpdDocumentsView(LoginRequiredMixin, View):
    """Every SKP of an OPD in one ZIP, made by a background job (the job page shows its progress)."""

    template_name = "performance/opd_documents.html"

    def _context(self, request):
        year, years = year_from_request(request)
        opds = performance_opds(request.user)
        opd = opd_from_request(request, opds) if opds else None
        return {"year": year, "years": years, "opds": opds, "opd": opd, "formats": FORMATS}

    def get(self, request):
        return render_page(request, self.template_name, self._context(request))

    def post(self, request):
        years = selectors.performance_year_list(actor=request.user)
        year = next((y for y in years if str(y.pk) == request.POST.get("year", "")), None)
        opds = performance_opds(request.user)
        opd = next((u for u in opds if str(u.pk) == request.POST.get("opd", "")), None)
        if year is None or opd is None:
            raise Http404
        try:
            job = opd_documents_enqueue(
                actor=request.user, year=year, opd=opd, formats=request.POST.getlist("formats")
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(f"{reverse('performance:opd_documents')}?year={year.year}&opd={opd.pk}")
        messages.success(request, _("Dokumen sedang disusun; unduh dari halaman ini setelah selesai."))
        return redirect("core:job_detail", pk=job.pk)


class OpdDocumentsDownloadView(LoginRequiredMixin, View):
    """The ZIP of a finished document job, for the person who started it only."""

    def get(self, request, pk):
        job, name = opd_documents_file(actor=request.user, job_pk=pk)
        response = FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=name.rsplit("/", 1)[-1],
            content_type="application/zip",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
