"""The import page: choose a kind, upload a CSV/XLSX, see the counts or the row-by-row error report."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from pembina.core.exports import export_response
from pembina.core.imports.readers import max_bytes
from pembina.core.imports.uploads import TOO_LARGE_ATTR, install
from pembina.org import imports


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis data"), choices=imports.KIND_CHOICES, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=gettext_lazy("Berkas (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )


def _kinds():
    return [
        {"kind": kind, "label": label, "spec": imports.SPECS[kind]} for kind, label in imports.KIND_CHOICES
    ]


# The upload handler must be installed before the body is parsed, so CSRF is checked inside `post`.
@method_decorator(csrf_exempt, name="dispatch")
class ImportView(LoginRequiredMixin, View):
    template_name = "org/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not imports.can_import(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        kind = request.GET.get("template")
        if kind:
            spec = imports.SPECS.get(kind)
            if spec is None:
                raise Http404
            fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
            return export_response(
                filename=f"templat-impor-{kind}", headers=spec.template_headers(), rows=[], fmt=fmt
            )
        initial_kind = request.GET.get("kind") if request.GET.get("kind") in imports.SPECS else "employees"
        return self._render(request, ImportForm(initial={"kind": initial_kind}))

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
        kind = form.cleaned_data["kind"]
        started = imports.import_start(kind=kind, upload=form.cleaned_data["file"], actor=request.user)
        if started.job is not None:
            messages.info(
                request,
                _(
                    "Berkas berisi banyak baris dan diimpor di latar belakang. Kemajuannya tampil di halaman ini."
                ),
            )
            return redirect("core:job_detail", pk=started.job.pk)
        return self._render(request, ImportForm(initial={"kind": kind}), result=started.result, kind=kind)

    def _render(self, request, form, *, result=None, kind=None, status=200):
        selected = kind or form["kind"].value() or "employees"
        context = {
            "form": form,
            "kinds": _kinds(),
            "selected_kind": selected,
            "result": result,
            "max_mb": max_bytes() // (1024 * 1024),
        }
        return render(request, self.template_name, context, status=status)
