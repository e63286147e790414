"""Simulations: authoring with validation, publishing, playing with scoring and feedback, the effects
of a pass (non-classical JP, competency evidence), and the OPD's scoped results."""

import pytest
from django.http import Http404

from pembina.core.exceptions import ApplicationError
from pembina.learning import selectors, services
from pembina.learning.choices import AttemptStatus, RecordStatus, ScenarioStatus
from pembina.learning.models import Attempt, CompetencyAssessment, DevelopmentRecord, Scenario
from pembina.learning.tests.conftest import fresh

DOC = {
    "code": "uji-loket",
    "title": "Warga marah di loket",
    "service_context": "Loket pelayanan",
    "channel": "counter",
    "difficulty": "basic",
    "pass_percent": 70,
    "jp": 2,
    "competencies": {"pelayanan-publik": 2},
    "start": "a",
    "steps": [
        {
            "key": "a",
            "citizen": "Kenapa lama sekali?",
            "choices": [
                {
                    "text": "Mohon maaf, apa keperluan Bapak?",
                    "next": "b",
                    "scores": {"need": 2, "manner": 2},
                    "feedback": "Empati.",
                },
                {"text": "Tunggu saja.", "next": "b", "scores": {"manner": -2}, "feedback": "Ketus."},
                {
                    "text": "Bayar saja biar cepat.",
                    "next": "end_bad",
                    "scores": {"procedure": -3},
                    "feedback": "Pungli.",
                    "critical": True,
                },
            ],
        },
        {
            "key": "b",
            "type": "free_text",
            "citizen": "Jadi bagaimana?",
            "rubric": [
                {"label": "maaf", "dimension": "manner", "points": 1, "keywords": ["maaf"]},
                {"label": "solusi", "dimension": "need", "points": 2, "keywords": ["loket 3", "saya antar"]},
            ],
            "next": "c",
            "low_next": "end_bad",
            "min_points": 2,
        },
        {
            "key": "c",
            "citizen": "Terima kasih.",
            "choices": [
                {
                    "text": "Saya catat masukan Bapak.",
                    "next": "end_good",
                    "scores": {"improvement": 3},
                    "feedback": "Perbaikan.",
                }
            ],
        },
        {"key": "end_good", "ending": "good", "citizen": "Selesai baik."},
        {"key": "end_bad", "ending": "poor", "citizen": "Selesai buruk."},
    ],
}


@pytest.fixture
def scenario(learning):
    return services.scenario_load(document=DOC, actor=fresh(learning.users["admin_bkpsdm"]), publish=True)


def test_only_bkpsdm_authors(learning):
    for who in ("pegawai", "admin_opd", "pimpinan", "auditor"):
        with pytest.raises(ApplicationError):
            services.scenario_create(code=f"x-{who}", data={"title": "x"}, actor=fresh(learning.users[who]))


def test_publishing_refuses_invalid_graphs(learning):
    bkpsdm = fresh(learning.users["admin_bkpsdm"])
    s = services.scenario_create(
        code="draf",
        data={"title": "Draf", "service_context": "Loket", "channel": "counter", "difficulty": "basic"},
        actor=bkpsdm,
    )
    services.step_save(scenario=s, key="a", data={"citizen_message": "Halo"}, actor=bkpsdm)
    services.step_save(
        scenario=s,
        key="end",
        data={"citizen_message": "Selesai", "is_ending": True, "ending_kind": "good"},
        actor=bkpsdm,
    )
    services.step_save(scenario=s, key="lost", data={"citizen_message": "Tidak tercapai"}, actor=bkpsdm)
    a = s.steps.get(key="a")
    services.choice_save(
        step=a, data={"label": "Jawab", "next": "end"}, actor=bkpsdm
    )  # no scores, no feedback
    with pytest.raises(ApplicationError) as exc:
        services.scenario_publish(scenario=s, actor=bkpsdm)
    found = {e["code"] for e in exc.value.extra["errors"]}
    assert {"unscored", "no_feedback", "unreachable", "dead_end"} <= found
    preview = selectors.scenario_preview(actor=bkpsdm, pk=s.pk)
    assert not preview.publishable and {p.code for p in preview.problems} == found
    # a cycle is refused too
    lost = s.steps.get(key="lost")
    services.choice_save(
        step=lost,
        data={"label": "Kembali", "next": "a", "scores": {"need": 1}, "feedback": "ok"},
        actor=bkpsdm,
    )
    services.choice_save(
        step=a,
        data={"label": "Ke lost", "next": "lost", "scores": {"need": 1}, "feedback": "ok"},
        actor=bkpsdm,
    )
    with pytest.raises(ApplicationError) as exc:
        services.scenario_publish(scenario=s, actor=bkpsdm)
    assert "cycle" in {e["code"] for e in exc.value.extra["errors"]}
    assert Scenario.objects.get(pk=s.pk).status == ScenarioStatus.DRAFT
    with pytest.raises(ApplicationError, match="Nilai rubrik"):
        services.choice_save(step=a, data={"label": "x", "next": "end", "scores": {"charm": 3}}, actor=bkpsdm)


