"""SKM questionnaires filled on paper at the service point, typed in by the unit's staff (channel
`paper`, with who entered them); one after another, keeping the service and the date of the batch."""

from __future__ import annotations

import contextlib
import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE
from pembina.core.views.base import render_page
from pembina.public_services import services
from pembina.public_services.choices import SurveyChannel
from pembina.public_services.forms import PaperSurveyForm
from pembina.public_services.models import ServiceRequest, SurveyResponse
from pembina.public_services.rules import tracking
from pembina.public_services.views.staff_common import handleable_services, require_counter

TEMPLATE = "public_services/survey_paper.html"


def _entered_today(user) -> int:
    today = timezone.localdate()
    start = dt.datetime.combine(today, dt.time.min, tzinfo=timezone.get_current_timezone())
    return SurveyResponse.objects.filter(
        entered_by=user, channel=SurveyChannel.PAPER, created_at__gte=start
    ).count()


def _submitted_at(day: dt.date) -> dt.datetime:
    """The sheet's date: now when typed in the same day, else midday of that day (local time)."""
    if day == timezone.localdate():
        return timezone.now()
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


class PaperSurveyView(LoginRequiredMixin, View):
    def _form(self, request, data=None):
        require_counter(request.user)
        services_qs = handleable_services(request.user).select_related("opd").order_by("opd__name", "name")
        initial = {"filled_on": timezone.localdate()}
        raw_service = request.GET.get("layanan", "")
        if raw_service.isdigit() and services_qs.filter(pk=int(raw_service)).exists():
            initial["service"] = int(raw_service)
        with contextlib.suppress(ValueError):  # absent or garbled: today
            initial["filled_on"] = dt.date.fromisoformat(request.GET.get("tanggal", ""))
        return PaperSurveyForm(data, services=services_qs, initial=initial)

    def _render(self, request, form, status=200):
        return render_page(
            request, TEMPLATE, {"form": form, "entered_today": _entered_today(request.user)}, status=status
        )

    def get(self, request):
        return self._render(request, self._form(request))

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            d = form.cleaned_data
            token = None
            number = (d.get("tracking_number") or "").strip()
            if number:
                normalized = tracking.normalize(number)
                found = (
                    ServiceRequest.objects.for_actor(request.user, CHANGE)
                    .filter(tracking_number=normalized, service=d["service"])
                    .values_list("survey_token", flat=True)
                    .first()
                    if normalized
                    else None
                )
                if found is None:
                    form.add_error(
                        "tracking_number",
                        _("Nomor lacak ini tidak ditemukan pada layanan yang dipilih di unit Anda."),
                    )
                token = found
            if form.is_valid():
                try:
                    response = services.survey_submit(
                        scores=form.scores(),
                        token=token,
                        service=None if token else d["service"],
                        channel=SurveyChannel.PAPER,
                        gender=d["gender"],
                        age=d["age"],
                        education=d["education"],
                        occupation=d["occupation"],
                        suggestion=d["suggestion"],
                        submitted_at=_submitted_at(d["filled_on"]),
                        actor=request.user,
                    )
                except ApplicationError as exc:
                    if exc.field == "token":
                        form.add_error("tracking_number", exc.message)
                    else:
                        form.add_application_error(exc)
                else:
                    messages.success(
                        request,
                        _("Kuesioner kertas tersimpan untuk %(s)s (tanggal %(d)s).")
                        % {"s": response.service.name, "d": d["filled_on"].strftime("%d-%m-%Y")},
                    )
                    query = urlencode({"layanan": d["service"].pk, "tanggal": d["filled_on"].isoformat()})
                    return redirect(f"{reverse('public_services:survey_paper')}?{query}")
        return self._render(request, form, status=400)
