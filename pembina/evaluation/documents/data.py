"""The content of a Dokumen Evaluasi Kinerja Pegawai as plain data (one dict feeds the typst template).

Identities come from the SKP's header snapshot (who the employee, the pejabat penilai and the atasan
were when the SKP was set), the hasil kerja from the evaluation's frozen IKI achievements, the
perilaku kerja from the pejabat penilai's feedback. Every text is a plain string: typst receives the
dict as JSON and renders strings literally, so user text is never read as markup. Callers check who
may read the evaluation (views and the API fetch it through the scoped selectors first)."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.evaluation.choices import (
    AchievementBand,
    AppealDecision,
    CalibratedField,
    EvaluationKind,
    EvaluationStatus,
    OrgPredicate,
    Predicate,
    Rating,
)
from pembina.evaluation.models import Appeal, Evaluation, FollowUp
from pembina.evaluation.selectors import evaluation_indicator_rows, organisation_predicate_for
from pembina.performance.choices import Aspect
from pembina.performance.documents.data import DASH, _person, long_date, number, place_name
from pembina.performance.models import (
    BehaviourGuide,
    CoreValue,
    Indicator,
    PlanBehaviour,
    RealisationFeedback,
)

FINAL = (EvaluationStatus.PUBLISHED, EvaluationStatus.LOCKED)


def labels() -> dict[str, str]:
    """Every fixed text of the form (the legal wording is the Indonesian default)."""
    return {
        "title": _("DOKUMEN EVALUASI KINERJA PEGAWAI"),
        "period_kind": _("PERIODE"),
        "annual": _("TAHUNAN"),
        "period": _("PERIODE PENILAIAN"),
        "no": _("NO"),
        "employee": _("PEGAWAI YANG DINILAI"),
        "rater": _("PEJABAT PENILAI KINERJA"),
        "rater_superior": _("ATASAN PEJABAT PENILAI KINERJA"),
        "name": _("NAMA"),
        "nip": _("NIP"),
        "rank": _("PANGKAT/GOL. RUANG"),
        "position": _("JABATAN"),
        "unit": _("UNIT KERJA"),
        "org_predicate": _("CAPAIAN KINERJA ORGANISASI"),
        "not_recorded": _("belum ditetapkan"),
        "results": _("HASIL KERJA"),
        "main": _("A. UTAMA"),
        "additional": _("B. TAMBAHAN"),
        "none": _("Tidak ada."),
        "result": _("RENCANA HASIL KERJA"),
        "aspect": _("ASPEK"),
        "indicator": _("INDIKATOR KINERJA INDIVIDU"),
        "target": _("TARGET"),
        "realisation": _("REALISASI BERDASARKAN BUKTI DUKUNG"),
        "achievement": _("CAPAIAN"),
        "feedback": _("UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG"),
        "expected_so_far": _("target s.d. periode"),
        "rating_result": _("RATING HASIL KERJA"),
        "rating_behaviour": _("RATING PERILAKU KERJA"),
        "justification": _("Alasan"),
        "behaviour": _("PERILAKU KERJA"),
        "expectation": _("EKSPEKTASI KHUSUS PIMPINAN"),
        "predicate": _("PREDIKAT KINERJA PEGAWAI"),
        "not_rated": _("belum dinilai"),
        "calibration": _("CATATAN KALIBRASI TIM PENILAI KINERJA"),
        "calibration_row": _("%(field)s: %(before)s → %(after)s"),
        "reason": _("Alasan"),
        "appeal": _("KEBERATAN"),
        "appeal_filed": _("Diajukan"),
        "appeal_reasons": _("Alasan keberatan"),
        "appeal_decision": _("Keputusan atasan pejabat penilai kinerja"),
        "appeal_open": _("Keberatan sedang diperiksa."),
        "follow_up": _("TINDAK LANJUT"),
        "credit": _("Persentase angka kredit (jabatan fungsional)"),
        "credit_months": _("bulan"),
        "tpp": _("Komponen kinerja TPP"),
        "development": _("Kebutuhan pengembangan kompetensi"),
        "development_open": _("dibuka untuk ditindaklanjuti dalam rencana pengembangan"),
        "development_none": _("tidak diperlukan dari hasil evaluasi ini"),
        "signer_employee": _("Pegawai yang Dinilai"),
        "signer_rater": _("Pejabat Penilai Kinerja"),
        "signer_superior": _("Atasan Pejabat Penilai Kinerja"),
        "page": _("Halaman"),
        "of": _("dari"),
        "draft": _("KONSEP"),
        "draft_note": _("Konsep — evaluasi belum diumumkan kepada pegawai."),
        "final_note": _("Final (dikunci)"),
    }


def _aware_date(value):
    return timezone.localtime(value).date() if value else None


def _indicator_value(value, unit: str) -> str:
    if value is None:
        return DASH
    text = number(value)
    unit = (unit or "").strip()
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()


def _target(row) -> str:
    if row.target is not None:
        return _indicator_value(row.target, row.unit)
    return row.target_text or DASH


def _feedback(evaluation: Evaluation, indicator_ids: list[int]) -> dict[int, list[str]]:
    """The pejabat penilai's umpan balik on each IKI's realisations up to the evaluated period."""
    if not indicator_ids:
        return {}
    qs = RealisationFeedback.objects.filter(realisation__indicator_id__in=indicator_ids)
    if evaluation.period_id:
        qs = qs.filter(realisation__period__number__lte=evaluation.period.number)
    out: dict[int, list[str]] = defaultdict(list)
    for ind, label, body in qs.order_by("realisation__period__number", "created_at", "id").values_list(
        "realisation__indicator_id", "realisation__period__label", "body"
    ):
        out[ind].append(f"{label}: {body}")
    return out


def _results(evaluation: Evaluation) -> list[dict]:
    rows = evaluation_indicator_rows(evaluation=evaluation)
    ids = [r.indicator_id for r in rows if r.indicator_id]
    aspects = dict(Indicator.objects.filter(pk__in=ids).values_list("pk", "aspect"))
    aspect_labels = dict(Aspect.choices)
    feedback = _feedback(evaluation, ids)
    bands = dict(AchievementBand.choices)
    groups = []
    for is_main, key in ((True, "main"), (False, "additional")):
        results: list[dict] = []
        by_statement: dict[str, dict] = {}
        for r in (r for r in rows if r.is_main == is_main):
            entry = by_statement.get(r.result_statement)
            if entry is None:
                entry = {"no": len(results) + 1, "statement": r.result_statement, "indicators": []}
                by_statement[r.result_statement] = entry
                results.append(entry)
            progress = f"{number(r.progress)}%" if r.progress is not None else DASH
            realised = _indicator_value(r.realised, r.unit)
            if evaluation.kind == EvaluationKind.PERIODIC and r.expected is not None:
                realised = f"{realised} ({_('target s.d. periode')} {_indicator_value(r.expected, r.unit)})"
            entry["indicators"].append(
                {
                    "aspect": str(aspect_labels.get(aspects.get(r.indicator_id, ""), DASH)),
                    "name": r.name,
                    "target": _target(r),
                    "realised": realised,
                    "progress": progress,
                    "band": str(bands.get(r.band, "")),
                    "feedback": feedback.get(r.indicator_id, []),
                }
            )
        groups.append({"key": key, "results": results})
    return groups


def _behaviours(evaluation: Evaluation) -> list[dict]:
    values = list(CoreValue.objects.order_by("order"))
    guides: dict[int, list[str]] = defaultdict(list)
    for value_id, text in BehaviourGuide.objects.order_by("value__order", "order").values_list(
        "value_id", "text"
    ):
        guides[value_id].append(text)
    expectations = dict(
        PlanBehaviour.objects.filter(plan_id=evaluation.plan_id).values_list("value_id", "expectation")
    )
    feedback = dict(evaluation.behaviour_feedback.values_list("value_id", "feedback"))
    return [
        {
            "no": n,
            "name": v.name,
            "guides": guides.get(v.pk, []),
            "expectation": expectations.get(v.pk) or "",
            "feedback": feedback.get(v.pk) or "",
        }
        for n, v in enumerate(values, start=1)
    ]


def _rating(value: str) -> str:
    return str(Rating(value).label).upper() if value else ""


def _calibrations(evaluation: Evaluation) -> list[dict]:
    fields = dict(CalibratedField.choices)
    out = []
    for c in evaluation.calibrations.order_by("created_at", "id"):
        out.append(
            {
                "change": _("%(field)s: %(before)s → %(after)s")
                % {
                    "field": fields.get(c.field, c.field),
                    "before": Rating(c.before).label if c.before else DASH,
                    "after": Rating(c.after).label,
                },
                "predicate": _("Predikat %(before)s → %(after)s")
                % {
                    "before": Predicate(c.predicate_before).label if c.predicate_before else DASH,
                    "after": Predicate(c.predicate_after).label if c.predicate_after else DASH,
                },
                "reason": c.reason,
                "by": c.actor_name or DASH,
                "on": long_date(_aware_date(c.created_at)),
            }
        )
    return out


def _appeal(evaluation: Evaluation) -> dict | None:
    appeal = Appeal.objects.filter(evaluation_id=evaluation.pk).first()
    if appeal is None:
        return None
    decided = bool(appeal.decision)
    text = ""
    if decided:
        text = str(AppealDecision(appeal.decision).label)
        if (
            appeal.predicate_before
            and appeal.predicate_after
            and appeal.predicate_before != appeal.predicate_after
        ):
            text += " — " + _("predikat %(before)s menjadi %(after)s") % {
                "before": Predicate(appeal.predicate_before).label,
                "after": Predicate(appeal.predicate_after).label,
            }
    return {
        "filed_on": long_date(_aware_date(appeal.filed_at)),
        "reasons": appeal.reasons,
        "decided": decided,
        "decision": text,
        "decision_reasons": appeal.decision_reasons,
        "decided_on": long_date(_aware_date(appeal.decided_at)),
    }


def _follow_up(evaluation: Evaluation) -> dict | None:
    follow = FollowUp.objects.filter(evaluation_id=evaluation.pk).first()
    if follow is None:
        return None
    return {
        "credit": f"{number(follow.credit_percent)}% ({follow.credit_months} {_('bulan')})",
        "tpp": f"{number(follow.tpp_percent)}%",
        "development": bool(follow.development_need_id),
    }


def document_data(*, evaluation: Evaluation) -> dict:
    """The evaluation as a dict for the template (the same evaluation gives the same dict)."""
    evaluation = Evaluation.objects.select_related("year__instansi", "period", "plan", "opd", "unit").get(
        pk=evaluation.pk
    )
    instansi = evaluation.year.instansi
    plan = evaluation.plan
    header = plan.header or {}
    period = evaluation.period
    if period is not None:
        start, end = max(period.start, plan.start_date), min(period.end, plan.end_date)
        period_kind = period.label.upper()
    else:
        start, end = plan.start_date, plan.end_date
        period_kind = _("TAHUNAN")
    org = (
        organisation_predicate_for(year=evaluation.year, opd=evaluation.opd, period=period)
        if evaluation.opd_id
        else None
    )
    final = evaluation.status in FINAL
    signed = _aware_date(evaluation.published_at) or _aware_date(evaluation.rated_at)
    stamp = evaluation.locked_at or evaluation.published_at or evaluation.rated_at or evaluation.updated_at
    employee = _person(header.get("employee"), instansi.name)
    appeal = _appeal(evaluation)
    return {
        "labels": labels(),
        "instansi": (header.get("instansi") or instansi.name).upper(),
        "place": place_name(instansi),
        "year": evaluation.year.year,
        "annual": evaluation.kind == EvaluationKind.ANNUAL,
        "period_kind": period_kind,
        "period": f"{long_date(start)} s.d. {long_date(end)}".upper(),
        "final": final,
        "locked": evaluation.status == EvaluationStatus.LOCKED,
        "employee": employee,
        "rater": _person(header.get("rater"), instansi.name),
        "rater_superior": _person(header.get("rater_superior"), instansi.name)
        if header.get("rater_superior")
        else None,
        "org_predicate": str(OrgPredicate(org.predicate).label).upper() if org is not None else "",
        "groups": _results(evaluation),
        "rating_result": _rating(evaluation.rating_result),
        "result_justification": evaluation.result_justification,
        "behaviours": _behaviours(evaluation),
        "rating_behaviour": _rating(evaluation.rating_behaviour),
        "behaviour_justification": evaluation.behaviour_justification,
        "predicate": str(Predicate(evaluation.predicate).label).upper() if evaluation.predicate else "",
        "calibrations": _calibrations(evaluation),
        "appeal": appeal,
        "follow_up": _follow_up(evaluation) if evaluation.kind == EvaluationKind.ANNUAL else None,
        "signed_on": long_date(signed) if final else "",
        "timestamp": stamp.isoformat(),
        "footer": f"{_('Evaluasi Kinerja')} {period_kind.title()} {evaluation.year.year} · {employee['name']} · "
        f"NIP {employee['nip']}",
        "start": start.isoformat(),
        "kind": evaluation.kind,
        "period_number": period.number if period is not None else 0,
    }


def document_filename(data: dict, ext: str = "pdf") -> str:
    """EVALUASI-<NIP>-2026-TW1.pdf / EVALUASI-<NIP>-2026-TAHUNAN-20260101.pdf — ASCII, safe in a ZIP."""
    nip = "".join(ch for ch in data["employee"]["nip"] if ch.isdigit()) or "tanpa-nip"
    when = f"P{data['period_number']}" if data["kind"] == EvaluationKind.PERIODIC else "TAHUNAN"
    start = data["start"].replace("-", "")
    return f"EVALUASI-{nip}-{data['year']}-{when}-{start}.{ext}"
