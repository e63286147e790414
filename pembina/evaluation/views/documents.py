"""Downloads: the Dokumen Evaluasi Kinerja Pegawai (PDF) of one evaluation, the bulk PDF job per OPD,
and the XLSX exports of results and follow-up. The renderers live in `evaluation.documents`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.core.views.base import render_page
from pembina.evaluation import documents
from pembina.evaluation.permissions import can_calibrate_opd
from pembina.evaluation.selectors import evaluation_opds
from pembina.evaluation.views.common import (
    PDF,
    XLSX,
    download,
    evaluation_for,
    opd_for,
    period_for,
    refuse,
    require,
    safe_filename,
    years_for,
)


class EvaluationPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        e = evaluation_for(request, pk)  # out of sight (or a draft for its owner): 404
        content = documents.evaluation_pdf(evaluation=e)
        when = e.period.label if e.period_id else _("tahunan")
        name = safe_filename("evaluasi-kinerja", e.year.year, when, e.employee.name, ext="pdf")
        return download(content, filename=name, content_type=PDF)


def _opd_scope(request):
    """(year, opd or None for the city, period) for the export pages; 403 without an OPD in sight."""
    year, _years = years_for(request)
    scope = get_scope(request.user)
    opds = evaluation_opds(request.user)
    require(bool(opds))
    raw = (request.GET.get("opd") or request.POST.get("opd") or "").strip()
    opd = opd_for(request, opds) if raw or not (scope.read_all or scope.write_all) else None
    if year is None:
        raise Http404
    return year, opd, period_for(request, year)


class DocumentsView(LoginRequiredMixin, View):
    """The OPD's documents: the bulk PDF job (Tim Penilai) and the XLSX exports (team and readers)."""

    def get(self, request):
        year, years = years_for(request)
        opds = evaluation_opds(request.user)
        require(bool(opds))
        opd = opd_for(request, opds)
        context = {
            "year": year,
            "years": years,
            "opds": opds,
            "opd": opd,
            "periods": list(year.periods.order_by("number")) if year else [],
            "can_team": can_calibrate_opd(request.user, opd),
            "city": get_scope(request.user).read_all,
        }
        return render_page(request, "evaluation/documents.html", context)

    def post(self, request):
        year, opd, period = _opd_scope(request)
        require(opd is not None and can_calibrate_opd(request.user, opd))
        back = f"{reverse('evaluation:documents')}?year={year.year}&opd={opd.pk}"
        try:
            job = documents.documents_enqueue(actor=request.user, year=year, opd=opd, period=period)
        except ApplicationError as exc:
            return refuse(request, exc, back)
        messages.success(request, _("Dokumen sedang disusun; kemajuannya tampil di halaman ini."))
        return redirect("core:job_detail", pk=job.pk)


class ResultsXlsxView(LoginRequiredMixin, View):
    def get(self, request):
        year, opd, period = _opd_scope(request)
        content = documents.results_xlsx(actor=request.user, year=year, opd=opd, period=period)
        where = opd.short_name or opd.name if opd else "kota"
        when = period.label if period else "tahunan"
        return download(
            content,
            filename=safe_filename("hasil-evaluasi", year.year, when, where, ext="xlsx"),
            content_type=XLSX,
        )


class FollowUpXlsxView(LoginRequiredMixin, View):
    def get(self, request):
        year, opd, _period = _opd_scope(request)
        content = documents.follow_up_xlsx(actor=request.user, year=year, opd=opd)
        where = opd.short_name or opd.name if opd else "kota"
        return download(
            content, filename=safe_filename("tindak-lanjut", year.year, where, ext="xlsx"), content_type=XLSX
        )


class DocumentsDownloadView(LoginRequiredMixin, View):
    """The ZIP of a finished bulk document job, for the person who started it only (404 otherwise)."""

    def get(self, request, pk):
        job, name = documents.documents_file(actor=request.user, job_pk=pk)
        response = FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=name.rsplit("/", 1)[-1],
            content_type=documents.ZIP_CONTENT_TYPE,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
