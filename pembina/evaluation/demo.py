"""The demo city's evaluations: a finished previous year and the current year in progress.

`build(instansi, seed=…)` runs after the performance and learning demos (`pembina demo`):

* **Previous year (2025)** — the performance demo builds only 2026, so the approved 2026 SKPs are
  copied into a 2025 year (same people, RHK, IKI and BerAKHLAK expectations, approved in January)
  with realisations for all four quarters at a pace per employee (some behind, most on track, some
  ahead). Every OPD's organisation predicate is recorded, the evaluation run computes the
  achievements and suggested ratings, every pejabat penilai's judgement is written, the Tim Penilai
  of Dinas Kesehatan calibrates one rating with a reason, every OPD is published (the distribution
  curve warns where it is broken), the demo employee appeals and the atasan decides (final), and the
  rest is locked when the appeal window ends, with the follow-up (credit points, TPP, development
  needs) written. Potential scores place the annual predicates on the 9-box.
* **Current year (2026)** — the periodic evaluations of the quarters already ended are opened by the
  run; Dinas Kesehatan and Disdukcapil are rated for them (the first quarter published), the demo
  pejabat penilai's people of the last ended quarter are left to rate.

The workflow steps go through the evaluation services (`actor=None` = system work, the demo
accounts where they exist); computing is the set-based `evaluation_run`; the mass rating of a whole
city is written set-based with the same rules as `evaluation_rate` (predicate by the matrix, the IKI
achievements frozen from the same selector), so the demo stays fast. Deterministic for a seed and a
date; idempotent (a second call finds the evaluations and adds nothing)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from pembina.evaluation import services
from pembina.evaluation.choices import EvaluationKind, EvaluationStatus, EventKind, OrgPredicate, Rating
from pembina.evaluation.models import (
    BehaviourFeedback,
    Evaluation,
    EvaluationEvent,
    IndicatorAchievement,
    PotentialScore,
)
from pembina.evaluation.rules import predicate as predicate_rules
from pembina.evaluation.selectors.achievements import indicator_figures
from pembina.evaluation.services.common import thresholds_for
from pembina.org.models import Instansi, Unit
from pembina.performance import services as perf_services
from pembina.performance.choices import PeriodInterval, PlanEventKind, PlanStatus, YearState
from pembina.performance.demo import YEAR
from pembina.performance.models import (
    CoreValue,
    Indicator,
    PerformancePlan,
    PerformanceYear,
    Period,
    PlanBehaviour,
    PlanEvent,
    PlannedResult,
    PlanVersion,
    Realisation,
)

PREVIOUS = YEAR - 1
BATCH = 500
FOCUS_OPDS = ("DINKES", "DISDUKCAPIL")
ORG_PREDICATES = [
    (OrgPredicate.GOOD, 70),
    (OrgPredicate.OUTSTANDING, 15),
    (OrgPredicate.NEEDS_IMPROVEMENT, 15),
]
RESULT_TEXT = {
    Rating.ABOVE: "Sebagian besar hasil kerja melampaui target dan tidak ada RHK utama di bawah ekspektasi.",
    Rating.MEETS: "Hasil kerja sesuai target yang disepakati berdasarkan bukti dukung realisasi.",
    Rating.BELOW: "Sebagian besar IKI belum mencapai target; tindak lanjut dibahas dalam dialog kinerja.",
}
BEHAVIOUR_TEXT = {
    Rating.ABOVE: "Menjadi teladan dalam pelayanan dan kerja sama tim sepanjang periode.",
    Rating.MEETS: "Perilaku kerja sesuai nilai BerAKHLAK yang diharapkan.",
    Rating.BELOW: "Beberapa kali terlambat menindaklanjuti permintaan layanan; perlu pembinaan.",
}
VALUE_FEEDBACK = {
    "berorientasi_pelayanan": "Tanggap terhadap keluhan masyarakat dan menindaklanjutinya sampai selesai.",
    "akuntabel": "Laporan kegiatan disampaikan tepat waktu dengan bukti dukung lengkap.",
    "kompeten": "Menguasai aplikasi layanan dan membantu rekan yang belum terbiasa.",
    "harmonis": "Menjaga suasana kerja yang saling menghargai.",
    "loyal": "Menjaga nama baik instansi dalam setiap kegiatan.",
    "adaptif": "Cepat menyesuaikan diri dengan perubahan prosedur layanan daring.",
    "kolaboratif": "Aktif berbagi data dengan unit lain untuk menyelesaikan berkas bersama.",
}
CALIBRATION_REASON = (
    "Rapat Tim Penilai Kinerja: bukti dukung inovasi layanan imunisasi keliling belum dipertimbangkan "
    "pejabat penilai; rating perilaku kerja disesuaikan."
)
APPEAL_REASONS = (
    "Realisasi triwulan IV belum memperhitungkan 120 berkas yang saya selesaikan di luar jam kerja; "
    "bukti dukung terlampir pada realisasi."
)


@dataclass
class DemoReport:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


def _users(instansi) -> dict[int, object]:
    from pembina.accounts.models import User

    return {u.employee_id: u for u in User.objects.filter(instansi=instansi, employee__isnull=False)}


# --- the previous year's SKPs and realisations ------------------------------------------------------------


class _PreviousYear:
    """The approved 2026 SKPs copied into 2025, with a year of realisations (set-based)."""

    def __init__(self, instansi: Instansi, current: PerformanceYear, rng: random.Random, users: dict):
        self.instansi = instansi
        self.users = users
        self.current = current
        self.rng = rng
        self.counts: Counter = Counter()

    def build(self) -> PerformanceYear:
        year = perf_services.performance_year_create(
            instansi=self.instansi, year=PREVIOUS, actor=None, interval=PeriodInterval.QUARTERLY
        )
        year = perf_services.performance_year_transition(year=year, to_state=YearState.RUNNING, actor=None)
        old_plans = list(
            PerformancePlan.objects.filter(
                year=self.current, status=PlanStatus.APPROVED, approved_version__gt=0
            ).order_by("pk")
        )
        start, end = dt.date(PREVIOUS, 1, 1), dt.date(PREVIOUS, 12, 31)
        plans = []
        for p in old_plans:
            header = {**(p.header or {}), "as_of": start.isoformat()}
            approved = _aware(dt.date(PREVIOUS, 1, self.rng.randint(10, 24)), 10)
            plans.append(
                PerformancePlan(
                    year=year,
                    employee_id=p.employee_id,
                    position_id=p.position_id,
                    unit_id=p.unit_id,
                    opd_id=p.opd_id,
                    unit_path=p.unit_path,
                    form=p.form,
                    approach=p.approach,
                    start_date=start,
                    end_date=end,
                    status=PlanStatus.APPROVED,
                    version=1,
                    approved_version=1,
                    rater_id=p.rater_id,
                    rater_superior_id=p.rater_superior_id,
                    header=header,
                    support_resources=p.support_resources,
                    accountability_scheme=p.accountability_scheme,
                    consequences=p.consequences,
                    submitted_at=approved - dt.timedelta(days=5),
                    approved_at=approved,
                )
            )
        PerformancePlan.objects.bulk_create(plans, batch_size=BATCH)
        plan_map = {old.pk: new for old, new in zip(old_plans, plans, strict=True)}
        result_map, indicator_map = self._results(plan_map)
        self._behaviours(plan_map)
        self._versions(plan_map, result_map, indicator_map)
        self._events(plans, self.users)
        self._realisations(year, plans, indicator_map)
        self.counts["plans"] = len(plans)
        return year

    def _results(self, plan_map):
        old_results = list(
            PlannedResult.objects.filter(plan_id__in=list(plan_map)).order_by(
                "plan_id", "kind", "order", "pk"
            )
        )
        new_results = [
            PlannedResult(
                plan=plan_map[r.plan_id],
                kind=r.kind,
                order=r.order,
                statement=r.statement,
                perspective=r.perspective,
            )
            for r in old_results
        ]
        PlannedResult.objects.bulk_create(new_results, batch_size=BATCH)
        result_map = {old.pk: new for old, new in zip(old_results, new_results, strict=True)}
        linked = []
        for old, new in zip(old_results, new_results, strict=True):
            if old.parent_result_id and old.parent_result_id in result_map:
                new.parent_result = result_map[old.parent_result_id]
                linked.append(new)
        PlannedResult.objects.bulk_update(linked, ["parent_result"], batch_size=BATCH)
        old_inds = list(
            Indicator.objects.filter(result_id__in=list(result_map)).order_by("result_id", "order", "pk")
        )
        new_inds = [
            Indicator(
                result=result_map[i.result_id],
                order=i.order,
                aspect=i.aspect,
                name=i.name,
                target=i.target,
                target_text=i.target_text,
                unit=i.unit,
                direction=i.direction,
                aggregation=i.aggregation,
                template_id=i.template_id,
            )
            for i in old_inds
        ]
        Indicator.objects.bulk_create(new_inds, batch_size=BATCH)
        self.counts["results"] = len(new_results)
        self.counts["indicators"] = len(new_inds)
        return result_map, {old.pk: new for old, new in zip(old_inds, new_inds, strict=True)}

    def _behaviours(self, plan_map):
        rows = [
            PlanBehaviour(plan=plan_map[b.plan_id], value_id=b.value_id, expectation=b.expectation)
            for b in PlanBehaviour.objects.filter(plan_id__in=list(plan_map)).order_by("plan_id", "value_id")
        ]
        PlanBehaviour.objects.bulk_create(rows, batch_size=BATCH)

    def _versions(self, plan_map, result_map, indicator_map):
        """The approved version 1 of each copied SKP: the 2026 snapshot with the 2025 ids and dates."""
        rows = []
        for v in PlanVersion.objects.filter(plan_id__in=list(plan_map), number=1).order_by("plan_id"):
            plan = plan_map[v.plan_id]
            snap = dict(v.snapshot)
            snap.update(
                plan_id=plan.pk,
                start_date=plan.start_date.isoformat(),
                end_date=plan.end_date.isoformat(),
                header=plan.header,
                results=[
                    self._snapshot_result(r, result_map, indicator_map) for r in snap.get("results", [])
                ],
            )
            rows.append(
                PlanVersion(
                    plan=plan,
                    number=1,
                    snapshot=snap,
                    approved_by=self.users.get(plan.rater_id),
                    approved_at=plan.approved_at,
                )
            )
        PlanVersion.objects.bulk_create(rows, batch_size=200)

    @staticmethod
    def _snapshot_result(r: dict, result_map, indicator_map) -> dict:
        """One RHK of a 2026 snapshot with the copied rows' ids (no goals, no data sources in 2025)."""
        parent = result_map.get(r.get("parent_result_id"))
        return {
            **r,
            "id": result_map[r["id"]].pk,
            "parent_result_id": parent.pk if parent is not None else None,
            "parent_statement": r.get("parent_statement", "") if parent is not None else "",
            "goal_id": None,
            "goal_indicator_id": None,
            "indicators": [
                {**i, "id": indicator_map[i["id"]].pk, "data_source": ""} for i in r["indicators"]
            ],
        }

    def _events(self, plans, users) -> None:
        """The SKP workflow trail of the copied plans: created, submitted, approved by the rater."""
        rows = []
        for p in plans:
            own = (p.header.get("employee") or {}).get("name", "")[:200]
            rater = (p.header.get("rater") or {}).get("name", "")[:200]
            owner = users.get(p.employee_id)
            rows += [
                PlanEvent(plan=p, kind=PlanEventKind.CREATED, actor=owner, actor_name=own),
                PlanEvent(plan=p, kind=PlanEventKind.SUBMITTED, actor=owner, actor_name=own),
                PlanEvent(plan=p, kind=PlanEventKind.APPROVED, actor=users.get(p.rater_id), actor_name=rater),
            ]
        PlanEvent.objects.bulk_create(rows, batch_size=BATCH)

    def _value(self, ind: Indicator, pace: float, periods: int) -> Decimal | None:
        if ind.target is None:
            return None
        t = float(ind.target)
        noise = self.rng.uniform(0.95, 1.05)
        if ind.aggregation == "sum":
            v = t / periods * pace * noise
        elif ind.direction == "lower":
            v = t * (2 - pace) * noise
        else:
            v = t * pace * noise
        if ind.unit == "%" and t <= 100:
            v = min(v, 100.0)
        places = (
            Decimal("0.1") if ind.unit in ("%", "hari kerja", "indeks", "nilai", "tahun") else Decimal("1")
        )
        return Decimal(str(max(v, 0))).quantize(places, ROUND_HALF_UP)

    def _realisations(self, year, plans, indicator_map):
        periods = list(Period.objects.filter(year=year).order_by("number"))
        pace = {}
        for p in plans:
            roll = self.rng.random()
            pace[p.pk] = 0.72 if roll < 0.15 else (self.rng.uniform(1.15, 1.25) if roll > 0.8 else 1.0)
        rows = []
        for ind in indicator_map.values():
            plan_pace = pace[ind.result.plan.pk]
            for period in periods:
                value = self._value(ind, plan_pace * self.rng.uniform(0.97, 1.03), len(periods))
                if value is None:
                    continue
                rows.append(
                    Realisation(
                        indicator=ind,
                        period=period,
                        value=value,
                        narrative=f"{period.label}: realisasi sesuai bukti dukung kegiatan.",
                    )
                )
        Realisation.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["realisations"] = len(rows)


