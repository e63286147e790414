"""Certificates: the actor's (and in-scope) list, uploading an external certificate, the admins' check,
the stored file, and the public verification page (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.learning import documents, selectors, services
from pembina.learning.forms import CertificateReviewForm, ExternalCertificateForm, VerifyForm
from pembina.learning.permissions import employee_roles
from pembina.learning.rules import workflow as wf
from pembina.learning.views.common import first_error, refuse


class CertificateListView(LoginRequiredMixin, View):
    """The actor's certificates; admins and readers also see those in their scope (?semua=1)."""

    def get(self, request):
        everyone = request.GET.get("semua") == "1"
        filters = {} if everyone or not request.user.employee_id else {"employee": request.user.employee_id}
        page = paginate(request, selectors.certificate_list(actor=request.user, filters=filters))
        context = {"page_obj": page, "everyone": everyone}
        return render_page(request, "learning/certificate_list.html", context)


class CertificateUploadView(LoginRequiredMixin, View):
    """An employee uploads a certificate from outside the catalogue; an admin checks it."""

    template_name = "learning/certificate_upload.html"

    def _employee(self, request):
        employee = getattr(request.user, "employee", None)
        if employee is None:
            raise Http404
        return employee

    def get(self, request):
        self._employee(request)
        return render_page(request, self.template_name, {"form": ExternalCertificateForm()})

    def post(self, request):
        employee = self._employee(request)
        form = ExternalCertificateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.certificate_external_submit(
                    employee=employee, actor=request.user, **form.cleaned_data
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Sertifikat terkirim; JP dihitung setelah diperiksa admin."))
                return redirect("learning:certificate_list")
        return render_page(request, self.template_name, {"form": form})


class CertificateReviewListView(LoginRequiredMixin, View):
    def get(self, request):
        scope = get_scope(request.user)
        if not (scope.write_all or scope.admin_unit_paths):
            raise Http404
        page = paginate(request, selectors.certificates_pending_review(actor=request.user))
        return render_page(request, "learning/certificate_review_list.html", {"page_obj": page})


class CertificateReviewView(LoginRequiredMixin, View):
    """POST: accept (optionally correcting the JP) or reject with a reason."""

    def post(self, request, pk):
        cert = selectors.certificate_get_for_actor(actor=request.user, pk=pk)
        if not employee_roles(request.user, cert.employee) & wf.REVIEW_CERTIFICATE:
            raise Http404
        form = CertificateReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect("learning:certificate_review_list")
        d = form.cleaned_data
        try:
            services.certificate_external_review(
                certificate=cert,
                accept=d["accept"],
                jp=d.get("jp"),
                note=d.get("note") or "",
                actor=request.user,
            )
        except ApplicationError as exc:
            return refuse(request, exc, "learning:certificate_review_list")
        messages.success(request, _("Sertifikat diterima.") if d["accept"] else _("Sertifikat ditolak."))
        return redirect("learning:certificate_review_list")


class CertificateFileView(LoginRequiredMixin, View):
    """The uploaded file, to whoever may see the certificate (stored under a random name)."""

    def get(self, request, pk):
        cert = selectors.certificate_get_for_actor(actor=request.user, pk=pk)
        if not cert.file:
            raise Http404
        return FileResponse(
            cert.file.open("rb"),
            as_attachment=True,
            filename=f"sertifikat-{cert.pk}.{cert.file_kind or 'bin'}",
        )


class CertificatePdfView(LoginRequiredMixin, View):
    """The generated certificate as PDF (typst), its QR code pointing at the public verification."""

    def get(self, request, pk):
        doc = selectors.certificate_document(actor=request.user, pk=pk)
        pdf = documents.render_certificate(
            documents.certificate_data(doc, base_url=request.build_absolute_uri("/"))
        )
        response = HttpResponse(pdf, content_type=documents.PDF_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{documents.certificate_filename(doc)}"'
        return response


class CertificateVerifyView(View):
    """Public: anyone checks a verification code (typed in, or from the certificate's QR code, which
    carries it in the path)."""

    def get(self, request, code=None):
        form = VerifyForm({"kode": code} if code else (request.GET or None))
        result = None
        if form.is_bound and form.is_valid():
            result = selectors.certificate_verify(code=form.cleaned_data["kode"])
        return render_page(request, "learning/certificate_verify.html", {"form": form, "result": result})
