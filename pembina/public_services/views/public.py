"""The citizen-facing portal at /layanan/ (no login): performance figures, catalogue, online request,
receipt with the SKM QR code, tracking, SKM questionnaire, complaints and their confirmation.

Statistics pages are rendered from the public selectors only (aggregates, k-rule applied there) and
cached whole, keyed by `stats_version(instansi_id)`: the refresh job moves the version and the next
visitor renders afresh. They carry no form, CSRF token or user data, so anonymous visitors also get
`Cache-Control: public`. Form pages are never cached.

Receipt, survey and complaint-owner URLs carry the citizen's token; the site-wide
`Referrer-Policy: same-origin` keeps them from leaking to other sites (`no-referrer` would make the
browser send `Origin: null` with the page's own form, which the CSRF check refuses).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import zlib
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from pembina.core.exceptions import ApplicationError
from pembina.public_services import abuse, selectors, services
from pembina.public_services.forms_public import (
    SKM_QUESTIONS,
    ComplaintConfirmForm,
    ComplaintForm,
    OnlineRequestForm,
    SurveyForm,
    TrackForm,
)
from pembina.public_services.rules import skm
from pembina.public_services.selectors import public as public_selectors
from pembina.public_services.selectors.stats import Figures, Totals, figures
from pembina.public_services.services import public as public_services
from pembina.public_services.services.public import MAX_ATTACHMENT_BYTES

MONTH_CHOICES = (12, 24, 36)
DEFAULT_MONTHS = 24
COMPARE_MAX_MONTHS = 12
PAGE_TTL = 15 * 60  # catalogue edits show within this; statistics follow stats_version at once
PUBLIC_MAX_AGE = 300
NO_DATA = figures(Totals())  # every figure None: what a unit without statistics shows


# --- helpers -------------------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def add_months(day: dt.date, n: int) -> dt.date:
    """The first of the month `n` months after the month of `day`."""
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _months_apart(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _public_cache(request, response, max_age: int = PUBLIC_MAX_AGE):
    """Shared caches may keep pages of anonymous visitors; anyone with a session gets a private copy."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ["Cookie"])  # the language cookie changes the page
    return response


# instansi code setting -> pk of the instansi last served: a hint that spares the instansi query on a
# cache hit. It is only trusted when the cached entry was rendered for that same instansi.
_instansi_hint: dict[str, int] = {}


def _cached_page(request, parts: tuple, build) -> HttpResponse:
    """The page for `parts`, rendered once per statistics version (and language, day, instansi).

    A hit costs one cache round trip: the entry and the current statistics version are fetched
    together, and the entry is served only if it was rendered for that version."""
    code = getattr(settings, "PEMBINA_INSTANSI_CODE", "") or ""
    raw = repr((code, translation.get_language(), _today().isoformat(), parts))
    key = "pembina:portal:page:" + hashlib.sha256(raw.encode()).hexdigest()[:40]
    hint = _instansi_hint.get(code)
    if hint is not None:
        version, entry = public_selectors.stats_version_with(instansi_id=hint, key=key)
        if entry and entry[0] == hint and entry[1] == version:
            return _public_cache(request, HttpResponse(zlib.decompress(entry[2])))
    instansi = selectors.public_instansi()
    _instansi_hint[code] = instansi.pk
    version = selectors.stats_version(instansi_id=instansi.pk)
    template, context = build(instansi)
    context["instansi"] = instansi
    html = render_to_string(template, context, request=request)
    cache.set(key, (instansi.pk, version, zlib.compress(html.encode(), 6)), PAGE_TTL)
    return _public_cache(request, HttpResponse(html))


def _months_param(request) -> int:
    try:
        value = int(request.GET.get("bulan", DEFAULT_MONTHS))
    except (TypeError, ValueError):
        return DEFAULT_MONTHS
    return value if value in MONTH_CHOICES else DEFAULT_MONTHS