# --- judgement, set-based -------------------------------------------------------------------------------------


class _Rater:
    """The pejabat penilai's judgement for many evaluations at once, by the rules of
    `services.evaluation_rate`: a head's rating hasil kerja is the unit's, the predicate follows the
    matrix, the IKI achievements the rating rests on are frozen, each rating has its justification."""

    def __init__(self, instansi, rng: random.Random, users: dict[int, object]):
        self.instansi = instansi
        self.rng = rng
        self.users = users
        self.values = list(CoreValue.objects.order_by("order"))

    def behaviour(self) -> str:
        roll = self.rng.random()
        return Rating.BELOW if roll < 0.1 else (Rating.ABOVE if roll > 0.82 else Rating.MEETS)

    def rate(self, evaluations: list[Evaluation], *, period=None) -> int:
        if not evaluations:
            return 0
        stamp = timezone.now()
        feedback, events = [], []
        for e in evaluations:
            result = (
                e.unit_rating if e.is_unit_head and e.unit_rating else (e.suggested_rating or Rating.MEETS)
            )
            behaviour = self.behaviour()
            rater = (e.plan.header.get("rater") or {}) if e.plan_id else {}
            e.rating_result, e.result_justification = result, RESULT_TEXT[result]
            e.rating_behaviour, e.behaviour_justification = behaviour, BEHAVIOUR_TEXT[behaviour]
            e.predicate = predicate_rules.predicate(result, behaviour)
            e.status = EvaluationStatus.RATED
            e.rated_at = stamp
            e.rated_by = self.users.get(e.rater_id)
            for value in self.rng.sample(self.values, 2):
                feedback.append(
                    BehaviourFeedback(
                        evaluation=e,
                        value=value,
                        feedback=VALUE_FEEDBACK.get(value.code, "Sesuai ekspektasi."),
                        author=e.rated_by,
                    )
                )
            events.append(
                EvaluationEvent(
                    evaluation=e,
                    kind=EventKind.RATED,
                    actor=e.rated_by,
                    actor_name=(rater.get("name") or "Sistem")[:200],
                    data={"rating_result": result, "rating_behaviour": behaviour, "predicate": e.predicate},
                )
            )
        # one UPDATE per (ratings, rater account): a handful for a whole city, each on the audit trail
        groups: dict[tuple, list[int]] = defaultdict(list)
        for e in evaluations:
            groups[(e.rating_result, e.rating_behaviour, e.rated_by_id)].append(e.pk)
        for (result, behaviour, user_id), ids in groups.items():
            Evaluation.objects.filter(pk__in=ids).update(
                rating_result=result,
                result_justification=RESULT_TEXT[result],
                rating_behaviour=behaviour,
                behaviour_justification=BEHAVIOUR_TEXT[behaviour],
                predicate=predicate_rules.predicate(result, behaviour),
                status=EvaluationStatus.RATED,
                rated_at=stamp,
                rated_by_id=user_id,
                updated_at=stamp,
            )
        self.freeze(evaluations, period)
        BehaviourFeedback.objects.bulk_create(feedback, batch_size=BATCH)
        EvaluationEvent.objects.bulk_create(events, batch_size=BATCH)
        return len(evaluations)

    def freeze(self, evaluations: list[Evaluation], period) -> None:
        by_plan = {e.plan_id: e for e in evaluations}
        year_id = evaluations[0].year_id
        figures = {
            f.indicator_id: f
            for f in indicator_figures(
                year_id=year_id,
                upto=period.number if period is not None else None,
                plan_ids=list(by_plan),
                thresholds=thresholds_for(self.instansi.pk),
            )
        }
        order: Counter = Counter()
        rows = []
        for ind in (
            Indicator.objects.filter(result__plan_id__in=list(by_plan))
            .select_related("result")
            .order_by("result__plan_id", "result__kind", "result__order", "result_id", "order", "id")
        ):
            plan_id = ind.result.plan_id
            order[plan_id] += 1
            f = figures.get(ind.pk)
            rows.append(
                IndicatorAchievement(
                    evaluation=by_plan[plan_id],
                    indicator=ind,
                    order=order[plan_id],
                    result_statement=ind.result.statement,
                    is_main=ind.result.kind == "utama",
                    name=ind.name[:300],
                    target=ind.target,
                    target_text=ind.target_text,
                    unit=ind.unit,
                    direction=ind.direction,
                    aggregation=ind.aggregation,
                    expected=f.expected if f else None,
                    realised=f.realised if f else None,
                    periods_reported=f.periods_reported if f else 0,
                    progress=f.progress if f else None,
                    band=f.band if f else "no_data",
                )
            )
        IndicatorAchievement.objects.bulk_create(rows, batch_size=BATCH)


