"""Two years of public-service history for the demo city, and the performance indicators it feeds.

`build(instansi, seed=…)` runs at the end of `pembina demo`: the catalogue and calendar
(`public_services_seed`), the policy with the program start eleven months ago, then month by month
the requests of every service (a sample of a city of ~700 000, scaled to the demo's size: about
24 000 requests for the default 5 000 employees), their timelines, SKM questionnaires after
completion and complaints with their SP4N-LAPOR! stages. Before the program start documents take longer, fewer are on
time and the IKM is lower; after it, completion times drop and compliance and IKM rise over a few
months. The statistics are refreshed, late open requests escalated, and a few IKU of Disdukcapil and
DPMPTSP read the figures as their data source; they and the IKI the performance demo drafted with a
public-service source get their realisations filled for the quarters ended.

Set-based: plain multi-row inserts (`core.imports.bulk.NewRows`) inside `audit.suppressed()`, with
every row recorded on the audit trail in one chain append (source "command"); deterministic for a
seed and a date, and idempotent: a second call finds requests and adds nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import random
import string
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from pembina.core.audit import context as audit_ctx
from pembina.core.audit.recorder import record
from pembina.core.imports.bulk import NewRows
from pembina.org.choices import EmploymentState
from pembina.org.models import Employee, Instansi, Unit
from pembina.public_services import services
from pembina.public_services.choices import (
    ComplaintAction,
    ComplaintChannel,
    ComplaintStage,
    ComplaintStatus,
    ComplaintTier,
    Education,
    HolidayKind,
    Occupation,
    RequestChannel,
    RequestStatus,
    SurveyChannel,
)
from pembina.public_services.models import (
    Complaint,
    ComplaintEscalation,
    ComplaintEvent,
    Holiday,
    RequestEvent,
    Service,
    ServiceRequest,
    SurveyResponse,
)
from pembina.public_services.rules import skm, tracking
from pembina.public_services.selectors import policy_for, work_calendar

HISTORY_MONTHS = 24
PROGRAM_MONTHS_AGO = 11  # the program started at the first of the month eleven months before this one
FULL_SIZE_EMPLOYEES = 5000  # the default demo: full volumes; smaller demos scale down
BATCH = 2000

# Requests per month at full size: about one in ten of what a city of ~700 000 sees (Disdukcapil
# issues thousands of documents a month), so the whole history (~24 000 requests with their timelines,
# surveys and audit entries) builds in well under a minute. Keys: service code, or the seed code for
# the services every Puskesmas/Kelurahan offers.
BASE_VOLUME = {
    "DUKCAPIL-KTPEL": 190,
    "DUKCAPIL-KK": 170,
    "DUKCAPIL-PINDAH": 60,
    "DUKCAPIL-AKTALAHIR": 140,
    "DUKCAPIL-AKTAMATI": 35,
    "DPMPTSP-PBG": 15,
    "DPMPTSP-NIB": 60,
    "DPMPTSP-SIP": 15,
    "DPMPTSP-REKLAME": 10,
    "UMUM": 3,
    "KIA": 2,
    "SKS": 3,
    "DOMISILI": 4,
}
DEFAULT_VOLUME = 10
# School enrolment (Jan, Jul) and Lebaran (Mar/Apr) move the counters.
SEASON = {
    1: 1.12,
    2: 1.0,
    3: 0.92,
    4: 0.86,
    5: 1.0,
    6: 1.05,
    7: 1.15,
    8: 1.0,
    9: 1.0,
    10: 1.02,
    11: 0.97,
    12: 0.9,
}


@dataclass(frozen=True)
class Quality:
    """How a group of services performs before and after the program (share on time, lateness)."""

    on_time_before: float
    on_time_after: float
    late_days_before: float  # mean working days late when late
    late_days_after: float
    online_before: float
    online_after: float


QUALITY = {
    "DUKCAPIL": Quality(0.68, 0.95, 3.0, 1.2, 0.04, 0.30),
    "DPMPTSP": Quality(0.58, 0.91, 6.0, 2.0, 0.10, 0.45),
    "PUSKESMAS": Quality(0.90, 0.97, 1.0, 1.0, 0.0, 0.05),
    "KELURAHAN": Quality(0.80, 0.95, 1.5, 1.0, 0.02, 0.20),
}
# IKM mean score per element (1..4) before and after, by element code.
SKM_BEFORE = {
    "U1": 2.95,
    "U2": 2.85,
    "U3": 2.55,
    "U4": 3.55,
    "U5": 3.0,
    "U6": 2.95,
    "U7": 3.0,
    "U8": 2.7,
    "U9": 2.8,
}
SKM_AFTER = {
    "U1": 3.3,
    "U2": 3.3,
    "U3": 3.35,
    "U4": 3.65,
    "U5": 3.35,
    "U6": 3.35,
    "U7": 3.45,
    "U8": 3.2,
    "U9": 3.15,
}

_FIRST = """Muhammad Siti Nur Ahmad Dewi Rina Hendra Budi Agus Sri Yuliana Fransiska Stefanus Yohanes Abdul
    Hasan Fatimah Rahmat Syarif Utin Uray Gusti Hendrik Lie Tjhin Wong Liliana Suryani Kurniawan Eka Dian
    Rudi Indah Nurhayati Rizki Putri Andi Fitri Yusuf Maria Antonius Vincentius"""
FIRST_NAMES = tuple(_FIRST.split())
_LAST = """Alkadrie Santoso Wijaya Hartono Saputra Lestari Ramadhan Setiawan Kusuma Pratama Hidayat Gunawan
    Syahputra Anggraini Nugroho Sulistyo Lim Tan Ahok Bong Effendi Irawan Rahayu Siregar Simanjuntak Daeng
    Madjid"""
LAST_NAMES = tuple(_LAST.split())
SUGGESTIONS = (
    "Ruang tunggu ditambah kursi dan kipas angin.",
    "Petugas sudah ramah, pertahankan.",
    "Mohon informasi persyaratan dipasang lebih jelas di loket.",
    "Antrean daring sangat membantu.",
    "Jam pelayanan sebaiknya diperpanjang sampai sore.",
    "Parkir kendaraan terlalu sempit.",
    "Pemberitahuan lewat WhatsApp saat dokumen selesai sangat berguna.",
    "Blanko sering habis, mohon disiapkan lebih banyak.",
    "Proses lebih cepat dari sebelumnya, terima kasih.",
    "Toilet perlu lebih bersih.",
)
COMPLAINT_TOPICS = (
    ("Antrean terlalu lama", "Saya menunggu lebih dari tiga jam di loket dan nomor antrean tidak jelas."),
    ("Dokumen belum selesai melewati janji", "Dokumen yang dijanjikan selesai belum juga dapat diambil."),
    ("Petugas kurang ramah", "Petugas loket berbicara dengan nada tinggi saat saya bertanya persyaratan."),
    (
        "Persyaratan berubah-ubah",
        "Setiap datang diminta persyaratan tambahan yang tidak ada di papan informasi.",
    ),
    ("Diminta biaya tambahan", "Ada oknum yang menawarkan jasa percepatan dengan imbalan uang."),
    ("Sistem daring tidak bisa diakses", "Formulir daring gagal dikirim berulang kali."),
    ("Data pada dokumen salah cetak", "Nama pada dokumen yang terbit salah ejaan dan harus diulang."),
    ("Loket tutup sebelum jam pelayanan", "Loket sudah tutup pukul 13.00 padahal jadwal sampai 15.00."),
)
RESOLUTIONS = (
    "Telah dilakukan pembinaan kepada petugas dan permohonan diselesaikan pada hari yang sama.",
    "Dokumen telah diterbitkan dan pelapor dihubungi untuk pengambilan.",
    "Papan informasi persyaratan diperbarui sesuai standar pelayanan.",
    "Sistem antrean ditambah satu loket pada jam sibuk.",
    "Kesalahan data diperbaiki dan dokumen dicetak ulang tanpa biaya.",
    "Laporan diteruskan ke Inspektorat; petugas yang bersangkutan diperiksa.",
)


# The fields a complaint's stages fill in, empty until they happen.
COMPLAINT_BLANKS = {
    "tier": "",
    "verified_at": None,
    "plan_due": None,
    "planned_at": None,
    "follow_up_plan": "",
    "resolution_due": None,
    "resolved_at": None,
    "resolved_month": None,
    "resolution": "",
    "resolved_on_time": None,
    "closed_at": None,
    "rejected_at": None,
    "rejection_reason": "",
    "confirmed_at": None,
    "complainant_satisfied": None,
    "rating": None,
}


class Step(NamedTuple):
    """One step of a complaint's story, before it becomes a ComplaintEvent."""

    action: str
    status_from: str
    status_to: str
    at: dt.datetime
    who: tuple = (None, None)  # (employee id, unit id)
    note: str = ""
    hop: tuple | None = None  # (from unit id, to unit id) when forwarded