def test_published_scenarios_are_read_only_and_round_trip(scenario, learning):
    bkpsdm = fresh(learning.users["admin_bkpsdm"])
    assert scenario.status == ScenarioStatus.PUBLISHED and scenario.version == 1 and scenario.max_score == 10
    with pytest.raises(ApplicationError, match="draf"):
        services.step_save(scenario=scenario, key="a", data={"citizen_message": "Ubah"}, actor=bkpsdm)
    doc = selectors.scenario_document(actor=bkpsdm, pk=scenario.pk)
    again = services.scenario_load(document=doc, actor=bkpsdm, publish=True)
    assert again.pk == scenario.pk and again.version == 1  # identical document: nothing changed
    with pytest.raises(Http404):
        selectors.scenario_document(actor=fresh(learning.users["pegawai"]), pk=scenario.pk)


def _play(attempt, user, answers):
    result = None
    for answer in answers:
        state = selectors.attempt_state(actor=user, pk=attempt.pk)
        if isinstance(answer, int):
            choice = state.step.choices.order_by("order")[answer]
            result = services.simulation_attempt_answer(attempt=attempt, choice=choice, actor=user)
        else:
            result = services.simulation_attempt_answer(attempt=attempt, text=answer, actor=user)
    return result


def test_a_good_play_passes_and_counts(scenario, learning):
    user = fresh(learning.users["pegawai"])
    attempt = services.simulation_attempt_start(scenario=scenario, actor=user)
    state = selectors.attempt_state(actor=user, pk=attempt.pk)
    assert [c.label for c in state.choices][0].startswith("Mohon maaf")
    assert not hasattr(state.choices[0], "scores")  # the learner does not see scores before answering
    result = _play(attempt, user, [0, "Mohon maaf, Pak. Saya antar ke loket 3 sekarang.", 0])
    assert result.finished
    attempt.refresh_from_db()
    assert (attempt.total_score, attempt.max_score, attempt.percent, attempt.passed) == (10, 10, 100, True)
    assert attempt.dimension_scores == {"need": 4, "manner": 3, "improvement": 3}
    answers = selectors.attempt_state(actor=user, pk=attempt.pk).answers
    assert [a.feedback for a in answers][0] == "Empati." and answers[1].points == 3
    record = DevelopmentRecord.objects.get(employee=attempt.employee, source="simulation")
    assert (record.kind, record.mode, record.jp, record.status) == (
        "simulation",
        "non_classical",
        2,
        RecordStatus.VERIFIED,
    )
    assert CompetencyAssessment.objects.get(employee=attempt.employee, source="simulation").level == 2
    # a second pass of the same scenario in the same year adds no JP
    second = services.simulation_attempt_start(scenario=scenario, actor=user)
    _play(second, user, [0, "maaf, saya antar", 0])
    assert DevelopmentRecord.objects.filter(employee=attempt.employee, source="simulation").count() == 1