def _open(year, *, kind, period=None, opd_codes=None):
    qs = Evaluation.objects.filter(year=year, kind=kind, period=period, status=EvaluationStatus.DRAFT)
    if opd_codes:
        qs = qs.filter(opd__code__in=opd_codes)
    return list(qs.select_related("plan").order_by("pk"))


# --- the story ------------------------------------------------------------------------------------------------


def _demo_user(username: str):
    from pembina.accounts.models import User

    return User.objects.filter(username=username).first()


def _finish_previous(instansi, year, rng, users, counts: Counter) -> None:
    opds = list(Unit.objects.filter(instansi=instansi, is_opd=True, is_active=True).order_by("path"))
    choices, weights = zip(*ORG_PREDICATES, strict=True)
    for opd in opds:
        predicate = rng.choices(choices, weights)[0]
        if opd.code == "DINKES":
            predicate = OrgPredicate.GOOD  # the calibration story: a Baik OPD whose curve is checked
        services.organisation_predicate_record(
            year=year, opd=opd, predicate=predicate, actor=None, note="Penetapan Wali Kota atas capaian OPD."
        )
    counts["org_predicates"] = len(opds)
    run = services.evaluation_run(year=year, actor=None)
    counts["annual_evaluations"] = run.created
    rater = _Rater(instansi, rng, users)
    counts["rated"] += rater.rate(_open(year, kind=EvaluationKind.ANNUAL))
    # the Tim Penilai of Dinas Kesehatan raises one rating perilaku kerja, with the reason on record
    team = _demo_user("admin.dinkes")
    candidate = (
        Evaluation.objects.filter(
            year=year, kind=EvaluationKind.ANNUAL, opd__code="DINKES", rating_behaviour=Rating.MEETS
        )
        .exclude(employee_id__in=list(users))
        .order_by("pk")
        .first()
    )
    if candidate is not None:
        services.evaluation_calibrate(
            evaluation=candidate, reason=CALIBRATION_REASON, actor=team, rating_behaviour=Rating.ABOVE
        )
        counts["calibrations"] = 1
    warned = 0
    for opd in opds:
        if not Evaluation.objects.filter(year=year, opd=opd, kind=EvaluationKind.ANNUAL).exists():
            continue
        report = services.evaluations_publish(year=year, opd=opd, actor=None)
        counts["published"] += len(report.published)
        warned += bool(report.violations)
    counts["curve_warnings"] = warned
    counts["appeals"] = _appeal(year, users)
    counts["locked"] = services.evaluations_lock_due(
        on=timezone.localdate() + dt.timedelta(days=60), instansi=instansi
    )
    _potential(year, rng)


