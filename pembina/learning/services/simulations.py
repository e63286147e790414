"""Complaint-handling simulations: authoring (draft → validated → published) and playing (attempts
recorded step by step; a pass counts as non-classical JP and as competency evidence)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.learning.choices import (
    ActivityKind,
    AssessmentSource,
    AttemptStatus,
    Channel,
    Difficulty,
    EndingKind,
    RecordSource,
    RecordStatus,
    ResponseType,
    ScenarioStatus,
)
from pembina.learning.models import (
    Attempt,
    AttemptAnswer,
    Choice,
    DevelopmentRecord,
    Scenario,
    ScenarioCompetency,
    Step,
)
from pembina.learning.rules import scenario as sc
from pembina.learning.selectors._graph import document_of, graph_of
from pembina.learning.services._common import actor_user, full_clean, require_write_all, today
from pembina.learning.services.competencies import resolve_competency
from pembina.learning.services.jp import record_upsert
from pembina.learning.services.profile import competency_assessment_record

SCENARIO_FIELDS = (
    "title",
    "service_context",
    "service_owner",
    "channel",
    "difficulty",
    "briefing",
    "learning_goals",
    "pass_percent",
    "jp",
)
STEP_FIELDS = (
    "title",
    "situation",
    "citizen_message",
    "response_type",
    "is_ending",
    "ending_kind",
    "closing_feedback",
    "rubric",
    "min_points",
    "prompt",
    "order",
)
MAX_ANSWER_CHARS = 2000
SIMULATION_ORGANISER = "Pembina — simulasi penanganan pengaduan"


def _author(actor) -> None:
    require_write_all(actor, _("Hanya Admin BKPSDM yang dapat menyusun skenario simulasi."))


def _draft(scenario: Scenario) -> Scenario:
    scenario = Scenario.objects.select_for_update(of=("self",)).get(pk=scenario.pk)
    if scenario.status != ScenarioStatus.DRAFT:
        raise ApplicationError(
            _("Skenario berstatus %(s)s; tarik dari terbitan (jadikan draf) sebelum mengubahnya.")
            % {"s": scenario.get_status_display()}
        )
    return scenario


def _set(obj, data: dict[str, Any], allowed) -> None:
    for key, value in data.items():
        if key not in allowed:
            raise ApplicationError(_("Isian %(f)s tidak dikenal.") % {"f": key}, field=key)
        if key == "learning_goals" and isinstance(value, list | tuple):
            value = "\n".join(str(v) for v in value)
        setattr(obj, key, value)


def _competencies_set(scenario: Scenario, competencies: dict) -> None:
    wanted = {}
    for key, level in competencies.items():
        comp = resolve_competency(key, instansi_id=scenario.instansi_id)
        wanted[comp.pk] = (comp, int(level))
    existing = {link.competency_id: link for link in scenario.competency_links.all()}
    for cid, link in existing.items():
        if cid not in wanted:
            link.delete()
    for cid, (comp, level) in wanted.items():
        link = existing.get(cid) or ScenarioCompetency(scenario=scenario, competency=comp)
        if link.pk and link.level == level:
            continue
        link.level = level
        full_clean(link, label=comp.name)
        link.save()


# --- authoring -------------------------------------------------------------------------------------


@transaction.atomic
def scenario_create(
    *, code: str, data: dict[str, Any], actor, instansi=None, competencies: dict | None = None
) -> Scenario:
    _author(actor)
    if Scenario.objects.filter(code=code).exists():
        raise ApplicationError(_("Kode skenario %(c)s sudah dipakai.") % {"c": code}, field="code")
    scenario = Scenario(code=code, instansi=instansi, created_by=actor_user(actor))
    _set(scenario, data, SCENARIO_FIELDS)
    full_clean(scenario, exclude=["start_step"])
    scenario.save()
    if competencies:
        _competencies_set(scenario, competencies)
    return scenario


@transaction.atomic
def scenario_update(*, scenario: Scenario, data: dict[str, Any], actor) -> Scenario:
    """Change a draft scenario; `start` (a step key) and `competencies` ({code: level}) are accepted too."""
    _author(actor)
    scenario = _draft(scenario)
    data = dict(data)
    start = data.pop("start", None)
    competencies = data.pop("competencies", None)
    _set(scenario, data, SCENARIO_FIELDS)
    if start is not None:
        scenario.start_step = _step_by_key(scenario, start) if start else None
    full_clean(scenario)
    scenario.save()
    if competencies is not None:
        _competencies_set(scenario, competencies)
    return scenario


def _step_by_key(scenario: Scenario, key: str | None) -> Step | None:
    if not key:
        return None
    step = Step.objects.filter(scenario=scenario, key=key).first()
    if step is None:
        raise ApplicationError(_("Langkah '%(k)s' tidak ada pada skenario ini.") % {"k": key}, field="next")
    return step


@transaction.atomic
def step_save(*, scenario: Scenario, key: str, data: dict[str, Any], actor) -> Step:
    """Create or change the step `key` of a draft scenario. `next`/`low_next` name existing steps."""
    _author(actor)
    scenario = _draft(scenario)
    data = dict(data)
    nxt, low = data.pop("next", ...), data.pop("low_next", ...)
    step = Step.objects.filter(scenario=scenario, key=key).first() or Step(scenario=scenario, key=key)
    _set(step, data, STEP_FIELDS)
    if nxt is not ...:
        step.next_step = _step_by_key(scenario, nxt)
    if low is not ...:
        step.low_next_step = _step_by_key(scenario, low)
    if step.is_ending:
        step.response_type = ResponseType.CHOICE
        step.next_step = step.low_next_step = None
        step.rubric = []
        step.ending_kind = step.ending_kind or EndingKind.FAIR
    else:
        step.ending_kind = ""
    if step.response_type == ResponseType.CHOICE:
        step.rubric = []
        step.next_step = step.low_next_step = None
    full_clean(step, label=_("Langkah %(k)s") % {"k": key})
    step.save()
    if step.response_type == ResponseType.FREE_TEXT or step.is_ending:
        step.choices.all().delete()
    if scenario.start_step_id is None and not step.is_ending:
        scenario.start_step = step
        scenario.save(update_fields=["start_step", "updated_at"])
    return step


@transaction.atomic
def step_delete(*, step: Step, actor) -> None:
    """Remove a step of a draft; choices that led to it are left without a target (validation shows them)."""
    _author(actor)
    _draft(step.scenario)
    step.delete()


@transaction.atomic
def choice_save(*, step: Step, data: dict[str, Any], actor, choice: Choice | None = None) -> Choice:
    """Create or change a choice: text, next step key, rubric scores, feedback, critical flag."""
    _author(actor)
    scenario = _draft(step.scenario)
    if step.is_ending or step.response_type != ResponseType.CHOICE:
        raise ApplicationError(_("Pilihan hanya dapat ditambahkan pada langkah bertipe pilihan jawaban."))
    if choice is not None and choice.step_id != step.pk:
        raise ApplicationError(_("Pilihan ini milik langkah lain."))
    choice = choice or Choice(step=step, order=step.choices.count() + 1)
    data = dict(data)
    if "next" in data:
        choice.next_step = _step_by_key(scenario, data.pop("next"))
    for key in ("label", "scores", "feedback", "critical", "order"):
        if key in data:
            setattr(choice, key, data.pop(key))
    if data:
        raise ApplicationError(
            _("Isian %(f)s tidak dikenal.") % {"f": next(iter(data))}, field=next(iter(data))
        )
    problem = sc._scores_problem(choice.scores or {})
    if problem and problem != "unscored":
        raise ApplicationError(
            _("Nilai rubrik tidak sah: dimensi harus salah satu dari rubrik dan nilai −3…3."), field="scores"
        )
    full_clean(choice, label=_("Pilihan"))
    choice.save()
    return choice


@transaction.atomic
def choice_delete(*, choice: Choice, actor) -> None:
    _author(actor)
    _draft(choice.step.scenario)
    choice.delete()


def scenario_problems(scenario: Scenario) -> list[sc.Problem]:
    graph, _steps, _choices = graph_of(scenario)
    return sc.validate(graph)


@transaction.atomic
def scenario_publish(*, scenario: Scenario, actor) -> Scenario:
    """Publish after validation (no dead ends, no cycles, every step reachable, every choice scored)."""
    _author(actor)
    scenario = _draft(scenario)
    graph, _steps, _choices = graph_of(scenario)
    problems = sc.validate(graph)
    if problems:
        raise ApplicationError(
            _("Skenario belum dapat diterbitkan: %(n)s masalah. %(first)s")
            % {"n": len(problems), "first": problems[0].message},
            extra={
                "errors": [
                    {"code": p.code, "step": p.step, "choice": p.choice, "message": p.message}
                    for p in problems
                ]
            },
        )
    scenario.max_score = sc.max_score(graph)
    scenario.status = ScenarioStatus.PUBLISHED
    scenario.version += 1
    scenario.published_at = timezone.now()
    scenario.save()
    return scenario


@transaction.atomic
def scenario_unpublish(*, scenario: Scenario, actor) -> Scenario:
    """Back to draft for editing; attempts in progress end (their version no longer matches)."""
    _author(actor)
    scenario = Scenario.objects.select_for_update(of=("self",)).get(pk=scenario.pk)
    if scenario.status == ScenarioStatus.DRAFT:
        return scenario
    scenario.status = ScenarioStatus.DRAFT
    scenario.save()
    return scenario


@transaction.atomic
def scenario_archive(*, scenario: Scenario, actor) -> Scenario:
    _author(actor)
    scenario = Scenario.objects.select_for_update(of=("self",)).get(pk=scenario.pk)
    scenario.status = ScenarioStatus.ARCHIVED
    scenario.save()
    return scenario


# --- documents (JSON): the seed bank, import/export by authors -----------------------------------

DOC_KEYS = {
    "code",
    "title",
    "service_context",
    "service_owner",
    "channel",
    "difficulty",
    "briefing",
    "learning_goals",
    "pass_percent",
    "jp",
    "competencies",
    "start",
    "steps",
}


def _doc_error(message: str) -> ApplicationError:
    return ApplicationError(_("Dokumen skenario tidak sah: %(m)s") % {"m": message}, field="document")


def _check_document(doc: dict[str, Any]) -> None:
    if not isinstance(doc, dict):
        raise _doc_error(_("harus berupa objek JSON"))
    unknown = set(doc) - DOC_KEYS
    if unknown:
        raise _doc_error(_("kunci tidak dikenal: %(k)s") % {"k": ", ".join(sorted(unknown))})
    for key in ("code", "title", "service_context", "steps"):
        if not doc.get(key):
            raise _doc_error(_("'%(k)s' wajib diisi") % {"k": key})
    if doc.get("channel") not in Channel.values:
        raise _doc_error(_("kanal '%(v)s' tidak dikenal") % {"v": doc.get("channel")})
    if doc.get("difficulty") not in Difficulty.values:
        raise _doc_error(_("tingkat kesulitan '%(v)s' tidak dikenal") % {"v": doc.get("difficulty")})
    keys = [s.get("key") for s in doc["steps"] if isinstance(s, dict)]
    if len(keys) != len(doc["steps"]) or not all(keys):
        raise _doc_error(_("setiap langkah wajib mempunyai 'key'"))
    dups = sorted({k for k in keys if keys.count(k) > 1})
    if dups:
        raise _doc_error(_("kunci langkah ganda: %(k)s") % {"k": ", ".join(dups)})


@transaction.atomic
def scenario_load(
    *, document: dict[str, Any], actor, instansi=None, publish: bool = False, replace_published: bool = False
) -> Scenario:
    """Create a scenario from a JSON document, or replace the steps of the draft with the same code.
    An identical document changes nothing (idempotent seed). With `publish`, it is validated and
    published (validation problems raise ApplicationError and roll everything back)."""
    _author(actor)
    _check_document(document)
    existing = Scenario.objects.select_for_update(of=("self",)).filter(code=document["code"]).first()
    if existing is not None:
        if _same(document_of(existing), document):
            if publish and existing.status != ScenarioStatus.PUBLISHED:
                return scenario_publish(scenario=existing, actor=actor)
            return existing
        if existing.status != ScenarioStatus.DRAFT:
            if not replace_published:
                raise ApplicationError(
                    _("Skenario %(c)s sudah terbit; jadikan draf dahulu untuk menggantinya.")
                    % {"c": existing.code}
                )
            existing.status = ScenarioStatus.DRAFT
            existing.save(update_fields=["status", "updated_at"])
        scenario = existing
        scenario.start_step = None
        scenario.save(update_fields=["start_step", "updated_at"])
        Step.objects.filter(scenario=scenario).delete()
    else:
        scenario = Scenario(code=document["code"], instansi=instansi, created_by=actor_user(actor))
    _set(scenario, {k: document[k] for k in SCENARIO_FIELDS if k in document}, SCENARIO_FIELDS)
    for key in ("pass_percent", "jp"):
        if key in document:
            setattr(scenario, key, Decimal(str(document[key])))
    full_clean(scenario, exclude=["start_step"])
    scenario.save()
    _competencies_set(scenario, document.get("competencies") or {})
    steps: dict[str, Step] = {}
    for order, raw in enumerate(document["steps"], 1):
        ending = raw.get("ending")
        free = raw.get("type") == "free_text"
        if ending and ending not in EndingKind.values:
            raise _doc_error(
                _("jenis akhir '%(v)s' pada langkah %(k)s tidak dikenal") % {"v": ending, "k": raw["key"]}
            )
        step = Step(
            scenario=scenario,
            key=raw["key"],
            order=order,
            title=raw.get("title", ""),
            situation=raw.get("situation", ""),
            citizen_message=raw.get("citizen", ""),
            response_type=ResponseType.FREE_TEXT if free else ResponseType.CHOICE,
            is_ending=bool(ending),
            ending_kind=ending or "",
            closing_feedback=raw.get("feedback", "") if ending else "",
            rubric=raw.get("rubric", []) if free else [],
            min_points=int(raw.get("min_points", 1)),
            prompt=raw.get("prompt", ""),
        )
        full_clean(step, exclude=["next_step", "low_next_step"], label=_("Langkah %(k)s") % {"k": raw["key"]})
        steps[raw["key"]] = step
    Step.objects.bulk_create(list(steps.values()))
    if any(s.pk is None for s in steps.values()):
        ids = dict(Step.objects.filter(scenario=scenario).values_list("key", "pk"))
        for key, step in steps.items():
            step.pk = step.id = ids[key]

    def target(key: str | None, where: str) -> Step | None:
        if not key:
            return None
        if key not in steps:
            raise _doc_error(_("langkah %(w)s menuju '%(k)s' yang tidak ada") % {"w": where, "k": key})
        return steps[key]

    links, new_choices = [], []
    for raw in document["steps"]:
        step = steps[raw["key"]]
        if step.response_type == ResponseType.FREE_TEXT:
            step.next_step = target(raw.get("next"), raw["key"])
            step.low_next_step = target(raw.get("low_next"), raw["key"])
            links.append(step)
        for n, c in enumerate(raw.get("choices") or [], 1):
            new_choices.append(
                Choice(
                    step=step,
                    order=n,
                    label=c.get("text", ""),
                    next_step=target(c.get("next"), f"{raw['key']} pilihan {n}"),
                    scores=c.get("scores") or {},
                    feedback=c.get("feedback", ""),
                    critical=bool(c.get("critical", False)),
                )
            )
    if links:
        Step.objects.bulk_update(links, ["next_step", "low_next_step"])
    Choice.objects.bulk_create(new_choices)
    scenario.start_step = target(document.get("start"), "awal")
    scenario.status = ScenarioStatus.DRAFT
    scenario.save()
    if publish:
        return scenario_publish(scenario=scenario, actor=actor)
    return scenario


def _same(a: dict, b: dict) -> bool:
    def norm(doc: dict) -> dict:
        doc = dict(doc)
        doc["pass_percent"] = float(doc.get("pass_percent", 70))
        doc["jp"] = float(doc.get("jp", 2))
        doc["learning_goals"] = [g for g in doc.get("learning_goals") or [] if str(g).strip()]
        doc.setdefault("service_owner", "")
        doc.setdefault("briefing", "")
        doc["competencies"] = dict(sorted((doc.get("competencies") or {}).items()))
        steps = []
        for s in doc.get("steps", []):
            s = {k: v for k, v in s.items() if v not in ("", None, [])}
            if "min_points" in s and s.get("type") != "free_text":
                s.pop("min_points")
            if s.get("type") == "free_text":
                s.setdefault("min_points", 1)
            if "choices" in s:
                s["choices"] = [
                    {k: v for k, v in c.items() if v not in ("", None, False)} for c in s["choices"]
                ]
            steps.append(s)
        doc["steps"] = steps
        return doc

    return norm(a) == norm(b)


# --- playing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerResult:
    attempt: Attempt
    answer: AttemptAnswer
    finished: bool
    next_step: Step | None


def _own_attempt(actor, attempt: Attempt) -> Attempt:
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("scenario", "current_step", "employee")
        .get(pk=attempt.pk)
    )
    if actor is not None:
        if not Attempt.objects.for_actor(actor, VIEW).filter(pk=attempt.pk).exists():
            raise Http404
        if getattr(actor, "employee_id", None) != attempt.employee_id:
            raise ApplicationError(_("Hanya peserta sendiri yang dapat menjawab simulasi ini."))
    return attempt


@transaction.atomic
def simulation_attempt_start(*, scenario: Scenario, actor, restart: bool = False) -> Attempt:
    """Start (or resume) the actor's attempt at a published scenario."""
    employee = getattr(actor, "employee", None)
    if employee is None:
        raise ApplicationError(
            _("Simulasi hanya dapat dimainkan oleh pegawai yang terhubung dengan akunnya.")
        )
    scenario = Scenario.objects.select_for_update(of=("self",)).get(pk=scenario.pk)
    if not Scenario.objects.for_actor(actor, VIEW).filter(pk=scenario.pk).exists():
        raise Http404
    if scenario.status != ScenarioStatus.PUBLISHED or scenario.start_step_id is None:
        raise ApplicationError(_("Skenario ini belum terbit."))
    running = Attempt.objects.select_for_update(of=("self",)).filter(
        scenario=scenario, employee=employee, status=AttemptStatus.IN_PROGRESS
    )
    for attempt in running:
        if attempt.scenario_version == scenario.version and not restart:
            return attempt
        attempt.status, attempt.finished_at = AttemptStatus.ABANDONED, timezone.now()
        attempt.save()
    attempt = Attempt(
        scenario=scenario,
        scenario_version=scenario.version,
        employee=employee,
        user=actor_user(actor),
        current_step_id=scenario.start_step_id,
        max_score=scenario.max_score,
        pass_percent=scenario.pass_percent,
        started_at=timezone.now(),
    )
    attempt.save()
    return attempt


