"""Import of request logs from an existing counter (loket) system, CSV or XLSX, all-or-nothing.

Each row is one request with the times of its steps; the status is the last step present. Rows are
checked against the catalogue (service code), the employees (petugas NIP) and the actor's scope, then
written in one transaction with their timelines. The counter system's number (NOMOR) is the key: a
row already imported with the same service and time is left alone, so re-importing a file writes
nothing; the same number with different data is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.exceptions import ApplicationError
from pembina.core.imports import Column, HeaderMap, ImportSpec, Plan, Row, RowProblems, run_import
from pembina.core.imports.engine import ProgressFn
from pembina.core.imports.report import ErrorReport
from pembina.core.imports.values import EXCEL_EPOCH, ValueProblem, parse_date, text
from pembina.core.scoping import CHANGE, get_scope
from pembina.org.models import Employee, Instansi
from pembina.public_services.choices import RequestAction, RequestChannel, RequestStatus
from pembina.public_services.models import RequestEvent, Service, ServiceRequest
from pembina.public_services.models.scope import can_handle
from pembina.public_services.rules import tracking
from pembina.public_services.rules.text import plain_text
from pembina.public_services.rules.workdays import WorkCalendar
from pembina.public_services.selectors.calendar import policy_for, work_calendar
from pembina.public_services.services.requests import new_token

STEPS = (
    ("verified_at", RequestStatus.VERIFIED),
    ("processing_at", RequestStatus.IN_PROCESS),
    ("completed_at", RequestStatus.COMPLETED),
    ("picked_up_at", RequestStatus.PICKED_UP),
)
_DT = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
CHUNK = 900


def parse_datetime(value: Any) -> dt.datetime | None:
    """A local date-time from a cell: an Excel date(-time), "dd-mm-yyyy HH:MM", ISO, or a date alone."""
    tz = timezone.get_current_timezone()
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.min, tzinfo=tz)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValueProblem(_("Angka %(v)s bukan tanggal Excel yang sah.") % {"v": value})
        whole = int(value)
        seconds = round((value - whole) * 86400)
        day = EXCEL_EPOCH + dt.timedelta(days=whole)
        return dt.datetime.combine(day, dt.time.min, tzinfo=tz) + dt.timedelta(seconds=seconds)
    raw = str(value).strip()
    for pattern, order in ((_DT, "dmy"), (_ISO, "ymd")):
        m = pattern.match(raw)
        if m:
            a, b, c, hh, mm, ss = m.groups()
            year, month, day = (int(c), int(b), int(a)) if order == "dmy" else (int(a), int(b), int(c))
            try:
                return dt.datetime(year, month, day, int(hh), int(mm), int(ss or 0), tzinfo=tz)
            except ValueError:
                raise ValueProblem(_("Waktu '%(v)s' tidak ada di kalender.") % {"v": raw}) from None
    day = parse_date(raw)
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz) if day else None


@dataclass
class LogContext:
    actor: Any
    instansi: Instansi
    services: dict[str, dict] = field(default_factory=dict)
    units: dict[int, dict] = field(default_factory=dict)
    employees: dict[str, dict] = field(default_factory=dict)
    calendar: WorkCalendar | None = None
    prefix: str = ""


class RequestLogImport(ImportSpec):
    kind = "service_requests"
    title = gettext_lazy("log permohonan layanan")
    columns = (
        Column(
            "external_ref",
            "NOMOR",
            required=True,
            aliases=("nomor permohonan", "no", "nomor registrasi"),
            help=gettext_lazy("Nomor permohonan di sistem loket; kunci agar impor ulang tidak menggandakan."),
            example="LKT-2025-000123",
        ),
        Column(
            "service_code",
            "KODE LAYANAN",
            required=True,
            aliases=("kode", "layanan"),
            help=gettext_lazy("Kode layanan pada katalog Pembina."),
            example="DUKCAPIL-KTPEL",
        ),
        Column(
            "citizen_name",
            "NAMA PEMOHON",
            required=True,
            aliases=("pemohon", "nama"),
            help=gettext_lazy("Nama pemohon (paling banyak 150 karakter)."),
            example="Siti Aminah",
        ),
        Column(
            "citizen_contact",
            "KONTAK",
            aliases=("hp", "nomor hp", "telepon", "surel"),
            help=gettext_lazy("Nomor HP atau surel pemohon (boleh kosong)."),
            example="081234567890",
        ),
        Column(
            "received_at",
            "WAKTU TERIMA",
            required=True,
            aliases=("tanggal terima", "diterima"),
            help=gettext_lazy("Tanggal dan jam berkas diterima: dd-mm-yyyy HH:MM."),
            example="03-02-2025 08:15",
        ),
        Column(
            "verified_at",
            "WAKTU VERIFIKASI",
            aliases=("diverifikasi",),
            help=gettext_lazy("Tanggal dan jam berkas diverifikasi."),
            example="03-02-2025 08:40",
        ),
        Column(
            "processing_at",
            "WAKTU PROSES",
            aliases=("diproses",),
            help=gettext_lazy("Tanggal dan jam mulai diproses."),
            example="03-02-2025 09:00",
        ),
        Column(
            "completed_at",
            "WAKTU SELESAI",
            aliases=("selesai",),
            help=gettext_lazy("Tanggal dan jam produk layanan selesai."),
            example="04-02-2025 14:00",
        ),
        Column(
            "picked_up_at",
            "WAKTU DIAMBIL",
            aliases=("diambil",),
            help=gettext_lazy("Tanggal dan jam produk diambil pemohon."),
            example="05-02-2025 10:00",
        ),
        Column(
            "rejected_at",
            "WAKTU DITOLAK",
            aliases=("ditolak",),
            help=gettext_lazy("Tanggal dan jam permohonan ditolak (isi juga ALASAN PENOLAKAN)."),
            example="",
        ),
        Column(
            "rejection_reason",
            "ALASAN PENOLAKAN",
            aliases=("alasan",),
            help=gettext_lazy("Wajib bila permohonan ditolak."),
            example="",
        ),
        Column(
            "employee_nip",
            "NIP PETUGAS",
            aliases=("nip", "petugas"),
            help=gettext_lazy("NIP petugas yang menangani (boleh kosong)."),
            example="198503142010011001",
        ),
    )

    def prepare(self, *, actor) -> LogContext:
        scope = get_scope(actor)
        if scope.is_anonymous or scope.instansi_id is None:
            raise ApplicationError(_("Anda tidak berwenang mengimpor log permohonan layanan."))
        instansi = Instansi.objects.get(pk=scope.instansi_id)
        ctx = LogContext(actor=actor, instansi=instansi)
        for row in Service.objects.filter(instansi=instansi).values(
            "pk", "code", "unit_id", "opd_id", "unit_path", "completion_days"
        ):
            ctx.services[row["code"]] = row
        ctx.employees = {
            nip: {"pk": pk, "unit_id": unit_id}
            for nip, pk, unit_id in Employee.objects.filter(instansi=instansi).values_list(
                "nip", "pk", "current_unit_id"
            )
        }
        ctx.calendar = work_calendar(instansi_id=instansi.pk)
        ctx.prefix = policy_for(instansi=instansi).tracking_prefix
        return ctx

    def clean_row(self, raw: dict[str, Any], problems: RowProblems, ctx: LogContext) -> dict[str, Any]:
        data: dict[str, Any] = {}
        ref = text(raw.get("external_ref"))
        if not ref:
            problems.add("external_ref", _("NOMOR wajib diisi."))
        elif len(ref) > 64:
            problems.add("external_ref", _("NOMOR paling banyak 64 karakter."))
        data["external_ref"] = ref
        code = text(raw.get("service_code")).upper()
        service = ctx.services.get(code)
        if not code:
            problems.add("service_code", _("Kode layanan wajib diisi."))
        elif service is None:
            problems.add("service_code", _("Kode layanan '%(c)s' tidak ada di katalog.") % {"c": code})
        elif not can_handle(
            get_scope(ctx.actor),
            CHANGE,
            instansi_id=ctx.instansi.pk,
            unit_path=service["unit_path"],
            opd_id=service["opd_id"],
        ):
            problems.add("service_code", _("Layanan '%(c)s' berada di luar cakupan Anda.") % {"c": code})
        data["service"] = service
        name = plain_text(text(raw.get("citizen_name")), single_line=True)
        if not name:
            problems.add("citizen_name", _("Nama pemohon wajib diisi."))
        elif len(name) > 150:
            problems.add("citizen_name", _("Nama pemohon paling banyak 150 karakter."))
        data["citizen_name"] = name
        contact = plain_text(text(raw.get("citizen_contact")), single_line=True)
        if len(contact) > 100:
            problems.add("citizen_contact", _("Kontak paling banyak 100 karakter."))
        data["citizen_contact"] = contact
        for key in ("received_at", "rejected_at", *(k for k, _s in STEPS)):
            data[key] = problems.value(key, parse_datetime, raw.get(key))
        if data["received_at"] is None and not any(k == "received_at" for k, _m in problems.items):
            problems.add("received_at", _("Waktu terima wajib diisi."))
        data["rejection_reason"] = plain_text(text(raw.get("rejection_reason")), max_length=2000)
        nip = re.sub(r"\D", "", text(raw.get("employee_nip")))
        data["employee"] = None
        if nip:
            data["employee"] = ctx.employees.get(nip)
            if data["employee"] is None:
                problems.add("employee_nip", _("NIP petugas %(n)s tidak ditemukan.") % {"n": nip})
        if problems:
            return data
        self._check_steps(data, problems)
        return data

    @staticmethod
    def _check_steps(data: dict, problems: RowProblems) -> None:
        previous_key, previous = "received_at", data["received_at"]
        for key, _status in STEPS:
            value = data[key]
            if value is None:
                continue
            if value < previous:
                problems.add(
                    key, _("Waktu ini lebih awal dari %(p)s.") % {"p": previous_key.replace("_at", "")}
                )
            previous_key, previous = key, value
        if data["picked_up_at"] and not data["completed_at"]:
            problems.add("picked_up_at", _("Permohonan yang diambil harus mempunyai waktu selesai."))
        if data["rejected_at"]:
            if data["completed_at"] or data["picked_up_at"]:
                problems.add("rejected_at", _("Permohonan yang ditolak tidak mungkin selesai atau diambil."))
            elif data["rejected_at"] < previous:
                problems.add("rejected_at", _("Waktu penolakan lebih awal dari langkah sebelumnya."))
            if not data["rejection_reason"]:
                problems.add("rejection_reason", _("Alasan penolakan wajib diisi bila ditolak."))
        now = timezone.now()
        for key in ("received_at", "rejected_at", *(k for k, _s in STEPS)):
            if data[key] and data[key] > now:
                problems.add(key, _("Waktu tidak boleh di masa depan."))

    def plan(self, rows: list[Row], ctx: LogContext, report: ErrorReport, header: HeaderMap) -> Plan:
        numbers: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            numbers[row.data["external_ref"]].append(row.number)
        for ref, ns in numbers.items():
            if len(ns) > 1:
                for n in ns:
                    report.add(
                        n,
                        "external_ref",
                        _("NOMOR %(r)s muncul lebih dari sekali (baris %(rows)s).")
                        % {"r": ref, "rows": ", ".join(map(str, ns[:10]))},
                    )
        refs = list(numbers)
        existing: dict[str, tuple[int, dt.datetime]] = {}
        for i in range(0, len(refs), CHUNK):
            for ref, service_id, received in ServiceRequest.objects.filter(
                instansi=ctx.instansi, external_ref__in=refs[i : i + CHUNK]
            ).values_list("external_ref", "service_id", "received_at"):
                existing[ref] = (service_id, received)
        new, unchanged = [], 0
        for row in rows:
            d = row.data
            if len(numbers[d["external_ref"]]) > 1:
                continue
            old = existing.get(d["external_ref"])
            if old is None:
                new.append(row)
            elif old == (d["service"]["pk"], d["received_at"]):
                unchanged += 1
            else:
                report.add(
                    row.number,
                    "external_ref",
                    _("NOMOR %(r)s sudah diimpor dengan layanan atau waktu terima lain.")
                    % {"r": d["external_ref"]},
                )
        return Plan(created=len(new), unchanged=unchanged, payload=new)

    def write(self, plan: Plan, ctx: LogContext, header: HeaderMap) -> None:
        rows: list[Row] = plan.payload
        cal = ctx.calendar
        local = timezone.localtime
        numbers = self._tracking_numbers(ctx, [local(r.data["received_at"]).date() for r in rows])
        requests = []
        for row, number in zip(rows, numbers, strict=True):
            d, svc, emp = row.data, row.data["service"], row.data["employee"]
            received_on = local(d["received_at"]).date()
            status = RequestStatus.RECEIVED
            for key, step in STEPS:
                if d[key]:
                    status = step
            if d["rejected_at"]:
                status = RequestStatus.REJECTED
            completed_on = local(d["completed_at"]).date() if d["completed_at"] else None
            elapsed = cal.elapsed(received_on, completed_on) if completed_on else None
            requests.append(
                ServiceRequest(
                    instansi=ctx.instansi,
                    service_id=svc["pk"],
                    unit_id=svc["unit_id"],
                    opd_id=svc["opd_id"],
                    unit_path=svc["unit_path"],
                    tracking_number=number,
                    channel=RequestChannel.IMPORT,
                    status=status,
                    citizen_name=d["citizen_name"],
                    citizen_contact=d["citizen_contact"],
                    received_at=d["received_at"],
                    received_month=received_on.replace(day=1),
                    completion_days=svc["completion_days"],
                    due_date=cal.due_date(received_on, svc["completion_days"]),
                    verified_at=d["verified_at"],
                    processing_at=d["processing_at"],
                    completed_at=d["completed_at"],
                    completed_month=completed_on.replace(day=1) if completed_on else None,
                    picked_up_at=d["picked_up_at"],
                    rejected_at=d["rejected_at"],
                    rejection_reason=d["rejection_reason"] if d["rejected_at"] else "",
                    elapsed_working_days=elapsed,
                    within_deadline=(elapsed <= svc["completion_days"]) if elapsed is not None else None,
                    is_overdue=bool(elapsed is not None and elapsed > svc["completion_days"]),
                    handler_id=emp["pk"] if emp else None,
                    survey_token=new_token(),
                    external_ref=d["external_ref"],
                )
            )
        ServiceRequest.objects.bulk_create(requests, batch_size=1000)  # audited, source "import"
        events = []
        for row, request in zip(rows, requests, strict=True):
            d, emp = row.data, row.data["employee"]
            unit_id = (emp["unit_id"] if emp and emp["unit_id"] else None) or request.unit_id
            employee_id = emp["pk"] if emp else None
            steps = [(RequestAction.RECEIVED, "", RequestStatus.RECEIVED, d["received_at"])]
            current = RequestStatus.RECEIVED
            for key, step in STEPS:
                if d[key]:
                    steps.append((step, current, step, d[key]))
                    current = step
            if d["rejected_at"]:
                steps.append((RequestAction.REJECTED, current, RequestStatus.REJECTED, d["rejected_at"]))
            for action, status_from, status_to, at in steps:
                events.append(
                    RequestEvent(
                        request=request,
                        action=action,
                        status_from=status_from,
                        status_to=status_to,
                        at=at,
                        employee_id=employee_id,
                        unit_id=unit_id,
                        actor=ctx.actor if getattr(ctx.actor, "pk", None) else None,
                        note=d["rejection_reason"] if action == RequestAction.REJECTED else "",
                    )
                )
        RequestEvent.objects.bulk_create(events, batch_size=1000)

    @staticmethod
    def _tracking_numbers(ctx: LogContext, days: list[dt.date]) -> list[str]:
        numbers = [tracking.generate(ctx.prefix, day) for day in days]
        for _attempt in range(5):  # replace the (astronomically rare) collisions, set-based
            taken = set()
            for i in range(0, len(numbers), CHUNK):
                taken |= set(
                    ServiceRequest.objects.filter(tracking_number__in=numbers[i : i + CHUNK]).values_list(
                        "tracking_number", flat=True
                    )
                )
            seen: set[str] = set()
            clash = False
            for i, number in enumerate(numbers):
                if number in taken or number in seen:
                    numbers[i] = tracking.generate(ctx.prefix, days[i])
                    clash = True
                seen.add(numbers[i])
            if not clash:
                return numbers
        raise ApplicationError(_("Gagal membuat nomor lacak; silakan coba lagi."))


def request_log_import(*, file, name: str, actor, progress: ProgressFn | None = None):
    """Import a counter system's request log; returns the engine's ImportResult (errors per row)."""
    return run_import(RequestLogImport(), file, name=name, actor=actor, progress=progress)