def _appeal(year, users) -> int:
    """An employee appeals; the pejabat penilai and the employee explain; the atasan changes the
    rating hasil kerja. Final: locked. The demo accounts act where the org chart gives them a part
    (the pejabat penilai's side needs one); the system acts for people without a demo account.
    Preferred: a demo pejabat penilai's ratee with a recorded atasan; otherwise an OPD head, whose
    pejabat penilai and atasan is the Wali Kota (the Pimpinan account acts for the office)."""
    published = (
        Evaluation.objects.filter(year=year, kind=EvaluationKind.ANNUAL, status=EvaluationStatus.PUBLISHED)
        .exclude(rating_result=Rating.ABOVE)
        .exclude(rating_behaviour=Rating.BELOW)
    )  # a change shows
    rated_by_account = published.filter(rater_id__in=list(users), rater_superior_id__isnull=False).order_by(
        "pk"
    )
    mine = rated_by_account.filter(employee_id__in=list(users))
    owned = (  # an appeal that changes the predicate when it can (Baik → Sangat Baik)
        mine.filter(rating_behaviour=Rating.ABOVE).first()
        or mine.first()
        or rated_by_account.filter(rating_behaviour=Rating.ABOVE).first()
        or rated_by_account.first()
    )
    if owned is not None:
        rater, atasan = users[owned.rater_id], users.get(owned.rater_superior_id)
    else:
        owned = published.filter(rater_id__isnull=True, rater_superior_id__isnull=True).order_by("pk").first()
        rater = atasan = _demo_user("pimpinan")
        if owned is None or rater is None:
            return 0
    owner = users.get(owned.employee_id)
    appeal = services.appeal_file(evaluation=owned, reasons=APPEAL_REASONS, actor=owner)
    appeal = services.appeal_request_explanations(
        appeal=appeal, actor=atasan, note="Mohon penjelasan tertulis kedua pihak beserta bukti dukung."
    )
    services.appeal_explain(
        appeal=appeal,
        explanation="Berkas di luar jam kerja belum diunggah sebagai bukti dukung saat penilaian.",
        actor=rater,
    )
    services.appeal_explain(
        appeal=appeal,
        explanation="Daftar berkas dan tanda terima terlampir pada realisasi triwulan IV.",
        actor=owner,
    )
    new = Rating.ABOVE if owned.rating_result == Rating.MEETS else Rating.MEETS
    services.appeal_decide(
        appeal=appeal,
        decision="change",
        reasons="Bukti dukung tambahan sah dan menaikkan capaian IKI utama.",
        actor=atasan,
        rating_result=new,
    )
    return 1


