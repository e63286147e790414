"""Reference and demo data: the competency dictionary, default standards, the training catalogue, the
scenario bank, and a year of learning activity for the demo city. Everything is idempotent."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from pembina.learning.choices import (
    ActivityKind,
    AssessmentSource,
    CertificateKind,
    CertificateStatus,
    CompetencyKind,
    EnrolmentStatus,
    EventStatus,
    PlanActivityStatus,
    PlanStatus,
    RecordSource,
    RecordStatus,
)
from pembina.learning.models import (
    Certificate,
    Competency,
    CompetencyAssessment,
    CompetencyLevel,
    DevelopmentPlan,
    DevelopmentRecord,
    Enrolment,
    Event,
    PlanActivity,
    Programme,
    Scenario,
    StandardDefault,
)
from pembina.learning.rules import certificates as cert_rules
from pembina.learning.rules import standards as std_rules
from pembina.learning.rules.jp import mode_of
from pembina.learning.seed.catalogue import CATALOGUE
from pembina.learning.seed.competencies import DICTIONARY, TECHNICAL_DICTIONARY
from pembina.learning.services._common import today
from pembina.learning.signing import certificate_key

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "seed" / "scenarios"
BATCH = 2000


def apply_dictionary(competency_model, level_model) -> int:
    """Upsert the national dictionary with the given model classes (also used by the data migration,
    with historical models). Returns how many competencies were created."""
    created = 0
    for order, (code, name, kind, field, definition, levels) in enumerate(DICTIONARY + TECHNICAL_DICTIONARY):
        comp = competency_model.objects.filter(code=code).first()
        if comp is None:
            comp = competency_model(code=code)
            created += 1
        comp.name, comp.kind, comp.field, comp.definition = name, kind, field, definition
        comp.sort_order, comp.is_active, comp.instansi_id = order, True, None
        comp.save()
        for n, (title, indicators) in enumerate(levels, 1):
            lvl = level_model.objects.filter(competency=comp, level=n).first() or level_model(
                competency=comp, level=n
            )
            text = "\n".join(indicators)
            if lvl.pk and lvl.title == title and lvl.indicators == text:
                continue
            lvl.title, lvl.indicators = title, text
            lvl.save()
    return created


@transaction.atomic
def seed_competency_dictionary() -> int:
    return apply_dictionary(Competency, CompetencyLevel)


@transaction.atomic
def seed_standard_defaults(*, instansi) -> int:
    """Write the default required levels (rules.standards) for the instansi, keeping edited rows."""
    managerial = list(
        Competency.objects.filter(kind=CompetencyKind.MANAGERIAL, instansi__isnull=True).values_list(
            "pk", flat=True
        )
    )
    socio = list(
        Competency.objects.filter(kind=CompetencyKind.SOCIO_CULTURAL, instansi__isnull=True).values_list(
            "pk", flat=True
        )
    )
    existing = set(
        StandardDefault.objects.filter(instansi=instansi).values_list(
            "job_type", "job_level", "competency_id"
        )
    )
    rows = [
        StandardDefault(instansi=instansi, job_type=jt, job_level=lvl, competency_id=cid, required_level=req)
        for jt, lvl, cid, req in std_rules.default_rows(managerial, socio)
        if (jt, lvl, cid) not in existing
    ]
    StandardDefault.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


@transaction.atomic
def seed_catalogue(*, instansi, organiser: str = "BKPSDM Kota Pontianak") -> list[Programme]:
    from pembina.learning.services.training import programme_competencies_set

    result = []
    for code, title, category, kind, jp, passing, comps, description in CATALOGUE:
        prog = Programme.objects.filter(instansi=instansi, code=code).first()
        if prog is None:
            prog = Programme.objects.create(
                instansi=instansi,
                code=code,
                title=title,
                category=category,
                kind=kind,
                jp=Decimal(jp),
                passing_score=Decimal(passing) if passing is not None else None,
                organiser=organiser,
                description=description,
            )
            if comps:
                programme_competencies_set(programme=prog, competencies=comps, actor=None)
        result.append(prog)
    return result


def scenario_documents() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCENARIO_DIR.glob("*.json"))]


@transaction.atomic
def seed_scenario_bank(*, publish: bool = True) -> list[Scenario]:
    """Load the bundled complaint-handling scenarios (national, for every instansi) and publish them."""
    from pembina.learning.services.simulations import scenario_load

    return [
        scenario_load(document=doc, actor=None, publish=publish, replace_published=True)
        for doc in scenario_documents()
    ]


# --- the demo city's year --------------------------------------------------------------------------


def _bkpsdm_unit(instansi):
    from pembina.org.models import Unit

    return Unit.objects.filter(instansi=instansi, is_opd=True, name__icontains="Kepegawaian").first()


def _events(instansi, programmes: list[Programme], year: int, on: dt.date, rng: random.Random) -> list[Event]:
    if Event.objects.filter(instansi=instansi, start_date__year=year).exists():
        return list(
            Event.objects.filter(instansi=instansi, start_date__year=year).select_related("programme")
        )
    unit = _bkpsdm_unit(instansi)
    events = []
    for prog in programmes:
        runs = 1 if prog.jp >= 100 else rng.choice((2, 3))
        for n in range(runs):
            month = rng.randint(1, 12)
            start = dt.date(year, month, rng.randint(1, 20))
            days = max(1, min(int(prog.jp // 8), 20))
            end = start + dt.timedelta(days=days - 1)
            if end.year != year:
                end = dt.date(year, 12, 31)
            online = prog.kind == ActivityKind.E_LEARNING
            status = EventStatus.FINISHED if end < on else EventStatus.OPEN
            events.append(
                Event(
                    programme=prog,
                    instansi=instansi,
                    title=prog.title,
                    batch=f"Angkatan {n + 1}",
                    start_date=start,
                    end_date=end,
                    place=""
                    if online
                    else rng.choice(
                        (
                            "Aula BKPSDM Kota Pontianak",
                            "Balai Pelatihan Kota Pontianak",
                            "Ruang Rapat Wali Kota",
                        )
                    ),
                    link="https://elearning.pontianak.go.id/" if online else "",
                    quota=rng.choice((25, 30, 40)) if not online else 200,
                    organiser=prog.organiser or "BKPSDM Kota Pontianak",
                    organiser_unit=unit,
                    enrolment_deadline=start - dt.timedelta(days=3),
                    jp=prog.jp,
                    status=status,
                )
            )
    Event.objects.bulk_create(events, batch_size=BATCH)
    return list(Event.objects.filter(instansi=instansi, start_date__year=year).select_related("programme"))


OTHER_ACTIVITIES = [
    (ActivityKind.COACHING, "Coaching kinerja dengan atasan", (2, 4)),
    (ActivityKind.MENTORING, "Mentoring penyusunan laporan kinerja", (2, 6)),
    (ActivityKind.SEMINAR, "Seminar daring pelayanan publik KemenPANRB", (2, 4)),
    (ActivityKind.E_LEARNING, "Kursus daring ASN Digital Learning Hub", (4, 10)),
    (ActivityKind.SELF_STUDY, "Belajar mandiri: membaca regulasi bidang tugas", (2, 6)),
    (ActivityKind.WORKSHOP, "Workshop penyusunan SKP dan RHK", (4, 8)),
    (ActivityKind.COMMUNITY, "Komunitas belajar pengelola pengaduan", (2, 4)),
    (ActivityKind.ON_THE_JOB, "Bimbingan di tempat kerja oleh pejabat fungsional senior", (4, 8)),
]


def learning_demo_seed(
    *, instansi, year: int | None = None, seed: int = 2026, on: dt.date | None = None
) -> dict[str, int]:
    """A year of competency development for the demo city, set-based: catalogue and events, completed
    enrolments with certificates, other activities, assessments, IDPs, published scenarios, then the
    JP summary and gap table. Employees with a login get an open shortfall so the journey has work."""
    from pembina.accounts.models import User
    from pembina.learning.services.gaps import gap_table_refresh
    from pembina.learning.services.jp import jp_summary_refresh
    from pembina.org.choices import EmploymentState
    from pembina.org.models import Employee

    on = on or today()
    year = year or on.year
    rng = random.Random(seed)
    counts: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        seed_competency_dictionary()
        counts["standard_defaults"] = seed_standard_defaults(instansi=instansi)
        programmes = seed_catalogue(instansi=instansi)
        counts["programmes"] = len(programmes)
        events = _events(instansi, programmes, year, on, rng)
        counts["events"] = len(events)
        counts["scenarios"] = len(seed_scenario_bank())
        if DevelopmentRecord.objects.filter(employee__instansi=instansi, year=year).exists():
            return dict(counts)  # the year was seeded before
        employees = list(
            Employee.objects.filter(instansi=instansi, state=EmploymentState.ACTIVE).values_list(
                "pk", "nip", "name", "front_title", "back_title", "current_position__job_type"
            )
        )
        with_login = set(
            User.objects.filter(employee__instansi=instansi).values_list("employee_id", flat=True)
        )
        _demo_enrolments(events, employees, with_login, on, rng, counts)
        _demo_other_records(employees, with_login, year, on, rng, counts)
        _demo_assessments(employees, on, rng, counts)
        _demo_plans(instansi, employees, with_login, programmes, year, rng, counts)
    counts["jp_summaries"] = jp_summary_refresh(instansi_id=instansi.pk, year=year)
    counts["gap_rows"] = gap_table_refresh(instansi_id=instansi.pk)
    return dict(counts)


def _full_name(front: str, name: str, back: str) -> str:
    full = f"{front} {name}" if front else name
    return f"{full}, {back}" if back else full


def _demo_enrolments(events, employees, with_login, on, rng, counts) -> None:
    finished = [e for e in events if e.end_date < on]
    pool = [e for e in employees if e[0] not in with_login]
    enrolments: list[Enrolment] = []
    for event in finished:
        taken = rng.sample(pool, min(len(pool), max(1, int(event.quota * rng.uniform(0.6, 1.0)))))
        for emp in taken:
            passing = event.programme.passing_score
            post = Decimal(rng.randint(55, 98)) if passing is not None else None
            pre = Decimal(rng.randint(35, 75)) if passing is not None else None
            attendance = rng.choice((100, 100, 100, 90, 85, 70))
            ok = attendance >= event.programme.min_attendance and (passing is None or post >= passing)
            enrolments.append(
                Enrolment(
                    event=event,
                    employee_id=emp[0],
                    status=EnrolmentStatus.COMPLETED if ok else EnrolmentStatus.NOT_COMPLETED,
                    attendance_percent=attendance,
                    pre_test_score=pre,
                    post_test_score=post,
                    completed_on=event.end_date,
                    superior_decided_at=timezone.now(),
                    bkpsdm_decided_at=timezone.now(),
                )
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
    if any(e.pk is None for e in enrolments):
        ids = {
            (ev, emp): pk
            for pk, ev, emp in Enrolment.objects.filter(event__in=finished).values_list(
                "pk", "event_id", "employee_id"
            )
        }
        for e in enrolments:
            e.pk = ids[(e.event_id, e.employee_id)]
    counts["enrolments"] = len(enrolments)
    names = {e[0]: e for e in employees}
    records, certs = [], []
    key = certificate_key()
    for enr in enrolments:
        if enr.status != EnrolmentStatus.COMPLETED:
            continue
        ev = enr.event
        records.append(
            DevelopmentRecord(
                employee_id=enr.employee_id,
                kind=ev.programme.kind,
                mode=mode_of(ev.programme.kind),
                title=ev.title,
                organiser=ev.organiser,
                start_date=ev.start_date,
                end_date=ev.end_date,
                year=ev.end_date.year,
                jp=ev.jp,
                status=RecordStatus.VERIFIED,
                source=RecordSource.EVENT,
                source_ref=f"enrolment:{enr.pk}",
                verified_at=timezone.now(),
            )
        )
    DevelopmentRecord.objects.bulk_create(records, batch_size=BATCH)
    by_ref = {}
    if any(r.pk is None for r in records):
        by_ref = dict(
            DevelopmentRecord.objects.filter(source=RecordSource.EVENT).values_list("source_ref", "pk")
        )
    record_of = {r.source_ref: (r.pk or by_ref.get(r.source_ref)) for r in records}
    for enr in enrolments:
        if enr.status != EnrolmentStatus.COMPLETED:
            continue
        ev = enr.event
        emp = names[enr.employee_id]
        cert = Certificate(
            employee_id=enr.employee_id,
            kind=CertificateKind.GENERATED,
            status=CertificateStatus.VALID,
            number=f"PMB/{ev.end_date:%Y}/{ev.pk:05d}/{enr.pk:06d}",
            title=ev.title,
            activity_kind=ev.programme.kind,
            organiser=ev.organiser,
            start_date=ev.start_date,
            end_date=ev.end_date,
            issued_on=ev.end_date,
            jp=ev.jp,
            holder_name=_full_name(emp[3], emp[2], emp[4]),
            holder_nip=emp[1],
            enrolment_id=enr.pk,
            record_id=record_of.get(f"enrolment:{enr.pk}"),
        )
        cert.code = cert_rules.make_code(key, cert.signed_payload(), nonce=None)
        certs.append(cert)
    Certificate.objects.bulk_create(certs, batch_size=BATCH)
    counts["records"] += len(records)
    counts["certificates"] = len(certs)


def _demo_other_records(employees, with_login, year, on, rng, counts) -> None:
    records = []
    last = min(on, dt.date(year, 12, 31))
    span = (last - dt.date(year, 1, 1)).days
    if span < 1:
        return
    for emp in employees:
        n = rng.choice((0, 1, 2, 2, 3, 3, 4, 5)) if emp[0] not in with_login else 1
        for i in range(n):
            kind, title, (lo, hi) = rng.choice(OTHER_ACTIVITIES)
            end = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, span))
            jp = Decimal(rng.randint(lo, hi)) if emp[0] not in with_login else Decimal(6)
            records.append(
                DevelopmentRecord(
                    employee_id=emp[0],
                    kind=kind,
                    mode=mode_of(kind),
                    title=title,
                    organiser="",
                    start_date=end,
                    end_date=end,
                    year=end.year,
                    jp=jp,
                    status=RecordStatus.VERIFIED if rng.random() > 0.05 else RecordStatus.PENDING,
                    source=RecordSource.IMPORT,
                    source_ref=f"demo:{emp[0]}:{year}:{i}",
                    verified_at=timezone.now(),
                )
            )
    DevelopmentRecord.objects.bulk_create(records, batch_size=BATCH)
    counts["records"] += len(records)


def _demo_assessments(employees, on, rng, counts) -> None:
    comps = list(
        Competency.objects.filter(
            instansi__isnull=True, kind__in=[CompetencyKind.MANAGERIAL, CompetencyKind.SOCIO_CULTURAL]
        ).values_list("pk", flat=True)
    )
    expected = {"jpt_pratama": 4, "administrator": 3, "pengawas": 2}
    rows = []
    for emp in employees:
        if rng.random() > 0.35:
            continue
        base = expected.get(emp[5] or "", 1)
        day = on - dt.timedelta(days=rng.randint(30, 700))
        for cid in comps:
            level = max(1, min(5, base + rng.choice((-1, -1, 0, 0, 0, 1))))
            rows.append(
                CompetencyAssessment(
                    employee_id=emp[0],
                    competency_id=cid,
                    level=level,
                    source=AssessmentSource.ASSESSMENT_CENTRE,
                    source_ref=f"demo-ac:{day:%Y}",
                    assessed_on=day,
                    assessor_name="UPT Penilaian Kompetensi BKPSDM Kota Pontianak",
                )
            )
    CompetencyAssessment.objects.bulk_create(rows, batch_size=BATCH)
    counts["assessments"] = len(rows)


def _demo_plans(instansi, employees, with_login, programmes, year, rng, counts) -> None:
    sample = [e for e in employees if e[0] not in with_login and rng.random() < 0.4]
    plans = [
        DevelopmentPlan(
            employee_id=e[0],
            year=year,
            status=rng.choice(
                (
                    PlanStatus.AGREED,
                    PlanStatus.AGREED,
                    PlanStatus.AGREED,
                    PlanStatus.SUBMITTED,
                    PlanStatus.DRAFT,
                )
            ),
            career_goal="",
        )
        for e in sample
    ]
    DevelopmentPlan.objects.bulk_create(plans, batch_size=BATCH)
    if any(p.pk is None for p in plans):
        ids = dict(
            DevelopmentPlan.objects.filter(year=year, employee__instansi=instansi).values_list(
                "employee_id", "pk"
            )
        )
        for p in plans:
            p.pk = ids[p.employee_id]
    activities = []
    for plan in plans:
        picks = rng.sample(programmes, 2)
        for n, prog in enumerate(picks, 1):
            activities.append(
                PlanActivity(
                    plan_id=plan.pk,
                    order=n,
                    kind=prog.kind,
                    title=prog.title,
                    programme=prog,
                    planned_jp=prog.jp,
                )
            )
        kind, title, (lo, hi) = rng.choice(OTHER_ACTIVITIES)
        activities.append(
            PlanActivity(
                plan_id=plan.pk,
                order=3,
                kind=kind,
                title=title,
                planned_jp=Decimal(hi),
                status=PlanActivityStatus.PLANNED,
            )
        )
    PlanActivity.objects.bulk_create(activities, batch_size=BATCH)
    counts["plans"] = len(plans)
    counts["plan_activities"] = len(activities)


def learning_demo_wipe(*, instansi) -> int:
    """Remove the learning data of `instansi` (for `pembina demo --force`), recorded on the audit trail
    in one append; the national dictionary and scenario bank stay. Returns the number of rows removed."""
    from pembina.core.audit import context as audit_ctx
    from pembina.core.audit.recorder import record
    from pembina.learning.models import (
        Attempt,
        CompetencyGap,
        DevelopmentNeed,
        JpPolicy,
        JpRollup,
        JpRollupYear,
        JpSummary,
        LearningNotification,
        PositionStandard,
    )
    from pembina.org.demo.builder import _delete_collected

    with transaction.atomic(), audit_ctx.suppressed():
        employees = {"employee__instansi": instansi}
        changes = _delete_collected(
            [
                LearningNotification.objects.filter(recipient__instansi=instansi),
                Attempt.objects.filter(**employees),
                Certificate.objects.filter(**employees),
                Enrolment.objects.filter(**employees),
                DevelopmentPlan.objects.filter(**employees),
                DevelopmentNeed.objects.filter(**employees),
                DevelopmentRecord.objects.filter(**employees),
                CompetencyAssessment.objects.filter(**employees),
                CompetencyGap.objects.filter(instansi_id=instansi.pk),
                JpSummary.objects.filter(instansi_id=instansi.pk),
                JpRollup.objects.filter(instansi_id=instansi.pk),
                JpRollupYear.objects.filter(instansi_id=instansi.pk),
                Event.objects.filter(instansi=instansi),
                Programme.objects.filter(instansi=instansi),
                PositionStandard.objects.filter(position__instansi=instansi),
                StandardDefault.objects.filter(instansi=instansi),
                JpPolicy.objects.filter(instansi=instansi),
                Scenario.objects.filter(instansi=instansi),
                Competency.objects.filter(instansi=instansi),
            ]
        )
    record(changes)
    return len(changes)