@dataclass
class DemoResult:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def _months_back(day: dt.date, n: int) -> dt.date:
    m = day.month - n
    y = day.year
    while m <= 0:
        m += 12
        y -= 1
    return dt.date(y, m, 1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _group(service: Service) -> str:
    code = service.code
    if code.startswith("DUKCAPIL"):
        return "DUKCAPIL"
    if code.startswith("DPMPTSP"):
        return "DPMPTSP"
    if code.endswith(("-UMUM", "-KIA", "-SKS")):
        return "PUSKESMAS"
    return "KELURAHAN"


def _volume(service: Service) -> int:
    return BASE_VOLUME.get(service.code) or BASE_VOLUME.get(service.code.rsplit("-", 1)[-1], DEFAULT_VOLUME)


class _Builder:
    def __init__(self, instansi: Instansi, *, seed: int, now: dt.datetime, scale: float):
        self.instansi = instansi
        self.rng = random.Random(seed)
        self.now = now
        self.today = timezone.localtime(now).date()
        self.tz = timezone.get_current_timezone()
        self.scale = scale
        self.policy = policy_for(instansi=instansi)
        self.prefix = self.policy.tracking_prefix
        self.program_start = self.policy.program_start
        self.calendar = work_calendar(instansi_id=instansi.pk)
        self.counts: dict[str, int] = defaultdict(int)
        self.numbers: set[str] = set()

    # --- helpers ---------------------------------------------------------------------------------

    def at(self, day: dt.date, minutes: int) -> dt.datetime:
        """Local `day` at `minutes` past midnight."""
        return dt.datetime.combine(day, dt.time(min(minutes // 60, 23), minutes % 60), tzinfo=self.tz)

    def number(self, day: dt.date) -> str:
        while True:
            n = tracking.generate(self.prefix, day, token=self.rng.choice)
            if n not in self.numbers:
                self.numbers.add(n)
                return n

    def token(self) -> str:
        return base64.urlsafe_b64encode(self.rng.getrandbits(128).to_bytes(16, "big")).decode()[:22]

    def name(self) -> str:
        first = self.rng.choice(FIRST_NAMES)
        if self.rng.random() < 0.25:  # many Pontianak names have no family name
            return first
        return f"{first} {self.rng.choice(LAST_NAMES)}"

    def phone(self) -> str:
        return "08" + "".join(self.rng.choice(string.digits) for _ in range(10))

    def progress(self, day: dt.date) -> float:
        """0 before the program start, rising to 1 over four months after it."""
        if self.program_start is None or day < self.program_start:
            return 0.0
        return min(1.0, ((day - self.program_start).days + 15) / 120)

    def mix(self, before: float, after: float, day: dt.date) -> float:
        p = self.progress(day)
        return before + (after - before) * p

    def working_day_after(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_working_days(self.calendar.effective_start(day), n)

    # --- staff -------------------------------------------------------------------------------------

    def staff(self, services_: list[Service]) -> dict[int, list[tuple[int, int]]]:
        """service id → [(employee id, unit id)] who work in its unit (else in its OPD)."""
        rows = list(
            Employee.objects.filter(
                instansi=self.instansi, state=EmploymentState.ACTIVE, current_unit__isnull=False
            )
            .order_by("pk")
            .values_list("pk", "current_unit_id", "current_unit_path", "current_opd_id")
        )
        result = {}
        for s in services_:
            inside = [(pk, unit) for pk, unit, path, _opd in rows if path and path.startswith(s.unit_path)]
            if not inside:
                inside = [(pk, unit) for pk, unit, _path, opd in rows if opd == s.opd_id]
            result[s.pk] = inside[:12]
        return result

    # --- requests ----------------------------------------------------------------------------------

    def requests(self, services_: list[Service]):
        staff = self.staff(services_)
        start = _months_back(self.today, HISTORY_MONTHS - 1)
        month = start
        requests: list[SimpleNamespace] = []  # rows of ServiceRequest, by attname
        events: list[tuple[int, tuple]] = []
        surveys: list[tuple[int, dt.datetime]] = []
        while month <= self.today:
            days = []
            day = month
            while day.month == month.month:
                if self.calendar.is_working_day(day):
                    days.append(day)
                day += dt.timedelta(days=1)
            if not days:
                month = _next_month(month)
                continue
            elapsed_share = sum(1 for d in days if d <= self.today) / len(days)
            years_in = (month.year - start.year) + (month.month - start.month) / 12
            for s in services_:
                mean = _volume(s) * self.scale * SEASON[month.month] * (1 + 0.05 * years_in) * elapsed_share
                n = max(0, round(self.rng.gauss(mean, math.sqrt(mean) if mean > 0 else 0)))
                for _ in range(n):
                    day = self.rng.choice(days)
                    if day > self.today:
                        continue
                    self._request(s, day, staff.get(s.pk) or [], requests, events, surveys)
            month = _next_month(month)
        return requests, events, surveys

    def _request(self, s: Service, day: dt.date, staff, requests, events, surveys) -> None:
        rng = self.rng
        q = QUALITY[_group(s)]
        online = s.accepts_online and rng.random() < self.mix(q.online_before, q.online_after, day)
        if online:
            received = self.at(day, rng.randint(6 * 60, 21 * 60))
            if rng.random() < 0.15:  # some arrive on a weekend evening
                received -= dt.timedelta(days=rng.choice((1, 2)))
            channel = RequestChannel.OPEN311 if rng.random() < 0.03 else RequestChannel.ONLINE
        else:
            received = self.at(day, rng.randint(7 * 60 + 30, 14 * 60 + 30))
            channel = RequestChannel.COUNTER
        if received > self.now:
            return
        received_day = timezone.localtime(received).date()
        clerk = rng.choice(staff) if staff else (None, None)
        worker = rng.choice(staff) if staff else (None, None)
        due = self.calendar.due_date(received_day, s.completion_days)
        index = len(requests)
        steps: list[tuple[str, dt.datetime, tuple, str]] = [(RequestStatus.RECEIVED, received, clerk, "")]
        rejected = rng.random() < self.mix(0.035, 0.02, received_day)
        verified = received + dt.timedelta(minutes=rng.randint(5, 50))
        if online:
            verified = self.at(
                self.working_day_after(received_day, rng.choice((0, 0, 1))), rng.randint(480, 900)
            )
            verified = max(verified, received + dt.timedelta(minutes=5))
        reason = ""
        if rejected:
            reason = rng.choice(
                (
                    "Persyaratan belum lengkap: fotokopi KK tidak dilampirkan.",
                    "Data pada formulir tidak sesuai dengan dokumen pendukung.",
                    "Pemohon bukan penduduk/wilayah pelayanan unit ini.",
                )
            )
            steps.append((RequestStatus.REJECTED, verified, clerk, reason))
        else:
            steps.append((RequestStatus.VERIFIED, verified, clerk, ""))
            processing = verified + dt.timedelta(minutes=rng.randint(10, 180))
            steps.append((RequestStatus.IN_PROCESS, processing, worker, ""))
            stuck = received_day >= self.today - dt.timedelta(days=45) and rng.random() < 0.03
            if not stuck:
                on_time = rng.random() < self.mix(q.on_time_before, q.on_time_after, received_day)
                d = s.completion_days
                if on_time:
                    low = max(0, d - max(1, d // 2)) if d > 1 else 0
                    elapsed = rng.choice([d] * 3 + list(range(low, d + 1)))
                else:
                    mean_late = self.mix(q.late_days_before, q.late_days_after, received_day)
                    elapsed = d + 1 + int(rng.expovariate(1 / max(mean_late - 1, 0.3)))
                done_day = self.working_day_after(received_day, elapsed)
                done = self.at(done_day, rng.randint(9 * 60, 16 * 60))
                done = max(done, processing + dt.timedelta(minutes=20))
                steps.append((RequestStatus.COMPLETED, done, worker, ""))
                if s.completion_days == 0:
                    picked = done + dt.timedelta(minutes=rng.randint(2, 30))
                else:
                    wait = rng.choice((0, 0, 1, 1, 2, 3, 5, 8))
                    picked = self.at(self.working_day_after(done_day, wait), rng.randint(8 * 60, 15 * 60))
                    picked = max(picked, done + dt.timedelta(minutes=5))
                if rng.random() < 0.96:
                    steps.append((RequestStatus.PICKED_UP, picked, clerk, ""))
        steps = [st for st in steps if st[1] <= self.now]
        status = steps[-1][0]
        stamp = {st[0]: st[1] for st in steps}
        completed = stamp.get(RequestStatus.COMPLETED)
        completed_day = timezone.localtime(completed).date() if completed else None
        elapsed_days = self.calendar.elapsed(received_day, completed_day) if completed_day else None
        within = elapsed_days <= s.completion_days if elapsed_days is not None else None
        last = steps[-1][2]
        requests.append(
            SimpleNamespace(
                instansi_id=s.instansi_id,
                service_id=s.pk,
                unit_id=s.unit_id,
                opd_id=s.opd_id,
                unit_path=s.unit_path,
                tracking_number=self.number(received_day),
                channel=channel,
                status=status,
                citizen_name=self.name(),
                citizen_contact=self.phone() if rng.random() < 0.85 else "",
                received_at=received,
                received_month=received_day.replace(day=1),
                completion_days=s.completion_days,
                due_date=due,
                verified_at=stamp.get(RequestStatus.VERIFIED),
                processing_at=stamp.get(RequestStatus.IN_PROCESS),
                completed_at=completed,
                completed_month=completed_day.replace(day=1) if completed_day else None,
                picked_up_at=stamp.get(RequestStatus.PICKED_UP),
                rejected_at=stamp.get(RequestStatus.REJECTED),
                rejection_reason=reason if status == RequestStatus.REJECTED else "",
                elapsed_working_days=elapsed_days,
                within_deadline=within,
                is_overdue=within is False,
                handler_id=last[0],
                survey_token=self.token(),
            )
        )
        previous = ""
        for status_to, when, (emp, unit), note in steps:
            events.append((index, (status_to, previous, when, emp, unit or s.unit_id, note)))
            previous = status_to
        if completed is not None:
            answer = rng.random() < self.mix(0.16, 0.30, received_day)
            if answer:
                submitted = completed + dt.timedelta(hours=rng.randint(1, 72))
                if submitted <= self.now:
                    surveys.append((index, submitted))
        self.counts["requests"] += 1

    # --- surveys -----------------------------------------------------------------------------------

    def survey(self, index: int, request: SimpleNamespace, submitted: dt.datetime) -> SimpleNamespace:
        rng = self.rng
        day = timezone.localtime(submitted).date()
        p = self.progress(day)
        scores = {}
        mood = rng.gauss(0, 0.35)  # one respondent answers all nine in a similar mood
        for e in skm.ELEMENTS:
            mean = SKM_BEFORE[e.code] + (SKM_AFTER[e.code] - SKM_BEFORE[e.code]) * p
            scores[e.field] = min(4, max(1, round(rng.gauss(mean + mood, 0.45))))
        return SimpleNamespace(
            instansi_id=self.instansi.pk,
            service_id=request.service_id,
            unit_id=request.unit_id,
            opd_id=request.opd_id,
            unit_path=request.unit_path,
            request_index=index,
            channel=SurveyChannel.KIOSK if rng.random() < 0.3 else SurveyChannel.ONLINE,
            submitted_at=submitted,
            month=day.replace(day=1),
            gender=rng.choice(("L", "P")),
            age=min(80, max(17, round(rng.gauss(38, 12)))),
            education=rng.choices([c for c, _l in Education.choices], weights=(6, 12, 38, 12, 26, 5, 1))[0],
            occupation=rng.choices([c for c, _l in Occupation.choices], weights=(10, 1, 1, 30, 28, 10, 20))[
                0
            ],
            suggestion=rng.choice(SUGGESTIONS) if rng.random() < 0.12 else "",
            **scores,
        )

    # --- complaints --------------------------------------------------------------------------------

    def complaints(self, requests: list[SimpleNamespace], services_: dict[int, Service], staff):
        """About one complaint per hundred late requests (fewer for those on time), through the
        SP4N-LAPOR! stages; stages done after their deadline leave an escalation behind."""
        rng = self.rng
        cal = self.calendar
        pol = self.policy
        complaints: list[SimpleNamespace] = []  # rows of Complaint, by attname
        events: list[tuple[int, Step]] = []
        escalations: list[tuple[int, str, dt.date]] = []
        opd_of = dict(Unit.objects.filter(instansi=self.instansi).values_list("pk", "opd_id"))
        A, S = ComplaintAction, ComplaintStatus
        for index, r in enumerate(requests):
            if rng.random() >= (0.025 if r.within_deadline is False else 0.008):
                continue
            when = (r.completed_at or r.received_at) + dt.timedelta(hours=rng.randint(2, 120))
            if when > self.now:
                continue
            day = timezone.localtime(when).date()
            channel = rng.choices(
                (
                    ComplaintChannel.WEB,
                    ComplaintChannel.COUNTER,
                    ComplaintChannel.WHATSAPP,
                    ComplaintChannel.LAPOR,
                ),
                weights=(30 + 20 * self.progress(day), 25, 25, 20),
            )[0]
            subject, text = rng.choice(COMPLAINT_TOPICS)
            anonymous = rng.random() < 0.1
            confidential = not anonymous and (rng.random() < 0.12 or subject == "Diminta biaya tambahan")
            s = services_[r.service_id]
            c = SimpleNamespace(
                instansi_id=self.instansi.pk,
                tracking_number=self.number(day),
                confirm_token=self.token(),
                channel=channel,
                lapor_reference=f"LAPOR-{rng.randint(1000000, 9999999)}"
                if channel == ComplaintChannel.LAPOR
                else "",
                subject=subject,
                description=f"{text} Nomor permohonan {r.tracking_number}.",
                is_anonymous=anonymous,
                is_confidential=confidential,
                reporter_name="" if anonymous else r.citizen_name,
                reporter_contact="" if anonymous else r.citizen_contact,
                service_id=s.pk,
                request_index=index,
                unit_id=s.unit_id,
                opd_id=s.opd_id,
                status=S.RECEIVED,
                received_at=when,
                received_month=day.replace(day=1),
                verify_due=cal.due_date(day, pol.complaint_verify_days),
                **COMPLAINT_BLANKS,
            )
            worker = rng.choice(staff.get(s.pk) or [(None, None)])
            steps = [Step(A.RECEIVED, "", S.RECEIVED, when)]
            v_days = rng.randint(4, 7) if rng.random() < self.mix(0.22, 0.04, day) else rng.randint(0, 3)
            verified = self.at(self.working_day_after(day, v_days), rng.randint(8 * 60, 15 * 60))
            verified = max(verified, when + dt.timedelta(minutes=30))
            if rng.random() < 0.05:  # not something the pemda can act on
                c.status, c.rejected_at = S.REJECTED, verified
                c.rejection_reason = (
                    "Bukan kewenangan pemerintah kota; pelapor diarahkan ke instansi vertikal."
                )
                steps.append(Step(A.REJECTED, S.RECEIVED, S.REJECTED, verified, worker, c.rejection_reason))
            else:
                self._resolve(c, s, steps, worker, verified, day, opd_of)
                for stage, due, done in (
                    (ComplaintStage.VERIFICATION, c.verify_due, c.verified_at),
                    (ComplaintStage.FOLLOW_UP_PLAN, c.plan_due, c.planned_at),
                    (ComplaintStage.RESOLUTION, c.resolution_due, c.resolved_at),
                ):
                    if done and due and timezone.localtime(done).date() > due and done <= self.now:
                        escalations.append((len(complaints), stage, due))
            self._cut(c, steps, opd_of)
            events.extend((len(complaints), step) for step in steps)
            complaints.append(c)
        return complaints, events, escalations

    def _resolve(self, c, s, steps, worker, verified, day, opd_of) -> None:
        """Verification with a tier, sometimes forwarding, the plan, the answer, the confirmation."""
        rng, cal, pol = self.rng, self.calendar, self.policy
        A, S = ComplaintAction, ComplaintStatus
        tier = rng.choices(
            (
                ComplaintTier.LIGHT,
                ComplaintTier.NORMATIVE,
                ComplaintTier.NON_SUPERVISORY,
                ComplaintTier.SUPERVISORY,
            ),
            weights=(42, 35, 18, 5),
        )[0]
        if c.subject == "Diminta biaya tambahan":
            tier = ComplaintTier.SUPERVISORY
        v_day = timezone.localtime(verified).date()
        limit = pol.tier_days(tier)
        c.tier, c.verified_at = tier, verified
        c.plan_due = cal.due_date(v_day, pol.complaint_plan_days)
        c.resolution_due = cal.due_date(v_day, limit)
        steps.append(Step(A.VERIFIED, S.RECEIVED, S.VERIFIED, verified, worker))
        cursor = verified
        if s.opd_id != s.unit_id and rng.random() < 0.08:  # a policy matter: forwarded to the OPD
            cursor = verified + dt.timedelta(hours=rng.randint(1, 30))
            c.unit_id, c.opd_id = s.opd_id, opd_of.get(s.opd_id) or s.opd_id
            note = "Diteruskan ke perangkat daerah karena menyangkut kebijakan pelayanan."
            steps.append(
                Step(A.FORWARDED, S.VERIFIED, S.VERIFIED, cursor, worker, note, (s.unit_id, s.opd_id))
            )
        p_days = rng.randint(1, 7) if rng.random() < self.mix(0.3, 0.08, day) else rng.randint(0, 4)
        planned = self.at(self.working_day_after(v_day, p_days), rng.randint(9 * 60, 15 * 60))
        planned = max(planned, cursor) + dt.timedelta(minutes=10)
        c.planned_at = planned
        c.follow_up_plan = "Klarifikasi kepada petugas dan pemeriksaan berkas pemohon."
        steps.append(Step(A.PLANNED, S.VERIFIED, S.IN_PROGRESS, planned, worker, c.follow_up_plan))
        if rng.random() < self.mix(0.62, 0.92, day):
            r_days = rng.randint(max(0, limit // 2), limit)
        else:
            r_days = limit + 1 + int(rng.expovariate(1 / 3))
        resolved = self.at(self.working_day_after(v_day, r_days), rng.randint(9 * 60, 16 * 60))
        resolved = max(resolved, planned) + dt.timedelta(minutes=10)
        r_day = timezone.localtime(resolved).date()
        c.resolution = rng.choice(RESOLUTIONS)
        c.resolved_at, c.resolved_month = resolved, r_day.replace(day=1)
        c.resolved_on_time = cal.elapsed(v_day, r_day) <= limit
        steps.append(Step(A.RESOLVED, S.IN_PROGRESS, S.RESOLVED, resolved, worker, c.resolution))
        if rng.random() < 0.72:
            confirmed = resolved + dt.timedelta(hours=rng.randint(3, 96))
            c.confirmed_at = c.closed_at = confirmed
            c.complainant_satisfied = True
            c.rating = rng.choices((3, 4, 5), weights=(2, 5, 4))[0]
            steps.append(Step(A.CONFIRMED, S.RESOLVED, S.CLOSED, confirmed))
        else:  # the complainant never answered: closed after the confirmation window
            c.closed_at = self.at(self.working_day_after(r_day, pol.complaint_confirm_days + 1), 7 * 60)
            steps.append(Step(A.CLOSED, S.RESOLVED, S.CLOSED, c.closed_at))

    def _cut(self, c: SimpleNamespace, steps: list, opd_of: dict) -> None:
        """Cut the story at the present: what has not happened yet is undone."""
        A = ComplaintAction
        while steps[-1].at > self.now:
            step = steps.pop()
            if step.action in (A.CONFIRMED, A.CLOSED):
                c.confirmed_at = c.closed_at = c.complainant_satisfied = c.rating = None
            elif step.action == A.RESOLVED:
                c.resolved_at = c.resolved_month = c.resolved_on_time = None
                c.resolution = ""
            elif step.action == A.PLANNED:
                c.planned_at, c.follow_up_plan = None, ""
            elif step.action == A.FORWARDED:
                c.unit_id = step.hop[0]
                c.opd_id = opd_of.get(step.hop[0]) or c.opd_id
            elif step.action == A.VERIFIED:
                c.verified_at = c.plan_due = c.resolution_due = None
                c.tier = ""
            elif step.action == A.REJECTED:
                c.rejected_at, c.rejection_reason = None, ""
        c.status = steps[-1].status_to


def _history(b: _Builder) -> None:
    """Generate, then insert below the audited querysets (`NewRows`: plain multi-row INSERTs) inside
    `suppressed()`, and record every created row on the audit trail in one chain append."""
    services_ = list(Service.objects.filter(instansi=b.instansi, is_active=True).order_by("pk"))
    if not services_:
        return
    requests, req_events, survey_refs = b.requests(services_)
    staff = b.staff(services_)
    complaints, c_events, escalations = b.complaints(requests, {s.pk: s for s in services_}, staff)
    surveys = [b.survey(i, requests[i], submitted) for i, submitted in survey_refs]
    paths = dict(Unit.objects.filter(instansi=b.instansi).values_list("pk", "path"))
    now = timezone.now()
    with audit_ctx.suppressed():
        req_rows = NewRows(ServiceRequest, describe=lambda r: r["tracking_number"])
        for r in requests:
            req_rows.add(vars(r))
        ids = req_rows.insert(now=now)
        ev_rows = NewRows(
            RequestEvent, describe=lambda r: f"{r['request_id']} {r['action']} {r['at']:%Y-%m-%d %H:%M}"
        )
        for i, (status_to, status_from, when, emp, unit, note) in req_events:
            ev_rows.add(
                {
                    "request_id": ids[i],
                    "action": status_to,
                    "status_from": status_from,
                    "status_to": status_to,
                    "at": when,
                    "employee_id": emp,
                    "unit_id": unit,
                    "note": note,
                }
            )
        ev_rows.insert(now=now)
        sv_rows = NewRows(
            SurveyResponse, describe=lambda r: f"SKM {r['unit_id']} {r['submitted_at']:%Y-%m-%d}"
        )
        for sv in surveys:
            sv_rows.add({**vars(sv), "request_id": ids[sv.request_index]})
        sv_rows.insert(now=now)
        c_rows = NewRows(Complaint, describe=lambda r: r["tracking_number"])
        for c in complaints:
            c_rows.add({**vars(c), "request_id": ids[c.request_index], "unit_path": paths.get(c.unit_id, "")})
        c_ids = c_rows.insert(now=now)
        ce_rows = NewRows(
            ComplaintEvent, describe=lambda r: f"{r['complaint_id']} {r['action']} {r['at']:%Y-%m-%d %H:%M}"
        )
        for i, step in c_events:
            ce_rows.add(
                {
                    "complaint_id": c_ids[i],
                    "action": step.action,
                    "status_from": step.status_from,
                    "status_to": step.status_to,
                    "at": step.at,
                    "employee_id": step.who[0],
                    "unit_id": step.who[1] or complaints[i].unit_id,
                    "from_unit_id": step.hop[0] if step.hop else None,
                    "to_unit_id": step.hop[1] if step.hop else None,
                    "note": step.note,
                }
            )
        ce_rows.insert(now=now)
        esc_rows = NewRows(
            ComplaintEscalation, describe=lambda r: f"{r['complaint_id']} {r['stage']} {r['due_date']}"
        )
        for i, stage, due in escalations:
            esc_rows.add(
                {
                    "complaint_id": c_ids[i],
                    "stage": stage,
                    "due_date": due,
                    "escalated_at": b.at(b.working_day_after(due, 1), 7 * 60),
                    "unit_id": complaints[i].unit_id,
                }
            )
        esc_rows.insert(now=now)
    tables = (req_rows, ev_rows, sv_rows, c_rows, ce_rows, esc_rows)
    record([change for table in tables for change in table.changes()])
    b.counts["request_events"] = len(ev_rows.rows)
    b.counts["surveys"] = len(sv_rows.rows)
    b.counts["complaints"] = len(c_rows.rows)
    b.counts["complaint_events"] = len(ce_rows.rows)


def _catalogue(instansi: Instansi, program_start: dt.date) -> None:
    # A program start set before (or edited by the admin) stays: a second run changes nothing.
    start = policy_for(instansi=instansi).program_start or program_start
    services.public_services_seed(instansi=instansi, program_start=start)
    # The history starts in December 2024: its Christmas holidays too.
    for day, name, kind in (
        (dt.date(2024, 12, 25), "Hari Raya Natal", HolidayKind.NATIONAL),
        (dt.date(2024, 12, 26), "Cuti bersama Hari Raya Natal", HolidayKind.CUTI_BERSAMA),
    ):
        if not Holiday.objects.filter(instansi=instansi, date=day).exists():
            services.holiday_create(instansi=instansi, date=day, name=name, kind=kind, actor=None)
    coordinator = (
        Unit.objects.filter(
            instansi=instansi, is_active=True, name__icontains="Informasi dan Komunikasi Publik"
        )
        .order_by("path")
        .first()
    )
    policy = policy_for(instansi=instansi)
    if coordinator and not policy.coordinator_unit_id:
        services.service_policy_update(instansi=instansi, data={"coordinator_unit": coordinator}, actor=None)


def default_scale(instansi: Instansi) -> float:
    n = Employee.objects.filter(instansi=instansi).count()
    return max(0.02, min(1.0, n / FULL_SIZE_EMPLOYEES))


def build(
    instansi: Instansi, *, seed: int = 2026, now: dt.datetime | None = None, scale: float | None = None
) -> DemoResult:
    """Seed the catalogue and two years of history (nothing if the instansi has requests already)."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    program_start = _months_back(today, PROGRAM_MONTHS_AGO)
    with transaction.atomic():
        _catalogue(instansi, program_start)
        if ServiceRequest.objects.filter(instansi=instansi).exists():
            return DemoResult(created=False)
        b = _Builder(instansi, seed=seed, now=now, scale=default_scale(instansi) if scale is None else scale)
        _history(b)
    services.requests_escalate_overdue(now=now, instansi_id=instansi.pk)
    services.complaints_escalate_overdue(now=now, instansi_id=instansi.pk)
    stats = services.month_stats_refresh(instansi_id=instansi.pk, now=now)
    b.counts["month_stats"] = stats["rows"]
    b.counts.update(feed_indicators(instansi, now=now))
    return DemoResult(created=True, counts=dict(b.counts))


# --- performance indicators fed by the statistics ---------------------------------------------------

# (OPD name keyword, IKU name, data source, target, unit, direction, aggregation); params: the OPD
IKU_FEEDS = (
    (
        "Kependudukan",
        "Persentase permohonan dokumen kependudukan selesai tepat waktu",
        "public_services.within_deadline_pct",
        "95",
        "%",
        "higher",
        "average",
    ),
    (
        "Kependudukan",
        "Indeks Kepuasan Masyarakat (IKM) pelayanan administrasi kependudukan",
        "public_services.ikm",
        "85",
        "indeks",
        "higher",
        "last",
    ),
    (
        "Kependudukan",
        "Persentase pengaduan pelayanan kependudukan selesai tepat waktu",
        "public_services.complaints_resolved_on_time_pct",
        "90",
        "%",
        "higher",
        "average",
    ),
    (
        "Penanaman Modal",
        "Persentil 90 waktu penyelesaian permohonan perizinan",
        "public_services.completion_p90_days",
        "5",
        "hari kerja",
        "lower",
        "average",
    ),
    (
        "Penanaman Modal",
        "Indeks Kepuasan Masyarakat (IKM) pelayanan perizinan",
        "public_services.ikm",
        "85",
        "indeks",
        "higher",
        "last",
    ),
)


def _opd(instansi, keyword):
    return (
        Unit.objects.filter(instansi=instansi, is_opd=True, is_active=True, name__icontains=keyword)
        .order_by("path")
        .first()
    )


def feed_indicators(instansi: Instansi, *, now: dt.datetime | None = None) -> dict[str, int]:
    """Add IKU to Disdukcapil's and DPMPTSP's goals that read the service statistics, then fill the
    realisations of the periods already ended. Uses the performance demo's year when there is one;
    otherwise makes a minimal year with one goal per OPD. Idempotent: indicators are found by name.

    The same fill reaches the IKI of the responsible employees: the performance demo drafts them with
    their data source (an approved plan is frozen in its version snapshot, so an IKI gets its source
    while the plan is drafted, or through a perubahan SKP, never from here)."""
    from pembina.performance import services as perf
    from pembina.performance.choices import GoalLevel, YearState
    from pembina.performance.models import Goal, GoalIndicator, PerformanceYear

    today = timezone.localtime(now or timezone.now()).date()
    counts: dict[str, int] = defaultdict(int)
    year = PerformanceYear.objects.filter(instansi=instansi, year=today.year).first()
    if year is None:
        year = perf.performance_year_create(instansi=instansi, year=today.year, actor=None)
        year = perf.performance_year_transition(year=year, to_state=YearState.RUNNING, actor=None)
        counts["performance_years"] += 1
    for keyword, name, source, target, unit_label, direction, aggregation in IKU_FEEDS:
        opd = _opd(instansi, keyword)
        if opd is None or not Service.objects.filter(opd=opd).exists():
            continue
        goal = Goal.objects.filter(year=year, level=GoalLevel.OPD, opd=opd).order_by("order", "pk").first()
        if goal is None:
            goal = perf.goal_create(
                year=year,
                level=GoalLevel.OPD,
                opd=opd,
                statement=f"Meningkatnya kualitas pelayanan publik {opd.short_name or opd.name}",
                actor=None,
            )
        if GoalIndicator.objects.filter(goal__year=year, goal__opd=opd, name=name).exists():
            continue
        perf.goal_indicator_create(
            goal=goal,
            name=name,
            unit=unit_label,
            target=Decimal(target),
            direction=direction,
            aggregation=aggregation,
            data_source=source,
            data_source_params={"unit": opd.pk},
            actor=None,
        )
        counts["iku_fed"] += 1
    report = perf.realisations_fill_from_sources(year=year, actor=None, on=today)
    counts["realisations_filled"] = report.created + report.updated
    return dict(counts)


# --- removal (pembina demo --force) ------------------------------------------------------------------


def wipe(instansi: Instansi) -> int:
    """Remove the public-service data of `instansi`, recorded on the audit trail in one append."""
    from pembina.core.audit import context as audit_ctx
    from pembina.core.audit.recorder import record
    from pembina.org.demo.builder import _delete_collected
    from pembina.public_services.models import (
        ComplaintAttachment,
        Open311ApiKey,
        Open311Submission,
        ServiceMonthStat,
        ServicePolicy,
    )

    with transaction.atomic(), audit_ctx.suppressed():
        requests = ServiceRequest.objects.filter(instansi=instansi)
        complaints = Complaint.objects.filter(instansi=instansi)
        changes = _delete_collected(
            [
                ComplaintEscalation.objects.filter(complaint__in=complaints),
                ComplaintEvent.objects.filter(complaint__in=complaints),
                ComplaintAttachment.objects.filter(complaint__in=complaints),
                complaints,
                SurveyResponse.objects.filter(instansi=instansi),
                Open311Submission.objects.filter(request__in=requests),
                RequestEvent.objects.filter(request__in=requests),
                requests,
                Open311ApiKey.objects.filter(instansi=instansi),
                ServiceMonthStat.objects.filter(instansi=instansi),
                Service.objects.filter(instansi=instansi),
                Holiday.objects.filter(instansi=instansi),
                ServicePolicy.objects.filter(instansi=instansi),
            ]
        )
    record(changes)
    return len(changes)


__all__ = ["DemoResult", "build", "feed_indicators", "wipe"]