_STALE = object()


def simulation_attempt_answer(
    *, attempt: Attempt, actor, choice: Choice | None = None, text: str = ""
) -> AnswerResult:
    """Answer the current step with a choice (choice steps) or text (free-text steps). The answer is
    scored, its feedback kept, and the attempt moves on; reaching an ending finishes and grades it.
    An attempt whose scenario was withdrawn or republished since it started is abandoned."""
    with transaction.atomic():
        result = _answer(attempt, actor, choice, text)
    if result is _STALE:
        with transaction.atomic():
            stale = Attempt.objects.select_for_update(of=("self",)).get(pk=attempt.pk)
            stale.status, stale.finished_at = AttemptStatus.ABANDONED, timezone.now()
            stale.save()
        raise ApplicationError(_("Skenario telah diubah sejak percobaan dimulai; silakan mulai ulang."))
    return result


def _answer(attempt: Attempt, actor, choice: Choice | None, text: str):
    attempt = _own_attempt(actor, attempt)
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise ApplicationError(_("Percobaan ini sudah selesai."))
    scenario = attempt.scenario
    if scenario.status != ScenarioStatus.PUBLISHED or scenario.version != attempt.scenario_version:
        return _STALE
    step = attempt.current_step
    if step is None or step.is_ending:
        raise ApplicationError(_("Percobaan ini tidak mempunyai langkah yang menunggu jawaban."))
    order = attempt.answers.count() + 1
    if step.response_type == ResponseType.FREE_TEXT:
        text = (text or "").strip()
        if not text:
            raise ApplicationError(_("Tuliskan jawaban Anda."), field="text")
        if len(text) > MAX_ANSWER_CHARS:
            raise ApplicationError(
                _("Jawaban paling banyak %(n)s karakter.") % {"n": MAX_ANSWER_CHARS}, field="text"
            )
        graph, _steps, _choices = graph_of(scenario)
        result = sc.score_free_text(graph.steps[step.key], text)
        matched = [graph.steps[step.key].rubric[i] for i in result.matched]
        feedback = "\n".join(i.feedback for i in matched if i.feedback) or _(
            "Jawaban Anda belum memuat unsur yang diharapkan rubrik."
        )
        answer = AttemptAnswer(
            attempt=attempt,
            order=order,
            step=step,
            step_key=step.key,
            citizen_message=step.citizen_message,
            response_text=text,
            points=result.points,
            dimension_scores=dict(result.by_dimension),
            feedback=feedback,
        )
        next_step = Step.objects.filter(scenario=scenario, key=result.next).first() if result.next else None
    else:
        if choice is None or choice.step_id != step.pk:
            raise ApplicationError(_("Pilih salah satu jawaban pada langkah ini."), field="choice")
        answer = AttemptAnswer(
            attempt=attempt,
            order=order,
            step=step,
            step_key=step.key,
            citizen_message=step.citizen_message,
            choice=choice,
            response_text=choice.label,
            points=choice.points,
            dimension_scores=dict(choice.scores or {}),
            feedback=choice.feedback,
            critical=choice.critical,
        )
        next_step = choice.next_step
    answer.save()
    attempt.total_score += answer.points
    dims = dict(attempt.dimension_scores or {})
    for dim, pts in answer.dimension_scores.items():
        dims[dim] = dims.get(dim, 0) + int(pts)
    attempt.dimension_scores = dims
    attempt.critical = attempt.critical or answer.critical
    if next_step is None:  # a published scenario never leads nowhere; guard against data edits
        raise ApplicationError(_("Langkah berikutnya tidak ditemukan; hubungi penyusun skenario."))
    attempt.current_step = next_step
    finished = next_step.is_ending
    if finished:
        _finish(attempt, next_step)
    attempt.save()
    return AnswerResult(attempt=attempt, answer=answer, finished=finished, next_step=next_step)


