"""Administration of the evaluation: the OPDs' own predicates, the instansi's settings, the evaluation
run (a background job), the potential-score import, and documents/exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from pembina.core.exceptions import ApplicationError
from pembina.core.exports import export_response
from pembina.core.imports.readers import max_bytes
from pembina.core.imports.uploads import TOO_LARGE_ATTR, install
from pembina.core.scoping import get_scope
from pembina.core.views.base import render_page
from pembina.evaluation import imports, selectors, services
from pembina.evaluation.forms import OrgPredicateForm, PotentialImportForm, RunForm, SettingsForm
from pembina.evaluation.permissions import can_record_org_predicate
from pembina.evaluation.selectors import evaluation_opds
from pembina.evaluation.views.common import require, years_for

KIND = "potential_scores"


class OrgPredicateView(LoginRequiredMixin, View):
    """The OPDs' own predicates of a year; Pimpinan and Admin BKPSDM record them."""

    template_name = "evaluation/org_predicates.html"

    def _render(self, request, year, years, form, status=200):
        rows = list(selectors.organisation_predicate_list(actor=request.user, year=year)) if year else []
        return render_page(
            request,
            self.template_name,
            {"year": year, "years": years, "rows": rows, "form": form},
            status=status,
        )

    def _form(self, request, year, data=None):
        if not can_record_org_predicate(request.user) or year is None:
            return None
        return OrgPredicateForm(
            data, opds=evaluation_opds(request.user), periods=year.periods.order_by("number")
        )

    def get(self, request):
        scope = get_scope(request.user)
        require(can_record_org_predicate(request.user) or scope.read_all or bool(scope.team_unit_paths))
        year, years = years_for(request)
        return self._render(request, year, years, self._form(request, year))

    def post(self, request):
        require(can_record_org_predicate(request.user))
        year, years = years_for(request)
        if year is None:
            raise Http404
        form = self._form(request, year, request.POST)
        if not form.is_valid():
            return self._render(request, year, years, form, status=400)
        d = form.cleaned_data
        try:
            obj = services.organisation_predicate_record(
                year=year,
                opd=d["opd"],
                period=d["period"],
                predicate=d["predicate"],
                note=d["note"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_application_error(exc)
            return self._render(request, year, years, form, status=400)
        messages.success(
            request,
            _("Predikat %(o)s dicatat: %(p)s.") % {"o": obj.opd.name, "p": obj.get_predicate_display()},
        )
        return redirect(f"{reverse('evaluation:org_predicates')}?year={year.year}")


class SettingsView(LoginRequiredMixin, View):
    """Admin BKPSDM: thresholds, curve blocking, deadlines, 360° floor, TPP table, potential bands."""

    template_name = "evaluation/settings.html"

    def _instansi(self, request):
        scope = get_scope(request.user)
        require(scope.write_all and scope.instansi_id is not None)
        from pembina.org.models import Instansi

        return Instansi.objects.get(pk=scope.instansi_id)

    def get(self, request):
        instansi = self._instansi(request)
        current = selectors.evaluation_settings_for(instansi_id=instansi.pk)
        form = SettingsForm(initial=SettingsForm.initial_from(current))
        return render_page(request, self.template_name, {"form": form, "saved": bool(current.pk)})

    def post(self, request):
        instansi = self._instansi(request)
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.evaluation_settings_update(
                    instansi=instansi, actor=request.user, **form.service_fields()
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Pengaturan evaluasi disimpan."))
                return redirect("evaluation:settings")
        return render_page(request, self.template_name, {"form": form, "saved": True}, status=400)


def _is_team(user) -> bool:
    scope = get_scope(user)
    return bool(scope.write_all or scope.team_unit_paths)


class RunView(LoginRequiredMixin, View):
    """Launch the evaluation run (achievements and suggestions for every approved SKP) as a job."""

    template_name = "evaluation/run.html"

    def _form(self, request, year, data=None):
        scope = get_scope(request.user)
        opds = evaluation_opds(request.user)
        return RunForm(
            data, periods=year.periods.order_by("number"), opds=opds, allow_all=bool(scope.write_all)
        )

    def get(self, request):
        require(_is_team(request.user))
        year, years = years_for(request)
        form = self._form(request, year) if year else None
        return render_page(request, self.template_name, {"year": year, "years": years, "form": form})

    def post(self, request):
        require(_is_team(request.user))
        year, years = years_for(request)
        if year is None:
            raise Http404
        form = self._form(request, year, request.POST)
        if form.is_valid():
            from pembina.evaluation.tasks import evaluation_run_enqueue

            try:
                job = evaluation_run_enqueue(
                    year=year,
                    period=form.cleaned_data["period"],
                    opd=form.cleaned_data["opd"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Evaluasi sedang dihitung; kemajuannya tampil di halaman ini."))
                return redirect("core:job_detail", pk=job.pk)
        return render_page(
            request, self.template_name, {"year": year, "years": years, "form": form}, status=400
        )


# The upload handler must be installed before the body is parsed, so CSRF is checked inside `post`.
@method_decorator(csrf_exempt, name="dispatch")
class PotentialImportView(LoginRequiredMixin, View):
    """Skor potensi for the 9-box from a CSV/XLSX file (all rows checked first; nothing written on
    an error; large files go to a background job)."""

    template_name = "evaluation/potential_import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require(imports.can_import(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("template"):
            fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
            spec = imports.SPECS[KIND]
            return export_response(
                filename=f"templat-impor-{KIND}", headers=spec.template_headers(), rows=[], fmt=fmt
            )
        return self._render(request, PotentialImportForm())

    def post(self, request):
        install(request, limit=max_bytes())
        return self._post(request)

    @method_decorator(csrf_protect)
    def _post(self, request):
        form = PotentialImportForm(request.POST, request.FILES)
        if getattr(request, TOO_LARGE_ATTR, False):
            form.is_valid()
            form.add_error(
                "file",
                _("Berkas terlalu besar; batasnya %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)},
            )
            return self._render(request, form, status=400)
        if not form.is_valid():
            return self._render(request, form, status=400)
        started = imports.import_start(kind=KIND, upload=form.cleaned_data["file"], actor=request.user)
        if started.job is not None:
            messages.info(request, _("Berkas berisi banyak baris dan diimpor di latar belakang."))
            return redirect("core:job_detail", pk=started.job.pk)
        return self._render(request, PotentialImportForm(), result=started.result)

    def _render(self, request, form, *, result=None, status=200):
        year, _years = years_for(request)
        scores = list(
            selectors.potential_score_list(actor=request.user, year=year.year if year else None)[:50]
        )
        context = {
            "form": form,
            "result": result,
            "kinds": [{"kind": KIND, "label": imports.KIND_CHOICES[0][1], "spec": imports.SPECS[KIND]}],
            "selected_kind": KIND,
            "max_mb": max_bytes() // (1024 * 1024),
            "scores": scores,
            "year": year,
        }
        return render_page(request, self.template_name, context, status=status)
