"""Managing the catalogue: programmes (BKPSDM) and their events (BKPSDM any; an Admin OPD the
in-house events its units organise)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope, paths_q
from pembina.core.views.base import render_page
from pembina.learning import selectors, services
from pembina.learning.forms import EventForm, ProgrammeForm
from pembina.learning.services.training import EVENT_FIELDS, PROGRAMME_FIELDS
from pembina.org.models import Unit


def _bkpsdm(request) -> None:
    if not get_scope(request.user).write_all:
        raise Http404


def _programme_url(programme) -> str:
    return reverse("learning:programme_detail", args=[programme.pk])


class ProgrammeCreateView(LoginRequiredMixin, View):
    template_name = "learning/programme_form.html"

    def get(self, request):
        _bkpsdm(request)
        return render_page(request, self.template_name, {"form": ProgrammeForm()})

    def post(self, request):
        _bkpsdm(request)
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            try:
                programme = services.programme_create(
                    instansi=request.user.instansi,
                    code=form.cleaned_data["code"],
                    data=form.service_data(),
                    competencies=form.cleaned_data["competencies"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Program ditambahkan ke katalog."))
                return redirect(_programme_url(programme))
        return render_page(request, self.template_name, {"form": form})


class ProgrammeEditView(LoginRequiredMixin, View):
    template_name = "learning/programme_form.html"

    def _form(self, programme, data=None):
        initial = {f: getattr(programme, f) for f in PROGRAMME_FIELDS}
        initial["competencies"] = "\n".join(
            f"{link.competency.code} = {link.target_level}" for link in programme.competency_links.all()
        )
        return ProgrammeForm(data, initial=initial, editing=True)

    def _load(self, request, pk):
        _bkpsdm(request)
        return selectors.programme_get_for_actor(actor=request.user, pk=pk)

    def get(self, request, pk):
        programme = self._load(request, pk)
        return render_page(
            request, self.template_name, {"programme": programme, "form": self._form(programme)}
        )

    def post(self, request, pk):
        programme = self._load(request, pk)
        form = self._form(programme, request.POST)
        if form.is_valid():
            try:
                services.programme_update(programme=programme, data=form.service_data(), actor=request.user)
                services.programme_competencies_set(
                    programme=programme, competencies=form.cleaned_data["competencies"], actor=request.user
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Program tersimpan."))
                return redirect(_programme_url(programme))
        return render_page(request, self.template_name, {"programme": programme, "form": form})


def organiser_units(actor):
    """Units the actor may name as organiser: any for BKPSDM, its own subtrees for an Admin OPD."""
    scope = get_scope(actor)
    units = Unit.objects.filter(instansi_id=scope.instansi_id, is_active=True).order_by("path")
    if scope.write_all:
        return units
    return units.filter(paths_q("path", scope.admin_unit_paths))


def _event_form(request, data=None, initial=None):
    scope = get_scope(request.user)
    if not (scope.write_all or scope.admin_unit_paths):
        raise Http404
    return EventForm(
        data, initial=initial, units=organiser_units(request.user), unit_required=not scope.write_all
    )


class EventCreateView(LoginRequiredMixin, View):
    """Schedule a run of a programme (a draft until its organiser opens registration)."""

    template_name = "learning/event_form.html"

    def get(self, request, pk):
        programme = selectors.programme_get_for_actor(actor=request.user, pk=pk)
        initial = {
            "title": programme.title,
            "jp": programme.jp,
            "organiser": programme.organiser,
            "quota": 30,
        }
        form = _event_form(request, initial=initial)
        return render_page(request, self.template_name, {"programme": programme, "form": form})

    def post(self, request, pk):
        programme = selectors.programme_get_for_actor(actor=request.user, pk=pk)
        form = _event_form(request, request.POST)
        if form.is_valid():
            try:
                event = services.event_create(programme=programme, data=form.cleaned_data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Jadwal dibuat sebagai draf; buka pendaftaran bila sudah siap."))
                return redirect("learning:event_detail", pk=event.pk)
        return render_page(request, self.template_name, {"programme": programme, "form": form})


class EventEditView(LoginRequiredMixin, View):
    template_name = "learning/event_form.html"

    def _load(self, request, pk):
        event = selectors.event_get_for_actor(actor=request.user, pk=pk)
        if not selectors.event_can_manage(actor=request.user, event=event):
            raise Http404
        return event

    def get(self, request, pk):
        event = self._load(request, pk)
        form = _event_form(request, initial={f: getattr(event, f) for f in EVENT_FIELDS})
        return render_page(
            request, self.template_name, {"event": event, "programme": event.programme, "form": form}
        )

    def post(self, request, pk):
        event = self._load(request, pk)
        form = _event_form(request, request.POST)
        if form.is_valid():
            try:
                services.event_update(event=event, data=form.cleaned_data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Jadwal tersimpan."))
                return redirect("learning:event_detail", pk=event.pk)
        context = {"event": event, "programme": event.programme, "form": form}
        return render_page(request, self.template_name, context)