def _potential(year, rng) -> None:
    """Assessment scores for the evaluated employees (the 9-box of the previous year)."""
    employees = set(
        Evaluation.objects.filter(year=year, kind=EvaluationKind.ANNUAL).values_list("employee_id", flat=True)
    )
    rows = [
        PotentialScore(
            employee_id=emp,
            year=year.year,
            score=Decimal(str(round(rng.triangular(45, 95, 70), 2))),
            assessed_on=dt.date(year.year, 11, 15),
            source="Asesmen potensi BKPSDM",
        )
        for emp in sorted(employees)
    ]
    PotentialScore.objects.bulk_create(rows, batch_size=BATCH)


def _current_year(instansi, year, on, rng, users, counts: Counter) -> None:
    periods = [p for p in Period.objects.filter(year=year).order_by("number") if p.end < on]
    rater = _Rater(instansi, rng, users)
    from pembina.accounts.models import RoleGrant

    admins = set(
        RoleGrant.objects.filter(user__instansi=instansi).values_list("user__employee_id", flat=True)
    )
    persona_raters = {emp for emp in users if emp not in admins}  # the demo pejabat penilai (and lurah)
    for n, period in enumerate(periods, start=1):
        run = services.evaluation_run(year=year, period=period, actor=None)
        counts["periodic_evaluations"] += run.created
        todo = _open(year, kind=EvaluationKind.PERIODIC, period=period, opd_codes=FOCUS_OPDS)
        if n == len(periods):
            todo = [e for e in todo if e.rater_id not in persona_raters]  # left for the demo accounts
        counts["periodic_rated"] += rater.rate(todo, period=period)
        if n == 1:
            for code in FOCUS_OPDS:
                opd = Unit.objects.filter(instansi=instansi, code=code).first()
                if (
                    opd is not None
                    and Evaluation.objects.filter(
                        year=year, period=period, opd=opd, status=EvaluationStatus.RATED
                    ).exists()
                ):
                    report = services.evaluations_publish(year=year, opd=opd, period=period, actor=None)
                    counts["periodic_published"] += len(report.published)


