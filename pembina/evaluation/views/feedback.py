"""The respondent's side of 360° input: the list of requests and the form (only the respondent
ever sees a request; the rater sees the anonymous aggregate on the evaluation page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.views.base import render_page
from pembina.evaluation import selectors, services
from pembina.evaluation.choices import EvaluationStatus
from pembina.evaluation.forms import Feedback360Form
from pembina.evaluation.models import EvaluationLocked
from pembina.evaluation.views.detail import core_values
from pembina.performance.models import BehaviourGuide


class Feedback360ListView(LoginRequiredMixin, View):
    def get(self, request):
        rows = list(selectors.feedback360_requests_for(actor=request.user, pending_only=False)[:200])
        return render_page(request, "evaluation/feedback360_list.html", {"requests": rows})


class Feedback360View(LoginRequiredMixin, View):
    template_name = "evaluation/feedback360_form.html"

    def _render(self, request, req, form, status=200):
        values = core_values()
        guides: dict[int, list[str]] = {}
        for g in BehaviourGuide.objects.filter(value__in=values).order_by("value_id", "order"):
            guides.setdefault(g.value_id, []).append(g.text)
        rows = [(v, form[f"value_{v.code}"], guides.get(v.pk, [])) for v in values]
        is_open = req.evaluation.status in (EvaluationStatus.DRAFT, EvaluationStatus.RATED)
        return render_page(
            request,
            self.template_name,
            {"req": req, "form": form, "rows": rows, "is_open": is_open},
            status=status,
        )

    def get(self, request, pk):
        req = selectors.feedback360_get_for_actor(actor=request.user, pk=pk)  # only the respondent
        initial = {f"value_{k}": v for k, v in (req.ratings or {}).items()}
        initial["comment"] = req.comment
        return self._render(request, req, Feedback360Form(initial=initial, values=core_values()))

    def post(self, request, pk):
        req = selectors.feedback360_get_for_actor(actor=request.user, pk=pk)
        if req.evaluation.is_locked:
            raise EvaluationLocked()
        form = Feedback360Form(request.POST, values=core_values())
        if not form.is_valid():
            return self._render(request, req, form, status=400)
        try:
            services.feedback360_submit(
                request=req, ratings=form.ratings(), comment=form.cleaned_data["comment"], actor=request.user
            )
        except ApplicationError as exc:
            form.add_application_error(exc)
            return self._render(request, req, form, status=400)
        messages.success(
            request, _("Terima kasih. Masukan 360° Anda tersimpan dan hanya tampil sebagai agregat.")
        )
        return redirect("evaluation:feedback360_list")
