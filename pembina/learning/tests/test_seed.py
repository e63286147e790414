"""The seed data: every bundled scenario validates, loads, publishes and round-trips; the catalogue and
the demo year build."""

import pytest

from pembina.learning import selectors, services
from pembina.learning.models import Competency, CompetencyLevel, Scenario
from pembina.learning.rules import scenario as sc
from pembina.learning.services.seed import scenario_documents

DOCS = scenario_documents()


def test_there_are_at_least_eight_scenarios():
    assert len(DOCS) >= 8
    assert len({d["code"] for d in DOCS}) == len(DOCS)


@pytest.mark.parametrize("doc", DOCS, ids=[d["code"] for d in DOCS])
def test_every_seeded_scenario_is_valid_and_meaningful(doc):
    graph = sc.graph_from_document(doc)
    assert sc.validate(graph) == []
    assert len(graph.steps) >= 6
    assert sc.longest_path(graph) >= 4
    assert sc.count_paths(graph) >= 10  # real branches, not a line
    endings = {s.key for s in graph.steps.values() if s.is_ending}
    assert len(endings) >= 3
    assert any(s.response_type == sc.FREE_TEXT for s in graph.steps.values())
    dims = {d for s in graph.steps.values() for c in s.choices for d in c.scores}
    assert dims == set(sc.DIMENSIONS)  # every rubric dimension is exercised
    assert all(doc.get(k) for k in ("title", "service_context", "briefing", "learning_goals", "competencies"))


def test_the_bank_loads_publishes_and_is_idempotent(dictionary):
    scenarios = services.seed_scenario_bank()
    assert len(scenarios) == len(DOCS)
    assert all(s.status == "published" and s.max_score > 0 for s in scenarios)
    versions = {s.code: s.version for s in Scenario.objects.all()}
    services.seed_scenario_bank()
    assert {s.code: s.version for s in Scenario.objects.all()} == versions
    from pembina.learning.selectors._graph import document_of

    for s, doc in zip(scenarios, DOCS, strict=True):
        assert services.simulations._same(document_of(s), doc), s.code


def test_dictionary_is_complete(dictionary):
    assert Competency.objects.filter(kind="managerial").count() == 8
    assert Competency.objects.filter(kind="socio_cultural").count() == 1
    assert Competency.objects.filter(kind="technical").values("field").distinct().count() >= 4
    assert CompetencyLevel.objects.count() == 5 * Competency.objects.count()


def test_demo_year_builds(city, dictionary):
    counts = services.learning_demo_seed(instansi=city.instansi, seed=7)
    assert counts["programmes"] >= 12 and counts["events"] >= 12 and counts["scenarios"] >= 8
    assert counts["jp_summaries"] == 9
    again = services.learning_demo_seed(instansi=city.instansi, seed=7)
    assert again["events"] == counts["events"] and "records" not in again
    from pembina.learning.models import Certificate

    for cert in Certificate.objects.all()[:5]:
        assert selectors.certificate_verify(code=cert.code).valid