def build(instansi: Instansi, *, seed: int = 2026, on: dt.date | None = None) -> DemoReport:
    """Build the demo evaluations of `instansi`; nothing if the performance year is missing or the
    evaluations are already there."""
    with transaction.atomic():
        current = PerformanceYear.objects.filter(instansi=instansi, year=YEAR).first()
        if current is None or Evaluation.objects.filter(instansi=instansi).exists():
            return DemoReport(created=False)
        if PerformanceYear.objects.filter(instansi=instansi, year=PREVIOUS).exists():
            return DemoReport(created=False)
        on = on or timezone.localdate()
        on = min(max(on, dt.date(YEAR, 1, 1)), dt.date(YEAR + 1, 1, 15))
        rng = random.Random(f"pembina-evaluation-demo:{seed}")
        users = _users(instansi)
        previous = _PreviousYear(instansi, current, rng, users)
        year = previous.build()
        counts: Counter = Counter({f"previous_{k}": v for k, v in previous.counts.items()})
        counts.update(previous_year=PREVIOUS, current_year=YEAR)
        _finish_previous(instansi, year, rng, users, counts)
        perf_services.performance_year_transition(year=year, to_state=YearState.EVALUATING, actor=None)
        _current_year(instansi, current, on, rng, users, counts)
    return DemoReport(created=True, counts=dict(counts))