def _num(value):
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def _too_many(request, decision: abuse.Decision) -> HttpResponse:
    minutes = max(1, (decision.retry_after + 59) // 60)
    response = render(
        request,
        "public/message.html",
        {
            "instansi": _instansi_or_none(),
            "title": _("Terlalu banyak permintaan"),
            "message": _("Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi dalam %(m)s menit.")
            % {"m": minutes},
            "tone": "warning",
        },
        status=429,
    )
    response["Retry-After"] = str(decision.retry_after)
    return response


def _refused(request, status: int = 400, message: str | None = None) -> HttpResponse:
    return render(
        request,
        "public/message.html",
        {
            "instansi": _instansi_or_none(),
            "title": _("Formulir tidak dapat diproses"),
            "message": message or _("Formulir tidak dapat diproses. Muat ulang halaman lalu coba lagi."),
            "tone": "danger",
        },
        status=status,
    )


def _too_large(request, limit: int) -> HttpResponse:
    return _refused(
        request,
        413,
        _("Kiriman terlalu besar (maksimum %(mb)s MB). Perkecil lampiran lalu coba lagi.")
        % {"mb": max(1, round(limit / (1024 * 1024)))},
    )


def _instansi_or_none():
    try:
        return selectors.public_instansi()
    except Http404:
        return None


def _form_error(form, exc: ApplicationError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _qr_data_uri(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = image.to_string()
    if isinstance(svg, str):
        svg = svg.encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


# --- statistics pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareRow:
    label: str
    kind: str  # fig filter kind
    before: object
    after: object
    better: str  # "lower" | "higher" | ""

    @property
    def trend(self) -> str:
        """'better', 'worse', 'same' or '' when a side is suppressed."""
        if self.before is None or self.after is None or not self.better:
            return ""
        if self.after == self.before:
            return "same"
        improved = self.after < self.before if self.better == "lower" else self.after > self.before
        return "better" if improved else "worse"


def _compare(*, instansi, today, service_id=None, unit_id=None) -> dict | None:
    """Before/after the program start: the same number of months on each side (at most 12), the
    month of the start counted as "after"."""
    start = selectors.policy_for(instansi=instansi).program_start
    if not start or start > today:
        return {"program_start": start, "rows": None}
    after_start = start.replace(day=1)
    months = min(COMPARE_MAX_MONTHS, _months_apart(after_start, today) + 1)
    after_end = min(today, add_months(after_start, months) - dt.timedelta(days=1))
    before_start = add_months(after_start, -months)
    before_end = after_start - dt.timedelta(days=1)
    scope = {"instansi_id": instansi.pk, "service_id": service_id, "unit_id": unit_id}
    before = selectors.public_period_figures(start=before_start, end=before_end, **scope)
    after = selectors.public_period_figures(start=after_start, end=after_end, **scope)
    rows = [
        CompareRow(_("Permohonan diterima"), "int", before.requests_received, after.requests_received, ""),
        CompareRow(
            _("Median lama penyelesaian (hari kerja)"),
            "days",
            before.completion_p50,
            after.completion_p50,
            "lower",
        ),
        CompareRow(
            _("Persentil 90 lama penyelesaian (hari kerja)"),
            "days",
            before.completion_p90,
            after.completion_p90,
            "lower",
        ),
        CompareRow(
            _("Selesai tepat waktu"), "pct", before.within_deadline_pct, after.within_deadline_pct, "higher"
        ),
        CompareRow(_("Pengaduan diterima"), "int", before.complaints_received, after.complaints_received, ""),
        CompareRow(
            _("Pengaduan selesai tepat waktu"),
            "pct",
            before.complaints_resolved_on_time_pct,
            after.complaints_resolved_on_time_pct,
            "higher",
        ),
        CompareRow(_("IKM (nilai konversi)"), "ikm", before.ikm, after.ikm, "higher"),
    ]
    return {
        "program_start": start,
        "months": months,
        "before_start": before_start,
        "before_end": before_end,
        "after_start": after_start,
        "after_end": after_end,
        "rows": rows,
    }


def _chart_data(monthly: list[Figures], program_start: dt.date | None) -> dict:
    labels = [dateformat.format(f.month, "M Y") for f in monthly]
    start_index = None
    if program_start:
        month = program_start.replace(day=1)
        start_index = next((i for i, f in enumerate(monthly) if f.month == month), None)
    return {
        "labels": labels,
        "programStart": start_index,
        "series": {
            "received": [_num(f.requests_received) for f in monthly],
            "completed": [_num(f.requests_completed) for f in monthly],
            "p50": [_num(f.completion_p50) for f in monthly],
            "p90": [_num(f.completion_p90) for f in monthly],
            "withinPct": [_num(f.within_deadline_pct) for f in monthly],
            "complaints": [_num(f.complaints_received) for f in monthly],
            "complaintsResolved": [_num(f.complaints_resolved) for f in monthly],
            "complaintsOnTimePct": [_num(f.complaints_resolved_on_time_pct) for f in monthly],
            "ikm": [_num(f.ikm) for f in monthly],
        },
        "text": {
            "received": _("Permohonan diterima"),
            "completed": _("Permohonan selesai"),
            "p50": _("Median (hari kerja)"),
            "p90": _("Persentil 90 (hari kerja)"),
            "withinPct": _("Selesai tepat waktu (%)"),
            "complaints": _("Pengaduan diterima"),
            "complaintsResolved": _("Pengaduan diselesaikan"),
            "complaintsOnTimePct": _("Pengaduan selesai tepat waktu (%)"),
            "ikm": _("IKM (25–100)"),
            "programStart": _("Mulai program"),
            "suppressed": _("kurang dari 5 kasus"),
        },
    }


def bin_label(b) -> str:
    if b.hi is None:
        return _("semua (digabung)") if b.lo == 0 else _("≥ %(n)s hari") % {"n": b.lo}
    if b.lo == b.hi:
        return _("hari yang sama") if b.lo == 0 else _("%(n)s hari") % {"n": b.lo}
    return _("%(a)s–%(b)s hari") % {"a": b.lo, "b": b.hi}


def _distribution(period: Figures) -> list[dict] | None:
    """The period's completion-time distribution (bins already obey the k-rule), with shares."""
    bins = period.completion_bins
    if not bins:
        return None
    total = sum(b.count for b in bins)
    return [{"label": bin_label(b), "count": b.count, "pct": round(100 * b.count / total, 1)} for b in bins]


def _figures_context(*, instansi, months: int, service_id=None, unit_id=None) -> dict:
    today = _today()
    start = add_months(today, -(months - 1))
    scope = {"instansi_id": instansi.pk, "service_id": service_id, "unit_id": unit_id}
    monthly = selectors.public_month_figures(start=start, end=today, **scope)
    period = selectors.public_period_figures(start=start, end=today, **scope)
    compare = _compare(instansi=instansi, today=today, service_id=service_id, unit_id=unit_id)
    nrr = None
    if period.skm_nrr:
        nrr = [(e.code, e.name, period.skm_nrr.get(e.code)) for e in skm.ELEMENTS]
    distribution = _distribution(period)
    chart = _chart_data(monthly, compare["program_start"] if compare else None)
    if distribution:
        chart["distribution"] = {
            "labels": [d["label"] for d in distribution],
            "pct": [d["pct"] for d in distribution],
            "counts": [d["count"] for d in distribution],
            "title": _("Permohonan selesai (%)"),
        }
    return {
        "months": months,
        "month_choices": MONTH_CHOICES,
        "period_start": start,
        "period_end": today,
        "period": period,
        "distribution": distribution,
        "monthly": list(reversed(monthly)),
        "chart": chart,
        "compare": compare,
        "nrr": nrr,
    }


@require_GET
def portal(request):
    months = _months_param(request)

    def build(instansi):
        today = _today()
        context = _figures_context(instansi=instansi, months=months)
        opds = list(selectors.public_opd_list(instansi_id=instansi.pk))
        breakdown = selectors.public_breakdown(
            instansi_id=instansi.pk, start=add_months(today, -(months - 1)), end=today, by="opd"
        )
        context["breakdown"] = [(opd, breakdown.get(opd.pk) or NO_DATA) for opd in opds]
        context["breakdown_kind"] = "opd"
        context["scope_title"] = _("Semua perangkat daerah")
        return "public/portal.html", context

    return _cached_page(request, ("portal", months), build)


@require_GET
def portal_opd(request, opd_id: int):
    months = _months_param(request)

    def build(instansi):
        opd = selectors.public_opd_list(instansi_id=instansi.pk).filter(pk=opd_id).first()
        if opd is None:
            raise Http404
        today = _today()
        context = _figures_context(instansi=instansi, months=months, unit_id=opd.pk)
        service_list = list(selectors.public_service_list(instansi_id=instansi.pk, opd_id=opd.pk))
        breakdown = selectors.public_breakdown(
            instansi_id=instansi.pk,
            start=add_months(today, -(months - 1)),
            end=today,
            by="service",
            opd_id=opd.pk,
        )
        context["breakdown"] = [(s, breakdown.get(s.pk) or NO_DATA) for s in service_list]
        context["breakdown_kind"] = "service"
        context["opd"] = opd
        context["scope_title"] = opd.name
        return "public/portal.html", context

    return _cached_page(request, ("opd", opd_id, months), build)


@require_GET
def service_detail(request, code: str):
    months = _months_param(request)

    def build(instansi):
        service = selectors.public_service_get(instansi_id=instansi.pk, code=code)
        context = _figures_context(instansi=instansi, months=months, service_id=service.pk)
        context["service"] = service
        context["scope_title"] = service.name
        return "public/service.html", context

    return _cached_page(request, ("service", code.upper()[:40], months), build)


@require_GET
def catalogue(request):
    instansi = selectors.public_instansi()
    q = (request.GET.get("q") or "").strip()[:80]
    opd_id = request.GET.get("opd") or None
    qs = selectors.public_service_list(instansi_id=instansi.pk)
    opds = list(selectors.public_opd_list(instansi_id=instansi.pk))
    if opd_id and str(opd_id).isdigit():
        qs = qs.filter(opd_id=int(opd_id))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q.upper()) | Q(product__icontains=q))
    groups: dict[int, list] = {}
    for service in qs:
        groups.setdefault(service.opd_id, []).append(service)
    names = {o.pk: o for o in opds}
    grouped = [(names.get(opd), items) for opd, items in groups.items() if names.get(opd)]
    response = render(
        request,
        "public/catalogue.html",
        {"instansi": instansi, "grouped": grouped, "opds": opds, "q": q, "opd_id": opd_id},
    )
    return _public_cache(request, response)


@require_GET
def survey_index(request):
    instansi = selectors.public_instansi()
    groups: dict[int, list] = {}
    opds = {o.pk: o for o in selectors.public_opd_list(instansi_id=instansi.pk)}
    for service in selectors.public_service_list(instansi_id=instansi.pk):
        groups.setdefault(service.opd_id, []).append(service)
    grouped = [(opds[k], v) for k, v in groups.items() if k in opds]
    return _public_cache(
        request, render(request, "public/survey_index.html", {"instansi": instansi, "grouped": grouped})
    )


# --- online request, receipt, tracking --------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def request_create(request, code: str):
    instansi = selectors.public_instansi()
    service = selectors.public_service_get(instansi_id=instansi.pk, code=code)
    context = {"instansi": instansi, "service": service}
    if not service.accepts_online:
        return render(request, "public/request_form.html", {**context, "form": None})
    if request.method == "POST":
        if abuse.body_too_large(request, abuse.FORM_MAX_BYTES):
            return _too_large(request, abuse.FORM_MAX_BYTES)
        if abuse.honeypot_tripped(request.POST):
            return _refused(request)
        ip = abuse.client_ip(request)
        blocked = abuse.peek("request_form", ip)
        if not blocked.allowed:
            return _too_many(request, blocked)
        form = OnlineRequestForm(request.POST)
        if form.is_valid():
            decision = abuse.hit("request_form", ip)
            if not decision.allowed:
                return _too_many(request, decision)
            data = form.cleaned_data
            try:
                created = services.request_submit_online(
                    service=service,
                    citizen_name=data["citizen_name"],
                    citizen_contact=data["citizen_contact"],
                    description=data["description"],
                    location=data["location"],
                )
            except ApplicationError as exc:
                _form_error(form, exc)
            else:
                return redirect("public:request_receipt", token=created.survey_token)
    else:
        form = OnlineRequestForm()
    return render(request, "public/request_form.html", {**context, "form": form})


@never_cache
@require_GET
def request_receipt(request, token: str):
    receipt = public_selectors.request_receipt(token=token)
    if receipt is None:
        raise Http404
    survey_url = request.build_absolute_uri(reverse("public:survey_token", args=[receipt.survey_token]))
    track_url = (
        request.build_absolute_uri(reverse("public:request_track")) + f"?nomor={receipt.tracking_number}"
    )
    response = render(
        request,
        "public/receipt.html",
        {
            "instansi": selectors.public_instansi(),
            "receipt": receipt,
            "survey_url": survey_url,
            "track_url": track_url,
            "qr": _qr_data_uri(survey_url),
        },
    )
    return response


def _track_guard(request) -> HttpResponse | None:
    """Lookups are throttled per address, and unknown numbers much harder (enumeration)."""
    ip = abuse.client_ip(request)
    misses = abuse.peek("track_miss", ip)
    if not misses.allowed:
        return _too_many(request, misses)
    decision = abuse.hit("track", ip)
    if not decision.allowed:
        return _too_many(request, decision)
    return None


@never_cache
@require_GET
def request_track(request):
    instansi = selectors.public_instansi()
    form = TrackForm(request.GET or None)
    result, searched = None, False
    if form.is_bound and form.is_valid():
        refused = _track_guard(request)
        if refused:
            return refused
        searched = True
        result = selectors.request_track(tracking_number=form.cleaned_data["nomor"])
        if result is None:
            abuse.hit("track_miss", abuse.client_ip(request))
    return render(
        request,
        "public/track.html",
        {"instansi": instansi, "form": form, "result": result, "searched": searched},
    )


# --- SKM ----------------------------------------------------------------------------------------------


def _survey_post(request, form, **target) -> HttpResponse | None:
    if abuse.body_too_large(request, abuse.FORM_MAX_BYTES):
        return _too_large(request, abuse.FORM_MAX_BYTES)
    if abuse.honeypot_tripped(request.POST):
        return _refused(request)
    ip = abuse.client_ip(request)
    blocked = abuse.peek("survey", ip)
    if not blocked.allowed:
        return _too_many(request, blocked)
    if not form.is_valid():
        return None
    decision = abuse.hit("survey", ip)
    if not decision.allowed:
        return _too_many(request, decision)
    data = form.cleaned_data
    try:
        services.survey_submit(
            scores=form.scores(),
            gender=data.get("gender") or "",
            age=data.get("age"),
            education=data.get("education") or "",
            occupation=data.get("occupation") or "",
            suggestion=data.get("suggestion") or "",
            **target,
        )
    except ApplicationError as exc:
        _form_error(form, exc)
        return None
    return render(
        request,
        "public/message.html",
        {
            "instansi": selectors.public_instansi(),
            "title": _("Terima kasih"),
            "message": _("Jawaban survei Anda sudah kami terima. Penilaian Anda membantu perbaikan layanan."),
            "tone": "success",
        },
    )


def _survey_context(form) -> dict:
    return {"form": form, "questions": SKM_QUESTIONS}


@never_cache
@require_http_methods(["GET", "POST"])
def survey_token(request, token: str):
    invitation = selectors.survey_invitation(token=token)
    if invitation is None:
        raise Http404
    instansi = selectors.public_instansi()
    context = {"instansi": instansi, "invitation": invitation, "subject": invitation.service_name}
    if not invitation.can_answer:
        return render(request, "public/survey.html", {**context, "form": None})
    form = SurveyForm(request.POST or None)
    if request.method == "POST":
        done = _survey_post(request, form, token=token)
        if done is not None:
            return done
    response = render(request, "public/survey.html", {**context, **_survey_context(form)})
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def survey_service(request, code: str):
    instansi = selectors.public_instansi()
    service = selectors.public_service_get(instansi_id=instansi.pk, code=code)
    form = SurveyForm(request.POST or None)
    if request.method == "POST":
        done = _survey_post(request, form, service=service)
        if done is not None:
            return done
    return render(
        request,
        "public/survey.html",
        {"instansi": instansi, "service": service, "subject": service.name, **_survey_context(form)},
    )


# --- complaints -------------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_create(request):
    instansi = selectors.public_instansi()
    service_list = list(selectors.public_service_list(instansi_id=instansi.pk))
    by_code = {s.code: s for s in service_list}
    if request.method == "POST":
        if abuse.body_too_large(request, abuse.UPLOAD_FORM_MAX_BYTES):
            return _too_large(request, abuse.UPLOAD_FORM_MAX_BYTES)
        if abuse.honeypot_tripped(request.POST):
            return _refused(request)
        ip = abuse.client_ip(request)
        blocked = abuse.peek("complaint_form", ip)
        if not blocked.allowed:
            return _too_many(request, blocked)
        form = ComplaintForm(request.POST, request.FILES, services=service_list)
        if form.is_valid():
            data = form.cleaned_data
            attachments, too_big = [], None
            for upload in data["attachments"]:
                if upload.size > MAX_ATTACHMENT_BYTES:
                    too_big = upload
                    break
                attachments.append((upload.name, upload.read()))
            if too_big is not None:
                form.add_error(
                    "attachments",
                    _("Berkas %(name)s terlalu besar; maksimum %(mb)s MB.")
                    % {"name": too_big.name[:80], "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
                )
            else:
                decision = abuse.hit("complaint_form", ip)
                if not decision.allowed:
                    return _too_many(request, decision)
                try:
                    complaint = public_services.complaint_submit_web(
                        instansi=instansi,
                        subject=data["subject"],
                        description=data["description"],
                        service=by_code.get(data.get("service") or ""),
                        reporter_name=data["reporter_name"],
                        reporter_contact=data["reporter_contact"],
                        is_anonymous=data["is_anonymous"],
                        is_confidential=data["is_confidential"],
                        location=data["location"],
                        attachments=attachments,
                    )
                except ApplicationError as exc:
                    _form_error(form, exc)
                else:
                    url = reverse(
                        "public:complaint_owner", args=[complaint.tracking_number, complaint.confirm_token]
                    )
                    return HttpResponseRedirect(url + "?baru=1")
    else:
        initial = {}
        code = (request.GET.get("layanan") or "").upper()
        if code in by_code:
            initial["service"] = code
        form = ComplaintForm(initial=initial, services=service_list)
    return render(request, "public/complaint_form.html", {"instansi": instansi, "form": form})


@never_cache
@require_GET
def complaint_track(request):
    instansi = selectors.public_instansi()
    form = TrackForm(request.GET or None)
    result, searched = None, False
    if form.is_bound and form.is_valid():
        refused = _track_guard(request)
        if refused:
            return refused
        searched = True
        result = selectors.complaint_track(tracking_number=form.cleaned_data["nomor"])
        if result is None:
            abuse.hit("track_miss", abuse.client_ip(request))
    return render(
        request,
        "public/complaint_track.html",
        {"instansi": instansi, "form": form, "result": result, "searched": searched},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_owner(request, number: str, token: str):
    refused = _track_guard(request)
    if refused:
        return refused
    info = selectors.complaint_track(tracking_number=number, token=token)
    if info is None or info.subject is None:
        abuse.hit("track_miss", abuse.client_ip(request))
        raise Http404
    form = ComplaintConfirmForm(request.POST or None) if info.can_confirm else None
    if request.method == "POST" and form is not None:
        decision = abuse.throttle(request, "complaint_confirm")
        if not decision.allowed:
            return _too_many(request, decision)
        if form.is_valid():
            complaint = public_selectors.complaint_for_owner(tracking_number=number, token=token)
            if complaint is None:
                raise Http404
            try:
                services.complaint_confirm(
                    complaint=complaint,
                    token=token,
                    satisfied=form.cleaned_data["satisfied"],
                    rating=form.cleaned_data["rating"],
                    note=form.cleaned_data["note"],
                )
            except ApplicationError as exc:
                _form_error(form, exc)
            else:
                return HttpResponseRedirect(request.path + "?dikonfirmasi=1")
    response = render(
        request,
        "public/complaint_owner.html",
        {
            "instansi": selectors.public_instansi(),
            "info": info,
            "form": form,
            "is_new": request.GET.get("baru") == "1",
            "confirmed": request.GET.get("dikonfirmasi") == "1",
            "owner_url": request.build_absolute_uri(request.path),
        },
    )
    return response


# --- language -------------------------------------------------------------------------------------------


@require_GET
def language(request, code: str):
    """The public pages carry no CSRF token (they are cached), so their language switch is a link."""
    supported = {c for c, _name in settings.LANGUAGES}
    if code not in supported:
        raise Http404
    target = request.GET.get("next") or reverse("public:portal")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("public:portal")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
