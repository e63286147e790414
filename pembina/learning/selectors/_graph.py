"""A scenario as the pure validator sees it (two queries), and as a JSON document (export/import)."""

from __future__ import annotations

from typing import Any

from pembina.learning.models import Choice, Scenario, Step
from pembina.learning.rules import scenario as sc


def _rubric(raw) -> tuple[sc.RubricItem, ...]:
    items = []
    for item in raw or []:
        if not isinstance(item, dict):
            items.append(sc.RubricItem("", "", 0, ()))
            continue
        points = item.get("points", 0)
        items.append(
            sc.RubricItem(
                label=str(item.get("label", "")),
                dimension=str(item.get("dimension", "")),
                points=points if isinstance(points, int) and not isinstance(points, bool) else 99,
                keywords=tuple(str(k) for k in item.get("keywords") or ()),
                feedback=str(item.get("feedback", "")),
            )
        )
    return tuple(items)


def graph_of(scenario: Scenario) -> tuple[sc.Graph, dict[int, Step], dict[int, Choice]]:
    steps = {s.pk: s for s in Step.objects.filter(scenario=scenario).order_by("order", "id")}
    choices: dict[int, list[Choice]] = {}
    all_choices = {}
    for c in Choice.objects.filter(step__scenario=scenario).order_by("order", "id"):
        choices.setdefault(c.step_id, []).append(c)
        all_choices[c.pk] = c
    key_of = {pk: s.key for pk, s in steps.items()}
    specs = {}
    for pk, s in steps.items():
        specs[s.key] = sc.StepSpec(
            key=s.key,
            response_type=s.response_type,
            is_ending=s.is_ending,
            choices=tuple(
                sc.ChoiceSpec(
                    ref=str(n),
                    label=c.label,
                    next=key_of.get(c.next_step_id),
                    scores={k: v for k, v in (c.scores or {}).items()},
                    feedback=c.feedback,
                    critical=c.critical,
                )
                for n, c in enumerate(choices.get(pk, []), 1)
            ),
            rubric=_rubric(s.rubric),
            next=key_of.get(s.next_step_id),
            low_next=key_of.get(s.low_next_step_id),
            min_points=s.min_points,
        )
    return sc.Graph(start=key_of.get(scenario.start_step_id), steps=specs), steps, all_choices


def document_of(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the JSON document `services.simulations.scenario_load` reads (round-trips)."""
    steps = list(Step.objects.filter(scenario=scenario).order_by("order", "id"))
    key_of = {s.pk: s.key for s in steps}
    choices: dict[int, list[Choice]] = {}
    for c in Choice.objects.filter(step__scenario=scenario).order_by("order", "id"):
        choices.setdefault(c.step_id, []).append(c)
    doc_steps = []
    for s in steps:
        item: dict[str, Any] = {"key": s.key}
        if s.title:
            item["title"] = s.title
        if s.situation:
            item["situation"] = s.situation
        item["citizen"] = s.citizen_message
        if s.is_ending:
            item["ending"] = s.ending_kind or "fair"
            if s.closing_feedback:
                item["feedback"] = s.closing_feedback
        elif s.response_type == sc.FREE_TEXT:
            item["type"] = "free_text"
            if s.prompt:
                item["prompt"] = s.prompt
            item["rubric"] = s.rubric
            item["next"] = key_of.get(s.next_step_id)
            if s.low_next_step_id:
                item["low_next"] = key_of.get(s.low_next_step_id)
            item["min_points"] = s.min_points
        else:
            item["choices"] = [
                {
                    "text": c.label,
                    "next": key_of.get(c.next_step_id),
                    "scores": c.scores,
                    "feedback": c.feedback,
                    **({"critical": True} if c.critical else {}),
                }
                for c in choices.get(s.pk, [])
            ]
        doc_steps.append(item)
    return {
        "code": scenario.code,
        "title": scenario.title,
        "service_context": scenario.service_context,
        "service_owner": scenario.service_owner,
        "channel": scenario.channel,
        "difficulty": scenario.difficulty,
        "briefing": scenario.briefing,
        "learning_goals": [g for g in scenario.learning_goals.splitlines() if g.strip()],
        "pass_percent": float(scenario.pass_percent),
        "jp": float(scenario.jp),
        "competencies": {
            link.competency.code: link.level
            for link in scenario.competency_links.select_related("competency").order_by("competency__code")
        },
        "start": key_of.get(scenario.start_step_id),
        "steps": doc_steps,
    }