def wipe(instansi: Instansi) -> int:
    """Remove the evaluation data of `instansi` (for `pembina demo --force`, before the performance
    wipe, which removes every performance year including the previous one), recorded on the audit
    trail in one append. Locked evaluations are final by design: the demo removes them as a whole instansi is
    removed, below the lock guard. Returns the number of rows removed."""
    from pembina.core.audit import context as audit_ctx
    from pembina.core.audit.recorder import record
    from pembina.evaluation.models import EvaluationSettings, OrganisationPredicate
    from pembina.org.demo.builder import _delete_collected

    with transaction.atomic(), audit_ctx.suppressed():
        evaluations = Evaluation.objects.filter(instansi=instansi)
        changes = _raw_delete_evaluations(evaluations)
        changes += _delete_collected(
            [
                OrganisationPredicate.objects.filter(year__instansi=instansi),
                PotentialScore.objects.filter(employee__instansi=instansi),
                EvaluationSettings.objects.filter(instansi=instansi),
            ]
        )
    record(changes)
    return len(changes)


def _raw_delete_evaluations(evaluations) -> list:
    """Delete evaluations and their parts (locked ones included) with the collector, below the
    querysets' lock guard (the base manager); every audited row gets its delete entry."""
    from pembina.org.demo.builder import _delete_collected

    ids = list(evaluations.values_list("pk", flat=True))
    if not ids:
        return []
    # the evaluation's own guard refuses a locked status: clear it first, below the guard
    Evaluation._base_manager.filter(pk__in=ids).update(status=EvaluationStatus.DRAFT)
    return _delete_collected([Evaluation._base_manager.filter(pk__in=ids)])


__all__ = ["DemoReport", "build", "wipe"]