def _finish(attempt: Attempt, ending: Step) -> None:
    attempt.status = AttemptStatus.FINISHED
    attempt.ending_step = ending
    attempt.finished_at = timezone.now()
    attempt.percent = sc.percent(attempt.total_score, attempt.max_score)
    attempt.passed = sc.passed(attempt.percent, attempt.pass_percent, critical=attempt.critical)
    if attempt.passed:
        attempt.record = _pass_effects(attempt)


def _pass_effects(attempt: Attempt) -> DevelopmentRecord:
    """A pass counts once per scenario and year as non-classical JP, and is evidence of the
    scenario's competencies at the level it targets (source: simulation)."""
    scenario, employee = attempt.scenario, attempt.employee
    day = timezone.localdate(attempt.finished_at) if attempt.finished_at else today()
    ref = f"scenario:{scenario.pk}:{day.year}"
    record = DevelopmentRecord.objects.filter(
        employee=employee, source=RecordSource.SIMULATION, source_ref=ref
    ).first()
    if record is None:
        record = record_upsert(
            employee=employee,
            kind=ActivityKind.SIMULATION,
            title=_("Simulasi: %(t)s") % {"t": scenario.title},
            organiser=SIMULATION_ORGANISER,
            start_date=day,
            end_date=day,
            jp=scenario.jp,
            source=RecordSource.SIMULATION,
            source_ref=ref,
            status=RecordStatus.VERIFIED,
            actor=None,
        )
    for link in scenario.competency_links.select_related("competency"):
        competency_assessment_record(
            employee=employee,
            competency=link.competency,
            level=link.level,
            source=AssessmentSource.SIMULATION,
            source_ref=f"scenario:{scenario.pk}",
            assessed_on=day,
            assessor_name=SIMULATION_ORGANISER,
            note=_("Lulus simulasi '%(t)s' dengan nilai %(p)s%%")
            % {"t": scenario.title, "p": attempt.percent},
            actor=None,
        )
    return record