def test_a_weak_answer_branches_and_a_critical_choice_fails(scenario, learning):
    user = fresh(learning.users["pegawai"])
    attempt = services.simulation_attempt_start(scenario=scenario, actor=user)
    _play(attempt, user, [1, "Tidak tahu."])
    attempt.refresh_from_db()
    assert (
        attempt.status == AttemptStatus.FINISHED
        and attempt.ending_step.key == "end_bad"
        and not attempt.passed
    )
    assert attempt.percent == 0  # negative totals are shown as 0%
    crit = services.simulation_attempt_start(scenario=scenario, actor=user)
    _play(crit, user, [2])
    crit.refresh_from_db()
    assert crit.critical and not crit.passed
    assert not DevelopmentRecord.objects.filter(employee=crit.employee).exists()


def test_answers_are_checked(scenario, learning):
    user = fresh(learning.users["pegawai"])
    attempt = services.simulation_attempt_start(scenario=scenario, actor=user)
    assert services.simulation_attempt_start(scenario=scenario, actor=user).pk == attempt.pk  # resumed
    other_step_choice = scenario.steps.get(key="c").choices.get()
    with pytest.raises(ApplicationError, match="Pilih"):
        services.simulation_attempt_answer(attempt=attempt, choice=other_step_choice, actor=user)
    with pytest.raises(ApplicationError):
        services.simulation_attempt_answer(
            attempt=attempt, choice=None, actor=fresh(learning.users["atasan"])
        )
    bkpsdm = fresh(learning.users["admin_bkpsdm"])
    services.scenario_unpublish(scenario=scenario, actor=bkpsdm)
    with pytest.raises(ApplicationError, match="mulai ulang"):
        services.simulation_attempt_answer(
            attempt=attempt, choice=scenario.steps.get(key="a").choices.first(), actor=user
        )
    assert Attempt.objects.get(pk=attempt.pk).status == AttemptStatus.ABANDONED
    with pytest.raises(Http404):  # a withdrawn scenario is out of the learners' sight
        services.simulation_attempt_start(scenario=Scenario.objects.get(pk=scenario.pk), actor=user)
    with pytest.raises(ApplicationError, match="pegawai"):
        services.simulation_attempt_start(scenario=scenario, actor=bkpsdm)


def test_learners_see_published_scenarios_and_opd_sees_its_staff_results(scenario, learning):
    users = learning.users
    pegawai = fresh(users["pegawai"])
    attempt = services.simulation_attempt_start(scenario=scenario, actor=pegawai)
    _play(attempt, pegawai, [0, "maaf, saya antar ke loket 3", 0])
    luar = fresh(users["luar"])
    other = services.simulation_attempt_start(scenario=scenario, actor=luar)
    _play(other, luar, [1, "tidak"])
    admin_opd = fresh(users["admin_opd"])
    results = selectors.simulation_results(actor=admin_opd, opd_pk=learning.city.dinas_a.pk)
    assert [(r.attempts, r.learners, r.passed_learners) for r in results] == [(1, 1, 1)]
    assert set(selectors.attempt_list(actor=admin_opd)) == {attempt}
    city_results = selectors.simulation_results(actor=fresh(users["pimpinan"]))
    assert [(r.attempts, r.learners, r.passed_learners) for r in city_results] == [(2, 2, 1)]
    with pytest.raises(Http404):
        selectors.simulation_results(actor=admin_opd, opd_pk=learning.city.dinas_b.pk)
    with pytest.raises(Http404):
        selectors.attempt_state(actor=luar, pk=attempt.pk)
    draft = services.scenario_create(
        code="belum",
        data={"title": "Belum", "service_context": "x", "channel": "phone", "difficulty": "basic"},
        actor=None,
    )
    assert draft not in set(selectors.scenario_list(actor=pegawai))
    listed = {s.pk: s for s in selectors.scenario_list(actor=pegawai)}
    assert listed[scenario.pk].my_best == 100
